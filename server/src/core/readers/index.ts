/**
 * Which reader reads a file: an explicit layout, else the one owning the
 * file's extension, else the first whose `looksLike` accepts the text, else
 * Auphonic's (the layout every finding speaks of when nothing matches).
 */
import type { TranscriptModel } from '../model';
import { auphonicReader } from './auphonic';
import type { Layout, TranscriptReader } from './reader';
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

/** The reader for a file: by `layout` when given, else by extension, else by content. */
export function chooseReader(
  source: string,
  options: { readonly fileName?: string; readonly layout?: Layout } = {},
): TranscriptReader {
  if (options.layout) return readerFor(options.layout);
  const name = options.fileName?.toLowerCase();
  if (name) {
    const owner = READERS.find((r) => r.extensions.some((e) => name.endsWith(e)));
    if (owner) return owner;
  }
  return READERS.find((r) => r.looksLike(source)) ?? auphonicReader;
}

/** Reads a transcript in whatever layout it is in. Never throws. */
export function readTranscript(
  source: string,
  options: { readonly fileName?: string; readonly layout?: Layout } = {},
): TranscriptModel {
  return chooseReader(source, options).read(source);
}
