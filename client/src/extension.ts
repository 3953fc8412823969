/**
 * The VS Code client: starts the language server, gives Auphonic's `.txt`
 * exports the Transcript language, and runs the few commands that need the
 * editor (changing a setting, fixing everything).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

export const LANGUAGE_ID = 'transcript';
/** The first line of an Auphonic export (the file may start with a BOM). */
const AUPHONIC_FIRST_LINE = /^\uFEFF?\s*Generated Shownotes\s*$/;

let client: LanguageClient | undefined;

/** Gives a plain-text document that starts like an Auphonic export the Transcript language. */
async function detectTranscript(doc: vscode.TextDocument): Promise<void> {
  if (doc.languageId !== 'plaintext' || doc.lineCount === 0) return;
  if (!AUPHONIC_FIRST_LINE.test(doc.lineAt(0).text)) return;
  await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
}

/** Adds a name to `transcript.speakers`, in the workspace when there is one. */
async function acceptSpeaker(name: unknown, uri?: unknown): Promise<void> {
  if (typeof name !== 'string' || !name) return;
  const scope = typeof uri === 'string' ? vscode.Uri.parse(uri) : undefined;
  const config = vscode.workspace.getConfiguration('transcript', scope);
  const current = config.get<unknown[]>('speakers') ?? [];
  const known = current.some((s) =>
    typeof s === 'string' ? s === name : (s as { name?: unknown })?.name === name,
  );
  if (known) return;
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await config.update('speakers', [...current, name], target);
  void vscode.window.setStatusBarMessage(`'${name}' added to transcript.speakers`, 4000);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: LANGUAGE_ID, scheme: 'file' },
      { language: LANGUAGE_ID, scheme: 'untitled' },
      { language: LANGUAGE_ID, scheme: 'vscode-vfs' },
    ],
    synchronize: { configurationSection: 'transcript' },
  };
  client = new LanguageClient(
    LANGUAGE_ID,
    'Transcript Language Server',
    serverOptions,
    clientOptions,
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('transcript.acceptSpeaker', acceptSpeaker),
    vscode.commands.registerCommand('transcript.fixAll', () =>
      vscode.commands.executeCommand('editor.action.sourceAction', {
        kind: 'source.fixAll.transcript',
        apply: 'first',
      }),
    ),
    vscode.workspace.onDidOpenTextDocument((doc) => void detectTranscript(doc)),
  );
  for (const doc of vscode.workspace.textDocuments) void detectTranscript(doc);

  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
