/**
 * Timestamp shifting, for when an intro was cut or added: move body stamps
 * and chapter times by a signed offset, keeping each time's written style.
 */
import type { TranscriptModel } from './model';
import type { TextEdit } from './text';
import { formatClock, MAX_HOURS, MAX_SECONDS } from './time';

/**
 * Parses `-12`, `+1:30`, `-0:00:05`, `90`, `+1:02.5` into signed seconds.
 * Spaces around it and after the sign are allowed. An offset too large to
 * hold is none; one beyond `MAX_SECONDS` is read, and `shiftTimestamps`
 * refuses it with a message.
 */
export function parseOffset(input: string): number | undefined {
  // Trimmed first: `^\s*([+-]?)\s*` tried every split of a run of spaces (quadratic).
  const m = /^([+-]?)\s*(\d+)(?::(\d{1,2}))?(?::(\d{1,2}))?(?:\.(\d{1,3}))?$/.exec(
    String(input).trim(),
  );
  if (!m) return undefined;
  const fields = [m[2], m[3], m[4]].filter((x) => x !== undefined).map(Number);
  if (fields.slice(1).some((f) => f >= 60)) return undefined;
  let seconds = fields.reduce((acc, f) => acc * 60 + f, 0);
  if (m[5]) seconds += Number(m[5].padEnd(3, '0')) / 1000;
  if (!Number.isFinite(seconds)) return undefined;
  return m[1] === '-' ? -seconds : seconds;
}

/** Digits after the point in a written time (`0:51.5` has 1). */
function fractionDigits(written: string): number {
  const dot = written.indexOf('.');
  return dot < 0 ? 0 : written.length - dot - 1;
}

/**
 * Writes `seconds` exactly as `original` was written: the same fields (a
 * minutes-and-seconds time stays so past the hour, `[59:50]` + 20 s is
 * `[60:10]`; an hour field stays at zero), the first field padded as it was,
 * the same fraction digits. So a shift and its reverse give the text back.
 */
export function formatLike(original: string, seconds: number, padded = false): string {
  const m = /^(\d+):(\d\d)(?::(\d\d))?(?:\.(\d+))?$/.exec(original);
  const hasHours = m?.[3] !== undefined;
  // Padded as written ([05:00], 00:59:00), or as the other times of its kind
  // are (`padded`); an unpadded field stays unpadded.
  // A one-digit field stays one digit; a two-digit one without a leading
  // zero (10) is padded when the others of its kind are.
  const written = m ? m[1].length : 1;
  const width = written === 1 ? 1 : m![1].startsWith('0') ? written : padded ? 2 : 1;
  const digits = m?.[4]?.length ?? 0;
  const scale = 10 ** digits;
  const total = Math.round(seconds * scale);
  const whole = Math.floor(total / scale);
  const frac = total % scale;
  const pad2 = (n: number) => String(n).padStart(2, '0');
  const tail = digits ? `.${String(frac).padStart(digits, '0')}` : '';
  const first = hasHours ? Math.floor(whole / 3600) : Math.floor(whole / 60);
  const rest = hasHours
    ? `${pad2(Math.floor((whole % 3600) / 60))}:${pad2(whole % 60)}`
    : pad2(whole % 60);
  return `${String(first).padStart(width, '0')}:${rest}${tail}`;
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
  if (!(Math.abs(offset) <= MAX_SECONDS))
    return {
      ok: false,
      message: `Cannot shift by more than ${MAX_HOURS} hours, the latest time a transcript may hold; nothing was changed`,
    };
  const edits: TextEdit[] = [];
  let stamps = 0;
  let chapters = 0;
  // Whether a kind of time is written padded shows in its times below ten:
  // [05:00] among [12:00] means [10:00] shifted back is [05:00], not [5:00].
  const isPadded = (written: string) => /^0\d/.test(written);
  // Auphonic's stamps carry their brackets; the other layouts' times are bare (`Anna  1:05`).
  const bracketed = model.layout === 'auphonic';
  const stampText = (s: (typeof model.stamps)[number]) =>
    bracketed
      ? model.text.line(s.line).slice(s.range.start.character + 1, s.range.end.character - 1)
      : model.text
          .line(s.line)
          .slice(s.range.start.character, s.range.end.character)
          .replace(',', '.');
  const padStamps = model.stamps.some((s) => isPadded(stampText(s)));
  const padChapters = model.chapters.some((c) => isPadded(c.timeText));
  const shown = `${offset < 0 ? '-' : '+'}${formatClock(Math.abs(offset))}`;
  const offsetMs = Math.round(Math.abs(offset) * 1000);
  /** Why `written` cannot take the offset, if it cannot. */
  const refuse = (written: string, moved: number, where: string): string | undefined => {
    if (moved < 0) return `Shifting by ${shown} would make ${where} negative; nothing was changed`;
    if (moved > MAX_SECONDS)
      return `Shifting by ${shown} would make ${where} later than ${MAX_HOURS} hours, the latest time a transcript may hold; nothing was changed`;
    const digits = fractionDigits(written);
    if (offsetMs % 10 ** (3 - digits) !== 0)
      return `Shifting by ${shown} needs fractions of a second that ${where} does not show; shift by ${digits ? `steps of ${10 ** -digits} s` : 'whole seconds'}. Nothing was changed`;
    return undefined;
  };
  if (model.cues) {
    // Cue files: both ends of each cue, each written as it was (SRT's comma kept).
    for (const c of model.cues) {
      if (c.start === undefined || !inScope(c.timingLine, c.start, true)) continue;
      for (const [seconds, r] of [
        [c.start, c.startRange],
        [c.end, c.endRange],
      ] as const) {
        if (seconds === undefined || !r) continue;
        const written = model.text.line(c.timingLine).slice(r.start.character, r.end.character);
        const plain = written.replace(',', '.');
        const moved = seconds + offset;
        const problem = refuse(plain, moved, `${written} on line ${c.timingLine + 1}`);
        if (problem) return { ok: false, message: problem };
        const text = formatLike(plain, moved, true);
        edits.push({ range: r, newText: written.includes(',') ? text.replace('.', ',') : text });
      }
      stamps++;
    }
    return { ok: true, edits, stamps, chapters };
  }
  for (const s of model.stamps) {
    if (!inScope(s.line, s.seconds, true)) continue;
    const moved = s.seconds + offset;
    const original = stampText(s);
    const problem = refuse(original, moved, `[${original}] on line ${s.line + 1}`);
    if (problem) return { ok: false, message: problem };
    const shifted = formatLike(original, moved, padStamps);
    edits.push({ range: s.range, newText: bracketed ? `[${shifted}]` : shifted });
    stamps++;
  }
  for (const c of model.chapters) {
    if (!inScope(c.line, c.seconds, false)) continue;
    const moved = c.seconds + offset;
    const problem = refuse(
      c.timeText,
      moved,
      `chapter '${c.title}' (${c.timeText}) on line ${c.line + 1}`,
    );
    if (problem) return { ok: false, message: problem };
    edits.push({ range: c.timeRange, newText: formatLike(c.timeText, moved, padChapters) });
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
