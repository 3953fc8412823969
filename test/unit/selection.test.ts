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

  it('answers only whole, non-negative positions in the text, never echoing others', () => {
    const model = parse(CLEAN);
    for (const p of [
      { line: 19.5, character: 2 },
      { line: 19, character: 2.5 },
      { line: NaN, character: 0 },
      { line: 19, character: NaN },
      { line: 19, character: -1 },
      { line: -1, character: 0 },
      { line: Infinity, character: 0 },
      { line: 19, character: Infinity },
      { line: 1e300, character: 0 },
    ])
      assert.deepEqual(selectionRanges(model, p), [], JSON.stringify(p));
    const valid = (n: number) => Number.isInteger(n) && n >= 0;
    for (const r of selectionRanges(model, { line: 19, character: 1e9 })) {
      assert.ok(valid(r.start.line) && valid(r.start.character), JSON.stringify(r));
      assert.ok(valid(r.end.line) && valid(r.end.character), JSON.stringify(r));
      assert.ok(r.end.character <= 1e6, 'a column past the end stands for the end');
    }
  });

  it('finds the bracketed token or word under the cursor after many unclosed brackets', () => {
    const line = `${'['.repeat(5000)} [Musik] Hallo`;
    const model = parse(`Transcript\nMalte:\n[0:01] x\n${line}`);
    const at = (character: number) => selectionRanges(model, { line: 3, character })[0];
    assert.deepEqual(at(5003), {
      start: { line: 3, character: 5001 },
      end: { line: 3, character: 5008 },
    });
    assert.deepEqual(at(5011), {
      start: { line: 3, character: 5009 },
      end: { line: 3, character: 5014 },
    });
  });
});
