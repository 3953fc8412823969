/** Times in transcripts: `[m:ss]` body stamps and `h:mm:ss` chapter times. */

/**
 * Something bracketed at a line's start that looks meant as a time: digits
 * with `:` or `.` (and stray spaces) inside the brackets, or such a thing
 * left unclosed.
 */
const STAMP_LIKE = /^\[[ \t]*\d+[ \t]*[:.][\d:. \t]*(?:\]|$|(?=[ \t]))/;
/** A chapter time: `H:MM:SS`, `HH:MM:SS` or `MM:SS`, optionally `.mmm`. */
const CHAPTER_TIME = /^(\d+):(\d\d)(?::(\d\d))?(?:\.(\d{1,3}))?(?=\s|$)/;

/** The latest time a transcript may hold, in hours. */
export const MAX_HOURS = 1000;

/**
 * The latest time a transcript may hold, in seconds: 1000 hours, far beyond
 * any episode. Later times are refused (a finding, or a message where a time
 * is read from elsewhere): within it every time is exact to the millisecond
 * and is written with plain digits, never in exponent notation.
 */
export const MAX_SECONDS = MAX_HOURS * 3600;

/** Whether `seconds` is a time a transcript may hold: from 0 to `MAX_SECONDS`. */
export function isSaneTime(seconds: number): boolean {
  return seconds >= 0 && seconds <= MAX_SECONDS;
}

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

/**
 * Parses a body timestamp at the start of `text` (no leading space); one
 * later than `max` (default `MAX_SECONDS`) is none.
 */
export function parseStamp(text: string, max = MAX_SECONDS): ParsedTime | undefined {
  const out: StampResult = { seconds: 0 };
  const length = stampAt(text, 0, text.length, out, max);
  return length > 0 ? { seconds: out.seconds, length } : undefined;
}

/** Where `stampAt` puts the seconds of the stamp it read. */
export interface StampResult {
  seconds: number;
}

/** The digit at `i` (before `to`), or -1. */
function digitAt(s: string, i: number, to: number): number {
  const d = s.charCodeAt(i) - 48;
  return i < to && d >= 0 && d <= 9 ? d : -1;
}

/**
 * Reads a body timestamp at `from` in `s`, up to `to`, without slicing: the
 * length of the stamp (its seconds in `out`), or 0 when there is none. The
 * stamps the regular expression `^\[(\d+):(\d\d)(?::(\d\d))?(?:\.(\d{1,3}))?\]` matches
 * (`[M:SS]`, `[MM:SS]`, `[H:MM:SS]`, each with an optional `.mmm`), with
 * minutes and seconds after the first field below 60, and no later than
 * `max` (default `MAX_SECONDS`).
 */
export function stampAt(
  s: string,
  from: number,
  to: number,
  out: StampResult,
  max = MAX_SECONDS,
): number {
  if (from >= to || s.charCodeAt(from) !== 91 /* [ */) return 0;
  let i = from + 1;
  let first = 0;
  while (digitAt(s, i, to) >= 0) first = first * 10 + digitAt(s, i++, to);
  const digits = i - from - 1;
  if (digits === 0) return 0;
  // Beyond 15 digits the sum above may round differently from Number().
  if (digits > 15) first = Number(s.slice(from + 1, i));
  if (i >= to || s.charCodeAt(i) !== 58 /* : */) return 0;
  const b1 = digitAt(s, i + 1, to);
  const b2 = digitAt(s, i + 2, to);
  if (b1 < 0 || b2 < 0) return 0;
  const second = b1 * 10 + b2;
  i += 3;
  let third = -1;
  if (i < to && s.charCodeAt(i) === 58) {
    const c1 = digitAt(s, i + 1, to);
    const c2 = digitAt(s, i + 2, to);
    if (c1 < 0 || c2 < 0) return 0;
    third = c1 * 10 + c2;
    i += 3;
  }
  let ms = -1;
  if (i < to && s.charCodeAt(i) === 46 /* . */) {
    let k = i + 1;
    ms = 0;
    let scale = 100;
    while (k - i <= 3 && digitAt(s, k, to) >= 0) {
      ms += digitAt(s, k++, to) * scale;
      scale /= 10;
    }
    if (k === i + 1) return 0;
    i = k;
  }
  if (i >= to || s.charCodeAt(i) !== 93 /* ] */) return 0;
  if (second >= 60 || third >= 60) return 0;
  let seconds = third < 0 ? first * 60 + second : first * 3600 + second * 60 + third;
  if (ms >= 0) seconds += ms / 1000;
  if (!(seconds <= max)) return 0;
  out.seconds = seconds;
  return i + 1 - from;
}

/** Characters that may stand between a time-like bracket's digits: digits, `:`, `.`, space, tab. */
function isStampFiller(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 58 || c === 46 || c === 32 || c === 9;
}

/**
 * The length of a time-like bracket at the start of `text`, or 0: up to the
 * first `]` when no space or tab before it is followed by something other
 * than time characters up to that `]`; otherwise up to the first such space.
 * One pass over the text (a search with a lookahead at every space was
 * quadratic in the length of a line such as `[1: 1 1 1 …`).
 */
export function stampLikeLength(text: string): number {
  const m = STAMP_LIKE.exec(text);
  if (!m) return 0;
  const close = text.indexOf(']');
  if (close < 0) return m[0].length;
  // The last character before `]` that is no time character: a space or tab
  // before it ends the bracket there (the old `[ \t](?![\d:. \t]*\])`).
  let other = close - 1;
  while (other >= 0 && isStampFiller(text.charCodeAt(other))) other--;
  for (let i = 0; i < other; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) return m[0].length;
  }
  return close + 1;
}

/**
 * Parses a chapter time at the start of `text`; one later than `max`
 * (default `MAX_SECONDS`) is none.
 */
export function parseChapterTime(text: string, max = MAX_SECONDS): ParsedTime | undefined {
  const m = CHAPTER_TIME.exec(text);
  if (!m) return undefined;
  const seconds = toSeconds(m[1], m[2], m[3], m[4]);
  return seconds === undefined || !(seconds <= max) ? undefined : { seconds, length: m[0].length };
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

const clocks = new Map<number, string>();

/** `m:ss` under an hour, `h:mm:ss` from an hour on; milliseconds when present. */
export function formatClock(seconds: number): string {
  // Cached: the outline names every turn by its time, again after each edit.
  let clock = clocks.get(seconds);
  if (clock === undefined) {
    const { h, m, s, ms } = split(seconds);
    const frac = ms ? `.${String(ms).padStart(3, '0')}` : '';
    clock = h > 0 ? `${h}:${pad2(m)}:${pad2(s)}${frac}` : `${m}:${pad2(s)}${frac}`;
    if (clocks.size > 50_000) clocks.clear();
    clocks.set(seconds, clock);
  }
  return clock;
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
