import { strict as assert } from 'node:assert';
import {
  formatChapterTime,
  formatClock,
  formatStamp,
  parseChapterTime,
  parseStamp,
  stampLikeLength,
} from '../../server/src/core';

describe('time', () => {
  it('reads body stamps exactly as the stamp regular expression does, up to 1000 hours', () => {
    const STAMP = /^\[(\d+):(\d\d)(?::(\d\d))?(?:\.(\d{1,3}))?\]/;
    const expected = (s: string) => {
      const m = STAMP.exec(s);
      if (!m || Number(m[2]) >= 60 || (m[3] !== undefined && Number(m[3]) >= 60)) return undefined;
      let seconds =
        m[3] === undefined
          ? Number(m[1]) * 60 + Number(m[2])
          : Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
      if (m[4] !== undefined) seconds += Number(m[4].padEnd(3, '0')) / 1000;
      // Nothing later than 1000 hours is a stamp.
      return seconds <= 3_600_000 ? { seconds, length: m[0].length } : undefined;
    };
    // Over this alphabet: every string of up to 5 characters after a bracket,
    // and every ending of up to 4 characters after prefixes that reach the
    // hour and fraction forms; and some long ones.
    const alphabet = ['0', '5', '6', '9', ':', '.', ']', ' '];
    const endings = (prefix: string, depth: number): string[] =>
      depth === 0 ? [prefix] : [prefix, ...alphabet.flatMap((c) => endings(prefix + c, depth - 1))];
    const strings = [
      ...endings('[', 5),
      ...['[0:00:', '[9:59:', '[1:05.', '[0:00:00.', '[10:5'].flatMap((p) => endings(p, 4)),
      `[${'9'.repeat(400)}:00]`,
      `[${'1'.repeat(16)}:00]`,
      '[60000:00]',
      '[60000:00.001]',
      '[999:59:59.999]',
      '[1000:00:00]',
      '[1000:00:01]',
      `[${'0'.repeat(30)}1:00]`,
      '[0:00.1234]',
    ];
    const valid = strings.filter((s) => expected(s) !== undefined);
    // The enumeration reaches every form: hours, fractions, both.
    assert.ok(
      valid.some((s) => /^\[\d+:\d\d:\d\d\]/.test(s)),
      'h:mm:ss',
    );
    assert.ok(
      valid.some((s) => /^\[\d+:\d\d\.\d+\]/.test(s)),
      'm:ss.f',
    );
    assert.ok(
      valid.some((s) => /^\[\d+:\d\d:\d\d\.\d+\]/.test(s)),
      'h:mm:ss.f',
    );
    for (const s of strings) assert.deepEqual(parseStamp(s), expected(s), s);
  });

  it('parses body stamps in every accepted form', () => {
    assert.deepEqual(parseStamp('[0:51] Ja'), { seconds: 51, length: 6 });
    assert.deepEqual(parseStamp('[59:21]'), { seconds: 59 * 60 + 21, length: 7 });
    assert.deepEqual(parseStamp('[1:00:37]'), { seconds: 3637, length: 9 });
    assert.deepEqual(parseStamp('[1:05.250]'), { seconds: 65.25, length: 10 });
    assert.equal(parseStamp('[12:60]'), undefined);
    assert.equal(parseStamp('[1:5]'), undefined);
    assert.equal(parseStamp('[1:60:00]'), undefined);
    assert.equal(parseStamp('[Musik]'), undefined);
  });

  it('recognises bracketed things meant as times', () => {
    for (const s of ['[1:5]', '[12:60]', '[1:2:3:4]', '[ 1:05]', '[1.05]', '[1:05 Ja'])
      assert.ok(stampLikeLength(s) > 0, s);
    for (const s of ['[Musik]', '[Lachen] Ja', '[unverständlich]', 'Ja [1:05]'])
      assert.equal(stampLikeLength(s), 0, s);
    assert.equal(stampLikeLength('[1:2:3:4] und weiter'), 9);
  });

  it('parses chapter times', () => {
    assert.equal(parseChapterTime('0:01:47 News')?.seconds, 107);
    assert.equal(parseChapterTime('01:04:57 X')?.seconds, 3897);
    assert.equal(parseChapterTime('12:30 X')?.seconds, 750);
    assert.equal(parseChapterTime('0:00:01.500 X')?.seconds, 1.5);
    assert.equal(parseChapterTime('0:61:00 X'), undefined);
    assert.equal(parseChapterTime('Intro'), undefined);
  });

  it('formats times as transcripts write them', () => {
    assert.equal(formatClock(51), '0:51');
    assert.equal(formatClock(3637), '1:00:37');
    assert.equal(formatStamp(845), '[14:05]');
    assert.equal(formatChapterTime(107), '0:01:47');
    assert.equal(formatChapterTime(65.25), '0:01:05.250');
    assert.equal(formatClock(59.9996), '1:00');
    assert.equal(formatStamp(3599.9999), '[1:00:00]');
  });
});
