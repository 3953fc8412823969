/**
 * Which audio a transcript plays: the one chosen for it before (remembered
 * per workspace), else one named after it in its folder, else the one the
 * person picks in the open dialog.
 */
import * as vscode from 'vscode';
import { AUDIO_EXTENSIONS, audioCandidates } from '../../../server/src/core/playback';
import { baseName } from './panel';

const MEMORY_PREFIX = 'transcript.player.audio:';

/** Whether a file is there (any file system the editor knows). */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    return (stat.type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

function memoryKey(transcript: vscode.Uri): string {
  return MEMORY_PREFIX + transcript.toString();
}

/** The audio chosen before, else the one named after the transcript beside it, else asks. */
export async function findAudio(
  memory: vscode.Memento,
  doc: vscode.TextDocument,
): Promise<vscode.Uri | undefined> {
  const remembered = memory.get<string>(memoryKey(doc.uri));
  if (remembered) {
    const uri = vscode.Uri.parse(remembered);
    if (await exists(uri)) return uri;
  }
  if (doc.uri.scheme !== 'untitled') {
    const folder = vscode.Uri.joinPath(doc.uri, '..');
    for (const name of audioCandidates(baseName(doc.uri))) {
      const candidate = vscode.Uri.joinPath(folder, name);
      if (await exists(candidate)) return candidate;
    }
  }
  return askForAudio(memory, doc.uri);
}

/** The open dialog for a transcript's audio; the choice is remembered for that transcript. */
export async function askForAudio(
  memory: vscode.Memento,
  transcript: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const [picked] =
    (await vscode.window.showOpenDialog({
      title: `Audio for ${baseName(transcript)}`,
      openLabel: 'Use This Audio',
      canSelectMany: false,
      defaultUri:
        transcript.scheme === 'untitled' ? undefined : vscode.Uri.joinPath(transcript, '..'),
      filters: { Audio: AUDIO_EXTENSIONS.map((e) => e.slice(1)) },
    })) ?? [];
  if (!picked) return undefined;
  await memory.update(memoryKey(transcript), picked.toString());
  return picked;
}
