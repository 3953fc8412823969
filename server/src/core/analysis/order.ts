/** Order checks: body timestamps and chapter entries must not go backwards. */
import { finding, type Finding, type FindingCode } from '../findings';
import type { TranscriptModel } from '../model';
import type { Range } from '../text';
import { formatChapterTime, formatStamp } from '../time';

/**
 * Marks the fewest items whose removal leaves the rest non-decreasing: the
 * complement of a longest non-decreasing subsequence (O(n log n)). Among
 * equally long subsequences it keeps the one that reaches its length first,
 * so in `1 3 2` the `2` is marked, the one that goes backwards.
 */
export function outOfOrder(values: readonly number[]): boolean[] {
  const n = values.length;
  const tails: number[] = []; // index of the smallest tail of each length
  const prev = new Int32Array(n).fill(-1);
  const len = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] <= v) lo = mid + 1;
      else hi = mid;
    }
    prev[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
    len[i] = lo + 1;
  }
  const flagged = new Array<boolean>(n).fill(true);
  if (n === 0) return flagged;
  let end = 0;
  for (let i = 0; i < n; i++) if (len[i] === tails.length) {
    end = i;
    break;
  }
  for (let i = end; i >= 0; i = prev[i]) flagged[i] = false;
  return flagged;
}

interface Timed {
  readonly seconds: number;
  readonly line: number;
  readonly range: Range;
}

function orderFindings(
  items: readonly Timed[],
  code: FindingCode,
  show: (seconds: number) => string,
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
      message = `${show(t.seconds)} is earlier than ${show(before.seconds)} on line ${before.line + 1}: ${what} must not go back in time`;
    } else {
      let j = i + 1;
      while (j < items.length && flagged[j]) j++;
      other = items[j];
      message = other
        ? `${show(t.seconds)} is later than ${show(other.seconds)} on line ${other.line + 1}, which comes after it: ${what} must not go back in time`
        : `${show(t.seconds)} is out of order`;
    }
    findings.push(
      finding(code, t.range, message, {
        related: other
          ? [{ range: other.range, message: `${show(other.seconds)} is here` }]
          : undefined,
      }),
    );
  }
  return findings;
}

export function timestampOrder(model: TranscriptModel): Finding[] {
  return orderFindings(model.stamps, 'timestamp-order', formatStamp, 'timestamps');
}

export function chapterOrder(model: TranscriptModel): Finding[] {
  return orderFindings(
    model.chapters.map((c) => ({ seconds: c.seconds, line: c.line, range: c.timeRange })),
    'chapter-order',
    formatChapterTime,
    'chapters',
  );
}
