/** Quick fixes for the findings in a request's range, and fix-all. */
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAllEdits, labelAt, sameRange, type Analysis } from './core';
import { FIX_ALL_KIND } from './capabilities';
import { DIAGNOSTIC_SOURCE, toCodeAction, toWorkspaceEdit } from './protocol';

export function codeActions(
  params: CodeActionParams,
  doc: TextDocument,
  analysis: Analysis,
): CodeAction[] {
  const { uri, version } = doc;
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const f = analysis.findings.find(
        (x) => x.code === diagnostic.code && sameRange(x.range, diagnostic.range),
      );
      for (const fix of f?.fixes ?? []) actions.push(toCodeAction(fix, uri, version, diagnostic));
    }
  }

  if (wants(FIX_ALL_KIND)) {
    const { edits, applied } = fixAllEdits(analysis.findings);
    if (edits.length > 0) {
      actions.push({
        title: `Fix all safe transcript problems (${applied.length})`,
        kind: FIX_ALL_KIND,
        edit: toWorkspaceEdit(uri, version, edits),
      });
    }
  }
  return actions;
}

/** Speaker names the analysis reports as misspellings: completion does not offer them. */
export function misspeltNames(a: Analysis): Set<string> {
  const names = new Set<string>();
  for (const f of a.findings) {
    if (f.code !== 'speaker-spelling') continue;
    const label = labelAt(a.model, f.range.start);
    if (label) names.add(label.name);
  }
  return names;
}
