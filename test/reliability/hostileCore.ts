/**
 * The hostile corpus in the core, one phase at a time, inside a worker (see
 * supervisor.ts): the input is built once per worker, then each phase is
 * timed and the heap it leaves behind (its result still referenced) is
 * measured against the heap after building the input.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import {
  analyze,
  applyEdits,
  completions,
  definition,
  DEFAULT_SETTINGS,
  fixAllEdits,
  foldingRanges,
  hover,
  outline,
  parse,
  prepareRename,
  references,
  selectionRanges,
  semanticTokens,
  shiftTimestamps,
  statistics,
  statisticsMarkdown,
  type Analysis,
  type Position,
  type TranscriptModel,
} from '../../server/src/core';
import { HOSTILE } from './gen';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

export const PHASES = ['analyze', 'outline', 'fixAll', 'statistics', 'queries', 'shift'] as const;
export type Phase = (typeof PHASES)[number];

export interface PhaseResult {
  readonly ms: number;
  /** Heap growth over the input alone, in MB, with the phase's result alive. */
  readonly heapGrowthMb: number;
  readonly detail: string;
}

let cache:
  | {
      name: string;
      text: string;
      baseline: number;
      model?: TranscriptModel;
      analysis?: Analysis;
      kept: unknown[];
    }
  | undefined;

function input(name: string) {
  if (cache?.name !== name) {
    cache = undefined;
    const def = HOSTILE.find((h) => h.name === name);
    if (!def) throw new Error(`no hostile input '${name}'`);
    const text = def.text();
    gc();
    cache = { name, text, baseline: process.memoryUsage().heapUsed, kept: [] };
  }
  return cache;
}

function positionsOf(model: TranscriptModel): Position[] {
  const last = model.text.lineCount - 1;
  const out: Position[] = [
    { line: 0, character: 0 },
    { line: last >> 1, character: 1 },
    { line: last, character: model.text.lineLength(last) },
  ];
  if (model.labels[0]) out.push(model.labels[0].nameRange.start);
  if (model.stamps[0]) out.push({ line: model.stamps[0].line, character: 1 });
  const entry = model.chapters[model.chapters.length - 1];
  if (entry) out.push(entry.titleRange.start);
  const heading = model.headings[model.headings.length - 1];
  if (heading) out.push(heading.range.start);
  return out;
}

/** Builds the input (and its model or analysis) before a phase is timed. */
export function prepareHostile(args: { input: string; needs: 'text' | 'model' | 'analysis' }): {
  chars: number;
  ms: number;
} {
  const t0 = performance.now();
  const c = input(args.input);
  if (args.needs === 'analysis') c.analysis ??= analyze(c.text, DEFAULT_SETTINGS);
  if (args.needs === 'model' && !c.analysis) c.model ??= parse(c.text);
  return { chars: c.text.length, ms: performance.now() - t0 };
}

export function runHostilePhase(args: { input: string; phase: Phase }): PhaseResult {
  const c = input(args.input);
  const model = () => c.analysis?.model ?? (c.model ??= parse(c.text));
  let detail = '';
  const started = performance.now();
  let ms: number;
  switch (args.phase) {
    case 'analyze': {
      c.analysis = analyze(c.text, DEFAULT_SETTINGS);
      ms = performance.now() - started;
      detail = `${c.analysis.model.text.lineCount} lines, ${c.analysis.findings.length} findings`;
      break;
    }
    case 'outline': {
      const m = model();
      const t0 = performance.now();
      const nodes = outline(m);
      const tokens = semanticTokens(m);
      const folds = foldingRanges(m, nodes);
      ms = performance.now() - t0;
      c.kept.push(nodes, tokens, folds);
      detail = `${nodes.length} top symbols, ${tokens.length} tokens, ${folds.length} folds`;
      break;
    }
    case 'fixAll': {
      const a = c.analysis;
      if (!a) throw new Error('fixAll needs the analysis: prepare it first');
      const t0 = performance.now();
      const { edits } = fixAllEdits(a.findings);
      const fixed = applyEdits(c.text, edits);
      ms = performance.now() - t0;
      c.kept.push(edits);
      detail = `${edits.length} edits, text ${fixed.length - c.text.length >= 0 ? '+' : ''}${fixed.length - c.text.length} chars`;
      break;
    }
    case 'statistics': {
      const m = model();
      const t0 = performance.now();
      const s = statistics(m);
      const md = statisticsMarkdown(s, args.input);
      ms = performance.now() - t0;
      c.kept.push(s);
      detail = `${s.speakers.length} speakers, ${s.chapters.length} chapters, ${md.length} chars of Markdown`;
      break;
    }
    case 'queries': {
      const m = model();
      const positions = positionsOf(m);
      const t0 = performance.now();
      let answers = 0;
      for (const p of positions) {
        if (hover(m, p)) answers++;
        answers += selectionRanges(m, p).length;
        answers += completions(m, p, DEFAULT_SETTINGS).length;
        if (definition(m, p)) answers++;
        answers += references(m, p).length;
        if (prepareRename(m, p).ok) answers++;
      }
      ms = performance.now() - t0;
      detail = `hover, selection ranges, completion, definition, references, prepareRename at ${positions.length} positions`;
      void answers;
      break;
    }
    case 'shift': {
      const m = model();
      const t0 = performance.now();
      const r = shiftTimestamps(m, 60, { fromSeconds: 0 });
      if (r.ok) c.kept.push(applyEdits(c.text, r.edits));
      ms = performance.now() - t0;
      detail = r.ok ? `${r.stamps} stamps, ${r.chapters} chapter times` : r.message.slice(0, 80);
      break;
    }
  }
  gc();
  const heapGrowthMb = (process.memoryUsage().heapUsed - c.baseline) / 2 ** 20;
  return { ms, heapGrowthMb, detail };
}
