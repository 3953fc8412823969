/**
 * Finds and reads the transcripts of the workspace folders in the background
 * and keeps the index current from file events. It reads only regular files
 * whose real path (all links resolved) lies inside the real path of a
 * workspace folder; links to files are not followed. It yields to requests
 * between files, so nothing waits for indexing, and applies file events one
 * after another, in the order they came.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { summarize, WorkspaceIndex } from './core';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** Larger files are not indexed (they are still checked when opened). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const AUPHONIC = /^\uFEFF?\s*Generated Shownotes\s*(\r?\n|$)/;

export function isTranscriptName(file: string): 'yes' | 'maybe' | 'no' {
  const lower = file.toLowerCase();
  if (lower.endsWith('.transcript') || lower.endsWith('.transcript.txt')) return 'yes';
  return lower.endsWith('.txt') ? 'maybe' : 'no';
}

/**
 * One spelling per file URI, the one vscode-uri writes (`%C3%BC`, `%28`, a
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
 * Whether `file` is `root` or lies below it; both absolute and normalized.
 * A root that ends in a separator (`/`, `C:\`) contains every path below it.
 */
export function isInside(file: string, root: string, p: path.PlatformPath = path): boolean {
  if (file === root) return true;
  const prefix = root.endsWith(p.sep) ? root : root + p.sep;
  return file.startsWith(prefix);
}

export interface IndexerEvents {
  /** Indexing of all folders finished (or a watched change was applied). */
  onUpdated(): void;
  log(message: string): void;
}

interface Root {
  /** The folder as the editor names it. */
  readonly path: string;
  /** The folder with every link resolved (the path itself when it cannot be resolved). */
  readonly real: Promise<string>;
}

export class WorkspaceIndexer {
  readonly index = new WorkspaceIndex();
  private roots: Root[] = [];
  private readonly open = new Set<string>();
  /** File events, applied one after another. */
  private queue: Promise<void> = Promise.resolve();
  indexing = false;
  /** Milliseconds the last full indexing took. */
  lastDuration = 0;

  constructor(private readonly events: IndexerEvents) {}

  private static toRoots(uris: readonly string[]): Root[] {
    return uris
      .map((u) => URI.parse(u))
      .filter((u) => u.scheme === 'file')
      .map((u) => {
        const resolved = path.resolve(u.fsPath);
        return { path: resolved, real: fs.realpath(resolved).catch(() => resolved) };
      });
  }

  setRoots(uris: readonly string[]): void {
    this.roots = WorkspaceIndexer.toRoots(uris);
  }

  /**
   * Follows `workspace/didChangeWorkspaceFolders`: forgets the episodes of
   * removed folders (unless another folder holds them) and indexes added ones.
   */
  async changeRoots(added: readonly string[], removed: readonly string[]): Promise<void> {
    const gone = new Set(WorkspaceIndexer.toRoots(removed).map((r) => r.path));
    this.roots = this.roots.filter((r) => !gone.has(r.path));
    for (const uri of this.index.uris()) {
      if (this.open.has(uri)) continue;
      const file = URI.parse(uri);
      if (file.scheme === 'file' && !this.inside(file.fsPath)) this.index.delete(uri);
    }
    const fresh = WorkspaceIndexer.toRoots(added).filter(
      (a) => !this.roots.some((r) => r.path === a.path),
    );
    this.roots = this.roots.concat(fresh);
    this.events.onUpdated();
    await this.indexRoots(fresh);
  }

  /** Open documents are indexed from the editor's text, not from disk. */
  setOpen(uri: string, isOpen: boolean): void {
    if (isOpen) this.open.add(normalizeUri(uri));
    else this.open.delete(normalizeUri(uri));
  }

  /** Whether a path lies inside a workspace folder as written (links not resolved). */
  inside(file: string): boolean {
    const resolved = path.resolve(file);
    return this.roots.some((r) => isInside(resolved, r.path));
  }

  /**
   * The path with every link resolved, when it lies inside the real path of a
   * workspace folder; otherwise undefined.
   */
  async realInside(file: string): Promise<string | undefined> {
    let real: string;
    try {
      real = await fs.realpath(file);
    } catch {
      return undefined;
    }
    const roots = await Promise.all(this.roots.map((r) => r.real));
    return roots.some((r) => isInside(real, r)) ? real : undefined;
  }

  async indexAll(): Promise<void> {
    await this.indexRoots(this.roots);
  }

  private async indexRoots(roots: readonly Root[]): Promise<void> {
    if (roots.length === 0) return;
    this.indexing = true;
    const started = Date.now();
    try {
      for (const root of roots) await this.walk(root.path, 0);
    } finally {
      this.indexing = false;
      this.lastDuration = Date.now() - started;
    }
    this.events.log(`indexed ${this.index.size} transcripts in ${this.lastDuration} ms`);
    this.events.onUpdated();
  }

  private async walk(dir: string, depth: number): Promise<void> {
    if (depth > 32) return;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await this.walk(full, depth + 1);
      } else if (e.isFile() && isTranscriptName(e.name) !== 'no') {
        await this.indexFile(full);
      }
    }
  }

  /** Reads one file and puts it in the index (or takes it out when it is not a transcript). */
  async indexFile(file: string): Promise<void> {
    const uri = URI.file(file).toString();
    if (this.open.has(uri) || !this.inside(file)) return;
    const kind = isTranscriptName(file);
    if (kind === 'no') return;
    try {
      // The last component must not be a link, and no folder on the way may
      // lead out of the workspace.
      const stat = await fs.lstat(file);
      const real = stat.isFile() && stat.size <= MAX_FILE_BYTES && (await this.realInside(file));
      if (!real) {
        this.index.delete(uri);
        return;
      }
      // The path checked is the path read.
      const text = await fs.readFile(real, 'utf8');
      if (kind === 'maybe' && !AUPHONIC.test(text.slice(0, 64))) {
        this.index.delete(uri);
        return;
      }
      // Opened (or its folder removed) while it was read.
      if (this.open.has(uri) || !this.inside(file)) return;
      this.index.set(summarize(uri, text));
    } catch (e) {
      this.events.log(`could not index ${file}: ${(e as Error).message}`);
    }
    // Let waiting requests run between files.
    await new Promise((r) => setImmediate(r));
  }

  /** A file was created, changed or deleted (or a document closed): applied after earlier events. */
  fileChanged(uri: string, deleted: boolean): Promise<void> {
    const next = this.queue.then(() => this.applyFileChange(uri, deleted));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async applyFileChange(uri: string, deleted: boolean): Promise<void> {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return;
    const key = parsed.toString();
    if (this.open.has(key)) return;
    if (deleted) this.index.delete(key);
    else await this.indexFile(parsed.fsPath);
    this.events.onUpdated();
  }
}
