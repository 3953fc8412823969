/** Fix all: every safe fix at once, as one set of non-overlapping edits. */
import type { Finding, Fix } from './findings';
import { analyze, type AnalysisContext } from './analysis/analyze';
import type { Settings } from './settings';
import { applyEdits, comparePositions, type TextEdit } from './text';

export interface FixAllResult {
  readonly edits: TextEdit[];
  /** Titles of the fixes taken, one per distinct fix. */
  readonly applied: string[];
}

/**
 * The safe fixes of `findings`, each fix once, without overlaps. Equal
 * insertions from different findings are all kept: two chapters listed
 * with one title each need their heading (dropping all but one left a
 * heading per round to insert, so fix-all was not idempotent).
 */
export function fixAllEdits(findings: readonly Finding[]): FixAllResult {
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
      // A loop, not push(...edits): a rename of 300,000 labels would overflow the stack.
      for (const e of fix.edits) edits.push(e);
      if (fix.edits.length > 0 && !titles.has(fix.title)) {
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
    // Insertions at the same point are fine; anything overlapping (an equal
    // replacement included) is dropped.
    if (last && comparePositions(e.range.start, last.range.end) < 0) continue;
    kept.push(e);
  }
  return { edits: kept, applied };
}

/** Applies the safe fixes to a text until nothing changes (at most a few rounds). */
export function fixAllText(
  text: string,
  settings: Settings,
  context: AnalysisContext = {},
): { text: string; applied: string[] } {
  let current = text;
  const applied: string[] = [];
  for (let round = 0; round < 3; round++) {
    const { edits, applied: titles } = fixAllEdits(analyze(current, settings, context).findings);
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
    for (const t of titles) applied.push(t);
  }
  return { text: current, applied };
}
