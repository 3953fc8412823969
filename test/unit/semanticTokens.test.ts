import { strict as assert } from 'node:assert';
import { parse, semanticTokens } from '../../server/src/core';
import { CLEAN } from './util';

describe('semantic tokens', () => {
  it('marks exactly the body chapter headings', () => {
    const tokens = semanticTokens(parse(CLEAN.replace('\nNeuigkeiten\n', '\n  NEUIGKEITEN\n')));
    assert.deepEqual(tokens, [
      { line: 11, character: 0, length: 9, type: 'chapterHeading' },
      { line: 16, character: 2, length: 11, type: 'chapterHeading' },
    ]);
  });
});
