/**
 * "Listen while you correct": an audio player (a webview beside the editor)
 * synced with the transcript. Text steers playback (Play from Here, keys) and
 * playback steers text (the spoken paragraph highlighted and followed, time
 * and chapter in the status bar).
 *
 * This file is the manager: the commands, the highlight, the status bar
 * item, the CodeLens and the players it keeps. One player's panel is in
 * panel.ts (its page in html.ts, its messages in messages.ts), which audio
 * it plays in audio.ts, where its panel goes in placement.ts. The time ↔
 * text rules are pure core logic (server/src/core/playback.ts).
 */
import * as vscode from 'vscode';
import type { SideChapters } from '../../../server/src/core/model';
import {
  playableLines,
  stampForTime,
  timeAtPosition,
  type LensMode,
} from '../../../server/src/core/playback';
import { servedByName, timeInLayout } from '../../../server/src/core/readers';
import { askForAudio, exists, findAudio } from './audio';
import { isSavedPlayerState } from './messages';
import { modelOf, Player, baseName, type PlayerHost } from './panel';
import { placePlayer, playerWillBeAlone, rememberPlayerSize } from './placement';

const LANGUAGE_ID = 'transcript';

/** A transcript the player plays along: the Transcript language, or a cue file by its name. */
function isTranscript(doc: vscode.TextDocument): boolean {
  return doc.languageId === LANGUAGE_ID || servedByName(doc.uri.path);
}

const VIEW_TYPE = 'transcript.player';
const SKIP_SECONDS = 5;

/** The context key the player controls' `when` clauses test. */
export const PLAYER_OPEN_CONTEXT = 'transcript.playerOpen';

/** Every open player (one per transcript), the highlight, the status bar item and the commands. */
export class PlayerManager implements vscode.Disposable, vscode.CodeLensProvider, PlayerHost {
  private readonly players = new Map<string, Player>();
  private lastUsed: Player | undefined;
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    border: '1px solid',
    borderColor: new vscode.ThemeColor('editor.rangeHighlightBorder'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  });
  private readonly statusItem = vscode.window.createStatusBarItem(
    'transcript.player.status',
    vscode.StatusBarAlignment.Left,
    50,
  );
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly statusChanged = new vscode.EventEmitter<void>();
  /** The playing time, state or player of a transcript changed (the Transcript view follows). */
  readonly onDidChangeStatus = this.statusChanged.event;
  private readonly disposables: vscode.Disposable[] = [];
  /** In the cursor mode, the line of each document's lens. */
  private readonly cursorLens = new Map<string, number | undefined>();
  /** The value last given to `transcript.playerOpen`. */
  private contextOpen: boolean | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.statusItem.name = 'Transcript Player';
    this.statusItem.command = 'transcript.player.togglePlay';
    this.statusItem.tooltip = 'Transcript player: play / pause (Ctrl+Alt+K)';
    const cmd = (id: string, fn: (...args: unknown[]) => unknown) =>
      vscode.commands.registerCommand(id, fn);
    this.disposables.push(
      this.decoration,
      this.statusItem,
      this.lensesChanged,
      this.statusChanged,
      cmd('transcript.player.open', () => this.open()),
      cmd('transcript.player.chooseAudio', () => this.chooseAudio()),
      cmd('transcript.player.playFromHere', (uri, line) => this.playFromHere(uri, line)),
      cmd('transcript.player.togglePlay', () => this.withPlayer((p) => p.toggle(this.rewind()))),
      cmd('transcript.player.back', () => this.withPlayer((p) => p.skip(-SKIP_SECONDS))),
      cmd('transcript.player.forward', () => this.withPlayer((p) => p.skip(SKIP_SECONDS))),
      cmd('transcript.player.slower', () => this.withPlayer((p) => p.changeRate(-1))),
      cmd('transcript.player.faster', () => this.withPlayer((p) => p.changeRate(1))),
      cmd('transcript.player.insertTime', () => this.insertTime()),
      vscode.languages.registerCodeLensProvider(
        // As the language client's selector: every file system.
        [{ language: LANGUAGE_ID }, { pattern: '**/*.{vtt,srt}' }],
        this,
      ),
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state) => this.restore(panel, state),
      }),
      vscode.workspace.onDidCloseTextDocument((doc) =>
        this.players.get(doc.uri.toString())?.dispose(),
      ),
      vscode.window.tabGroups.onDidChangeTabs(() => this.disposeUnshown()),
      vscode.window.onDidChangeActiveTextEditor(() => {
        this.refreshAll();
        this.lensesChanged.fire();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.cursorMoved(e)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('transcript.player.codeLens')) this.lensesChanged.fire();
      }),
    );
  }

  private config(uri?: vscode.Uri) {
    return vscode.workspace.getConfiguration('transcript.player', uri);
  }

  private rewind(): number {
    const v = this.config().get<number>('rewindOnResume', 2);
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 2;
  }

  private transcriptEditor(): vscode.TextEditor | undefined {
    const editor = vscode.window.activeTextEditor;
    return editor && isTranscript(editor.document) ? editor : undefined;
  }

  /** The player of a transcript: its time, whether it plays, the chapters beside it. */
  playerOf(
    uri: vscode.Uri,
  ): { time: number; playing: boolean; side: SideChapters | undefined } | undefined {
    const p = this.players.get(uri.toString());
    return p && { time: p.state.time, playing: p.state.playing, side: p.side };
  }

  /** The player of the active transcript, else the one used last. */
  private current(): Player | undefined {
    const editor = this.transcriptEditor();
    const own = editor && this.players.get(editor.document.uri.toString());
    return (
      own ??
      (this.lastUsed && this.players.has(this.lastUsed.transcript.toString())
        ? this.lastUsed
        : undefined)
    );
  }

  private withPlayer(fn: (p: Player) => void): void {
    const player = this.current();
    if (!player) {
      void vscode.window.showInformationMessage(
        'No player is open for this transcript: run "Transcript: Open Player" first.',
      );
      return;
    }
    this.lastUsed = player;
    fn(player);
  }

  /** "Transcript: Choose Audio File…": asks even when audio was found, remembers, reopens the player on it. */
  private async chooseAudio(): Promise<void> {
    const doc = this.transcriptEditor()?.document;
    if (!doc) {
      void vscode.window.showInformationMessage('Open a transcript first.');
      return;
    }
    const audio = await askForAudio(this.context.workspaceState, doc.uri);
    if (!audio) return;
    const old = this.players.get(doc.uri.toString());
    const initial = old ? { time: 0, rate: old.state.rate } : undefined;
    if (old) this.remove(old);
    this.createPlayer(doc.uri, audio, initial);
  }

  async open(doc = this.transcriptEditor()?.document): Promise<Player | undefined> {
    if (!doc || !isTranscript(doc)) {
      void vscode.window.showInformationMessage('Open a transcript first.');
      return undefined;
    }
    const existing = this.players.get(doc.uri.toString());
    if (existing) {
      existing.panel.reveal(undefined, true);
      this.lastUsed = existing;
      return existing;
    }
    const audio = await findAudio(this.context.workspaceState, doc);
    if (!audio) return undefined;
    return this.createPlayer(doc.uri, audio);
  }

  private createPlayer(
    transcript: vscode.Uri,
    audio: vscode.Uri,
    initial?: { time: number; rate: number },
  ): Player {
    const alone = playerWillBeAlone();
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      `Player: ${baseName(transcript)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      // The webview's own options are set by the Player, before its HTML.
      { retainContextWhenHidden: true },
    );
    // The player needs little room: when it opens the second group, that
    // group is made a narrow column (or a short row below), as large as the
    // person last left it. A layout of their own making is left alone.
    // (The new group reaches tabGroups only later: the command after the
    // panel's creation runs after it in the workbench.)
    const state = this.context.globalState;
    const placed = alone ? placePlayer(state, transcript) : Promise.resolve();
    panel.onDidChangeViewState(() => void placed.then(() => rememberPlayerSize(state, transcript)));
    return this.adopt(new Player(transcript, audio, panel, this, initial));
  }

  private adopt(player: Player): Player {
    this.players.set(player.transcript.toString(), player);
    this.lensesChanged.fire();
    this.lastUsed = player;
    this.refreshAll();
    return player;
  }

  /**
   * A player panel VS Code brings back after a window reload: reattached to
   * its transcript and audio at the saved time, or closed when the saved
   * state is unusable or its transcript is no longer open.
   */
  private async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (!isSavedPlayerState(state)) {
      panel.dispose();
      return;
    }
    const transcript = vscode.Uri.parse(state.transcript);
    const audio = vscode.Uri.parse(state.audio);
    const key = transcript.toString();
    if (this.players.has(key) || !shownTranscripts().has(key) || !(await exists(audio))) {
      panel.dispose();
      return;
    }
    this.adopt(new Player(transcript, audio, panel, this, { time: state.time, rate: state.rate }));
  }

  private async playFromHere(uriArg?: unknown, lineArg?: unknown): Promise<void> {
    let doc: vscode.TextDocument | undefined;
    let line: number | undefined;
    if (typeof uriArg === 'string' && typeof lineArg === 'number') {
      doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uriArg);
      line = lineArg;
    } else {
      const editor = this.transcriptEditor();
      doc = editor?.document;
      line = editor?.selection.active.line;
    }
    if (!doc || line === undefined) return;
    const player = this.players.get(doc.uri.toString()) ?? (await this.open(doc));
    if (!player) return;
    this.lastUsed = player;
    player.state.playing = true;
    player.play(timeAtPosition(modelOf(doc, player.side), line));
    this.update(player);
  }

  private async insertTime(): Promise<void> {
    const editor = this.transcriptEditor();
    const player = editor && this.players.get(editor.document.uri.toString());
    if (!editor || !player) {
      void vscode.window.showInformationMessage(
        'No player is open for this transcript: run "Transcript: Open Player" first.',
      );
      return;
    }
    // The time as the document's layout writes it (`[1:05]`, `00:01:05.000`, `1:05`).
    const stamp =
      timeInLayout(modelOf(editor.document, player.side).layout, player.state.time) + ' ';
    await editor.edit((b) => {
      for (const s of editor.selections) b.replace(s, stamp);
    });
  }

  remove(player: Player): void {
    const key = player.transcript.toString();
    if (this.players.get(key) === player) {
      this.players.delete(key);
      this.lensesChanged.fire();
      this.refreshContext();
    }
    if (this.lastUsed === player) this.lastUsed = undefined;
    player.dispose();
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() === key) editor.setDecorations(this.decoration, []);
    }
    this.refreshStatus();
  }

  /** Closes players whose transcript is no longer in any tab. */
  private disposeUnshown(): void {
    const shown = shownTranscripts();
    for (const [key, player] of [...this.players]) if (!shown.has(key)) this.remove(player);
  }

  /** Highlight, follow and status for one player after its state changed. */
  update(player: Player): void {
    const shown = this.highlight(player);
    const follow = this.config(player.transcript).get<boolean>('follow', true) !== false;
    if (shown?.range && shown.changed && follow && player.state.playing) {
      const { editors, range } = shown;
      const target = editors.find((e) => e === vscode.window.activeTextEditor) ?? editors[0];
      target.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    this.refreshStatus();
  }

  private refreshAll(): void {
    for (const player of this.players.values()) this.highlight(player);
    this.refreshStatus();
    this.refreshContext();
  }

  /** Highlights a player's spoken paragraph in the editors showing its transcript (none: undefined). */
  private highlight(
    player: Player,
  ): { editors: vscode.TextEditor[]; range?: vscode.Range; changed: boolean } | undefined {
    const key = player.transcript.toString();
    const editors = vscode.window.visibleTextEditors.filter(
      (e) => e.document.uri.toString() === key,
    );
    if (editors.length === 0) return undefined;
    const { range, changed } = player.paragraphNow(editors[0].document);
    for (const editor of editors) editor.setDecorations(this.decoration, range ? [range] : []);
    return { editors, range, changed };
  }

  /**
   * `transcript.playerOpen`: the active editor's transcript has a player. The
   * player controls are listed in the palette only then.
   */
  private refreshContext(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const open = doc !== undefined && this.players.has(doc.uri.toString());
    if (open === this.contextOpen) return;
    this.contextOpen = open;
    void vscode.commands.executeCommand('setContext', PLAYER_OPEN_CONTEXT, open);
  }

  private refreshStatus(): void {
    this.statusChanged.fire();
    const player = this.current();
    if (!player) {
      this.statusItem.hide();
      return;
    }
    const doc = vscode.workspace.textDocuments.find(
      (d) => d.uri.toString() === player.transcript.toString(),
    );
    // Codicons on screen (not every font has ⏸); the plain text for screen readers.
    const plain = player.statusText(doc);
    this.statusItem.text = plain.replace(/^▶/, '$(play)').replace(/^⏸/, '$(debug-pause)');
    this.statusItem.accessibilityInformation = { label: plain, role: 'button' };
    this.statusItem.show();
  }

  /** Where lenses go for a document: the setting (`true`/`false` of old read as turn/off). */
  private lensMode(uri: vscode.Uri): LensMode {
    const raw = this.config(uri).get<unknown>('codeLens', 'turn');
    if (raw === false || raw === 'off') return 'off';
    return raw === 'cursor' ? 'cursor' : 'turn';
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const mode = this.lensMode(doc.uri);
    if (mode === 'off') return [];
    const uri = doc.uri.toString();
    // Only while this transcript has a player: otherwise a lens above every
    // turn would lengthen the text for nothing to play.
    if (!this.players.has(uri)) return [];
    let cursor: number | undefined;
    if (mode === 'cursor') {
      const editor = vscode.window.activeTextEditor;
      if (editor?.document !== doc) return [];
      cursor = editor.selection.active.line;
    }
    const lenses = playableLines(modelOf(doc, this.players.get(uri)?.side), cursor);
    this.cursorLens.set(uri, lenses[0]?.line);
    return lenses.map(
      ({ line, seconds }) =>
        new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title: `▶ Play from Here (${stampForTime(seconds).slice(1, -1)})`,
          command: 'transcript.player.playFromHere',
          arguments: [uri, line],
        }),
    );
  }

  /** In the cursor mode: the lenses move when the cursor enters another turn. */
  private cursorMoved(e: vscode.TextEditorSelectionChangeEvent): void {
    const doc = e.textEditor.document;
    const uri = doc.uri.toString();
    const player = this.players.get(uri);
    if (!player || this.lensMode(doc.uri) !== 'cursor') return;
    const now = playableLines(modelOf(doc, player.side), e.selections[0].active.line)[0]?.line;
    if (now !== this.cursorLens.get(uri)) this.lensesChanged.fire();
  }

  dispose(): void {
    for (const player of [...this.players.values()]) player.dispose();
    this.players.clear();
    for (const d of this.disposables) d.dispose();
  }
}

/** Registers the player's commands, CodeLens, highlight and status bar item. */
export function registerPlayer(context: vscode.ExtensionContext): PlayerManager {
  const manager = new PlayerManager(context);
  context.subscriptions.push(manager);
  return manager;
}

/** The URIs (as strings) of the text documents in any tab. */
function shownTranscripts(): Set<string> {
  const shown = new Set<string>();
  for (const group of vscode.window.tabGroups.all)
    for (const tab of group.tabs)
      if (tab.input instanceof vscode.TabInputText) shown.add(tab.input.uri.toString());
  return shown;
}
