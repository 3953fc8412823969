/**
 * The Transcript view (Explorer): the episode at a glance for the transcript
 * last active in an editor. What plays now (while its player is open), its
 * chapters (click to jump) and its speakers with their turns, words and share
 * of the talk (rename or accept one from its context menu or inline buttons).
 * Computed from the core on the client, as the player's highlight is.
 */
import * as vscode from 'vscode';
import { ACCEPT_SPEAKER_COMMAND } from '../../server/src/core/analysis/speakers';
import type { SideChapters, TranscriptModel } from '../../server/src/core/model';
import { parse } from '../../server/src/core/parser';
import { chapterAtTime } from '../../server/src/core/playback';
import {
  statistics,
  type ChapterStats,
  type SpeakerStats,
  type Statistics,
} from '../../server/src/core/stats';
import { chapterLines } from '../../server/src/core/symbols';
import { formatClock } from '../../server/src/core/time';
import type { PlayerManager } from './player/player';
import { acceptSpeaker } from './roster';
import { sideChaptersBeside } from './sideChapters';

export const VIEW_ID = 'transcript.view';
/** Set once a transcript has been active: the view shows from then on. */
const SEEN_CONTEXT = 'transcript.seen';

type Node =
  | {
      readonly kind: 'playing';
      readonly title: string;
      readonly time: number;
      readonly playing: boolean;
      readonly line?: number;
    }
  | { readonly kind: 'group'; readonly group: 'chapters' | 'speakers'; readonly count: number }
  | (ChapterStats & { readonly kind: 'chapter'; readonly line: number; readonly current: boolean })
  | (SpeakerStats & {
      readonly kind: 'speaker';
      readonly line: number;
      readonly character: number;
    });

interface Snapshot {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly side: SideChapters | undefined;
  readonly model: TranscriptModel;
  readonly stats: Statistics;
}

const percent = (x: number) => `${Math.round(x * 100)} %`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export class TranscriptView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private doc: vscode.TextDocument | undefined;
  private snapshot: Snapshot | undefined;
  private readonly sides = new Map<string, Promise<SideChapters | undefined>>();
  private side: SideChapters | undefined;
  private pending: ReturnType<typeof setTimeout> | undefined;
  /** What the "Now playing" row showed, to refresh only when it changes. */
  private shownPlaying = '';

  constructor(
    private readonly players: PlayerManager,
    private readonly isServed: (doc: vscode.TextDocument) => boolean,
  ) {
    const view = vscode.window.createTreeView(VIEW_ID, {
      treeDataProvider: this,
      showCollapseAll: true,
    });
    this.disposables.push(
      view,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor((e) => this.follow(e?.document)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.doc) this.refreshSoon();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === this.doc) this.follow(undefined, true);
      }),
      // A document whose language changes (a .txt found to be a transcript) is
      // closed and opened again under the new one; the editor shows the new one.
      vscode.workspace.onDidOpenTextDocument(() =>
        setTimeout(() => this.follow(vscode.window.activeTextEditor?.document), 0),
      ),
      players.onDidChangeStatus(() => this.playerChanged()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('transcript')) this.changed.fire(undefined);
      }),
      vscode.commands.registerCommand(
        'transcript.view.reveal',
        (uri: unknown, line: unknown, character: unknown) => reveal(uri, line, character),
      ),
      vscode.commands.registerCommand('transcript.view.renameSpeaker', (node: unknown) =>
        this.renameSpeaker(node),
      ),
      vscode.commands.registerCommand('transcript.view.acceptSpeaker', (node: unknown) =>
        this.acceptSpeaker(node),
      ),
    );
    this.follow(vscode.window.activeTextEditor?.document);
  }

  /** Shows the transcript of the active editor; another kind of editor leaves the view as it is. */
  private follow(doc: vscode.TextDocument | undefined, closed = false): void {
    if (!closed && (!doc || !this.isServed(doc))) return;
    if (doc === this.doc && !closed) return;
    this.doc = closed ? undefined : doc;
    this.snapshot = undefined;
    this.side = undefined;
    if (doc && !closed) {
      void vscode.commands.executeCommand('setContext', SEEN_CONTEXT, true);
      const key = doc.uri.toString();
      let side = this.sides.get(key);
      if (!side) {
        side = sideChaptersBeside(doc.uri).catch(() => undefined);
        this.sides.set(key, side);
      }
      void side.then((s) => {
        if (this.doc !== doc || s === undefined) return;
        this.side = s;
        this.snapshot = undefined;
        this.changed.fire(undefined);
      });
    }
    this.changed.fire(undefined);
  }

  private refreshSoon(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.changed.fire(undefined);
    }, 250);
  }

  private playerChanged(): void {
    const now = this.playingNode();
    const shown = now ? `${now.title}|${now.playing}|${Math.floor(now.time)}` : '';
    if (shown === this.shownPlaying) return;
    this.shownPlaying = shown;
    this.changed.fire(undefined);
  }

  private current(): Snapshot | undefined {
    const doc = this.doc;
    if (!doc || doc.isClosed) return undefined;
    const s = this.snapshot;
    if (s && s.version === doc.version && s.side === this.side) return s;
    const model = parse(doc.getText(), { fileName: doc.uri.path, sideChapters: this.side });
    this.snapshot = {
      uri: doc.uri,
      version: doc.version,
      side: this.side,
      model,
      stats: statistics(model),
    };
    return this.snapshot;
  }

  private playingNode(): Extract<Node, { kind: 'playing' }> | undefined {
    const snap = this.current();
    const player = snap && this.players.playerOf(snap.uri);
    if (!snap || !player) return undefined;
    const chapter = chapterAtTime(snap.model, player.time);
    return {
      kind: 'playing',
      title: chapter?.title ?? 'Before the first chapter',
      time: player.time,
      playing: player.playing,
      line: chapter ? chapterLines(snap.model)[chapter.index] : undefined,
    };
  }

  getChildren(node?: Node): Node[] {
    const snap = this.current();
    if (!snap) return [];
    const { stats, model } = snap;
    if (!node) {
      const out: Node[] = [];
      const playing = this.playingNode();
      if (playing) out.push(playing);
      out.push({ kind: 'group', group: 'chapters', count: stats.chapters.length });
      out.push({ kind: 'group', group: 'speakers', count: stats.speakers.length });
      return out;
    }
    if (node.kind !== 'group') return [];
    if (node.group === 'chapters') {
      const lines = chapterLines(model);
      const player = this.players.playerOf(snap.uri);
      const playing = player && chapterAtTime(model, player.time)?.index;
      return stats.chapters.map((c, i) => ({
        ...c,
        kind: 'chapter',
        line: lines[i] ?? 0,
        current: i === playing,
      }));
    }
    return stats.speakers.map((s) => {
      const at = model.labels.find((l) => l.name === s.name)?.nameRange.start;
      return { ...s, kind: 'speaker', line: at?.line ?? 0, character: at?.character ?? 0 };
    });
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const uri = this.snapshot?.uri;
    const jump = (line: number, character = 0): vscode.Command => ({
      title: 'Go There',
      command: 'transcript.view.reveal',
      arguments: [uri?.toString(), line, character],
    });
    switch (node.kind) {
      case 'playing': {
        const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.None);
        item.description = `${node.playing ? 'playing' : 'paused'} at ${formatClock(Math.floor(node.time))}`;
        item.iconPath = new vscode.ThemeIcon(node.playing ? 'play-circle' : 'debug-pause');
        item.tooltip = 'The chapter the player is in';
        item.id = 'playing';
        if (node.line !== undefined) item.command = jump(node.line);
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(
          node.group === 'chapters' ? 'Chapters' : 'Speakers',
          vscode.TreeItemCollapsibleState.Expanded,
        );
        item.description = String(node.count);
        item.iconPath = new vscode.ThemeIcon(
          node.group === 'chapters' ? 'list-tree' : 'organization',
        );
        item.id = node.group;
        return item;
      }
      case 'chapter': {
        const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.None);
        item.description = formatClock(Math.round(node.start));
        item.tooltip = new vscode.MarkdownString().appendText(
          `${node.title}\n${formatClock(Math.round(node.start))}, ${formatClock(Math.round(node.length))} long, ` +
            `${plural(node.turns, 'turn', 'turns')}, ${plural(node.words, 'word', 'words')}` +
            (node.firstWords ? `\n“${node.firstWords}”` : ''),
        );
        item.iconPath = new vscode.ThemeIcon(node.current ? 'play-circle' : 'bookmark');
        item.command = jump(node.line);
        item.contextValue = 'chapter';
        return item;
      }
      case 'speaker': {
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
        item.description = `${plural(node.turns, 'turn', 'turns')} · ${plural(node.words, 'word', 'words')} · ${percent(node.wordShare)}`;
        item.tooltip = new vscode.MarkdownString().appendText(
          `${node.name}: ${percent(node.wordShare)} of the words, ${percent(node.timeShare)} of the talking time ` +
            `(about ${formatClock(Math.round(node.seconds))})`,
        );
        item.iconPath = new vscode.ThemeIcon('person');
        item.command = jump(node.line, node.character);
        item.contextValue = 'speaker';
        return item;
      }
    }
  }

  private async renameSpeaker(node: unknown): Promise<void> {
    if (!isSpeaker(node) || !this.doc) return;
    const editor = await vscode.window.showTextDocument(this.doc);
    const at = new vscode.Position(node.line, node.character);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.rename');
  }

  /**
   * Accepts a speaker as the quick fix on its label would: the server's own
   * Accept action there (which also records the near label a minority label
   * was taken for, so that accepting 'Malt' does not flag every 'Malte'),
   * else the name alone.
   */
  private async acceptSpeaker(node: unknown): Promise<void> {
    if (!isSpeaker(node) || !this.doc) return;
    const uri = this.doc.uri;
    const at = new vscode.Position(node.line, node.character);
    const actions =
      (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        uri,
        new vscode.Range(at, at.translate(0, node.name.length)),
      )) ?? [];
    for (const a of actions) {
      const command = a instanceof vscode.CodeAction ? a.command : (a as vscode.Command);
      if (command?.command === ACCEPT_SPEAKER_COMMAND && command.arguments?.[0] === node.name) {
        // The server's Accept: (name, the near names, the document's URI).
        const [name, also, documentUri] = command.arguments;
        await vscode.commands.executeCommand(command.command, name, also, documentUri);
        return;
      }
    }
    await acceptSpeaker(node.name, [], uri.toString());
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    for (const d of this.disposables) d.dispose();
  }
}

function isSpeaker(node: unknown): node is Extract<Node, { kind: 'speaker' }> {
  return (
    typeof node === 'object' && node !== null && (node as { kind?: unknown }).kind === 'speaker'
  );
}

async function reveal(uri: unknown, line: unknown, character: unknown = 0): Promise<void> {
  if (typeof uri !== 'string' || typeof line !== 'number') return;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const at = new vscode.Position(line, typeof character === 'number' ? character : 0);
  await vscode.window.showTextDocument(doc, {
    selection: new vscode.Range(at, at),
    preserveFocus: false,
  });
}
