/** The language features: each handler a few lines over the core, on the document's analysis. */
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import {
  completions,
  definition,
  foldingRanges,
  hover,
  outline,
  prepareRename,
  references,
  renameSpeaker,
  selectionRanges,
  semanticTokens,
} from './core';
import { codeActions, misspeltNames } from './codeActions';
import type { TranscriptDocuments } from './documents';
import { normalizeUri } from './files/access';
import {
  toCompletionItems,
  toDocumentSymbols,
  toFoldingRanges,
  toSelectionRange,
  toSemanticTokens,
  toWorkspaceEdit,
  toWorkspaceSymbols,
} from './protocol';
import { runSafe } from './runSafe';

export function registerLanguageFeatures(connection: Connection, docs: TranscriptDocuments): void {
  const { index } = docs.indexer;
  const log = { error: (m: string) => connection.console.error(m) };

  connection.onDocumentSymbol((p, token) =>
    docs.withDocument('documentSymbol', p, [], token, (a) => toDocumentSymbols(outline(a.model))),
  );

  connection.languages.semanticTokens.on((p, token) =>
    docs.withDocument('semanticTokens', p, { data: [] }, token, (a) =>
      toSemanticTokens(semanticTokens(a.model)),
    ),
  );

  connection.onCodeAction((p, token) =>
    docs.withDocument('codeAction', p, [], token, (a, doc) => codeActions(p, doc, a)),
  );

  connection.onDefinition((p, token) =>
    docs.withDocument('definition', p, null, token, (a) => {
      const target = definition(a.model, p.position);
      return target ? { uri: p.textDocument.uri, range: target } : null;
    }),
  );

  connection.onReferences((p, token) =>
    docs.withDocument('references', p, [], token, (a) =>
      references(a.model, p.position).map((range) => ({ uri: p.textDocument.uri, range })),
    ),
  );

  connection.onPrepareRename((p, token) =>
    docs.withDocument('prepareRename', p, null, token, (a) => {
      const r = prepareRename(a.model, p.position);
      if (!r.ok) throw new ResponseError(ErrorCodes.InvalidRequest, r.message);
      return { range: r.range, placeholder: r.placeholder };
    }),
  );

  connection.onRenameRequest((p, token) =>
    docs.withDocument('rename', p, null, token, (a, doc) => {
      const r = renameSpeaker(a.model, p.position, p.newName);
      if (!r.ok) throw new ResponseError(ErrorCodes.InvalidRequest, r.message);
      return toWorkspaceEdit(doc.uri, doc.version, r.edits);
    }),
  );

  connection.onFoldingRanges((p, token) =>
    docs.withDocument('foldingRanges', p, [], token, (a) =>
      toFoldingRanges(foldingRanges(a.model)),
    ),
  );

  connection.onSelectionRanges((p, token) =>
    docs.withDocument('selectionRanges', p, [], token, (a) =>
      p.positions.map((pos) => toSelectionRange(selectionRanges(a.model, pos))),
    ),
  );

  connection.onHover((p, token) =>
    docs.withDocument('hover', p, null, token, (a) => {
      const h = hover(a.model, p.position);
      return h
        ? { contents: { kind: 'markdown' as const, value: h.markdown }, range: h.range }
        : null;
    }),
  );

  connection.onCompletion((p, token) =>
    docs.withDocument('completion', p, [], token, (a, _doc, settings) =>
      toCompletionItems(
        completions(
          a.model,
          p.position,
          settings,
          index.speakerEpisodes(normalizeUri(p.textDocument.uri)),
          misspeltNames(a),
        ),
      ),
    ),
  );

  connection.onWorkspaceSymbol((p, token) =>
    runSafe(log, 'workspaceSymbol', [], token, () => toWorkspaceSymbols(index.symbols(p.query))),
  );
}
