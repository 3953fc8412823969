/**
 * Timestamp shifting, for when an intro was cut or added: move body stamps
 * and chapter times by a signed offset, keeping each time's written style.
 */
import type { TranscriptModel } from './model';
import type { TextEdit } from './text';

/** Parses `-12`, `+1:30`, `-0:00:05`, `90`, `+1:02.5` into signed seconds. */
export function parseOffset(input: string): number | undefined {
  const m = /^\s*([+-]?)\s*(\d+)(?::(\d{1,2}))?(?::(\d{1,2}))?(?:\.(\d{1,3}))?\s*$/.exec(input);
  if (!m) return undefined;
  const fields = [m[2], m[3], m[4]].filter((x) => x !== undefined).map(Number);
  if (fields.slice(1).some((f) => f >= 60)) return undefined;
  let seconds = fields.reduce((acc, f) => acc * 60 + f, 0);
  if (m[5]) seconds += Number(m[5].padEnd(3, '0')) / 1000;
  return m[1] === '-' ? -seconds : seconds;
}

/**
 * Writes `seconds` in the style of `original` (a time without brackets): the
 * first field padded as it was, the same fraction digits, hours as below.
 */
export function formatLike(original: string, seconds: number, keepHours = false): string {
  const m = /^(\d+):(\d\d)(?::(\d\d))?(?:\.(\d+))?$/.exec(original);
  // An hour field stays when asked (chapter lists write H:MM:SS throughout) or
  // when the original wrote a zero hour ([0:00:51]); else it comes and goes
  // with the hour, as in [59:50] → [1:00:10] → [59:50].
  const hadHours = m?.[3] !== undefined && (keepHours || Number(m[1]) === 0);
  const firstWidth = m && m[1].startsWith('0') && m[1].length > 1 ? m[1].length : 1;
  const fracDigits = m?.[4]?.length ?? 0;
  const scale = 10 ** fracDigits;
  const total = Math.round(seconds * scale);
  const whole = Math.floor(total / scale);
  const frac = total % scale;
  const h = Math.floor(whole / 3600);
  const mi = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const pad2 = (n: number) => String(n).padStart(2, '0');
  const tail = fracDigits ? `.${String(frac).padStart(fracDigits, '0')}` : '';
  if (hadHours || h > 0)
    return `${String(h).padStart(firstWidth, '0')}:${pad2(mi)}:${pad2(s)}${tail}`;
  return `${String(mi).padStart(firstWidth, '0')}:${pad2(s)}${tail}`;
}

export type ShiftScope =
  /** Every stamp and chapter time at or after this time. */
  | { readonly fromSeconds: number }
  /** From a place in the text: body stamps from this line on, chapter times from this time on. */
  | { readonly fromLine: number; readonly fromSeconds: number }
  /** Only stamps and chapter entries on these lines (a selection). */
  | { readonly lines: readonly [number, number] };

export type ShiftResult =
  | {
      readonly ok: true;
      readonly edits: TextEdit[];
      readonly stamps: number;
      readonly chapters: number;
    }
  | { readonly ok: false; readonly message: string };

export function shiftTimestamps(
  model: TranscriptModel,
  offset: number,
  scope: ShiftScope,
): ShiftResult {
  const inScope = (line: number, seconds: number, isStamp: boolean) => {
    if ('lines' in scope) return line >= scope.lines[0] && line <= scope.lines[1];
    // An out-of-order stamp above the cursor stays where it is.
    if (isStamp && 'fromLine' in scope) return line >= scope.fromLine;
    return seconds >= scope.fromSeconds;
  };
  const edits: TextEdit[] = [];
  let stamps = 0;
  let chapters = 0;
  const sign = offset < 0 ? '-' : '+';
  const shown = `${sign}${formatLike('0:00', Math.abs(offset))}`;
  for (const s of model.stamps) {
    if (!inScope(s.line, s.seconds, true)) continue;
    const moved = s.seconds + offset;
    const original = model.text
      .line(s.line)
      .slice(s.range.start.character + 1, s.range.end.character - 1);
    if (moved < 0)
      return {
        ok: false,
        message: `Shifting by ${shown} would make [${original}] on line ${s.line + 1} negative; nothing was changed`,
      };
    edits.push({ range: s.range, newText: `[${formatLike(original, moved)}]` });
    stamps++;
  }
  for (const c of model.chapters) {
    if (!inScope(c.line, c.seconds, false)) continue;
    const moved = c.seconds + offset;
    if (moved < 0)
      return {
        ok: false,
        message: `Shifting by ${shown} would make chapter '${c.title}' (${c.timeText}) on line ${c.line + 1} negative; nothing was changed`,
      };
    edits.push({ range: c.timeRange, newText: formatLike(c.timeText, moved, true) });
    chapters++;
  }
  return { ok: true, edits, stamps, chapters };
}

/**
 * The time a line stands for: a chapter entry's time; in a paragraph, its
 * stamp; on a heading, its chapter's time; on a label or blank line, the next
 * stamp; before the body, 0.
 */
export function timeAtLine(model: TranscriptModel, line: number): number {
  const entry = model.chapters.find((c) => c.line === line);
  if (entry) return entry.seconds;
  const heading = model.headings.find((h) => h.line === line);
  if (heading) return model.chapters[heading.chapter].seconds;
  if (!model.body || line <= model.body.startLine) return 0;
  const paragraph = model.paragraphs.find((p) => p.startLine <= line && line <= p.endLine);
  if (paragraph?.stamp) return paragraph.stamp.seconds;
  const next = model.stamps.find((s) => s.line > line);
  return next ? next.seconds : Infinity;
}

/**
 * The scope of "shift from the cursor on": body stamps from the start of the
 * paragraph under the cursor on, chapter times from the time it stands for.
 */
export function shiftScopeAt(model: TranscriptModel, line: number): ShiftScope {
  const paragraph = model.paragraphs.find((p) => p.startLine <= line && line <= p.endLine);
  return { fromLine: paragraph ? paragraph.startLine : line, fromSeconds: timeAtLine(model, line) };
}
