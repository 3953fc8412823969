/**
 * End-to-end harness: a real VS Code workbench (code-server, installed by
 * test/e2e/setup.sh into <repo>/.e2e/code-server) driven by Debian's Chromium
 * through playwright-core.
 *
 * Everything a run writes (HOME, XDG_*, TMPDIR, the user-data-dir, the
 * extensions dir, the workspace, Chromium's profile, logs) lives under
 * <repo>/.e2e/runs/<id>/, which stop() removes. Every process started here is
 * stopped by its own id (code-server by its process group, Chromium through
 * playwright).
 *
 * Typical use in a mocha suite:
 *
 *   let vs: VSCodeSession | undefined;
 *   before(async () => { vs = await startVSCode({ vsix, workspaceFiles: { 'a.txt': '...' } }); });
 *   afterEach(async function () { await vs?.saveFailureArtifacts(this.currentTest); });
 *   after(async () => { await vs?.stop(); });
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

// ------------------------------------------------------------------ waiting

export interface WaitOptions {
  /** Give up after this many milliseconds (default 15000). */
  timeout?: number;
  /** Poll every this many milliseconds (default 100). */
  interval?: number;
  /** Describes what was awaited; used in the timeout error. */
  message?: string;
}

/**
 * Multiplies a timeout by $E2E_TIMEOUT_FACTOR (default 1), for slow or busy
 * machines. waitFor() and startVSCode() apply it; mocha's own timeout is in
 * test/e2e/.mocharc.json.
 */
export function scaleTimeout(ms: number): number {
  const factor = Number(process.env.E2E_TIMEOUT_FACTOR);
  return Number.isFinite(factor) && factor > 0 ? Math.round(ms * factor) : ms;
}

/** Thrown by a waitFor callback to stop waiting at once (other errors mean "not yet"). */
export class WaitAbort extends Error {}

/**
 * Polls `fn` until it returns a truthy value (which is returned) or the
 * timeout passes. Exceptions thrown by `fn` count as "not yet" (the last one is
 * reported in the timeout error), except WaitAbort, which is rethrown at once.
 */
function lightbulbVisible(page: Page): Promise<boolean> {
  return page.locator('.part.editor [class*="codicon-gutter-lightbulb"]').first().isVisible();
}

export async function waitFor<T>(
  fn: () => T | Promise<T>,
  options: WaitOptions = {},
): Promise<NonNullable<T>> {
  return poll(fn, { ...options, timeout: scaleTimeout(options.timeout ?? 15_000) });
}

/** waitFor without the timeout factor (for deadlines that are already scaled). */
async function poll<T>(
  fn: () => T | Promise<T>,
  { timeout = 15_000, interval = 100, message = 'condition' }: WaitOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  let lastValue: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value as NonNullable<T>;
      lastValue = value;
      lastError = undefined;
    } catch (error) {
      if (error instanceof WaitAbort) throw error;
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await delay(Math.min(interval, Math.max(0, deadline - Date.now())));
  }
  const detail =
    lastError !== undefined
      ? ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})`
      : ` (last value: ${JSON.stringify(lastValue)})`;
  throw new Error(`Timed out after ${timeout} ms waiting for ${message}${detail}`);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects if `promise` takes longer than `ms`; the timer never outlives the promise. */
async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Progress lines on stderr when E2E_VERBOSE is set. */
export function debug(message: string): void {
  if (process.env.E2E_VERBOSE)
    console.error(`    [e2e ${new Date().toISOString().slice(11, 23)}] ${message}`);
}

// ------------------------------------------------------------------ paths

let cachedRoot: string | undefined;

/** The repository's root folder (found by walking up from the working directory). */
export function repoRoot(): string {
  if (cachedRoot) return cachedRoot;
  const fromEnv = process.env.E2E_REPO_ROOT;
  if (fromEnv) return (cachedRoot = path.resolve(fromEnv));
  let dir = process.cwd();
  for (;;) {
    if (fs.existsSync(path.join(dir, 'test', 'e2e', 'harness.ts'))) return (cachedRoot = dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const git = spawnSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' });
  if (git.status === 0 && git.stdout.trim()) return (cachedRoot = git.stdout.trim());
  throw new Error('Cannot find the repository root: run the e2e tests from inside the repo');
}

/** `<repo>/.e2e`: the cache and run folders (git-ignored). */
export function e2eDir(): string {
  return path.join(repoRoot(), '.e2e');
}

/** The installed code-server's entry script (run with `node`). */
export function codeServerEntry(): string {
  const entry = path.join(
    e2eDir(),
    'code-server',
    'node_modules',
    'code-server',
    'out',
    'node',
    'entry.js',
  );
  if (!fs.existsSync(entry)) {
    throw new Error(`code-server is not installed (${entry} missing): run bash test/e2e/setup.sh`);
  }
  return entry;
}

/** Finds an executable on PATH, like `command -v`. */
export function findExecutable(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Debian's Chromium (`command -v chromium`), or $E2E_CHROMIUM. */
export function chromiumPath(): string {
  const found = process.env.E2E_CHROMIUM || findExecutable('chromium');
  if (!found) throw new Error('chromium not found on PATH: run bash test/e2e/setup.sh');
  return found;
}

// ------------------------------------------------------------------ run folders

export interface RunDir {
  /** `.e2e/runs/<id>` */
  root: string;
  home: string;
  tmp: string;
  /** Environment for child processes: HOME, XDG_* and TMPDIR point into the run folder. */
  env: NodeJS.ProcessEnv;
  /** Removes the run folder. */
  remove(): void;
  /** Keeps the run folder when the test process exits (for debugging). */
  keep(): void;
}

const OWNER_FILE = 'owner.pid';
const PGID_FILE = 'pgids';

/**
 * Creates a fresh run folder `.e2e/runs/<prefix>-<id>/` with its own home and
 * temp folders. Stale run folders of dead test processes are swept first.
 */
export function createRunDir(prefix = 'run'): RunDir {
  const runsDir = path.join(e2eDir(), 'runs');
  fs.mkdirSync(runsDir, { recursive: true });
  sweepStaleRuns(runsDir);
  const id = `${prefix}-${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const root = path.join(runsDir, id);
  const home = path.join(root, 'home');
  const tmp = path.join(root, 'tmp');
  const runtime = path.join(root, 'runtime');
  for (const dir of [root, home, tmp]) fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(runtime, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(root, OWNER_FILE), String(process.pid));
  installExitHooks();
  liveRunDirs.add(root);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Do not leak an outer VS Code / Electron session into the one under test.
    if (key.startsWith('VSCODE_') || key.startsWith('ELECTRON_')) continue;
    env[key] = value;
  }
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_RUNTIME_DIR: runtime,
    TMPDIR: tmp,
    TMP: tmp,
    TEMP: tmp,
  });
  return {
    root,
    home,
    tmp,
    env,
    remove: () => {
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      liveRunDirs.delete(root);
    },
    keep: () => {
      liveRunDirs.delete(root);
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function cmdlineOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Removes run folders whose test process is gone, stopping what they left running. */
function sweepStaleRuns(runsDir: string): void {
  for (const name of fs.readdirSync(runsDir)) {
    const root = path.join(runsDir, name);
    let owner = NaN;
    try {
      owner = Number(fs.readFileSync(path.join(root, OWNER_FILE), 'utf8'));
    } catch {
      // no owner file: a folder being created right now, or garbage; judge by age
      try {
        if (Date.now() - fs.statSync(root).mtimeMs < 10 * 60_000) continue;
      } catch {
        continue;
      }
    }
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) continue;
    let pgids: number[] = [];
    try {
      pgids = fs
        .readFileSync(path.join(root, PGID_FILE), 'utf8')
        .split('\n')
        .map(Number)
        .filter((n) => Number.isInteger(n) && n > 1);
    } catch {
      // nothing recorded
    }
    for (const pgid of pgids) {
      // Only a group whose leader still runs something of this run folder.
      if (groupAlive(pgid) && cmdlineOf(pgid).includes(root)) {
        try {
          process.kill(-pgid, 'SIGKILL');
        } catch {
          // gone
        }
      }
    }
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function recordGroup(run: RunDir, pgid: number): void {
  fs.appendFileSync(path.join(run.root, PGID_FILE), `${pgid}\n`);
}

// What this test process started and has not cleaned up yet: process groups
// and run folders. If the process exits (or gets SIGINT/SIGTERM/SIGHUP) first,
// the groups are SIGKILLed and the folders removed, synchronously.
const liveGroups = new Set<number>();
const liveRunDirs = new Set<string>();
let exitHooksInstalled = false;

function cleanupSync(): void {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  liveGroups.clear();
  if (!process.env.E2E_KEEP_RUNS) {
    for (const dir of liveRunDirs) {
      try {
        fs.rmSync(dir, { recursive: true, force: true });
      } catch {
        // best effort; the next run sweeps it
      }
    }
  }
  liveRunDirs.clear();
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', cleanupSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = () => {
      cleanupSync();
      process.removeListener(signal, handler);
      // Let the signal do what it would have done without us.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, handler);
  }
}

/** Registers a process group to be killed if the test process ends first; returns the unregister. */
function trackGroup(pgid: number): () => void {
  installExitHooks();
  liveGroups.add(pgid);
  return () => liveGroups.delete(pgid);
}

/**
 * Stops a process group started with `detached: true` (its leader's pid is
 * the group id): SIGTERM, poll, then SIGKILL.
 */
export async function killProcessGroup(pgid: number, graceMs = 5_000): Promise<void> {
  if (!groupAlive(pgid)) return;
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return;
  }
  try {
    await waitFor(() => !groupAlive(pgid), {
      timeout: graceMs,
      interval: 50,
      message: `process group ${pgid} to exit`,
    });
  } catch {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone
    }
    await waitFor(() => !groupAlive(pgid), {
      timeout: 5_000,
      interval: 50,
      message: `process group ${pgid} to die after SIGKILL`,
    });
  }
}

/** Processes whose command line mentions `needle` (e.g. a run folder). */
function processesMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    if (cmdlineOf(pid).includes(needle)) pids.push(pid);
  }
  return pids;
}

// ------------------------------------------------------------------ helpers

/** A free TCP port on 127.0.0.1 (asked from the kernel). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion in its own process group, killing the group on timeout. */
export function runProcess(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {},
): Promise<RunResult> {
  const timeout = options.timeout ?? 120_000;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const untrack = child.pid ? trackGroup(child.pid) : () => undefined;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) void killProcessGroup(child.pid, 1_000);
    }, timeout);
    child.on('error', (error) => {
      clearTimeout(timer);
      untrack();
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Whatever the command left behind in its group goes too.
      const done = () =>
        timedOut
          ? reject(
              new Error(
                `${command} ${args.join(' ')} timed out after ${timeout} ms\n${stdout}\n${stderr}`,
              ),
            )
          : resolve({ code, signal, stdout, stderr });
      const finish = () => {
        untrack();
        done();
      };
      if (child.pid) killProcessGroup(child.pid, 1_000).then(finish, finish);
      else finish();
    });
  });
}

/**
 * Packages an extension folder (with its package.json) into a .vsix with the
 * repo's vsce, without dependencies, license or repository checks. `env`
 * should point HOME and TMPDIR into a run folder (e.g. createRunDir().env).
 */
export async function packageVsix(
  extensionDir: string,
  outFile: string,
  env?: NodeJS.ProcessEnv,
  /** More `vsce package` options. */
  options: readonly string[] = [],
): Promise<string> {
  const vsce = path.join(repoRoot(), 'node_modules', '@vscode', 'vsce', 'vsce');
  // Without an env of the caller's run folder, use a scratch one (vsce must not write to HOME).
  const scratch = env ? undefined : createRunDir('vsce');
  try {
    return await packageWith(vsce, extensionDir, outFile, env ?? scratch!.env, options);
  } finally {
    scratch?.remove();
  }
}

async function packageWith(
  vsce: string,
  extensionDir: string,
  outFile: string,
  env: NodeJS.ProcessEnv,
  options: readonly string[],
): Promise<string> {
  const result = await runProcess(
    process.execPath,
    [
      vsce,
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--skip-license',
      '--no-update-package-json',
      ...options,
      '-o',
      outFile,
    ],
    { cwd: extensionDir, env, timeout: 60_000 },
  );
  if (result.code !== 0 || !fs.existsSync(outFile)) {
    throw new Error(`vsce package failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return outFile;
}

// ------------------------------------------------------------------ VS Code session

export interface StartOptions {
  /** .vsix file(s) to install into the fresh extensions dir before starting. */
  vsix?: string | string[];
  /** Files of the workspace folder, relative path → content. */
  workspaceFiles?: Record<string, string>;
  /** User settings, merged over the harness defaults. */
  settings?: Record<string, unknown>;
  /** Browser viewport (default 1400×900). */
  viewport?: { width: number; height: number };
  /** Timeout for the whole start (default 90000 ms). */
  timeout?: number;
  /** Prefix of the run folder's name (default "vscode"). */
  name?: string;
  /**
   * Wait until the extension host has activated its startup extensions
   * (default true). Until then Quick Open and commands are slow to answer.
   */
  waitForExtensionHost?: boolean;
  /** More environment for code-server (and so for its extension host), over the run folder's. */
  env?: Record<string, string>;
  /**
   * Entries of the workbench URL's `payload` (e.g. extensionDevelopmentPath,
   * extensionTestsPath), given code-server's remote authority (`127.0.0.1:PORT`).
   */
  payload?: (authority: string) => [string, string][];
  /** Called with the new page before it opens the workbench (e.g. to expose functions). */
  beforeOpen?: (page: Page) => Promise<void>;
}

export interface ProblemsCounts {
  errors: number;
  warnings: number;
  infos: number;
  /** The raw aria-label, e.g. "No Problems" or "Errors: 1, Warnings: 2". */
  label: string;
}

export interface VSCodeSession {
  page: Page;
  browser: Browser;
  port: number;
  /** The URL the page was opened at. */
  url: string;
  run: RunDir;
  workspaceDir: string;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's stdout+stderr. */
  logFile: string;

  /** Opens a workspace file through Quick Open (Ctrl+P) and waits for its tab to be active. */
  openFile(relPath: string, options?: WaitOptions): Promise<void>;
  /** Runs a command from the F1 palette by its label, e.g. "Demo: Say Hello". */
  runCommand(label: string, options?: WaitOptions): Promise<void>;
  /** Text of the status bar's language indicator of the active editor, e.g. "Plain Text". */
  languageModeLabel(options?: WaitOptions): Promise<string>;
  /** Waits until the language indicator matches. */
  waitForLanguageMode(expected: string | RegExp, options?: WaitOptions): Promise<string>;
  /** Counts from the status bar's problems item. */
  problemsCounts(): Promise<ProblemsCounts>;
  /** Waits until the problems counts satisfy `predicate`. */
  waitForProblems(
    predicate: (counts: ProblemsCounts) => boolean,
    options?: WaitOptions,
  ): Promise<ProblemsCounts>;
  /** Opens the Problems panel and returns the rendered rows' texts (file rows and marker rows). */
  problemsRows(options?: WaitOptions): Promise<string[]>;
  /** Waits until the extension host has activated its startup ("eager") extensions. */
  waitForExtensionHost(options?: WaitOptions): Promise<void>;
  /**
   * Waits until the extension host log shows that the activation of the
   * extension (e.g. "publisher.name") has started; throws at once if the log
   * shows its activation failed. (VS Code logs no line when an activation
   * succeeds: assert on its effects, and on activationErrors() being empty.)
   */
  waitForExtensionActivation(extensionId: string, options?: WaitOptions): Promise<void>;
  /** "Activating extension X failed ..." entries of the extension host log, each with its error line. */
  activationErrors(): string[];
  /** Moves the cursor of the active editor (1-based, like the status bar) via Ctrl+G. */
  gotoLine(line: number, column?: number, options?: WaitOptions): Promise<void>;
  /** Text of the status bar's cursor position item, e.g. "Ln 3, Col 8". */
  cursorPosition(): Promise<string | undefined>;
  /**
   * Opens the code action menu at the cursor (Ctrl+.), returns its action
   * labels (no group headers) and closes it again.
   */
  codeActions(options?: WaitOptions): Promise<string[]>;
  /** Opens the code action menu at the cursor and applies the action with this label. */
  applyCodeAction(label: string | RegExp, options?: WaitOptions): Promise<void>;
  /** Whether the lightbulb is shown in the active editor's gutter. */
  lightbulbVisible(): Promise<boolean>;
  /**
   * Puts the cursor at (line, column) and waits for the lightbulb there.
   * The editor asks for code actions when the cursor moves; one asked before
   * the findings arrived finds none, so after each second without a
   * lightbulb the cursor steps off the line and back, asking again.
   */
  lightbulbAt(line: number, column: number, options?: WaitOptions): Promise<void>;
  /**
   * Puts the cursor at (line, column) and opens the code action menu there
   * (Ctrl+.) until its labels satisfy `until`; returns them, the menu closed.
   * Between tries the cursor steps off the line and back, so the editor asks
   * the server again (after a roster or settings change, say).
   */
  codeActionsAt(
    line: number,
    column: number,
    until: (labels: string[]) => boolean,
    options?: WaitOptions,
  ): Promise<string[]>;
  /** Go to Symbol in Editor (Ctrl+Shift+O): the symbol names listed; the picker is closed again. */
  goToSymbolRows(options?: WaitOptions): Promise<string[]>;
  /** Opens the Outline view and returns its rendered rows' symbol names (expanded rows only). */
  outlineRows(options?: WaitOptions): Promise<string[]>;
  /** Texts of the active editor's rendered lines, top to bottom (only what is on screen). */
  visibleEditorLines(): Promise<string[]>;
  /** Reads a file of the workspace folder from disk. */
  readWorkspaceFile(relPath: string): string;
  /** Texts of the visible notification toasts. */
  notifications(): Promise<string[]>;
  /** Waits for a notification toast whose text matches; returns its text. */
  waitForNotification(expected: string | RegExp, options?: WaitOptions): Promise<string>;
  /** Label of the active editor tab (file name), or undefined. */
  activeTabLabel(): Promise<string | undefined>;
  /** Texts of the rows of the open quick input (palette, Quick Open, Go to Symbol). */
  quickInputRows(): Promise<string[]>;
  /** Presses keys in the page, e.g. "Escape", "Control+Shift+O". */
  press(...keys: string[]): Promise<void>;
  /** Writes a file into the workspace folder (creating folders). */
  writeWorkspaceFile(relPath: string, content: string): void;
  /** Saves a PNG screenshot of the page (folders created). */
  screenshot(file: string): Promise<void>;
  /** Concatenated text of the log files under the user-data-dir whose path matches (e.g. /exthost/). */
  readLogs(match?: RegExp): string;
  /**
   * For an afterEach hook: if the given mocha test failed, saves a screenshot,
   * code-server's log and VS Code's logs to .e2e/failures/<test title>/.
   */
  saveFailureArtifacts(test: { state?: string; fullTitle(): string } | undefined): Promise<void>;
  /** Closes the browser, stops code-server's process group, removes the run folder. Idempotent. */
  stop(options?: { keepRunDir?: boolean }): Promise<void>;
}

/** Settings written for every session (overridable by StartOptions.settings). */
export const DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  // The workspace lives inside this repo's .e2e/: keep git from finding the repo around it.
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'search.useParentIgnoreFiles': false,
  'editor.accessibilitySupport': 'off',
};

/** Flags for Chromium (headless, offline, no first-run). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

function cssEscapeId(id: string): string {
  return id.replace(/([.:#[\]])/g, '\\$1');
}

/** code-server's config file: on loopback at `port`, no password, no TLS. */
export function writeCodeServerConfig(file: string, port: number): void {
  fs.writeFileSync(file, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
}

/** code-server's arguments for one profile: its config, user data and extensions folders. */
export function codeServerArgs(
  entry: string,
  config: string,
  userDataDir: string,
  extensionsDir: string,
): string[] {
  return [
    entry,
    '--config',
    config,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
}

/** Installs a .vsix into the profile of `baseArgs`; throws with code-server's output if it fails. */
export async function installVsix(
  baseArgs: readonly string[],
  vsix: string,
  run: RunDir,
  timeout: number,
): Promise<void> {
  const abs = path.resolve(vsix);
  if (!fs.existsSync(abs)) throw new Error(`vsix not found: ${abs}`);
  const result = await runProcess(process.execPath, [...baseArgs, '--install-extension', abs], {
    env: run.env,
    cwd: run.root,
    timeout,
  });
  const out = result.stdout + result.stderr;
  if (result.code !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`Installing ${abs} failed (exit ${result.code}):\n${out}`);
  }
}

/**
 * Starts code-server on `workspace` in its own process group (so that
 * stopping the group stops the extension host and language servers too),
 * its output appended to `logFile`.
 */
export function spawnCodeServer(
  baseArgs: readonly string[],
  workspace: string,
  run: RunDir,
  logFile: string,
): ChildProcess {
  const logFd = fs.openSync(logFile, 'a');
  try {
    return spawn(
      process.execPath,
      [
        ...baseArgs,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        workspace,
      ],
      { cwd: run.root, env: run.env, detached: true, stdio: ['ignore', logFd, logFd] },
    );
  } finally {
    fs.closeSync(logFd);
  }
}

/**
 * Starts code-server with the given extension(s) and workspace, opens it in
 * headless Chromium and waits for the workbench. If anything fails on the way,
 * everything started so far is stopped before the error is thrown.
 */
export async function startVSCode(options: StartOptions = {}): Promise<VSCodeSession> {
  const startTimeout = scaleTimeout(options.timeout ?? 90_000);
  const started = Date.now();
  const remaining = () => Math.max(1_000, startTimeout - (Date.now() - started));
  const entry = codeServerEntry();
  const executablePath = chromiumPath();

  const run = createRunDir(options.name ?? 'vscode');
  debug(`run folder ${path.relative(repoRoot(), run.root)}`);
  const workspaceDir = path.join(run.root, 'workspace');
  const userDataDir = path.join(run.root, 'user-data');
  const extensionsDir = path.join(run.root, 'extensions');
  const logFile = path.join(run.root, 'code-server.log');
  const configFile = path.join(run.root, 'code-server.yaml');
  for (const dir of [workspaceDir, path.join(userDataDir, 'User'), extensionsDir]) {
    fs.mkdirSync(dir, { recursive: true });
  }

  let child: ChildProcess | undefined;
  let untrackGroup: (() => void) | undefined;
  let browser: Browser | undefined;
  let stopped = false;

  const stop = async ({ keepRunDir = false }: { keepRunDir?: boolean } = {}) => {
    if (stopped) return;
    stopped = true;
    debug('stopping');
    const errors: unknown[] = [];
    if (browser) {
      try {
        await withTimeout(browser.close(), 10_000, 'browser.close()');
      } catch (error) {
        errors.push(error);
      }
    }
    if (child?.pid) {
      try {
        await killProcessGroup(child.pid);
      } catch (error) {
        errors.push(error);
      }
    }
    // Anything else still running from this run folder (e.g. a process that
    // left the group) is ours: stop it by its pid.
    for (const pid of processesMentioning(run.root)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    untrackGroup?.();
    if (keepRunDir || process.env.E2E_KEEP_RUNS) {
      run.keep();
    } else {
      try {
        run.remove();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length) {
      throw new Error(`stop() had errors: ${errors.map((e) => String(e)).join('; ')}`);
    }
  };

  try {
    // Workspace and settings.
    for (const [rel, content] of Object.entries(options.workspaceFiles ?? {})) {
      writeInside(workspaceDir, rel, content);
    }
    const settings = { ...DEFAULT_SETTINGS, ...(options.settings ?? {}) };
    fs.writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify(settings, null, 2),
    );

    const port = await freePort();
    writeCodeServerConfig(configFile, port);
    const baseArgs = codeServerArgs(entry, configFile, userDataDir, extensionsDir);

    // Extensions.
    const vsixes = options.vsix === undefined ? [] : ([] as string[]).concat(options.vsix);
    for (const vsix of vsixes) {
      debug(`installing ${path.basename(vsix)}`);
      await installVsix(baseArgs, vsix, run, remaining());
    }

    // code-server, in its own process group.
    Object.assign(run.env, options.env);
    debug(`starting code-server on port ${port}`);
    child = spawnCodeServer(baseArgs, workspaceDir, run, logFile);
    const pgid = child.pid;
    if (!pgid) throw new Error('code-server did not start');
    recordGroup(run, pgid);
    untrackGroup = trackGroup(pgid);
    let exited: string | undefined;
    child.on('exit', (code, signal) => (exited = `code ${code}, signal ${signal}`));

    const base = `http://127.0.0.1:${port}`;
    await poll(
      async () => {
        if (exited) throw new WaitAbort(`code-server exited (${exited})`);
        const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) });
        return response.ok;
      },
      { timeout: remaining(), interval: 100, message: `code-server /healthz on port ${port}` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- code-server log ---\n${readTail(logFile)}`);
    });

    debug('code-server healthy; launching Chromium');
    // Chromium; its temp profile goes into the run folder (playwright makes it under TMPDIR).
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = run.tmp;
    try {
      browser = await chromium.launch({
        executablePath,
        args: [...CHROMIUM_ARGS],
        env: run.env as Record<string, string>,
        artifactsDir: path.join(run.root, 'playwright-artifacts'),
        timeout: remaining(),
      });
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
    }
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1400, height: 900 },
    });
    const page = await context.newPage();
    await options.beforeOpen?.(page);
    const payload = options.payload?.(`127.0.0.1:${port}`);
    const url =
      `${base}/?folder=${encodeURIComponent(workspaceDir)}` +
      (payload?.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '');
    debug(`opening ${url}`);
    await page.goto(url, { timeout: remaining() });
    await poll(() => page.locator('.monaco-workbench .part.statusbar').first().isVisible(), {
      timeout: remaining(),
      message: 'the workbench status bar',
    });

    const logsDir = path.join(userDataDir, 'logs');
    const waitForExtensionHost = (opts: WaitOptions = {}) =>
      waitFor(() => /Eager extensions activated/.test(readLogs(logsDir, /exthost/)), {
        timeout: 30_000,
        interval: 200,
        message: 'the extension host to activate its startup extensions',
        ...opts,
      }).then(() => undefined);
    if (options.waitForExtensionHost !== false) {
      await poll(() => /Eager extensions activated/.test(readLogs(logsDir, /exthost/)), {
        timeout: remaining(),
        interval: 200,
        message: 'the extension host to activate its startup extensions',
      });
    }
    debug(`workbench ready after ${Date.now() - started} ms`);
    const session: VSCodeSession = {
      page,
      browser,
      port,
      url,
      run,
      workspaceDir,
      userDataDir,
      extensionsDir,
      logFile,
      stop,
      openFile: (rel, opts) => openFile(page, rel, opts),
      runCommand: (label, opts) => runCommand(page, label, opts),
      languageModeLabel: (opts) => languageModeLabel(page, opts),
      waitForLanguageMode: (expected, opts) =>
        waitFor(
          async () => {
            const label = await readLanguageMode(page);
            return label !== undefined && matches(label, expected) ? label : undefined;
          },
          { message: `language mode ${String(expected)}`, ...opts },
        ),
      problemsCounts: () => problemsCounts(page),
      waitForProblems: (predicate, opts) =>
        waitFor(
          async () => {
            const counts = await problemsCounts(page);
            return predicate(counts) ? counts : undefined;
          },
          { message: 'problem counts', ...opts },
        ),
      problemsRows: (opts) => problemsRows(page, opts),
      waitForExtensionHost,
      waitForExtensionActivation: (id, opts) =>
        waitFor(
          () => {
            const log = readLogs(logsDir, /exthost/);
            const failed = activationErrors(log).find((e) => e.includes(id));
            if (failed) throw new WaitAbort(failed);
            return new RegExp(`_doActivateExtension ${escapeRegExp(id)}\\b`, 'i').test(log);
          },
          { timeout: 30_000, interval: 200, message: `activation of ${id}`, ...opts },
        ).then(() => undefined),
      activationErrors: () => activationErrors(readLogs(logsDir, /exthost/)),
      gotoLine: (line, column, opts) => gotoLine(page, line, column, opts),
      cursorPosition: () => cursorPosition(page),
      codeActions: (opts) => codeActions(page, opts),
      applyCodeAction: (label, opts) => applyCodeAction(page, label, opts),
      lightbulbVisible: () => lightbulbVisible(page),
      lightbulbAt: async (line, column, opts) => {
        await gotoLine(page, line, column);
        let polls = 0;
        await waitFor(
          async () => {
            if (await lightbulbVisible(page)) return true;
            if (++polls % 10 === 0) {
              await gotoLine(page, line > 1 ? line - 1 : line + 1, 1);
              await gotoLine(page, line, column);
            }
            return false;
          },
          { message: `the lightbulb on line ${line}`, ...opts },
        );
      },
      codeActionsAt: async (line, column, until, opts) => {
        return waitFor(
          async () => {
            await gotoLine(page, line > 1 ? line - 1 : line + 1, 1);
            await gotoLine(page, line, column);
            const labels = await codeActions(page, { timeout: 3_000 });
            // Thrown, not returned: the timeout's message then shows the last menu.
            if (!until(labels)) throw new Error(`the menu lists ${JSON.stringify(labels)}`);
            return labels;
          },
          { interval: 500, message: `code actions at ${line}:${column}`, ...opts },
        );
      },
      goToSymbolRows: (opts) => goToSymbolRows(page, opts),
      outlineRows: (opts) => outlineRows(page, opts),
      visibleEditorLines: () => visibleEditorLines(page),
      readWorkspaceFile: (rel) => fs.readFileSync(path.resolve(workspaceDir, rel), 'utf8'),
      notifications: () => notifications(page),
      waitForNotification: (expected, opts) =>
        waitFor(async () => (await notifications(page)).find((text) => matches(text, expected)), {
          message: `notification ${String(expected)}`,
          ...opts,
        }),
      activeTabLabel: () => activeTabLabel(page),
      quickInputRows: () => quickInputRows(page),
      press: async (...keys) => {
        for (const key of keys) await page.keyboard.press(key);
      },
      writeWorkspaceFile: (rel, content) => writeInside(workspaceDir, rel, content),
      screenshot: async (file) => {
        fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
        await page.screenshot({ path: file });
      },
      readLogs: (match = /./) => readLogs(path.join(userDataDir, 'logs'), match),
      saveFailureArtifacts: async (test) => {
        if (!test || test.state !== 'failed') return;
        const dir = path.join(
          e2eDir(),
          'failures',
          test
            .fullTitle()
            .replace(/[^\w.-]+/g, '_')
            .slice(0, 120),
        );
        fs.mkdirSync(dir, { recursive: true });
        try {
          await page.screenshot({ path: path.join(dir, 'screenshot.png'), timeout: 5_000 });
        } catch {
          // the page may be gone
        }
        try {
          fs.copyFileSync(logFile, path.join(dir, 'code-server.log'));
          fs.writeFileSync(
            path.join(dir, 'vscode-logs.txt'),
            readLogs(path.join(userDataDir, 'logs'), /./),
          );
        } catch {
          // best effort
        }
        console.error(`    e2e: failure artifacts saved in ${path.relative(repoRoot(), dir)}`);
      },
    };
    return session;
  } catch (error) {
    try {
      await stop();
    } catch {
      // report the original error
    }
    throw error;
  }
}

function activationErrors(log: string): string[] {
  const out: string[] = [];
  const lines = log.split('\n');
  lines.forEach((line, i) => {
    if (/Activating extension .* failed/.test(line)) {
      out.push(
        `${line.replace(/^.*?Activating/, 'Activating')} ${(lines[i + 1] ?? '').replace(/^.*?\] /, '')}`.trim(),
      );
    }
  });
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matches(text: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
}

function writeInside(dir: string, rel: string, content: string): void {
  const file = path.resolve(dir, rel);
  if (!file.startsWith(dir + path.sep)) throw new Error(`${rel} is outside the workspace`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function readTail(file: string, max = 4_000): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.length > max ? text.slice(-max) : text;
  } catch {
    return '(no log)';
  }
}

function readLogs(dir: string, match: RegExp): string {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.log') && match.test(p)) {
        out.push(`===== ${path.relative(dir, p)}\n${fs.readFileSync(p, 'utf8')}`);
      }
    }
  };
  walk(dir);
  return out.join('\n');
}

// ------------------------------------------------------------------ workbench helpers

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';

async function quickInputVisible(page: Page): Promise<boolean> {
  return page.locator(QUICK_INPUT).first().isVisible();
}

async function closeQuickInput(page: Page): Promise<void> {
  if (await quickInputVisible(page)) {
    await page.keyboard.press('Escape');
    await waitFor(async () => !(await quickInputVisible(page)), {
      timeout: 5_000,
      message: 'the quick input to close',
    });
  }
}

async function quickInputRows(page: Page): Promise<string[]> {
  return page
    .locator(QUICK_INPUT_ROWS)
    .evaluateAll((rows) =>
      rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
    );
}

/** Row texts and whether each is focused, of the open quick input. */
async function quickInputRowState(
  page: Page,
): Promise<{ label: string; ariaLabel: string; text: string; focused: boolean }[]> {
  return page.locator(QUICK_INPUT_ROWS).evaluateAll((rows) =>
    rows.map((r) => {
      const el = r as HTMLElement;
      const labelEl = el.querySelector('.label-name, .monaco-highlighted-label');
      return {
        label: (labelEl?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        ariaLabel: el.getAttribute('aria-label') ?? '',
        text: el.innerText.replace(/\s+/g, ' ').trim(),
        focused: el.classList.contains('focused'),
      };
    }),
  );
}

/** Types into the quick input and picks the row chosen by `pick`. */
async function pickQuickInput(
  page: Page,
  open: () => Promise<void>,
  query: string,
  pick: (row: { label: string; ariaLabel: string; text: string }) => boolean,
  what: string,
  opts: WaitOptions = {},
): Promise<void> {
  await closeQuickInput(page);
  await open();
  await waitFor(() => quickInputVisible(page), {
    timeout: 10_000,
    message: `${what}: quick input`,
  });
  debug(`${what}: quick input open`);
  const input = page.locator(`${QUICK_INPUT} .quick-input-box input`).first();
  await input.fill(query);
  const index = await waitFor(
    async () => {
      if ((await input.inputValue()) !== query) return undefined;
      const rows = await quickInputRowState(page);
      const i = rows.findIndex(pick);
      return i >= 0 ? { i, focused: rows[i]!.focused } : undefined;
    },
    { timeout: 15_000, message: what, ...opts },
  );
  debug(`${what}: row ${index.i} found (focused: ${index.focused})`);
  if (!index.focused) {
    // A click can miss a row that the list re-renders meanwhile (results
    // still arriving): move the keyboard focus to the row instead.
    await waitFor(
      async () => {
        const rows = await quickInputRowState(page);
        const target = rows.findIndex(pick);
        const focused = rows.findIndex((r) => r.focused);
        if (target < 0) return false;
        if (target === focused) return true;
        await page.keyboard.press(focused < target ? 'ArrowDown' : 'ArrowUp');
        return false;
      },
      { timeout: 10_000, message: `${what}: keyboard focus on the row` },
    );
  }
  await page.keyboard.press('Enter');
  // Closed, or already replaced by the picked command's own quick input
  // (Export… asks for a format at once): its box no longer holds the query.
  await waitFor(
    async () =>
      !(await quickInputVisible(page)) ||
      (await input.inputValue({ timeout: 1_000 }).catch(() => '')) !== query,
    { timeout: 10_000, message: `${what}: quick input to close` },
  );
}

async function activeTabLabel(page: Page): Promise<string | undefined> {
  const tab = page.locator('.part.editor .tabs-container .tab.active').first();
  if (!(await tab.count())) return undefined;
  const label = await tab.getAttribute('aria-label');
  return label ?? (await tab.innerText());
}

async function openFile(page: Page, relPath: string, opts: WaitOptions = {}): Promise<void> {
  const base = path.posix.basename(relPath.replace(/\\/g, '/'));
  const dir = path.posix.dirname(relPath.replace(/\\/g, '/'));
  await pickQuickInput(
    page,
    () => page.keyboard.press('Control+P'),
    relPath,
    (row) => row.label === base && (dir === '.' || row.text.includes(dir)),
    `Quick Open row for ${relPath}`,
    opts,
  );
  await waitFor(
    async () => {
      const label = await activeTabLabel(page);
      return (
        label !== undefined &&
        (label === base || label.startsWith(`${base},`) || label.startsWith(`${base} `))
      );
    },
    { message: `active editor tab ${base}`, ...opts },
  );
  // The editor is there once its text area exists.
  await waitFor(
    () => page.locator('.part.editor .editor-instance .monaco-editor').first().isVisible(),
    {
      message: `editor for ${base}`,
      ...opts,
    },
  );
}

async function runCommand(page: Page, label: string, opts: WaitOptions = {}): Promise<void> {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  await pickQuickInput(
    page,
    () => page.keyboard.press('F1'),
    `>${label}`,
    (row) => norm(row.ariaLabel) === norm(label) || norm(row.label) === norm(label),
    `command palette row "${label}"`,
    opts,
  );
}

async function readLanguageMode(page: Page): Promise<string | undefined> {
  const item = page.locator(`#${cssEscapeId('status.editor.mode')}`).first();
  if (!(await item.count()) || !(await item.isVisible())) return undefined;
  const text = (await item.innerText()).replace(/\s+/g, ' ').trim();
  return text || undefined;
}

async function languageModeLabel(page: Page, opts: WaitOptions = {}): Promise<string> {
  return waitFor(() => readLanguageMode(page), {
    timeout: 10_000,
    message: 'the status bar language indicator',
    ...opts,
  });
}

async function problemsCounts(page: Page): Promise<ProblemsCounts> {
  const item = page.locator(`#${cssEscapeId('status.problems')}`).first();
  const label =
    (await item.getAttribute('aria-label')) ??
    (await item.locator('[aria-label]').first().getAttribute('aria-label')) ??
    '';
  const count = (re: RegExp) => Number(re.exec(label)?.[1] ?? 0);
  return {
    errors: count(/Errors?:\s*(\d+)/i),
    warnings: count(/Warnings?:\s*(\d+)/i),
    infos: count(/Infos?:\s*(\d+)/i),
    label,
  };
}

async function problemsRows(page: Page, opts: WaitOptions = {}): Promise<string[]> {
  const panel = page.locator('.markers-panel').first();
  if (!(await panel.isVisible())) {
    await page.keyboard.press('Control+Shift+M');
    await waitFor(() => panel.isVisible(), {
      timeout: 10_000,
      message: 'the Problems panel',
      ...opts,
    });
  }
  const read = () =>
    page
      .locator('.markers-panel .monaco-list-row')
      .evaluateAll((rows) =>
        rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
      );
  // When the status bar counts problems, wait for the tree to render them.
  const counts = await problemsCounts(page);
  if (counts.errors + counts.warnings + counts.infos === 0) return read();
  return waitFor(
    async () => {
      const rows = await read();
      return rows.length > 0 ? rows : undefined;
    },
    { timeout: 10_000, message: 'rows in the Problems panel', ...opts },
  );
}

async function notifications(page: Page): Promise<string[]> {
  return page
    .locator('.notifications-toasts .notification-toast .notification-list-item-message')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
}

async function cursorPosition(page: Page): Promise<string | undefined> {
  const item = page.locator(`#${cssEscapeId('status.editor.selection')}`).first();
  if (!(await item.count())) return undefined;
  return (await item.innerText()).replace(/\s+/g, ' ').trim() || undefined;
}

async function gotoLine(
  page: Page,
  line: number,
  column: number | undefined,
  opts: WaitOptions = {},
): Promise<void> {
  const input = page.locator(`${QUICK_INPUT} .quick-input-box input`).first();
  // A webview that takes or gives back focus just then (a player opening or
  // closing) may keep the input from opening or close it again: it is opened
  // once more, three times at most.
  for (let attempt = 1; ; attempt++) {
    try {
      await closeQuickInput(page);
      await page.keyboard.press('Control+G');
      await waitFor(() => quickInputVisible(page), {
        timeout: 4_000,
        message: 'Go to Line input',
      });
      await input.fill(column === undefined ? `:${line}` : `:${line}:${column}`, {
        timeout: 3_000,
      });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      console.log(`      Go to Line ${line}: the input did not stay open; opened again`);
    }
  }
  await page.keyboard.press('Enter');
  const want =
    column === undefined ? new RegExp(`^Ln ${line},`) : new RegExp(`^Ln ${line}, Col ${column}\\b`);
  await waitFor(async () => want.test((await cursorPosition(page)) ?? ''), {
    timeout: 10_000,
    message: `cursor at ${line}:${column ?? ''}`,
    ...opts,
  });
}

const ACTION_WIDGET = '.action-widget';
const ACTION_ROWS = '.action-widget .monaco-list-row.action';

async function actionRows(page: Page): Promise<{ label: string; focused: boolean }[]> {
  return page.locator(ACTION_ROWS).evaluateAll((rows) =>
    rows.map((r) => ({
      label: (r.getAttribute('aria-label') ?? (r as HTMLElement).innerText).trim(),
      focused: r.classList.contains('focused'),
    })),
  );
}

async function openCodeActionMenu(page: Page, opts: WaitOptions): Promise<void> {
  if (!(await page.locator(ACTION_WIDGET).first().isVisible())) {
    await page.keyboard.press('Control+.');
  }
  await waitFor(async () => (await actionRows(page)).length > 0, {
    timeout: 10_000,
    message: 'the code action menu',
    ...opts,
  });
}

async function closeCodeActionMenu(page: Page): Promise<void> {
  if (await page.locator(ACTION_WIDGET).first().isVisible()) {
    await page.keyboard.press('Escape');
    await waitFor(async () => !(await page.locator(ACTION_WIDGET).first().isVisible()), {
      timeout: 5_000,
      message: 'the code action menu to close',
    });
  }
}

async function codeActions(page: Page, opts: WaitOptions = {}): Promise<string[]> {
  await openCodeActionMenu(page, opts);
  const labels = (await actionRows(page)).map((r) => r.label);
  await closeCodeActionMenu(page);
  return labels;
}

async function applyCodeAction(
  page: Page,
  label: string | RegExp,
  opts: WaitOptions = {},
): Promise<void> {
  const is = (text: string) => (typeof label === 'string' ? text === label : label.test(text));
  await openCodeActionMenu(page, opts);
  // A click right after the menu opens is swallowed by an overlay: move the
  // keyboard focus to the action and press Enter.
  const rows = await actionRows(page);
  const target = rows.findIndex((r) => is(r.label));
  if (target < 0) {
    await closeCodeActionMenu(page);
    throw new Error(
      `No code action ${String(label)}; found ${JSON.stringify(rows.map((r) => r.label))}`,
    );
  }
  for (let step = 0; step < rows.length; step++) {
    const now = await actionRows(page);
    const focused = now.findIndex((r) => r.focused);
    if (focused === target) break;
    await page.keyboard.press(focused < target ? 'ArrowDown' : 'ArrowUp');
  }
  const focusedRow = (await actionRows(page)).find((r) => r.focused);
  if (!focusedRow || !is(focusedRow.label)) {
    throw new Error(`Could not focus code action ${String(label)} (focused: ${focusedRow?.label})`);
  }
  await page.keyboard.press('Enter');
  await waitFor(async () => !(await page.locator(ACTION_WIDGET).first().isVisible()), {
    timeout: 10_000,
    message: 'the code action menu to close',
  });
}

async function goToSymbolRows(page: Page, opts: WaitOptions = {}): Promise<string[]> {
  await closeQuickInput(page);
  await page.keyboard.press('Control+Shift+O');
  await waitFor(() => quickInputVisible(page), { timeout: 10_000, message: 'Go to Symbol' });
  const names = await waitFor(
    async () => {
      const rows = await quickInputRowState(page);
      const labels = rows.map((r) => r.label).filter(Boolean);
      return labels.length > 0 ? labels : undefined;
    },
    { timeout: 10_000, message: 'Go to Symbol rows', ...opts },
  );
  await closeQuickInput(page);
  return names;
}

async function outlineRows(page: Page, opts: WaitOptions = {}): Promise<string[]> {
  const rowsLocator = page.locator('.outline-pane .monaco-list-row');
  if (!(await page.locator('.outline-pane').first().isVisible())) {
    await runCommand(page, 'Explorer: Focus on Outline View', opts);
  }
  return waitFor(
    async () => {
      const rows = await rowsLocator.evaluateAll((els) =>
        els.map((e) =>
          (e.querySelector('.label-name')?.textContent ?? (e as HTMLElement).innerText)
            .replace(/\s+/g, ' ')
            .trim(),
        ),
      );
      return rows.length > 0 ? rows : undefined;
    },
    { timeout: 10_000, message: 'Outline rows', ...opts },
  );
}

async function visibleEditorLines(page: Page): Promise<string[]> {
  const lines = await page
    .locator('.part.editor .editor-instance .view-lines .view-line')
    .evaluateAll((els) =>
      els.map((e) => ({
        top: parseFloat((e as HTMLElement).style.top) || 0,
        // Monaco renders spaces as non-breaking spaces.
        text: ((e as HTMLElement).textContent ?? '').replace(/\u00a0/g, ' '),
      })),
    );
  return lines.sort((a, b) => a.top - b.top).map((l) => l.text);
}
