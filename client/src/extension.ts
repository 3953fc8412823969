/**
 * The VS Code client, the same for both builds: `node.ts` (desktop, the
 * server a Node process) and `browser.ts` (VS Code for the Web, the server a
 * web worker) each say how the server starts and call `startExtension`. It
 * gives transcripts in `.txt` and `.md` the Transcript language, answers the
 * server's file requests (`files.ts`) and runs the few commands that need the
 * editor (changing a setting, fixing everything, shift, export, import).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { parseOffset } from '../../server/src/core/shift';
import { ROSTER_FILE } from '../../server/src/core/roster';
import { READERS, servedByName } from '../../server/src/core/readers';
import { EXPORT_FORMATS, FORMAT_INFO } from '../../server/src/core/formats/export';
import { transcriptBaseName } from '../../server/src/core/fileNames';
import {
  EXPORT,
  IMPORT,
  SHIFT_TIMESTAMPS,
  STATISTICS,
  type ExportParams,
  type ExportResponse,
  type ImportParams,
  type ImportResponse,
  type ShiftTimestampsParams,
  type ShiftTimestampsResult,
  type StatisticsParams,
  type StatisticsResult,
} from '../../server/src/requests';
import { registerPlayer } from './player/player';
import { acceptSpeaker, changeRoster } from './roster';
import { TranscriptView } from './view';
import { decodeUtf8 } from './utf8';
import { baseName, serveFiles } from './files';
import { FILE_ACCESS_OPTION } from '../../server/src/requests';

export const LANGUAGE_ID = 'transcript';

let client: BaseLanguageClient | undefined;

/** WebVTT and SRT files, served by name (see the document selector). */
const CUE_FILES = ['**/*.vtt', '**/*.srt'];

/** A document the language server serves: a Transcript, or a cue file by its name. */
function isServed(doc: vscode.TextDocument): boolean {
  return doc.languageId === LANGUAGE_ID || servedByName(doc.uri.path);
}

/**
 * Gives a plain-text or Markdown document that starts like a layout a reader
 * knows the Transcript language (a `.md` of `**Name (00:00):**` turns is a
 * transcript; any other Markdown keeps its language).
 */
async function detectTranscript(doc: vscode.TextDocument): Promise<void> {
  if (doc.languageId !== 'plaintext' && doc.languageId !== 'markdown') return;
  if (doc.lineCount === 0) return;
  // A cue file keeps its language: it is served by name.
  if (servedByName(doc.uri.path)) return;
  // The first lines are enough for every reader's `looksLike`.
  const head = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 20), 0));
  if (!READERS.some((r) => r.looksLike(head))) return;
  await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
}

/**
 * Asks for an offset (or takes it as the argument: `-12`, `+1:30`) and shifts
 * the stamps at or after the cursor (or in the selection).
 */
async function shiftTimestamps(offsetArgument?: unknown): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor || !isServed(editor.document)) return;
  if (typeof offsetArgument === 'string' && parseOffset(offsetArgument) === undefined) {
    void vscode.window.showWarningMessage(
      `'${offsetArgument}' is not an offset: write seconds or a time with a sign, such as -12, +1:30 or -0:00:05`,
    );
    return;
  }
  const offset =
    typeof offsetArgument === 'string' ? offsetArgument : await askOffset(editor.selection);
  if (offset === undefined) return;
  const params: ShiftTimestampsParams = {
    textDocument: { uri: editor.document.uri.toString() },
    offset,
    range: client.code2ProtocolConverter.asRange(editor.selection),
  };
  const result = await client.sendRequest<ShiftTimestampsResult>(SHIFT_TIMESTAMPS, params);
  if (!result.edit) {
    void vscode.window.showWarningMessage(result.message);
    return;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  if (await vscode.workspace.applyEdit(edit))
    void vscode.window.setStatusBarMessage(result.message, 5000);
  else
    void vscode.window.showWarningMessage(
      'The document changed meanwhile; nothing was shifted. Try again.',
    );
}

function askOffset(selection: vscode.Selection): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Shift Timestamps',
    prompt: selection.isEmpty
      ? 'Shift every timestamp and chapter time from the cursor on by (e.g. -12, +1:30, -0:00:05)'
      : 'Shift the timestamps and chapter times in the selection by (e.g. -12, +1:30, -0:00:05)',
    placeHolder: '-12',
    validateInput: (v) =>
      parseOffset(v) === undefined
        ? 'Seconds or a time with a sign, such as -12, +1:30 or -0:00:05'
        : undefined,
  });
}

/** Quick pick of a format, then a save dialog; asks before exporting a transcript with errors. */
async function exportTranscript(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor || !isServed(editor.document)) return;
  const picked = await vscode.window.showQuickPick(
    EXPORT_FORMATS.map((format) => ({
      label: FORMAT_INFO[format].description,
      description: FORMAT_INFO[format].extension,
      format,
    })),
    { title: 'Export Transcript', placeHolder: 'Format' },
  );
  if (!picked) return;
  // The settings as they are: the core ignores widths and lengths that are
  // not positive numbers, and makes a chapters track for WebVTT only.
  const config = vscode.workspace.getConfiguration('transcript.export', editor.document.uri);
  const params: ExportParams = {
    textDocument: { uri: editor.document.uri.toString() },
    format: picked.format,
    lineWidth: config.get<number>('lineWidth'),
    episodeLength: config.get<number>('episodeLength'),
    chaptersTrack: config.get<boolean>('vttChaptersTrack') === true,
  };
  let result = await client.sendRequest<ExportResponse>(EXPORT, params);
  if (!result.ok && result.errors > 0) {
    const force = 'Export Anyway';
    const answer = await vscode.window.showWarningMessage(result.message, { modal: true }, force);
    if (answer !== force) return;
    result = await client.sendRequest<ExportResponse>(EXPORT, { ...params, force: true });
  }
  if (!result.ok) {
    void vscode.window.showErrorMessage(result.message);
    return;
  }
  const source = editor.document.uri;
  // episode.srt → episode.vtt; never the transcript itself (episode.vtt → episode-export.vtt).
  const name = baseName(source.path);
  const base = transcriptBaseName(name);
  const proposed =
    base + result.extension === name
      ? `${base}-export${result.extension}`
      : base + result.extension;
  const target = await vscode.window.showSaveDialog({
    title: `Export ${picked.label}`,
    defaultUri:
      source.scheme === 'untitled' ? undefined : vscode.Uri.joinPath(source, '..', proposed),
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.content));
  const written = [baseName(target.path)];
  const notes = [...result.warnings];
  if (result.chaptersTrack !== undefined) {
    // Beside the transcript track: episode.vtt → episode.chapters.vtt. The
    // save dialog asked about the transcript track only: ask about this one.
    const name = baseName(target.path).replace(/(\.vtt)?$/, '.chapters.vtt');
    const track = vscode.Uri.joinPath(target, '..', name);
    const replace = 'Replace';
    const taken = await vscode.workspace.fs.stat(track).then(
      () => true,
      () => false,
    );
    if (
      taken &&
      (await vscode.window.showWarningMessage(
        `${name} already exists. Replace it with the new chapters track?`,
        { modal: true },
        replace,
      )) !== replace
    )
      notes.push(`${name} kept`);
    else {
      await vscode.workspace.fs.writeFile(track, new TextEncoder().encode(result.chaptersTrack));
      written.push(name);
    }
  }
  const note = notes.length ? ` (${notes.join('; ')})` : '';
  void vscode.window.showInformationMessage(`Exported ${written.join(' and ')}${note}`);
}

/** Open dialog for a WebVTT, SRT or JSON transcript (and optionally chapters); opens the result as a new transcript. */
/**
 * Asks for the file and a chapters file, or takes them as arguments (URIs:
 * the file, and optionally its chapters; then nothing is asked).
 */
async function importTranscript(fileArgument?: unknown, chaptersArgument?: unknown): Promise<void> {
  if (!client) return;
  const given = asUri(fileArgument);
  const [file] = given
    ? [given]
    : ((await vscode.window.showOpenDialog({
        title: 'Import Transcript',
        canSelectMany: false,
        filters: { 'Transcripts (WebVTT, SRT, Podcasting 2.0 JSON)': ['vtt', 'srt', 'json'] },
      })) ?? []);
  if (!file) return;
  const givenChapters = given ? asUri(chaptersArgument) : undefined;
  const withChapters = given
    ? givenChapters
      ? 'Add a chapters file…'
      : 'No chapters file'
    : await vscode.window.showQuickPick(['No chapters file', 'Add a chapters file…'], {
        title: 'Chapters',
      });
  if (withChapters === undefined) return;
  // Undecodable bytes are refused, as the CLI refuses them, never replaced.
  const read = async (uri: vscode.Uri): Promise<string | undefined> => {
    const decoded = decodeUtf8(await vscode.workspace.fs.readFile(uri), baseName(uri.path));
    if (decoded.ok) return decoded.text;
    void vscode.window.showErrorMessage(decoded.message);
    return undefined;
  };
  let chapters: string | undefined;
  if (withChapters !== 'No chapters file') {
    const [c] = givenChapters
      ? [givenChapters]
      : ((await vscode.window.showOpenDialog({
          title: 'Chapters (Podcasting 2.0 JSON, Podlove Simple Chapters, mp4chaps)',
          canSelectMany: false,
        })) ?? []);
    if (!c) return;
    chapters = await read(c);
    if (chapters === undefined) return;
  }
  const content = await read(file);
  if (content === undefined) return;
  const params: ImportParams = {
    content,
    chapters,
    // Anything but 'pauses' means cues, in the core.
    paragraphs: vscode.workspace
      .getConfiguration('transcript.import')
      .get<ImportParams['paragraphs']>('paragraphs'),
  };
  const result = await client.sendRequest<ImportResponse>(IMPORT, params);
  if (!result.ok) {
    void vscode.window.showErrorMessage(`${baseName(file.path)}: ${result.message}`);
    return;
  }
  const doc = await vscode.workspace.openTextDocument({
    language: LANGUAGE_ID,
    content: result.text,
  });
  await vscode.window.showTextDocument(doc);
  if (result.warnings.length) void vscode.window.showWarningMessage(result.warnings.join('; '));
}

/** A command argument that names a file: a Uri, or a URI string. */
function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value !== '') {
    try {
      return vscode.Uri.parse(value, true);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Read-only statistics documents, shown in the Markdown preview. */
class StatisticsDocuments implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'transcript-statistics';
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  async show(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!client || !editor || !isServed(editor.document)) return;
    const params: StatisticsParams = { textDocument: { uri: editor.document.uri.toString() } };
    const { markdown } = await client.sendRequest<StatisticsResult>(STATISTICS, params);
    const name = baseName(editor.document.uri.path);
    const uri = vscode.Uri.from({
      scheme: StatisticsDocuments.scheme,
      path: `/${name} statistics.md`,
    });
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  }
}

/** Makes the language client of a build, given the options both builds share. */
export type ClientFactory = (options: LanguageClientOptions) => BaseLanguageClient;

export async function startExtension(
  context: vscode.ExtensionContext,
  makeClient: ClientFactory,
): Promise<void> {
  const clientOptions: LanguageClientOptions = {
    // Every file system the editor has (disk, github.dev's, a remote): the
    // server reads nothing itself, it asks for files (`files.ts`).
    documentSelector: [
      { language: LANGUAGE_ID },
      // Cue files by name, whatever language another extension gives them:
      // the server reads them by their extension.
      ...CUE_FILES.map((pattern) => ({ pattern })),
    ],
    initializationOptions: { fileAccess: FILE_ACCESS_OPTION },
    synchronize: {
      configurationSection: 'transcript',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.{transcript,txt}'),
        // Roster files and feeds: the names they hold change the findings.
        vscode.workspace.createFileSystemWatcher(`**/${ROSTER_FILE}`),
        vscode.workspace.createFileSystemWatcher('**/*.{rss,xml}'),
        // Chapters files beside cue files and text layouts: their chapters.
        vscode.workspace.createFileSystemWatcher('**/*.chapters.{json,vtt}'),
      ],
    },
  };
  client = makeClient(clientOptions);
  context.subscriptions.push(serveFiles(client));
  const statisticsDocuments = new StatisticsDocuments();

  context.subscriptions.push(
    vscode.commands.registerCommand('transcript.acceptSpeaker', acceptSpeaker),
    vscode.commands.registerCommand('transcript.addToRoster', changeRoster),
    vscode.commands.registerCommand('transcript.fixAll', () =>
      vscode.commands.executeCommand('editor.action.sourceAction', {
        kind: 'source.fixAll.transcript',
        apply: 'first',
      }),
    ),
    vscode.commands.registerCommand('transcript.shiftTimestamps', (offset?: unknown) =>
      shiftTimestamps(offset),
    ),
    vscode.commands.registerCommand('transcript.export', exportTranscript),
    vscode.commands.registerCommand('transcript.import', (file?: unknown, chapters?: unknown) =>
      importTranscript(file, chapters),
    ),
    vscode.workspace.registerTextDocumentContentProvider(
      StatisticsDocuments.scheme,
      statisticsDocuments,
    ),
    vscode.commands.registerCommand('transcript.showStatistics', () => statisticsDocuments.show()),
    vscode.workspace.onDidOpenTextDocument((doc) => void detectTranscript(doc)),
  );
  for (const doc of vscode.workspace.textDocuments) void detectTranscript(doc);
  const players = registerPlayer(context);
  context.subscriptions.push(new TranscriptView(players, isServed));

  await client.start();
}

export async function stopExtension(): Promise<void> {
  await client?.stop();
  client = undefined;
}
