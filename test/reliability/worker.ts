/** The worker side of supervisor.ts: runs named tasks and reports progress. */
import { parentPort } from 'node:worker_threads';
import { prepareHostile, runHostilePhase } from './hostileCore';
import { runProperty } from './properties';

type Progress = (data: unknown) => void;

const TASKS: Record<string, (args: never, progress: Progress) => unknown> = {
  property: runProperty,
  hostile: runHostilePhase,
  'hostile-prepare': prepareHostile,
};

parentPort!.on('message', (m: { id: number; task: string; args: never }) => {
  const progress: Progress = (data) =>
    parentPort!.postMessage({ id: m.id, type: 'progress', data });
  try {
    const task = TASKS[m.task];
    if (!task) throw new Error(`unknown task ${m.task}`);
    parentPort!.postMessage({ id: m.id, type: 'done', data: task(m.args, progress) });
  } catch (e) {
    parentPort!.postMessage({
      id: m.id,
      type: 'error',
      message: e instanceof Error ? (e.stack ?? e.message) : String(e),
    });
  }
});
