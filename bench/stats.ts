/**
 * Timing and statistics. Every headline figure is measured interleaved with a
 * baseline: each repetition runs the baseline and the subject back to back
 * (by default alternating which goes first; see PairOptions.alternate), so
 * both see the same machine load, and the
 * ratio is taken per pair before its median is taken.
 */

export interface Summary {
  readonly n: number;
  readonly median: number;
  /** Nearest-rank 95th percentile (with fewer than 20 samples, the maximum). */
  readonly p95: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { n: 0, median: NaN, p95: NaN, min: NaN, max: NaN, mean: NaN };
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  const p95 = s[Math.min(n - 1, Math.ceil(0.95 * n) - 1)];
  return { n, median, p95, min: s[0], max: s[n - 1], mean: s.reduce((a, b) => a + b, 0) / n };
}

export interface Paired {
  /** Milliseconds of the subject. */
  readonly subject: Summary;
  /** Milliseconds of the baseline. */
  readonly baseline: Summary;
  /** subject / baseline, per interleaved pair. */
  readonly ratio: Summary;
}

export interface PairOptions {
  readonly reps: number;
  /** Unmeasured pairs first (JIT warm-up, caches). */
  readonly warmup?: number;
  /**
   * Go on with unmeasured pairs until this many milliseconds have passed (at
   * least `warmup` pairs): V8 optimises a function only after many calls, and
   * a few hundred calls of a long one are not enough, so a count alone would
   * measure code still partly unoptimised.
   */
  readonly warmupMs?: number;
  /** Stop early once this many milliseconds have been spent measuring (after at least `minReps`). */
  readonly budgetMs?: number;
  readonly minReps?: number;
  /**
   * Alternate which side goes first in each pair (the default). Off, the
   * sides strictly take turns (baseline, subject, baseline, ...): each call
   * follows one of the other side, as the peer's processes need, since a
   * call right after its own side's last one finds its caches warm.
   */
  readonly alternate?: boolean;
}

type Timed = () => number | Promise<number>;

/** Wall time of one synchronous call, in milliseconds. */
export function timeSync(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** Wall time of one asynchronous call, in milliseconds. */
export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/**
 * Runs baseline and subject alternately. Each function returns the
 * milliseconds it measured itself, so it can leave set-up out.
 */
export async function interleave(
  baseline: Timed,
  subject: Timed,
  options: PairOptions,
): Promise<Paired> {
  const { reps, warmup = 0, warmupMs = 0, budgetMs = Infinity, alternate = true } = options;
  const minReps = options.minReps ?? Math.min(reps, 5);
  const warming = performance.now();
  for (let i = 0; i < warmup || performance.now() - warming < warmupMs; i++) {
    await baseline();
    await subject();
  }
  const b: number[] = [];
  const s: number[] = [];
  const r: number[] = [];
  const started = performance.now();
  for (let i = 0; i < reps; i++) {
    let tb: number;
    let ts: number;
    if (i % 2 === 0 || !alternate) {
      tb = await baseline();
      ts = await subject();
    } else {
      ts = await subject();
      tb = await baseline();
    }
    b.push(tb);
    s.push(ts);
    r.push(ts / Math.max(tb, 1e-3));
    if (i + 1 >= minReps && performance.now() - started > budgetMs) break;
  }
  return { subject: summarize(s), baseline: summarize(b), ratio: summarize(r) };
}

export function round(x: number, digits = 2): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A figure for the table: few significant digits, whatever the magnitude. */
export function fmt(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return '∞';
  const a = Math.abs(x);
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toFixed(3);
}
