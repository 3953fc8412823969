/**
 * `npm start`: try the packaged extension in VS Code in your own browser.
 *
 *   npm start                  # = npm run package && node --import tsx scripts/start.ts
 *   PORT=9000 npm start        # another port (default 8080)
 *
 * Installs code-server with test/e2e/setup.sh when it is not there yet,
 * starts it on 127.0.0.1 with a fresh profile and podcast-transcripts.vsix
 * installed, on a workspace that is a copy of examples/ (so edits never touch
 * the shipped example), and prints the URL to open, which opens episode.txt
 * (its audio, episode.ogg, is found when the player opens). It launches no
 * browser.
 * Ctrl-C (or SIGTERM) stops code-server and everything it started, and
 * removes the run folder (.e2e/runs/start-*) with the copy.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import {
  codeServerArgs,
  codeServerEntry,
  createRunDir,
  DEFAULT_SETTINGS,
  e2eDir,
  killProcessGroup,
  installVsix,
  repoRoot,
  spawnCodeServer,
  waitFor,
  WaitAbort,
  writeCodeServerConfig,
  type RunDir,
} from '../test/e2e/harness.js';

const DEFAULT_PORT = 8080;

function log(message: string): void {
  console.log(message);
}

/** The marker test/e2e/setup.sh writes once code-server is installed for this Node. */
function wantedMarker(root: string): string {
  const pinDir = path.join(root, 'test', 'e2e', 'code-server');
  const pkg = fs.readFileSync(path.join(pinDir, 'package.json'));
  const lock = fs.readFileSync(path.join(pinDir, 'package-lock.json'));
  const version = (JSON.parse(pkg.toString()) as { dependencies: Record<string, string> })
    .dependencies['code-server'];
  const sum = crypto.createHash('sha256').update(pkg).update(lock).digest('hex').slice(0, 16);
  return `code-server ${version} lock ${sum} node ${process.version}`;
}

/** Runs test/e2e/setup.sh unless code-server is already installed as it would install it. */
function ensureCodeServer(root: string): void {
  const marker = path.join(e2eDir(), 'code-server', '.e2e-installed');
  let installed = '';
  try {
    installed = fs.readFileSync(marker, 'utf8').trim();
    codeServerEntry();
  } catch {
    installed = '';
  }
  if (installed === wantedMarker(root)) return;
  log('code-server is not installed yet: running test/e2e/setup.sh (about a minute)…');
  const result = spawnSync('bash', [path.join(root, 'test', 'e2e', 'setup.sh')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`test/e2e/setup.sh failed (exit ${result.status})`);
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT=${raw} is not a port number`);
  }
  return port;
}

/** Fails early, with a clear message, when the port is taken. */
function checkPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on 127.0.0.1 is in use: stop what uses it, or set PORT=…`)
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** Our processes: those whose command line mentions the run folder. */
function processesOf(run: RunDir): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.replace(/\0/g, ' ').includes(run.root)) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

function tail(file: string, max = 3_000): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.length > max ? text.slice(-max) : text;
  } catch {
    return '';
  }
}

async function main(): Promise<void> {
  const root = repoRoot();
  const port = parsePort(process.env.PORT);
  const vsix = path.join(root, 'podcast-transcripts.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package first`);
  ensureCodeServer(root);
  const entry = codeServerEntry();
  await checkPortFree(port);

  const run = createRunDir('start');
  // This script removes the folder itself, after code-server has stopped.
  run.keep();
  let child: ChildProcess | undefined;
  let stopping: Promise<void> | undefined;

  const stop = (why: string, code: number): Promise<void> =>
    (stopping ??= (async () => {
      if (why) log(`\n${why}: stopping code-server…`);
      if (child?.pid) await killProcessGroup(child.pid).catch(() => undefined);
      for (const pid of processesOf(run)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
      run.remove();
      log('Stopped.');
      process.exit(code);
    })());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) {
        // A second Ctrl-C: do not wait for the grace period.
        if (child?.pid) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // gone
          }
        }
        return;
      }
      void stop(signal, 0);
    });
  }

  try {
    const workspace = path.join(run.root, 'workspace');
    const userData = path.join(run.root, 'user-data');
    const extensions = path.join(run.root, 'extensions');
    const config = path.join(run.root, 'code-server.yaml');
    const logFile = path.join(run.root, 'code-server.log');
    fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    fs.mkdirSync(extensions, { recursive: true });
    fs.writeFileSync(
      path.join(userData, 'User', 'settings.json'),
      JSON.stringify({ ...DEFAULT_SETTINGS, 'workbench.startupEditor': 'none' }, null, 2),
    );
    writeCodeServerConfig(config, port);
    const baseArgs = codeServerArgs(entry, config, userData, extensions);

    log(`Installing ${path.basename(vsix)} into a fresh profile…`);
    await installVsix(baseArgs, vsix, run, 120_000);
    child = spawnCodeServer(baseArgs, workspace, run, logFile);
    let exited: string | undefined;
    child.on('exit', (code, signal) => {
      exited = `exit code ${code}, signal ${signal}`;
      if (!stopping) {
        console.error(`code-server stopped by itself (${exited}):\n${tail(logFile)}`);
        void stop('', 1);
      }
    });

    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => {
        if (exited) throw new WaitAbort(`code-server exited (${exited})`);
        const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) });
        return response.ok;
      },
      { timeout: 60_000, interval: 200, message: `code-server on ${base}` },
    );
    log('');
    log('VS Code (code-server) with the Podcast Transcripts extension is running. Open:');
    log('');
    // The workbench opens episode.txt at once (its audio, episode.ogg, is found by name
    // when the player opens).
    const payload = [['openFile', `vscode-remote://127.0.0.1:${port}${workspace}/episode.txt`]];
    log(
      `  ${base}/?folder=${encodeURI(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    log('');
    log(
      'The workspace is a copy of examples/ and goes when you stop. episode.txt opens by itself;',
    );
    log('"Transcript: Open Player" (the ▷ button) plays episode.ogg along with it.');
    log(`code-server's log: ${path.relative(root, logFile)}`);
    log('Press Ctrl-C to stop.');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop('', 1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
