/** What the import readers produce: timed pieces of text, and chapters. */

export interface ImportedCue {
  /** Seconds; undefined when the source gave no usable time (the text then continues the cue before). */
  readonly start?: number;
  readonly end?: number;
  /** The speaker the source names for this cue; undefined continues the current one. */
  readonly speaker?: string;
  readonly text: string;
}

export interface ImportedChapter {
  readonly start: number;
  readonly title: string;
}

export type ReadResult<T> =
  | { readonly ok: true; readonly items: T[]; readonly warnings: string[] }
  | { readonly ok: false; readonly message: string };

export function splitLines(content: string): string[] {
  return content.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

export { clip } from '../scan';
