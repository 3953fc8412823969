/**
 * Finds and reads the chapters file beside a transcript
 * (`episode.chapters.json`, then `episode.chapters.vtt`) through a
 * `FileAccess`, for the server and the CLI alike.
 */
import { URI } from 'vscode-uri';
import { readSideChapters, sideChapterCandidates, type SideChapters } from '../core';
import { baseName, type FileAccess } from './access';
import { readSmall } from './roster';

/** Chapters files are small; a larger one is reported, not read. */
const MAX_CHAPTERS_BYTES = 4 << 20;

/** The chapters beside the transcript `uri`, or undefined when there is no chapters file. */
export async function findSideChapters(
  files: FileAccess,
  uri: string,
): Promise<SideChapters | undefined> {
  const transcript = URI.parse(uri);
  for (const candidatePath of sideChapterCandidates(transcript.path)) {
    const candidate = transcript.with({ path: candidatePath }).toString();
    const problems: string[] = [];
    const content = await readSmall(files, candidate, problems, MAX_CHAPTERS_BYTES);
    if (content !== undefined) return readSideChapters(baseName(candidate), content);
    if (problems.length > 0)
      return { file: baseName(candidate), entries: [], problem: problems[0] };
  }
  return undefined;
}
