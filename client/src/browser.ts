/**
 * Entry point of the web client (`browser`, VS Code for the Web): the server
 * is a web worker. The worker is made from the bundle's bytes (read through
 * `workspace.fs`) rather than from its URL, because VS Code's web worker
 * extension host refuses to start workers from an extension it loads from a
 * remote (`vscode-remote:`), as code-server and remote tunnels do.
 */
import * as vscode from 'vscode';
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  LanguageClient,
  type MessageTransports,
} from 'vscode-languageclient/browser';
import { LANGUAGE_ID, startExtension, stopExtension } from './extension';

/** Object URLs of the server's script, revoked when the extension stops. */
const scripts: string[] = [];

/**
 * A fresh server worker (the client starts one again after a crash), and the
 * transports to it. The transports are made here: the library tells a worker
 * by `instanceof Worker`, which the extension host's own `Worker` fails.
 */
async function startWorker(extensionUri: vscode.Uri): Promise<MessageTransports> {
  const bundle = vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'server.js');
  const source = await vscode.workspace.fs.readFile(bundle);
  // Kept until the extension stops: the worker may load it after `new Worker` returns.
  const url = URL.createObjectURL(new Blob([new Uint8Array(source)], { type: 'text/javascript' }));
  scripts.push(url);
  const worker = new Worker(url, { name: 'Transcript Language Server' });
  return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
}

export function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push({
    dispose: () => scripts.splice(0).forEach((url) => URL.revokeObjectURL(url)),
  });
  return startExtension(
    context,
    (options) =>
      new LanguageClient(
        LANGUAGE_ID,
        'Transcript Language Server',
        () => startWorker(context.extensionUri),
        options,
      ),
  );
}

export const deactivate = stopExtension;
