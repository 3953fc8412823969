/**
 * The text layouts read in place: Otter (`Name  0:05`), the `Name (00:00):`
 * family and one line per turn, as the one document model, with the name
 * checks and repairs editing the header's name.
 */
import { strict as assert } from 'node:assert';
import {
  analyze,
  applyEdits,
  fixAllText,
  shiftTimestamps,
  statistics,
  type Finding,
} from '../../server/src/core';
import { parse } from '../../server/src/core/parser';
import { chooseReader } from '../../server/src/core/readers';
import { lines, settings } from './util';

const at = (text: string, r: Finding['range']) =>
  text.split('\n')[r.start.line].slice(r.start.character, r.end.character);
const turnsOf = (text: string) =>
  parse(text, { fileName: 'x.txt' }).turns.map((t) => [t.label.name, t.paragraphs.length, t.words]);

const OTTER = lines(
  'Unknown Speaker  0:00',
  'Hallo und willkommen.',
  '',
  'Torsten  0:05',
  'Ich bin Thorsten, heute mit Stefan.',
  'Ein zweiter Satz.',
  '',
  'Torsten  0:40',
  'Noch ein Absatz.',
  '',
  'Stephan  1:02:03',
  'Danke.',
  '',
  'Transcribed by https://otter.ai',
);

const REV = lines(
  'Torsten (00:00):',
  'Hallo, ich bin Thorsten.',
  '',
  'Stephan (00:12):',
  'Danke Torsten.',
  '',
  '**Torsten (01:05):** Gut, Stefan.',
  '',
  'Stephan (01:10.500) Ja.',
);

const ONE_LINE = lines(
  '[00:00:00] Torsten: Hallo, ich bin Thorsten.',
  '[00:00:12] Stephan: Danke Torsten.',
  'Stephan [00:00:20]: Und weiter.',
  '[SPEAKER_00]: Ohne Zeit, Stefan.',
);

describe('text layouts: Otter, Name (00:00):, one line per turn', () => {
  it('knows each by its first lines, in a .txt or .md', () => {
    assert.equal(chooseReader(OTTER, { fileName: 'a.txt' }).layout, 'otter');
    assert.equal(chooseReader(REV, { fileName: 'a.md' }).layout, 'rev');
    assert.equal(chooseReader(ONE_LINE, { fileName: 'a.txt' }).layout, 'lines');
    assert.equal(chooseReader('Anna:\n[0:00] Hallo.').layout, 'auphonic');
    assert.equal(statistics(parse(OTTER)).layout, 'otter');
  });

  it('knows each below a title block of up to five lines, but not a list of chapter lines under a title', () => {
    const title = [
      'Security Podcast',
      'Episode 53: Incident Response',
      'Co-hosts: Joe and Adam',
      '',
    ];
    const rev = lines(...title, 'Joe (00:02)', 'Okay, Lisa.', '', 'Lisa (00:09)', 'Right.');
    assert.equal(chooseReader(rev, { fileName: 'a.txt' }).layout, 'rev');
    const m = parse(rev, { fileName: 'a.txt' });
    assert.deepEqual(
      m.turns.map((t) => [t.label.name, t.label.line]),
      [
        ['Joe', 4],
        ['Lisa', 7],
      ],
    );
    assert.deepEqual(
      analyze(rev, settings(), { fileName: 'a.txt' }).findings.map((f) => f.code),
      [],
    );
    assert.equal(chooseReader(lines('My show', ...ONE_LINE.split('\n'))).layout, 'lines');
    assert.equal(chooseReader(lines('My show', ...OTTER.split('\n'))).layout, 'otter');
    // Six title lines are too many; chapter lines with no text are show notes.
    const six = ['A', 'B', 'C', 'D', 'E', 'F'];
    assert.equal(chooseReader(lines(...six, ...REV.split('\n'))).layout, 'auphonic');
    const notes = lines('Show notes', 'Intro (00:00)', 'News (05:30)', 'Interview (12:00)');
    assert.equal(chooseReader(notes).layout, 'auphonic');
    // Markdown link reference definitions under a title are no [Name]: turns.
    const readme = lines(
      '# run-parallel [![npm][npm-image]][npm-url]',
      '',
      '[npm-image]: https://img.shields.io/npm/v/run-parallel.svg',
      '[npm-url]: https://npmjs.org/package/run-parallel',
      '[logo]: /img/logo.png',
      '[Build]:    <http://example.com/build.png>',
    );
    assert.equal(chooseReader(readme).layout, 'auphonic');
    assert.equal(chooseReader(lines(...readme.split('\n').slice(2))).layout, 'auphonic');
    assert.equal(chooseReader('[SPEAKER_00]: Hallo.\n[SPEAKER_01]: Ja.').layout, 'lines');
  });

  it('reads Name (00:00) in Markdown italics too', () => {
    const text = lines('*Anna (00:01)*', 'Hallo.', '', '*Ben (00:05)*', 'Ja, Anna.');
    assert.equal(chooseReader(text).layout, 'rev');
    assert.deepEqual(
      parse(text).labels.map((l) => [l.name, at(text, l.range)]),
      [
        ['Anna', 'Anna (00:01)'],
        ['Ben', 'Ben (00:05)'],
      ],
    );
    assert.deepEqual(turnsOf(text), [
      ['Anna', 1, 1],
      ['Ben', 1, 2],
    ]);
  });

  it('Otter: header lines are labels and stamps, the paragraphs below their text; the footer is no text', () => {
    const m = parse(OTTER);
    assert.deepEqual(turnsOf(OTTER), [
      ['Unknown Speaker', 1, 3],
      ['Torsten', 2, 12],
      ['Stephan', 1, 1],
    ]);
    assert.deepEqual(
      m.stamps.map((s) => [s.seconds, at(OTTER, s.range)]),
      [
        [0, '0:00'],
        [5, '0:05'],
        [40, '0:40'],
        [3723, '1:02:03'],
      ],
    );
    assert.equal(at(OTTER, m.labels[1].nameRange), 'Torsten');
  });

  it('Name (00:00): with the text below or on the line, in Markdown bold, and without a colon', () => {
    const m = parse(REV);
    assert.equal(m.layout, 'rev');
    assert.deepEqual(
      m.labels.map((l) => [l.name, at(REV, l.nameRange)]),
      [
        ['Torsten', 'Torsten'],
        ['Stephan', 'Stephan'],
        ['Torsten', 'Torsten'],
        ['Stephan', 'Stephan'],
      ],
    );
    assert.deepEqual(
      m.stamps.map((s) => s.seconds),
      [0, 12, 65, 70.5],
    );
    assert.deepEqual(
      turnsOf(REV).map((t) => t[2]),
      [4, 2, 2, 1],
    );
  });

  it('one line per turn: [time] Name:, Name [time]:, [SPEAKER_00]: without a time', () => {
    const m = parse(ONE_LINE);
    assert.deepEqual(
      m.labels.map((l) => l.name),
      ['Torsten', 'Stephan', 'Stephan', 'SPEAKER_00'],
    );
    assert.deepEqual(
      m.stamps.map((s) => s.seconds),
      [0, 12, 20],
    );
    assert.deepEqual(turnsOf(ONE_LINE), [
      ['Torsten', 1, 4],
      ['Stephan', 2, 4],
      ['SPEAKER_00', 1, 3],
    ]);
  });

  it('a label spans its name and its bracketed time in either order; an empty turn is reported on it', () => {
    const text = lines('[0:01] Stephan:', 'Torsten [0:05]:', '[SPEAKER_00]:');
    const rev = lines('Torsten (00:09):', 'Hallo.', '', 'Stephan (00:12):', 'Ja.');
    assert.deepEqual(
      [...parse(text).labels, ...parse(rev).labels].map((l, i) => at(i < 3 ? text : rev, l.range)),
      ['[0:01] Stephan', 'Torsten [0:05]', 'SPEAKER_00', 'Torsten (00:09)', 'Stephan (00:12)'],
    );
    const empty = analyze(text, settings(), { fileName: 'x.txt' }).findings.filter(
      (f) => f.code === 'speaker-turn-empty',
    );
    assert.deepEqual(
      empty.map((f) => at(text, f.range)),
      ['[0:01] Stephan', 'Torsten [0:05]', 'SPEAKER_00'],
    );
  });

  it('the name checks and their repairs work in every layout, editing only the text', () => {
    for (const text of [OTTER, REV, ONE_LINE]) {
      const f = analyze(text, settings(), { fileName: 'x.txt' }).findings;
      assert.ok(
        f.some((x) => x.code === 'speaker-name-in-text' && at(text, x.range) === 'Thorsten'),
        text.slice(0, 30),
      );
    }
    const fixed = fixAllText(REV, settings(), { fileName: 'x.md' }).text;
    assert.equal(fixed, REV.replace('Thorsten', 'Torsten').replace('Gut, Stefan', 'Gut, Stephan'));
  });

  it('reports a time it cannot read, and the order of the times', () => {
    const text = lines(
      'Anna  0:00',
      'Eins.',
      '',
      'Anna  0:75',
      'Zwei.',
      '',
      'Ben  9:00',
      'Drei.',
      '',
      'Anna  1:00',
      'Vier.',
      '',
      'Ben  1:10',
      'Fünf.',
    );
    assert.deepEqual(
      analyze(text, settings()).findings.map((f) => `${f.range.start.line + 1} ${f.code}`),
      ['4 timestamp-malformed', '7 timestamp-order'],
    );
    assert.match(
      analyze(text, settings()).findings[1].message,
      /^9:00 is later than 1:00 on line 10/,
    );
  });

  it('shifts the header times in their own style, and back', () => {
    for (const text of [OTTER, REV, ONE_LINE]) {
      const model = parse(text);
      const r = shiftTimestamps(model, 65, { fromSeconds: 0 });
      assert.ok(r.ok);
      const moved = applyEdits(text, r.edits);
      const back = shiftTimestamps(parse(moved), -65, { fromSeconds: 0 });
      assert.ok(back.ok);
      assert.equal(applyEdits(moved, back.edits), text);
    }
    const r = shiftTimestamps(parse(OTTER), 65, { fromSeconds: 0 });
    assert.ok(r.ok);
    assert.match(applyEdits(OTTER, r.edits), /^Torsten {2}1:10$/m);
    const one = shiftTimestamps(parse(ONE_LINE), 65, { fromSeconds: 0 });
    assert.ok(one.ok);
    assert.match(applyEdits(ONE_LINE, one.edits), /^\[00:01:05\] Torsten: /m);
  });

  it('never takes Auphonic text for a text layout (a number is no name; a section header or label line rules them out)', () => {
    // Found by the shift round-trip property: '[0:00] 12:30' looked like one line per turn.
    const text = '[0:00] 12:30\n[0:00] 12:30\nTranscript\nStefan:\n[0:00]\nHallo';
    assert.equal(chooseReader(text).layout, 'auphonic');
    assert.equal(
      chooseReader('[0:01] Anna: Hallo.\n[0:02] Ben: Ja.\nBen:\n[0:03] Gut.').layout,
      'auphonic',
    );
    assert.equal(chooseReader('[0:01] Anna: Hallo.\n[0:02] Ben: Ja.').layout, 'lines');
  });

  it('reads header times of any number of minutes, seconds below 60', () => {
    const text = lines(
      'Anna  100:05',
      'Eins.',
      '',
      'Ben  1:40:05.5',
      'Zwei.',
      '',
      'Anna  0:60',
      'Drei.',
    );
    const m = parse(text);
    assert.deepEqual(
      m.stamps.map((s) => s.seconds),
      [6005, 6005.5],
    );
    assert.deepEqual(
      analyze(text, settings()).findings.map((f) => f.code),
      ['timestamp-malformed'],
    );
  });
});
