/**
 * One side of the peer comparison (bench/peer.ts, bench/peerSides.ts) in a
 * process of its own: `ours` or `theirs`, on the input of so many hours. On 'run' it computes
 * the outline and the diagnostics of a new version once and replies with
 * the milliseconds it took.
 */
import { CancellationToken } from 'vscode-languageserver';
import { editTexts } from './core';
import { makeInputs, toMarkdown } from './inputs';
import {
  countSymbols,
  markdownEditTexts,
  ours,
  OursEditing,
  Peer,
  type PeerMode,
  type Side,
  type WorkerReply,
} from './peerSides';

const side = process.argv[2] as Side;
const hours = Number(process.argv[3]);
const mode = (process.argv[4] ?? 'version') as PeerMode;
const input = makeInputs([hours]).inputs[0];
const uri = `file:///bench/${input.name}.transcript`;
const peer =
  side === 'theirs'
    ? new Peer(`file:///bench/${input.name}.md`, toMarkdown(input.text))
    : undefined;
const markdownTexts = peer && mode === 'edit' ? markdownEditTexts(peer.text) : undefined;
const editing = !peer && mode === 'edit' ? new OursEditing(uri, editTexts(input.text)) : undefined;
let step = 0;

async function once(): Promise<{ symbols: number; diagnostics: number }> {
  if (peer) return peer.run(markdownTexts?.[++step % 2]);
  return editing ? editing.run() : ours(uri, input.text);
}

/**
 * Warm the JIT as the main process's other figures warm their own: for 2 s
 * (at least 5 runs). Both sides alike; a fixed count of runs would leave the
 * faster side's code less optimised than the slower side's.
 */
async function warm(): Promise<void> {
  const t = performance.now();
  for (let i = 0; i < 5 || performance.now() - t < 2000; i++) await once();
}

process.on('message', (cmd: string) => {
  void (async () => {
    let reply: WorkerReply;
    if (cmd === 'warm') {
      const t = performance.now();
      await warm();
      reply = { ms: performance.now() - t, symbols: 0, diagnostics: 0 };
    } else if (cmd === 'headings' && peer) {
      const symbols = await peer.service.getDocumentSymbols(
        peer.bump(),
        {},
        CancellationToken.None,
      );
      reply = { ms: 0, symbols: symbols.length, diagnostics: 0, headings: countSymbols(symbols) };
    } else {
      const t = performance.now();
      const r = await once();
      reply = { ms: performance.now() - t, ...r };
    }
    process.send!(reply);
  })();
});
