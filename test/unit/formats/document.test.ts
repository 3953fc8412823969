/** How exports read a transcript: paragraphs, their text, times, and where chapters go. */
import { strict as assert } from 'node:assert';
import { parse } from '../../../server/src/core';
import { buildDocument, exportTranscript } from '../../../server/src/core/formats';
import { chapterPlacement } from '../../../server/src/core/formats/document';
import { lines } from '../util';

function cues(text: string, episodeLength?: number) {
  return buildDocument(parse(text), { episodeLength }).cues.map((c) => ({
    speaker: c.speaker,
    start: c.start,
    end: c.end,
    text: c.text,
    first: c.firstOfTurn,
  }));
}

describe('buildDocument', () => {
  it("joins a paragraph's lines with one space, skipping blank lines and chapter headings", () => {
    const text = lines(
      'Chapters',
      '0:00:00 Start',
      '0:00:30 Mitten im Satz',
      'Transcript',
      'Start',
      'Malte:',
      '[0:05]   Hallo   und  ',
      '',
      '  willkommen, so geht',
      'Mitten im Satz',
      '\tder Satz weiter.',
      '[0:40] Zweiter Absatz.',
    );
    assert.deepEqual(cues(text), [
      {
        speaker: 'Malte',
        start: 5,
        end: 40,
        text: 'Hallo und willkommen, so geht der Satz weiter.',
        first: true,
      },
      { speaker: 'Malte', start: 40, end: 42, text: 'Zweiter Absatz.', first: false },
    ]);
  });

  it('reads CRLF files with a byte order mark the same', () => {
    const text = lines('Malte:', '[0:05] Hallo.', 'Stefan:', '[0:07] Ja.');
    assert.deepEqual(cues(`\uFEFF${text.replace(/\n/g, '\r\n')}`), cues(text));
  });

  it('attaches the words after a malformed stamp to the paragraph before (forced export)', () => {
    const text = lines('Malte:', '[0:05] Eins.', '[0:6] Zwei.', 'Drei.', '[0:09] Vier.');
    assert.deepEqual(cues(text), [
      { speaker: 'Malte', start: 5, end: 9, text: 'Eins. Zwei. Drei.', first: true },
      { speaker: 'Malte', start: 9, end: 11, text: 'Vier.', first: false },
    ]);
  });

  it("attaches a turn's words before its first valid stamp to the next stamped paragraph", () => {
    const text = lines('Malte:', '[0:5] Eins.', '[0:09] Zwei.', 'Stefan:', '[0:12] Drei.');
    assert.deepEqual(cues(text), [
      { speaker: 'Malte', start: 9, end: 12, text: 'Eins. Zwei.', first: true },
      { speaker: 'Stefan', start: 12, end: 14, text: 'Drei.', first: true },
    ]);
  });

  it('starts a turn without any stamp where the cue before ends, never dropping it', () => {
    const text = lines(
      'Malte:',
      '[0:10] eins zwei drei vier fünf sechs sieben acht neun zehn',
      'Stefan:',
      '[0:7] Ohne Zeit.',
      'Malte:',
      '[1:00] Weiter.',
    );
    assert.deepEqual(cues(text), [
      {
        speaker: 'Malte',
        start: 10,
        end: 14,
        text: 'eins zwei drei vier fünf sechs sieben acht neun zehn',
        first: true,
      },
      { speaker: 'Stefan', start: 14, end: 60, text: 'Ohne Zeit.', first: true },
      { speaker: 'Malte', start: 60, end: 62, text: 'Weiter.', first: true },
    ]);
  });

  it('gives words before the first label their own cue from 0', () => {
    const text = lines('Eine Vorrede ohne Zeit.', 'Malte:', '[0:05] Hallo.');
    assert.deepEqual(cues(text), [
      { speaker: undefined, start: 0, end: 5, text: 'Eine Vorrede ohne Zeit.', first: true },
      { speaker: 'Malte', start: 5, end: 7, text: 'Hallo.', first: true },
    ]);
  });

  it('marks the first cue of every turn, also when two turns have the same speaker', () => {
    const text = lines('Malte:', '[0:01] a', '[0:02] b', 'Malte:', '[0:03] c');
    assert.deepEqual(
      cues(text).map((c) => c.first),
      [true, false, true],
    );
  });

  it('skips paragraphs without words, ending the cue before at the next later start', () => {
    const text = lines('Malte:', '[0:01] a', '[0:02]', '[0:02] b', '[0:02] c', '[0:05] d');
    assert.deepEqual(
      cues(text).map((c) => [c.start, c.end, c.text]),
      [
        [1, 2, 'a'],
        [2, 5, 'b'],
        [2, 5, 'c'],
        [5, 7, 'd'],
      ],
    );
  });

  it('drops control characters and lone surrogates, which are never words', () => {
    const text = lines('Malte:', '[0:01] a\u0000b \u0007c\u0085d \uD800e \uFFFEf\u000Bg');
    assert.equal(cues(text)[0].text, 'ab c d e f g');
  });

  it('places chapters at their headings, or by time when they have none', () => {
    const text = lines(
      'Chapters',
      '0:00:00 Eins',
      '0:00:20 Zwei',
      '0:00:45 Drei',
      '0:09:00 Vier',
      'Transcript',
      'Malte:',
      '[0:05] a',
      'Eins',
      '[0:10] b',
      'Stefan:',
      '[0:50] c',
    );
    const doc = buildDocument(parse(text));
    assert.deepEqual(
      [...chapterPlacement(doc).entries()],
      [
        [1, [0]], // the heading of "Eins" stands after [0:05]
        [2, [1, 2]], // no headings: before the first cue at or after their time
        [3, [3]], // after the last cue
      ],
    );
    assert.deepEqual(
      doc.chapters.map((c) => [c.start, c.end]),
      [
        [0, 20],
        [20, 45],
        [45, 540],
        [540, 542],
      ],
    );
  });

  it('exports a bare transcript without labels', () => {
    const r = exportTranscript(lines('[0:01] Nur Text.', '[0:04] Mehr Text.'), 'srt');
    assert.ok(r.ok);
    if (r.ok)
      assert.equal(
        r.content,
        lines(
          '1',
          '00:00:01,000 --> 00:00:04,000',
          'Nur Text.',
          '',
          '2',
          '00:00:04,000 --> 00:00:06,000',
          'Mehr Text.',
          '',
        ),
      );
  });

  it('exports an empty transcript as empty but valid files', () => {
    for (const [format, content] of [
      ['vtt', 'WEBVTT\n'],
      ['srt', ''],
      ['json', '{\n  "version": "1.0.0",\n  "segments": []\n}\n'],
    ] as const) {
      const r = exportTranscript('', format);
      assert.deepEqual(r.ok && r.content, content);
    }
  });
});
