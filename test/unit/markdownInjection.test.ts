/**
 * Hostile chapter titles, names, words and file names in the Markdown we
 * build: parsed as VS Code's Markdown preview parses it (markdown-it, HTML
 * on, bare links on), they must stay text: no image, no HTML, no link but a
 * bare URL's, no emphasis or code, no table cell or block of their own.
 */
import { strict as assert } from 'node:assert';
import MarkdownIt from 'markdown-it';
import { hover, parse, statistics, statisticsMarkdown } from '../../server/src/core';
import { escapeMarkdown } from '../../server/src/core/markdown';
import { lines } from './util';

const options = { html: true, linkify: true };
const md = new MarkdownIt(options);

const HOSTILE = [
  '![x](https://evil.example/a.png)',
  '<img src="https://evil.example/b.png">',
  '<https://evil.example/c.png>',
  '[Link](https://evil.example/) und [Ref][1]',
  '**Fett** und `Code` und ``',
  '_kursiv_ ~~weg~~ $x^2$ | Zelle &amp; &#60;img&#62;',
  'Ende mit Backslash\\',
  '# Überschrift',
  '- Liste',
  '1. Liste',
  '> Zitat',
];

type Token = MarkdownIt.Token;

function flatten(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    out.push(t);
    if (t.children) for (const c of flatten(t.children)) out.push(c);
  }
  return out;
}

/** The text of the inline tokens between an opening token and its close. */
function textIn(tokens: readonly Token[], open: string, nth = 0): string {
  const close = open.replace(/_open$/, '_close');
  let seen = -1;
  let depth = 0;
  let text = '';
  for (const t of tokens) {
    if (t.type === open) {
      if (depth === 0) seen++;
      depth++;
      continue;
    }
    if (t.type === close) {
      depth--;
      if (depth === 0 && seen === nth) return text;
      continue;
    }
    if (depth > 0 && seen === nth && (t.type === 'text' || t.type === 'text_special'))
      text += t.content;
  }
  return text;
}

/** Nothing but text, paragraphs, strong (as many as we wrote), quotes, tables and headings. */
function assertOnlyText(markdown: string, strong: number, what: string): Token[] {
  const tokens = flatten(md.parse(markdown, {}));
  const allowed = new Set([
    'paragraph_open',
    'paragraph_close',
    'inline',
    'text',
    'text_special',
    'softbreak',
    'strong_open',
    'strong_close',
    'blockquote_open',
    'blockquote_close',
    'heading_open',
    'heading_close',
    'table_open',
    'table_close',
    'thead_open',
    'thead_close',
    'tbody_open',
    'tbody_close',
    'tr_open',
    'tr_close',
    'th_open',
    'th_close',
    'td_open',
    'td_close',
  ]);
  // A bare URL in the text becomes a link (as in any Markdown VS Code shows): a link, not an image.
  const bareLink = (t: Token) =>
    (t.type === 'link_open' || t.type === 'link_close') && t.markup === 'linkify';
  const odd = tokens
    .filter((t) => !allowed.has(t.type) && !bareLink(t))
    .map((t) => `${t.type} ${t.content}`);
  assert.deepEqual(odd, [], `${what}: ${markdown}`);
  assert.equal(tokens.filter((t) => t.type === 'strong_open').length, strong, markdown);
  return tokens;
}

describe('Markdown built from user text', () => {
  for (const hostile of HOSTILE) {
    it(`keeps ${JSON.stringify(hostile)} as text in hovers`, () => {
      const model = parse(
        lines(
          'Chapters',
          `0:00:00 ${hostile}`,
          'Transcript',
          'Malte:',
          `[0:01] ${hostile}`,
          'Stefan:',
          '[0:05] Hi.',
        ),
      );
      assert.equal(model.chapters[0]?.title, hostile, 'the title as written');

      const entry = hover(model, { line: 1, character: 0 });
      assert.ok(entry);
      const entryTokens = assertOnlyText(entry.markdown, 1, 'chapter entry');
      assert.equal(textIn(entryTokens, 'strong_open'), hostile);
      assert.equal(textIn(entryTokens, 'blockquote_open'), hostile, 'first words');

      const stamp = hover(model, { line: 4, character: 2 });
      assert.ok(stamp);
      const stampTokens = assertOnlyText(stamp.markdown, 1, 'timestamp');
      assert.equal(textIn(stampTokens, 'strong_open'), hostile);
    });

    it(`keeps ${JSON.stringify(hostile)} as text in the statistics`, () => {
      const model = parse(
        lines('Chapters', `0:00:00 ${hostile}`, 'Transcript', 'Malte:', '[0:01] Hallo.'),
      );
      const markdown = statisticsMarkdown(statistics(model), `${hostile}.transcript`);
      const tokens = assertOnlyText(markdown, 0, 'statistics');
      assert.equal(textIn(tokens, 'heading_open'), `Statistics: ${hostile}.transcript`);
      // Speakers: header and one row of six cells; chapters: header and one row of five.
      assert.equal(tokens.filter((t) => t.type === 'tr_open').length, 4, markdown);
      assert.equal(tokens.filter((t) => t.type === 'td_open').length, 6 + 5, markdown);
      const cells = tokens.filter((t) => t.type === 'td_open' || t.type === 'td_close');
      assert.equal(cells.length, 22);
      assert.equal(textIn(tokens, 'td_open', 7), hostile, 'the chapter cell');
    });
  }

  it('keeps hostile speaker names as text in hovers and statistics', () => {
    for (const name of [
      '**Malte**',
      'Ma_lte_',
      'Malte `x`',
      'Malte | Stefan',
      'Malte <b>',
      'Malte [1]',
    ]) {
      const model = parse(lines('Transcript', `${name}:`, '[0:01] Hallo.'));
      assert.equal(model.labels[0]?.name, name, 'a label');
      const h = hover(model, { line: 1, character: 0 });
      assert.ok(h, name);
      assert.equal(textIn(assertOnlyText(h.markdown, 1, 'label'), 'strong_open'), name);
      const tokens = assertOnlyText(statisticsMarkdown(statistics(model)), 0, 'statistics');
      assert.equal(textIn(tokens, 'td_open', 0), name);
    }
  });

  it('escapes a line break and block markers, and leaves plain words alone', () => {
    assert.equal(
      escapeMarkdown('Begrüßung, Teil 1: Open Data (Wiesenhagen).'),
      'Begrüßung, Teil 1: Open Data (Wiesenhagen).',
    );
    assert.equal(escapeMarkdown('a\nb\r\nc'), 'a b c');
    assert.equal(escapeMarkdown('# x'), '\\# x');
    assert.equal(escapeMarkdown('12. x'), '12\\. x');
  });
});
