/**
 * `npm run bench`: the performance figures of the core, the server over the
 * protocol, its memory, the workspace index, the extension and a peer, each
 * against a baseline measured in the same run. See docs/performance.md.
 *
 *   node --import tsx bench/run.ts [--quick] [--json] [--only core,peer,...] [--package] [--from run.json]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { coreFigure, coreSink, type CoreFigure } from './core';
import { extensionFigure, type ExtensionFigure } from './extension';
import { lastChapterTitle, makeInputs, makeWorkspace, REPO, type Input } from './inputs';
import { peerFigure, type PeerFigure } from './peer';
import {
  protocolFigure,
  workspaceFigure,
  type Op,
  type ProtocolFigure,
  type WorkspaceFigure,
} from './protocol';
import { fmt, round, type Paired } from './stats';

const SECTIONS = ['core', 'protocol', 'workspace', 'extension', 'peer'] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  quick: boolean;
  json: boolean;
  only: Set<Section>;
  packageVsix: boolean;
  /** Overrides the plan's warm-up before each core and protocol loop (ms). */
  warmupMs?: number;
  /** Render the table of a saved `--json` run instead of measuring. */
  from?: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { quick: false, json: false, only: new Set(SECTIONS), packageVsix: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--json') o.json = true;
    else if (a === '--package') o.packageVsix = true;
    else if (a === '--warmup') {
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
  const text = `usage: npm run bench -- [--quick] [--json] [--only ${SECTIONS.join(',')}] [--package]
  --quick    fewer repetitions (about a minute)
  --json     print one JSON object with every figure instead of the table
  --only     run only these sections (memory comes with protocol and workspace)
  --package  rebuild podcast-transcripts.vsix (npm run package) before measuring it
  --warmup MS  unmeasured calls for MS ms before each core and protocol loop
             (default 2000, 1000 with --quick; 0 measures from the first calls)
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
        open: { '1h': 5, '10h': 3, '100h': 2 } as Record<string, number>,
        protocolBudget: 8_000,
        workspaceReps: 15,
        extensionReps: 4,
        peer: { '1h': 15, '10h': 5, '100h': 2 } as Record<string, number>,
        peerBudget: 10_000,
      }
    : {
        core: { '1h': 200, '10h': 40, '100h': 8 } as Record<string, number>,
        coreBudget: 20_000,
        warmupMs: 2_000,
        protocol: { '1h': 100, '10h': 30, '100h': 6 } as Record<string, number>,
        open: { '1h': 20, '10h': 8, '100h': 3 } as Record<string, number>,
        protocolBudget: 15_000,
        workspaceReps: 50,
        extensionReps: 10,
        peer: { '1h': 60, '10h': 15, '100h': 4 } as Record<string, number>,
        peerBudget: 25_000,
      };
}

const EPISODES = 500;

interface Target {
  readonly name: string;
  readonly goal: string;
  readonly value: string;
  readonly met: boolean;
  /** How far from the goal, as a sentence fragment. */
  readonly margin: string;
}

function targets(r: {
  core: CoreFigure[];
  protocol: ProtocolFigure[];
  workspace?: WorkspaceFigure;
  peer: PeerFigure[];
}): Target[] {
  const out: Target[] = [];
  for (const c of r.core) {
    out.push({
      name: `core ${c.input} throughput`,
      goal: '≥ 40 MB/s',
      value: `${fmt(c.analyzeMBps)} MB/s`,
      met: c.analyzeMBps >= 40,
      margin:
        c.analyzeMBps >= 40
          ? `${fmt(c.analyzeMBps / 40)}x the goal`
          : `${fmt(40 / c.analyzeMBps)}x too slow`,
    });
    const ratio = c.analyze.ratio.median;
    out.push({
      name: `core ${c.input} vs floor`,
      goal: '≤ 4x the line-splitting floor',
      value: `${fmt(ratio)}x`,
      met: ratio <= 4,
      margin: ratio <= 4 ? `${fmt(4 / ratio)}x headroom` : `${fmt(ratio / 4)}x over`,
    });
  }
  const editGoal: Record<string, number> = { '1h': 15, '10h': 60 };
  for (const p of r.protocol) {
    const goal = editGoal[p.input];
    if (goal === undefined) continue;
    const v = p.edit.subject.p95;
    out.push({
      name: `edit → diagnostics ${p.input} p95`,
      goal: `< ${goal} ms`,
      value: `${fmt(v)} ms`,
      met: v < goal,
      margin: v < goal ? `${fmt(goal - v)} ms to spare` : `${fmt(v / goal)}x the goal`,
    });
  }
  if (r.workspace) {
    const w = r.workspace;
    const max = Math.max(w.duringQuery.max, w.duringPing.max);
    // A request that waited for indexing would wait for the walk: seconds.
    const limit = 250;
    out.push({
      name: 'no request blocks behind indexing',
      goal: `slowest request while indexing < ${limit} ms (indexing took ${fmt(w.indexMs)} ms)`,
      value: `${fmt(max)} ms over ${w.duringQuery.n + w.duringPing.n} requests`,
      met: max < limit,
      margin: max < limit ? `${fmt(limit - max)} ms to spare` : `${fmt(max / limit)}x the limit`,
    });
    const mem = w.memoryIndexed.rssMB;
    out.push({
      name: `memory, ${w.episodes} episodes indexed`,
      goal: '< 100 MB resident',
      value: `${fmt(mem)} MB`,
      met: mem < 100,
      margin: mem < 100 ? `${fmt(100 - mem)} MB to spare` : `${fmt(mem - 100)} MB over`,
    });
  }
  for (const p of r.peer) {
    out.push({
      name: `vs Markdown language service ${p.input}`,
      goal: '≥ 5x faster',
      value: `${fmt(p.speedup)}x faster`,
      met: p.speedup >= 5,
      margin: p.speedup >= 5 ? `${fmt(p.speedup / 5)}x the goal` : `${fmt(5 / p.speedup)}x short`,
    });
  }
  return out;
}

// ---------------------------------------------------------------- the table

/** A plain-text table: the first `left` columns left-aligned, the rest right-aligned. */
function table(head: string[], rows: (string | number)[][], left = 1): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i < left ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)]
    .map((l) => `  ${l}`)
    .join('\n');
}

const ms = (x: number) => fmt(x);
const kb = (bytes: number) => (bytes >= 1e6 ? `${fmt(bytes / 1e6)} MB` : `${fmt(bytes / 1e3)} KB`);
const med = (p: Paired) => ms(p.subject.median);
const p95 = (p: Paired) => ms(p.subject.p95);
const x = (p: Paired) => `${fmt(p.ratio.median)}x`;

function render(result: Result): string {
  const out: string[] = [];
  const e = result.environment;
  out.push(
    `Podcast Transcripts benchmark${result.quick ? ' (quick)' : ''}: ${e.date}, Node ${e.node}, ${e.cpus} x ${e.cpu}, load average ${e.loadAverage.join(' ')}`,
    `Code: commit ${e.commit}${e.uncommitted.length ? ` plus uncommitted changes to ${e.uncommitted.join(', ')}` : ''}.`,
    `Input: ${result.source}. ${result.inputs.map((i) => `${i.name} = ${kb(i.bytes)}, ${i.lines} lines`).join('; ')}.`,
    'Times in ms; median / p95 over the repetitions (n); ratios are per interleaved pair, median.',
    `Each core and protocol loop first runs unmeasured for ${result.warmupMs ?? 0} ms (JIT warm-up); each peer side for 2 s.`,
    '',
  );
  if (result.core.length) {
    out.push(
      '1. Core: analyze(text) = parse + every finding, in process; floor = split lines + one regexp per line',
    );
    out.push(
      table(
        [
          'input',
          'n',
          'median',
          'p95',
          'MB/s',
          'floor',
          'floor MB/s',
          'x floor',
          'CPU ms',
          'parse',
          'outline',
        ],
        result.core.map((c) => [
          c.input,
          c.analyze.subject.n,
          med(c.analyze),
          p95(c.analyze),
          fmt(c.analyzeMBps),
          ms(c.analyze.baseline.median),
          fmt(c.floorMBps),
          x(c.analyze),
          fmt(c.analyzeCpuMs),
          ms(c.parse.subject.median),
          ms(c.outline.subject.median),
        ]),
      ),
      '',
    );
  }
  if (result.protocol.length) {
    out.push(
      '2. Protocol: node dist/server.js --stdio; ping = documentSymbol of a document that is not open, interleaved; server CPU = ms of CPU the server used per request (from /proc, 10 ms ticks averaged)',
    );
    const rows: string[][] = [];
    for (const p of result.protocol) {
      const ops: [string, Op][] = [
        ['didOpen → diagnostics', p.open],
        ['edit → diagnostics', p.edit],
        ['documentSymbol', p.documentSymbol],
        ['codeAction (label)', p.codeAction],
        ['semanticTokens/full', p.semanticTokens],
        ['completion', p.completion],
      ];
      for (const [name, v] of ops)
        rows.push([
          p.input,
          name,
          String(v.subject.n),
          med(v),
          p95(v),
          ms(v.baseline.median),
          ms(v.baseline.p95),
          x(v),
          fmt(v.serverCpuMs),
        ]);
    }
    out.push(
      table(
        ['input', 'request', 'n', 'median', 'p95', 'ping', 'ping p95', 'x ping', 'server CPU'],
        rows,
        2,
      ),
      '',
    );
  }
  const w = result.workspace;
  if (result.protocol.length || w) {
    out.push('3. Memory: the server process, VmRSS (peak VmHWM), MB');
    const rows: string[][] = [];
    const idle = w?.memoryIdle ?? result.protocol[0]?.memoryIdle;
    if (idle)
      rows.push([
        'idle server (initialized, nothing open)',
        fmt(idle.rssMB),
        fmt(idle.peakMB),
        '1.00x',
      ]);
    const rel = (m: number) => (idle ? `${fmt(m / idle.rssMB)}x` : '–');
    for (const p of result.protocol) {
      rows.push([
        `${p.input} open (after diagnostics)`,
        fmt(p.memoryOpen.rssMB),
        fmt(p.memoryOpen.peakMB),
        rel(p.memoryOpen.rssMB),
      ]);
      rows.push([
        `${p.input} open, after every measured request`,
        fmt(p.memoryAfter.rssMB),
        fmt(p.memoryAfter.peakMB),
        rel(p.memoryAfter.rssMB),
      ]);
    }
    if (w)
      rows.push([
        `${w.episodes}-episode workspace indexed`,
        fmt(w.memoryIndexed.rssMB),
        fmt(w.memoryIndexed.peakMB),
        rel(w.memoryIndexed.rssMB),
      ]);
    out.push(table(['state', 'RSS', 'peak', 'x idle'], rows), '');
  }
  if (w) {
    out.push(
      `4. Workspace: ${w.episodes} one-hour episodes (${kb(w.bytes)}) in a temporary folder`,
    );
    out.push(
      table(
        ['figure', 'n', 'median', 'p95', 'max', 'x ping'],
        [
          ['index: initialized → workspace/symbol finds all', '1', ms(w.indexMs), '', '', ''],
          [
            'index: as the server logged it',
            '1',
            w.serverIndexMs === undefined ? '–' : ms(w.serverIndexMs),
            '',
            '',
            '',
          ],
          [
            'workspace/symbol while indexing',
            String(w.duringQuery.n),
            ms(w.duringQuery.median),
            ms(w.duringQuery.p95),
            ms(w.duringQuery.max),
            '',
          ],
          [
            'ping while indexing',
            String(w.duringPing.n),
            ms(w.duringPing.median),
            ms(w.duringPing.p95),
            ms(w.duringPing.max),
            '',
          ],
          [
            'workspace/symbol after (one chapter per episode)',
            String(w.afterQuery.subject.n),
            med(w.afterQuery),
            p95(w.afterQuery),
            ms(w.afterQuery.subject.max),
            x(w.afterQuery),
          ],
          [
            'workspace/symbol after ("e": 1000 symbols)',
            String(w.afterBroadQuery.subject.n),
            med(w.afterBroadQuery),
            p95(w.afterBroadQuery),
            ms(w.afterBroadQuery.subject.max),
            x(w.afterBroadQuery),
          ],
        ],
      ),
      '',
    );
  }
  const ext = result.extension;
  if (ext) {
    out.push('5. Extension');
    out.push(
      table(
        ['figure', 'value', 'baseline (node -e 0)', 'x baseline'],
        [
          [
            `.vsix size${ext.vsixBuilt ? ' (rebuilt now)' : ext.vsixModified ? ` (built ${ext.vsixModified})` : ''}`,
            ext.vsixBytes === undefined ? 'absent' : kb(ext.vsixBytes),
            '',
            '',
          ],
          ...(ext.vsixEntries ?? [])
            .slice(0, 4)
            .map((f) => [`  in it: ${f.name}`, kb(f.compressedBytes), '', '']),
          [
            `dist/client.js, dist/server.js${ext.minified ? ' (minified)' : ' (not minified)'}`,
            `${kb(ext.clientBytes)}, ${kb(ext.serverBytes)}`,
            '',
            '',
          ],
          [
            'activation probe process: median',
            ms(ext.activationProcess.subject.median),
            ms(ext.activationProcess.baseline.median),
            x(ext.activationProcess),
          ],
          ['  in it: require dist/client.js', ms(ext.activationRequireMs), '', ''],
          [
            `  in it: until the server fork (${ext.activationEnd})`,
            ms(ext.activationForkMs),
            '',
            '',
          ],
          [
            'server start: spawn → initialize answered',
            ms(ext.serverStart.subject.median),
            ms(ext.serverStart.baseline.median),
            x(ext.serverStart),
          ],
        ],
      ),
      '',
    );
    if (ext.activationError)
      out.push(`  activation probe error: ${ext.activationError.split('\n')[0]}`, '');
  }
  if (result.peer.length) {
    out.push(
      '6. Peer: ours = analyze + outline + LSP conversion; theirs = vscode-markdown-languageservice 0.4.0 getDocumentSymbols + computeDiagnostics on the Markdown',
    );
    out.push(
      table(
        [
          'input',
          'n',
          'ours',
          'ours p95',
          'theirs',
          'theirs p95',
          'ours/theirs',
          'faster',
          'diags ours/theirs',
        ],
        result.peer.map((p) => [
          p.input,
          p.pair.subject.n,
          med(p.pair),
          p95(p.pair),
          ms(p.pair.baseline.median),
          ms(p.pair.baseline.p95),
          fmt(p.pair.ratio.median),
          `${fmt(p.speedup)}x`,
          `${p.oursDiagnostics}/${p.theirDiagnostics}`,
        ]),
      ),
      '',
    );
  }
  if (result.targets.length) {
    out.push('Targets');
    out.push(
      table(
        ['target', 'goal', 'value', 'result'],
        result.targets.map((t) => [
          t.name,
          t.goal,
          t.value,
          `${t.met ? 'met' : 'MISSED'}: ${t.margin}`,
        ]),
        4,
      ),
      '',
    );
  }
  out.push(`Took ${fmt(result.seconds)} s.`);
  return out.join('\n');
}

// ---------------------------------------------------------------- the run

interface Result {
  quick: boolean;
  /** Unmeasured calls before each core and protocol loop, ms (absent in older runs: none). */
  warmupMs?: number;
  environment: {
    date: string;
    node: string;
    platform: string;
    cpus: number;
    cpu: string;
    memoryGB: number;
    loadAverage: number[];
    /** The commit measured, and the product files that differ from it (others edit concurrently). */
    commit: string;
    uncommitted: string[];
  };
  source: string;
  sourceOrigin: string;
  inputs: { name: string; bytes: number; lines: number }[];
  core: CoreFigure[];
  protocol: ProtocolFigure[];
  workspace?: WorkspaceFigure;
  extension?: ExtensionFigure;
  peer: PeerFigure[];
  targets: Target[];
  seconds: number;
}

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

/** Rounds every number to 4 significant places for the JSON. */
function tidy(value: unknown): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Number.isInteger(value)) return value;
    const digits = Math.max(0, 3 - Math.floor(Math.log10(Math.abs(value))));
    return round(value, Math.min(digits, 6));
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
      log(`peer ${input.name}…`);
      result.peer.push(await peerFigure(input, p.peer[input.name], p.peerBudget));
    }
  if (o.only.has('protocol'))
    for (const input of inputs) {
      log(`protocol ${input.name}…`);
      result.protocol.push(
        await protocolFigure(
          input,
          p.protocol[input.name],
          p.open[input.name],
          p.protocolBudget,
          p.warmupMs,
        ),
      );
    }
  if (o.only.has('workspace')) {
    const one = byName.get('1h')!;
    log(`workspace: writing ${EPISODES} episodes…`);
    const ws = makeWorkspace(one.text, EPISODES);
    try {
      log('workspace: indexing…');
      result.workspace = await workspaceFigure(
        ws.dir,
        EPISODES,
        one.bytes * EPISODES,
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
