/**
 * The two sides of the peer comparison (figure 6, bench/peer.ts), as each
 * worker process runs them (bench/peerWorker.ts):
 * - ours: analyze(text) + outline(model), converted to LSP DocumentSymbol[]
 *   and Diagnostic[] exactly as the server does (server/src/protocol.ts);
 * - theirs: VS Code's Markdown language service, getDocumentSymbols(doc) +
 *   computeDiagnostics(doc), after the workspace announced the new version
 *   (onDidChangeMarkdownDocument), as VS Code's Markdown server does. Their
 *   parser is markdown-it with a one-entry token cache per uri and version,
 *   as VS Code's is, so the two features share one tokenisation per version.
 */
import MarkdownIt from 'markdown-it';
import {
  createLanguageService,
  DiagnosticLevel,
  githubSlugifier,
  LogLevel,
  type DiagnosticOptions,
  type IMdLanguageService,
  type IMdParser,
  type ITextDocument,
  type IWorkspace,
  type Token,
} from 'vscode-markdown-languageservice';
import { CancellationToken, Emitter } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { analyze, analyzeEdited, outline, type Analysis } from '../server/src/core';
import { diagnosticOf, toDiagnostic, toDocumentSymbols } from '../server/src/protocol';
import { loopChange } from './core';

/** VS Code's defaults when `markdown.validate.enabled` is on. */
const DIAGNOSTIC_OPTIONS: DiagnosticOptions = {
  validateReferences: DiagnosticLevel.warning,
  validateFragmentLinks: DiagnosticLevel.warning,
  validateFileLinks: DiagnosticLevel.warning,
  validateMarkdownFileLinkFragments: DiagnosticLevel.warning,
  validateUnusedLinkDefinitions: DiagnosticLevel.hint,
  validateDuplicateLinkDefinitions: DiagnosticLevel.warning,
  ignoreLinks: [],
};

export class Peer {
  readonly service: IMdLanguageService;
  private readonly changed = new Emitter<ITextDocument>();
  private doc: TextDocument;
  private version = 1;

  constructor(
    readonly uri: string,
    readonly text: string,
  ) {
    this.doc = TextDocument.create(uri, 'markdown', this.version, text);
    const md = new MarkdownIt({ html: true });
    let cache: { uri: string; version: number; tokens: Token[] } | undefined;
    const parser: IMdParser = {
      slugifier: githubSlugifier,
      tokenize: async (document) => {
        if (cache && cache.uri === document.uri && cache.version === document.version)
          return cache.tokens;
        const tokens = md.parse(document.getText(), {}) as Token[];
        cache = { uri: document.uri, version: document.version, tokens };
        return tokens;
      },
    };
    const self = () => this.doc;
    const workspace: IWorkspace = {
      get workspaceFolders() {
        return [];
      },
      onDidChangeMarkdownDocument: this.changed.event,
      onDidCreateMarkdownDocument: new Emitter<ITextDocument>().event,
      onDidDeleteMarkdownDocument: new Emitter<URI>().event,
      getAllMarkdownDocuments: async () => [self()],
      hasMarkdownDocument: (resource) => resource.toString() === uri,
      openMarkdownDocument: async (resource) => (resource.toString() === uri ? self() : undefined),
      stat: async () => undefined,
      readDirectory: async () => [],
    };
    this.service = createLanguageService({
      workspace,
      parser,
      logger: { level: LogLevel.Off, log: () => undefined },
    });
  }

  /** A new version, of the same text or of `text`, announced as an edit is. */
  bump(text = this.text): TextDocument {
    this.doc = TextDocument.create(this.uri, 'markdown', ++this.version, text);
    this.changed.fire(this.doc);
    return this.doc;
  }

  async run(text?: string): Promise<{ symbols: number; diagnostics: number }> {
    const doc = this.bump(text);
    const symbols = await this.service.getDocumentSymbols(doc, {}, CancellationToken.None);
    const diagnostics = await this.service.computeDiagnostics(
      doc,
      DIAGNOSTIC_OPTIONS,
      CancellationToken.None,
    );
    return { symbols: symbols.length, diagnostics: diagnostics.length };
  }
}

export function ours(uri: string, text: string): { symbols: number; diagnostics: number } {
  const a = analyze(text);
  const symbols = toDocumentSymbols(outline(a.model));
  const diagnostics = a.findings.map((f) => toDiagnostic(f, uri));
  return { symbols: symbols.length, diagnostics: diagnostics.length };
}

/**
 * Our side while someone types: each call analyses the next text of the
 * edit loop from the previous analysis, as the server does (`analyzeEdited`
 * of the previous text's index changed by the edit, `loopChange`), then makes
 * the outline and the diagnostics as the server does (kept per node and per
 * finding).
 */
export class OursEditing {
  private previous: Analysis;
  private step = 0;
  private readonly next: ReturnType<typeof loopChange>;

  constructor(
    readonly uri: string,
    readonly texts: readonly [string, string],
  ) {
    this.previous = analyze(texts[0]);
    this.next = loopChange(texts);
  }

  run(): { symbols: number; diagnostics: number } {
    const a = (this.previous = analyzeEdited(this.previous, this.next(this.previous, ++this.step)));
    const symbols = toDocumentSymbols(outline(a.model));
    const diagnostics = a.findings.map((f) => diagnosticOf(f, this.uri));
    return { symbols: symbols.length, diagnostics: diagnostics.length };
  }
}

/**
 * The Markdown's edit loop, as the transcript's (bench/core.ts `editTexts`):
 * an `x` at the end of the first paragraph line past the middle, there and
 * not there in turn.
 */
export function markdownEditTexts(markdown: string): readonly [string, string] {
  const lines = markdown.split('\n');
  let line = Math.floor(lines.length / 2);
  while (line < lines.length - 1 && !/^[^#\s*-]/.test(lines[line])) line++;
  const edited = lines.slice();
  edited[line] += 'x';
  return [markdown, edited.join('\n')];
}

export function countSymbols(n: { children?: unknown[] }[]): number {
  return n.reduce((s, x) => s + 1 + countSymbols((x.children ?? []) as { children?: [] }[]), 0);
}

export type Side = 'ours' | 'theirs';

/** What each call computes: a new version of the same text, or of the next text of an edit loop. */
export type PeerMode = 'version' | 'edit';

export interface WorkerReply {
  readonly ms: number;
  readonly symbols: number;
  readonly diagnostics: number;
  readonly headings?: number;
}
