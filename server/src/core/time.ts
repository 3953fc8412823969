/** Times in transcripts: `[m:ss]` body stamps and `h:mm:ss` chapter times. */

/** `[M:SS]`, `[MM:SS]`, `[H:MM:SS]`, each with an optional `.mmm`, at a line's start. */
const STAMP = /^\[(\d+):(\d\d)(?::(\d\d))?(?:\.(\d{1,3}))?\]/;
/**
 * Something bracketed at a line's start that looks meant as a time: digits
 * with `:` or `.` (and stray spaces) inside the brackets, or such a thing
 * left unclosed.
 */
const STAMP_LIKE = /^\[[ \t]*\d+[ \t]*[:.][\d:. \t]*(?:\]|$|(?=[ \t]))/;
/** A chapter time: `H:MM:SS`, `HH:MM:SS` or `MM:SS`, optionally `.mmm`. */
const CHAPTER_TIME = /^(\d+):(\d\d)(?::(\d\d))?(?:\.(\d{1,3}))?(?=\s|$)/;

export interface ParsedTime {
  /** Seconds since the episode start. */
  readonly seconds: number;
  /** Length of the matched text. */
  readonly length: number;
}

function toSeconds(a: string, b: string, c: string | undefined, ms: string | undefined) {
  const first = Number(a);
  const second = Number(b);
  if (second >= 60) return undefined;
  let seconds: number;
  if (c === undefined) {
    seconds = first * 60 + second;
  } else {
    const third = Number(c);
    if (third >= 60) return undefined;
    seconds = first * 3600 + second * 60 + third;
  }
  if (ms !== undefined) seconds += Number(ms.padEnd(3, '0')) / 1000;
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** Parses a body timestamp at the start of `text` (no leading space). */
export function parseStamp(text: string): ParsedTime | undefined {
  const m = STAMP.exec(text);
  if (!m) return undefined;
  const seconds = toSeconds(m[1], m[2], m[3], m[4]);
  return seconds === undefined ? undefined : { seconds, length: m[0].length };
}

/** The length of a time-like bracket at the start of `text`, or 0. */
export function stampLikeLength(text: string): number {
  const m = STAMP_LIKE.exec(text);
  if (!m) return 0;
  const close = text.indexOf(']');
  const space = text.search(/[ \t](?![\d:. \t]*\])/);
  if (close >= 0 && (space < 0 || close < space)) return close + 1;
  return m[0].length;
}

/** Parses a chapter time at the start of `text`. */
export function parseChapterTime(text: string): ParsedTime | undefined {
  const m = CHAPTER_TIME.exec(text);
  if (!m) return undefined;
  const seconds = toSeconds(m[1], m[2], m[3], m[4]);
  return seconds === undefined ? undefined : { seconds, length: m[0].length };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function split(seconds: number) {
  // Round to milliseconds first, so 59.9996 is 1:00, not 0:59.1000.
  const total = Math.round(seconds * 1000);
  const whole = Math.floor(total / 1000);
  const ms = total % 1000;
  return {
    h: Math.floor(whole / 3600),
    m: Math.floor((whole % 3600) / 60),
    s: whole % 60,
    ms,
  };
}

/** `m:ss` under an hour, `h:mm:ss` from an hour on; milliseconds when present. */
export function formatClock(seconds: number): string {
  const { h, m, s, ms } = split(seconds);
  const frac = ms ? `.${String(ms).padStart(3, '0')}` : '';
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}${frac}` : `${m}:${pad2(s)}${frac}`;
}

/** A body timestamp as written: `[m:ss]` or `[h:mm:ss]`. */
export function formatStamp(seconds: number): string {
  return `[${formatClock(seconds)}]`;
}

/** A chapter time as Auphonic writes it: `h:mm:ss`. */
export function formatChapterTime(seconds: number): string {
  const { h, m, s, ms } = split(seconds);
  const frac = ms ? `.${String(ms).padStart(3, '0')}` : '';
  return `${h}:${pad2(m)}:${pad2(s)}${frac}`;
}
