/**
 * The language server: thin handlers over the core. It keeps one analysis
 * per document version, validates on the next turn of the event loop after a
 * change (so a burst of keystrokes is analysed once), and never publishes
 * diagnostics for a version the editor has already left behind.
 */
import {
  CodeActionKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyze,
  fixAllEdits,
  outline,
  readSettings,
  sameRange,
  semanticTokens,
  DEFAULT_SETTINGS,
  type Analysis,
  type Settings,
} from './core';
import {
  DIAGNOSTIC_SOURCE,
  SEMANTIC_LEGEND,
  toCodeAction,
  toDiagnostic,
  toDocumentSymbols,
  toSemanticTokens,
  toWorkspaceEdit,
} from './protocol';
import { runSafe } from './runSafe';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.transcript`;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, { version: number; analysis: Analysis; settings: Settings }>();
  const settingsCache = new Map<string, Promise<Settings>>();
  const pending = new Map<string, NodeJS.Immediate>();
  const reportedProblems = new Set<string>();
  let pullConfiguration = false;
  let pushedSettings: unknown;
  const log = { error: (m: string) => connection.console.error(m) };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    pushedSettings = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    return {
      capabilities: {
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
        },
        documentSymbolProvider: { label: 'Transcript' },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND],
        },
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
      },
      serverInfo: { name: 'transcript-language-server' },
    };
  });

  const settingsFor = (uri: string): Promise<Settings> => {
    let cached = settingsCache.get(uri);
    if (!cached) {
      cached = (
        pullConfiguration
          ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'transcript' })
          : Promise.resolve(pushedSettings)
      ).then(
        (raw) => {
          const { settings, problems } = readSettings(raw);
          for (const p of problems) {
            if (reportedProblems.has(p)) continue;
            reportedProblems.add(p);
            void connection.window.showWarningMessage(`Transcript settings: ${p}`);
          }
          return settings;
        },
        () => DEFAULT_SETTINGS,
      );
      settingsCache.set(uri, cached);
    }
    return cached;
  };

  /** The analysis of a document's current version, computed once per version and settings. */
  const analysisOf = async (doc: TextDocument): Promise<Analysis> => {
    const settings = await settingsFor(doc.uri);
    const cached = analyses.get(doc.uri);
    if (cached && cached.version === doc.version && cached.settings === settings)
      return cached.analysis;
    const analysis = analyze(doc.getText(), settings);
    analyses.set(doc.uri, { version: doc.version, analysis, settings });
    return analysis;
  };

  const validate = async (uri: string) => {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const analysis = await analysisOf(doc);
    const current = documents.get(uri);
    if (!current || current.version !== version) return; // a newer version is on its way
    await connection.sendDiagnostics({
      uri,
      version,
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

  documents.onDidOpen((e) => schedule(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    const p = pending.get(e.document.uri);
    if (p) clearImmediate(p);
    pending.delete(e.document.uri);
    analyses.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((change) => {
    const raw = (change.settings as { transcript?: unknown } | null)?.transcript;
    if (raw !== undefined) pushedSettings = raw;
    settingsCache.clear();
    reportedProblems.clear();
    for (const doc of documents.all()) schedule(doc.uri);
  });

  connection.onDocumentSymbol((params, token) =>
    runSafe(log, 'documentSymbol', [], token, async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return toDocumentSymbols(outline((await analysisOf(doc)).model));
    }),
  );

  connection.languages.semanticTokens.on((params, token) =>
    runSafe(log, 'semanticTokens', { data: [] }, token, async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return { data: [] };
      return toSemanticTokens(semanticTokens((await analysisOf(doc)).model));
    }),
  );

  connection.onCodeAction((params, token) =>
    runSafe(log, 'codeAction', [], token, async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return codeActions(params, doc, await analysisOf(doc));
    }),
  );

  documents.listen(connection);
  connection.listen();
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
