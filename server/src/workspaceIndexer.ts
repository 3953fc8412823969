/**
 * Finds and reads the transcripts of the workspace folders in the background
 * and keeps the index current from file events, through a `FileAccess` (the
 * disk, or the editor's file system, github.dev's included). It reads only
 * regular files that are not links and whose real URI (all links resolved,
 * where the file system can tell) lies inside the real URI of a workspace
 * folder. It yields to requests between files, so nothing waits for
 * indexing, and applies file events one after another, in the order they came.
 */
import { summarize, WorkspaceIndex } from './core';
import { isInside, NO_FILES, normalizeUri, type FileAccess } from './files/access';
import { nextTurn } from './later';

/** Larger files are not indexed (they are still checked when opened). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const AUPHONIC = /^\uFEFF?\s*Generated Shownotes\s*(\r?\n|$)/;
/** The file name endings the index looks at (a `.txt` only when it starts as Auphonic's does). */
const ENDINGS = ['txt', 'transcript'];

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

interface Root {
  /** The folder as the editor names it, normalized. */
  readonly uri: string;
  /** The folder with every link resolved (the folder itself when it cannot be resolved). */
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

  constructor(
    private readonly events: IndexerEvents,
    /** Where files are read from; set once the client has said what it offers. */
    public files: FileAccess = NO_FILES,
  ) {}

  private toRoots(uris: readonly string[]): Root[] {
    return uris.map((u) => {
      const uri = normalizeUri(u);
      return { uri, real: this.files.realUri(uri).catch(() => uri) };
    });
  }

  setRoots(uris: readonly string[]): void {
    this.roots = this.toRoots(uris);
  }

  /** The workspace folders, normalized. */
  rootUris(): string[] {
    return this.roots.map((r) => r.uri);
  }

  /**
   * Follows `workspace/didChangeWorkspaceFolders`: forgets the episodes of
   * removed folders (unless another folder holds them) and indexes added ones.
   */
  async changeRoots(added: readonly string[], removed: readonly string[]): Promise<void> {
    const gone = new Set(removed.map(normalizeUri));
    this.roots = this.roots.filter((r) => !gone.has(r.uri));
    for (const uri of this.index.uris()) {
      if (this.open.has(uri)) continue;
      if (!this.inside(uri)) this.index.delete(uri);
    }
    const fresh = this.toRoots(added).filter((a) => !this.roots.some((r) => r.uri === a.uri));
    this.roots = this.roots.concat(fresh);
    this.events.onUpdated();
    await this.indexRoots(fresh);
  }

  /** Open documents are indexed from the editor's text, not from disk. */
  setOpen(uri: string, isOpen: boolean): void {
    if (isOpen) this.open.add(normalizeUri(uri));
    else this.open.delete(normalizeUri(uri));
  }

  /** Whether a URI lies inside a workspace folder as written (links not resolved). */
  inside(uri: string): boolean {
    const key = normalizeUri(uri);
    return this.roots.some((r) => isInside(key, r.uri));
  }

  /**
   * The URI with every link resolved, when it lies inside the real URI of a
   * workspace folder; otherwise undefined.
   */
  async realInside(uri: string): Promise<string | undefined> {
    let real: string;
    try {
      real = normalizeUri(await this.files.realUri(uri));
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
      for (const root of roots) {
        let found: string[];
        try {
          found = await this.files.findFiles(root.uri, ENDINGS);
        } catch (e) {
          this.events.log(`could not list ${root.uri}: ${(e as Error).message}`);
          continue;
        }
        for (const uri of found) await this.indexFile(uri);
      }
    } finally {
      this.indexing = false;
      this.lastDuration = Date.now() - started;
    }
    this.events.log(`indexed ${this.index.size} transcripts in ${this.lastDuration} ms`);
    this.events.onUpdated();
  }

  /** Reads one file and puts it in the index (or takes it out when it is not a transcript). */
  async indexFile(file: string): Promise<void> {
    const uri = normalizeUri(file);
    if (this.open.has(uri) || !this.inside(uri)) return;
    const kind = isTranscriptName(uri);
    if (kind === 'no') return;
    try {
      // The file itself must not be a link, and no folder on the way may
      // lead out of the workspace.
      const stat = await this.files.stat(uri);
      const real =
        stat !== undefined &&
        !stat.link &&
        stat.type === 'file' &&
        stat.size <= MAX_FILE_BYTES &&
        (await this.realInside(uri));
      if (!real) {
        this.index.delete(uri);
        return;
      }
      // The file checked is the file read.
      const text = await this.files.readText(real);
      if (kind === 'maybe' && !AUPHONIC.test(text.slice(0, 64))) {
        this.index.delete(uri);
        return;
      }
      // Opened (or its folder removed) while it was read.
      if (this.open.has(uri) || !this.inside(uri)) return;
      this.index.set(summarize(uri, text));
    } catch (e) {
      this.events.log(`could not index ${uri}: ${(e as Error).message}`);
    }
    // Let waiting requests run between files.
    await nextTurn();
  }

  /** A file was created, changed or deleted (or a document closed): applied after earlier events. */
  fileChanged(uri: string, deleted: boolean): Promise<void> {
    const next = this.queue.then(() => this.applyFileChange(uri, deleted));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async applyFileChange(uri: string, deleted: boolean): Promise<void> {
    const key = normalizeUri(uri);
    if (this.open.has(key)) return;
    if (deleted) this.index.delete(key);
    else await this.indexFile(key);
    this.events.onUpdated();
  }
}
