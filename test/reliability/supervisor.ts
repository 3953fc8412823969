/**
 * Runs core work in a worker thread under a hard deadline. Mocha cannot stop
 * a synchronous loop in its own thread; a worker can be terminated, so a hang
 * becomes a failing test (naming the last input seen) instead of a stuck CI
 * job. The worker's old generation can be capped, so runaway memory becomes
 * a failure too.
 */
import * as path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

const TSX_CJS = require.resolve('tsx/cjs');
const ENTRY = path.join(__dirname, 'worker.ts');

export type TaskOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly ms: number }
  | {
      readonly ok: false;
      readonly reason: 'timeout' | 'crash' | 'error';
      readonly message: string;
      readonly ms: number;
      /** The last progress the task reported (for a property: the input being tried). */
      readonly lastProgress?: unknown;
    };

interface Message {
  id: number;
  type: 'progress' | 'done' | 'error';
  data?: unknown;
  message?: string;
}

export class Supervisor {
  private worker: Worker | undefined;
  private nextId = 1;

  constructor(private readonly resourceLimits?: ResourceLimits) {}

  private start(): Worker {
    const code = `require(${JSON.stringify(TSX_CJS)}); require(${JSON.stringify(ENTRY)});`;
    const worker = new Worker(code, { eval: true, resourceLimits: this.resourceLimits });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Runs `task` in the worker; after a timeout or crash the worker is replaced. */
  run<T>(task: string, args: unknown, deadlineMs: number): Promise<TaskOutcome<T>> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    const started = performance.now();
    return new Promise((resolve) => {
      let lastProgress: unknown;
      const finish = (outcome: TaskOutcome<T>, kill: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (kill) {
          this.worker = undefined;
          void worker.terminate();
        }
        resolve(outcome);
      };
      const ms = () => performance.now() - started;
      const onMessage = (m: Message) => {
        if (m.id !== id) return;
        if (m.type === 'progress') lastProgress = m.data;
        else if (m.type === 'done') finish({ ok: true, value: m.data as T, ms: ms() }, false);
        else
          finish(
            { ok: false, reason: 'error', message: m.message ?? '', ms: ms(), lastProgress },
            false,
          );
      };
      const onError = (e: Error) =>
        finish(
          {
            ok: false,
            reason: 'crash',
            message: `${(e as { code?: string }).code ?? ''} ${e.stack ?? e.message}`,
            ms: ms(),
            lastProgress,
          },
          true,
        );
      const onExit = (code: number) =>
        finish(
          {
            ok: false,
            reason: 'crash',
            message: `worker exited with code ${code}`,
            ms: ms(),
            lastProgress,
          },
          true,
        );
      const timer = setTimeout(
        () =>
          finish(
            {
              ok: false,
              reason: 'timeout',
              message: `did not finish within ${deadlineMs} ms`,
              ms: ms(),
              lastProgress,
            },
            true,
          ),
        deadlineMs,
      );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, task, args });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
