/**
 * Figures 2 to 4: the built server (`node dist/server.js --stdio`) driven over
 * the protocol as an editor drives it, its resident memory, and the
 * workspace index. The client is the protocol tests' (test/protocol/
 * lspClient.ts), with diagnostics awaited by event rather than by polling so
 * that latencies are not rounded to the poll interval.
 *
 * The baseline of every latency is a request the server answers trivially,
 * interleaved with the measured one: documentSymbol for a document that is
 * not open (no analysis, an empty answer) — the round trip through the pipe,
 * JSON-RPC and the handler wrapper.
 */
import { readFileSync } from 'node:fs';
import type {
  CompletionItem,
  CompletionList,
  Diagnostic,
  PublishDiagnosticsParams,
  SymbolInformation,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { LspClient } from '../test/protocol/lspClient';
import type { Input } from './inputs';
import { interleave, summarize, type Paired, type Summary } from './stats';

export interface Memory {
  /** Resident set size, MB (2^20 bytes), from /proc/<pid>/status VmRSS. */
  readonly rssMB: number;
  /** Peak resident set size so far, MB (VmHWM). */
  readonly peakMB: number;
}

export function memoryOf(pid: number | undefined): Memory {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
  } catch {
    return { rssMB: NaN, peakMB: NaN };
  }
}

/** CPU milliseconds (user + system) the process has used, from /proc/<pid>/stat. */
export function cpuMsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times: 100 on every current platform. */
const TICKS_PER_SECOND = 100;

/** The protocol tests' client, with diagnostics delivered to waiters as they arrive. */
export class BenchClient {
  private waiters: { uri: string; version: number; resolve: (d: Diagnostic[]) => void }[] = [];
  readonly last = new Map<string, PublishDiagnosticsParams>();

  private constructor(readonly lsp: LspClient) {
    lsp.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.last.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || w.version !== p.version) return true;
        w.resolve(p.diagnostics);
        return false;
      });
    });
  }

  static async start(folders: string[] = []): Promise<BenchClient> {
    return new BenchClient(await LspClient.start({}, folders));
  }

  get pid(): number | undefined {
    return this.lsp.proc.pid;
  }

  memory(): Memory {
    return memoryOf(this.pid);
  }

  /** Diagnostics for this version of the document, when they are published. */
  diagnostics(uri: string, version: number, timeout = 120_000): Promise<Diagnostic[]> {
    const p = this.last.get(uri);
    if (p && p.version === version) return Promise.resolve(p.diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no diagnostics for ${uri} v${version} in ${timeout} ms`)),
        timeout,
      );
      this.waiters.push({
        uri,
        version,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      });
    });
  }

  /** The trivial round trip: documentSymbol for a document that is not open. */
  async ping(): Promise<number> {
    const t = performance.now();
    await this.lsp.symbols('file:///bench/not-open.transcript');
    return performance.now() - t;
  }

  stop(): Promise<void> {
    return this.lsp.stop();
  }
}

/** A latency pair plus the server's CPU time per measured call (mean, in 10 ms ticks summed over the calls). */
export interface Op extends Paired {
  readonly serverCpuMs: number;
}

export interface ProtocolFigure {
  readonly input: string;
  readonly bytes: number;
  /** didOpen → publishDiagnostics for version 1. */
  readonly open: Op;
  /** One-character didChange in the middle → publishDiagnostics for the new version. */
  readonly edit: Op;
  readonly documentSymbol: Op;
  /** codeAction on a speaker label, with its speaker-spelling diagnostic in the context. */
  readonly codeAction: Op;
  readonly semanticTokens: Op;
  /** completion on an empty body line inserted first. */
  readonly completion: Op;
  readonly diagnostics: number;
  /**
   * The publishing share of an edit on the client's side: the bytes of the
   * publishDiagnostics message after an edit, and the median ms of
   * `JSON.parse` of it in this process (as vscode-jsonrpc parses every
   * message it reads; absent in older runs).
   */
  readonly publish?: { readonly bytes: number; readonly parseMs: number };
  readonly memoryIdle: Memory;
  /** After the first didOpen's diagnostics. */
  readonly memoryOpen: Memory;
  /** After every measured request. */
  readonly memoryAfter: Memory;
}

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Where the edit loop works on a text: an empty body line is inserted first
 * (before a speaker label past the middle; completion asks there), then the
 * one-character edits go to the end of the first timestamped line after the
 * middle. Lines are counted in the text with the empty line inserted. The
 * browser figure (bench/browser.ts) edits at the same place.
 */
export interface EditPlace {
  readonly emptyLine: number;
  readonly line: number;
  readonly column: number;
}

export function editPlace(text: string): EditPlace {
  const lines = text.split(LINE_BREAK);
  const label = /^[^\s[:][^:]{0,59}:\s*$/;
  let emptyLine = Math.floor(lines.length / 2);
  while (emptyLine < lines.length - 1 && !label.test(lines[emptyLine])) emptyLine++;
  lines.splice(emptyLine, 0, '');
  let line = Math.floor(lines.length / 2) + 1;
  while (line < lines.length - 1 && !lines[line].startsWith('[')) line++;
  return { emptyLine, line, column: lines[line].length };
}

/** The change that inserts the empty line. */
export function emptyLineChange(place: EditPlace): TextDocumentContentChangeEvent {
  const at = { line: place.emptyLine, character: 0 };
  return { range: { start: at, end: at }, text: '\n' };
}

/** One edit of the loop: an `x` inserted at the place, or (after one) deleted again. */
export function oneCharEdit(place: EditPlace, inserted: boolean): TextDocumentContentChangeEvent {
  const at = { line: place.line, character: place.column };
  return inserted
    ? { range: { start: at, end: { line: place.line, character: place.column + 1 } }, text: '' }
    : { range: { start: at, end: at }, text: 'x' };
}

/** A document being edited on the server, as the edit loop edits it. */
export interface Editing {
  readonly place: EditPlace;
  /** The diagnostics after the empty line was inserted. */
  readonly diagnostics: Diagnostic[];
  /** One edit (alternately inserting and deleting an `x`) → its diagnostics, in ms. */
  edit(): Promise<number>;
}

/** Opens `text` as `uri`, inserts the empty line, and returns the edit loop's step. */
export async function startEditing(
  client: BenchClient,
  uri: string,
  text: string,
): Promise<Editing> {
  const { lsp } = client;
  const place = editPlace(text);
  await lsp.open(uri, text);
  await client.diagnostics(uri, 1);
  let version = await lsp.change(uri, [emptyLineChange(place)]);
  const diagnostics = await client.diagnostics(uri, version);
  let inserted = false;
  return {
    place,
    diagnostics,
    async edit() {
      const change = oneCharEdit(place, inserted);
      inserted = !inserted;
      const t = performance.now();
      version = await lsp.change(uri, [change]);
      await client.diagnostics(uri, version);
      return performance.now() - t;
    },
  };
}

export async function protocolFigure(
  input: Input,
  reps: number,
  /** Edits of the edit loop measured (more than `reps`: a p95 needs them). */
  editReps: number,
  openReps: number,
  budgetMs: number,
  /**
   * Unmeasured edits (and requests of each kind) first, for this long: the
   * server runs for hours in an editor, so what an edit costs once its code
   * is optimised is what users feel (see PairOptions.warmupMs).
   */
  warmupMs = 0,
): Promise<ProtocolFigure> {
  const client = await BenchClient.start();
  const { lsp } = client;
  /** Interleaves with the ping, and sums the server's CPU time over the subject's calls. */
  const measure = async (
    subject: () => Promise<number>,
    options: { reps: number; warmup?: number; warmupMs?: number; budgetMs: number },
  ): Promise<Op> => {
    const cpu: number[] = [];
    const pair = await interleave(
      () => client.ping(),
      async () => {
        const before = cpuMsOf(client.pid);
        const ms = await subject();
        cpu.push(cpuMsOf(client.pid) - before);
        return ms;
      },
      options,
    );
    // Averaged over the measured calls (the last n), not the warm-up.
    const measured = cpu.slice(cpu.length - pair.subject.n);
    return { ...pair, serverCpuMs: measured.reduce((a, b) => a + b, 0) / measured.length };
  };
  try {
    const memoryIdle = client.memory();
    // Warm the handler path, so the first pings do not measure JIT compilation.
    for (let i = 0; i < 20; i++) await client.ping();

    // didOpen → diagnostics, each on a fresh uri (closed afterwards).
    let opened = 0;
    let memoryOpen: Memory | undefined;
    const open = await measure(
      async () => {
        const uri = `file:///bench/open-${input.name}-${opened++}.transcript`;
        const t = performance.now();
        await lsp.open(uri, input.text);
        await client.diagnostics(uri, 1);
        const ms = performance.now() - t;
        memoryOpen ??= client.memory();
        await lsp.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
        return ms;
      },
      { reps: openReps, budgetMs },
    );

    // The document the editor works on.
    const uri = `file:///bench/${input.name}.transcript`;
    const editing = await startEditing(client, uri, input.text);
    const { diagnostics } = editing;
    const { emptyLine, line: editLine } = editing.place;

    // The speaker label for codeAction: a speaker-spelling finding nearest the middle.
    const spelling = diagnostics
      .filter((d) => d.code === 'speaker-spelling')
      .sort(
        (a, b) => Math.abs(a.range.start.line - editLine) - Math.abs(b.range.start.line - editLine),
      )[0];
    const target = spelling ?? diagnostics[0];
    if (!target) throw new Error(`no diagnostics in ${input.name}: nothing to ask codeAction for`);

    const edit = await measure(editing.edit, { reps: editReps, warmup: 2, warmupMs, budgetMs });
    const published = client.last.get(uri);
    const message = JSON.stringify({
      jsonrpc: '2.0',
      method: 'textDocument/publishDiagnostics',
      params: published,
    });
    const parses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      JSON.parse(message);
      parses.push(performance.now() - t);
    }
    const publish = {
      bytes: Buffer.byteLength(message),
      parseMs: summarize(parses.slice(10)).median,
    };

    const request = async (fn: () => Promise<unknown>, check: (r: unknown) => boolean) => {
      const first = await fn();
      if (!check(first)) throw new Error(`unexpected answer: ${JSON.stringify(first)}`);
      return measure(
        async () => {
          const t = performance.now();
          await fn();
          return performance.now() - t;
        },
        { reps, warmup: 2, warmupMs: warmupMs / 2, budgetMs },
      );
    };
    const nonEmpty = (r: unknown) => Array.isArray(r) && r.length > 0;
    const documentSymbol = await request(() => lsp.symbols(uri), nonEmpty);
    const codeAction = await request(
      () => lsp.codeActions(uri, target.range, [target], ['quickfix']),
      nonEmpty,
    );
    const semanticTokens = await request(
      () => lsp.semanticTokens(uri),
      (r) => Array.isArray((r as { data?: unknown }).data),
    );
    const completion = await request(
      () => lsp.at<CompletionItem[] | CompletionList>('textDocument/completion', uri, emptyLine, 0),
      (r) => (Array.isArray(r) ? r : (r as CompletionList).items).length > 0,
    );
    const memoryAfter = client.memory();
    return {
      input: input.name,
      bytes: input.bytes,
      open,
      edit,
      documentSymbol,
      codeAction,
      semanticTokens,
      completion,
      diagnostics: diagnostics.length,
      publish,
      memoryIdle,
      memoryOpen: memoryOpen ?? memoryIdle,
      memoryAfter,
    };
  } finally {
    await client.stop();
  }
}

export interface WorkspaceFigure {
  readonly episodes: number;
  readonly bytes: number;
  /** From `initialized` until a workspace/symbol query first finds every episode. */
  readonly indexMs: number;
  /** What the server itself logged ("indexed N transcripts in X ms"), if it did. */
  readonly serverIndexMs: number | undefined;
  /** workspace/symbol latencies for queries sent while indexing ran. */
  readonly duringQuery: Summary;
  /** The trivial request's latencies while indexing ran (interleaved with the queries). */
  readonly duringPing: Summary;
  /** After indexing: a query that finds one chapter per episode, against the ping. */
  readonly afterQuery: Paired;
  /** After indexing: a one-letter query (the answer capped at 1000 symbols), against the ping. */
  readonly afterBroadQuery: Paired;
  readonly memoryIndexed: Memory;
  readonly memoryIdle: Memory;
  /**
   * A second server indexing the same folder while an editor asks at a
   * person's pace: a ping every 50 ms and the query every 500 ms, none sent
   * before the last is answered (absent in runs before it).
   */
  readonly paced?: PacedIndexing;
}

export interface PacedIndexing {
  /** From `initialized` until the server's log line says the walk ended (as it measured it). */
  readonly indexMs: number;
  readonly serverIndexMs: number | undefined;
  /** Ping latencies while indexing ran: the time a request waits behind indexing. */
  readonly ping: Summary;
  /** workspace/symbol latencies while indexing ran: waiting plus the search of the index so far. */
  readonly query: Summary;
  /** Resident memory once indexed. */
  readonly memoryIndexed: Memory;
}

const PACE_MS = 50;
const QUERY_EVERY = 10;

/** Indexing under a person's pace of requests (see `WorkspaceFigure.paced`). */
async function pacedIndexing(dir: string, episodes: number, query: string): Promise<PacedIndexing> {
  const client = await BenchClient.start([URI.file(dir).toString()]);
  const { lsp } = client;
  const started = performance.now();
  try {
    const walked = () =>
      lsp.logs.map((l) => /indexed (\d+) transcripts in (\d+) ms/.exec(l)).find((m) => m);
    const ping: number[] = [];
    const queries: number[] = [];
    const deadline = started + 300_000;
    let indexMs = NaN;
    for (let tick = 0; ; tick++) {
      const next = started + (tick + 1) * PACE_MS;
      const done = walked();
      if (done) {
        indexMs = performance.now() - started;
        if (Number(done[1]) < episodes)
          throw new Error(`indexing found ${done[1]} of ${episodes} episodes`);
        break;
      }
      if (performance.now() > deadline) throw new Error('indexing did not end in 300 s');
      if (tick % QUERY_EVERY === QUERY_EVERY - 1) {
        const t = performance.now();
        await lsp.conn.sendRequest('workspace/symbol', { query });
        queries.push(performance.now() - t);
      } else ping.push(await client.ping());
      const wait = next - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const logged = walked();
    return {
      indexMs,
      serverIndexMs: logged ? Number(logged[2]) : undefined,
      ping: summarize(ping),
      query: summarize(queries),
      memoryIndexed: client.memory(),
    };
  } finally {
    await client.stop();
  }
}

function episodesIn(result: SymbolInformation[] | null): number {
  return new Set((result ?? []).map((s) => s.location.uri)).size;
}

/** Indexing under both loads (see `WorkspaceFigure`): busy, then paced. */
export async function workspaceFigure(
  ...args: Parameters<typeof busyIndexing>
): Promise<WorkspaceFigure> {
  const [dir, episodes, , query] = args;
  return { ...(await busyIndexing(...args)), paced: await pacedIndexing(dir, episodes, query) };
}

/** Indexing while workspace/symbol and ping are sent back to back; then the queries against the ping. */
async function busyIndexing(
  dir: string,
  episodes: number,
  bytes: number,
  query: string,
  reps: number,
  budgetMs: number,
): Promise<WorkspaceFigure> {
  // An idle server without folders, for the memory baseline.
  const idle = await BenchClient.start();
  const memoryIdle = idle.memory();
  await idle.stop();

  const client = await BenchClient.start([URI.file(dir).toString()]);
  const { lsp } = client;
  const started = performance.now();
  try {
    const symbols = (q: string) =>
      lsp.conn.sendRequest<SymbolInformation[] | null>('workspace/symbol', { query: q });
    const during: number[] = [];
    const duringPing: number[] = [];
    let indexMs = NaN;
    const deadline = started + 300_000;
    for (;;) {
      const t = performance.now();
      const found = episodesIn(await symbols(query));
      const done = performance.now();
      // workspace/symbol answers at most 1,000 symbols: past that many
      // episodes, the server's log line says when the walk ended.
      const logged = lsp.logs.some((l) => {
        const m = /indexed (\d+) transcripts in/.exec(l);
        return m !== null && Number(m[1]) >= episodes;
      });
      if (found >= Math.min(episodes, 1000) && (episodes <= 1000 || logged)) {
        indexMs = done - started;
        break;
      }
      during.push(done - t);
      duringPing.push(await client.ping());
      if (done > deadline) throw new Error(`indexing found ${found} of ${episodes} episodes`);
    }
    // The server logs when its walk ends, just after the last file is in the index.
    const findLog = () =>
      lsp.logs.map((l) => /indexed (\d+) transcripts in (\d+) ms/.exec(l)).find((m) => m);
    for (let i = 0; i < 100 && !findLog(); i++) await new Promise((r) => setTimeout(r, 20));
    const logged = findLog();
    const memoryIndexed = client.memory();
    const timeQuery = (q: string) => async () => {
      const t = performance.now();
      await symbols(q);
      return performance.now() - t;
    };
    const afterQuery = await interleave(() => client.ping(), timeQuery(query), {
      reps,
      warmup: 2,
      budgetMs,
    });
    const afterBroadQuery = await interleave(() => client.ping(), timeQuery('e'), {
      reps,
      warmup: 2,
      budgetMs,
    });
    return {
      episodes,
      bytes,
      indexMs,
      serverIndexMs: logged ? Number(logged[2]) : undefined,
      duringQuery: summarize(during),
      duringPing: summarize(duringPing),
      afterQuery,
      afterBroadQuery,
      memoryIndexed,
      memoryIdle,
    };
  } finally {
    await client.stop();
  }
}
