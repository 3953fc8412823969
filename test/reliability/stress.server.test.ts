/**
 * The built server under stress, over stdio: malformed requests, cancelled
 * long requests, bursts of changes and a thousand rapid edits.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  Diagnostic,
  DocumentSymbol,
  TextDocumentContentChangeEvent,
  TextDocumentEdit,
} from 'vscode-languageserver-protocol';
import { analyze, fixAllEdits, LineIndex, outline } from '../../server/src/core';
import { toDiagnostic, toDocumentSymbols } from '../../server/src/protocol';
import { LspClient } from '../protocol/lspClient';
import { CLEAN } from '../unit/util';
import { longTranscript, rng } from './gen';
import { fmt, SCALE, within } from './measure';

const EXAMPLE = readFileSync(path.resolve(__dirname, '../../examples/episode.txt'), 'utf8');
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const expectedDiagnostics = (text: string, uri: string) =>
  plain(analyze(text).findings.map((f) => toDiagnostic(f, uri)));
const expectedSymbols = (text: string) => plain(toDocumentSymbols(outline(analyze(text).model)));

/** An answer that is not a crash: a result, a user-facing refusal, or a cancellation. */
function neutral(method: string, answer: unknown): string | undefined {
  if (!(answer instanceof ResponseError)) return undefined;
  // prepareRename and rename refuse with a message for the user (InvalidRequest).
  if (answer.code === -32600 && /rename/i.test(method)) return undefined;
  if (answer.code === -32800) return undefined;
  return `error ${answer.code}: ${answer.message}`;
}

describe('reliability: the server under stress', function () {
  describe('malformed requests get a neutral answer, are logged, and never take the server down', function () {
    this.timeout(20_000);
    const uri = 'file:///clean.transcript';
    // decodeURIComponent of this name throws inside the statistics handler.
    const badName = 'file:///bad%E0%A4%A.transcript';
    let client: LspClient;
    let symbols: DocumentSymbol[];

    before(async () => {
      client = await LspClient.start();
      await client.open(uri, CLEAN);
      await client.open(badName, CLEAN);
      await client.diagnostics(uri);
      symbols = await client.symbols(uri);
      assert.deepEqual(plain(symbols), expectedSymbols(CLEAN));
    });
    after(() => client.stop());

    const doc = { textDocument: { uri } };
    const at = (line: unknown, character: unknown) => ({ ...doc, position: { line, character } });
    const backwards = { start: { line: 9, character: 0 }, end: { line: 2, character: 0 } };
    const cases: [string, string, unknown][] = [
      ['hover at line -1', 'textDocument/hover', at(-1, 0)],
      ['hover at line 1e9, character 1e9', 'textDocument/hover', at(1e9, 1e9)],
      ['hover at character NaN (sent as null)', 'textDocument/hover', at(13, NaN)],
      ['hover at character 1e308', 'textDocument/hover', at(13, 1e308)],
      ['hover without a position', 'textDocument/hover', doc],
      [
        'hover without a textDocument',
        'textDocument/hover',
        { position: { line: 0, character: 0 } },
      ],
      [
        'hover on an unknown uri',
        'textDocument/hover',
        { textDocument: { uri: 'file:///nope' }, position: { line: 0, character: 0 } },
      ],
      ['completion at line 1e9', 'textDocument/completion', at(1e9, 0)],
      ['completion at character -5', 'textDocument/completion', at(20, -5)],
      [
        'definition at a string line and an object character',
        'textDocument/definition',
        at('x', {}),
      ],
      ['references without a context', 'textDocument/references', at(12, 2)],
      [
        'references at line -1',
        'textDocument/references',
        { ...at(-1, -1), context: { includeDeclaration: true } },
      ],
      ['prepareRename at line -1', 'textDocument/prepareRename', at(-1, -1)],
      ['rename to a number', 'textDocument/rename', { ...at(12, 1), newName: 42 }],
      ['rename without a new name', 'textDocument/rename', at(12, 1)],
      [
        'selectionRange at impossible positions',
        'textDocument/selectionRange',
        {
          ...doc,
          positions: [
            { line: -1, character: 0 },
            { line: 1e9, character: 1e9 },
            { line: 13, character: -3 },
          ],
        },
      ],
      ['selectionRange without positions', 'textDocument/selectionRange', doc],
      [
        'codeAction with a range ending before it starts',
        'textDocument/codeAction',
        { ...doc, range: backwards, context: { diagnostics: [] } },
      ],
      ['codeAction without a context', 'textDocument/codeAction', { ...doc, range: backwards }],
      [
        'codeAction for a diagnostic at line 1e9',
        'textDocument/codeAction',
        {
          ...doc,
          range: backwards,
          context: {
            diagnostics: [
              {
                range: { start: { line: 1e9, character: 0 }, end: { line: -1, character: 0 } },
                message: 'x',
                source: 'transcript',
                code: 'timestamp-order',
              },
            ],
          },
        },
      ],
      [
        'documentSymbol on an unknown uri',
        'textDocument/documentSymbol',
        { textDocument: { uri: 'file:///nope' } },
      ],
      [
        'documentSymbol with a numeric uri',
        'textDocument/documentSymbol',
        { textDocument: { uri: 42 } },
      ],
      [
        'semanticTokens on an unknown uri',
        'textDocument/semanticTokens/full',
        { textDocument: { uri: 'untitled:x' } },
      ],
      [
        'foldingRange with a null uri',
        'textDocument/foldingRange',
        { textDocument: { uri: null } },
      ],
      [
        'shiftTimestamps with a selection ending before it starts',
        'transcript/shiftTimestamps',
        { ...doc, offset: '+5', range: backwards },
      ],
      [
        'shiftTimestamps with a numeric offset and no range',
        'transcript/shiftTimestamps',
        { ...doc, offset: 5 },
      ],
      [
        'shiftTimestamps by 10^23 seconds',
        'transcript/shiftTimestamps',
        {
          ...doc,
          offset: '+99999999999999999999999',
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        },
      ],
      [
        'statistics of a document whose uri does not decode',
        'transcript/statistics',
        { textDocument: { uri: badName } },
      ],
      ['workspace/symbol with a null query', 'workspace/symbol', { query: null }],
    ];

    for (const [what, method, params] of cases) {
      it(`${what}: neutral answer, logged if it failed, then a normal request is answered`, async () => {
        const logsBefore = client.logs.length;
        const answer = await within(
          client.conn.sendRequest(method, params).catch((e: unknown) => e),
          5000,
          method,
        );
        const problem = neutral(method, answer.value);
        const logged = client.logs.slice(logsBefore);
        // Give a late log a moment, then ask something ordinary.
        const after = await within(client.symbols(uri), 5000, 'documentSymbol afterwards');
        assert.deepEqual(
          plain(after.value),
          plain(symbols),
          'the server answers normally afterwards',
        );
        assert.equal(client.proc.exitCode, null, `the server exited: ${client.stderr}`);
        for (const log of logged)
          assert.match(
            log,
            /^\w+ failed: \w*Error/,
            `a log that does not name the failing handler: ${log}`,
          );
        assert.equal(
          problem,
          undefined,
          `${method} answered with ${problem}; logs: ${logged.join('\n') || 'none'}`,
        );
      });
    }

    it('a handler that fails is logged with its name and stack (statistics on an undecodable uri)', async () => {
      const logsBefore = client.logs.length;
      const r = await client.conn.sendRequest<{ markdown: string }>('transcript/statistics', {
        textDocument: { uri: badName },
      });
      assert.equal(typeof r.markdown, 'string');
      const logged = client.logs.slice(logsBefore).join('\n');
      assert.match(logged, /statistics failed: URIError/);
      assert.equal(client.stderr, '', 'nothing on stderr');
    });
  });

  describe('cancellation of long requests on a 100-hour transcript', function () {
    this.timeout(120_000);
    const uri = 'file:///100h.transcript';
    const small = 'file:///small.transcript';
    const text = longTranscript({ maxSeconds: 100 * 3600, chapters: 60, seed: 3 });
    /**
     * An answer (result or cancellation) on the 100-hour transcript, and the
     * next answer on a small document after it: measured 0.1 to 2.1 s here,
     * with the analysis of the 100-hour text (which cannot be interrupted)
     * in between.
     */
    const LONG_MS = 5000 * SCALE;
    let client: LspClient;

    before(async () => {
      client = await LspClient.start();
      await client.open(small, CLEAN);
      await client.diagnostics(small);
    });
    after(() => client.stop());

    for (const method of ['textDocument/documentSymbol', 'textDocument/semanticTokens/full'])
      it(`${method} cancelled right after it is sent: the result or RequestCancelled (-32800), then answers again (${(text.length / 1e6).toFixed(1)} MB)`, async () => {
        const version = client.version(uri);
        if (version === 0) await client.open(uri, text);
        else await client.change(uri, [{ text: `${text}\n` }]);
        const source = new CancellationTokenSource();
        const pending = client.conn
          .sendRequest(method, { textDocument: { uri } }, source.token)
          .then(
            (r) => ({ result: r }),
            (e: unknown) => ({ error: e }),
          );
        source.cancel();
        const answer = await within(pending, LONG_MS, `${method} after cancellation`);
        const outcome = answer.value;
        if ('error' in outcome) {
          assert.ok(
            outcome.error instanceof ResponseError && outcome.error.code === -32800,
            `expected RequestCancelled, got ${String(outcome.error)}`,
          );
        } else assert.ok(outcome.result, 'a result');
        // The analysis of the change may still be running (it cannot be
        // interrupted): the next answer may wait for it, no longer.
        const next = await within(
          client.symbols(small),
          LONG_MS,
          'documentSymbol on a small document',
        );
        assert.deepEqual(plain(next.value), expectedSymbols(CLEAN));
        console.log(
          `      cancel ${method}: ${'error' in outcome ? 'RequestCancelled' : 'result'} after ${fmt(answer.ms)} (bound ${fmt(LONG_MS)}), then a small request in ${fmt(next.ms)} (bound ${fmt(LONG_MS)})`,
        );
      });

    it('a request cancelled while another long one runs is answered RequestCancelled, and the server stays responsive', async () => {
      if (client.version(uri) === 0) await client.open(uri, text);
      const first = client.conn.sendRequest('textDocument/documentSymbol', {
        textDocument: { uri },
      });
      const source = new CancellationTokenSource();
      const second = client.conn
        .sendRequest('textDocument/documentSymbol', { textDocument: { uri } }, source.token)
        .then(
          () => 'result',
          (e: unknown) => (e instanceof ResponseError ? e.code : String(e)),
        );
      source.cancel();
      const both = await within(Promise.all([first, second]), 2 * LONG_MS, 'both requests');
      assert.ok(
        both.value[1] === 'result' || both.value[1] === -32800,
        `second answered ${both.value[1]}`,
      );
      const next = await within(
        client.symbols(small),
        LONG_MS,
        'documentSymbol on a small document',
      );
      assert.deepEqual(plain(next.value), expectedSymbols(CLEAN));
      console.log(
        `      cancel while busy: second request ${both.value[1] === -32800 ? 'RequestCancelled' : 'answered'}, both in ${fmt(both.ms)}, then a small request in ${fmt(next.ms)}`,
      );
    });
  });

  describe('diagnostics during bursts of changes', function () {
    this.timeout(60_000);

    it('are published with increasing versions, each describing its version, the last for the last change', async () => {
      const client = await LspClient.start();
      try {
        const uri = 'file:///burst.transcript';
        const random = rng(11);
        const texts = new Map<number, string>();
        let text = EXAMPLE;
        await client.open(uri, text);
        texts.set(1, text);
        const lines = text.split('\n');
        for (let burst = 0; burst < 20; burst++) {
          // Each burst is written without waiting for the writes in between.
          const writes: Promise<number>[] = [];
          for (let i = 0; i < 15; i++) {
            // Replace a whole line by a variant: a stamp going back, a label, a heading.
            const n = Math.floor(random() * lines.length);
            const variants = [
              '[0:01] zurück',
              'Stephan:',
              'Open Data Im Rathaus',
              '[12:6] kaputt',
              'Malt:',
              lines[n],
            ];
            lines[n] = variants[Math.floor(random() * variants.length)];
            text = lines.join('\n');
            texts.set(client.version(uri) + 1, text);
            writes.push(client.change(uri, [{ text }]));
          }
          await Promise.all(writes);
          await new Promise((r) => setTimeout(r, random() * 20));
        }
        const last = client.version(uri);
        await client.diagnostics(uri, () => true, 20_000);
        // A barrier instead of a pause: the server reads messages in order and
        // answers this only with the analysis of the last version, so a
        // validation of an older version still under way has published (or
        // dropped its result) by the time the answer is here.
        await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
        const published = client.published.get(uri) ?? [];
        const versions = published.map((p) => p.version);
        console.log(
          `      burst: ${last} versions sent in 20 bursts, ${published.length} diagnostics published, for versions ${versions[0]} to ${versions[versions.length - 1]} (${new Set(versions).size} distinct)`,
        );
        assert.ok(
          versions.every((v) => typeof v === 'number'),
          'every publish names its version',
        );
        for (let i = 1; i < versions.length; i++)
          assert.ok(
            versions[i]! >= versions[i - 1]!,
            `version ${versions[i]} published after ${versions[i - 1]}`,
          );
        assert.equal(
          versions[versions.length - 1],
          last,
          'the last publish is for the last version',
        );
        for (const p of published)
          assert.deepEqual(
            plain(p.diagnostics),
            expectedDiagnostics(texts.get(p.version!)!, uri),
            `the diagnostics published for version ${p.version} do not describe that version`,
          );
      } finally {
        await client.stop();
      }
    });
  });

  describe('1,000 rapid single-character edits', function () {
    this.timeout(120_000);

    it("leave the server's text identical to the editor's: diagnostics, symbols and fix-all match the core on the final text", async () => {
      const client = await LspClient.start();
      try {
        const uri = 'file:///rapid.transcript';
        const random = rng(5);
        let text = EXAMPLE.replace(/\n/g, (m, i: number) => (i % 7 === 0 ? '\r\n' : m));
        await client.open(uri, text);
        const chars = [
          '\n',
          '\r',
          '\r\n',
          ' ',
          ':',
          '[',
          ']',
          '0',
          '5',
          'a',
          'S',
          'ä',
          '😀',
          '\u2028',
          '\t',
        ];
        const sends: Promise<number>[] = [];
        for (let i = 0; i < 1000; i++) {
          const index = new LineIndex(text);
          let start = Math.floor(random() * (text.length + 1));
          // Positions between \r and \n do not exist in LSP.
          if (text[start - 1] === '\r' && text[start] === '\n') start--;
          let end = start;
          let insert = '';
          if (random() < 0.5 && start < text.length) {
            end = text[start] === '\r' && text[start + 1] === '\n' ? start + 2 : start + 1;
          } else insert = chars[Math.floor(random() * chars.length)];
          const change: TextDocumentContentChangeEvent = {
            range: { start: index.positionAt(start), end: index.positionAt(end) },
            text: insert,
          };
          text = text.slice(0, start) + insert + text.slice(end);
          sends.push(client.change(uri, [change]));
        }
        await Promise.all(sends);
        const final = client.version(uri);
        const diagnostics = await client.diagnostics(uri, () => true, 30_000);
        assert.deepEqual(plain(diagnostics), expectedDiagnostics(text, uri), 'last diagnostics');
        const symbols = await client.symbols(uri);
        assert.deepEqual(plain(symbols), expectedSymbols(text), 'document symbols');
        const actions = await client.codeActions(
          uri,
          { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          [],
          ['source.fixAll'],
        );
        const edits = actions.flatMap((a: CodeAction) =>
          (a.edit?.documentChanges ?? []).flatMap((c) => (c as TextDocumentEdit).edits),
        );
        assert.deepEqual(
          plain(edits),
          plain(fixAllEdits(analyze(text).findings).edits),
          'fix-all edits',
        );
        const versions = (client.published.get(uri) ?? []).map((p) => p.version!);
        for (let i = 1; i < versions.length; i++)
          assert.ok(
            versions[i] >= versions[i - 1],
            `version ${versions[i]} published after ${versions[i - 1]}`,
          );
        console.log(
          `      rapid edits: ${final - 1} changes, ${versions.length} diagnostics published, final text ${text.length} chars, ${(diagnostics as Diagnostic[]).length} findings`,
        );
      } finally {
        await client.stop();
      }
    });
  });
});
