/**
 * Where the player's editor group goes and how large it is: a narrow column
 * beside the transcript or a short row below it (`transcript.player.placement`),
 * at the share of the editor area the person last left it at.
 */
import * as vscode from 'vscode';

/** The player group's share of the editor area when it opens (then as last left). */
const DEFAULT_SHARE = 0.3;
const MIN_SHARE = 0.15;
const MAX_SHARE = 0.6;

type Layout = { orientation: number; groups: { size?: number }[] };

function below(transcript: vscode.Uri): boolean {
  return (
    vscode.workspace.getConfiguration('transcript.player', transcript).get<string>('placement') ===
    'below'
  );
}

const shareKey = (under: boolean) => `transcript.player.share.${under ? 'below' : 'beside'}`;

/** The transcript's group is the only one with editors (an empty one beside it is where the player goes). */
export function playerWillBeAlone(): boolean {
  const groups = vscode.window.tabGroups.all;
  return groups.length <= 2 && groups.filter((g) => g.tabs.length > 0).length <= 1;
}

/** Makes the two groups transcript | player (or transcript over player) at the remembered share. */
export async function placePlayer(state: vscode.Memento, transcript: vscode.Uri): Promise<void> {
  const under = below(transcript);
  const share = state.get<number>(shareKey(under)) ?? DEFAULT_SHARE;
  await vscode.commands.executeCommand('vscode.setEditorLayout', {
    orientation: under ? 1 : 0,
    groups: [{ size: 1 - share }, { size: share }],
  });
}

/** Keeps the player group's share of the width (or height) the person gave it. */
export async function rememberPlayerSize(
  state: vscode.Memento,
  transcript: vscode.Uri,
): Promise<void> {
  const layout = await vscode.commands.executeCommand<Layout | undefined>('vscode.getEditorLayout');
  const under = below(transcript);
  if (!layout || layout.groups.length !== 2 || layout.orientation !== (under ? 1 : 0)) return;
  const [a, b] = layout.groups.map((g) => g.size ?? 0);
  if (!(a > 0 && b > 0)) return;
  await state.update(shareKey(under), Math.min(MAX_SHARE, Math.max(MIN_SHARE, b / (a + b))));
}
