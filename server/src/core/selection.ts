/** Expand Selection: word → line → turn → chapter → section. */
import type { TranscriptModel } from './model';
import { outline, type OutlineNode } from './symbols';
import { comparePositions, range, type Position, type Range } from './text';

function contains(outer: Range, inner: Range): boolean {
  return (
    comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0
  );
}

function wordAt(line: string, lineNo: number, character: number): Range | undefined {
  const re = /[\p{L}\p{M}\p{N}'’-]+|\[[^\]\s]*\]/gu;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m.index <= character && character <= m.index + m[0].length)
      return range(lineNo, m.index, m.index + m[0].length);
    if (m.index > character) break;
  }
  return undefined;
}

/** The nested ranges around a position, innermost first. */
export function selectionRanges(
  model: TranscriptModel,
  p: Position,
  nodes = outline(model),
): Range[] {
  if (p.line < 0 || p.line >= model.text.lineCount) return [];
  const text = model.text.line(p.line);
  const chain: Range[] = [];
  const push = (r: Range | undefined) => {
    if (!r) return;
    const last = chain[chain.length - 1];
    if (
      last &&
      comparePositions(last.start, r.start) === 0 &&
      comparePositions(last.end, r.end) === 0
    )
      return;
    if (last && !contains(r, last)) return;
    chain.push(r);
  };
  // The innermost range must hold the cursor (editors drop the answer otherwise).
  const holds = (r: Range) => r.start.character <= p.character && p.character <= r.end.character;
  const word = wordAt(text, p.line, p.character);
  if (word && holds(word)) push(word);
  const lead = text.length - text.trimStart().length;
  const content = range(p.line, lead, text.trimEnd().length);
  if (lead < content.end.character && holds(content)) push(content);
  push(model.text.lineRange(p.line));
  const path: OutlineNode[] = [];
  let level: readonly OutlineNode[] = nodes;
  for (;;) {
    const hit = level.find((n) => n.range.start.line <= p.line && p.line <= n.range.end.line);
    if (!hit) break;
    path.push(hit);
    level = hit.children;
  }
  for (const n of path.reverse()) push(n.range);
  push({ start: { line: 0, character: 0 }, end: model.text.positionAt(model.text.text.length) });
  return chain;
}
