import { strict as assert } from 'node:assert';
import { applyEdits } from '../../server/src/core';
import { findings, lines } from './util';

describe('speaker-turn-empty', () => {
  it('flags a label followed by no words before the next label, and removes it on request', () => {
    const text = lines('Malte:', '[0:01] Hallo.', 'Malte:', '', 'Stefan:', '[0:05] Hi.');
    const f = findings(text).filter((x) => x.code === 'speaker-turn-empty');
    assert.equal(f.length, 1);
    assert.equal(f[0].message, "'Malte:' has no words before the next label 'Stefan:' on line 5");
    assert.equal(f[0].related?.[0].range.start.line, 4);
    assert.equal(
      applyEdits(text, f[0].fixes![0].edits),
      lines('Malte:', '[0:01] Hallo.', '', 'Stefan:', '[0:05] Hi.'),
    );
    assert.equal(f[0].fixes![0].safe, undefined, 'removing a label is never automatic');
  });

  it('counts a stamp with no words as empty, and words after a heading as words', () => {
    const empty = lines('Malte:', '[0:01]', 'Stefan:', '[0:05] Hi.');
    assert.equal(findings(empty).filter((x) => x.code === 'speaker-turn-empty').length, 1);
    const last = lines('Malte:', '[0:01] a', 'Stefan:', '[0:05] b', 'Malte:');
    assert.deepEqual(
      findings(last)
        .filter((x) => x.code === 'speaker-turn-empty')
        .map((x) => x.message),
      ["'Malte:' has no words before the end of the transcript"],
    );
  });
});
