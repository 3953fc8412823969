import { strict as assert } from 'node:assert';
import { applyEdits, DEFAULT_SETTINGS, fixAllText } from '../../server/src/core';
import { CLEAN, codes, findings, lines, settings } from './util';

const of = (text: string, code: string) => findings(text).filter((f) => f.code === code);

describe('chapter checks', () => {
  it('matches headings ignoring case and runs of spaces, and offers both repairs', () => {
    const text = CLEAN.replace('\nNeuigkeiten\nMalte:', '\nNEUIGKEITEN \nMalte:');
    const [f] = of(text, 'chapter-heading-mismatch');
    assert.equal(
      f.message,
      "Heading 'NEUIGKEITEN' differs from the chapter title 'Neuigkeiten' on line 4 in case or spacing",
    );
    assert.equal(f.related?.[0].range.start.line, 3);
    assert.equal(
      applyEdits(text, f.fixes![0].edits),
      CLEAN.replace('\nNeuigkeiten\nMalte:', '\nNeuigkeiten \nMalte:'),
    );
    const listFixed = applyEdits(text, f.fixes![1].edits);
    assert.match(listFixed, /^0:01:10 NEUIGKEITEN$/m);
    assert.deepEqual(of(listFixed, 'chapter-heading-mismatch'), []);
    assert.deepEqual(
      of(
        lines('Chapters', '0:00:00 A  B', 'Transcript', 'a b', 'X:', '[0:01] y'),
        'chapter-heading-mismatch',
      ).length,
      1,
    );
  });

  it('reports a missing heading and inserts it above the speaker of the first later stamp', () => {
    const text = CLEAN.replace('\nNeuigkeiten\n', '\n');
    const [f] = of(text, 'chapter-heading-missing');
    assert.equal(
      f.message,
      "Chapter 'Neuigkeiten' (0:01:10) has no heading in the transcript body",
    );
    assert.equal(f.range.start.line, 3);
    assert.equal(applyEdits(text, f.fixes![0].edits), CLEAN);
  });

  /** Chapter B (at 1:00) starts inside a turn that began in chapter A; its heading is missing. */
  const missingMidTurn = (title: string) =>
    lines(
      'Chapters',
      '0:00:00 A',
      `0:01:00 ${title}`,
      'Transcript',
      'A',
      'X:',
      '[0:10] a',
      '[1:05] b',
    );

  it('inserts a missing heading mid-turn before the stamp when the turn began earlier', () => {
    const text = missingMidTurn('B');
    const [f] = of(text, 'chapter-heading-missing');
    assert.equal(
      applyEdits(text, f.fixes![0].edits),
      lines(
        'Chapters',
        '0:00:00 A',
        '0:01:00 B',
        'Transcript',
        'A',
        'X:',
        '[0:10] a',
        'B',
        '[1:05] b',
      ),
    );
  });

  it('offers no heading to insert when the title would not read back as a heading', () => {
    // Found by the fix-all property: a title that starts like a timestamp was
    // inserted as a line that parses as a (malformed) stamp, again every round.
    for (const title of ['[1:05 ] Intro', '[1:05] Intro', 'Transcript']) {
      const text = missingMidTurn(title);
      const [f] = of(text, 'chapter-heading-missing');
      assert.ok(f, title);
      assert.equal(f.fixes, undefined, title);
      assert.match(f.message, /its title cannot stand as a heading line; rename the chapter$/);
      assert.equal(fixAllText(text, DEFAULT_SETTINGS).text, text, title);
    }
  });

  it('keeps CRLF line endings when inserting', () => {
    const text = CLEAN.replace('\nNeuigkeiten\n', '\n').replace(/\n/g, '\r\n');
    const [f] = of(text, 'chapter-heading-missing');
    assert.equal(applyEdits(text, f.fixes![0].edits), CLEAN.replace(/\n/g, '\r\n'));
  });

  it('checks the listed time against the stamps around the heading, with a tolerance', () => {
    const late = CLEAN.replace('0:01:10 Neuigkeiten', '0:01:30 Neuigkeiten');
    const [f] = of(late, 'chapter-time-mismatch');
    assert.equal(
      f.message,
      "Chapter 'Neuigkeiten' is listed at 0:01:30, but its heading on line 17 stands between [0:20] and [1:12] (tolerance 10 s)",
    );
    assert.equal(applyEdits(late, f.fixes![0].edits).includes('0:01:12 Neuigkeiten'), true);
    assert.deepEqual(
      of(CLEAN.replace('0:01:10 Neuigkeiten', '0:01:20 Neuigkeiten'), 'chapter-time-mismatch'),
      [],
    );
    assert.deepEqual(
      codes(late, 'chapter-time-mismatch', settings({ chapterTimeTolerance: 30 })),
      [],
    );
    assert.equal(
      of(CLEAN.replace('0:01:10 Neuigkeiten', '0:00:05 Neuigkeiten'), 'chapter-time-mismatch')
        .length,
      1,
    );
  });

  it('does not report missing headings for a file with only a chapter list', () => {
    assert.deepEqual(codes(lines('Chapters', '0:00:00 A', '0:01:00 B')), []);
  });
});
