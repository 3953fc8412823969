/**
 * Reading again after an edit (`reread`, `analyzeEdited`): the model made
 * from the previous one must be the model the parser makes of the new text,
 * and the findings those of a full analysis. The full analysis is the oracle.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import fc from 'fast-check';
import {
  analyze,
  analyzeEdited,
  applyChange,
  changedSpan,
  DEFAULT_SETTINGS,
  LineIndex,
  outline,
  parse,
  pos,
  range,
  readSettings,
  reread,
  type Analysis,
  type OutlineNode,
  type Settings,
  type TranscriptModel,
} from '../../server/src/core';
import { exportTranscript } from '../../server/src/core/formats/export';
import {
  hostileUnit,
  mutatedTranscriptArb,
  NAMES,
  TITLES,
  transcriptArb,
  WORDS,
} from '../reliability/gen';

const EXAMPLE = fs.readFileSync('examples/episode.txt', 'utf8');

/** Everything a model says, as plain data (words counted, ranges made). */
function snapshot(model: TranscriptModel): unknown {
  const { text } = model;
  const lines: string[] = [];
  for (let i = 0; i < text.lineCount; i++) lines.push(text.line(i));
  return {
    layout: model.layout,
    text: text.text,
    lines,
    eol: text.eol,
    sections: model.sections,
    chapters: model.chapters,
    tags: model.tags,
    body: model.body,
    labels: model.labels.map((l) => [l.line, l.name, l.nameRange, l.range]),
    turns: model.turns.map((t) => [
      t.label.line,
      t.startLine,
      t.endLine,
      t.paragraphs,
      t.words,
      t.hasWords,
    ]),
    paragraphs: model.paragraphs.map((p) => [
      p.startLine,
      p.endLine,
      p.stamp && [p.stamp.line, p.stamp.seconds, p.stamp.range],
      p.turn,
      p.words,
      p.hasWords,
    ]),
    stamps: model.stamps.map((s) => [s.line, s.seconds, s.range]),
    malformedStamps: model.malformedStamps,
    headings: model.headings,
    prose: [Array.from(model.prose.lines), Array.from(model.prose.starts)],
    cues: model.cues,
    sideChapters: model.sideChapters,
    looksLikeTranscript: model.looksLikeTranscript,
    findings: model.findings,
  };
}

/** Findings as plain data, their fixes too (made when first read on some findings). */
function plain(findings: Analysis['findings']): unknown {
  return JSON.parse(
    JSON.stringify(
      findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        range: f.range,
        message: f.message,
        related: f.related,
        fixes: f.fixes,
      })),
    ),
  );
}

function assertSameAnalysis(edited: Analysis, full: Analysis, what: string): void {
  assert.deepEqual(snapshot(edited.model), snapshot(full.model), `model after ${what}`);
  assert.deepEqual(plain(edited.findings), plain(full.findings), `findings after ${what}`);
}

/** Text with `insert` put in place of `cut` characters at (line, column) of `text`. */
function edit(text: string, line: number, column: number, cut: number, insert: string): string {
  const index = new LineIndex(text);
  const l = line % index.lineCount;
  const start = index.lineStart(l) + (column % (index.lineLength(l) + 1));
  const end = Math.min(index.lineStart(l) + index.lineLength(l), start + cut);
  return text.slice(0, start) + insert + text.slice(end);
}

/** `edit` as an editor sends it to the server: a change of a range, applied to the index. */
function editIndex(
  index: LineIndex,
  line: number,
  column: number,
  cut: number,
  insert: string,
): LineIndex {
  const l = line % index.lineCount;
  const start = column % (index.lineLength(l) + 1);
  const end = Math.min(index.lineLength(l), start + cut);
  // Sent the wrong way round now and then: the range is taken right.
  const r = range(l, start, end);
  return applyChange(index, (line & 4) === 0 ? r : { start: r.end, end: r.start }, insert);
}

describe('reading again after an edit', () => {
  describe('changedSpan', () => {
    it('finds the part two texts do not share, also past the block size', () => {
      assert.equal(changedSpan('abc', 'abc'), undefined);
      assert.deepEqual(changedSpan('abc', 'abxc'), { start: 2, beforeEnd: 2, afterEnd: 3 });
      assert.deepEqual(changedSpan('abc', 'ac'), { start: 1, beforeEnd: 2, afterEnd: 1 });
      assert.deepEqual(changedSpan('', 'a'), { start: 0, beforeEnd: 0, afterEnd: 1 });
      // Repeated characters: the common start is taken first, as long as it goes.
      assert.deepEqual(changedSpan('xx', 'xxx'), { start: 2, beforeEnd: 2, afterEnd: 3 });
      const long = 'a'.repeat(5000) + 'b'.repeat(3000);
      const changed = long.slice(0, 4321) + 'Q' + long.slice(4322);
      assert.deepEqual(changedSpan(long, changed), {
        start: 4321,
        beforeEnd: 4322,
        afterEnd: 4322,
      });
    });

    it('gives spans that turn one text into the other (fast-check)', () => {
      fc.assert(
        fc.property(
          fc.string({ maxLength: 3000 }),
          fc.string({ maxLength: 3000 }),
          fc.string({ maxLength: 40 }),
          fc.nat(),
          (a, b, insert, at) => {
            for (const [x, y] of [
              [a, b],
              [a, a.slice(0, at % (a.length + 1)) + insert + a.slice(at % (a.length + 1))],
            ]) {
              const span = changedSpan(x, y);
              if (x === y) {
                assert.equal(span, undefined);
                continue;
              }
              assert.ok(span);
              assert.equal(x.slice(0, span.start), y.slice(0, span.start));
              assert.equal(x.slice(span.beforeEnd), y.slice(span.afterEnd));
              assert.equal(
                x.slice(0, span.start) +
                  y.slice(span.start, span.afterEnd) +
                  x.slice(span.beforeEnd),
                y,
              );
            }
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  describe('LineIndex.edited', () => {
    it('is the index of the edited text, and remembers its base one step deep', () => {
      const base = new LineIndex('one\r\ntwo\nthree\rfour');
      const text = 'one\r\ntwo and more\nthree\rfour';
      const edited = base.edited(text, 1);
      const fresh = new LineIndex(text);
      assert.equal(edited.lineCount, fresh.lineCount);
      for (let i = 0; i < fresh.lineCount; i++) {
        assert.equal(edited.line(i), fresh.line(i));
        assert.equal(edited.lineStart(i), fresh.lineStart(i));
      }
      assert.equal(edited.eol, '\r\n');
      assert.deepEqual(edited.positionAt(text.length), fresh.positionAt(text.length));
      assert.equal(edited.editOf?.base, base);
      assert.equal(edited.editOf?.line, 1);
      const again = edited.edited('one\r\ntwo and more\nthree!\rfour', 2);
      assert.equal(again.editOf?.base, edited);
      assert.equal(edited.editOf, undefined, 'the earlier base is let go');
    });
  });

  describe('LineIndex.withLine and applyChange', () => {
    /** Every line, line start, line break, position and the head agree with a fresh index. */
    const assertSameIndex = (made: LineIndex, text: string, what: string) => {
      const fresh = new LineIndex(text);
      assert.equal(made.length, text.length, what);
      assert.equal(made.lineCount, fresh.lineCount, what);
      for (let i = 0; i < fresh.lineCount; i++) {
        assert.equal(made.line(i), fresh.line(i), `${what}: line ${i}`);
        assert.equal(made.lineStart(i), fresh.lineStart(i), `${what}: start of line ${i}`);
        assert.equal(made.breakAfter(i), fresh.breakAfter(i), `${what}: break after line ${i}`);
        // A range in the line (clamped past its end), and one into the next line.
        for (const r of [range(i, 1, 4), { start: pos(i, 2), end: pos(i + 1, 1) }])
          assert.equal(
            made.textIn(r),
            text.slice(fresh.offsetAt(r.start), fresh.offsetAt(r.end)),
            `${what}: text in ${JSON.stringify(r)}`,
          );
      }
      for (const n of [0, 3, 10, text.length, text.length + 5])
        assert.equal(made.head(n), text.slice(0, n), `${what}: head(${n})`);
      for (let o = 0; o <= text.length; o += 3)
        assert.deepEqual(made.positionAt(o), fresh.positionAt(o), `${what}: positionAt(${o})`);
    };

    it('change a line without joining the text, and join it to the same text (fast-check)', () => {
      const textArb = fc
        .array(fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r')), {
          maxLength: 8,
        })
        .map((ls) => ls.map(([l, b]) => l.replace(/[\r\n]/g, '') + b).join('') + 'end');
      const changeArb = fc.record({
        line: fc.nat(),
        from: fc.nat({ max: 12 }),
        to: fc.nat({ max: 12 }),
        text: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('\n', 'a\r\nb', '\r')),
        toLine: fc.oneof(fc.constant(0), fc.nat({ max: 2 })),
      });
      fc.assert(
        fc.property(textArb, fc.array(changeArb, { maxLength: 80 }), (start, changes) => {
          let text = start;
          let index = new LineIndex(text);
          for (const [n, c] of changes.entries()) {
            const line = c.line % index.lineCount;
            const r = {
              start: { line, character: c.from },
              end: { line: line + c.toLine, character: c.to },
            };
            const before = index;
            index = applyChange(index, r, c.text);
            const reference = new LineIndex(text);
            const [a, b] = c.toLine === 0 && c.to < c.from ? [r.end, r.start] : [r.start, r.end];
            text =
              text.slice(0, reference.offsetAt(a)) + c.text + text.slice(reference.offsetAt(b));
            const inLine = c.toLine === 0 && !/[\r\n]/.test(c.text);
            // Inside a line: made from the one before, unless an emptied line
            // joined a lone \r and a \n into one break.
            if (inLine && index !== before && index.lineCount === before.lineCount)
              assert.equal(index.editOf?.base, before);
            // Every fourth state is checked joined, the others line by line.
            if (n % 4 === 3) assert.equal(index.text, text, `change ${n + 1}: the joined text`);
            assertSameIndex(index, text, `change ${n + 1} ${JSON.stringify(c)}`);
          }
          assert.equal(index.text, text);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('LineIndex line table', () => {
    it('moves lines by shifts and folds them into a new table past 32 (fast-check)', () => {
      // Many lines, so that the shifts of distinct lines outgrow what is kept apart.
      const start = Array.from({ length: 120 }, (_, i) => `line ${i}`).join('\r\n');
      const editArb = fc.record({
        line: fc.nat({ max: 119 }),
        from: fc.nat({ max: 10 }),
        cut: fc.nat({ max: 4 }),
        text: fc.string({ maxLength: 5 }).map((t) => t.replace(/[\r\n]/g, '')),
        joined: fc.boolean(),
      });
      fc.assert(
        fc.property(fc.array(editArb, { minLength: 40, maxLength: 150 }), (edits) => {
          let index = new LineIndex(start);
          let text = start;
          for (const [n, e] of edits.entries()) {
            const r = range(e.line, e.from, e.from + e.cut);
            const reference = new LineIndex(text);
            text =
              text.slice(0, reference.offsetAt(r.start)) +
              e.text +
              text.slice(reference.offsetAt(r.end));
            // By withLine (as the server) or by edited (a string), in turn.
            index = e.joined
              ? index.edited(
                  index.text.slice(0, index.offsetAt(r.start)) +
                    e.text +
                    index.text.slice(index.offsetAt(r.end)),
                  e.line,
                )
              : applyChange(index, r, e.text);
            const fresh = new LineIndex(text);
            for (let l = 0; l < fresh.lineCount; l++) {
              assert.equal(index.lineStart(l), fresh.lineStart(l), `edit ${n + 1}: start of ${l}`);
              assert.equal(
                index.lineLength(l),
                fresh.lineLength(l),
                `edit ${n + 1}: length of ${l}`,
              );
            }
            assert.deepEqual(
              index.positionAt(text.length >> 1),
              fresh.positionAt(text.length >> 1),
            );
          }
          assert.equal(index.text, text);
        }),
        { numRuns: 60 },
      );
    });
  });

  describe('reread', () => {
    const line = (text: string, needle: string) =>
      text.split('\n').findIndex((l) => l.includes(needle));

    it('makes the model of a paragraph being typed in from the previous one', () => {
      const before = parse(EXAMPLE);
      const l = line(EXAMPLE, 'Open-Data-Portal aufgebaut');
      const bodyLine = EXAMPLE.split('\n').findIndex(
        (s, i) => i > before.body!.startLine && s.startsWith('[') && s.length > 40,
      );
      assert.ok(l >= 0 && bodyLine > 0);
      const text = edit(EXAMPLE, bodyLine, 20, 0, 'ein paar Worte ');
      const model = reread(before, text);
      assert.ok(model, 'reread the typing in a paragraph');
      assert.notEqual(model, before);
      assert.equal(model.prose, before.prose, 'the prose spans are the same object');
      assert.equal(model.text.editOf?.line, bodyLine);
      assert.deepEqual(snapshot(model), snapshot(parse(text)));
      assert.equal(reread(before, EXAMPLE), before, 'the same text: the same model');
    });

    it('leaves to the parser what may change the structure', () => {
      const before = parse(EXAMPLE);
      const lines = EXAMPLE.split('\n');
      const firstStamp = lines.findIndex((s, i) => i > before.body!.startLine && /^\[/.test(s));
      const label = before.labels[3].line;
      const heading = before.headings[1].line;
      const summary = line(EXAMPLE, 'Open-Data-Portal aufgebaut');
      const textLine = lines.findIndex(
        (s, i) => i > before.body!.startLine && /^[A-ZÄÖÜ][a-zäöü]/.test(s) && !s.endsWith(':'),
      );
      const cases: [string, string][] = [
        ['a line break', edit(EXAMPLE, firstStamp, 20, 0, '\n')],
        ['a label edited', edit(EXAMPLE, label, 2, 0, 'x')],
        ['a heading edited', edit(EXAMPLE, heading, 3, 0, 'x')],
        ['the stamp edited', edit(EXAMPLE, firstStamp, 2, 1, '9')],
        ['the summary edited', edit(EXAMPLE, summary, 10, 0, 'x')],
        ['right after the stamp', edit(EXAMPLE, firstStamp, 6, 0, 'X')],
        ['a stamp line emptied', edit(EXAMPLE, firstStamp, 7, 10_000, ' ')],
      ];
      if (textLine >= 0) {
        cases.push(['a text line made a label', edit(EXAMPLE, textLine, 10_000, 0, ':')]);
        cases.push([
          'a text line made a heading',
          lines
            .map((s, i) => (i === textLine ? s.charAt(0) + before.chapters[2].title.slice(1) : s))
            .join('\n'),
        ]);
      }
      for (const [what, text] of cases) {
        assert.notEqual(text, EXAMPLE, what);
        assert.equal(reread(before, text), undefined, what);
      }
    });

    it('leaves to the parser a line starting with wide white space, which may become blank', () => {
      // The parser calls a line of U+3000 and the like blank; `hasWord` counts
      // some of them as words. Emptied, the line would be prose to a reread
      // model and blank to the parser ('Anna:' then heads an empty turn).
      for (const space of ['\u3000', '\u00a0\u3000', '\u2028\u205f', '\u2003']) {
        const start = `Transcript\nAnna:\n${space}ab\n[0:05]\n`;
        const text = start.replace(`${space}ab`, space);
        assert.equal(reread(parse(start), text), undefined, JSON.stringify(space));
        assertSameAnalysis(
          analyzeEdited(analyze(start), text),
          analyze(text),
          JSON.stringify(space),
        );
      }
    });

    it('reads a text layout line again only when the reader reads it alike', () => {
      const otter = 'Anna  0:00\nHallo zusammen.\n\nBernd  0:05\nNa gut.\n';
      // As the server sends it: the line replaced in the model's own index.
      const line = (index: LineIndex, at: number, content: string) =>
        applyChange(index, range(at, 0, index.lineLength(at)), content);
      const cases: [string, number, string, boolean][] = [
        // Words typed in a line of text, and in a header's text.
        [otter, 1, 'Hallo ihr alle.', true],
        ['Anna (00:00): Hallo.\nBernd (00:05): Na gut.\n', 1, 'Bernd (00:05): Na gut, ja.', true],
        // No word left: the line of text has no prose now.
        [otter, 1, '\u0001', false],
        // A header now, or another name, time or place of the text.
        [otter, 1, 'Carla  0:03', false],
        [otter, 3, 'Bernd  0:06', false],
        ['[00:00] Anna: Hallo.\n[00:05] Bernd: Na gut.\n', 1, '[00:05] Bernd:  Na gut.', false],
        // Blank, or a line the reader skips.
        [otter, 1, '   ', false],
        // Emptied between a lone CR and an LF, which are one line break now:
        // blank before and after, but a line fewer.
        ['Anna  0:00\nHallo.\r \nBernd  0:05\nNa gut.\n', 2, '', false],
        [otter, 1, 'Transcribed by https://otter.ai', false],
      ];
      for (const [text, at, content, kept] of cases) {
        const what = JSON.stringify([text, at, content]);
        const options = { fileName: '/e/a.txt' };
        const model = parse(text, options);
        const again = reread(model, line(model.text, at, content), options);
        assert.equal(again !== undefined, kept, what);
        const previous = analyze(text, undefined, options);
        const index = line(previous.model.text, at, content);
        assertSameAnalysis(
          analyzeEdited(previous, index, undefined, options),
          analyze(index.text, undefined, options),
          what,
        );
      }
    });

    it('reads again only what was read the same way: reader and chapters beside it', () => {
      const body = 'Transcript\nAnna:\n[0:05] Hallo zusammen\n';
      const model = parse(body, { fileName: '/e/a.txt' });
      // The same text under another name is read by another reader.
      assert.equal(reread(model, body, { fileName: '/e/a.vtt' }), undefined);
      assert.ok(reread(model, body, { fileName: '/e/a.txt' }));
      // Chapters beside it, given now: attached by the parser, so parsed.
      const sideChapters = { file: 'a.chapters.json', entries: [{ seconds: 0, title: 'Start' }] };
      const edited = body.replace('Hallo', 'Hallo ihr');
      assert.equal(reread(model, edited, { fileName: '/e/a.txt', sideChapters }), undefined);
      const withSide = parse(body, { fileName: '/e/a.txt', sideChapters });
      const again = reread(withSide, edited, { fileName: '/e/a.txt', sideChapters });
      assert.ok(again);
      assert.equal(again.sideChapters, sideChapters);
      assert.equal(reread(withSide, edited, { fileName: '/e/a.txt' }), undefined);
    });
  });

  describe('memory while typing', () => {
    it('keeps no text per keystroke: caches hold copies of the lines and words they key on', () => {
      // V8 keeps a slice of 13 characters or more as a view into its parent:
      // a line or word kept in a cache would hold that version's whole text.
      // 20 keystrokes, each typing a new word, into a 0.6 MB transcript.
      v8.setFlagsFromString('--expose-gc');
      const gc = vm.runInNewContext('gc') as () => void;
      const lines = EXAMPLE.split('\n');
      const header = lines.slice(0, lines.indexOf('Transcript') + 1);
      const body = lines.slice(lines.indexOf('Transcript') + 1);
      const big = [...header, ...Array.from({ length: 100 }, () => body).flat()].join('\n');
      const target = big.indexOf('\n[', big.length >> 1) + 12;
      for (const incremental of [true, false]) {
        let text = big;
        let previous = analyze(text);
        gc();
        const before = process.memoryUsage().heapUsed;
        for (let i = 0; i < 20; i++) {
          text = `${text.slice(0, target)}Neuwort${String.fromCharCode(97 + i)}x ${text.slice(target)}`;
          previous = incremental ? analyzeEdited(previous, text) : analyze(text);
        }
        gc();
        const grown = process.memoryUsage().heapUsed - before;
        // A text per keystroke would be 20 texts; the last one, the one it was
        // made from and the first (its titles and labels) are 3.
        assert.ok(
          grown < 8 * text.length,
          `${incremental ? 'analyzeEdited' : 'analyze'}: heap grew ${(grown / 1e6).toFixed(1)} MB over 20 keystrokes of a ${(text.length / 1e6).toFixed(2)} MB text`,
        );
        assert.ok(previous.findings.length > 0);
      }
    });
  });

  describe('analyzeEdited equals a full analysis', () => {
    // Edits weighted towards what a person types in prose, with structure
    // characters, line breaks, names, titles and hostile characters among them.
    const insertArb = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...WORDS.map((w) => `${w} `), 'x', 'e', ' ', ', ') },
      { weight: 3, arbitrary: fc.constantFrom(...NAMES, 'Stefan', 'Thorsten', 'Malt', 'Jana') },
      // Spellings the text has not had yet, as words of a sentence: a new
      // group of mentions from a line that counted other words before.
      {
        weight: 2,
        arbitrary: fc.constantFrom(' Steffan ', ' Stephen ', ' Thorstn ', ' Maltee ', ' stefan '),
      },
      {
        weight: 2,
        arbitrary: fc.constantFrom('\n', '\r\n', ':', '[', ']', '[0:09] ', '[1:02:03]', 'Anna:\n'),
      },
      { weight: 1, arbitrary: fc.constantFrom(...TITLES, 'Transcript', 'Chapters', 'Begrüßung') },
      { weight: 1, arbitrary: hostileUnit },
      { weight: 1, arbitrary: fc.constantFrom('\u3000', '\u00a0', '\u2003', '\u205f', '\u1680') },
      { weight: 1, arbitrary: fc.constant('') },
    );
    /** An edit at a random place: `insert` put in place of up to 40 characters. */
    const editOf = (insert: fc.Arbitrary<string>) =>
      fc.record({
        line: fc.nat(),
        column: fc.nat(),
        cut: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 40 })),
        insert,
      });
    const editArb = editOf(insertArb);
    /** Edits with a layout's own pieces among the inserts. */
    const editWith = (...pieces: string[]) =>
      editOf(
        fc.oneof(
          { weight: 6, arbitrary: insertArb },
          { weight: 3, arbitrary: fc.constantFrom(...pieces) },
        ),
      );
    let reread_ = 0;
    let edits = 0;
    let cueRereads = 0;
    let cueEdits = 0;
    /** Edits read again from the previous model's index changed in one line, not joined. */
    let lineRereads = 0;

    // Settings change between analyses too (a roster written, names ignored):
    // what a check kept for the previous text must not outlive them.
    const SETTINGS = [
      DEFAULT_SETTINGS,
      readSettings({ speakers: ['Torsten', 'Stephan'] }).settings,
      readSettings({
        speakers: [{ name: 'Stephan', misspellings: ['Stefan'] }, 'Malte'],
        ignoreNames: ['Thorsten'],
      }).settings,
      // Codes switched off: the same checks' findings, fewer of them shown.
      readSettings({
        findings: { 'speaker-name-in-text': false, 'timestamp-order': false },
      }).settings,
    ];

    function run(
      start: string,
      steps: readonly (typeof editArb extends fc.Arbitrary<infer E> ? E : never)[],
      settingsAt: (step: number) => Settings = () => DEFAULT_SETTINGS,
      fileName = '/season/episode.txt',
    ) {
      const context = { fileName };
      // The whole chain first, then the oracle: the checks keep what they
      // read last between analyses (the word counts of each prose line), and
      // a full analysis in between would hide whether that is kept right.
      let text = start;
      let previous = analyze(text, undefined, context);
      // The outline of each step too, made from the previous step's (see
      // `outline`), as the editor asks for it after each edit.
      outline(previous.model);
      const chain: {
        text: string;
        edited: Analysis;
        nodes: readonly OutlineNode[];
        settings: Settings;
        what: string;
      }[] = [];
      // Half the steps give the text as the server has it: the previous
      // model's index changed by the editor's range (`applyChange`), not
      // joined when the change stays inside a line.
      let index = previous.model.text;
      const indexes: LineIndex[] = [];
      for (const [n, e] of steps.entries()) {
        const next = edit(text, e.line, e.column, e.cut, e.insert);
        const settings = settingsAt(n);
        const viaIndex = (e.column & 1) === 0;
        index = viaIndex
          ? editIndex(index, e.line, e.column, e.cut, e.insert)
          : new LineIndex(next);
        indexes.push(index);
        const edited = analyzeEdited(previous, viaIndex ? index : next, settings, context);
        edits++;
        if (next !== text && edited.model.prose === previous.model.prose) reread_++;
        if (edited.model.text === index && index.editOf?.base === previous.model.text)
          lineRereads++;
        // As the server does: the model's index of the same text replaces the document's.
        const read = edited.model.text;
        if (read !== index && read.text === index.text) index = read;
        const nodes = outline(edited.model);
        chain.push({
          text: next,
          edited,
          nodes,
          settings,
          what: `edit ${n + 1} ${JSON.stringify(e)}`,
        });
        text = next;
        previous = edited;
      }
      for (const [n, { text, edited, nodes, settings, what }] of chain.entries()) {
        assert.equal(indexes[n].text, text, `${what}: the changed index's text`);
        assert.equal(edited.model.text.text, text, `${what}: the model's text`);
        const full = analyze(text, settings, context);
        assertSameAnalysis(edited, full, what);
        assert.deepStrictEqual(nodes, outline(full.model), `${what}: the outline`);
      }
    }

    it('on random transcripts through random edit sequences (fast-check)', () => {
      fc.assert(
        fc.property(
          fc.oneof(transcriptArb, mutatedTranscriptArb),
          fc.array(editArb, { minLength: 1, maxLength: 12 }),
          (t, steps) => run(t, steps),
        ),
        { numRuns: 300 },
      );
    });

    it('on the example episode through random edit sequences (fast-check)', () => {
      fc.assert(
        fc.property(fc.array(editArb, { minLength: 1, maxLength: 25 }), (steps) =>
          run(EXAMPLE, steps),
        ),
        { numRuns: 60 },
      );
    });

    it('shows the codes the settings show when an edit changed no finding', () => {
      // No label is thought misspelt and the edit is in a line without a
      // name: every check's findings are the same objects as before, under
      // both settings; only what is shown differs.
      const text =
        'Transcript\nTorsten:\n[0:01] Hallo, ich bin Thorsten und das hier ist schön.\n' +
        'Anna:\n[0:05] Hallo Thorsten, Hallo Torsten.\nTorsten:\n[0:09] Gut.\n';
      const off = readSettings({ findings: { 'speaker-name-in-text': false } }).settings;
      const before = analyze(text);
      assert.ok(before.findings.some((f) => f.code === 'speaker-name-in-text'));
      const edited = analyzeEdited(
        before,
        applyChange(before.model.text, range(6, 7, 7), 'Ja, '),
        off,
      );
      assert.deepEqual(
        plain(edited.findings),
        plain(analyze(edited.model.text.text, off).findings),
      );
      assert.ok(!edited.findings.some((f) => f.code === 'speaker-name-in-text'));
    });

    it('with the settings changing between edits (fast-check)', () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.constant(EXAMPLE), transcriptArb),
          fc.array(fc.tuple(editArb, fc.nat({ max: SETTINGS.length - 1 })), {
            minLength: 1,
            maxLength: 15,
          }),
          (t, steps) =>
            run(
              t,
              steps.map(([e]) => e),
              (n) => SETTINGS[steps[n][1]],
            ),
        ),
        { numRuns: 80 },
      );
    });

    // Cue files: the example and generated transcripts exported as WebVTT
    // and SRT, edited with what makes or unmakes cues, voices and prose.
    const cueEditArb = editWith(
      '-->',
      ' --> ',
      '00:01:02.000 --> 00:01:03.000',
      '<v Anna>',
      '<v Stephan>',
      '</v>',
      '<i>',
      'Anna: ',
      'Malte: ',
      '[Anna]: ',
      'NOTE ',
      '\n\n',
      ':',
      ' ',
    );
    const exported = (text: string, format: 'vtt' | 'srt'): string => {
      const r = exportTranscript(text, format, { force: true });
      return r.ok ? r.content : '';
    };

    it('on cue files (WebVTT, SRT) through random edit sequences (fast-check)', () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.constant(EXAMPLE), transcriptArb),
          fc.constantFrom('vtt', 'srt'),
          fc.array(cueEditArb, { minLength: 1, maxLength: 15 }),
          // The reading-speed check on or off: on, it counts the edited cue again.
          fc.constantFrom(DEFAULT_SETTINGS, readSettings({ readingSpeed: 12 }).settings),
          (t, format: 'vtt' | 'srt', steps, settings) => {
            const text = exported(t, format);
            fc.pre(text !== '');
            const [r0, e0] = [reread_, edits];
            run(text, steps, () => settings, `/season/episode.${format}`);
            cueRereads += reread_ - r0;
            cueEdits += edits - e0;
          },
        ),
        { numRuns: 120 },
      );
      // The property must have tested the reuse in cue files too.
      assert.ok(cueRereads > cueEdits / 10, `${cueRereads} of ${cueEdits} cue file edits reread`);
      console.log(`      ${cueRereads} of ${cueEdits} random cue file edits reread`);
    });

    // The text layouts: the same transcripts written as Otter, `Name (00:00):`
    // and one line per turn, edited with what makes or unmakes headers.
    const asTurnLines = (source: string, layout: 'otter' | 'rev' | 'lines'): string => {
      const model = parse(source);
      const out: string[] = layout === 'otter' ? [] : ['Transcript of the episode'];
      const time = (seconds = 0) =>
        `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
      for (const turn of model.turns)
        for (const p of turn.paragraphs) {
          const paragraph = model.paragraphs[p];
          const texts: string[] = [];
          for (let k = 0; k < model.prose.length; k++) {
            const l = model.prose.lines[k];
            if (l >= paragraph.startLine && l <= paragraph.endLine)
              texts.push(model.text.line(l).slice(model.prose.starts[k]).trim());
          }
          const name = turn.label.name;
          const at = time(paragraph.stamp?.seconds);
          if (layout === 'otter') out.push(`${name}  ${at}`, ...texts, '');
          else if (layout === 'rev') out.push(`${name} (${at}): ${texts.join(' ')}`, '');
          else out.push(`[${at}] ${name}: ${texts.join(' ')}`);
        }
      if (layout === 'otter') out.push('Transcribed by https://otter.ai');
      return out.join('\n');
    };
    const turnLineEditArb = editWith(
      '  0:05',
      '  1:02:03',
      ' (00:12):',
      ' (00:12)',
      '[00:00:01] ',
      '[SPEAKER_00]: ',
      'Anna: ',
      'Anna  0:07\n',
      '**',
      ':',
      '  ',
      '\t',
      'Transcribed by https://otter.ai',
    );

    it('on the text layouts (Otter, Name (00:00):, one line per turn) through random edit sequences (fast-check)', () => {
      let r = 0;
      let n = 0;
      const tested = new Map<string, number>();
      fc.assert(
        fc.property(
          fc.oneof(fc.constant(EXAMPLE), transcriptArb),
          fc.constantFrom('otter' as const, 'rev' as const, 'lines' as const),
          fc.array(turnLineEditArb, { minLength: 1, maxLength: 15 }),
          (t, layout, steps) => {
            const text = asTurnLines(t, layout);
            const read = parse(text, { fileName: '/season/episode.txt' });
            fc.pre(read.layout === layout && read.looksLikeTranscript);
            tested.set(layout, (tested.get(layout) ?? 0) + 1);
            const [r0, e0] = [reread_, edits];
            run(text, steps, () => DEFAULT_SETTINGS);
            r += reread_ - r0;
            n += edits - e0;
          },
        ),
        { numRuns: 120 },
      );
      assert.ok(r > n / 10, `${r} of ${n} text layout edits reread`);
      // Each layout was read as itself (the Name (00:00): and one-line texts
      // start with a title line) in a good share of the cases.
      for (const layout of ['otter', 'rev', 'lines'])
        assert.ok((tested.get(layout) ?? 0) >= 10, `${layout}: ${tested.get(layout) ?? 0} texts`);
      console.log(
        `      ${r} of ${n} random text layout edits reread (texts: ${[...tested].map(([l, k]) => `${l} ${k}`).join(', ')})`,
      );
    });

    it('through more edited lines than the word counts keep apart from their list', () => {
      // The word counts keep a changed span apart until 64 have changed,
      // then fold them into a new list (see `SpanWords`): 150 lines, each
      // edited twice (the second edit takes out what the first counted), the
      // analysis compared with a full one.
      const turns: string[] = [];
      for (let i = 0; i < 150; i++) {
        const m = String(i % 60).padStart(2, '0');
        turns.push(
          `${i % 2 ? 'Stephan' : 'Malte'}:`,
          `[${Math.floor(i / 60)}:${m}:00] Stefan und Malte reden über Folge ${i}.`,
        );
      }
      let text = `Generated Shownotes\n\nTranscript\n${turns.join('\n')}\n`;
      let previous = analyze(text);
      let reread_ = 0;
      for (let i = 0; i < 300; i++) {
        const line = 4 + 2 * (i % 150);
        const next = edit(text, line, 12, 0, i % 3 ? 'Stefan ' : 'Thorsten ');
        const edited = analyzeEdited(previous, next);
        if (edited.model.prose === previous.model.prose) reread_++;
        // Compared every tenth edit: a count gone wrong stays wrong.
        if (i % 10 === 9)
          assertSameAnalysis(edited, analyze(next), `edit ${i + 1}, line ${line + 1}`);
        text = next;
        previous = edited;
      }
      assert.equal(reread_, 300, 'every edit was reread');
    });

    after(() => {
      // The property must have tested the reuse, not only the parser.
      assert.ok(edits > 500, `${edits} edits`);
      assert.ok(reread_ > edits / 10, `${reread_} of ${edits} edits reread`);
      assert.ok(lineRereads > edits / 20, `${lineRereads} of ${edits} edits reread line by line`);
      console.log(
        `      ${reread_} of ${edits} random edits reread from the previous model, ${lineRereads} of them line by line`,
      );
    });
  });
});
