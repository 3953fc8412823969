import { strict as assert } from 'node:assert';
import { outOfOrder } from '../../server/src/core/analysis/order';
import { findings, lines } from './util';

describe('timestamp-order and chapter-order', () => {
  it('flags the one typo, not its innocent successor', () => {
    const text = lines('Malte:', '[14:05] a', '[2:14:07] b', '[14:09] c', '[14:10] d');
    const f = findings(text).filter((x) => x.code === 'timestamp-order');
    assert.equal(f.length, 1);
    assert.equal(f[0].range.start.line, 2);
    assert.equal(
      f[0].message,
      '[2:14:07] is later than [14:09] on line 4, which comes after it: timestamps must not go back in time',
    );
    assert.equal(f[0].related?.[0].range.start.line, 3);
  });

  it('names the earlier stamp when one goes backwards', () => {
    const text = lines('Malte:', '[12:10] a', '[12:03] b', '[12:20] c');
    const f = findings(text).filter((x) => x.code === 'timestamp-order');
    assert.deepEqual(
      f.map((x) => x.message),
      ['[12:03] is earlier than [12:10] on line 2: timestamps must not go back in time'],
    );
    assert.equal(f[0].severity, 'error');
    assert.equal(f[0].related?.[0].range.start.line, 1);
  });

  it('accepts equal consecutive stamps', () => {
    assert.deepEqual(findings(lines('Malte:', '[1:00] a', '[1:00] b', '[1:01] c')), []);
  });

  it('flags the smallest set', () => {
    assert.deepEqual(outOfOrder([1, 2, 3, 4]), [false, false, false, false]);
    assert.deepEqual(outOfOrder([1, 3, 2]), [false, false, true]);
    assert.deepEqual(outOfOrder([10, 20, 2, 30, 40]), [false, false, true, false, false]);
    assert.deepEqual(outOfOrder([5, 1, 2, 3, 4]), [true, false, false, false, false]);
    assert.equal(outOfOrder([9, 8, 7, 6]).filter(Boolean).length, 3);
  });

  it('checks the chapter list order', () => {
    const text = lines('Chapters', '0:00:00 A', '0:10:00 B', '0:05:00 C', '0:20:00 D');
    const f = findings(text).filter((x) => x.code === 'chapter-order');
    assert.equal(f.length, 1);
    assert.equal(
      f[0].message,
      '0:05:00 is earlier than 0:10:00 on line 3: chapters must not go back in time',
    );
  });
});
