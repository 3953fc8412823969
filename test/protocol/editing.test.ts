/** Navigation, editing and workspace features over the protocol. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  CompletionItem,
  FoldingRange,
  Hover,
  Location,
  SelectionRange,
  SymbolInformation,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/core';
import {
  EXPORT,
  IMPORT,
  type ExportResponse,
  type ImportResponse,
} from '../../server/src/requests';
import { CLEAN, lines } from '../unit/util';
import { LspClient, waitForAsync } from './lspClient';

const URI = 'file:///clean.transcript';
const editsOf = (e: WorkspaceEdit) =>
  (e.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];

function episode(n: number, host = 'Malte'): string {
  return lines(
    'Chapters',
    `0:00:00 Folge ${n} Intro`,
    'Transcript',
    `Folge ${n} Intro`,
    `${host}:`,
    '[0:01] Hallo.',
    'Stefan:',
    '[0:05] Hi.',
  );
}

describe('editing features over stdio', function () {
  this.timeout(30_000);
  let client: LspClient;
  beforeEach(async () => {
    client = await LspClient.start();
    await client.open(URI, CLEAN);
    await client.diagnostics(URI);
  });
  afterEach(() => client.stop());

  it('goes to the heading of a chapter entry and back', async () => {
    const there = await client.at<Location>('textDocument/definition', URI, 3, 2);
    assert.deepEqual(there.range.start, { line: 16, character: 0 });
    const back = await client.at<Location>('textDocument/definition', URI, 16, 2);
    assert.deepEqual(back.range.start, { line: 3, character: 8 });
  });

  it('lists every turn of a speaker as references', async () => {
    const refs = await client.at<Location[]>('textDocument/references', URI, 14, 2, {
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      refs.map((r) => r.range.start.line),
      [14, 21],
    );
  });

  it('renames a speaker in one versioned edit, and refuses elsewhere with a message', async () => {
    const prep = await client.at<{ placeholder: string }>('textDocument/prepareRename', URI, 14, 1);
    assert.equal(prep.placeholder, 'Stefan');
    const edit = await client.at<WorkspaceEdit>('textDocument/rename', URI, 14, 1, {
      newName: 'Stephan',
    });
    assert.deepEqual((edit.documentChanges![0] as TextDocumentEdit).textDocument.version, 1);
    assert.equal(applyEdits(CLEAN, editsOf(edit)).match(/^Stephan:$/gm)?.length, 2);
    await assert.rejects(
      client.at('textDocument/prepareRename', URI, 13, 4),
      /Only speaker names can be renamed/,
    );
    await assert.rejects(
      client.at('textDocument/rename', URI, 14, 1, { newName: 'A: B' }),
      /cannot contain ':'/,
    );
  });

  it('folds sections, chapters and turns', async () => {
    const ranges = await client.conn.sendRequest<FoldingRange[]>('textDocument/foldingRange', {
      textDocument: { uri: URI },
    });
    assert.equal(ranges.length, 11);
    assert.ok(ranges.some((r) => r.startLine === 16 && r.endLine === 22));
  });

  it('expands the selection from a word to the section', async () => {
    const [sel] = await client.conn.sendRequest<SelectionRange[]>('textDocument/selectionRange', {
      textDocument: { uri: URI },
      positions: [{ line: 19, character: 2 }],
    });
    const chain: number[] = [];
    for (let s: SelectionRange | undefined = sel; s; s = s.parent) chain.push(s.range.start.line);
    assert.deepEqual(chain, [19, 19, 17, 16, 10, 0]);
  });

  it('hovers a timestamp, a label and a chapter entry', async () => {
    const stamp = await client.at<Hover>('textDocument/hover', URI, 20, 2);
    assert.deepEqual(stamp.contents, {
      kind: 'markdown',
      value: '[1:40] in chapter **Neuigkeiten** (0:01:10), 0:30 after it starts',
    });
    const label = await client.at<Hover>('textDocument/hover', URI, 12, 1);
    assert.match((label.contents as { value: string }).value, /^\*\*Malte\*\*: 2 turns, 17 words/);
    assert.equal(await client.at('textDocument/hover', URI, 13, 12), null);
  });

  it('completes a speaker label on an empty body line', async () => {
    const text = CLEAN.replace('\nNeuigkeiten\n', '\n\n');
    await client.change(URI, [{ text }]);
    const items = await client.at<CompletionItem[]>('textDocument/completion', URI, 16, 0);
    assert.deepEqual(
      items.map((i) => i.label),
      ['Malte:', 'Stefan:', 'Neuigkeiten'],
    );
    assert.deepEqual(items[0].textEdit, {
      range: { start: { line: 16, character: 0 }, end: { line: 16, character: 0 } },
      newText: 'Malte:',
    });
  });

  it('shifts timestamps from the cursor, refusing a negative time', async () => {
    const r = await client.conn.sendRequest<{ edit?: WorkspaceEdit; message: string }>(
      'transcript/shiftTimestamps',
      {
        textDocument: { uri: URI },
        offset: '+1:00',
        range: { start: { line: 16, character: 0 }, end: { line: 16, character: 0 } },
      },
    );
    assert.equal(r.message, 'Shifted 3 timestamps and 1 chapter time by +1:00');
    const after = applyEdits(CLEAN, editsOf(r.edit!));
    assert.match(after, /^0:02:10 Neuigkeiten$/m);
    assert.match(after, /^\[3:05\] Danke\.$/m);
    const refused = await client.conn.sendRequest<{ edit?: WorkspaceEdit; message: string }>(
      'transcript/shiftTimestamps',
      {
        textDocument: { uri: URI },
        offset: '-1:00',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      },
    );
    assert.equal(refused.edit, undefined);
    assert.match(refused.message, /would make \[0:05\] on line 14 negative/);
  });

  /** The export request for the open document; `params` may hold nonsense on purpose. */
  const exportDoc = (params: Record<string, unknown>) =>
    client.conn.sendRequest<ExportResponse>(EXPORT, { textDocument: { uri: URI }, ...params });
  const importText = (params: Record<string, unknown>) =>
    client.conn.sendRequest<ImportResponse>(IMPORT, params);

  it('exports the open document, refusing one with errors unless forced', async () => {
    const vtt = await exportDoc({ format: 'vtt' });
    assert.ok(vtt.ok);
    assert.equal(vtt.extension, '.vtt');
    assert.match(
      vtt.content,
      /^WEBVTT\n\n00:00:05\.000 --> 00:00:20\.000\n<v Malte>Hallo und herzlich willkommen/,
    );
    await client.change(URI, [{ text: CLEAN.replace('[0:20]', '[0:01]') }]);
    const refused = await exportDoc({ format: 'srt' });
    assert.ok(!refused.ok);
    assert.equal(refused.errors, 1);
    assert.match(refused.message, /timestamp-order/);
    const forced = await exportDoc({ format: 'srt', force: true });
    assert.equal(forced.ok, true);
  });

  it('passes line width, episode length and the WebVTT chapters track on to the export', async () => {
    const r = await exportDoc({
      format: 'vtt',
      lineWidth: 12,
      episodeLength: 600,
      chaptersTrack: true,
    });
    assert.ok(r.ok);
    assert.match(r.content, /\n<v Malte>Hallo und\nherzlich\nwillkommen\./);
    assert.match(r.content, / --> 00:10:00\.000\n<v Stefan>Danke\.\n$/);
    assert.match(r.chaptersTrack ?? '', /^WEBVTT\n\n00:00:00\.000 --> /);
    // Nonsense options are ignored (the defaults apply), not passed on.
    const plain = await exportDoc({ format: 'vtt' });
    const odd = await exportDoc({
      format: 'vtt',
      lineWidth: -3,
      episodeLength: 'long',
      chaptersTrack: 'yes',
    });
    assert.ok(plain.ok && odd.ok);
    assert.equal(odd.content, plain.content);
    assert.equal(odd.chaptersTrack, undefined);
  });

  it('imports WebVTT into a transcript', async () => {
    const r = await importText({
      content: 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Malte>Hallo &amp; willkommen.\n',
    });
    assert.deepEqual(r, {
      ok: true,
      format: 'vtt',
      text: 'Transcript\nMalte:\n[0:01] Hallo & willkommen.\n',
      warnings: [],
    });
    const cues =
      'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Anna>Hallo und\n\n00:00:03.000 --> 00:00:05.000\n<v Anna>willkommen.\n';
    const byPause = await importText({ content: cues, paragraphs: 'pauses' });
    assert.ok(byPause.ok);
    assert.equal(byPause.text, 'Transcript\nAnna:\n[0:01] Hallo und willkommen.\n');
    const byCue = await importText({ content: cues, paragraphs: 'cues' });
    assert.ok(byCue.ok);
    assert.equal(byCue.text, 'Transcript\nAnna:\n[0:01] Hallo und\n[0:03] willkommen.\n');
    // Anything else means cues, as no setting at all does.
    for (const paragraphs of ['sentences', undefined]) {
      const other = await importText({ content: cues, paragraphs });
      assert.ok(other.ok);
      assert.equal(other.text, byCue.text);
    }
    const bad = await importText({ content: 'just words' });
    assert.equal(bad.ok, false);
  });

  it('answers the statistics request with Markdown', async () => {
    const r = await client.conn.sendRequest<{ markdown: string }>('transcript/statistics', {
      textDocument: { uri: URI },
    });
    assert.match(r.markdown, /^# Statistics: clean\.transcript/);
    assert.match(r.markdown, /^\| Malte \| 2 \| 17 \|/m);
  });
});

describe('workspace features over stdio', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-ws-'));
    fs.mkdirSync(path.join(dir, 'season', 'node_modules'), { recursive: true });
    for (let i = 1; i <= 60; i++)
      fs.writeFileSync(path.join(dir, 'season', `ep${i}.transcript`), episode(i));
    // An Auphonic export is found by its first line, other .txt files are not.
    fs.writeFileSync(path.join(dir, 'auphonic.txt'), 'Generated Shownotes\n' + episode(61));
    fs.writeFileSync(path.join(dir, 'notes.txt'), episode(62));
    fs.writeFileSync(path.join(dir, 'season', 'node_modules', 'ep99.transcript'), episode(99));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => client.stop());

  const symbols = (query: string) =>
    client.conn.sendRequest<SymbolInformation[]>('workspace/symbol', { query });

  const indexed = (query: string, n: number) =>
    waitForAsync(
      async () => (await symbols(query)).length === n,
      20_000,
      `${n} symbols for '${query}'`,
    );

  it('indexes the workspace in the background and finds chapters and speakers of every episode', async () => {
    client = await LspClient.start({}, [pathToFileURL(dir).href]);
    // Episodes 1-60 and the Auphonic export; not notes.txt, not node_modules.
    await indexed('Intro', 61);
    const found = await symbols('Intro');
    assert.ok(found.every((s) => s.kind === 3));
    const malte = await symbols('malte');
    assert.equal(malte.length, 61);
    assert.ok(malte[0].location.uri.startsWith(pathToFileURL(dir).href));
  });

  it("flags 'Malthe' as a misspelling of the 'Malte' of 61 other episodes", async () => {
    client = await LspClient.start({}, [pathToFileURL(dir).href]);
    await indexed('malte', 61);
    const uri = pathToFileURL(path.join(dir, 'season', 'new.transcript')).href;
    await client.open(uri, episode(100, 'Malthe'));
    const d = await client.diagnostics(uri, (x) => x.length > 0);
    assert.deepEqual(
      d.map((x) => x.message),
      ["'Malthe' here (1 label); 'Malte' in 61 other episodes"],
    );
  });

  it('keeps the index current from file events', async () => {
    client = await LspClient.start({}, [pathToFileURL(dir).href]);
    await indexed('Intro', 61);
    const file = path.join(dir, 'season', 'ep200.transcript');
    const uri = pathToFileURL(file).href;
    fs.writeFileSync(file, episode(200));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri, type: 1 }],
    });
    await indexed('Folge 200', 1);
    fs.rmSync(file);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri, type: 3 }],
    });
    await indexed('Folge 200', 0);
  });
});
