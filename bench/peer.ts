/**
 * Figure 6: a peer in the same run. VS Code's own Markdown language service
 * (vscode-markdown-languageservice, the engine behind VS Code's Markdown
 * outline and link diagnostics) on the same transcript written as Markdown,
 * against our core on the transcript, interleaved.
 *
 * Both sides do the work an editor asks for after an edit: the outline
 * (document symbols) and the diagnostics, for a new document version.
 * - ours: analyze(text) + outline(model), converted to LSP DocumentSymbol[]
 *   and Diagnostic[] exactly as the server does (server/src/protocol.ts);
 * - theirs: getDocumentSymbols(doc) + computeDiagnostics(doc), after the
 *   workspace announced the new version (onDidChangeMarkdownDocument), as VS
 *   Code's Markdown server does. Their parser is markdown-it with a
 *   one-entry token cache per uri and version, as VS Code's is, so the two
 *   features share one tokenisation per version.
 * Each side runs in a process of its own (bench/peerWorker.ts), so that
 * neither pays for the other's garbage; this process alternates between them
 * and each times its own call. The worker runs as an esbuild bundle built as
 * scripts/build.mjs builds dist/server.js: each side's code as it ships
 * (ours in the server bundle, theirs in VS Code's bundled Markdown server),
 * not module by module as the TypeScript loader runs the sources.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { buildSync } from 'esbuild';
import * as path from 'node:path';
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
import { analyze, outline } from '../server/src/core';
import { toDiagnostic, toDocumentSymbols } from '../server/src/protocol';
import { REPO, toMarkdown, type Input } from './inputs';
import { interleave, type Paired } from './stats';

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

  /** A new version of the same text, announced as an edit is. */
  bump(): TextDocument {
    this.doc = TextDocument.create(this.uri, 'markdown', ++this.version, this.text);
    this.changed.fire(this.doc);
    return this.doc;
  }

  async run(): Promise<{ symbols: number; diagnostics: number }> {
    const doc = this.bump();
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

export interface PeerFigure {
  readonly input: string;
  readonly transcriptBytes: number;
  readonly markdownBytes: number;
  /** Baseline: the Markdown service; subject: ours. ratio < 1 means we are faster. */
  readonly pair: Paired;
  /** Their median over ours: how many times faster we are. */
  readonly speedup: number;
  readonly oursDiagnostics: number;
  readonly theirDiagnostics: number;
  /** Headings in their outline (all levels). */
  readonly theirHeadings: number;
}

export function countSymbols(n: { children?: unknown[] }[]): number {
  return n.reduce((s, x) => s + 1 + countSymbols((x.children ?? []) as { children?: [] }[]), 0);
}

export type Side = 'ours' | 'theirs';

export interface WorkerReply {
  readonly ms: number;
  readonly symbols: number;
  readonly diagnostics: number;
  readonly headings?: number;
}

let workerScript: string | undefined;

/** bench/peerWorker.ts bundled with the options of scripts/build.mjs (built once per run). */
function peerWorkerScript(): string {
  if (!workerScript) {
    // In dist/, beside the product's bundles (not packaged: .vscodeignore
    // lists what is), so that the bundle finds the repository as the
    // sources do: one folder up.
    const outfile = path.join(REPO, 'dist', 'bench-peer-worker.js');
    buildSync({
      entryPoints: [path.join(__dirname, 'peerWorker.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // The worker imports this file but never builds: esbuild stays out.
      external: ['esbuild'],
      logLevel: 'warning',
    });
    workerScript = outfile;
  }
  return workerScript;
}

/** A side in a process of its own, generating the same input from the same source. */
class Worker {
  private readonly proc: ChildProcess;
  private pending: ((r: WorkerReply) => void) | undefined;
  private failed: Error | undefined;

  constructor(side: Side, hours: number) {
    this.proc = fork(peerWorkerScript(), [side, String(hours)], {
      cwd: REPO,
      execArgv: [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.proc.on('message', (r: WorkerReply) => {
      const p = this.pending;
      this.pending = undefined;
      p?.(r);
    });
    this.proc.on('exit', (code) => {
      this.failed = new Error(`the ${side} peer worker exited with ${code}`);
    });
  }

  run(cmd: 'run' | 'warm' | 'headings' = 'run'): Promise<WorkerReply> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('peer worker timed out')), 300_000);
      this.pending = (r) => {
        clearTimeout(timer);
        resolve(r);
      };
      this.proc.send(cmd);
    });
  }

  stop(): void {
    this.proc.kill();
  }
}

export async function peerFigure(
  input: Input,
  reps: number,
  budgetMs: number,
): Promise<PeerFigure> {
  const ours = new Worker('ours', input.hours);
  const theirs = new Worker('theirs', input.hours);
  try {
    await ours.run('warm');
    await theirs.run('warm');
    let oursDiagnostics = 0;
    let theirDiagnostics = 0;
    const pair = await interleave(
      async () => {
        const r = await theirs.run();
        theirDiagnostics = r.diagnostics;
        return r.ms;
      },
      async () => {
        const r = await ours.run();
        oursDiagnostics = r.diagnostics;
        return r.ms;
      },
      // Strictly in turn: each side's call follows one of the other side, so
      // neither finds its caches warm from its own last call. (Alternating
      // the order gave each side two calls in a row every other pair; our
      // second call took 0.30-0.34 ms where the first took 0.40.)
      { reps, warmup: 1, budgetMs, alternate: false },
    );
    const { headings } = await theirs.run('headings');
    return {
      input: input.name,
      transcriptBytes: input.bytes,
      markdownBytes: Buffer.byteLength(toMarkdown(input.text)),
      pair,
      speedup: pair.baseline.median / pair.subject.median,
      oursDiagnostics,
      theirDiagnostics,
      theirHeadings: headings ?? 0,
    };
  } finally {
    ours.stop();
    theirs.stop();
  }
}
