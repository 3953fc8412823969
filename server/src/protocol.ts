/** The one place where core types become LSP types. */
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  FoldingRangeKind,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type DocumentSymbol,
  type FoldingRange as LspFoldingRange,
  type SelectionRange,
  type SemanticTokens,
  type SymbolInformation,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import {
  SEMANTIC_TOKEN_TYPES,
  type Completion,
  type FoldingRange,
  type Range,
  type WorkspaceSymbol,
  type Finding,
  type RelatedInformation,
  type Fix,
  type OutlineNode,
  type SemanticToken,
  type Severity,
  type TextEdit,
} from './core';

export const DIAGNOSTIC_SOURCE = 'transcript';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

/**
 * The related information of findings, converted once per uri: findings of
 * one cause share their `related` array (every label of a misspelt speaker
 * points to the same place), so their diagnostics share its conversion too.
 */
const relatedCache = new WeakMap<
  readonly RelatedInformation[],
  { uri: string; value: DiagnosticRelatedInformation[] }
>();

function toRelated(
  related: readonly RelatedInformation[],
  uri: string,
): DiagnosticRelatedInformation[] {
  const cached = relatedCache.get(related);
  if (cached && cached.uri === uri) return cached.value;
  const value = related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  relatedCache.set(related, { uri, value });
  return value;
}

/**
 * Each finding's diagnostic, made once per finding and document: an edit
 * keeps the findings it cannot change (see `reread`), so the diagnostics
 * published after it are mostly the same objects, whose JSON the stdio
 * writer keeps (see `jsonEncoder.ts`).
 */
const diagnostics = new WeakMap<Finding, { readonly uri: string; readonly d: Diagnostic }>();

export function diagnosticOf(f: Finding, uri: string): Diagnostic {
  const known = diagnostics.get(f);
  if (known?.uri === uri) return known.d;
  const d = toDiagnostic(f, uri);
  diagnostics.set(f, { uri, d });
  return d;
}

export function toDiagnostic(f: Finding, uri: string): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.code,
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
    relatedInformation: f.related && toRelated(f.related, uri),
    tags: f.code === 'not-a-transcript' ? [DiagnosticTag.Unnecessary] : undefined,
  };
}

/** A versioned edit: VS Code refuses it if the document changed in between. */
export function toWorkspaceEdit(
  uri: string,
  version: number,
  edits: readonly TextEdit[],
): WorkspaceEdit {
  return {
    documentChanges: [
      {
        textDocument: { uri, version },
        edits: edits.map((e) => ({ range: e.range, newText: e.newText })),
      },
    ],
  };
}

export function toCodeAction(
  fix: Fix,
  uri: string,
  version: number,
  diagnostic?: Diagnostic,
): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: diagnostic ? [diagnostic] : undefined,
    isPreferred: fix.preferred,
    edit: fix.edits.length > 0 ? toWorkspaceEdit(uri, version, fix.edits) : undefined,
    command: fix.command
      ? { title: fix.title, command: fix.command.id, arguments: [...fix.command.args, uri] }
      : undefined,
  };
}

const SYMBOL_KIND: Record<OutlineNode['kind'], SymbolKind> = {
  section: SymbolKind.Module,
  chapter: SymbolKind.Namespace,
  turn: SymbolKind.Event,
};

/** The children of every leaf symbol: one empty array, frozen, not one per turn. */
const NO_SYMBOLS = Object.freeze([]) as unknown as DocumentSymbol[];

/**
 * The symbols of each list of outline nodes, kept while the list lives, and
 * of each node with children. An outline made after an edit shares the
 * lists and nodes the edit did not reach (see `outline`), so only the lists
 * on the edited line's path are made again. A leaf (a turn) is made with its
 * list: keeping one per leaf cost more (a weak entry for each of hundreds of
 * turns on every new outline) than making it.
 */
const symbolLists = new WeakMap<readonly OutlineNode[], DocumentSymbol[]>();
const parentSymbols = new WeakMap<OutlineNode, DocumentSymbol>();

function symbolOf(n: OutlineNode, children: DocumentSymbol[]): DocumentSymbol {
  return {
    name: n.name,
    detail: n.detail,
    kind: SYMBOL_KIND[n.kind],
    range: n.range,
    selectionRange: n.selectionRange,
    children,
  };
}

export function toDocumentSymbols(nodes: readonly OutlineNode[]): DocumentSymbol[] {
  let list = symbolLists.get(nodes);
  if (list) return list;
  list = [];
  for (const n of nodes) {
    if (n.children.length === 0) {
      list.push(symbolOf(n, NO_SYMBOLS));
      continue;
    }
    let symbol = parentSymbols.get(n);
    if (!symbol) parentSymbols.set(n, (symbol = symbolOf(n, toDocumentSymbols(n.children))));
    list.push(symbol);
  }
  symbolLists.set(nodes, list);
  return list;
}

export const SEMANTIC_LEGEND = {
  tokenTypes: [...SEMANTIC_TOKEN_TYPES],
  tokenModifiers: [] as string[],
};

export function toSemanticTokens(tokens: readonly SemanticToken[]): SemanticTokens {
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const t of tokens) {
    const dl = t.line - line;
    data.push(
      dl,
      dl === 0 ? t.character - char : t.character,
      t.length,
      SEMANTIC_TOKEN_TYPES.indexOf(t.type),
      0,
    );
    line = t.line;
    char = t.character;
  }
  return { data };
}

export function toFoldingRanges(ranges: readonly FoldingRange[]): LspFoldingRange[] {
  return ranges.map((r) => ({
    startLine: r.startLine,
    endLine: r.endLine,
    kind: FoldingRangeKind.Region,
    collapsedText: undefined,
  }));
}

export function toCompletionItems(items: readonly Completion[]): CompletionItem[] {
  return items.map((c) => ({
    label: c.label,
    kind: c.kind === 'speaker' ? CompletionItemKind.Constant : CompletionItemKind.Module,
    detail: c.detail,
    sortText: c.sortText,
    filterText: c.insertText,
    textEdit: { range: c.range, newText: c.insertText },
  }));
}

export function toSelectionRange(ranges: readonly Range[]): SelectionRange {
  let parent: SelectionRange | undefined;
  for (let i = ranges.length - 1; i >= 0; i--) parent = { range: ranges[i], parent };
  return parent ?? { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

export function toWorkspaceSymbols(symbols: readonly WorkspaceSymbol[]): SymbolInformation[] {
  return symbols.map((s) => ({
    name: s.name,
    kind: s.kind === 'chapter' ? SymbolKind.Namespace : SymbolKind.Event,
    location: { uri: s.uri, range: s.range },
    containerName: s.detail,
  }));
}
