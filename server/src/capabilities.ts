/** What the server offers, as answered to `initialize`. */
import {
  CodeActionKind,
  TextDocumentSyncKind,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { SEMANTIC_LEGEND } from './protocol';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.transcript`;

export function serverCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    documentSymbolProvider: { label: 'Transcript' },
    codeActionProvider: {
      codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND],
    },
    semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
    foldingRangeProvider: true,
    selectionRangeProvider: true,
    hoverProvider: true,
    completionProvider: { triggerCharacters: [] },
    workspaceSymbolProvider: true,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}
