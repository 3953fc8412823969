/**
 * Finds and reads the transcripts of the workspace folders in the background
 * and keeps the index current from file events. It reads only regular files
 * inside the folders (links are not followed) and yields to requests between
 * files, so nothing waits for indexing.
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

export interface IndexerEvents {
  /** Indexing of all folders finished (or a watched change was applied). */
  onUpdated(): void;
  log(message: string): void;
}

export class WorkspaceIndexer {
  readonly index = new WorkspaceIndex();
  private roots: string[] = [];
  private readonly open = new Set<string>();
  indexing = false;
  /** Milliseconds the last full indexing took. */
  lastDuration = 0;

  constructor(private readonly events: IndexerEvents) {}

  setRoots(uris: readonly string[]): void {
    this.roots = uris
      .map((u) => URI.parse(u))
      .filter((u) => u.scheme === 'file')
      .map((u) => path.resolve(u.fsPath));
  }

  /** Open documents are indexed from the editor's text, not from disk. */
  setOpen(uri: string, isOpen: boolean): void {
    if (isOpen) this.open.add(uri);
    else this.open.delete(uri);
  }

  inside(file: string): boolean {
    const resolved = path.resolve(file);
    return this.roots.some((r) => resolved === r || resolved.startsWith(r + path.sep));
  }

  async indexAll(): Promise<void> {
    if (this.roots.length === 0) return;
    this.indexing = true;
    const started = Date.now();
    try {
      for (const root of this.roots) await this.walk(root, 0);
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
      const stat = await fs.lstat(file);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return;
      const text = await fs.readFile(file, 'utf8');
      if (kind === 'maybe' && !AUPHONIC.test(text.slice(0, 64))) {
        this.index.delete(uri);
        return;
      }
      this.index.set(summarize(uri, text));
    } catch (e) {
      this.events.log(`could not index ${file}: ${(e as Error).message}`);
    }
    // Let waiting requests run between files.
    await new Promise((r) => setImmediate(r));
  }

  async fileChanged(uri: string, deleted: boolean): Promise<void> {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return;
    if (deleted) this.index.delete(uri);
    else await this.indexFile(parsed.fsPath);
    this.events.onUpdated();
  }
}
