/**
 * Playback ↔ text: which paragraph is spoken at a time, which time a cursor
 * position stands for, what to highlight, and the player's small rules
 * (rates, rewind on resume, where the audio file may be).
 *
 * Times come from the body stamps that are in order (`orderedStamps`): a
 * typo'd stamp such as `[2:14:07]` between `[14:05]` and `[14:09]` never
 * makes the highlight jump.
 */
import { orderedStamps } from './analysis/order';
import { transcriptBaseName } from './fileNames';
import type { Paragraph, TranscriptModel } from './model';
import { chapterTimes } from './sideChapters';
import type { Range } from './text';
import { formatStamp } from './time';

/** A paragraph with a stamp that is in order, and its index in `model.paragraphs`. */
export interface TimedParagraph {
  readonly index: number;
  readonly paragraph: Paragraph;
  readonly seconds: number;
}

const timedCache = new WeakMap<TranscriptModel, readonly TimedParagraph[]>();

/** The paragraphs whose stamps are in order, in document (and time) order. */
export function timedParagraphs(model: TranscriptModel): readonly TimedParagraph[] {
  let timed = timedCache.get(model);
  if (!timed) {
    const ordered = new Set(orderedStamps(model));
    timed = model.paragraphs.flatMap((paragraph, index) =>
      paragraph.stamp && ordered.has(paragraph.stamp)
        ? [{ index, paragraph, seconds: paragraph.stamp.seconds }]
        : [],
    );
    timedCache.set(model, timed);
  }
  return timed;
}

/**
 * The paragraph spoken at `seconds`: the last paragraph with an in-order
 * stamp at or before it. Before the first stamp nothing is spoken that the
 * transcript has, so the answer is `undefined` (no highlight); after the last
 * stamp it is the last paragraph.
 */
export function paragraphAtTime(
  model: TranscriptModel,
  seconds: number,
): TimedParagraph | undefined {
  const timed = timedParagraphs(model);
  // Binary search for the last stamp <= seconds.
  let lo = 0;
  let hi = timed.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (timed[mid].seconds <= seconds) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? undefined : timed[found];
}

/**
 * The time a cursor on `line` stands for ("Play from Here"):
 * - in a paragraph with a stamp: that stamp (even one out of order: the
 *   person asked for this paragraph);
 * - on a chapter heading in the body or a chapter entry in the list: the
 *   chapter's time;
 * - on a label, blank line or a paragraph without a valid stamp: the next
 *   in-order stamp after the line;
 * - before the body: 0;
 * - after the last stamp with nothing stamped below: the last in-order stamp.
 */
export function timeAtPosition(model: TranscriptModel, line: number): number {
  const entry = model.chapters.find((c) => c.line === line);
  if (entry) return entry.seconds;
  const heading = model.headings.find((h) => h.line === line);
  if (heading) return model.chapters[heading.chapter]?.seconds ?? 0;
  if (!model.body || line <= model.body.startLine) return 0;
  const paragraph = model.paragraphs.find((p) => p.startLine <= line && line <= p.endLine);
  if (paragraph?.stamp) return paragraph.stamp.seconds;
  const timed = timedParagraphs(model);
  const next = timed.find((t) => t.paragraph.startLine > line);
  if (next) return next.seconds;
  return timed.length ? timed[timed.length - 1].seconds : 0;
}

/** The text to highlight for a paragraph: from its first line's start to its last line's end. */
export function paragraphRange(model: TranscriptModel, paragraph: Paragraph): Range {
  return {
    start: { line: paragraph.startLine, character: 0 },
    end: { line: paragraph.endLine, character: model.text.line(paragraph.endLine).length },
  };
}

/** The listed chapter playing at `seconds` (the last entry at or before it), if any. */
export function chapterAtTime(
  model: TranscriptModel,
  seconds: number,
): { readonly index: number; readonly title: string } | undefined {
  const chapters = chapterTimes(model);
  let found: { index: number; title: string } | undefined;
  chapters.forEach((c, index) => {
    if (c.seconds <= seconds && (!found || c.seconds >= chapters[found.index].seconds))
      found = { index, title: c.title };
  });
  return found;
}

/** Where "Play from Here" lenses go: one per turn, or only at the cursor's turn. */
export type LensMode = 'turn' | 'cursor' | 'off';

/**
 * Lines that get a "Play from Here" lens: each turn's first line (playing
 * from its first stamp) and each chapter heading (playing from the chapter's
 * time), never two with only blank lines between them (a heading right above
 * a turn keeps its own). With `cursorLine` (the `cursor` mode), only the
 * lens at or above that line.
 */
export function playableLines(
  model: TranscriptModel,
  cursorLine?: number,
): { line: number; seconds: number }[] {
  const all: { line: number; seconds: number }[] = [];
  for (const turn of model.turns) {
    for (const i of turn.paragraphs) {
      const stamp = model.paragraphs[i].stamp;
      if (stamp) {
        all.push({ line: turn.startLine, seconds: stamp.seconds });
        break;
      }
    }
  }
  for (const h of model.headings) {
    const chapter = model.chapters[h.chapter];
    if (chapter) all.push({ line: h.line, seconds: chapter.seconds });
  }
  all.sort((a, b) => a.line - b.line);
  const out: { line: number; seconds: number }[] = [];
  for (const lens of all) {
    const prev = out[out.length - 1];
    if (prev && onlyBlankBetween(model, prev.line, lens.line)) continue;
    out.push(lens);
  }
  if (cursorLine === undefined) return out;
  let at = 0;
  while (at + 1 < out.length && out[at + 1].line <= cursorLine) at++;
  return out.slice(at, at + 1);
}

/** Whether the lines strictly between `from` and `to` are blank (or there are none). */
function onlyBlankBetween(model: TranscriptModel, from: number, to: number): boolean {
  for (let l = from + 1; l < to; l++) if (model.text.line(l).trim() !== '') return false;
  return true;
}

// ------------------------------------------------------------------ player rules

export const MIN_RATE = 0.5;
export const MAX_RATE = 2;
export const RATE_STEP = 0.25;

/** The next playback rate up (`+1`) or down (`-1`), on the 0.25 grid, within 0.5x–2x. */
export function stepRate(rate: number, direction: 1 | -1): number {
  const base = Number.isFinite(rate) ? rate : 1;
  const snapped = Math.round(base / RATE_STEP) * RATE_STEP;
  const next = snapped + direction * RATE_STEP;
  return Math.min(MAX_RATE, Math.max(MIN_RATE, next));
}

/** Where to resume after a pause: `rewind` seconds back, never before 0. */
export function resumeTime(current: number, rewind: number): number {
  const back = Number.isFinite(rewind) && rewind > 0 ? rewind : 0;
  return Math.max(0, current - back);
}

/** Seek `delta` seconds from `current`, kept within 0 and `duration` (when known). */
export function seekBy(current: number, delta: number, duration?: number): number {
  const t = Math.max(0, current + delta);
  return duration !== undefined && Number.isFinite(duration) ? Math.min(duration, t) : t;
}

/** The stamp to insert for a player time: whole seconds, `[m:ss]`, or `[h:mm:ss]` from an hour on. */
export function stampForTime(seconds: number): string {
  return formatStamp(Math.max(0, Math.floor(seconds)));
}

/** Status bar text: `▶ 12:34 · Chapter` while playing, `⏸ …` when paused. */
export function playerStatus(seconds: number, playing: boolean, chapter?: string): string {
  const clock = stampForTime(seconds).slice(1, -1);
  return `${playing ? '▶' : '⏸'} ${clock}${chapter ? ` · ${chapter}` : ''}`;
}

/** Audio extensions looked for beside a transcript, in this order. */
export const AUDIO_EXTENSIONS = [
  '.mp3',
  '.ogg',
  '.opus',
  '.oga',
  '.wav',
  '.flac',
  '.m4a',
  '.aac',
] as const;

/** Extensions VS Code's webviews cannot play (no proprietary AAC decoder in its Chromium). */
export const UNPLAYABLE_EXTENSIONS: readonly string[] = ['.m4a', '.aac', '.mp4', '.m4b'];

/** File names to try beside `fileName`, in order: the base name with each audio extension. */
export function audioCandidates(fileName: string): string[] {
  const base = transcriptBaseName(fileName);
  return AUDIO_EXTENSIONS.map((ext) => base + ext);
}

/** Whether a webview can play an audio file with this name; if not, what to tell the person. */
export function playability(fileName: string): { ok: true } | { ok: false; message: string } {
  const dot = fileName.lastIndexOf('.');
  const ext = dot >= 0 ? fileName.slice(dot).toLowerCase() : '';
  if (!UNPLAYABLE_EXTENSIONS.includes(ext)) return { ok: true };
  const out = fileName.slice(0, dot) + '.mp3';
  return {
    ok: false,
    message:
      `${fileName} is AAC audio, which VS Code's webviews cannot play. ` +
      `Convert it, e.g. ffmpeg -i "${fileName}" "${out}", and put the MP3 beside the transcript.`,
  };
}
