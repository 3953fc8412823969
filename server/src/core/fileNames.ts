/** The files that go with a transcript, by name: its base name, its chapters file. */

/**
 * The transcript's base name: `episode-153.txt`, `.transcript`,
 * `.transcript.txt`, `.md`, `.vtt` and `.srt` → `episode-153`.
 */
export function transcriptBaseName(fileName: string): string {
  const stripped = fileName.replace(/(?:\.vtt|\.srt|\.md|(\.transcript)?(\.txt)?)$/i, '');
  return stripped || fileName;
}

/** The endings of a chapters file beside a transcript, in the order they are looked for. */
export const SIDE_CHAPTER_ENDINGS: readonly string[] = ['.chapters.json', '.chapters.vtt'];

/** Whether a file name is one of a chapters file beside a transcript. */
export function isSideChaptersFile(fileName: string): boolean {
  const name = fileName.toLowerCase();
  return SIDE_CHAPTER_ENDINGS.some((e) => name.endsWith(e));
}

/**
 * The chapters files to look for beside `fileName` (a path or a URI path), in
 * order: `episode.vtt` → `episode.chapters.json`, `episode.chapters.vtt`.
 * None for a chapters file itself.
 */
export function sideChapterCandidates(fileName: string): string[] {
  if (isSideChaptersFile(fileName)) return [];
  const base = transcriptBaseName(fileName);
  return SIDE_CHAPTER_ENDINGS.map((e) => base + e);
}
