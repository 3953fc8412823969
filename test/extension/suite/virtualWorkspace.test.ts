/**
 * Virtual workspaces (`capabilities.virtualWorkspaces`): transcripts on a
 * file system an extension provides (as github.dev's `vscode-vfs:` is) are
 * checked, with the roster and the chapters file beside them read through
 * the editor's file system, never the disk.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhen, waitFor } from './helpers';

const SCHEME = 'transcript-test-memfs';

/** A small in-memory file system: files by path, folders implied by them. */
class MemoryFileSystem implements vscode.FileSystemProvider {
  readonly files = new Map<string, Uint8Array>();
  /** Paths read, in order. */
  readonly reads: string[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  put(path: string, text: string): void {
    this.files.set(path, new TextEncoder().encode(text));
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.files.get(uri.path);
    if (file) return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: file.byteLength };
    if ([...this.files.keys()].some((p) => p.startsWith(uri.path.replace(/\/?$/, '/'))))
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    const prefix = uri.path.replace(/\/?$/, '/');
    const entries = new Map<string, vscode.FileType>();
    for (const p of this.files.keys()) {
      if (!p.startsWith(prefix)) continue;
      const [name, ...rest] = p.slice(prefix.length).split('/');
      entries.set(name!, rest.length ? vscode.FileType.Directory : vscode.FileType.File);
    }
    return [...entries];
  }

  readFile(uri: vscode.Uri): Uint8Array {
    this.reads.push(uri.path);
    const file = this.files.get(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.files.set(uri.path, content);
  }

  createDirectory(): void {}
  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('read-only test file system');
  }
}

/** A guest labelled 'Stephan:' in a show whose roster says 'Stefan'. */
const EPISODE = [
  'Generated Shownotes',
  '',
  'Chapters',
  '0:00:00 Gast im Studio',
  '',
  'Transcript',
  '',
  'Gast im Studio',
  '',
  'Malte:',
  '[0:01] Willkommen.',
  '',
  'Stephan:',
  '[0:05] Danke für die Einladung.',
  '',
].join('\n');

const CUES = [
  'WEBVTT',
  '',
  '00:00:00.000 --> 00:00:04.000',
  '<v Malte>Willkommen.',
  '',
  '00:01:00.000 --> 00:01:04.000',
  '<v Malte>Zweites Thema.',
  '',
].join('\n');

describe('a virtual workspace (a file system provided by an extension)', function () {
  const fs = new MemoryFileSystem();
  let registration: vscode.Disposable;
  const uri = (path: string) => vscode.Uri.from({ scheme: SCHEME, path });

  before(function () {
    fs.put('/show/transcript-roster.json', '{ "speakers": ["Stefan"] }\n');
    fs.put('/show/ep03.txt', EPISODE);
    fs.put('/show/ep04.vtt', CUES);
    fs.put(
      '/show/ep04.chapters.json',
      '{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Auftakt"}, {"startTime": 60, "title": "Zweites Thema"}]}',
    );
    registration = vscode.workspace.registerFileSystemProvider(SCHEME, fs);
  });

  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    registration.dispose();
  });

  it('checks a transcript there, with the roster beside it read through the editor', async function () {
    const doc = await vscode.workspace.openTextDocument(uri('/show/ep03.txt'));
    await vscode.window.showTextDocument(doc);
    await waitFor(
      () =>
        vscode.workspace.textDocuments.find(
          (d) => d.uri.toString() === doc.uri.toString() && d.languageId === 'transcript',
        ),
      'ep03.txt in the Transcript language',
    );
    const found = await diagnosticsWhen(doc.uri, (d) => d.length > 0, 'the roster’s finding');
    assert.deepEqual(
      found.map((d) => [codeOf(d), d.range.start.line + 1, d.message]),
      [
        [
          'speaker-spelling',
          13,
          "'Stephan' (1 label) is a near spelling of the known speaker 'Stefan' (roster)",
        ],
      ],
    );
    assert.ok(fs.reads.includes('/show/transcript-roster.json'), 'the roster was read from here');
  });

  it('outlines a cue file there by the chapters file beside it', async function () {
    const doc = await vscode.workspace.openTextDocument(uri('/show/ep04.vtt'));
    await vscode.window.showTextDocument(doc);
    const symbols = await waitFor(async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
        'vscode.executeDocumentSymbolProvider',
        doc.uri,
      );
      return s?.length ? s : undefined;
    }, 'the outline of ep04.vtt');
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Auftakt', 'Zweites Thema'],
    );
    assert.ok(fs.reads.includes('/show/ep04.chapters.json'));
  });
});
