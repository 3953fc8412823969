/** Small helpers for the reliability tests: deadlines, process memory, report lines. */
import { readFileSync } from 'node:fs';

export const SCALE = Number(process.env.RELIABILITY_TIME_SCALE ?? 1);

export class Timeout extends Error {}

/** Resolves with the value and how long it took, or rejects with Timeout after `ms`. */
export async function within<T>(
  work: Promise<T>,
  ms: number,
  what: string,
): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Timeout(`${what}: no answer within ${fmt(ms)}`)), ms);
      }),
    ]);
    return { value, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** Resident and peak resident memory of a process, in MB, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

export const fmt = (ms: number) =>
  ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
