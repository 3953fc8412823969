import { strict as assert } from 'node:assert';
import { foldingRanges, parse } from '../../server/src/core';
import { CLEAN } from './util';

describe('folding', () => {
  it('folds sections, chapters and turns', () => {
    const ranges = foldingRanges(parse(CLEAN)).map((r) => `${r.kind} ${r.startLine}-${r.endLine}`);
    assert.deepEqual(ranges, [
      'section 1-3',
      'section 4-5',
      'section 6-7',
      'section 8-9',
      'section 10-22',
      'chapter 11-15',
      'turn 12-13',
      'turn 14-15',
      'chapter 16-22',
      'turn 17-20',
      'turn 21-22',
    ]);
  });
});
