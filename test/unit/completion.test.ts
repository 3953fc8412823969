import { strict as assert } from 'node:assert';
import { completions, parse } from '../../server/src/core';
import { CLEAN, settings } from './util';

describe('completion', () => {
  const text = CLEAN.replace('\nNeuigkeiten\n', '\n\n');
  const model = parse(text);
  const empty = { line: 16, character: 0 };

  it('offers speakers, most used first, then chapters without heading, on an empty body line', () => {
    const items = completions(
      model,
      empty,
      settings({ speakers: ['Anna'] }),
      new Map([
        ['Malte', 40],
        ['Jörg', 3],
      ]),
    );
    assert.deepEqual(
      items.map((i) => `${i.kind} ${i.label} (${i.detail})`),
      [
        'speaker Malte: (2 turns here, 40 other episodes)',
        'speaker Stefan: (2 turns here)',
        'speaker Jörg: (3 other episodes)',
        'speaker Anna: (known speaker)',
        'chapter Neuigkeiten (chapter heading (0:01:10), not yet in the body)',
      ],
    );
    assert.equal(items[0].insertText, 'Malte:');
    assert.deepEqual(items[0].range, { start: empty, end: empty });
  });

  it('does not offer names reported as misspellings', () => {
    const items = completions(model, empty, settings(), new Map(), new Set(['Stefan']));
    assert.deepEqual(
      items.map((i) => i.label),
      ['Malte:', 'Neuigkeiten'],
    );
  });

  it('filters by what is typed and stays quiet in prose, stamps and the summaries', () => {
    const typed = parse(text.replace('\n\nMalte:', '\nSt\nMalte:'));
    assert.deepEqual(
      completions(typed, { line: 16, character: 2 }, settings()).map((i) => i.label),
      ['Stefan:'],
    );
    assert.deepEqual(
      completions(model, { line: 13, character: 3 }, settings()),
      [],
      'in a stamped line',
    );
    assert.deepEqual(
      completions(parse(CLEAN + '\nUnd dann'), { line: 23, character: 8 }, settings()),
      [],
      'prose',
    );
    assert.deepEqual(completions(model, { line: 5, character: 0 }, settings()), [], 'summary');
  });
});
