/** The ESLint JSON format, so that existing lint tooling can read our findings. */
import {
  applyEdits,
  LineIndex,
  localEdits,
  type Finding,
  type TextEdit,
} from '../../server/src/core';

export interface EslintFix {
  range: [number, number];
  text: string;
}

export interface EslintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  fix?: EslintFix;
  suggestions?: { desc: string; fix: EslintFix }[];
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

/** Several edits as one replacement from the first to the last, as ESLint merges fixes. */
function mergeEdits(index: LineIndex, edits: readonly TextEdit[]): EslintFix {
  const offsets = edits.map((e) => [index.offsetAt(e.range.start), index.offsetAt(e.range.end)]);
  // A loop, not Math.min(...offsets): a rename of 300,000 labels would overflow the stack.
  let start = Infinity;
  let end = -Infinity;
  for (const [s, e] of offsets) {
    if (s < start) start = s;
    if (e > end) end = e;
  }
  const slice = index.text.slice(start, end);
  const shifted = edits.map((e) => {
    const s = index.offsetAt(e.range.start) - start;
    const t = index.offsetAt(e.range.end) - start;
    const local = new LineIndex(slice);
    return { range: { start: local.positionAt(s), end: local.positionAt(t) }, newText: e.newText };
  });
  return { range: [start, end], text: applyEdits(slice, shifted) };
}

export function toEslintResult(
  filePath: string,
  text: string,
  findings: readonly Finding[],
): EslintResult {
  const index = new LineIndex(text);
  const messages = findings.map((f): EslintMessage => {
    // Each fix as this finding's own part (ESLint's fixes are local; fix-all
    // and `transcript fix` combine them): renaming every label or respelling
    // every mention would otherwise repeat most of the file in every message.
    const fixes = (f.fixes ?? [])
      .filter((x) => x.edits.length > 0)
      .map((x) => {
        const edits = localEdits(f, x);
        // A title that counts every place says which part this fix is.
        // Only a safe fix is applied by 'transcript fix'; the others the editor's quick fix does.
        const all = x.safe
          ? `'transcript fix' does all ${x.edits.length}`
          : `the editor's quick fix does all ${x.edits.length}`;
        const title =
          edits && edits.length < x.edits.length ? `${x.title}: this place (${all})` : x.title;
        return { ...x, title, edits };
      })
      .filter((x): x is typeof x & { edits: readonly TextEdit[] } => x.edits !== undefined);
    const safe = fixes.find((x) => x.safe);
    return {
      ruleId: f.code,
      severity: f.severity === 'error' ? 2 : 1,
      message: f.message,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      fix: safe ? mergeEdits(index, safe.edits) : undefined,
      suggestions: distinct(fixes).map((x) => ({ desc: x.title, fix: mergeEdits(index, x.edits) })),
    };
  });
  const errors = messages.filter((m) => m.severity === 2);
  const warnings = messages.filter((m) => m.severity === 1);
  return {
    filePath,
    messages,
    errorCount: errors.length,
    warningCount: warnings.length,
    fatalErrorCount: 0,
    fixableErrorCount: errors.filter((m) => m.fix).length,
    fixableWarningCount: warnings.filter((m) => m.fix).length,
  };
}

export function fatalResult(filePath: string, message: string): EslintResult {
  return {
    filePath,
    messages: [{ ruleId: null, severity: 2, fatal: true, message, line: 0, column: 0 }],
    errorCount: 1,
    warningCount: 0,
    fatalErrorCount: 1,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
}

/** Fixes whose local edits differ: "respell all", cut to this place, is "respell only this one". */
function distinct<T extends { edits: readonly TextEdit[] }>(fixes: T[]): T[] {
  const seen = new Set<string>();
  return fixes.filter((x) => {
    const key = JSON.stringify(x.edits);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
