/**
 * The language server: thin handlers over the core. It keeps one analysis
 * per document text, validates on the next turn of the event loop after a
 * change (so a burst of keystrokes is analysed once), never publishes
 * diagnostics for a version the editor has already left behind, and indexes
 * the workspace in the background.
 */
import {
  CodeActionKind,
  ResponseError,
  ErrorCodes,
  TextDocuments,
  TextDocumentSyncKind,
  FileChangeType,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyze,
  completions,
  definition,
  fixAllEdits,
  foldingRanges,
  hover,
  outline,
  parseOffset,
  prepareRename,
  readSettings,
  withRoster,
  EMPTY_ROSTER,
  FEED_FILES,
  ROSTER_FILE,
  references,
  renameSpeaker,
  sameRange,
  selectionRanges,
  semanticTokens,
  shiftTimestamps,
  statistics,
  statisticsMarkdown,
  summarizeModel,
  shiftScopeAt,
  labelAt,
  DEFAULT_SETTINGS,
  type Analysis,
  type Settings,
  type SideChapters,
  isSideChaptersFile,
} from './core';
import {
  DIAGNOSTIC_SOURCE,
  SEMANTIC_LEGEND,
  toCodeAction,
  toCompletionItems,
  toDiagnostic,
  toDocumentSymbols,
  toFoldingRanges,
  toSelectionRange,
  toSemanticTokens,
  toWorkspaceEdit,
  toWorkspaceSymbols,
} from './protocol';
import { exportTranscript, importTranscript, isExportFormat } from './core/formats';
import {
  EXPORT,
  IMPORT,
  SHIFT_TIMESTAMPS,
  STATISTICS,
  type ExportParams,
  type ExportResponse,
  type ImportParams,
  type ImportResponse,
  type ShiftTimestampsParams,
  type ShiftTimestampsResult,
  type StatisticsParams,
  type StatisticsResult,
} from './requests';
import { runSafe } from './runSafe';
import { normalizeUri, WorkspaceIndexer } from './workspaceIndexer';
import { loadRoster, type LoadedRoster } from './rosterFiles';
import { loadSideChapters } from './sideChapterFiles';
import { URI } from 'vscode-uri';
import * as path from 'node:path';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.transcript`;

interface Cached {
  /** The text analysed: a client may repeat a version number with other text. */
  readonly text: string;
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

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, Cached>();
  const settingsCache = new Map<string, Promise<Settings>>();
  const pending = new Map<string, NodeJS.Immediate>();
  const summaries = new Map<string, string>();
  const reportedProblems = new Set<string>();
  let pullConfiguration = false;
  let folderEvents = false;
  let pushedSettings: unknown;
  const log = { error: (m: string) => connection.console.error(m) };

  const indexer = new WorkspaceIndexer({
    onUpdated: () => {
      for (const doc of documents.all()) schedule(doc.uri);
    },
    log: (m) => connection.console.log(m),
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    folderEvents = params.capabilities.workspace?.workspaceFolders === true;
    pushedSettings = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    const folders =
      params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    indexer.setRoots(folders);
    workspaceRoots = folders
      .map((f) => URI.parse(f))
      .filter((u) => u.scheme === 'file')
      .map((u) => u.fsPath);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: 'Transcript' },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND],
        },
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [] },
        workspaceSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'transcript-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (folderEvents)
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        void indexer
          .changeRoots(
            e.added.map((f) => f.uri),
            e.removed.map((f) => f.uri),
          )
          .catch((err) => log.error(`indexing failed: ${err instanceof Error ? err.stack : err}`));
      });
    // In the background: requests are answered meanwhile from what is indexed.
    void indexer
      .indexAll()
      .catch((e) => log.error(`indexing failed: ${e instanceof Error ? e.stack : e}`));
  });

  /** Roster files and feeds, per document: read again when one of them changes on disk. */
  const rosters = new Map<string, Promise<LoadedRoster>>();
  let workspaceRoots: string[] = [];
  const rosterFor = (uri: string, feed: string | undefined): Promise<LoadedRoster> => {
    const none: LoadedRoster = { roster: EMPTY_ROSTER, files: [], problems: [] };
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return Promise.resolve(none);
    const file = parsed.fsPath;
    const key = `${file}\n${feed ?? ''}`;
    let loaded = rosters.get(key);
    if (!loaded) {
      // The deepest workspace folder holding the file is where the search stops.
      const root = workspaceRoots
        .filter((r) => file.startsWith(r.endsWith(path.sep) ? r : r + path.sep))
        .sort((a, b) => b.length - a.length)[0];
      // Outside every workspace folder: the document's own folder only. With
      // no folder open (a single file): up to the repository root, as the CLI.
      const stopAt = root ?? (workspaceRoots.length > 0 ? path.dirname(file) : undefined);
      loaded = loadRoster(file, { stopAt, feed }).catch(() => none);
      rosters.set(key, loaded);
    }
    return loaded;
  };

  /** The chapters file beside each document, per document: read again when one changes on disk. */
  const sideChapters = new Map<string, Promise<SideChapters | undefined>>();
  const sideChaptersFor = (uri: string): Promise<SideChapters | undefined> => {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return Promise.resolve(undefined);
    let loaded = sideChapters.get(uri);
    if (!loaded) {
      loaded = loadSideChapters(parsed.fsPath).catch(() => undefined);
      sideChapters.set(uri, loaded);
    }
    return loaded;
  };

  const settingsFor = (uri: string): Promise<Settings> => {
    let cached = settingsCache.get(uri);
    if (!cached) {
      cached = (
        pullConfiguration
          ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'transcript' })
          : Promise.resolve(pushedSettings)
      ).then(
        async (raw) => {
          const { settings, problems } = readSettings(raw);
          const feed = (raw as { feed?: unknown } | null | undefined)?.feed;
          const loaded = await rosterFor(uri, typeof feed === 'string' ? feed : undefined);
          for (const p of [...problems, ...loaded.problems]) {
            if (reportedProblems.has(p)) continue;
            reportedProblems.add(p);
            void connection.window.showWarningMessage(`Transcript settings: ${p}`);
          }
          return withRoster(settings, loaded.roster);
        },
        () => DEFAULT_SETTINGS,
      );
      settingsCache.set(uri, cached);
    }
    return cached;
  };

  /** Keeps the index's entry for an open document current, touching it only when it changed. */
  const indexOpen = (doc: TextDocument, analysis: Analysis) => {
    // The index names a file once, however the editor spells its URI.
    const key = normalizeUri(doc.uri);
    const summary = summarizeModel(key, analysis.model);
    const signature = JSON.stringify([
      summary.speakers.map((s) => [s.name, s.labels]),
      summary.chapters.map((c) => [c.title, c.seconds]),
    ]);
    if (summaries.get(doc.uri) === signature && indexer.index.has(key)) return;
    summaries.set(doc.uri, signature);
    indexer.index.set(summary);
  };

  /**
   * The analysis of a document's current text, computed once per text,
   * settings and index state. Keyed on the text, not the version number: a
   * client that repeats a version with other text must not get answers
   * (fix-all edits, say) computed on the old text.
   */
  const analysisOf = async (doc: TextDocument): Promise<Cached> => {
    const settings = await settingsFor(doc.uri);
    const side = await sideChaptersFor(doc.uri);
    const generation = indexer.index.generation;
    const text = doc.getText();
    const cached = analyses.get(doc.uri);
    if (
      cached &&
      cached.text === text &&
      cached.settings === settings &&
      cached.sideChapters === side &&
      cached.generation === generation
    )
      return cached;
    const analysis = analyze(text, settings, {
      otherEpisodes: indexer.index.speakerEpisodes(normalizeUri(doc.uri)),
      // The file's extension chooses the reader (WebVTT, SRT, Auphonic text),
      // whatever language id the editor gave it.
      fileName: URI.parse(doc.uri).path,
      sideChapters: side,
    });
    indexOpen(doc, analysis);
    const fresh = {
      text,
      analysis,
      settings,
      sideChapters: side,
      generation: indexer.index.generation,
    };
    analyses.set(doc.uri, fresh);
    return fresh;
  };

  const validate = async (uri: string) => {
    const doc = documents.get(uri);
    if (!doc) return;
    const { text, analysis } = await analysisOf(doc);
    const current = documents.get(uri);
    // A newer text is on its way (or the document was closed).
    if (!current || current.getText() !== text) return;
    await connection.sendDiagnostics({
      uri,
      version: current.version,
      diagnostics: analysis.findings.map((f) => toDiagnostic(f, uri)),
    });
  };

  const schedule = (uri: string) => {
    const previous = pending.get(uri);
    if (previous) clearImmediate(previous);
    pending.set(
      uri,
      setImmediate(() => {
        pending.delete(uri);
        validate(uri).catch((e) =>
          log.error(`validation failed: ${e instanceof Error ? e.stack : e}`),
        );
      }),
    );
  };

  documents.onDidOpen((e) => {
    indexer.setOpen(e.document.uri, true);
    schedule(e.document.uri);
  });
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const p = pending.get(uri);
    if (p) clearImmediate(p);
    pending.delete(uri);
    analyses.delete(uri);
    settingsCache.delete(uri);
    sideChapters.delete(uri);
    summaries.delete(uri);
    indexer.setOpen(uri, false);
    indexer.index.delete(normalizeUri(uri));
    void indexer.fileChanged(uri, false);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((change) => {
    const raw = (change.settings as { transcript?: unknown } | null)?.transcript;
    if (raw !== undefined) pushedSettings = raw;
    settingsCache.clear();
    rosters.clear();
    reportedProblems.clear();
    for (const doc of documents.all()) schedule(doc.uri);
  });

  connection.onDidChangeWatchedFiles((params) => {
    // A roster file or a feed changed: every document's names may have.
    if (params.changes.some((c) => isRosterSource(c.uri))) {
      rosters.clear();
      settingsCache.clear();
      for (const doc of documents.all()) schedule(doc.uri);
    }
    // A chapters file changed: the documents beside it read it again.
    if (params.changes.some((c) => isSideChaptersFile(c.uri))) {
      sideChapters.clear();
      for (const doc of documents.all()) schedule(doc.uri);
    }
    for (const change of params.changes) {
      if (isRosterSource(change.uri)) continue;
      if (documents.get(change.uri)) continue;
      void indexer.fileChanged(change.uri, change.type === FileChangeType.Deleted);
    }
  });

  /** Runs a handler on the current analysis of a document, or answers `empty` when it is gone. */
  const withDocument = <T>(
    name: string,
    params: { textDocument?: { uri?: unknown } } | undefined,
    empty: T,
    token: Parameters<typeof runSafe>[3],
    fn: (a: Analysis, doc: TextDocument, settings: Settings) => T | Promise<T>,
  ) =>
    runSafe(log, name, empty, token, async () => {
      // Malformed params (no textDocument) fail here, inside runSafe: logged, neutral answer.
      const uri = params!.textDocument!.uri as string;
      const doc = documents.get(uri);
      if (!doc) return empty;
      // No await between the analysis and `fn`: the document is still the text analysed.
      const { analysis, settings } = await analysisOf(doc);
      return fn(analysis, doc, settings);
    });

  connection.onDocumentSymbol((p, token) =>
    withDocument('documentSymbol', p, [], token, (a) => toDocumentSymbols(outline(a.model))),
  );

  connection.languages.semanticTokens.on((p, token) =>
    withDocument('semanticTokens', p, { data: [] }, token, (a) =>
      toSemanticTokens(semanticTokens(a.model)),
    ),
  );

  connection.onCodeAction((p, token) =>
    withDocument('codeAction', p, [], token, (a, doc) => codeActions(p, doc, a)),
  );

  connection.onDefinition((p, token) =>
    withDocument('definition', p, null, token, (a) => {
      const target = definition(a.model, p.position);
      return target ? { uri: p.textDocument.uri, range: target } : null;
    }),
  );

  connection.onReferences((p, token) =>
    withDocument('references', p, [], token, (a) =>
      references(a.model, p.position).map((range) => ({ uri: p.textDocument.uri, range })),
    ),
  );

  connection.onPrepareRename((p, token) =>
    withDocument('prepareRename', p, null, token, (a) => {
      const r = prepareRename(a.model, p.position);
      if (!r.ok) throw new ResponseError(ErrorCodes.InvalidRequest, r.message);
      return { range: r.range, placeholder: r.placeholder };
    }),
  );

  connection.onRenameRequest((p, token) =>
    withDocument('rename', p, null, token, (a, doc) => {
      const r = renameSpeaker(a.model, p.position, p.newName);
      if (!r.ok) throw new ResponseError(ErrorCodes.InvalidRequest, r.message);
      return toWorkspaceEdit(doc.uri, doc.version, r.edits);
    }),
  );

  connection.onFoldingRanges((p, token) =>
    withDocument('foldingRanges', p, [], token, (a) => toFoldingRanges(foldingRanges(a.model))),
  );

  connection.onSelectionRanges((p, token) =>
    withDocument('selectionRanges', p, [], token, (a) =>
      p.positions.map((pos) => toSelectionRange(selectionRanges(a.model, pos))),
    ),
  );

  connection.onHover((p, token) =>
    withDocument('hover', p, null, token, (a) => {
      const h = hover(a.model, p.position);
      return h
        ? { contents: { kind: 'markdown' as const, value: h.markdown }, range: h.range }
        : null;
    }),
  );

  connection.onCompletion((p, token) =>
    withDocument('completion', p, [], token, (a, _doc, settings) =>
      toCompletionItems(
        completions(
          a.model,
          p.position,
          settings,
          indexer.index.speakerEpisodes(normalizeUri(p.textDocument.uri)),
          misspeltNames(a),
        ),
      ),
    ),
  );

  connection.onWorkspaceSymbol((p, token) =>
    runSafe(log, 'workspaceSymbol', [], token, () =>
      toWorkspaceSymbols(indexer.index.symbols(p.query)),
    ),
  );

  connection.onRequest(SHIFT_TIMESTAMPS, (p: ShiftTimestampsParams, token) =>
    withDocument<ShiftTimestampsResult>(
      'shiftTimestamps',
      p,
      { message: 'The document is not open' },
      token,
      (a, doc) => {
        const offset = parseOffset(p.offset);
        if (offset === undefined)
          return {
            message: `'${p.offset}' is not an offset: write seconds or a time with a sign, such as -12, +1:30 or -0:00:05`,
          };
        const empty =
          p.range.start.line === p.range.end.line &&
          p.range.start.character === p.range.end.character;
        const scope = empty
          ? shiftScopeAt(a.model, p.range.start.line)
          : { lines: [p.range.start.line, p.range.end.line] as const };
        const r = shiftTimestamps(a.model, offset, scope);
        if (!r.ok) return { message: r.message };
        if (r.edits.length === 0) return { message: 'No timestamps to shift there' };
        return {
          edit: toWorkspaceEdit(doc.uri, doc.version, r.edits),
          message: `Shifted ${r.stamps} ${r.stamps === 1 ? 'timestamp' : 'timestamps'} and ${r.chapters} chapter ${r.chapters === 1 ? 'time' : 'times'} by ${p.offset.trim()}`,
        };
      },
    ),
  );

  connection.onRequest(STATISTICS, (p: StatisticsParams, token) =>
    withDocument<StatisticsResult>('statistics', p, { markdown: '' }, token, (a) => {
      const name = decodeURIComponent(
        p.textDocument.uri.slice(p.textDocument.uri.lastIndexOf('/') + 1),
      );
      return { markdown: statisticsMarkdown(statistics(a.model), name) };
    }),
  );

  connection.onRequest(EXPORT, (p: ExportParams, token) =>
    withDocument<ExportResponse>(
      'export',
      p,
      { ok: false, message: 'The document is not open', errors: 0 },
      token,
      (a, doc, settings) => {
        if (!isExportFormat(p.format))
          return { ok: false, message: `Unknown format '${p.format}'`, errors: 0 };
        // The core ignores widths and lengths that are not positive finite numbers.
        const r = exportTranscript(doc.getText(), p.format, {
          force: p.force === true,
          settings,
          lineWidth: p.lineWidth,
          episodeLength: p.episodeLength,
          chaptersTrack: p.chaptersTrack === true,
          fileName: URI.parse(doc.uri).path,
          sideChapters: a.model.sideChapters,
        });
        return r.ok
          ? {
              ok: true,
              content: r.content,
              extension: r.extension,
              warnings: r.warnings,
              chaptersTrack: r.chaptersTrack,
            }
          : { ok: false, message: r.message, errors: r.errors.length };
      },
    ),
  );

  connection.onRequest(IMPORT, (p: ImportParams, token) =>
    runSafe<ImportResponse>(
      log,
      'import',
      { ok: false, message: 'The import failed' },
      token,
      () => {
        const r = importTranscript(p.content, {
          chapters: p.chapters,
          paragraphs: p.paragraphs,
        });
        return r.ok ? { ok: true, text: r.text, format: r.format, warnings: r.warnings } : r;
      },
    ),
  );

  documents.listen(connection);
  connection.listen();
}

/** Speaker names the analysis reports as misspellings: completion does not offer them. */
function misspeltNames(a: Analysis): Set<string> {
  const names = new Set<string>();
  for (const f of a.findings) {
    if (f.code !== 'speaker-spelling') continue;
    const label = labelAt(a.model, f.range.start);
    if (label) names.add(label.name);
  }
  return names;
}

function codeActions(
  params: CodeActionParams,
  doc: TextDocument,
  analysis: Analysis,
): CodeAction[] {
  const { uri, version } = doc;
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const f = analysis.findings.find(
        (x) => x.code === diagnostic.code && sameRange(x.range, diagnostic.range),
      );
      for (const fix of f?.fixes ?? []) actions.push(toCodeAction(fix, uri, version, diagnostic));
    }
  }

  if (wants(FIX_ALL_KIND)) {
    const { edits, applied } = fixAllEdits(analysis.findings);
    if (edits.length > 0) {
      actions.push({
        title: `Fix all safe transcript problems (${applied.length})`,
        kind: FIX_ALL_KIND,
        edit: toWorkspaceEdit(uri, version, edits),
      });
    }
  }
  return actions;
}
