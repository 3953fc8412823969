/**
 * The one seam through which the server reads files other than the open
 * documents: roster files, feeds, the chapters file beside a transcript and
 * the workspace's transcripts for the index. Files are named by URI, so any
 * file system the editor has (a local disk, github.dev's repository, a
 * remote) serves. The Node build reads the disk itself only when the client
 * does not offer its file system (`node.ts`); the VS Code client, desktop
 * and web alike, answers through `workspace.fs` (`client.ts`).
 */
import { URI } from 'vscode-uri';

export interface FileStat {
  readonly type: 'file' | 'directory' | 'other';
  /** Bytes. */
  readonly size: number;
  /** The URI itself names a symbolic link (`type` is that of its target). */
  readonly link: boolean;
}

export interface FileAccess {
  /** What the URI names, or undefined when nothing is there. Rejects when it cannot be told. */
  stat(uri: string): Promise<FileStat | undefined>;
  /** The file's text (UTF-8; undecodable bytes become U+FFFD). Rejects when it cannot be read. */
  readText(uri: string): Promise<string>;
  /**
   * The files below `folder` whose names end in one of `extensions` (no dot),
   * leaving out the folders in `SKIP_DIRS`.
   */
  findFiles(folder: string, extensions: readonly string[]): Promise<string[]>;
  /** The URI with every link resolved (the URI itself where links cannot be told). */
  realUri(uri: string): Promise<string>;
}

/** Folders never searched for transcripts. */
export const SKIP_DIRS: readonly string[] = ['node_modules', '.git', '.hg', '.svn'];

/** A server with no way to read files: only the open documents count. */
export const NO_FILES: FileAccess = {
  stat: () => Promise.resolve(undefined),
  readText: (uri) => Promise.reject(new Error(`${uri}: no file access`)),
  findFiles: () => Promise.resolve([]),
  realUri: (uri) => Promise.resolve(uri),
};

/**
 * One spelling per URI, the one vscode-uri writes (`%C3%BC`, `%28`, a
 * lower-case drive letter), so that an editor that spells it otherwise
 * (Neovim writes `%c3%bc` and leaves `( ) !` as they are) names the same key.
 */
export function normalizeUri(uri: string): string {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

/**
 * Whether `uri` is `root` or lies below it; both normalized. A root that
 * ends in a separator (`file:///`, `file:///c%3A/`) contains everything below it.
 */
export function isInside(uri: string, root: string): boolean {
  if (uri === root) return true;
  return uri.startsWith(root.endsWith('/') ? root : root + '/');
}

/** How a file is named in a message: its path on disk, else its URI. */
export function displayName(uri: string): string {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : parsed.toString(true);
}

/** The last component of a URI's path. */
export function baseName(uri: string): string {
  const p = URI.parse(uri).path;
  return p.slice(p.lastIndexOf('/') + 1);
}
