/**
 * Drives the built language server over stdio, as an editor does: spawn
 * `node dist/server.js --stdio`, speak JSON-RPC, answer its configuration
 * requests, collect what it publishes. Waiting is always polling for a state.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  Diagnostic,
  DocumentSymbol,
  PublishDiagnosticsParams,
  Range,
  SemanticTokens,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export const SERVER = path.resolve(__dirname, '../../dist/server.js');

export interface Published {
  version?: number;
  diagnostics: Diagnostic[];
}

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly conn: MessageConnection;
  /** Every publishDiagnostics per uri, in order. */
  readonly published = new Map<string, Published[]>();
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  settings: unknown = {};
  private versions = new Map<string, number>();
  stderr = '';

  constructor() {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    this.proc.stderr.on('data', (d) => (this.stderr += String(d)));
    this.conn = createMessageConnection(
      new StreamMessageReader(this.proc.stdout),
      new StreamMessageWriter(this.proc.stdin),
    );
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = this.published.get(p.uri) ?? [];
      list.push({ version: p.version, diagnostics: p.diagnostics });
      this.published.set(p.uri, list);
    });
    this.conn.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      this.messages.push(p);
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map(() => this.settings),
    );
    this.conn.onRequest('window/showMessageRequest', (p: { type: number; message: string }) => {
      this.messages.push(p);
      return null;
    });
    this.conn.listen();
  }

  static async start(settings: unknown = {}, folders: string[] = []): Promise<LspClient> {
    const client = new LspClient();
    client.settings = settings;
    await client.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: folders.map((uri, i) => ({ uri, name: `folder${i}` })),
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: false },
        },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          synchronization: { dynamicRegistration: false },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          codeAction: {
            codeActionLiteralSupport: {
              codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] },
            },
          },
        },
      },
    });
    await client.conn.sendNotification('initialized', {});
    return client;
  }

  async open(uri: string, text: string, languageId = 'transcript'): Promise<void> {
    this.versions.set(uri, 1);
    await this.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  /** Polls until diagnostics for this uri's current version arrive (and satisfy `ok`). */
  async diagnostics(
    uri: string,
    ok: (d: Diagnostic[]) => boolean = () => true,
    timeout = 10_000,
  ): Promise<Diagnostic[]> {
    const want = this.version(uri);
    let found: Diagnostic[] | undefined;
    await waitFor(
      () => {
        const list = this.published.get(uri) ?? [];
        const last = list[list.length - 1];
        if (last && last.version === want && ok(last.diagnostics)) found = last.diagnostics;
        return found !== undefined;
      },
      timeout,
      `diagnostics for ${uri} v${want}`,
    );
    return found!;
  }

  symbols(uri: string): Promise<DocumentSymbol[]> {
    return this.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }

  codeActions(
    uri: string,
    range: Range,
    diagnostics: Diagnostic[],
    only?: string[],
  ): Promise<CodeAction[]> {
    return this.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, only },
    });
  }

  /** Any request about a position in a document. */
  at<T>(
    method: string,
    uri: string,
    line: number,
    character: number,
    extra: object = {},
  ): Promise<T> {
    return this.conn.sendRequest(method, {
      textDocument: { uri },
      position: { line, character },
      ...extra,
    });
  }

  semanticTokens(uri: string): Promise<SemanticTokens> {
    return this.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([
        (async () => {
          await this.conn.sendRequest('shutdown');
          await this.conn.sendNotification('exit');
        })(),
        new Promise((r) => setTimeout(r, 2000)),
      ]);
    } finally {
      this.conn.dispose();
      if (this.proc.exitCode === null) this.proc.kill();
    }
  }
}

export async function waitFor(test: () => boolean, timeout: number, what: string): Promise<void> {
  const end = Date.now() + timeout;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Polls an asynchronous condition (a request, say) until it holds. */
export async function waitForAsync(
  test: () => Promise<boolean>,
  timeout: number,
  what: string,
): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
