/**
 * Figure 6: a peer in the same run. VS Code's own Markdown language service
 * (vscode-markdown-languageservice, the engine behind VS Code's Markdown
 * outline and link diagnostics) on the same transcript written as Markdown,
 * against our core on the transcript, interleaved.
 *
 * Both sides do the work an editor asks for after an edit: the outline
 * (document symbols) and the diagnostics, for a new document version (see
 * bench/peerSides.ts). Each side runs in a process of its own
 * (bench/peerWorker.ts), so that neither pays for the other's garbage; this
 * process has them take turns and each times its own call. The worker runs
 * as an esbuild bundle built as `npm run build` builds dist/server.js: each
 * side's code bundled, as it ships (ours in the server bundle, theirs in VS
 * Code's bundled Markdown server), not module by module as the TypeScript
 * loader runs the sources.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { buildSync } from 'esbuild';
import * as path from 'node:path';
import { REPO, toMarkdown, type Input } from './inputs';
import type { PeerMode, Side, WorkerReply } from './peerSides';
import { interleave, type Paired } from './stats';

export interface PeerFigure {
  readonly input: string;
  /**
   * 'version': each call a new version of the same text (a full analysis);
   * 'edit': the next text of an edit loop, ours analysed from the previous
   * analysis as the server does (absent in runs before it: 'version').
   */
  readonly mode?: PeerMode;
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
      logLevel: 'warning',
      // As scripts/build.mjs: ES modules first, since jsonc-parser's UMD build
      // (which the server's roster reading brings in) loads its parts with a
      // require() that a bundle cannot resolve.
      mainFields: ['module', 'main'],
    });
    workerScript = outfile;
  }
  return workerScript;
}

/** A side in a process of its own, generating the same input from the same source. */
class Worker {
  private readonly proc: ChildProcess;
  private pending: { resolve: (r: WorkerReply) => void; reject: (e: Error) => void } | undefined;
  private failed: Error | undefined;

  constructor(side: Side, hours: number, mode: PeerMode) {
    this.proc = fork(peerWorkerScript(), [side, String(hours), mode], {
      cwd: REPO,
      execArgv: [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.proc.on('message', (r: WorkerReply) => {
      const p = this.pending;
      this.pending = undefined;
      p?.resolve(r);
    });
    this.proc.on('exit', (code) => {
      this.failed = new Error(`the ${side} peer worker exited with ${code}`);
      // A call waiting for it fails now, not at its timeout.
      const p = this.pending;
      this.pending = undefined;
      p?.reject(this.failed);
    });
  }

  run(cmd: 'run' | 'warm' | 'headings' = 'run'): Promise<WorkerReply> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('peer worker timed out')), 300_000);
      this.pending = {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
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
  mode: PeerMode = 'version',
): Promise<PeerFigure> {
  const ours = new Worker('ours', input.hours, mode);
  const theirs = new Worker('theirs', input.hours, mode);
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
      mode,
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
