import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parse } from '../../server/src/core';
import { anyTextArb, mutatedTranscriptArb, transcriptArb } from '../reliability/gen';
import { CLEAN, codes, lines } from './util';

describe('parser', () => {
  it('reads sections, chapters, tags, labels, stamps and headings', () => {
    const m = parse(CLEAN);
    assert.deepEqual(
      m.sections.map((s) => `${s.name}@${s.headerLine}`),
      [
        'Generated Shownotes@0',
        'Chapters@1',
        'Long Summary@4',
        'Brief Summary@6',
        'Tags@8',
        'Transcript@10',
      ],
    );
    assert.deepEqual(
      m.chapters.map((c) => [c.seconds, c.title]),
      [
        [0, 'Begrüßung'],
        [70, 'Neuigkeiten'],
      ],
    );
    assert.deepEqual(
      m.tags.map((t) => t.text),
      ['Podcast', 'Verwaltung'],
    );
    assert.deepEqual(
      m.labels.map((l) => `${l.name}@${l.line}`),
      ['Malte@12', 'Stefan@14', 'Malte@17', 'Stefan@21'],
    );
    assert.deepEqual(
      m.stamps.map((s) => s.seconds),
      [5, 20, 72, 100, 125],
    );
    assert.deepEqual(
      m.headings.map((h) => `${h.chapter}@${h.line}`),
      ['0@11', '1@16'],
    );
    assert.deepEqual(
      m.turns.map((t) => [t.startLine, t.endLine, t.words]),
      [
        [12, 13, 7],
        [14, 15, 5],
        [17, 20, 10],
        [21, 22, 1],
      ],
    );
    assert.equal(m.paragraphs.length, 5);
    assert.deepEqual(codes(CLEAN), []);
  });

  it('tells a prose line ending in a colon from a label', () => {
    const m = parse(
      lines(
        'Malte:',
        '[0:01] Ich sage nur eins und zwar:',
        'Und zwar:',
        'Es geht weiter.',
        'Stefan:',
        '[0:09] Ja.',
      ),
    );
    assert.deepEqual(
      m.labels.map((l) => l.name),
      ['Malte', 'Stefan'],
    );
  });

  it('never takes a word with a colon inside for a label', () => {
    const m = parse(lines('Malte:', '[0:01] Text', 'Unterstützer:innendank', '[0:05] mehr'));
    assert.deepEqual(
      m.labels.map((l) => l.name),
      ['Malte'],
    );
  });

  it('accepts labels of every usual shape', () => {
    const m = parse(
      lines(
        'Speaker 2:',
        '[0:01] a',
        'SPEAKER_00:',
        '[0:02] b',
        'Dr. Alessia Neuroni:',
        '[0:03] c',
      ),
    );
    assert.deepEqual(
      m.labels.map((l) => l.name),
      ['Speaker 2', 'SPEAKER_00', 'Dr. Alessia Neuroni'],
    );
  });

  it('takes only names of 1 to 60 characters, without a colon or a leading bracket or space', () => {
    const label = (line: string) =>
      parse(lines(line, '[0:01] a')).labels.map((l) => [l.name, l.nameRange.end.character]);
    assert.deepEqual(label(`${'A'.repeat(60)}:`), [['A'.repeat(60), 60]]);
    assert.deepEqual(label(`${'A'.repeat(61)}:`), []);
    assert.deepEqual(label('Malte :\t '), [['Malte', 5]]);
    assert.deepEqual(label('  Malte\u00a0:'), [['Malte', 7]]);
    assert.deepEqual(label('\u00a0Malte:'), []);
    assert.deepEqual(label('[Malte]:'), []);
    assert.deepEqual(label('a:b:'), []);
    assert.deepEqual(label('Malte:\u00a0'), []);
  });

  it('treats a file without Transcript header as a bare transcript', () => {
    const m = parse(lines('Malte:', '[0:01] Hallo', '', 'Stefan:', '', '[0:05] Hi'));
    assert.equal(m.sections.length, 0);
    assert.deepEqual(
      m.labels.map((l) => l.name),
      ['Malte', 'Stefan'],
    );
    assert.equal(m.stamps.length, 2);
    assert.ok(m.looksLikeTranscript);
  });

  it('keeps a label of an empty turn when the name is used elsewhere', () => {
    const m = parse(lines('Malte:', '[0:01] a', 'Malte:', 'Stefan:', '[0:02] b'));
    assert.deepEqual(
      m.labels.map((l) => l.line),
      [0, 2, 3],
    );
  });

  it('reads CRLF, a BOM and a missing final newline alike', () => {
    const lf = CLEAN;
    const crlf = '\uFEFF' + CLEAN.replace(/\n/g, '\r\n') + '\r\n';
    const a = parse(lf);
    const b = parse(crlf);
    assert.deepEqual(
      b.labels.map((l) => l.name),
      a.labels.map((l) => l.name),
    );
    assert.deepEqual(
      b.sections.map((s) => s.headerLine),
      a.sections.map((s) => s.headerLine),
    );
    assert.deepEqual(b.headings.length, a.headings.length);
  });

  it('never throws and reports non-transcripts once', () => {
    for (const text of [
      '',
      '\uFEFF',
      '\0\0\u0001binary\0',
      'Just a shopping list.\nMilk\nEggs',
      '['.repeat(5000),
    ]) {
      const found = codes(text);
      assert.ok(found.length <= 1, JSON.stringify(found));
    }
    assert.deepEqual(codes('Milk\nEggs'), ['1:1 not-a-transcript']);
    assert.deepEqual(codes(''), []);
    assert.match(parseMessage('\0\0binary'), /binary/);
  });

  it('reports malformed chapter entries and duplicate sections', () => {
    const text = lines(
      'Chapters',
      '0:00:00 Intro',
      'Intro without time',
      '0:01:00',
      'Tags',
      'a',
      'Tags',
      'b',
    );
    assert.deepEqual(codes(text), [
      '3:1 chapter-entry-malformed',
      '4:1 chapter-entry-malformed',
      '7:1 section-duplicate',
    ]);
  });

  it('counts the words of a paragraph on its prose lines only: words > 0 exactly when hasWords', () => {
    // An ideographic space is white space to the parser (a blank line) though
    // not to a word count over raw lines; a paragraph without a Transcript
    // header can reach past other sections.
    const m = parse(lines('Anna:', '[0:01] hallo du', '\u3000', 'da'));
    assert.deepEqual(
      m.paragraphs.map((p) => p.words),
      [3],
    );
    assert.equal(m.turns[0].words, 3);
    fc.assert(
      fc.property(fc.oneof(transcriptArb, mutatedTranscriptArb, anyTextArb), (text) => {
        const model = parse(text);
        for (const p of model.paragraphs) assert.equal(p.words > 0, p.hasWords, text);
        for (const t of model.turns) assert.equal(t.words > 0, t.hasWords, text);
      }),
      { numRuns: 500 },
    );
  });
});

function parseMessage(text: string): string {
  return parse(text).findings[0]?.message ?? '';
}
