/**
 * Figure 7: the browser build of the server (dist/web/server.js, the web
 * worker VS Code for the Web starts) in a web worker of headless Chromium,
 * edited as the protocol figure edits the Node server, against the Node
 * server (`node dist/server.js --stdio`) in the same run, interleaved.
 *
 * Chromium is Debian's (`command -v chromium`), driven by playwright-core
 * with a fresh profile in a temporary folder; no browser is downloaded, and
 * without one the section is skipped. The page comes from a server on
 * 127.0.0.1 that sends it cross-origin isolated (COOP and COEP headers), so
 * that its `performance.now()` ticks in 5 µs steps rather than 100 µs. The
 * page makes the worker from the bundle's bytes (a Blob URL) and speaks
 * JSON-RPC to it by postMessage, as vscode-languageserver/browser expects:
 * initialize (publishDiagnostics, but no workspace/configuration, so the
 * server takes its default settings; no workspace folders), initialized,
 * didOpen, then the protocol figure's edits (bench/protocol.ts: an empty line
 * inserted, then an `x` inserted and deleted in turn at the end of a
 * timestamped line past the middle), each timed inside the page from
 * posting didChange to the publishDiagnostics of its version. Playwright
 * only starts each edit and collects its time.
 *
 * Also the sizes of the four bundles (raw and gzip), as they are in dist/
 * and minified as `npm run package` builds them (built into a temporary
 * folder with scripts/build.mjs's options).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BuildOptions } from 'esbuild';
import type { BrowserContext, BrowserType, Page } from 'playwright-core';
import { REPO, type Input } from './inputs';
import { BenchClient, emptyLineChange, oneCharEdit, startEditing } from './protocol';
import { interleave, type Paired } from './stats';

/** The document both servers edit. */
const EPISODE = 'file:///bench/episode.txt';

/** Chromium's flags (playwright-core adds its own, `--headless` among them). */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The bundles measured, as scripts/build.mjs builds them. */
const BUNDLES: { file: string; entry: string; browser: boolean; options?: BuildOptions }[] = [
  {
    file: 'dist/web/client.js',
    entry: 'client/src/browser.ts',
    browser: true,
    options: { external: ['vscode'] },
  },
  {
    file: 'dist/web/server.js',
    entry: 'server/src/browserMain.ts',
    browser: true,
    options: { format: 'iife' },
  },
  {
    file: 'dist/client.js',
    entry: 'client/src/node.ts',
    browser: false,
    options: { external: ['vscode'] },
  },
  { file: 'dist/server.js', entry: 'server/src/main.ts', browser: false },
];

/**
 * The page's script: a client of the worker. Plain JavaScript in a string,
 * as the page runs it (a function passed to page.evaluate would carry the
 * TypeScript loader's helpers with it).
 */
const DRIVER = String.raw`
window.bench = (() => {
  let worker;
  let nextId = 1;
  let failure = '';
  const replies = new Map();
  const waiters = [];
  const published = new Map();
  const versions = new Map();
  const logs = [];
  const send = (message) => worker.postMessage(message);
  function onMessage(event) {
    // The moment the message arrived, before anything else runs.
    const at = performance.now();
    const m = event.data;
    if (m.method === undefined) {
      const reply = replies.get(m.id);
      replies.delete(m.id);
      if (reply) reply(m);
      return;
    }
    if (m.id !== undefined) {
      // A request of the server's: none is expected without those capabilities.
      logs.push('server request ' + m.method);
      send({ jsonrpc: '2.0', id: m.id, result: null });
      return;
    }
    if (m.method === 'textDocument/publishDiagnostics') {
      const p = m.params;
      const got = { version: p.version, count: p.diagnostics.length, at };
      published.set(p.uri, got);
      for (let i = waiters.length - 1; i >= 0; i--) {
        const w = waiters[i];
        if (w.uri !== p.uri || w.version !== p.version) continue;
        waiters.splice(i, 1);
        w.resolve(got);
      }
      return;
    }
    if (m.params && typeof m.params.message === 'string') logs.push(m.params.message);
  }
  function request(method, params) {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      replies.set(id, (m) =>
        m.error ? reject(new Error(method + ': ' + m.error.message)) : resolve(m.result),
      );
      send({ jsonrpc: '2.0', id, method, params });
    });
  }
  function notify(method, params) {
    send({ jsonrpc: '2.0', method, params });
  }
  /** The publishDiagnostics of this version: its arrival time and count. */
  function diagnostics(uri, version, timeout = 120000) {
    const got = published.get(uri);
    if (got && got.version === version) return Promise.resolve(got);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const why = failure ? ' (worker error: ' + failure + ')' : '';
        const log = logs.length ? '; server log: ' + logs.slice(-5).join(' | ') : '';
        reject(new Error('no diagnostics for ' + uri + ' v' + version + ' in ' + timeout + ' ms' + why + log));
      }, timeout);
      waiters.push({ uri, version, resolve: (d) => { clearTimeout(timer); resolve(d); } });
    });
  }
  return {
    /** Starts the worker from the bundle's text; ms until initialize is answered. */
    async start(source) {
      const t = performance.now();
      const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      worker = new Worker(url);
      worker.onmessage = onMessage;
      worker.onerror = (e) => { failure = e.message || 'error'; };
      await request('initialize', {
        processId: null,
        clientInfo: { name: 'bench' },
        rootUri: null,
        workspaceFolders: null,
        capabilities: {
          textDocument: {
            publishDiagnostics: { relatedInformation: true, versionSupport: true },
            synchronization: { dynamicRegistration: false },
            documentSymbol: { hierarchicalDocumentSymbolSupport: true },
            codeAction: {
              codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
            },
          },
        },
      });
      const startMs = performance.now() - t;
      notify('initialized', {});
      return { startMs, crossOriginIsolated: self.crossOriginIsolated === true };
    },
    /** didOpen → publishDiagnostics for version 1. */
    async open(uri, text) {
      versions.set(uri, 1);
      const t = performance.now();
      notify('textDocument/didOpen', { textDocument: { uri, languageId: 'transcript', version: 1, text } });
      const d = await diagnostics(uri, 1);
      return { ms: d.at - t, count: d.count };
    },
    /** didChange with the next version → its publishDiagnostics. */
    async change(uri, contentChanges) {
      const version = (versions.get(uri) || 0) + 1;
      versions.set(uri, version);
      const t = performance.now();
      notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
      const d = await diagnostics(uri, version);
      return { ms: d.at - t, count: d.count };
    },
    /** The trivial round trip: documentSymbol for a document that is not open. */
    async ping() {
      const t = performance.now();
      await request('textDocument/documentSymbol', { textDocument: { uri: 'file:///bench/not-open.transcript' } });
      return performance.now() - t;
    },
    logs: () => logs.slice(),
  };
})();
`;

const PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title><script>${DRIVER}</script>`;

export interface BundleSize {
  readonly file: string;
  readonly bytes: number;
  /** node:zlib gzip, default level. */
  readonly gzipBytes: number;
  /** Whether the file in dist/ is minified (`npm run package`) or not (`npm run build`). */
  readonly minified: boolean;
  /** The same bundle built minified, as `npm run package` builds it. */
  readonly minifiedBytes?: number;
  readonly minifiedGzipBytes?: number;
}

export interface BrowserFigure {
  readonly input: string;
  readonly bytes: number;
  /** Why the browser was not measured (no Chromium, no browser bundle, no start). */
  readonly skipped?: string;
  /** Chromium's version. */
  readonly chromium?: string;
  /** Whether the page was cross-origin isolated (its timer then ticks in 5 µs, else 100 µs). */
  readonly crossOriginIsolated?: boolean;
  /** In the page: new Worker from the bundle → initialize answered, ms (once). */
  readonly workerStartMs?: number;
  /** In the page: didOpen → publishDiagnostics of the episode, the worker's first analysis, ms (once). */
  readonly firstOpenMs?: number;
  /** Edit → diagnostics; subject: the browser worker, baseline: the Node server. */
  readonly edit?: Paired;
  /** The trivial round trip (documentSymbol, not open); subject: browser, baseline: Node. */
  readonly ping?: Paired;
  /** Diagnostics after the empty line was inserted, on each side (the same settings: equal). */
  readonly diagnostics?: { readonly node: number; readonly browser: number };
  /** What the worker logged, when it logged anything. */
  readonly workerLog?: string[];
  readonly bundles: BundleSize[];
  readonly minifyError?: string;
}

/** Debian's Chromium, as `command -v chromium` finds it. */
function findChromium(): string | undefined {
  const r = spawnSync('/bin/sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  const found = r.status === 0 ? r.stdout.trim() : '';
  return found || undefined;
}

const gzipSize = (bytes: Buffer) => gzipSync(bytes).length;

/** Minified copies of the bundles in a temporary folder, with scripts/build.mjs's options. */
async function minifiedBundles(): Promise<Map<string, Buffer>> {
  const { build } = await import('esbuild');
  const { browserOptions } = (await import(
    pathToFileURL(path.join(REPO, 'scripts/browserBundles.mjs')).href
  )) as { browserOptions: (common: BuildOptions) => BuildOptions };
  // scripts/build.mjs's `common`, with `minify` on as `npm run package` has it.
  const common: BuildOptions = {
    absWorkingDir: REPO,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    minify: true,
    logLevel: 'warning',
    mainFields: ['module', 'main'],
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'transcript-bench-minified-'));
  try {
    const out = new Map<string, Buffer>();
    await Promise.all(
      BUNDLES.map(async (b) => {
        const outfile = path.join(dir, b.file);
        const options = { ...common, ...b.options, entryPoints: [b.entry], outfile };
        await build(b.browser ? browserOptions(options) : options);
        out.set(b.file, readFileSync(outfile));
      }),
    );
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function bundleSizes(): Promise<{ bundles: BundleSize[]; minifyError?: string }> {
  let minified = new Map<string, Buffer>();
  let minifyError: string | undefined;
  try {
    minified = await minifiedBundles();
  } catch (e) {
    minifyError = e instanceof Error ? e.message : String(e);
  }
  const bundles = BUNDLES.filter((b) => existsSync(path.join(REPO, b.file))).map((b) => {
    const bytes = readFileSync(path.join(REPO, b.file));
    const small = minified.get(b.file);
    return {
      file: b.file,
      bytes: bytes.length,
      gzipBytes: gzipSize(bytes),
      // esbuild's minified output is a few very long lines.
      minified: bytes.toString('utf8').split('\n').length < 100,
      minifiedBytes: small?.length,
      minifiedGzipBytes: small && gzipSize(small),
    };
  });
  return { bundles, minifyError };
}

/** Serves the page, cross-origin isolated, on 127.0.0.1. */
async function servePage(): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cache-Control': 'no-store',
    });
    res.end(PAGE);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
}

interface OpenBrowser {
  readonly page: Page;
  readonly version: string | undefined;
  /** Closes the browser and the page's server, and removes the profile. */
  close(): Promise<void>;
}

/** Chromium with a fresh profile, its page loaded; everything is undone when it fails. */
async function openBrowser(chromium: BrowserType, executablePath: string): Promise<OpenBrowser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'transcript-bench-chromium-'));
  let served: { server: Server; url: string } | undefined;
  let context: BrowserContext | undefined;
  const close = async () => {
    // Closing the context ends the browser it was launched with.
    await context?.close().catch(() => {});
    served?.server.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    served = await servePage();
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(served.url);
    return { page, version: context.browser()?.version(), close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Evaluates an expression in the page (a string: see DRIVER). */
function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

interface Measured {
  readonly ms: number;
  readonly count: number;
}

interface LoopOptions {
  readonly reps: number;
  readonly budgetMs: number;
  readonly warmupMs: number;
}

/** The worker started in the page and the Node server, edited in turn. */
async function measure(
  page: Page,
  input: Input,
  o: LoopOptions,
  log: (m: string) => void,
): Promise<Omit<BrowserFigure, 'input' | 'bytes' | 'bundles'>> {
  const json = JSON.stringify;
  const bundle = readFileSync(path.join(REPO, 'dist/web/server.js'), 'utf8');
  const started = await inPage<{ startMs: number; crossOriginIsolated: boolean }>(
    page,
    `bench.start(${json(bundle)})`,
  );
  const opened = await inPage<Measured>(page, `bench.open(${json(EPISODE)}, ${json(input.text)})`);
  const change = (changes: unknown) =>
    inPage<Measured>(page, `bench.change(${json(EPISODE)}, ${json(changes)})`);
  const browserPing = () => inPage<number>(page, 'bench.ping()');

  // The Node server, edited by the protocol figure's own loop.
  const node = await BenchClient.start();
  try {
    const editing = await startEditing(node, EPISODE, input.text);
    const { place } = editing;
    const browserEmpty = await change([emptyLineChange(place)]);
    // Warm each side's handler path, as the protocol figure does before its loops.
    for (let i = 0; i < 20; i++) {
      await node.ping();
      await browserPing();
    }

    log('browser: edit → diagnostics, browser worker against the Node server…');
    let inserted = false;
    const edit = await interleave(
      () => editing.edit(),
      async () => {
        const edited = oneCharEdit(place, inserted);
        inserted = !inserted;
        return (await change([edited])).ms;
      },
      { reps: o.reps, warmup: 2, warmupMs: o.warmupMs, budgetMs: o.budgetMs },
    );
    const ping = await interleave(() => node.ping(), browserPing, {
      reps: o.reps,
      warmup: 2,
      budgetMs: o.budgetMs / 2,
    });
    const workerLog = await inPage<string[]>(page, 'bench.logs()');
    return {
      crossOriginIsolated: started.crossOriginIsolated,
      workerStartMs: started.startMs,
      firstOpenMs: opened.ms,
      edit,
      ping,
      diagnostics: { node: editing.diagnostics.length, browser: browserEmpty.count },
      ...(workerLog.length ? { workerLog } : {}),
    };
  } finally {
    await node.stop();
  }
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

export async function browserFigure(
  input: Input,
  reps: number,
  budgetMs: number,
  /** Unmeasured pairs first for this long, as the protocol figure's edit loop. */
  warmupMs: number,
  log: (m: string) => void = () => {},
): Promise<BrowserFigure> {
  const base = { input: input.name, bytes: input.bytes };
  log('browser: bundle sizes (and a minified build)…');
  const sizes = await bundleSizes();
  const skip = (why: string): BrowserFigure => ({ ...base, skipped: why, ...sizes });

  if (!existsSync(path.join(REPO, 'dist/web/server.js')))
    return skip('dist/web/server.js is missing: run `npm run build`');
  const executablePath = findChromium();
  if (!executablePath)
    return skip('no Chromium: `command -v chromium` found none (Debian: apt-get install chromium)');
  let chromium: BrowserType;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    return skip(`playwright-core did not load: ${message(e)}`);
  }
  log(`browser: starting ${executablePath}…`);
  let browser: OpenBrowser;
  try {
    browser = await openBrowser(chromium, executablePath);
  } catch (e) {
    return skip(`Chromium (${executablePath}) did not start: ${message(e)}`);
  }
  try {
    const measured = await measure(browser.page, input, { reps, budgetMs, warmupMs }, log);
    return { ...base, chromium: browser.version, ...measured, ...sizes };
  } finally {
    await browser.close();
  }
}
