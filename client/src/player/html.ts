/**
 * The player webview's page: one inline script and one inline style, both
 * allowed only by a fresh nonce; media only from the webview's resource
 * origin (the audio file's folder); nothing remote.
 */
import { validatorSource } from './messages';

/** A random nonce for the Content-Security-Policy. */
export function makeNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars[Math.floor(Math.random() * chars.length)];
  return out;
}

/** The Content-Security-Policy of the player page. */
export function playerCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `media-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
  ].join('; ');
}

const STYLE = `
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size);
    color: var(--vscode-foreground); padding: 12px 16px; }
  h1 { font-size: 1.1em; font-weight: 600; margin: 0 0 10px; word-break: break-all; }
  audio { width: 100%; margin: 8px 0; }
  .clock { font-size: 2em; font-variant-numeric: tabular-nums; margin: 4px 0; }
  .row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 6px 0; }
  button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground);
    border: 1px solid var(--vscode-button-border, transparent); padding: 4px 10px; cursor: pointer; }
  button:hover { background: var(--vscode-button-secondaryHoverBackground); }
  button.primary { background: var(--vscode-button-background); color: var(--vscode-button-foreground); }
  #rate { min-width: 3.5em; text-align: center; font-variant-numeric: tabular-nums; }
  #message { color: var(--vscode-errorForeground); margin: 10px 0; white-space: pre-wrap; }
  #message:empty { display: none; }
  code { font-family: var(--vscode-editor-font-family); }
  .keys { opacity: 0.8; margin-top: 14px; line-height: 1.6; }
  kbd { font-family: var(--vscode-editor-font-family); border: 1px solid var(--vscode-widget-border, #888);
    border-radius: 3px; padding: 0 4px; }
`;

/** Runs in the webview. Plain script text (no imports); `validate` comes from messages.ts. */
const SCRIPT = `
(function () {
  const vscode = acquireVsCodeApi();
  const audio = document.getElementById('audio');
  const clock = document.getElementById('clock');
  const rateEl = document.getElementById('rate');
  const name = document.getElementById('name');
  const message = document.getElementById('message');
  const playButton = document.getElementById('play');
  let loaded = false;
  let pending = undefined;
  let ack = 0;

  const fmt = (t) => {
    if (!isFinite(t) || t < 0) t = 0;
    t = Math.floor(t);
    const h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), s = t % 60;
    const ss = String(s).padStart(2, '0');
    return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + ss : m + ':' + ss;
  };
  const rateText = (r) => (Math.round(r * 100) / 100) + '\\u00d7';
  const render = () => {
    clock.textContent = fmt(audio.currentTime) + ' / ' + (isFinite(audio.duration) ? fmt(audio.duration) : '–:––');
    clock.dataset.time = String(audio.currentTime);
    rateEl.textContent = rateText(audio.playbackRate);
    rateEl.dataset.rate = String(audio.playbackRate);
    playButton.textContent = audio.paused ? 'Play' : 'Pause';
    document.body.dataset.state = audio.paused ? 'paused' : 'playing';
  };
  const post = (msg) => vscode.postMessage(msg);
  const status = () => {
    render();
    const state = { time: audio.currentTime || 0, rate: audio.playbackRate || 1 };
    vscode.setState(Object.assign({}, vscode.getState() || {}, state));
    post({ type: 'status', time: audio.currentTime || 0,
      duration: isFinite(audio.duration) ? audio.duration : -1,
      playing: !audio.paused, rate: audio.playbackRate || 1, ack: ack });
  };
  const fail = (text) => {
    message.textContent = text;
    post({ type: 'error', message: text });
  };
  const play = () => {
    const p = audio.play();
    if (p && p.catch) p.catch((e) => fail('Playback did not start: ' + (e && e.message ? e.message : e)));
  };

  for (const ev of ['timeupdate', 'play', 'pause', 'ratechange', 'seeked', 'loadedmetadata', 'ended'])
    audio.addEventListener(ev, status);
  audio.addEventListener('error', () => {
    const e = audio.error;
    const why = !e ? 'unknown error'
      : e.code === 1 ? 'loading was aborted'
      : e.code === 2 ? 'a network error stopped the download'
      : e.code === 3 ? 'the audio could not be decoded'
      : 'the format is not supported here';
    fail('Cannot play ' + (name.textContent || 'the audio') + ': ' + why +
      (e && e.message ? ' (' + e.message + ')' : '') +
      '. MP3, Ogg/Opus, WAV and FLAC play in VS Code; convert other formats, e.g. ffmpeg -i in.m4a out.mp3.');
  });
  audio.addEventListener('loadedmetadata', () => {
    loaded = true;
    if (pending) { const p = pending; pending = undefined; apply(p); }
  });

  const apply = (msg) => {
    if (!loaded && msg.type !== 'load' && msg.type !== 'unplayable' && msg.type !== 'rate') {
      pending = msg;
      return;
    }
    switch (msg.type) {
      case 'load': {
        message.textContent = '';
        name.textContent = msg.name;
        vscode.setState(Object.assign({}, vscode.getState() || {},
          { transcript: msg.transcript, audio: msg.audio, time: msg.time, rate: msg.rate }));
        loaded = false;
        audio.src = msg.src;
        audio.playbackRate = msg.rate;
        audio.defaultPlaybackRate = msg.rate;
        if (msg.time > 0) pending = { type: 'seek', seq: msg.seq, time: msg.time };
        audio.load();
        break;
      }
      case 'unplayable':
        name.textContent = msg.name;
        audio.removeAttribute('src');
        message.textContent = msg.message;
        break;
      case 'play':
        if (msg.time !== undefined) audio.currentTime = msg.time;
        play();
        break;
      case 'pause':
        audio.pause();
        break;
      case 'seek':
        audio.currentTime = msg.time;
        break;
      case 'rate':
        audio.playbackRate = msg.rate;
        audio.defaultPlaybackRate = msg.rate;
        // No ratechange event when the rate stays (clamped): acknowledge anyway.
        status();
        break;
    }
    render();
  };

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!validate(TO_WEBVIEW_SCHEMA, msg)) {
      console.warn('player: rejected a message', msg);
      return;
    }
    ack = msg.seq;
    apply(msg);
  });

  playButton.addEventListener('click', () => { if (audio.paused) play(); else audio.pause(); });
  document.getElementById('back').addEventListener('click', () => { audio.currentTime = Math.max(0, audio.currentTime - 5); });
  document.getElementById('forward').addEventListener('click', () => { audio.currentTime = audio.currentTime + 5; });
  document.getElementById('slower').addEventListener('click', () => { audio.playbackRate = Math.max(0.5, Math.round((audio.playbackRate - 0.25) * 4) / 4); });
  document.getElementById('faster').addEventListener('click', () => { audio.playbackRate = Math.min(2, Math.round((audio.playbackRate + 0.25) * 4) / 4); });

  render();
  post({ type: 'ready' });
})();
`;

export interface PlayerHtmlOptions {
  cspSource: string;
  nonce: string;
  /** Key hints shown under the controls. */
  keys: readonly { key: string; what: string }[];
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function playerHtml({ cspSource, nonce, keys }: PlayerHtmlOptions): string {
  const hints = keys
    .map((k) => `<kbd>${escapeHtml(k.key)}</kbd> ${escapeHtml(k.what)}`)
    .join('<br>');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${playerCsp(cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${STYLE}</style>
<title>Player</title>
</head>
<body data-state="paused">
<h1 id="name"></h1>
<div class="clock" id="clock" aria-live="off">0:00 / –:––</div>
<audio id="audio" controls preload="auto"></audio>
<div class="row">
  <button id="back" title="Back 5 s">−5 s</button>
  <button id="play" class="primary">Play</button>
  <button id="forward" title="Forward 5 s">+5 s</button>
  <button id="slower" title="Slower">Slower</button>
  <span id="rate">1×</span>
  <button id="faster" title="Faster">Faster</button>
</div>
<div id="message" role="alert"></div>
<div class="keys">${hints}</div>
<script nonce="${nonce}">
${validatorSource()}
${SCRIPT}
</script>
</body>
</html>`;
}
