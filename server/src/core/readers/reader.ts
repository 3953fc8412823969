/**
 * The seam between a transcript's layout and everything else: a reader turns
 * text in one layout into the one document model, keeping every range in the
 * original text, so that the checks, the outline, navigation and the fixes
 * never need to know which layout they run on.
 */
import type { TranscriptModel } from '../model';

/** The layouts the readers know. */
export type Layout = 'auphonic' | 'webvtt' | 'srt' | 'otter' | 'rev' | 'lines';

export interface TranscriptReader {
  readonly layout: Layout;
  /** How the layout is named to users (`stats`, messages). */
  readonly title: string;
  /** File name endings the layout is read from without looking (`.vtt`). */
  readonly extensions: readonly string[];
  /**
   * Whether the text is in this layout, by its first lines. Called only for
   * files whose extension no reader owns (`.txt`, `.md`).
   */
  looksLike(source: string): boolean;
  /** Never throws: whatever the input, a model, and what is wrong as findings. */
  read(source: string): TranscriptModel;
}
