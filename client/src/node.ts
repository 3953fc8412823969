/**
 * Entry point of the desktop client (`main`): the server is a Node process
 * spoken to over stdio, as other editors speak to it, whose writer keeps
 * each published diagnostic's JSON (server/src/jsonEncoder.ts).
 */
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { LANGUAGE_ID, startExtension, stopExtension } from './extension';

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: {
      module: serverModule,
      transport: TransportKind.stdio,
      options: { execArgv: ['--nolazy'] },
    },
  };
  return startExtension(
    context,
    (options) =>
      new LanguageClient(LANGUAGE_ID, 'Transcript Language Server', serverOptions, options),
  );
}

export const deactivate = stopExtension;
