/**
 * Figure 5: the extension as shipped. The .vsix size, and start-up costs,
 * each in a fresh Node process, interleaved with `node -e 0`:
 * - client activation: a probe process loads dist/client.js with a stub
 *   `vscode` module injected (a Module._load hook; the stub answers every
 *   property and call with another stub) and calls activate() with a fake
 *   extension context, until vscode-languageclient asks child_process to
 *   fork the server — the moment LanguageClient.start() launches it. The
 *   real VS Code API does more work than a stub, so this is a lower bound
 *   of the extension's own cost, without VS Code's.
 * - server start: spawn `node dist/server.js --stdio` until it answers
 *   `initialize`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient } from '../test/protocol/lspClient';
import { REPO } from './inputs';
import { interleave, type Paired } from './stats';

export const VSIX = path.join(REPO, 'podcast-transcripts.vsix');

/** Runs in a plain `node` (no tsx): written to a temporary file. */
const PROBE = String.raw`
const t0 = performance.now();
const Module = require('node:module');
const path = require('node:path');
const cp = require('node:child_process');
const repo = process.argv[2];
const marks = {};
function done(how, extra) {
  marks.end = performance.now() - t0;
  process.stdout.write(JSON.stringify({ how, marks, ...extra }) + '\n');
  process.exit(0);
}
// The server launch: vscode-languageclient forks dist/server.js (TransportKind.ipc).
cp.fork = (module) => done('fork', { module: path.relative(repo, module) });
cp.spawn = (command) => done('spawn', { module: String(command) });
function stub(name) {
  const cache = new Map();
  return new Proxy(function () {}, {
    get(target, key) {
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.iterator) return function* () {}; // an empty list
      if (key === Symbol.toPrimitive || key === 'toString' || key === 'toJSON') return () => name;
      if (key === 'version') return '1.100.0';
      if (key === 'prototype' || key === 'length') return target[key];
      if (!cache.has(key)) cache.set(key, stub(name + '.' + String(key)));
      return cache.get(key);
    },
    // The extension may set properties on what the API gave it (a function's
    // own 'name' is read-only): keep them, as an object of the real API would.
    set(target, key, value) {
      cache.set(key, value);
      return true;
    },
    apply: () => stub(name + '()'),
    construct: () => stub('new ' + name),
  });
}
// The module itself: a plain object with every top-level name of the API (from
// @types/vscode), as esbuild's interop copies the module's own properties.
const vscode = {};
for (const name of API_NAMES) vscode[name] = stub('vscode.' + name);
vscode.version = '1.100.0';
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return load.call(this, request, parent, isMain);
};
const ext = require(path.join(repo, 'dist/client.js'));
marks.required = performance.now() - t0;
const context = {
  subscriptions: [],
  extensionPath: repo,
  asAbsolutePath: (p) => path.join(repo, p),
  globalState: vscode.globalState,
  workspaceState: vscode.workspaceState,
  extensionUri: vscode.Uri,
  environmentVariableCollection: vscode.collection,
  extensionMode: 1,
  logUri: vscode.Uri,
  storageUri: undefined,
  globalStorageUri: vscode.Uri,
};
marks.activate = performance.now() - t0;
Promise.resolve()
  .then(() => ext.activate(context))
  .then(
    () => done('activated'),
    (e) => done('error', { error: String((e && e.stack) || e) }),
  );
setTimeout(() => done('timeout'), 10000);
`;

/** The top-level names of the VS Code API, read from @types/vscode. */
function apiNames(): string[] {
  const dts = path.join(REPO, 'node_modules/@types/vscode/index.d.ts');
  if (!existsSync(dts))
    return ['workspace', 'window', 'languages', 'commands', 'Uri', 'EventEmitter'];
  const names = new Set<string>();
  const re = /^\texport (?:namespace|class|enum|const|let|function) (\w+)/gm;
  const text = readFileSync(dts, 'utf8');
  for (let m = re.exec(text); m; m = re.exec(text)) names.add(m[1]);
  return [...names];
}

export interface VsixEntry {
  readonly name: string;
  readonly bytes: number;
  readonly compressedBytes: number;
}

/** The files in a .vsix (a zip), from its central directory, largest compressed first. */
export function vsixEntries(file: string): VsixEntry[] {
  const zip = readFileSync(file);
  // The end-of-central-directory record: signature 0x06054b50, within the last 64 KB + 22 bytes.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_558); i--)
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) return [];
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: VsixEntry[] = [];
  for (let k = 0; k < count && zip.readUInt32LE(at) === 0x02014b50; k++) {
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      compressedBytes: zip.readUInt32LE(at + 20),
      bytes: zip.readUInt32LE(at + 24),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries.sort((a, b) => b.compressedBytes - a.compressedBytes);
}

export interface ExtensionFigure {
  readonly vsixBytes: number | undefined;
  /** Its files, largest (compressed) first. */
  readonly vsixEntries: VsixEntry[];
  readonly vsixBuilt: boolean;
  readonly vsixModified: string | undefined;
  readonly clientBytes: number;
  readonly serverBytes: number;
  readonly minified: boolean;
  /** Wall time of the probe process (node start, load dist/client.js, activate() until the fork) against `node -e 0`. */
  readonly activationProcess: Paired;
  /** Inside the probe: milliseconds to require dist/client.js, and until the server fork. */
  readonly activationRequireMs: number;
  readonly activationForkMs: number;
  /** How the probe ended: 'fork' is the expected one. */
  readonly activationEnd: string;
  readonly activationError?: string;
  /** Spawn `node dist/server.js --stdio` until `initialize` is answered, against `node -e 0`. */
  readonly serverStart: Paired;
}

function nodeBaseline(): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const p = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    p.on('error', reject);
    p.on('exit', () => resolve(performance.now() - t));
  });
}

interface ProbeResult {
  how: string;
  marks: { required?: number; activate?: number; end: number };
  error?: string;
}

function probe(file: string): Promise<{ ms: number; result: ProbeResult }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const p = spawn(process.execPath, [file, REPO], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += String(d)));
    p.stderr.on('data', (d) => (err += String(d)));
    p.on('error', reject);
    p.on('exit', () => {
      const ms = performance.now() - t;
      try {
        resolve({ ms, result: JSON.parse(out.trim().split('\n').pop() ?? '') as ProbeResult });
      } catch {
        reject(new Error(`activation probe printed ${JSON.stringify(out)} ${err}`));
      }
    });
  });
}

/**
 * An error text as it may be saved and shared: the repository's and the
 * probe folder's absolute paths become `<repo>` and `<probe>`.
 */
function withoutLocalPaths(text: string, probeDir: string): string {
  return text.split(probeDir).join('<probe>').split(REPO).join('<repo>');
}

export async function extensionFigure(
  reps: number,
  budgetMs: number,
  build: boolean,
): Promise<ExtensionFigure> {
  let vsixBuilt = false;
  if (build || !existsSync(VSIX)) {
    const r = spawnSync('npm', ['run', 'package'], { cwd: REPO, stdio: 'ignore' });
    vsixBuilt = r.status === 0;
  }
  const vsix = existsSync(VSIX) ? statSync(VSIX) : undefined;
  const client = readFileSync(path.join(REPO, 'dist/client.js'), 'utf8');
  const server = statSync(path.join(REPO, 'dist/server.js'));

  const dir = mkdtempSync(path.join(os.tmpdir(), 'transcript-bench-probe-'));
  try {
    const file = path.join(dir, 'probe.js');
    writeFileSync(file, `const API_NAMES = ${JSON.stringify(apiNames())};\n${PROBE}`);
    const results: ProbeResult[] = [];
    const activationProcess = await interleave(
      nodeBaseline,
      async () => {
        const { ms, result } = await probe(file);
        results.push(result);
        return ms;
      },
      { reps, warmup: 1, budgetMs },
    );
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    const last = results[results.length - 1];
    const serverStart = await interleave(
      nodeBaseline,
      async () => {
        const t = performance.now();
        const c = await LspClient.start();
        const ms = performance.now() - t;
        await c.stop();
        return ms;
      },
      { reps, warmup: 1, budgetMs },
    );
    return {
      vsixBytes: vsix?.size,
      vsixEntries: vsix ? vsixEntries(VSIX) : [],
      vsixBuilt,
      vsixModified: vsix?.mtime.toISOString(),
      clientBytes: Buffer.byteLength(client),
      serverBytes: server.size,
      // esbuild's minified output is a few very long lines.
      minified: client.split('\n').length < 100,
      activationProcess,
      activationRequireMs: median(results.map((r) => r.marks.required ?? NaN)),
      activationForkMs: median(results.map((r) => r.marks.end)),
      activationEnd: last?.how ?? 'none',
      activationError: last?.error && withoutLocalPaths(last.error, dir),
      serverStart,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
