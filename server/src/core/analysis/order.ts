/** Order checks: body timestamps and chapter entries must not go backwards. */
import { finding, type Finding, type FindingCode } from '../findings';
import type { Timestamp, TranscriptModel } from '../model';
import type { Range } from '../text';
import { formatChapterTime, formatStamp } from '../time';

/**
 * Marks the fewest items whose removal leaves the rest non-decreasing: the
 * complement of a longest non-decreasing subsequence, in O(n log n). Among
 * equally long subsequences it keeps the one with the earliest items, so the
 * item marked is the one that goes backwards (in `1 3 2` the `2`, in
 * `10 3 20` the `3`).
 */
export function outOfOrder(values: readonly number[]): boolean[] {
  const n = values.length;
  // from[i]: length of the longest non-decreasing run of items starting at i,
  // computed right to left with patience sorting on the negated values.
  const from = new Int32Array(n);
  const tails: number[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const v = -values[i];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
    from[i] = lo + 1;
  }
  const flagged = new Array<boolean>(n).fill(true);
  // Greedy: the earliest item that can still complete a longest sequence.
  let need = tails.length;
  let last = -Infinity;
  for (let i = 0; i < n && need > 0; i++) {
    if (from[i] === need && values[i] >= last) {
      flagged[i] = false;
      last = values[i];
      need--;
    }
  }
  return flagged;
}

const inOrder = new WeakMap<TranscriptModel, readonly Timestamp[]>();

/** The body stamps without those out of order: the time line to place things by. */
export function orderedStamps(model: TranscriptModel): readonly Timestamp[] {
  let kept = inOrder.get(model);
  if (!kept) {
    const flagged = outOfOrder(model.stamps.map((s) => s.seconds));
    kept = model.stamps.filter((_, i) => !flagged[i]);
    inOrder.set(model, kept);
  }
  return kept;
}

interface Timed {
  readonly seconds: number;
  readonly line: number;
  readonly range: Range;
}

function orderFindings(
  items: readonly Timed[],
  code: FindingCode,
  show: (t: Timed) => string,
  what: string,
): Finding[] {
  const flagged = outOfOrder(items.map((t) => t.seconds));
  const findings: Finding[] = [];
  let lastKept = -1;
  for (let i = 0; i < items.length; i++) {
    if (!flagged[i]) {
      lastKept = i;
      continue;
    }
    const t = items[i];
    const before = lastKept >= 0 ? items[lastKept] : undefined;
    let other: Timed | undefined;
    let message: string;
    if (before && t.seconds < before.seconds) {
      other = before;
      message = `${show(t)} is earlier than ${show(before)} on line ${before.line + 1}: ${what} must not go back in time`;
    } else {
      let j = i + 1;
      while (j < items.length && flagged[j]) j++;
      other = items[j];
      message = other
        ? `${show(t)} is later than ${show(other)} on line ${other.line + 1}, which comes after it: ${what} must not go back in time`
        : `${show(t)} is out of order`;
    }
    findings.push(
      finding(code, t.range, message, {
        related: other ? [{ range: other.range, message: `${show(other)} is here` }] : undefined,
      }),
    );
  }
  return findings;
}

/**
 * Times out of order, each named as the text writes it (`[1:05]`,
 * `00:01:05.000`, `1:05`, `(01:05)`), so that the message points at what
 * the reader sees in any layout.
 */
export function timestampOrder(model: TranscriptModel): Finding[] {
  // Kept per stamp list: a model read again after an edit in prose (see
  // `reread`) shares the list, and its stamps' text, with the one before.
  const known = orderOfStamps.get(model.stamps);
  if (known) return known;
  const written = (t: Timed) => {
    const { start, end } = t.range;
    const text =
      start.line === end.line
        ? model.text.line(start.line).slice(start.character, end.character)
        : '';
    return text.trim() !== '' ? text : formatStamp(t.seconds);
  };
  const findings = orderFindings(model.stamps, 'timestamp-order', written, 'timestamps');
  orderOfStamps.set(model.stamps, findings);
  return findings;
}

const orderOfStamps = new WeakMap<readonly Timestamp[], Finding[]>();

export function chapterOrder(model: TranscriptModel): Finding[] {
  // Kept per chapter list, which a model read again after an edit shares.
  let findings = orderOfChapters.get(model.chapters);
  if (!findings) {
    findings = orderFindings(
      model.chapters.map((c) => ({ seconds: c.seconds, line: c.line, range: c.timeRange })),
      'chapter-order',
      (t) => formatChapterTime(t.seconds),
      'chapters',
    );
    orderOfChapters.set(model.chapters, findings);
  }
  return findings;
}

const orderOfChapters = new WeakMap<TranscriptModel['chapters'], Finding[]>();
