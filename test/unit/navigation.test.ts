import { strict as assert } from 'node:assert';
import {
  applyEdits,
  definition,
  parse,
  prepareRename,
  references,
  renameSpeaker,
} from '../../server/src/core';
import { CLEAN } from './util';

const model = parse(CLEAN);

describe('navigation', () => {
  it('goes from a chapter entry to its heading and back', () => {
    assert.deepEqual(definition(model, { line: 3, character: 2 }), {
      start: { line: 16, character: 0 },
      end: { line: 16, character: 11 },
    });
    assert.deepEqual(definition(model, { line: 16, character: 4 }), {
      start: { line: 3, character: 8 },
      end: { line: 3, character: 19 },
    });
    assert.equal(definition(model, { line: 13, character: 3 }), undefined);
  });

  it('finds every turn of the speaker under the cursor', () => {
    assert.deepEqual(
      references(model, { line: 12, character: 2 }).map((r) => r.start.line),
      [12, 17],
    );
    assert.deepEqual(references(model, { line: 13, character: 2 }), []);
  });

  it('renames a speaker everywhere in one edit and refuses elsewhere with a reason', () => {
    const p = { line: 14, character: 1 };
    assert.deepEqual(prepareRename(model, p), {
      ok: true,
      range: { start: { line: 14, character: 0 }, end: { line: 14, character: 6 } },
      placeholder: 'Stefan',
    });
    const r = renameSpeaker(model, p, 'Stephan');
    assert.ok(r.ok);
    const after = applyEdits(CLEAN, r.edits);
    assert.equal(after.match(/^Stephan:$/gm)?.length, 2);
    assert.equal(after.match(/^Stefan:$/gm), null);
    assert.match(after, /ich bin Stefan\./, 'prose is left alone');

    const refused = prepareRename(model, { line: 13, character: 5 });
    assert.equal(refused.ok, false);
    assert.match(!refused.ok ? refused.message : '', /Only speaker names can be renamed/);
    for (const bad of ['', 'A: B', '[x', 'x'.repeat(61), 'a\nb']) {
      const res = renameSpeaker(model, p, bad);
      assert.equal(res.ok, false, JSON.stringify(bad));
    }
  });
});
