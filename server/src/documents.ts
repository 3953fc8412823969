/**
 * The open documents and what the server knows about each: its settings
 * (pulled per document, joined with its roster), the chapters file beside
 * it, and one analysis per text, settings and index state. Validates on a
 * later turn after a change (so a burst of keystrokes is analysed once) and
 * never publishes diagnostics for a version the editor has already left.
 */
import {
  FileChangeType,
  TextDocuments,
  type Connection,
  type DidChangeWatchedFilesParams,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import {
  analyze,
  analyzeEdited,
  DEFAULT_SETTINGS,
  EMPTY_ROSTER,
  FEED_FILES,
  isSideChaptersFile,
  readSettings,
  ROSTER_FILE,
  summarizeModel,
  withRoster,
  type Analysis,
  type LineIndex,
  type Settings,
  type SideChapters,
  type TranscriptModel,
} from './core';
import { isInside, normalizeUri, type FileAccess } from './files/access';
import { findRoster, type LoadedRoster } from './files/roster';
import { findSideChapters } from './files/sideChapters';
import { later } from './later';
import { LineDocument, lineDocuments } from './lineDocument';
import { diagnosticOf } from './protocol';
import { runSafe } from './runSafe';
import type { WorkspaceIndexer } from './workspaceIndexer';

export interface Cached {
  /**
   * The text analysed (each change makes a new one): a client may repeat a
   * version number with other text.
   */
  readonly text: LineIndex;
  readonly settings: Settings;
  readonly sideChapters: SideChapters | undefined;
  readonly generation: number;
  readonly analysis: Analysis;
}

/** A roster file or something that may be a feed. */
function isRosterSource(uri: string): boolean {
  const name = uri.slice(uri.lastIndexOf('/') + 1).toLowerCase();
  return name === ROSTER_FILE || FEED_FILES.includes(name) || /\.(rss|xml)$/.test(name);
}

export class TranscriptDocuments {
  readonly documents = new TextDocuments(lineDocuments);
  /** Where roster, feed and chapters files are read from (set at `initialize`). */
  files: FileAccess;
  /** Settings come from `workspace/configuration` (else from `pushedSettings`). */
  pullConfiguration = false;
  pushedSettings: unknown;
  private readonly analyses = new Map<string, Cached>();
  private readonly settingsCache = new Map<string, Promise<Settings>>();
  private readonly rosters = new Map<string, Promise<LoadedRoster>>();
  private readonly sideChapters = new Map<string, Promise<SideChapters | undefined>>();
  private readonly pending = new Map<string, () => void>();
  /** Per open document: what its index entry was made from, and its signature. */
  private readonly summaries = new Map<
    string,
    { readonly model: TranscriptModel; readonly signature: string }
  >();
  private readonly reportedProblems = new Set<string>();
  private readonly log = { error: (m: string) => this.connection.console.error(m) };

  constructor(
    private readonly connection: Connection,
    readonly indexer: WorkspaceIndexer,
  ) {
    this.files = indexer.files;
    const { documents } = this;
    documents.onDidOpen((e) => {
      indexer.setOpen(e.document.uri, true);
      this.schedule(e.document.uri);
    });
    documents.onDidChangeContent((e) => this.schedule(e.document.uri));
    documents.onDidClose((e) => this.closed(e.document.uri));
  }

  /** Validates every open document again (settings, rosters or the index changed). */
  revalidateAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc.uri);
  }

  /** Settings changed: pushed ones replace the last, pulled ones are asked for again. */
  configurationChanged(settings: unknown): void {
    const raw = (settings as { transcript?: unknown } | null)?.transcript;
    if (raw !== undefined) this.pushedSettings = raw;
    this.settingsCache.clear();
    this.rosters.clear();
    this.reportedProblems.clear();
    this.revalidateAll();
  }

  watchedFilesChanged(params: DidChangeWatchedFilesParams): void {
    // A roster file or a feed changed: every document's names may have.
    if (params.changes.some((c) => isRosterSource(c.uri))) {
      this.rosters.clear();
      this.settingsCache.clear();
      this.revalidateAll();
    }
    // A chapters file changed: the documents beside it read it again.
    if (params.changes.some((c) => isSideChaptersFile(c.uri))) {
      this.sideChapters.clear();
      this.revalidateAll();
    }
    for (const change of params.changes) {
      if (isRosterSource(change.uri)) continue;
      if (this.documents.get(change.uri)) continue;
      void this.indexer.fileChanged(change.uri, change.type === FileChangeType.Deleted);
    }
  }

  /**
   * Runs a handler on the current analysis of a document, or answers `empty`
   * when it is gone; a failure is logged and answered with `empty`.
   */
  withDocument<T>(
    name: string,
    params: { textDocument?: { uri?: unknown } } | undefined,
    empty: T,
    token: Parameters<typeof runSafe>[3],
    fn: (a: Analysis, doc: LineDocument, settings: Settings) => T | Promise<T>,
  ): ReturnType<typeof runSafe<T>> {
    return runSafe(this.log, name, empty, token, async () => {
      // Malformed params (no textDocument) fail here, inside runSafe: logged, neutral answer.
      const uri = params!.textDocument!.uri as string;
      const doc = this.documents.get(uri);
      if (!doc) return empty;
      // No await between the analysis and `fn`: the document is still the text analysed.
      const { analysis, settings } = await this.analysisOf(doc);
      return fn(analysis, doc, settings);
    });
  }

  /**
   * The analysis of a document's current text, computed once per text,
   * settings and index state. Keyed on the text, not the version number: a
   * client that repeats a version with other text must not get answers
   * (fix-all edits, say) computed on the old text.
   */
  async analysisOf(doc: LineDocument): Promise<Cached> {
    const settings = await this.settingsFor(doc.uri);
    const side = await this.sideChaptersFor(doc.uri);
    const { index } = this.indexer;
    const generation = index.generation;
    const text = doc.index;
    const cached = this.analyses.get(doc.uri);
    if (
      cached &&
      cached.text === text &&
      cached.settings === settings &&
      cached.sideChapters === side &&
      cached.generation === generation
    )
      return cached;
    const context = {
      otherEpisodes: index.speakerEpisodes(normalizeUri(doc.uri)),
      // The file's extension chooses the reader (WebVTT, SRT, Auphonic text),
      // whatever language id the editor gave it.
      fileName: URI.parse(doc.uri).path,
      sideChapters: side,
    };
    // After an edit, the previous model of the same file read the same way
    // may be reused (see `reread`); the checks all run again either way.
    const analysis =
      cached && cached.sideChapters === side
        ? analyzeEdited(cached.analysis, text, settings, context)
        : analyze(text.text, settings, context);
    // A parsed text has the parser's index: the document keeps that one, so
    // that the next keystroke is a change of the model's own text (see
    // `reread`), not of an equal one that would have to be compared whole.
    const read = analysis.model.text;
    if (read !== text && read.length === text.length && read.text === text.text) doc.index = read;
    this.indexOpen(doc, analysis);
    const fresh = {
      text: doc.index,
      analysis,
      settings,
      sideChapters: side,
      generation: index.generation,
    };
    this.analyses.set(doc.uri, fresh);
    return fresh;
  }

  /** Keeps the index's entry for an open document current, touching it only when it changed. */
  private indexOpen(doc: LineDocument, analysis: Analysis): void {
    // The index names a file once, however the editor spells its URI.
    const key = normalizeUri(doc.uri);
    const { model } = analysis;
    const { index } = this.indexer;
    const known = this.summaries.get(doc.uri);
    // A model read again after an edit in prose (see `reread`) has the same
    // labels, chapters and headings as the one before: nothing to index.
    if (
      known &&
      known.model.labels === model.labels &&
      known.model.chapters === model.chapters &&
      known.model.headings === model.headings &&
      index.has(key)
    ) {
      this.summaries.set(doc.uri, { model, signature: known.signature });
      return;
    }
    const summary = summarizeModel(key, model);
    const signature = JSON.stringify([
      summary.speakers.map((s) => [s.name, s.labels]),
      summary.chapters.map((c) => [c.title, c.seconds]),
    ]);
    const same = known?.signature === signature;
    this.summaries.set(doc.uri, { model, signature });
    if (same && index.has(key)) return;
    index.set(summary);
  }

  private schedule(uri: string): void {
    this.pending.get(uri)?.();
    this.pending.set(
      uri,
      later(() => {
        this.pending.delete(uri);
        this.validate(uri).catch((e) =>
          this.log.error(`validation failed: ${e instanceof Error ? e.stack : e}`),
        );
      }),
    );
  }

  private async validate(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const { text, analysis } = await this.analysisOf(doc);
    const current = this.documents.get(uri);
    // A newer text is on its way (or the document was closed).
    if (!current || current.index !== text) return;
    await this.connection.sendDiagnostics({
      uri,
      version: current.version,
      diagnostics: analysis.findings.map((f) => diagnosticOf(f, uri)),
    });
  }

  private closed(uri: string): void {
    this.pending.get(uri)?.();
    this.pending.delete(uri);
    this.analyses.delete(uri);
    this.settingsCache.delete(uri);
    this.sideChapters.delete(uri);
    this.summaries.delete(uri);
    this.indexer.setOpen(uri, false);
    this.indexer.index.delete(normalizeUri(uri));
    void this.indexer.fileChanged(uri, false);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private settingsFor(uri: string): Promise<Settings> {
    let cached = this.settingsCache.get(uri);
    if (!cached) {
      cached = (
        this.pullConfiguration
          ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'transcript' })
          : Promise.resolve(this.pushedSettings)
      ).then(
        async (raw) => {
          const { settings, problems } = readSettings(raw);
          const feed = (raw as { feed?: unknown } | null | undefined)?.feed;
          const loaded = await this.rosterFor(uri, typeof feed === 'string' ? feed : undefined);
          for (const p of [...problems, ...loaded.problems]) {
            if (this.reportedProblems.has(p)) continue;
            this.reportedProblems.add(p);
            void this.connection.window.showWarningMessage(`Transcript settings: ${p}`);
          }
          return withRoster(settings, loaded.roster);
        },
        () => DEFAULT_SETTINGS,
      );
      this.settingsCache.set(uri, cached);
    }
    return cached;
  }

  /** Roster files and feeds, per document: read again when one of them changes. */
  private rosterFor(uri: string, feed: string | undefined): Promise<LoadedRoster> {
    const none: LoadedRoster = { roster: EMPTY_ROSTER, files: [], problems: [] };
    // A document that is no file (untitled) has no folder to look in.
    if (URI.parse(uri).scheme === 'untitled') return Promise.resolve(none);
    const file = normalizeUri(uri);
    const key = `${file}\n${feed ?? ''}`;
    let loaded = this.rosters.get(key);
    if (!loaded) {
      // The deepest workspace folder holding the file is where the search stops.
      const roots = this.indexer.rootUris();
      const root = roots.filter((r) => isInside(file, r)).sort((a, b) => b.length - a.length)[0];
      // Outside every workspace folder: the document's own folder only. With
      // no folder open (a single file): up to the repository root, as the CLI.
      const stopAt =
        root ?? (roots.length > 0 ? file.slice(0, file.lastIndexOf('/')) || undefined : undefined);
      loaded = findRoster(this.files, file, { stopAt, feed }).catch(() => none);
      this.rosters.set(key, loaded);
    }
    return loaded;
  }

  /** The chapters file beside each document: read again when one changes. */
  private sideChaptersFor(uri: string): Promise<SideChapters | undefined> {
    if (URI.parse(uri).scheme === 'untitled') return Promise.resolve(undefined);
    let loaded = this.sideChapters.get(uri);
    if (!loaded) {
      loaded = findSideChapters(this.files, uri).catch(() => undefined);
      this.sideChapters.set(uri, loaded);
    }
    return loaded;
  }
}
