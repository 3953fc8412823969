/**
 * Finds and reads the chapters file beside a transcript on disk
 * (`episode.chapters.json`, then `episode.chapters.vtt`), for the server and
 * the CLI alike.
 */
import * as path from 'node:path';
import { readSideChapters, sideChapterCandidates, type SideChapters } from './core';
import { readSmall } from './rosterFiles';

/** Chapters files are small; a larger one is reported, not read. */
const MAX_CHAPTERS_BYTES = 4 << 20;

/** The chapters beside `file`, or undefined when there is no chapters file. */
export async function loadSideChapters(file: string): Promise<SideChapters | undefined> {
  for (const candidate of sideChapterCandidates(file)) {
    const problems: string[] = [];
    const content = await readSmall(candidate, problems, MAX_CHAPTERS_BYTES);
    if (content !== undefined) return readSideChapters(candidate, content);
    if (problems.length > 0)
      return { file: path.basename(candidate), entries: [], problem: problems[0] };
  }
  return undefined;
}
