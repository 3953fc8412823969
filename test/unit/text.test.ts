import { strict as assert } from 'node:assert';
import { applyEdits, LineIndex, range } from '../../server/src/core';

describe('text', () => {
  it('splits LF, CRLF and lone CR lines and keeps U+2028 inside a line', () => {
    const index = new LineIndex('a\r\nb\nc\rd\u2028e');
    assert.equal(index.lineCount, 4);
    assert.deepEqual(
      [0, 1, 2, 3].map((l) => index.line(l)),
      ['a', 'b', 'c', 'd\u2028e'],
    );
    assert.equal(index.eol, '\r\n');
  });

  it('maps offsets and positions both ways', () => {
    const index = new LineIndex('ab\r\ncd');
    assert.deepEqual(index.positionAt(4), { line: 1, character: 0 });
    assert.equal(index.offsetAt({ line: 1, character: 1 }), 5);
    assert.equal(index.offsetAt({ line: 0, character: 99 }), 2, 'clamped to the line end');
    assert.equal(index.offsetAt({ line: 9, character: 0 }), 6);
  });

  it('applies edits given in any order', () => {
    const text = 'one two\nthree';
    const out = applyEdits(text, [
      { range: range(1, 0, 5), newText: '3' },
      { range: range(0, 0, 3), newText: '1' },
      { range: range(0, 7, 7), newText: '!' },
    ]);
    assert.equal(out, '1 two!\n3');
  });
});
