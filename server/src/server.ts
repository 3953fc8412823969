/**
 * The language server, the same for both builds: `main.ts` (Node, stdio or
 * IPC) and `browserMain.ts` (a web worker) each make a connection and call
 * `startServer`. Files other than the open documents are read through the
 * client when it offers its file system (the VS Code client does, desktop
 * and web), else through `fallbackFiles` (the disk, in Node; nothing in a
 * browser). The pieces: `documents.ts` (state, analysis, diagnostics),
 * `features.ts` (language features), `customRequests.ts`, `workspaceIndexer.ts`.
 */
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver';
import { serverCapabilities } from './capabilities';
import { registerCustomRequests } from './customRequests';
import { TranscriptDocuments } from './documents';
import { registerLanguageFeatures } from './features';
import { NO_FILES, type FileAccess } from './files/access';
import { clientFiles } from './files/client';
import { FILE_ACCESS_OPTION } from './requests';
import { WorkspaceIndexer } from './workspaceIndexer';

export { FIX_ALL_KIND } from './capabilities';

export interface ServerOptions {
  /** Where files are read when the client does not offer its file system. */
  readonly fallbackFiles?: FileAccess;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const indexer = new WorkspaceIndexer({
    onUpdated: () => docs.revalidateAll(),
    log: (m) => connection.console.log(m),
  });
  const docs = new TranscriptDocuments(connection, indexer);
  let folderEvents = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = params.initializationOptions as
      { settings?: unknown; fileAccess?: unknown } | undefined;
    const files =
      init?.fileAccess === FILE_ACCESS_OPTION
        ? clientFiles(connection)
        : (options.fallbackFiles ?? NO_FILES);
    indexer.files = files;
    docs.files = files;
    docs.pullConfiguration = params.capabilities.workspace?.configuration === true;
    docs.pushedSettings = init?.settings;
    folderEvents = params.capabilities.workspace?.workspaceFolders === true;
    indexer.setRoots(
      params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []),
    );
    return {
      capabilities: serverCapabilities(),
      serverInfo: { name: 'transcript-language-server' },
    };
  });

  connection.onInitialized(() => {
    const failed = (e: unknown) =>
      connection.console.error(`indexing failed: ${e instanceof Error ? e.stack : e}`);
    if (folderEvents)
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        void indexer
          .changeRoots(
            e.added.map((f) => f.uri),
            e.removed.map((f) => f.uri),
          )
          .catch(failed);
      });
    // In the background: requests are answered meanwhile from what is indexed.
    void indexer.indexAll().catch(failed);
  });

  connection.onDidChangeConfiguration((change) => docs.configurationChanged(change.settings));
  connection.onDidChangeWatchedFiles((params) => docs.watchedFilesChanged(params));
  registerLanguageFeatures(connection, docs);
  registerCustomRequests(connection, docs);

  docs.documents.listen(connection);
  connection.listen();
}
