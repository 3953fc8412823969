/** Fix all: every safe fix at once, as one set of non-overlapping edits. */
import type { Finding, Fix } from './findings';
import { analyze } from './analysis/analyze';
import type { Settings } from './settings';
import { applyEdits, comparePositions, type TextEdit } from './text';

export interface FixAllResult {
  readonly edits: TextEdit[];
  /** Titles of the fixes taken, one per distinct fix. */
  readonly applied: string[];
}

/** The safe fixes of `findings`, deduplicated, without overlaps. */
export function fixAllEdits(findings: readonly Finding[]): FixAllResult {
  const seen = new Set<string>();
  const edits: TextEdit[] = [];
  const applied: string[] = [];
  const titles = new Set<string>();
  const taken = new Set<Fix>();
  for (const f of findings) {
    for (const fix of f.fixes ?? []) {
      if (!fix.safe) continue;
      // Findings of one cause share their fix (every label of a misspelt
      // speaker carries the same rename): walk its edits once.
      if (taken.has(fix)) break;
      taken.add(fix);
      let took = false;
      for (const e of fix.edits) {
        const key = `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}=${e.newText}`;
        if (seen.has(key)) continue;
        seen.add(key);
        edits.push(e);
        took = true;
      }
      if (took && !titles.has(fix.title)) {
        titles.add(fix.title);
        applied.push(fix.title);
      }
      break; // one fix per finding
    }
  }
  edits.sort((a, b) => comparePositions(a.range.start, b.range.start));
  const kept: TextEdit[] = [];
  for (const e of edits) {
    const last = kept[kept.length - 1];
    // Insertions at the same point are fine; anything overlapping is dropped.
    if (last && comparePositions(e.range.start, last.range.end) < 0) continue;
    kept.push(e);
  }
  return { edits: kept, applied };
}

/** Applies the safe fixes to a text until nothing changes (at most a few rounds). */
export function fixAllText(text: string, settings: Settings): { text: string; applied: string[] } {
  let current = text;
  const applied: string[] = [];
  for (let round = 0; round < 3; round++) {
    const { edits, applied: titles } = fixAllEdits(analyze(current, settings).findings);
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
    applied.push(...titles);
  }
  return { text: current, applied };
}
