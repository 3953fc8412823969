/** Findings: what the analysis reports, as plain data. */
import type { Range, TextEdit } from './text';

export const FINDING_CODES = [
  'timestamp-malformed',
  'timestamp-order',
  'chapter-order',
  'chapter-entry-malformed',
  'speaker-spelling',
  'speaker-name-in-text',
  'chapter-heading-missing',
  'chapter-heading-mismatch',
  'chapter-time-mismatch',
  'speaker-turn-empty',
  'section-duplicate',
  'cue-timing-malformed',
  'cue-overlap',
  'cue-empty',
  'cue-reading-speed',
  'not-a-transcript',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export type Severity = 'error' | 'warning' | 'information';

export const SEVERITY: Record<FindingCode, Severity> = {
  'timestamp-malformed': 'error',
  'timestamp-order': 'error',
  'chapter-order': 'error',
  'chapter-entry-malformed': 'error',
  'speaker-spelling': 'warning',
  'speaker-name-in-text': 'warning',
  'chapter-heading-missing': 'warning',
  'chapter-heading-mismatch': 'warning',
  'chapter-time-mismatch': 'warning',
  'speaker-turn-empty': 'warning',
  'section-duplicate': 'warning',
  'cue-timing-malformed': 'error',
  'cue-overlap': 'warning',
  'cue-empty': 'warning',
  'cue-reading-speed': 'information',
  'not-a-transcript': 'information',
};

export interface RelatedInformation {
  readonly range: Range;
  readonly message: string;
}

/** A command for the editor to run (e.g. to change a setting). */
export interface FixCommand {
  readonly id: string;
  readonly args: readonly unknown[];
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Runs after the edits, in the editor (not in the CLI). */
  readonly command?: FixCommand;
  /** The fix an editor should offer first. */
  readonly preferred?: boolean;
  /** Safe to apply without looking: part of "fix all" and `transcript fix`. */
  readonly safe?: boolean;
}

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly related?: readonly RelatedInformation[];
  /**
   * May be made when first read (speaker-spelling findings do so): read it as
   * a property; a spread copy of a finding would not carry it.
   */
  readonly fixes?: readonly Fix[];
}

export function finding(
  code: FindingCode,
  range: Range,
  message: string,
  extra?: { related?: RelatedInformation[]; fixes?: Fix[] },
): Finding {
  // The keys `extra` has, as a spread would copy them, without the spread's
  // object-by-object copy (a long transcript makes thousands of findings).
  if (extra === undefined) return { code, severity: SEVERITY[code], message, range };
  const hasRelated = 'related' in extra;
  const hasFixes = 'fixes' in extra;
  if (hasRelated && hasFixes)
    return {
      code,
      severity: SEVERITY[code],
      message,
      range,
      related: extra.related,
      fixes: extra.fixes,
    };
  if (hasRelated) return { code, severity: SEVERITY[code], message, range, related: extra.related };
  if (hasFixes) return { code, severity: SEVERITY[code], message, range, fixes: extra.fixes };
  return { code, severity: SEVERITY[code], message, range };
}

/** Findings sorted by position, then code. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/**
 * The part of a fix that belongs to one finding: the edits at the finding's
 * place when the fix also edits elsewhere (renaming every label, respelling
 * every mention), a fix of one edit as it is, and undefined for a fix of
 * several edits none of which is at the finding (renaming the speaker from
 * a mention in the text). What a per-finding report (ESLint's `fix` and
 * `suggestions`) carries; fix-all combines whole fixes.
 */
export function localEdits(f: Finding, fix: Fix): readonly TextEdit[] | undefined {
  if (fix.edits.length <= 1) return fix.edits;
  const { start, end } = f.range;
  // A fix shared by many findings (renaming 100,000 labels) is looked up by
  // line, not searched whole for each of them.
  const candidates = fix.edits.length > 64 ? editsOnLines(fix, start.line, end.line) : fix.edits;
  const at = candidates.filter(
    (e) =>
      (e.range.start.line < end.line ||
        (e.range.start.line === end.line && e.range.start.character <= end.character)) &&
      (e.range.end.line > start.line ||
        (e.range.end.line === start.line && e.range.end.character >= start.character)),
  );
  return at.length > 0 ? at : undefined;
}

const byLine = new WeakMap<Fix, Map<number, TextEdit[]>>();

/** The edits of `fix` that touch lines `from`..`to`, by an index made once per fix. */
function editsOnLines(fix: Fix, from: number, to: number): TextEdit[] {
  let index = byLine.get(fix);
  if (!index) {
    index = new Map();
    for (const e of fix.edits)
      for (let l = e.range.start.line; l <= e.range.end.line; l++) {
        const list = index.get(l);
        if (list) list.push(e);
        else index.set(l, [e]);
      }
    byLine.set(fix, index);
  }
  if (from === to) return index.get(from) ?? [];
  const out = new Set<TextEdit>();
  for (let l = from; l <= to; l++) for (const e of index.get(l) ?? []) out.add(e);
  return [...out];
}
