/**
 * The chapters file beside a transcript, read through the editor's file
 * system (so it works on any file system the editor has, not only the disk).
 */
import * as vscode from 'vscode';
import { readSideChapters, sideChapterCandidates } from '../../server/src/core/sideChapters';
import type { SideChapters } from '../../server/src/core/model';

/** The chapters beside `transcript`, or undefined when there is no chapters file. */
export async function sideChaptersBeside(
  transcript: vscode.Uri,
): Promise<SideChapters | undefined> {
  for (const candidate of sideChapterCandidates(transcript.path)) {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(transcript.with({ path: candidate }));
    } catch {
      continue;
    }
    return readSideChapters(candidate, new TextDecoder().decode(bytes));
  }
  return undefined;
}
