/**
 * `npm run bench`: the performance figures of the core, the server over the
 * protocol, its memory, the workspace index, the extension, a peer and the
 * server's browser build, each against a baseline measured in the same run.
 * See docs/performance.md.
 *
 *   node --import tsx bench/run.ts [--quick] [--json] [--only core,peer,...] [--package] [--warmup MS] [--from run.json]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { browserFigure } from './browser';
import { coreFigure, coreSink } from './core';
import { extensionFigure } from './extension';
import { lastChapterTitle, makeInputs, makeWorkspace, REPO, type Input } from './inputs';
import { peerFigure } from './peer';
import { protocolFigure, workspaceFigure } from './protocol';
import { render, targets, type Result } from './report';
import { round } from './stats';

/** Episodes in the workspace figure (`--episodes N` sets another count). */
const EPISODES = 500;

const SECTIONS = ['core', 'protocol', 'workspace', 'extension', 'peer', 'browser'] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  quick: boolean;
  json: boolean;
  only: Set<Section>;
  packageVsix: boolean;
  /** Episodes in the workspace figure. */
  episodes: number;
  /** Overrides the plan's warm-up before each core, protocol and browser loop (ms). */
  warmupMs?: number;
  /** Render the table of a saved `--json` run instead of measuring. */
  from?: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    quick: false,
    json: false,
    only: new Set(SECTIONS),
    packageVsix: false,
    episodes: EPISODES,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--json') o.json = true;
    else if (a === '--package') o.packageVsix = true;
    else if (a === '--episodes') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) usage('--episodes needs a whole number');
      o.episodes = n;
    } else if (a === '--warmup') {
      const ms = Number(argv[++i]);
      if (!Number.isFinite(ms) || ms < 0) usage('--warmup needs milliseconds');
      o.warmupMs = ms;
    } else if (a === '--from') o.from = argv[++i] ?? usage('--from needs a file');
    else if (a === '--only' || a.startsWith('--only=')) {
      const list = a === '--only' ? argv[++i] : a.slice('--only='.length);
      const names = (list ?? '').split(',').filter(Boolean);
      const bad = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
      if (bad.length || names.length === 0) usage(`unknown section ${bad.join(', ')}`);
      o.only = new Set(names as Section[]);
    } else if (a === '--help' || a === '-h') usage();
    else usage(`unknown option ${a}`);
  }
  return o;
}

function usage(problem?: string): never {
  const text = `usage: npm run bench -- [--quick] [--json] [--only ${SECTIONS.join(',')}] [--package] [--warmup MS] [--episodes N] [--from F]
  --quick    fewer repetitions (about a minute)
  --json     print one JSON object with every figure instead of the table
  --only     run only these sections (memory comes with protocol and workspace)
  --package  rebuild podcast-transcripts.vsix (npm run package) before measuring it
  --warmup MS  unmeasured calls for MS ms before each core, protocol and browser loop
             (default 2000, 1000 with --quick; 0 measures from the first calls)
  --episodes N  one-hour episodes in the workspace figure (default ${EPISODES})
  --from F   print the table of a run saved with --json in file F (measures nothing)`;
  if (problem) {
    process.stderr.write(`${problem}\n${text}\n`);
    process.exit(2);
  }
  process.stdout.write(`${text}\n`);
  process.exit(0);
}

/** Repetitions per section and input size; budgets cap each measured loop in milliseconds. */
function plan(quick: boolean) {
  return quick
    ? {
        core: { '1h': 40, '10h': 10, '100h': 3 } as Record<string, number>,
        coreBudget: 8_000,
        /** Unmeasured calls before each core and protocol loop (PairOptions.warmupMs). */
        warmupMs: 1_000,
        protocol: { '1h': 30, '10h': 10, '100h': 3 } as Record<string, number>,
        edits: { '1h': 30, '10h': 30, '100h': 20 } as Record<string, number>,
        open: { '1h': 5, '10h': 3, '100h': 2 } as Record<string, number>,
        protocolBudget: 8_000,
        workspaceReps: 15,
        extensionReps: 4,
        peer: { '1h': 150, '10h': 25, '100h': 3 } as Record<string, number>,
        peerBudget: 10_000,
      }
    : {
        core: { '1h': 200, '10h': 40, '100h': 8 } as Record<string, number>,
        coreBudget: 20_000,
        warmupMs: 2_000,
        protocol: { '1h': 100, '10h': 30, '100h': 6 } as Record<string, number>,
        // The edit loop apart: a p95 of six edits would be their slowest.
        edits: { '1h': 100, '10h': 100, '100h': 60 } as Record<string, number>,
        open: { '1h': 20, '10h': 8, '100h': 3 } as Record<string, number>,
        protocolBudget: 15_000,
        workspaceReps: 50,
        extensionReps: 10,
        // Enough pairs to span several seconds: a one-hour pair takes about
        // 3 ms, and 60 of them fell inside one burst of the machine's other load.
        peer: { '1h': 600, '10h': 100, '100h': 12 } as Record<string, number>,
        peerBudget: 25_000,
      };
}

// ---------------------------------------------------------------- the run

function gitState(): { commit: string; uncommitted: string[] } {
  const git = (...args: string[]) =>
    spawnSync('git', args, { cwd: REPO, encoding: 'utf8' }).stdout?.trimEnd() ?? '';
  return {
    commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    uncommitted: git('status', '--porcelain', '--', 'server', 'client', 'cli', 'scripts')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3)),
  };
}

/**
 * Rounds every number to 6 significant places for the JSON: enough that the
 * table printed from the file (`--from`, 3 places) shows what the run
 * printed; with 4, some figures rounded twice (12.747 → 12.75 → 12.8).
 */
function tidy(value: unknown): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Number.isInteger(value)) return value;
    const digits = Math.max(0, 5 - Math.floor(Math.log10(Math.abs(value))));
    return round(value, Math.min(digits, 8));
  }
  if (Array.isArray(value)) return value.map(tidy);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tidy(v)]));
  return value;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (o.from) {
    // `npm run bench -- --json > f` also catches npm's and the build's lines
    // before the JSON: read from the line that starts it.
    const saved = readFileSync(o.from, 'utf8');
    const json = saved.slice(Math.max(0, saved.search(/^\{/m)));
    process.stdout.write(`${render(JSON.parse(json) as Result)}\n`);
    return;
  }
  const started = performance.now();
  const log = (m: string) => {
    if (!o.json) process.stderr.write(`${m}\n`);
  };
  if (!existsSync(path.join(REPO, 'dist/server.js')))
    throw new Error('dist/server.js is missing: run `npm run build` first');
  const p = { ...plan(o.quick), ...(o.warmupMs !== undefined ? { warmupMs: o.warmupMs } : {}) };
  const { source, inputs } = makeInputs([1, 10, 100]);
  if (source.origin !== 'corpus') log(`note: ${source.note}`);
  const byName = new Map<string, Input>(inputs.map((i) => [i.name, i]));

  const result: Result = {
    quick: o.quick,
    warmupMs: p.warmupMs,
    environment: {
      date: new Date().toISOString(),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryGB: round(os.totalmem() / 2 ** 30, 1),
      loadAverage: os.loadavg().map((l) => round(l, 2)),
      ...gitState(),
    },
    source: source.note,
    sourceOrigin: source.origin,
    inputs: inputs.map((i) => ({ name: i.name, bytes: i.bytes, lines: i.lines })),
    core: [],
    protocol: [],
    peer: [],
    targets: [],
    seconds: 0,
  };

  if (o.only.has('core'))
    for (const input of inputs) {
      log(`core ${input.name}…`);
      result.core.push(await coreFigure(input, p.core[input.name], p.coreBudget, p.warmupMs));
    }
  if (o.only.has('peer'))
    for (const input of inputs) {
      for (const mode of ['version', 'edit'] as const) {
        log(`peer ${input.name} (${mode})…`);
        result.peer.push(await peerFigure(input, p.peer[input.name], p.peerBudget, mode));
      }
    }
  if (o.only.has('protocol'))
    for (const input of inputs) {
      log(`protocol ${input.name}…`);
      result.protocol.push(
        await protocolFigure(
          input,
          p.protocol[input.name],
          p.edits[input.name],
          p.open[input.name],
          p.protocolBudget,
          p.warmupMs,
        ),
      );
    }
  if (o.only.has('workspace')) {
    const one = byName.get('1h')!;
    log(`workspace: writing ${o.episodes} episodes…`);
    const ws = makeWorkspace(one.text, o.episodes);
    try {
      log('workspace: indexing…');
      result.workspace = await workspaceFigure(
        ws.dir,
        o.episodes,
        one.bytes * o.episodes,
        lastChapterTitle(one.text),
        p.workspaceReps,
        p.protocolBudget,
      );
    } finally {
      ws.remove();
    }
  }
  if (o.only.has('extension')) {
    log('extension…');
    result.extension = await extensionFigure(p.extensionReps, p.protocolBudget, o.packageVsix);
  }
  if (o.only.has('browser')) {
    // The same loop as the protocol figure's 1h edit, on the one-hour episode.
    log('browser…');
    result.browser = await browserFigure(
      byName.get('1h')!,
      p.protocol['1h'],
      p.protocolBudget,
      p.warmupMs,
      log,
    );
    if (result.browser.skipped) log(`browser: skipped: ${result.browser.skipped}`);
  }

  result.targets = targets(result);
  result.seconds = (performance.now() - started) / 1000;
  if (coreSink() === -1) log('');
  if (o.json) process.stdout.write(`${JSON.stringify(tidy(result))}\n`);
  else process.stdout.write(`${render(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(
    `bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
});
