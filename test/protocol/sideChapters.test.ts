/**
 * The server reads the chapters file beside a cue file from disk
 * (`episode.chapters.json`), nests the outline under its chapters, exports
 * them, and reads the file again when it changes.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { EXPORT, type ExportResponse } from '../../server/src/requests';
import { LspClient } from './lspClient';

const VTT = [
  'WEBVTT',
  '',
  '00:00.000 --> 00:04.000',
  '<v Torsten>Hallo und willkommen.',
  '',
  '00:09.000 --> 00:15.000',
  '<v Stephan>Danke für die Einladung.',
  '',
].join('\n');

const CHAPTERS = JSON.stringify({
  version: '1.2.0',
  chapters: [
    { startTime: 0, title: 'Intro' },
    { startTime: 9, title: 'Gespräch' },
  ],
});

const names = (symbols: DocumentSymbol[]) =>
  symbols.map((s) => [s.name, s.detail, (s.children ?? []).map((c) => c.name)]);

describe('language server: chapters beside a cue file', () => {
  let root: string;
  let client: LspClient;
  let uri: string;
  let chapters: string;

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-chapters-'));
    const file = path.join(root, 'episode.vtt');
    fs.writeFileSync(file, VTT);
    chapters = path.join(root, 'episode.chapters.json');
    fs.writeFileSync(chapters, CHAPTERS);
    uri = pathToFileURL(file).toString();
    client = await LspClient.start({}, [pathToFileURL(root).toString()]);
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('nests the outline under the chapters, exports them, and reads the file again when it changes', async () => {
    await client.open(uri, VTT, 'plaintext');
    assert.deepEqual(await client.diagnostics(uri), []);
    assert.deepEqual(names(await client.symbols(uri)), [
      ['Intro', '0:00:00 (episode.chapters.json)', ['Torsten 0:00']],
      ['Gespräch', '0:00:09 (episode.chapters.json)', ['Stephan 0:09']],
    ]);
    const exported = await client.conn.sendRequest<ExportResponse>(EXPORT, {
      textDocument: { uri },
      format: 'chapters-json',
    });
    assert.ok(exported.ok);
    assert.deepEqual(JSON.parse(exported.content).chapters, [
      { startTime: 0, title: 'Intro' },
      { startTime: 9, title: 'Gespräch' },
    ]);

    // The file breaks: the transcript says so on its first line.
    fs.writeFileSync(chapters, '{"chapters": [');
    const old = JSON.stringify(await client.diagnostics(uri));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(chapters).toString(), type: 2 }],
    });
    // Waits for the file's effect, not for any publication: the workspace
    // index finishing its scan may publish the old findings once more.
    const changed = await client.diagnostics(uri, (d) => JSON.stringify(d) !== old);
    assert.deepEqual(
      changed.map((d) => [d.code, d.range.start.line, d.message]),
      [
        [
          'chapter-entry-malformed',
          0,
          'The chapters file beside this transcript, episode.chapters.json, cannot be read: the chapters file is not valid JSON',
        ],
      ],
    );
    assert.deepEqual(names(await client.symbols(uri)), [
      ['Torsten 0:00', undefined, []],
      ['Stephan 0:09', undefined, []],
    ]);
  });
});
