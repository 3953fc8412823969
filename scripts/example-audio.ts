/**
 * Makes examples/episode.ogg: the example transcript read aloud by a speech
 * synthesiser, each paragraph starting at its timestamp, so that the player
 * has something to play along the example. The Ogg is committed; run this
 * after changing the example (Debian: apt-get install espeak-ng sox):
 *
 *   node --import tsx scripts/example-audio.ts
 *
 * Each speaker gets a voice of espeak-ng's German (a man's or a woman's as
 * the example's speakers are); a paragraph longer than
 * the time to the next stamp is sped up to fit (at most 1.6x, then cut).
 * A paragraph whose stamp is malformed or out of order (the example has one
 * of each, on purpose) follows the paragraph before it.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { paragraphText } from '../server/src/core';
import { orderedStamps } from '../server/src/core/analysis/order';
import { parse } from '../server/src/core/parser';

const ROOT = path.resolve(__dirname, '..');
const TRANSCRIPT = path.join(ROOT, 'examples', 'episode.txt');
const OUT = path.join(ROOT, 'examples', 'episode.ogg');
const RATE = 11025;
/** The example's speakers, by the voice that suits them; others take the next spare one. */
const VOICE_OF: Record<string, string> = {
  Malte: 'de+m3',
  Malt: 'de+m3', // the example's misspelt label of Malte: the same man
  'Malte & Stephan': 'de+m3',
  Stephan: 'de+m1',
  'Dr. Jana Albers': 'de+f3',
  Hörerin: 'de+f1',
};
const SPARE = ['de+m5', 'de+f2', 'de+m2', 'de+f4'];
const MAX_TEMPO = 1.6;
const GAP = 0.3;

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
const seconds = (file: string) => Number(run('soxi', ['-D', file]).trim());

const model = parse(fs.readFileSync(TRANSCRIPT, 'utf8'), { fileName: TRANSCRIPT });
const inOrder = new Set(orderedStamps(model));
const voiceOf = new Map<string, string>();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'example-audio-'));
const parts: string[] = [];
let now = 0;

try {
  const spoken = model.paragraphs.filter((p) => p.turn !== undefined && p.hasWords);
  spoken.forEach((p, i) => {
    const speaker = model.turns[p.turn!].label.name;
    if (!voiceOf.has(speaker))
      voiceOf.set(speaker, VOICE_OF[speaker] ?? SPARE[voiceOf.size % SPARE.length]);
    const start = p.stamp && inOrder.has(p.stamp) ? Math.max(p.stamp.seconds, now) : now + GAP;
    const next = spoken.slice(i + 1).find((q) => q.stamp && inOrder.has(q.stamp))?.stamp?.seconds;
    const room = next !== undefined ? next - start - GAP : Infinity;

    const raw = path.join(tmp, `${i}-raw.wav`);
    run('espeak-ng', [
      '-v',
      voiceOf.get(speaker)!,
      '-s',
      '165',
      '-w',
      raw,
      paragraphText(model, p),
    ]);
    const part = path.join(tmp, `${i}.wav`);
    const length = seconds(raw);
    const tempo = Math.min(MAX_TEMPO, Math.max(1, length / room));
    // A little quieter: espeak-ng's loudest samples clip when resampled.
    const effects = ['gain', '-3', 'rate', String(RATE)];
    if (tempo > 1) effects.push('tempo', tempo.toFixed(3));
    if (length / tempo > room) effects.push('trim', '0', room.toFixed(3));
    run('sox', [raw, '-c', '1', part, ...effects]);

    if (start > now) {
      const silence = path.join(tmp, `${i}-silence.wav`);
      run('sox', [
        '-n',
        '-r',
        String(RATE),
        '-c',
        '1',
        silence,
        'trim',
        '0',
        (start - now).toFixed(3),
      ]);
      parts.push(silence);
    }
    parts.push(part);
    now = start + seconds(part);
  });
  // Vorbis at its lowest quality, 11 kHz mono: plenty for synthetic speech, and small.
  run('sox', [...parts, '-C', '-1', OUT]);
  console.log(
    `wrote ${path.relative(ROOT, OUT)}: ${seconds(OUT).toFixed(1)} s, ` +
      `${(fs.statSync(OUT).size / 1024).toFixed(0)} KB, voices ${JSON.stringify(Object.fromEntries(voiceOf))}`,
  );
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
