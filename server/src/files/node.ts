/**
 * The disk, for the CLI and for the standalone server when its client does
 * not offer a file system (Neovim, say): `FileAccess` over `node:fs`, and the
 * path-named entry points the CLI uses. The only server code that imports
 * `node:fs`; the browser build never includes it.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { SideChapters } from '../core';
import { SKIP_DIRS, type FileAccess, type FileStat } from './access';
import { findRoster, type LoadedRoster } from './roster';
import { findSideChapters } from './sideChapters';

/** The path of a `file:` URI; other schemes are no business of the disk. */
function fsPath(uri: string): string {
  const parsed = URI.parse(uri);
  if (parsed.scheme !== 'file') throw new Error(`${uri}: not a file on disk`);
  return parsed.fsPath;
}
const fileUri = (file: string) => URI.file(path.resolve(file)).toString();
const skipped = new Set(SKIP_DIRS);

async function walk(dir: string, endings: readonly string[], depth: number, out: string[]) {
  if (depth > 32) return;
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    // Links are not followed: a Dirent of a link is neither a file nor a folder.
    if (e.isDirectory()) {
      if (!skipped.has(e.name)) await walk(full, endings, depth + 1, out);
    } else if (e.isFile() && endings.some((x) => e.name.toLowerCase().endsWith(x))) {
      out.push(URI.file(full).toString());
    }
  }
}

export const nodeFiles: FileAccess = {
  async stat(uri) {
    if (URI.parse(uri).scheme !== 'file') return undefined;
    const file = fsPath(uri);
    let own;
    try {
      own = await fs.lstat(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw e;
    }
    const link = own.isSymbolicLink();
    let target = own;
    if (link) {
      try {
        target = await fs.stat(file);
      } catch {
        // A dangling link names nothing.
        return undefined;
      }
    }
    const type: FileStat['type'] = target.isFile()
      ? 'file'
      : target.isDirectory()
        ? 'directory'
        : 'other';
    return { type, size: target.size, link };
  },
  readText: async (uri) => fs.readFile(fsPath(uri), 'utf8'),
  async findFiles(folder, extensions) {
    const out: string[] = [];
    if (URI.parse(folder).scheme !== 'file') return out;
    await walk(
      fsPath(folder),
      extensions.map((x) => `.${x.toLowerCase()}`),
      0,
      out,
    );
    return out;
  },
  async realUri(uri) {
    if (URI.parse(uri).scheme !== 'file') return uri;
    return URI.file(await fs.realpath(fsPath(uri))).toString();
  },
};

/**
 * The roster of the transcript `file` on disk (see `findRoster`); `stopAt` a
 * folder, `feed` relative to `stopAt` or else the working folder.
 */
export function loadRoster(
  file: string,
  options: { stopAt?: string; feed?: string } = {},
): Promise<LoadedRoster> {
  return findRoster(nodeFiles, fileUri(file), {
    stopAt: options.stopAt && fileUri(options.stopAt),
    feed: options.feed,
    base: fileUri(options.stopAt ?? process.cwd()),
  });
}

/** The chapters beside the transcript `file` on disk, or undefined when there is none. */
export function loadSideChapters(file: string): Promise<SideChapters | undefined> {
  return findSideChapters(nodeFiles, fileUri(file));
}
