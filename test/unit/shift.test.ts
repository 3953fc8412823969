import { strict as assert } from 'node:assert';
import {
  applyEdits,
  formatLike,
  parse,
  parseOffset,
  shiftScopeAt,
  shiftTimestamps,
  timeAtLine,
} from '../../server/src/core';
import { CLEAN, lines } from './util';

describe('timestamp shifting', () => {
  it('reads signed offsets', () => {
    assert.equal(parseOffset('-12'), -12);
    assert.equal(parseOffset('+1:30'), 90);
    assert.equal(parseOffset('-0:00:05'), -5);
    assert.equal(parseOffset('1:00:00'), 3600);
    assert.equal(parseOffset('+0:01.5'), 1.5);
    for (const bad of ['', 'abc', '1:60', '--3', '1:2:3:4'])
      assert.equal(parseOffset(bad), undefined, bad);
  });

  it('writes each time exactly in its own style', () => {
    assert.equal(formatLike('0:51', 61), '1:01');
    assert.equal(formatLike('59:50', 3610), '60:10', 'minutes and seconds stay so past the hour');
    assert.equal(formatLike('1:00:10', 3590), '0:59:50', 'an hour field stays');
    assert.equal(formatLike('0:00:51', 61), '0:01:01');
    assert.equal(formatLike('00:51', 5), '00:05');
    assert.equal(formatLike('0:01.500', 2.25), '0:02.250');
    assert.equal(formatLike('1:04:57', 1800), '0:30:00');
  });

  it('refuses an offset finer than a time shows', () => {
    const r = shiftTimestamps(parse(CLEAN), 0.5, { fromSeconds: 0 });
    assert.deepEqual(r, {
      ok: false,
      message:
        'Shifting by +0:00.500 needs fractions of a second that [0:05] on line 14 does not show; shift by whole seconds. Nothing was changed',
    });
  });

  it('moves every stamp and chapter time at or after a time', () => {
    const model = parse(CLEAN);
    // From the heading 'Neuigkeiten' on: its chapter time and the three stamps after it.
    const r = shiftTimestamps(model, -12, { fromSeconds: timeAtLine(model, 16) });
    assert.ok(r.ok);
    assert.equal(r.stamps, 3);
    assert.equal(r.chapters, 1);
    const after = applyEdits(CLEAN, r.edits);
    assert.match(after, /^0:00:58 Neuigkeiten$/m);
    assert.match(after, /^\[1:00\] Dann/m);
    assert.match(after, /^\[1:28\] Noch/m);
    assert.match(after, /^\[1:53\] Danke/m);
    assert.match(after, /^\[0:20\] Hallo Malte/m, 'earlier stamps stay');
    // From Malte's label after the heading: his stamps, not the chapter that began before.
    const fromLabel = shiftTimestamps(model, -12, { fromSeconds: timeAtLine(model, 17) });
    assert.ok(fromLabel.ok);
    assert.deepEqual([fromLabel.stamps, fromLabel.chapters], [3, 0]);
  });

  it('from the cursor on, leaves an out-of-order stamp above the cursor alone', () => {
    const text = lines(
      'Chapters',
      '0:00:00 A',
      '0:20:00 B',
      'Transcript',
      'X:',
      '[14:05] a',
      '[1:14:07] b',
      '[14:09] c',
      'B',
      'Y:',
      '[20:05] d',
      'more',
      '[20:30] e',
    );
    const model = parse(text);
    const scope = shiftScopeAt(model, 11); // on 'more', in the paragraph of [20:05]
    assert.deepEqual(scope, { fromLine: 10, fromSeconds: 1205 });
    const r = shiftTimestamps(model, 5, scope);
    assert.ok(r.ok);
    const after = applyEdits(text, r.edits);
    assert.match(after, /^\[1:14:07\] b$/m, 'the typo above stays');
    assert.match(after, /^\[20:10\] d$/m);
    assert.match(after, /^\[20:35\] e$/m);
    assert.match(after, /^0:20:00 B$/m, 'the chapter began before the cursor');
  });

  it('shifts only the selected lines when there is a selection', () => {
    const r = shiftTimestamps(parse(CLEAN), 30, { lines: [13, 15] });
    assert.ok(r.ok);
    assert.deepEqual([r.stamps, r.chapters], [2, 0]);
  });

  it('refuses a shift that would make a time negative, changing nothing', () => {
    const r = shiftTimestamps(parse(CLEAN), -10, { fromSeconds: 0 });
    assert.deepEqual(r, {
      ok: false,
      message: 'Shifting by -0:10 would make [0:05] on line 14 negative; nothing was changed',
    });
  });

  it('gives back the original text when shifted by +x then -x', () => {
    const text = lines(
      'Chapters',
      '0:00:00 A',
      '0:59:40 B',
      'Transcript',
      'X:',
      '[59:30] a',
      '[59:55] b',
      '[1:00:20] c',
    );
    const shift = (t: string, by: number) => {
      const r = shiftTimestamps(parse(t), by, { fromSeconds: 0 });
      assert.ok(r.ok);
      return applyEdits(t, r.edits);
    };
    const there = shift(text, 25);
    assert.match(there, /\[60:20\] b/);
    const back = shift(there, -25);
    assert.equal(back, text);
  });
});
