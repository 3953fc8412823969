/**
 * The quick fixes that add a name to the roster: "Accept 'X' as a known
 * speaker", "Add 'X' to the roster as a misspelling of 'Y'", "Ignore 'X'".
 * They write to the nearest `transcript-roster.json` when the transcript
 * has one (in its folder or a folder above it, within the workspace), else
 * to the workspace settings; and they say where they wrote.
 */
import * as vscode from 'vscode';
import {
  ROSTER_FILE,
  rosterTextWith,
  speakersWith,
  type RosterChange,
  type SpeakerEntry,
} from '../../server/src/core/roster';

/** The nearest roster file for a document, walking up to its workspace folder. */
async function findRoster(doc: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(doc);
  if (!folder) return undefined;
  let dir = vscode.Uri.joinPath(doc, '..');
  for (;;) {
    const candidate = vscode.Uri.joinPath(dir, ROSTER_FILE);
    try {
      await vscode.workspace.fs.stat(candidate);
      return candidate;
    } catch {
      // none here
    }
    if (dir.path === folder.uri.path || !dir.path.startsWith(folder.uri.path)) return undefined;
    const parent = vscode.Uri.joinPath(dir, '..');
    if (parent.path === dir.path) return undefined;
    dir = parent;
  }
}

/** Says where a change was written, with a button to open it (the command does not wait for it). */
function said(message: string, where: vscode.Uri | undefined, open: () => Thenable<unknown>): void {
  void vscode.window
    .showInformationMessage(message, where ? 'Open Roster' : 'Open Settings')
    .then((choice) => (choice ? open() : undefined));
}

async function writeRosterFile(file: vscode.Uri, change: RosterChange): Promise<boolean> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  const changed = rosterTextWith(text, change);
  if (changed === undefined) return false;
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(changed));
  return true;
}

async function writeSettings(scope: vscode.Uri | undefined, change: RosterChange) {
  const config = vscode.workspace.getConfiguration('transcript', scope);
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  if (change.kind === 'ignore') {
    const current = config.get<string[]>('ignoreNames') ?? [];
    if (current.includes(change.name)) return false;
    await config.update('ignoreNames', [...current, change.name], target);
    return true;
  }
  const speakers = speakersWith(config.get<SpeakerEntry[]>('speakers') ?? [], change);
  if (!speakers) return false;
  await config.update('speakers', speakers, target);
  return true;
}

function describe(change: RosterChange): string {
  if (change.kind === 'speaker') {
    const names = [change.name, ...(change.also ?? [])].map((n) => `'${n}'`);
    return names.length === 1
      ? `${names[0]} added as a known speaker`
      : `${names.join(' and ')} added as known speakers`;
  }
  if (change.kind === 'ignore') return `'${change.name}' will no longer be reported`;
  return `'${change.name}' added as a misspelling of '${change.speaker}'`;
}

/** Writes a roster change for the transcript `uri` and says where. */
export async function changeRoster(change: RosterChange, uri: unknown): Promise<void> {
  if (!change || typeof change.name !== 'string' || !change.name) return;
  if (change.kind === 'misspelling' && typeof change.speaker !== 'string') return;
  const doc = typeof uri === 'string' ? vscode.Uri.parse(uri) : undefined;
  const file = doc ? await findRoster(doc) : undefined;
  if (file) {
    const wrote = await writeRosterFile(file, change);
    const where = vscode.workspace.asRelativePath(file);
    said(
      wrote ? `${describe(change)} in ${where}.` : `${where} already has '${change.name}'.`,
      file,
      () => vscode.window.showTextDocument(file),
    );
    return;
  }
  const wrote = await writeSettings(doc, change);
  const where = vscode.workspace.workspaceFolders?.length
    ? 'the workspace settings (.vscode/settings.json)'
    : 'your user settings';
  said(
    wrote
      ? `${describe(change)} in ${where}. A ${ROSTER_FILE} beside your transcripts is shared with the CLI and CI.`
      : `The settings already have '${change.name}'.`,
    undefined,
    () =>
      vscode.commands.executeCommand(
        vscode.workspace.workspaceFolders?.length
          ? 'workbench.action.openWorkspaceSettingsFile'
          : 'workbench.action.openSettingsJson',
      ),
  );
}

/**
 * "Accept 'X' as a known speaker" (with `also`, the near label it was taken
 * for, which is then known too). The server appends the document's URI.
 */
export function acceptSpeaker(name: unknown, also?: unknown, uri?: unknown): Promise<void> {
  if (typeof name !== 'string') return Promise.resolve();
  const others = Array.isArray(also) ? also.filter((a): a is string => typeof a === 'string') : [];
  return changeRoster({ kind: 'speaker', name, also: others }, uri);
}
