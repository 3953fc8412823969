/**
 * Figure 1: the core in-process. `analyze(text)` (parse plus every finding)
 * against a floor measured in the same loop: one pass that splits the text
 * into lines and tests one regular expression per line.
 */
import {
  analyze,
  analyzeEdited,
  applyChange,
  changedSpan,
  LineIndex,
  outline,
  parse,
  type Analysis,
} from '../server/src/core';
import { exportTranscript } from '../server/src/core/formats/export';
import { toOtter, type Input } from './inputs';
import { editPlace } from './protocol';
import { interleave, summarize, type Paired } from './stats';

const LINE_BREAK = /\r\n|\r|\n/;
const STAMP = /^\[\d+:\d\d\]/;

/** The floor: split into lines, one regular expression per line. */
export function floor(text: string): number {
  let n = 0;
  for (const line of text.split(LINE_BREAK)) if (STAMP.test(line)) n++;
  return n;
}

export interface CoreFigure {
  readonly input: string;
  readonly bytes: number;
  /** analyze(text) against the floor. */
  readonly analyze: Paired;
  /** MB/s (10^6 bytes of UTF-8 per second) at the median. */
  readonly analyzeMBps: number;
  readonly floorMBps: number;
  /** CPU milliseconds of this process per analyze (median): less sensitive to other load. */
  readonly analyzeCpuMs: number;
  readonly findings: number;
  /** Where the time goes: parse alone, and the outline of a parsed model, each against the floor. */
  readonly parse: Paired;
  readonly outline: Paired;
  /**
   * The analysis of an edit as the server makes it, `analyzeEdited` from the
   * previous text's analysis, against `analyze` of the same text: the
   * protocol's edit loop (an `x` inserted and deleted in turn), in process.
   */
  readonly edit: Paired;
  /**
   * The same edit loop in the input exported as WebVTT and as SRT (an `x`
   * at the end of a cue's text line past the middle), and written in Otter's
   * layout (`toOtter`; an `x` at the end of a header's first text line):
   * `analyzeEdited` against `analyze`, each read as its file name says.
   */
  readonly cueEdits?: readonly {
    readonly format: 'vtt' | 'srt' | 'otter';
    readonly bytes: number;
    readonly edit: Paired;
  }[];
}

/**
 * A cue file's edit loop: the text without and with an `x` at the end of the
 * first text line of a cue (the line after a timing line) past the middle;
 * in Otter's layout (`otter`), of the first line of text after a header.
 */
export function cueEditTexts(text: string, otter = false): readonly [string, string] {
  const lines = text.split('\n');
  const heads = otter
    ? (l: string) => /^\S.* {2}[\d:.]+\r?$/.test(l)
    : (l: string) => l.includes('-->');
  let line = Math.floor(lines.length / 2);
  while (line < lines.length - 1 && !(heads(lines[line - 1]) && lines[line].trim())) line++;
  const edited = lines.slice();
  edited[line] = edited[line].replace(/\r?$/, (eol) => `x${eol}`);
  return [text, edited.join('\n')];
}

/**
 * `analyzeEdited` against `analyze` on the edit loop of `texts`, read with
 * `context`: the edit sent as the server gets it (`loopChange`), the full
 * analysis reading the same texts as strings.
 */
async function editPairOf(
  texts: readonly [string, string],
  context: { fileName?: string },
  options: Parameters<typeof interleave>[2],
): Promise<Paired> {
  let previous = analyze(texts[0], undefined, context);
  const next = loopChange(texts);
  let step = 0;
  return interleave(
    () => {
      const t = performance.now();
      sink += analyze(texts[(step + 1) % 2], undefined, context).findings.length;
      return performance.now() - t;
    },
    () => {
      const t = performance.now();
      previous = analyzeEdited(previous, next(previous, ++step), undefined, context);
      const ms = performance.now() - t;
      sink += previous.findings.length;
      return ms;
    },
    options,
  );
}

/**
 * The edit loop of `texts` (the second has one character more) as the
 * server gets it: step `n` (from 1) inserts the character into the previous
 * analysis's text when odd and deletes it when even, a range change of its
 * `LineIndex` (`applyChange`).
 */
export function loopChange(
  texts: readonly [string, string],
): (previous: Analysis, step: number) => LineIndex {
  const change = changedSpan(texts[0], texts[1]);
  if (!change || change.afterEnd - change.start !== 1 || change.beforeEnd !== change.start)
    throw new Error('the edit loop must insert one character');
  const at = new LineIndex(texts[0]).positionAt(change.start);
  const inserted = texts[1].charAt(change.start);
  const after = { ...at, character: at.character + 1 };
  return (previous, step) =>
    step % 2 === 1
      ? applyChange(previous.model.text, { start: at, end: at }, inserted)
      : applyChange(previous.model.text, { start: at, end: after }, '');
}

/** The edit loop's two texts (bench/protocol.ts `editPlace`): without and with the `x`. */
export function editTexts(text: string): readonly [string, string] {
  const place = editPlace(text);
  const index = new LineIndex(text);
  const at = index.lineStart(place.emptyLine);
  const base = `${text.slice(0, at)}${index.eol}${text.slice(at)}`;
  const x = new LineIndex(base).lineStart(place.line) + place.column;
  return [base, `${base.slice(0, x)}x${base.slice(x)}`];
}

let sink = 0;

export async function coreFigure(
  input: Input,
  reps: number,
  budgetMs: number,
  /** Unmeasured pairs of floor and subject first, for this long (see PairOptions.warmupMs). */
  warmupMs = 0,
): Promise<CoreFigure> {
  const { text } = input;
  const timeFloor = () => {
    const t = performance.now();
    sink += floor(text);
    return performance.now() - t;
  };
  const cpu: number[] = [];
  let findings = 0;
  const warmup = Math.min(3, reps);
  const analyzePair = await interleave(
    timeFloor,
    () => {
      const c = process.cpuUsage();
      const t = performance.now();
      const a = analyze(text);
      const ms = performance.now() - t;
      const d = process.cpuUsage(c);
      cpu.push((d.user + d.system) / 1000);
      findings = a.findings.length;
      return ms;
    },
    { reps, warmup, warmupMs, budgetMs },
  );
  const analyzeCpu = summarize(cpu.slice(cpu.length - analyzePair.subject.n));
  const side = Math.max(3, Math.ceil(reps / 3));
  const parsePair = await interleave(
    timeFloor,
    () => {
      const t = performance.now();
      sink += parse(text).labels.length;
      return performance.now() - t;
    },
    { reps: side, warmup: 1, warmupMs: warmupMs / 4, budgetMs: budgetMs / 3 },
  );
  const model = parse(text);
  const outlinePair = await interleave(
    timeFloor,
    () => {
      // A copy of the model each time: the outline is kept per model.
      const copy = { ...model };
      const t = performance.now();
      sink += outline(copy).length;
      return performance.now() - t;
    },
    { reps: side, warmup: 1, warmupMs: warmupMs / 4, budgetMs: budgetMs / 3 },
  );
  const editPair = await editPairOf(editTexts(text), {}, { reps, warmup, warmupMs, budgetMs });
  const cueEdits = [];
  for (const format of ['vtt', 'srt', 'otter'] as const) {
    const exported =
      format === 'otter'
        ? { ok: true as const, content: toOtter(text) }
        : exportTranscript(text, format, { force: true });
    if (!exported.ok) continue;
    const cueReps = Math.max(3, Math.ceil(reps / 2));
    cueEdits.push({
      format,
      bytes: Buffer.byteLength(exported.content),
      edit: await editPairOf(
        cueEditTexts(exported.content, format === 'otter'),
        { fileName: `episode.${format === 'otter' ? 'txt' : format}` },
        { reps: cueReps, warmup, warmupMs: warmupMs / 2, budgetMs: budgetMs / 2 },
      ),
    });
  }
  const mbps = (ms: number) => input.bytes / 1e6 / (ms / 1000);
  return {
    input: input.name,
    bytes: input.bytes,
    analyze: analyzePair,
    analyzeMBps: mbps(analyzePair.subject.median),
    floorMBps: mbps(analyzePair.baseline.median),
    analyzeCpuMs: analyzeCpu.median,
    findings,
    parse: parsePair,
    outline: outlinePair,
    edit: editPair,
    cueEdits,
  };
}

/** Keeps the optimiser from dropping the measured calls. */
export function coreSink(): number {
  return sink;
}
