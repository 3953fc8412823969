/**
 * The seam between a transcript's layout and everything else: a reader turns
 * text in one layout into the one document model, keeping every range in the
 * original text, so that the checks, the outline, navigation and the fixes
 * never need to know which layout they run on.
 */
import type { TranscriptModel } from '../model';

/**
 * How much of a text the readers look at to tell its layout: an edit past
 * it cannot change how the text is read (see `reread`).
 */
export const LOOKS_AT = 4096;

/** The layouts the readers know. */
export type Layout = 'auphonic' | 'webvtt' | 'srt' | 'otter' | 'rev' | 'lines';

export interface TranscriptReader {
  readonly layout: Layout;
  /** How the layout is named to users (`stats`, messages). */
  readonly title: string;
  /** File name endings the layout is read from without looking (`.vtt`). */
  readonly extensions: readonly string[];
  /**
   * Whether the text is in this layout, by its first lines: `head` is the
   * text's first `LOOKS_AT` characters (all of a shorter text). Called only
   * for files whose extension no reader owns (`.txt`, `.md`).
   */
  looksLike(head: string): boolean;
  /** Never throws: whatever the input, a model, and what is wrong as findings. */
  read(source: string): TranscriptModel;
}
