/**
 * Runs the extension-host test suite (dist/test/extension.js, built by
 * `node scripts/build.mjs --tests`) and fails on a failed test, a missing
 * result file or a time-out.
 *
 *   node --import tsx test/extension/run.ts            # in code-server (offline)
 *   node --import tsx test/extension/run.ts --desktop  # in desktop VS Code (@vscode/test-electron)
 *
 * code-server: its CLI refuses VS Code's --extensionDevelopmentPath and
 * --extensionTestsPath, but its workbench takes both from the URL's payload and
 * hands them to the extension host, which runs the tests once headless Chromium
 * has opened the workbench; the workbench then calls the page's
 * codeAutomationExit(code).
 *
 * Desktop: VS Code from $VSCODE_EXECUTABLE, else the version @vscode/test-electron
 * downloads into .vscode-test/ ($VSCODE_VERSION, default stable), with a fresh
 * profile and workspace under .e2e/desktop-run/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DEFAULT_SETTINGS,
  e2eDir,
  repoRoot,
  scaleTimeout,
  startVSCode,
  type VSCodeSession,
} from '../e2e/harness';
import { RESULTS_ENV, reportResults } from './results';

const TESTS_BUNDLE = path.join('dist', 'test', 'extension.js');
/** The real episode beside the checkout; the suite skips its part when it is absent. */
const CORPUS_EPISODE = path.join('..', 'shared', 'corpus', 'egovernment-podcast-153.txt');

/** The workspace folder's files: the example, the real episode when present, empty settings. */
function workspaceFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {
    'episode.txt': fs.readFileSync(path.join(root, 'examples', 'episode.txt'), 'utf8'),
    '.vscode/settings.json': '{}\n',
  };
  const corpus = path.join(root, CORPUS_EPISODE);
  if (fs.existsSync(corpus)) files[path.basename(corpus)] = fs.readFileSync(corpus, 'utf8');
  else console.log(`note: ${CORPUS_EPISODE} is absent; the real-episode tests are skipped`);
  return files;
}

/** Resolves with the extension host's exit code, or rejects after `ms`. */
function exitSignal(ms: number): {
  exited: Promise<number>;
  onExit: (code: number) => void;
  cancel: () => void;
} {
  let onExit: (code: number) => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<number>((resolve, reject) => {
    onExit = resolve;
    timer = setTimeout(
      () => reject(new Error(`the extension tests did not finish within ${ms} ms`)),
      ms,
    );
  });
  return { exited, onExit, cancel: () => clearTimeout(timer) };
}

async function runInCodeServer(root: string, results: string): Promise<string[]> {
  // From the start of code-server to the end of the last test.
  const timeout = scaleTimeout(Number(process.env.EXTENSION_TESTS_TIMEOUT_MS) || 300_000);
  const signal = exitSignal(timeout);
  const problems: string[] = [];
  let vs: VSCodeSession | undefined;
  try {
    vs = await startVSCode({
      name: 'exthost',
      workspaceFiles: workspaceFiles(root),
      env: { [RESULTS_ENV]: results },
      waitForExtensionHost: false,
      payload: (authority) => [
        ['extensionDevelopmentPath', `vscode-remote://${authority}${root}`],
        ['extensionTestsPath', `vscode-remote://${authority}${path.join(root, TESTS_BUNDLE)}`],
      ],
      beforeOpen: async (page) => {
        // The extension host's console (mocha's spec output, console.log) reaches the page's.
        if (process.env.E2E_VERBOSE) page.on('console', (m) => console.log(`[page] ${m.text()}`));
        await page.exposeFunction('codeAutomationExit', signal.onExit);
      },
    });
    const code = await signal.exited;
    console.log(`extension host exited with code ${code}`);
    if (code !== 0) problems.push(`the extension host exited with code ${code}`);
    for (const error of vs.activationErrors()) problems.push(`activation error: ${error}`);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  } finally {
    signal.cancel();
    await vs?.stop();
  }
  return problems;
}

async function runInDesktop(root: string, results: string): Promise<string[]> {
  const { runTests } = await import('@vscode/test-electron');
  const scratch = path.join(e2eDir(), 'desktop-run');
  fs.rmSync(scratch, { recursive: true, force: true });
  const workspace = path.join(scratch, 'workspace');
  const userData = path.join(scratch, 'user-data');
  const files = {
    ...prefixed('workspace', workspaceFiles(root)),
    // VS Code's own save and open dialogs (quick inputs), which the API can drive.
    'user-data/User/settings.json': JSON.stringify(
      { ...DEFAULT_SETTINGS, 'files.simpleDialog.enable': true },
      null,
      2,
    ),
  };
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(scratch, rel)), { recursive: true });
    fs.writeFileSync(path.join(scratch, rel), content);
  }
  const timeout = scaleTimeout(600_000);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      runTests({
        vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
        version: process.env.VSCODE_VERSION || undefined,
        extensionDevelopmentPath: root,
        extensionTestsPath: path.join(root, TESTS_BUNDLE),
        extensionTestsEnv: { [RESULTS_ENV]: results },
        launchArgs: [
          workspace,
          '--disable-workspace-trust',
          `--user-data-dir=${userData}`,
          // An empty extensions folder: only the built-in extensions and ours.
          `--extensions-dir=${path.join(scratch, 'extensions')}`,
        ],
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`desktop VS Code did not finish within ${timeout} ms`)),
          timeout,
        );
      }),
    ]);
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  } finally {
    clearTimeout(timer);
  }
}

function prefixed(dir: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([rel, c]) => [path.join(dir, rel), c]));
}

async function main(): Promise<void> {
  const root = repoRoot();
  if (!fs.existsSync(path.join(root, TESTS_BUNDLE)))
    throw new Error(`${TESTS_BUNDLE} missing: run node scripts/build.mjs --tests`);
  const results = path.join(e2eDir(), 'extension-tests', `results-${process.pid}.json`);
  fs.rmSync(results, { force: true });
  const started = Date.now();
  const desktop = process.argv.includes('--desktop');
  const problems = desktop
    ? await runInDesktop(root, results)
    : await runInCodeServer(root, results);
  problems.unshift(...reportResults(results));
  fs.rmSync(results, { force: true });
  console.log(
    `extension-host tests (${desktop ? 'desktop VS Code' : 'code-server'}) took ${Math.round((Date.now() - started) / 1000)} s`,
  );
  if (problems.length) {
    console.error(`\nFAILED:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exitCode = 1;
  }
}

main().then(
  // After a time-out of the desktop run, VS Code may still be running: exit anyway.
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
