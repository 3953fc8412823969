/** The built server over stdio, driven as an editor drives it. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type {
  Diagnostic,
  DocumentSymbol,
  TextDocumentEdit,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/core';
import { CLEAN, lines } from '../unit/util';
import { LspClient, waitFor } from './lspClient';

const EXAMPLE = readFileSync(path.resolve(__dirname, '../../examples/episode.txt'), 'utf8');
const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const editsOf = (change: TextDocumentEdit) => change.edits as TextEdit[];
const codesOf = (d: Diagnostic[]) => d.map((x) => `${x.range.start.line + 1} ${x.code}`);

function names(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name}${s.detail ? ` (${s.detail})` : ''}`,
    ...names(s.children ?? [], depth + 1),
  ]);
}

describe('language server over stdio', function () {
  this.timeout(30_000);
  let client: LspClient;

  beforeEach(async () => {
    client = await LspClient.start();
  });
  afterEach(async () => {
    await client.stop();
  });

  it('announces incremental sync, symbols, quick fixes, fix-all and semantic tokens', async () => {
    const fresh = new LspClient();
    try {
      const result = await fresh.conn.sendRequest<{ capabilities: Record<string, unknown> }>(
        'initialize',
        {
          processId: null,
          rootUri: null,
          capabilities: {},
        },
      );
      const caps = result.capabilities as {
        textDocumentSync: { change: number; openClose: boolean };
        semanticTokensProvider: { legend: { tokenTypes: string[] } };
        codeActionProvider: { codeActionKinds: string[] };
        documentSymbolProvider: unknown;
      };
      assert.equal(caps.textDocumentSync.change, 2, 'incremental');
      assert.ok(caps.documentSymbolProvider);
      assert.deepEqual(caps.semanticTokensProvider.legend.tokenTypes, [
        'chapterHeading',
        'speaker',
        'timestamp',
      ]);
      assert.ok(caps.codeActionProvider.codeActionKinds.includes('quickfix'));
      assert.ok(caps.codeActionProvider.codeActionKinds.includes('source.fixAll'));
    } finally {
      await fresh.stop();
    }
  });

  it('publishes the findings of the example, versioned, with codes and related information', async () => {
    const uri = 'file:///episode.txt';
    await client.open(uri, EXAMPLE);
    const d = await client.diagnostics(uri);
    assert.deepEqual(
      new Set(d.map((x) => x.code)),
      new Set([
        'speaker-spelling',
        'speaker-name-in-text',
        'timestamp-order',
        'timestamp-malformed',
        'chapter-heading-mismatch',
        'chapter-heading-missing',
        'chapter-time-mismatch',
        'speaker-turn-empty',
      ]),
    );
    assert.equal(d.length, 14);
    assert.ok(d.every((x) => x.source === 'transcript'));
    const order = d.find((x) => x.code === 'timestamp-order')!;
    assert.equal(order.severity, 1);
    assert.equal(order.relatedInformation?.[0].location.uri, uri);
    assert.equal(order.relatedInformation?.[0].location.range.start.line, 77);
    assert.equal(d.find((x) => x.code === 'speaker-spelling')!.severity, 2);
    // The consistent 'Stephan' labels are right; the text's 'Stefan' (7 places) is flagged.
    const inText = d.filter((x) => x.code === 'speaker-name-in-text');
    assert.equal(inText.length, 7);
    assert.ok(inText.every((x) => x.severity === 2));
    assert.deepEqual(inText[0].relatedInformation, [
      {
        location: {
          uri,
          range: { start: { line: 26, character: 0 }, end: { line: 26, character: 7 } },
        },
        message: "speaker 'Stephan' is labelled here",
      },
    ]);
    assert.deepEqual(
      d.filter((x) => x.code === 'speaker-spelling').map((x) => messageOf(x)),
      ["'Malt' (1 label) looks like a misspelling of 'Malte' (11 labels)"],
    );
  });

  it('re-checks on an incremental edit: a stamp going backwards appears and goes away', async () => {
    const uri = 'file:///clean.transcript';
    await client.open(uri, CLEAN);
    assert.deepEqual(await client.diagnostics(uri), []);
    // Line 21 (0-based 20) is '[1:40] Noch ein Absatz.'; make it [0:40].
    await client.change(uri, [
      { range: { start: { line: 20, character: 1 }, end: { line: 20, character: 2 } }, text: '0' },
    ]);
    const d = await client.diagnostics(uri);
    assert.deepEqual(codesOf(d), ['21 timestamp-order']);
    assert.match(messageOf(d[0]), /^\[0:40\] is earlier than \[1:12\] on line 19/);
    await client.change(uri, [
      { range: { start: { line: 20, character: 1 }, end: { line: 20, character: 2 } }, text: '1' },
    ]);
    assert.deepEqual(await client.diagnostics(uri), []);
  });

  it('returns the outline as nested document symbols', async () => {
    const uri = 'file:///clean.transcript';
    await client.open(uri, CLEAN);
    const symbols = await client.symbols(uri);
    assert.deepEqual(names(symbols).slice(5), [
      'Transcript',
      '  Begrüßung (0:00:00)',
      '    Malte 0:05',
      '    Stefan 0:20',
      '  Neuigkeiten (0:01:10)',
      '    Malte 1:12',
      '    Stefan 2:05',
    ]);
    const chapter = symbols[5].children![0];
    assert.equal(chapter.selectionRange.start.line, 11, 'selecting a chapter goes to its heading');
  });

  it('offers the name-in-text quick fixes as versioned edits that respell every mention in one step, labels untouched', async () => {
    const uri = 'file:///episode.txt';
    await client.open(uri, EXAMPLE);
    const d = await client.diagnostics(uri);
    const mention = d.find(
      (x) => x.code === 'speaker-name-in-text' && messageOf(x).startsWith("'Stefan'"),
    )!;
    const actions = await client.codeActions(uri, mention.range, [mention]);
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        "Respell 'Stefan' as 'Stephan' (7 places)",
        "Respell only this one as 'Stephan'",
        "Rename speaker 'Stephan' to 'Stefan' (12 labels) instead",
        "Add 'Stefan' to the roster as a misspelling of 'Stephan'",
        "Ignore 'Stefan': another name, not 'Stephan'",
        'Fix all safe transcript problems (4)',
      ],
    );
    const respell = actions[0];
    assert.equal(respell.kind, 'quickfix');
    assert.equal(respell.isPreferred, true);
    assert.ok(actions.slice(1, 5).every((a) => a.isPreferred !== true));
    const change = respell.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    assert.equal(change.edits.length, 7);
    assert.ok(editsOf(change).every((e) => e.newText === 'Stephan'));
    assert.deepEqual(actions[3].command, {
      title: "Add 'Stefan' to the roster as a misspelling of 'Stephan'",
      command: 'transcript.addToRoster',
      arguments: [{ kind: 'misspelling', name: 'Stefan', speaker: 'Stephan' }, uri],
    });
    assert.deepEqual(actions[4].command, {
      title: "Ignore 'Stefan': another name, not 'Stephan'",
      command: 'transcript.addToRoster',
      arguments: [{ kind: 'ignore', name: 'Stefan' }, uri],
    });

    const respelt = applyEdits(EXAMPLE, editsOf(change));
    assert.equal(respelt.match(/Stefan/g), null);
    assert.deepEqual(
      respelt.split('\n').filter((l) => l.endsWith(':')),
      EXAMPLE.split('\n').filter((l) => l.endsWith(':')),
      'no label changes',
    );
    await client.change(uri, [{ text: respelt }]);
    const after = await client.diagnostics(uri);
    assert.deepEqual(
      after.filter((x) => String(x.code).startsWith('speaker-')).map((x) => messageOf(x)),
      [
        "'Malt' (1 label) looks like a misspelling of 'Malte' (11 labels)",
        "'Malte:' has no words before the next label 'Stephan:' on line 94",
      ],
    );
  });

  it('offers one source.fixAll action that applies every safe fix', async () => {
    const uri = 'file:///episode.txt';
    await client.open(uri, EXAMPLE);
    await client.diagnostics(uri);
    const all = await client.codeActions(
      uri,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      [],
      ['source.fixAll'],
    );
    assert.equal(all.length, 1);
    assert.equal(all[0].kind, 'source.fixAll.transcript');
    const edits = editsOf(all[0].edit!.documentChanges![0] as TextDocumentEdit);
    const fixed = applyEdits(EXAMPLE, edits);
    await client.change(uri, [{ text: fixed }]);
    const left = await client.diagnostics(uri);
    assert.deepEqual(
      new Set(left.map((x) => x.code)),
      new Set([
        'timestamp-order',
        'timestamp-malformed',
        'chapter-time-mismatch',
        'speaker-turn-empty',
      ]),
    );
    const quick = await client.codeActions(
      uri,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      [],
      ['quickfix'],
    );
    assert.deepEqual(quick, [], 'no fix-all among quick fixes when only quick fixes are asked for');
  });

  it('sends semantic tokens for the body chapter headings', async () => {
    const uri = 'file:///clean.transcript';
    await client.open(uri, CLEAN);
    const tokens = await client.semanticTokens(uri);
    // [deltaLine, deltaStart, length, type, modifiers] per heading
    assert.deepEqual(tokens.data, [11, 0, 9, 0, 0, 5, 0, 11, 0, 0]);
  });

  it('follows setting changes without reopening the document', async () => {
    const uri = 'file:///b.transcript';
    const text = lines('Malthe:', '[0:01] Hallo.', 'Stefan:', '[0:05] Hi.');
    await client.open(uri, text);
    assert.deepEqual(await client.diagnostics(uri), []);
    client.settings = { speakers: ['Malte'] };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await waitFor(
      () => (client.published.get(uri) ?? []).some((p) => p.diagnostics.length > 0),
      10_000,
      'new findings',
    );
    const d = client.published.get(uri)!.at(-1)!.diagnostics;
    assert.deepEqual(codesOf(d), ['1 speaker-spelling']);
    assert.match(messageOf(d[0]), /known speaker 'Malte'/);
  });

  it('warns about a wrong setting and goes on with the default', async () => {
    client.settings = { chapterTimeTolerance: 'ten', speakers: 'Malte' };
    const uri = 'file:///c.transcript';
    await client.open(uri, CLEAN);
    assert.deepEqual(await client.diagnostics(uri), []);
    await waitFor(() => client.messages.length >= 2, 5000, 'warnings');
    assert.ok(client.messages.every((m) => m.type === 2));
    assert.match(
      client.messages.map((m) => m.message).join('\n'),
      /chapterTimeTolerance must be a number/,
    );
  });

  it('keeps up with 1,000 keystrokes and never publishes an older version after a newer one', async () => {
    const uri = 'file:///typing.transcript';
    await client.open(uri, CLEAN);
    // Type a line into the chapter list, one character at a time, with a
    // backspace now and then; the server must end up with exactly our text.
    const line = 4;
    await client.change(uri, [
      { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '\n' },
    ]);
    let typed = '';
    for (let i = 0; i < 1000; i++) {
      if (i % 10 === 9) {
        const at = typed.length;
        await client.change(uri, [
          { range: { start: { line, character: at - 1 }, end: { line, character: at } }, text: '' },
        ]);
        typed = typed.slice(0, -1);
      } else {
        const ch = String.fromCharCode(97 + (i % 26));
        await client.change(uri, [
          {
            range: {
              start: { line, character: typed.length },
              end: { line, character: typed.length },
            },
            text: ch,
          },
        ]);
        typed += ch;
      }
    }
    const d = await client.diagnostics(uri);
    assert.equal(client.version(uri), 1002);
    assert.deepEqual(codesOf(d), ['5 chapter-entry-malformed']);
    assert.deepEqual(d[0].range, {
      start: { line, character: 0 },
      end: { line, character: typed.length },
    });
    assert.ok(messageOf(d[0]).startsWith(`'${typed.slice(0, 59)}…'`), messageOf(d[0]));
    const versions = client.published.get(uri)!.map((p) => p.version!);
    assert.deepEqual(
      [...versions].sort((a, b) => a - b),
      versions,
      'versions only grow',
    );
    assert.equal(versions.at(-1), 1002);
  });

  it('answers requests for unknown documents neutrally and clears findings on close', async () => {
    assert.deepEqual(await client.symbols('file:///nope.transcript'), []);
    assert.deepEqual(await client.semanticTokens('file:///nope.transcript'), { data: [] });
    const uri = 'file:///bad.transcript';
    await client.open(uri, CLEAN.replace('[0:20]', '[0:2]'));
    assert.equal((await client.diagnostics(uri)).length, 1);
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await waitFor(
      () => client.published.get(uri)!.at(-1)!.diagnostics.length === 0,
      5000,
      'cleared diagnostics',
    );
  });
});
