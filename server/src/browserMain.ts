/**
 * Entry point of the browser server: a web worker started by the web client
 * (VS Code for the Web). It reads no disk: files come from the client.
 */
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  createConnection,
  ProposedFeatures,
} from 'vscode-languageserver/browser';
import { startServer } from './server';

/** The worker's global scope: a message port to the client. */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

startServer(
  createConnection(
    ProposedFeatures.all,
    new BrowserMessageReader(self),
    new BrowserMessageWriter(self),
  ),
);
