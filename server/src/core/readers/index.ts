/**
 * Which reader reads a file: an explicit layout, else the one owning the
 * file's extension, else the first whose `looksLike` accepts the text, else
 * Auphonic's (the layout every finding speaks of when nothing matches).
 */
import type { SideChapters, TranscriptModel } from '../model';
import { withSideChapters } from '../sideChapters';
import { auphonicReader } from './auphonic';
import type { LineIndex } from '../text';
import { LOOKS_AT, type Layout, type TranscriptReader } from './reader';
import { srtReader } from './srt';
import { linesReader, otterReader, revReader } from './turnLines';
import { webvttReader } from './webvtt';

export type { Layout, TranscriptReader } from './reader';

/** Every reader, in the order their `looksLike` is tried. */
export const READERS: readonly TranscriptReader[] = [
  auphonicReader,
  webvttReader,
  srtReader,
  otterReader,
  revReader,
  linesReader,
];

export const LAYOUTS: readonly Layout[] = READERS.map((r) => r.layout);

export function readerFor(layout: Layout): TranscriptReader {
  return READERS.find((r) => r.layout === layout) ?? auphonicReader;
}

/**
 * A file the server serves by its name whatever language the editor gives it:
 * one whose extension a reader owns (`.vtt`, `.srt`; `.transcript` too).
 */
export function servedByName(fileName: string): boolean {
  const name = fileName.toLowerCase();
  return READERS.some((r) => r.extensions.some((e) => name.endsWith(e)));
}

/** The reader for a file: by `layout` when given, else by extension, else by content. */
export function chooseReader(
  source: string | LineIndex,
  options: { readonly fileName?: string; readonly layout?: Layout } = {},
): TranscriptReader {
  if (options.layout) return readerFor(options.layout);
  const name = options.fileName?.toLowerCase();
  if (name) {
    const owner = READERS.find((r) => r.extensions.some((e) => name.endsWith(e)));
    if (owner) return owner;
  }
  const head = typeof source === 'string' ? source.slice(0, LOOKS_AT) : source.head(LOOKS_AT);
  return READERS.find((r) => r.looksLike(head)) ?? auphonicReader;
}

/** How to read a text: its file's name and layout, and chapters found beside it. */
export interface ReadOptions {
  readonly fileName?: string;
  readonly layout?: Layout;
  /** A chapters file beside the transcript, read (see `readSideChapters`). */
  readonly sideChapters?: SideChapters;
}

/** Reads a transcript in whatever layout it is in. Never throws. */
export function readTranscript(source: string, options: ReadOptions = {}): TranscriptModel {
  return withSideChapters(chooseReader(source, options).read(source), options.sideChapters);
}

/**
 * A time as the layout writes it where a paragraph or turn starts (what
 * Insert Current Time writes): `[1:05]` in Auphonic text, `00:01:05.000` in
 * WebVTT, `00:01:05,000` in SRT, `1:05` in Otter's headers, `(01:05)` in the
 * `Name (00:00):` family, `[00:01:05]` in one line per turn.
 */
export function timeInLayout(layout: Layout, seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const ms = String(Math.max(0, Math.round((seconds - whole) * 1000)) % 1000).padStart(3, '0');
  const clock = h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  switch (layout) {
    case 'webvtt':
      return `${pad(h)}:${pad(m)}:${pad(s)}.${ms}`;
    case 'srt':
      return `${pad(h)}:${pad(m)}:${pad(s)},${ms}`;
    case 'otter':
      return clock;
    case 'rev':
      return `(${h > 0 ? `${pad(h)}:` : ''}${pad(m)}:${pad(s)})`;
    case 'lines':
      return `[${pad(h)}:${pad(m)}:${pad(s)}]`;
    default:
      return `[${clock}]`;
  }
}
