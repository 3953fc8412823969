/** Folding ranges: sections, chapters and speaker turns (the outline's nodes). */
import type { TranscriptModel } from './model';
import { outline, type OutlineKind, type OutlineNode } from './symbols';

export interface FoldingRange {
  readonly startLine: number;
  readonly endLine: number;
  readonly kind: OutlineKind;
}

export function foldingRanges(model: TranscriptModel, nodes = outline(model)): FoldingRange[] {
  const out: FoldingRange[] = [];
  const visit = (list: readonly OutlineNode[]) => {
    for (const n of list) {
      let end = n.range.end.line;
      while (end > n.range.start.line && model.text.line(end).trim() === '') end--;
      if (end > n.range.start.line)
        out.push({ startLine: n.range.start.line, endLine: end, kind: n.kind });
      visit(n.children);
    }
  };
  visit(nodes);
  return out;
}
