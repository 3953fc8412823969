/**
 * The server over stdio where an editor (or a folder) does something unusual:
 * a repeated version number, another spelling of a file's URI, a link out of
 * the workspace, folders added and removed while it runs.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  Diagnostic,
  SymbolInformation,
  TextDocumentEdit,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { analyze, applyEdits, DEFAULT_SETTINGS, fixAllEdits } from '../../server/src/core';
import { lines } from '../unit/util';
import { LspClient, waitForAsync } from './lspClient';

const EXAMPLE = fs.readFileSync(path.resolve(__dirname, '../../examples/episode.txt'), 'utf8');

function episode(title: string, host = 'Malte'): string {
  return lines(
    'Chapters',
    `0:00:00 ${title}`,
    'Transcript',
    title,
    `${host}:`,
    '[0:01] Hallo.',
    'Stefan:',
    '[0:05] Hi.',
  );
}

/** A file URI as Neovim writes it: lower-case escapes, `( ) !` left as they are. */
function neovimUri(file: string): string {
  const encode = (segment: string) =>
    encodeURIComponent(segment).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
  return `file://${file.split(path.sep).map(encode).join('/')}`;
}

const fixAllOf = async (client: LspClient, uri: string): Promise<TextEdit[]> => {
  const actions = await client.codeActions(
    uri,
    { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    [],
    ['source.fixAll'],
  );
  assert.equal(actions.length, 1);
  return (actions[0].edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
};

describe('server over stdio: repeated versions', function () {
  this.timeout(30_000);
  let client: LspClient;
  beforeEach(async () => {
    client = await LspClient.start();
  });
  afterEach(() => client.stop());

  it('answers fix-all for the new text when a change repeats the version number', async () => {
    const uri = 'file:///episode.txt';
    await client.open(uri, EXAMPLE);
    await client.diagnostics(uri);
    const change = (text: string) =>
      client.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text }],
      });
    await change(EXAMPLE);
    await fixAllOf(client, uri); // the server now holds an analysis for version 2
    // The same version again, with two lines more at the top of the body.
    const moved = EXAMPLE.replace('Transcript\n', 'Transcript\nVorweg\n[0:00] Kurz.\n');
    assert.notEqual(moved, EXAMPLE);
    await change(moved);
    const edits = await fixAllOf(client, uri);
    const expected = fixAllEdits(analyze(moved, DEFAULT_SETTINGS).findings).edits;
    assert.equal(applyEdits(moved, edits), applyEdits(moved, expected));
  });
});

describe('workspace over stdio: spellings, links and folders', function () {
  this.timeout(60_000);
  const made: string[] = [];
  let client: LspClient | undefined;
  const tempDir = (prefix: string) => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    made.push(dir);
    return dir;
  };
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  const symbols = (query: string) =>
    client!.conn.sendRequest<SymbolInformation[]>('workspace/symbol', { query });
  const indexed = (query: string, n: number) =>
    waitForAsync(
      async () => (await symbols(query)).length === n,
      20_000,
      `${n} symbols for '${query}'`,
    );
  const created = (file: string) =>
    client!.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(file).href, type: 1 }],
    });

  it('counts a file opened under another spelling of its URI as one episode, not its own other episode', async () => {
    const dir = tempDir('transcript-uri-');
    for (let i = 1; i <= 3; i++)
      fs.writeFileSync(path.join(dir, `ep${i}.transcript`), episode(`Folge ${i}`));
    const file = path.join(dir, 'Gespräch über Größen (Teil 1)!.transcript');
    const text = episode('Folge 4', 'Malthe');
    fs.writeFileSync(file, text);
    client = await LspClient.start({}, [URI.file(dir).toString()]);
    await indexed('Folge', 4);
    const uri = neovimUri(file);
    assert.notEqual(uri, URI.file(file).toString(), 'a spelling other than the index uses');
    assert.equal(URI.parse(uri).fsPath, file);
    await client.open(uri, text);
    const d: Diagnostic[] = await client.diagnostics(uri);
    assert.deepEqual(
      d.map((x) => x.message),
      ["'Malthe' here (1 label); 'Malte' in 3 other episodes"],
    );
    assert.equal((await symbols('Malthe')).length, 1, 'one episode in the index');
  });

  /** A workspace with one episode and a link to a folder outside it that holds a secret episode. */
  const linkedOut = async () => {
    const workspace = tempDir('transcript-ws-');
    const outside = tempDir('transcript-outside-');
    fs.writeFileSync(
      path.join(outside, 'secret.transcript'),
      episode('Geheimes Kapitel', 'Geheimrat'),
    );
    fs.symlinkSync(outside, path.join(workspace, 'link'), 'dir');
    fs.writeFileSync(path.join(workspace, 'ep1.transcript'), episode('Folge 1'));
    client = await LspClient.start({}, [URI.file(workspace).toString()]);
    await indexed('Folge', 1);
    return { workspace, throughLink: path.join(workspace, 'link', 'secret.transcript') };
  };

  it('reads no file through a linked folder that leads out of the workspace on a file event', async () => {
    const { workspace, throughLink } = await linkedOut();
    await created(throughLink);
    // Events are applied in order: once the next file is in, the link was dealt with.
    fs.writeFileSync(path.join(workspace, 'ep2.transcript'), episode('Folge 2'));
    await created(path.join(workspace, 'ep2.transcript'));
    await indexed('Folge', 2);
    assert.deepEqual(await symbols('Geheim'), []);

    // A linked folder that stays inside the workspace is followed.
    fs.mkdirSync(path.join(workspace, 'season'));
    fs.writeFileSync(path.join(workspace, 'season', 'ep3.transcript'), episode('Folge 3'));
    fs.symlinkSync(path.join(workspace, 'season'), path.join(workspace, 'current'), 'dir');
    await created(path.join(workspace, 'current', 'ep3.transcript'));
    await indexed('Folge', 3);
  });

  it('reads no file through a linked folder that leads out of the workspace when its document closes', async () => {
    const { workspace, throughLink } = await linkedOut();
    // Closing a document makes the server read the file from disk.
    const uri = pathToFileURL(throughLink).href;
    await client!.open(uri, 'Chapters\n');
    await client!.diagnostics(uri);
    await client!.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    fs.writeFileSync(path.join(workspace, 'ep2.transcript'), episode('Folge 2'));
    await created(path.join(workspace, 'ep2.transcript'));
    await indexed('Folge', 2);
    assert.deepEqual(await symbols('Geheim'), []);
  });

  it('indexes folders added while it runs and forgets removed ones', async () => {
    const first = tempDir('transcript-first-');
    const second = tempDir('transcript-second-');
    fs.writeFileSync(path.join(first, 'a.transcript'), episode('Erste Staffel'));
    fs.writeFileSync(path.join(second, 'b.transcript'), episode('Zweite Staffel'));
    client = await LspClient.start({}, [URI.file(first).toString()]);
    await indexed('Erste', 1);
    const folder = (dir: string) => ({ uri: URI.file(dir).toString(), name: path.basename(dir) });
    await client.conn.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [folder(second)], removed: [] },
    });
    await indexed('Zweite', 1);
    await client.conn.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [], removed: [folder(first)] },
    });
    await indexed('Erste', 0);
    assert.equal((await symbols('Zweite')).length, 1);
  });
});
