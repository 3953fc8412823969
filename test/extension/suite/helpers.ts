/** Helpers for the extension-host suites: the workspace's transcripts, polling, restoring. */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'podcast-transcripts.podcast-transcripts';
export const EXAMPLE = 'episode.txt';
/** The real episode, copied into the workspace by the runner when it is beside the checkout. */
export const REAL_EPISODE = 'egovernment-podcast-153.txt';

export function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder (the runner opens one)');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

/**
 * Polls `fn` until it returns a truthy value (returned) or `timeout` ms pass;
 * the error then names what was awaited and the last value or error.
 */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  message: string,
  timeout = 20_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeout} ms waiting for ${message} (last: ${detail})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Opens a workspace transcript in an editor and waits for the Transcript language. */
export async function openTranscript(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(name));
  await vscode.window.showTextDocument(doc);
  return waitFor(
    () =>
      vscode.workspace.textDocuments.find(
        (d) => d.uri.toString() === doc.uri.toString() && d.languageId === 'transcript',
      ),
    `${name} in the Transcript language`,
  );
}

/** The document's findings once `ready` holds for them. */
export function diagnosticsWhen(
  uri: vscode.Uri,
  ready: (d: vscode.Diagnostic[]) => boolean,
  message: string,
): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const d = vscode.languages.getDiagnostics(uri);
    return ready(d) ? d : undefined;
  }, `${message} (findings of ${uri.path})`);
}

/** `code@line` (1-based) of each finding, sorted. */
export function keys(d: readonly vscode.Diagnostic[]): string[] {
  return d.map((x) => `${codeOf(x)}@${x.range.start.line + 1}`).sort();
}

export function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

/** A range as `line:col-line:col` (1-based), for readable assertions. */
export function at(r: vscode.Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

/** Sets the document's whole text (an edit, not a save), e.g. back to what it was. */
export async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  if (doc.getText() === text) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not reset ${doc.uri.path}`);
}

/** Applies a code action's edit and checks that VS Code took it. */
export async function applyActionEdit(action: vscode.CodeAction): Promise<void> {
  if (!action.edit) throw new Error(`${action.title} has no edit`);
  if (!(await vscode.workspace.applyEdit(action.edit)))
    throw new Error(`VS Code refused the edit of ${action.title}`);
}

/** The workspace's `transcript.*` settings back to none. */
export async function clearWorkspaceSettings(): Promise<void> {
  const config = vscode.workspace.getConfiguration('transcript');
  for (const key of ['speakers', 'ignoreNames']) {
    if (config.inspect(key)?.workspaceValue !== undefined)
      await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
  }
}
