/**
 * One transcript's player: its webview panel (the page from html.ts, the
 * messages of messages.ts) and the last known playback state. What the
 * panel does to the editor (highlight, status, commands) is the manager's
 * (player.ts), told through `PlayerHost`.
 */
import * as vscode from 'vscode';
import type { SideChapters, TranscriptModel } from '../../../server/src/core/model';
import { parse } from '../../../server/src/core/parser';
import {
  chapterAtTime,
  paragraphAtTime,
  paragraphRange,
  playability,
  playerStatus,
  resumeTime,
  seekBy,
  stepRate,
} from '../../../server/src/core/playback';
import { sideChaptersBeside } from '../sideChapters';
import { makeNonce, playerHtml } from './html';
import { isFromWebview, type FromWebview, type ToWebview } from './messages';

/** The keys as contributed in package.json (shown in the player). */
const KEYS = [
  { key: 'Ctrl+Alt+K', what: 'play / pause' },
  { key: 'Ctrl+Alt+H', what: 'play from the paragraph under the cursor' },
  { key: 'Ctrl+Alt+J / L', what: 'back / forward 5 s' },
  { key: 'Ctrl+Alt+D / U', what: 'slower / faster' },
  { key: 'Ctrl+Alt+N', what: 'insert the current time' },
];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface PlayerState {
  time: number;
  duration?: number;
  playing: boolean;
  rate: number;
}

const models = new WeakMap<
  vscode.TextDocument,
  { version: number; side: SideChapters | undefined; model: TranscriptModel }
>();

/** The document's parse, with the chapters beside it, cached per version. */
export function modelOf(doc: vscode.TextDocument, side?: SideChapters): TranscriptModel {
  const cached = models.get(doc);
  if (cached && cached.version === doc.version && cached.side === side) return cached.model;
  const model = parse(doc.getText(), { fileName: doc.uri.path, sideChapters: side });
  models.set(doc, { version: doc.version, side, model });
  return model;
}

export function toRange(r: {
  start: { line: number; character: number };
  end: { line: number; character: number };
}) {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function baseName(uri: vscode.Uri): string {
  const parts = uri.path.split('/');
  return parts[parts.length - 1] ?? '';
}

/** What a player tells the one that keeps it. */
export interface PlayerHost {
  /** The panel was closed. */
  remove(player: Player): void;
  /** Its time, state or chapters changed. */
  update(player: Player): void;
}

/** One transcript's player: its webview panel, the last known playback state. */
export class Player implements vscode.Disposable {
  readonly state: PlayerState = { time: 0, playing: false, rate: 1 };
  private lastParagraph: number | undefined;
  /** The `seq` of the last message sent to the webview. */
  private sent = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  /** Chapters from a file beside the transcript (for the status bar's chapter). */
  side: SideChapters | undefined;

  constructor(
    readonly transcript: vscode.Uri,
    readonly audio: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    private readonly host: PlayerHost,
    initial?: { time: number; rate: number },
  ) {
    if (initial) {
      this.state.time = initial.time;
      this.state.rate = initial.rate;
    }
    const webview = panel.webview;
    // Scripts, and nothing local but the audio's folder.
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(audio, '..')],
    };
    webview.html = playerHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      keys: KEYS,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((msg: unknown) => this.receive(msg)),
      panel.onDidDispose(() => this.host.remove(this)),
    );
    void sideChaptersBeside(transcript).then((side) => {
      if (!side || this.disposed) return;
      this.side = side;
      this.host.update(this);
    });
  }

  private receive(msg: unknown): void {
    if (!isFromWebview(msg)) {
      console.warn('transcript player: rejected a message from the webview', msg);
      return;
    }
    this.handle(msg);
  }

  private handle(msg: FromWebview): void {
    switch (msg.type) {
      case 'ready': {
        const name = baseName(this.audio);
        const check = playability(name);
        if (!check.ok) {
          this.post({ type: 'unplayable', name, message: check.message });
          void vscode.window.showWarningMessage(check.message);
          return;
        }
        this.post({
          type: 'load',
          src: this.panel.webview.asWebviewUri(this.audio).toString(),
          name,
          time: this.state.time,
          rate: this.state.rate,
          transcript: this.transcript.toString(),
          audio: this.audio.toString(),
        });
        return;
      }
      case 'status':
        // Sent before the webview saw our last command: that command's state wins.
        if (msg.ack < this.sent) return;
        this.state.time = msg.time;
        this.state.duration = msg.duration >= 0 ? msg.duration : undefined;
        this.state.playing = msg.playing;
        this.state.rate = msg.rate;
        this.host.update(this);
        return;
      case 'error':
        void vscode.window.showErrorMessage(msg.message);
        return;
    }
  }

  post(msg: DistributiveOmit<ToWebview, 'seq'>): void {
    if (this.disposed) return;
    const full = { ...msg, seq: ++this.sent } as ToWebview;
    void this.panel.webview.postMessage(full);
  }

  play(time?: number): void {
    if (time !== undefined) this.state.time = time;
    this.post(time === undefined ? { type: 'play' } : { type: 'play', time });
  }

  toggle(rewind: number): void {
    if (this.state.playing) {
      this.state.playing = false;
      this.post({ type: 'pause' });
    } else {
      this.state.playing = true;
      this.play(resumeTime(this.state.time, rewind));
    }
  }

  skip(delta: number): void {
    this.state.time = seekBy(this.state.time, delta, this.state.duration);
    this.post({ type: 'seek', time: this.state.time });
    this.host.update(this);
  }

  changeRate(direction: 1 | -1): void {
    this.state.rate = stepRate(this.state.rate, direction);
    this.post({ type: 'rate', rate: this.state.rate });
    this.host.update(this);
  }

  /** The paragraph to highlight now, and whether it changed since the last call. */
  paragraphNow(doc: vscode.TextDocument): { range?: vscode.Range; changed: boolean } {
    const model = modelOf(doc, this.side);
    const timed = paragraphAtTime(model, this.state.time);
    const changed = timed?.index !== this.lastParagraph;
    this.lastParagraph = timed?.index;
    return { range: timed ? toRange(paragraphRange(model, timed.paragraph)) : undefined, changed };
  }

  statusText(doc: vscode.TextDocument | undefined): string {
    const chapter = doc
      ? chapterAtTime(modelOf(doc, this.side), this.state.time)?.title
      : undefined;
    return playerStatus(this.state.time, this.state.playing, chapter);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}
