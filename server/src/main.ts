#!/usr/bin/env node
/**
 * Entry point of the Node server: `transcript-language-server --stdio` (as
 * VS Code starts it too), or `--node-ipc`/`--socket` as the library reads them.
 */
import { inspect } from 'node:util';
import {
  createConnection,
  ProposedFeatures,
  StreamMessageWriter,
  type Connection,
  type MessageReader,
} from 'vscode-languageserver/node';
import { nodeFiles } from './files/node';
import { cachedJsonEncoder } from './jsonEncoder';
import { startServer } from './server';

/**
 * Over stdio the connection is made here, with a writer that keeps each
 * published diagnostic's JSON (see `jsonEncoder.ts`); the library then no
 * longer sends what the server logs with `console` to the client instead of
 * stdout, so that is done here.
 */
function stdioConnection(): Connection {
  const connection = createConnection(
    ProposedFeatures.all,
    // A stream, as the library takes it (it exits when stdin closes); typed
    // as a reader only because no overload takes a stream and a writer.
    process.stdin as unknown as MessageReader,
    new StreamMessageWriter(process.stdout, {
      charset: 'utf-8',
      contentTypeEncoder: cachedJsonEncoder,
    }),
  );
  const to =
    (send: (message: string) => void) =>
    (...args: unknown[]) =>
      send(args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '));
  console.log = to((m) => connection.console.log(m));
  console.info = to((m) => connection.console.info(m));
  console.debug = to((m) => connection.console.log(m));
  console.warn = to((m) => connection.console.warn(m));
  console.error = to((m) => connection.console.error(m));
  console.trace = to((m) => connection.console.log(`${m}\n${new Error().stack ?? ''}`));
  console.dir = to((m) => connection.console.log(m));
  return connection;
}

startServer(
  process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all),
  { fallbackFiles: nodeFiles },
);
