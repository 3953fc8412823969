import { strict as assert } from 'node:assert';
import { parse, selectionRanges } from '../../server/src/core';
import { CLEAN } from './util';

describe('selection ranges', () => {
  it('grows from a word to the line, the turn, the chapter, the section and the file', () => {
    const chain = selectionRanges(parse(CLEAN), { line: 19, character: 2 });
    const show = chain.map(
      (r) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`,
    );
    assert.deepEqual(show, [
      '19:0-19:6', // Weiter
      '19:0-19:15', // the line
      '17:0-20:23', // Malte's turn
      '16:0-22:13', // chapter Neuigkeiten
      '10:0-22:13', // section Transcript
      '0:0-22:13', // the file
    ]);
  });
});
