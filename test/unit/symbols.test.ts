import { strict as assert } from 'node:assert';
import { outline, parse, type OutlineNode } from '../../server/src/core';
import { CLEAN, lines } from './util';

function tree(nodes: readonly OutlineNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.kind} ${n.name}${n.detail ? ` (${n.detail})` : ''} @${n.selectionRange.start.line}`,
    ...tree(n.children, depth + 1),
  ]);
}

function assertNested(nodes: readonly OutlineNode[], parent?: OutlineNode) {
  for (const n of nodes) {
    const inside = (r: OutlineNode['range'], outer: OutlineNode['range']) =>
      (r.start.line > outer.start.line ||
        (r.start.line === outer.start.line && r.start.character >= outer.start.character)) &&
      (r.end.line < outer.end.line ||
        (r.end.line === outer.end.line && r.end.character <= outer.end.character));
    assert.ok(inside(n.selectionRange, n.range), `${n.name}: selection inside range`);
    if (parent) assert.ok(inside(n.range, parent.range), `${n.name} inside ${parent.name}`);
    assertNested(n.children, n);
  }
}

describe('outline', () => {
  it('has sections on top, chapters under Transcript and turns under chapters', () => {
    const nodes = outline(parse(CLEAN));
    assert.deepEqual(tree(nodes), [
      'section Generated Shownotes @0',
      'section Chapters @1',
      'section Long Summary @4',
      'section Brief Summary @6',
      'section Tags @8',
      'section Transcript @10',
      '  chapter Begrüßung (0:00:00) @11',
      '    turn Malte 0:05 @12',
      '    turn Stefan 0:20 @14',
      '  chapter Neuigkeiten (0:01:10) @16',
      '    turn Malte 1:12 @17',
      '    turn Stefan 2:05 @21',
    ]);
    assertNested(nodes);
  });

  it('places a chapter without heading by its time and splits a turn a chapter starts in', () => {
    const text = lines(
      'Chapters',
      '0:00:00 A',
      '0:01:00 B',
      '0:02:00 C',
      'Transcript',
      'A',
      'X:',
      '[0:10] a',
      'B',
      'b',
      '[1:30] c',
      'Y:',
      '[2:05] d',
    );
    const nodes = outline(parse(text));
    assert.deepEqual(tree(nodes[1].children), [
      'chapter A (0:00:00) @5',
      '  turn X 0:10 @6',
      'chapter B (0:01:00) @8',
      '  turn X 1:30 @10',
      'chapter C (0:02:00 (no heading in the body)) @11',
      '  turn Y 2:05 @11',
    ]);
    assertNested(nodes);
  });

  it('lists turns at the top of a bare transcript', () => {
    const nodes = outline(parse(lines('Malte:', '[0:01] a', 'Stefan:', '[0:02] b')));
    assert.deepEqual(tree(nodes), ['turn Malte 0:01 @0', 'turn Stefan 0:02 @2']);
  });
});
