/**
 * The editor's file system, lent to the language server: the server asks
 * for roster files, feeds, chapters files and the workspace's transcripts
 * (`transcript/file*`, see `server/src/requests.ts`), and this answers through
 * `workspace.fs` and `workspace.findFiles`, which reach whatever the editor
 * can open (the disk, github.dev's repository, a remote, any file system an
 * extension provides). The same in the desktop and the web build.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  FILE_FIND,
  FILE_READ,
  FILE_STAT,
  type FileFindParams,
  type FileFindResult,
  type FileReadResult,
  type FileStatResult,
  type FileUriParams,
} from '../../server/src/requests';

/** The last component of a path or URI path. */
export function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function isNotFound(e: unknown): boolean {
  return e instanceof vscode.FileSystemError && e.code === 'FileNotFound';
}

export async function fileStat(uri: vscode.Uri): Promise<FileStatResult> {
  try {
    const s = await vscode.workspace.fs.stat(uri);
    const type =
      s.type & vscode.FileType.File
        ? 'file'
        : s.type & vscode.FileType.Directory
          ? 'directory'
          : 'other';
    return { type, size: s.size, link: (s.type & vscode.FileType.SymbolicLink) !== 0 };
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

export async function findFiles(p: FileFindParams): Promise<FileFindResult> {
  const folder = vscode.Uri.parse(p.folder, true);
  const endings = p.extensions.map((x) => x.replace(/[^\w.-]/g, ''));
  const include = new vscode.RelativePattern(folder, `**/*.{${endings.join(',')}}`);
  const exclude = p.skip.length ? `**/{${p.skip.join(',')}}/**` : null;
  const found = await vscode.workspace.findFiles(include, exclude);
  // Linked files are left out: the file system API cannot tell where they lead.
  const uris: string[] = [];
  const stats: FileStatResult[] = [];
  for (const uri of found) {
    const stat = await fileStat(uri).catch(() => null);
    if (stat && stat.type === 'file' && !stat.link) {
      uris.push(uri.toString());
      stats.push(stat);
    }
  }
  return { uris, stats };
}

/** Answers the server's file requests for as long as the returned disposable lives. */
export function serveFiles(client: BaseLanguageClient): vscode.Disposable {
  const handlers = [
    client.onRequest(FILE_STAT, (p: FileUriParams) => fileStat(vscode.Uri.parse(p.uri, true))),
    client.onRequest(FILE_READ, async (p: FileUriParams): Promise<FileReadResult> => ({
      text: new TextDecoder().decode(
        await vscode.workspace.fs.readFile(vscode.Uri.parse(p.uri, true)),
      ),
    })),
    client.onRequest(FILE_FIND, (p: FileFindParams) => findFiles(p)),
  ];
  return { dispose: () => handlers.forEach((h) => h.dispose()) };
}
