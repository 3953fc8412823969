/** Chapter checks: every listed chapter has a heading in the body, spelt alike, at its time. */
import { finding, type Finding } from '../findings';
import { SECTION_HEADERS, type Timestamp, type TranscriptModel } from '../model';
import { parse } from '../parser';
import { rereadFrom } from '../reread';
import { pos, type Position } from '../text';
import { lowerBound, upperBound } from '../search';
import { orderedStamps } from './order';
import { formatChapterTime, formatStamp } from '../time';

/** Index of the first stamp on a line after `line` (stamps are in line order). */
export function firstStampAfter(stamps: readonly Timestamp[], line: number): number {
  return upperBound(stamps, line, (s) => s.line);
}

/**
 * Where a missing chapter's heading belongs: before the first body stamp at
 * or after the chapter's time, above that stamp's speaker label when the
 * stamp opens the turn. Undefined when no stamp is that late.
 */
export function headingInsertLine(
  model: TranscriptModel,
  chapter: { readonly seconds: number },
): number | undefined {
  const ordered = orderedStamps(model);
  const stamp = ordered[lowerBound(ordered, chapter.seconds, (s) => s.seconds)];
  if (!stamp) return undefined;
  const turn = model.turns[upperBound(model.turns, stamp.line - 1, (t) => t.startLine) - 1];
  if (turn && turn.startLine < stamp.line && stamp.line <= turn.endLine) {
    let onlyBlank = true;
    for (let l = turn.startLine + 1; l < stamp.line && onlyBlank; l++)
      onlyBlank = model.text.line(l).trim() === '';
    if (onlyBlank) return turn.startLine;
  }
  return stamp.line;
}

/**
 * Why `title`, written on a line of its own in a transcript body, would not
 * be read back as the heading of its chapter (undefined when it would): it
 * reads as something else first. A chapter called "[1:05] Intro" gives a
 * timestamp line, one called "Transcript" a section. Inserting such a
 * heading would fix nothing (and fix-all would insert it again every round);
 * an import leaves it out. Decided by parsing the line, as the parser would.
 */
export function headingProblem(title: string): string | undefined {
  const probe = parse(`Chapters\n0:00:00 ${title}\nTranscript\n${title}\n`, { layout: 'auphonic' });
  if (probe.headings.length === 1 && probe.headings[0]!.exact) return undefined;
  const trimmed = title.trim();
  if (SECTION_HEADERS.has(trimmed)) return `it would read as the section header '${trimmed}'`;
  if (probe.stamps.length > 0 || probe.malformedStamps.length > 0)
    return 'it would read as a timestamp';
  return 'it would not read back as its heading';
}

/** The chapter findings of each model, with the tolerance they were made for. */
const madeFor = new WeakMap<
  TranscriptModel,
  { readonly tolerance: number; readonly findings: Finding[] }
>();

/**
 * The chapter findings. A model that `reread` made keeps the earlier model's
 * (they come from chapters, headings, stamps and turns, which it shares),
 * unless the edited line ends the body: a heading missing at the end is
 * inserted after that line's last character.
 */
export function chapterFindings(model: TranscriptModel, tolerance: number): Finding[] {
  const had = madeFor.get(model);
  if (had?.tolerance === tolerance) return had.findings;
  const from = rereadFrom(model);
  const base = from && madeFor.get(from.model);
  const findings =
    base?.tolerance === tolerance && from!.line !== model.body?.endLine
      ? base.findings
      : chapterFindingsOf(model, tolerance);
  madeFor.set(model, { tolerance, findings });
  return findings;
}

function chapterFindingsOf(model: TranscriptModel, tolerance: number): Finding[] {
  const findings: Finding[] = [];
  const { text, stamps, chapters } = model;
  const headingOf = new Map(model.headings.map((h) => [h.chapter, h]));
  const hasBody = model.turns.length > 0 || stamps.length > 0;

  for (const chapter of chapters) {
    const heading = headingOf.get(chapter.index);
    const entryRange = { start: chapter.timeRange.start, end: chapter.titleRange.end };
    if (!heading) {
      if (!hasBody) continue;
      const line = headingInsertLine(model, chapter);
      const at: Position =
        line !== undefined
          ? pos(line, 0)
          : pos(model.body!.endLine, text.lineLength(model.body!.endLine));
      const newText =
        line !== undefined ? `${chapter.title}${text.eol}` : `${text.eol}${chapter.title}`;
      const insertable = headingProblem(chapter.title) === undefined;
      findings.push(
        finding(
          'chapter-heading-missing',
          entryRange,
          `Chapter '${chapter.title}' (${chapter.timeText}) has no heading in the transcript body` +
            (insertable ? '' : ': its title cannot stand as a heading line; rename the chapter'),
          insertable
            ? {
                fixes: [
                  {
                    title:
                      line !== undefined
                        ? `Insert the heading '${chapter.title}' above line ${line + 1}`
                        : `Insert the heading '${chapter.title}' at the end of the transcript`,
                    edits: [{ range: { start: at, end: at }, newText }],
                    preferred: true,
                    safe: true,
                  },
                ],
              }
            : {},
        ),
      );
      continue;
    }

    if (!heading.exact) {
      findings.push(
        finding(
          'chapter-heading-mismatch',
          heading.range,
          `Heading '${heading.text}' differs from the chapter title '${chapter.title}' on line ${chapter.line + 1} in case or spacing`,
          {
            related: [{ range: chapter.titleRange, message: `Listed as '${chapter.title}'` }],
            fixes: [
              {
                title: `Change the heading to '${chapter.title}' (as in the chapter list)`,
                edits: [{ range: heading.range, newText: chapter.title }],
                preferred: true,
                safe: true,
              },
              {
                title: `Change the chapter list entry to '${heading.text}' (as in the body)`,
                edits: [{ range: chapter.titleRange, newText: heading.text }],
              },
            ],
          },
        ),
      );
    }

    const after = firstStampAfter(stamps, heading.line);
    const prev = after > 0 ? stamps[after - 1] : undefined;
    const next = after < stamps.length ? stamps[after] : undefined;
    const tooEarly = prev !== undefined && chapter.seconds < prev.seconds - tolerance;
    const tooLate = next !== undefined && chapter.seconds > next.seconds + tolerance;
    if (tooEarly || tooLate) {
      const around =
        prev && next
          ? `between ${formatStamp(prev.seconds)} and ${formatStamp(next.seconds)}`
          : prev
            ? `after ${formatStamp(prev.seconds)}`
            : `before ${formatStamp(next!.seconds)}`;
      const target = next ?? prev!;
      const newTime = formatChapterTime(target.seconds);
      findings.push(
        finding(
          'chapter-time-mismatch',
          chapter.timeRange,
          `Chapter '${chapter.title}' is listed at ${chapter.timeText}, but its heading on line ${heading.line + 1} stands ${around} (tolerance ${tolerance} s)`,
          {
            related: [
              { range: heading.range, message: 'The chapter heading in the body' },
              { range: target.range, message: `${formatStamp(target.seconds)} is here` },
            ],
            fixes: [
              {
                title: `Set the listed time to ${newTime} (${next ? 'the first timestamp after the heading' : 'the last timestamp before the heading'})`,
                edits: [{ range: chapter.timeRange, newText: newTime }],
                preferred: true,
              },
            ],
          },
        ),
      );
    }
  }
  return findings;
}
