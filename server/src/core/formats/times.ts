/** Times as the publishing formats write and read them. */
import { MAX_SECONDS } from '../time';

/** Whole milliseconds, never negative. */
export function toMillis(seconds: number): number {
  return Math.max(0, Math.round(seconds * 1000));
}

/** Seconds rounded to the millisecond, as JSON formats carry them. */
export function roundSeconds(seconds: number): number {
  return toMillis(seconds) / 1000;
}

/** The whole second a time falls in (a body stamp never comes after the words start). */
export function wholeSecond(seconds: number): number {
  return Math.floor(toMillis(seconds) / 1000);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * `HH:MM:SS.mmm` (WebVTT, Podlove Simple Chapters, mp4chaps) or, with a comma,
 * `HH:MM:SS,mmm` (SRT). Hours have two digits or more.
 */
export function formatClock(seconds: number, separator: '.' | ',' = '.'): string {
  const total = toMillis(seconds);
  const ms = total % 1000;
  const s = Math.floor(total / 1000);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}${separator}${pad(ms, 3)}`;
}

/** An HTML valid duration string (`PT1H2M3S`, `PT9.5S`), for `<time datetime>`. */
export function isoDuration(seconds: number): string {
  const total = toMillis(seconds);
  const ms = total % 1000;
  const s = Math.floor(total / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  const sec = s % 60;
  const frac = ms ? `.${pad(ms, 3).replace(/0+$/, '')}` : '';
  return `PT${h ? `${h}H` : ''}${h || m ? `${m}M` : ''}${sec}${frac}S`;
}

const CLOCK = /^(?:(?:(\d+):)?(\d{1,2}):)?(\d{1,2}|\d+(?=[.,]|$))(?:[.,](\d+))?$/;

/**
 * Reads `[[h:]mm:]ss[.fff]` (Normal Play Time as Podlove Simple Chapters,
 * mp4chaps and WebVTT write it; SRT's comma accepted too) or plain seconds
 * (`94.5`). Minutes and seconds after a colon must be below 60. Fractions are
 * rounded to the millisecond. A time later than `MAX_SECONDS` (1000 hours)
 * is none.
 */
export function parseClock(text: string): number | undefined {
  const m = CLOCK.exec(text.trim());
  if (!m) return undefined;
  const [, h, mm, ss, frac] = m;
  const seconds = Number(ss);
  const minutes = mm === undefined ? 0 : Number(mm);
  if ((mm !== undefined && seconds >= 60) || (h !== undefined && minutes >= 60)) return undefined;
  const fraction = frac === undefined ? 0 : Number(`0.${frac}`);
  const total = Number(h ?? 0) * 3600 + minutes * 60 + seconds + fraction;
  return total <= MAX_SECONDS ? roundSeconds(total) : undefined;
}
