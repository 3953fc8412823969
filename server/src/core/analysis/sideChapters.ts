/**
 * Checks of chapters read from a file beside the transcript: the file cannot
 * be read (`chapter-entry-malformed`), a chapter starts before the one listed
 * before it (`chapter-order`, the same longest-subsequence rule as the
 * list's), or after the last cue has ended (`chapter-time-mismatch`). They
 * are reported on the transcript, at the cue where the chapter falls, naming
 * the file: the file is edited in its own editor (a JSON language owns
 * `.json`), so no fix is offered here.
 */
import { finding, type Finding } from '../findings';
import type { SideChapter, TranscriptModel } from '../model';
import { lowerBound } from '../search';
import { range, type Range } from '../text';
import { formatChapterTime } from '../time';
import { orderedStamps, outOfOrder } from './order';

/** Where a chapter starting at `seconds` falls: the first in-order start at or after it, else the last. */
function placeOf(model: TranscriptModel, seconds: number): Range {
  const ordered = orderedStamps(model);
  const at = ordered[lowerBound(ordered, seconds, (s) => s.seconds)] ?? ordered[ordered.length - 1];
  return at ? at.range : range(0, 0, 0);
}

/** The last time the cues reach: the latest end (or start), undefined without cues. */
function cuesEnd(model: TranscriptModel): number | undefined {
  let end: number | undefined;
  for (const cue of model.cues ?? []) {
    const t = cue.end ?? cue.start;
    if (t !== undefined && (end === undefined || t > end)) end = t;
  }
  return end;
}

const named = (c: SideChapter, i: number) => `Chapter ${i + 1}${c.title ? ` '${c.title}'` : ''}`;

export function sideChapterFindings(model: TranscriptModel): Finding[] {
  const side = model.sideChapters;
  if (!side) return [];
  if (side.problem !== undefined)
    return [
      finding(
        'chapter-entry-malformed',
        range(0, 0, Math.min(model.text.lineLength(0), 200)),
        `The chapters file beside this transcript, ${side.file}, cannot be read: ${side.problem}`,
      ),
    ];
  const findings: Finding[] = [];
  const { entries } = side;
  const flagged = outOfOrder(entries.map((c) => c.seconds));
  const end = cuesEnd(model);
  entries.forEach((c, i) => {
    if (flagged[i]) {
      const before = entries[i - 1];
      findings.push(
        finding(
          'chapter-order',
          placeOf(model, c.seconds),
          `${named(c, i)} in ${side.file} starts at ${formatChapterTime(c.seconds)}, earlier than the chapter listed before it` +
            (before ? ` (${named(before, i - 1)} at ${formatChapterTime(before.seconds)})` : ''),
        ),
      );
    } else if (end !== undefined && c.seconds > end) {
      findings.push(
        finding(
          'chapter-time-mismatch',
          placeOf(model, c.seconds),
          `${named(c, i)} in ${side.file} starts at ${formatChapterTime(c.seconds)}, after the last cue ends (${formatChapterTime(end)})`,
        ),
      );
    }
  });
  return findings;
}
