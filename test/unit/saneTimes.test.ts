/**
 * Absurd times: nothing later than 1000 hours is read, shifted, exported or
 * imported, and no time is ever written in exponent notation or as
 * `Infinity`/`NaN`.
 */
import { strict as assert } from 'node:assert';
import {
  analyze,
  applyEdits,
  MAX_SECONDS,
  parse,
  parseOffset,
  shiftTimestamps,
} from '../../server/src/core';
import { EXPORT_FORMATS, exportTranscript, importTranscript } from '../../server/src/core/formats';
import { lines } from './util';

/** What no written time may contain. */
const ABSURD = /e[+-]?\d|Infinity|NaN/;

function shifted(text: string, offset: number): string | { message: string } {
  const r = shiftTimestamps(parse(text), offset, { fromSeconds: 0 });
  return r.ok ? applyEdits(text, r.edits) : { message: r.message };
}

const CUES = lines('WEBVTT', '', '00:00:01.000 --> 00:00:02.000', '<v Malte>Hallo', '');

describe('times are at most 1000 hours', () => {
  it('a body stamp later than 1000 hours is a malformed stamp, saying so', () => {
    const text = lines('Transcript', 'Malte:', '[99999999999999999999999:00] Hallo', '[0:05] Ja');
    const { model, findings } = analyze(text);
    assert.deepEqual(
      model.stamps.map((s) => s.seconds),
      [5],
    );
    const f = findings.find((x) => x.code === 'timestamp-malformed');
    assert.ok(f, 'timestamp-malformed');
    assert.match(f.message, /later than 1000 hours/);
    assert.equal(f.fixes, undefined, 'no repair offered');
  });

  it('[60000:00] (exactly 1000 hours) is a stamp; one millisecond later is not', () => {
    const text = lines('Transcript', 'Malte:', '[60000:00] a', '[60000:00.001] b');
    const m = parse(text);
    assert.deepEqual(
      m.stamps.map((s) => s.seconds),
      [MAX_SECONDS],
    );
    assert.equal(m.malformedStamps.length, 1);
  });

  it('a chapter time later than 1000 hours is a malformed entry, saying so', () => {
    const text = lines('Chapters', '99999999999:59:59 Spät', '0:00:00 Anfang', 'Transcript');
    const f = analyze(text).findings.find((x) => x.code === 'chapter-entry-malformed');
    assert.ok(f);
    assert.match(f.message, /later than 1000 hours/);
    assert.deepEqual(
      parse(text).chapters.map((c) => c.seconds),
      [0],
    );
  });

  it('shifting by +0 leaves stamps of many digits as written', () => {
    const text = lines(
      'Transcript',
      'Malte:',
      `[${'1'.repeat(17)}:00] Siebzehn`,
      `[${'9'.repeat(23)}:00] Dreiundzwanzig`,
      `[${'0'.repeat(25)}1:00] Nullen`,
      '[0:05] Ja',
    );
    assert.equal(shifted(text, 0), text);
  });

  it('shifting never writes exponent notation: a huge stamp is left alone, a huge offset refused', () => {
    const text = lines('Transcript', 'Malte:', '[99999999999999999999999:00] Hallo', '[0:05] Ja');
    const out = shifted(text, 1);
    assert.equal(typeof out, 'string');
    assert.doesNotMatch(out as string, ABSURD);
    assert.match(out as string, /^\[0:06\] Ja$/m);
    for (const offset of [1e23, -1e23, Infinity, NaN, MAX_SECONDS + 1]) {
      const r = shifted(text, offset);
      assert.equal(typeof r, 'object', String(offset));
      assert.match((r as { message: string }).message, /more than 1000 hours/);
    }
  });

  it('refuses a shift that would take a time past 1000 hours, and allows up to it', () => {
    const text = lines('Chapters', '999:59:00 Spät', 'Transcript', 'Malte:', '[59999:00] a');
    const r = shifted(text, 61);
    assert.equal(typeof r, 'object');
    assert.match((r as { message: string }).message, /later than 1000 hours/);
    assert.equal(
      shifted(text, 60),
      lines('Chapters', '1000:00:00 Spät', 'Transcript', 'Malte:', '[60000:00] a'),
    );
  });

  it('reads offsets: too many digits to hold are none; spaces are allowed around the sign', () => {
    assert.equal(parseOffset(`+${'9'.repeat(400)}`), undefined);
    assert.equal(parseOffset('  +  1:30  '), 90);
    assert.equal(parseOffset('\t-5\n'), -5);
  });

  it('export refuses an episode length beyond 1000 hours and writes plain times up to it', () => {
    const text = lines(
      'Chapters',
      '0:00:00 Anfang',
      'Transcript',
      'Anfang',
      'Malte:',
      '[0:01] Hallo',
    );
    for (const episodeLength of [1e308, Infinity, MAX_SECONDS + 1]) {
      const r = exportTranscript(text, 'vtt', { episodeLength });
      assert.equal(r.ok, false, String(episodeLength));
      assert.match(!r.ok ? r.message : '', /more than 1000 hours/);
    }
    for (const format of EXPORT_FORMATS) {
      const r = exportTranscript(text, format, { episodeLength: MAX_SECONDS });
      assert.ok(r.ok, format);
      assert.doesNotMatch(r.ok ? r.content : '', /Infinity|NaN|\de\+/, format);
    }
  });

  it('import refuses a JSON start time beyond 1000 hours and reads only decimal seconds', () => {
    for (const startTime of ['1e308', 1e308, 3_600_001, '99999999999999999999']) {
      const r = importTranscript(JSON.stringify({ segments: [{ startTime, body: 'Hallo' }] }));
      assert.equal(r.ok, false, String(startTime));
      assert.match(!r.ok ? r.message : '', /segment 1: 'startTime' .* later than 1000 hours/);
    }
    const hex = importTranscript(
      JSON.stringify({
        segments: [
          { startTime: '2', body: 'Eins' },
          { startTime: '0x10', body: 'Hex' },
          { startTime: ' 20.5 ', body: 'Zwanzig' },
        ],
      }),
    );
    assert.ok(hex.ok);
    assert.equal(hex.ok && hex.text, lines('Transcript', '[0:02] Eins Hex', '[0:20] Zwanzig', ''));
    assert.ok(hex.ok && hex.warnings.some((w) => /segment 2 has no valid 'startTime'/.test(w)));
  });

  it('import refuses chapters beyond 1000 hours in every chapters format', () => {
    const chapters = [
      JSON.stringify({ chapters: [{ startTime: 1e20, title: 'x' }] }),
      JSON.stringify({ chapters: [{ startTime: '1e308', title: 'x' }] }),
      '<psc:chapters><psc:chapter start="1000:00:01" title="x"/></psc:chapters>',
      '1000:00:01.000 Spät',
      lines('WEBVTT', '', '1000:00:01.000 --> 1000:00:02.000', 'Spät'),
    ];
    for (const c of chapters) {
      const r = importTranscript(CUES, { chapters: c });
      if (r.ok) assert.doesNotMatch(r.text, ABSURD, c);
      assert.ok(!r.ok || !/Spät|x/.test(r.text.split('Transcript')[0]), c);
    }
    for (const c of chapters.slice(0, 4)) {
      const r = importTranscript(CUES, { chapters: c });
      assert.equal(r.ok, false, c);
      assert.match(!r.ok ? r.message : '', /1000 hours|valid/, c);
    }
  });
});
