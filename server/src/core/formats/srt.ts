/**
 * SubRip (`application/x-subrip`): numbered cues of at most two lines, as the
 * Podcasting 2.0 transcript spec asks (32 characters a line by default). A long
 * paragraph becomes several cues, its time span divided in proportion to
 * their words. The speaker's name starts each turn's first cue (`Name: `).
 *
 * SRT has no escapes, so text that starts a cue like a name (`Fazit: ...`)
 * would read as a speaker: such a cue names its speaker again, or, without a
 * speaker, takes the last word of the cue before.
 */
import type { PublishDocument } from './document';
import { speakerPrefix } from './prefix';
import { words, wrap } from './strings';
import { formatClock, toMillis } from './times';

export const DEFAULT_SRT_LINE_WIDTH = 32;
const LINES_PER_CUE = 2;

interface Card {
  /** Lines of words. */
  lines: string[][];
  /** Words of the speaker's name written before the text. */
  prefix: number;
}

function cards(ws: readonly string[], speaker: string | undefined, width: number): Card[] {
  // The prefix is one unbreakable token, so that the name stays on the first line.
  const prefix = speaker ? `${speaker}:` : undefined;
  const lines = wrap(prefix ? [prefix, ...ws] : ws, width).map((l) => l.split(' '));
  const out: Card[] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_CUE)
    out.push({
      lines: lines.slice(i, i + LINES_PER_CUE),
      prefix: i === 0 && prefix ? prefix.split(' ').length : 0,
    });
  return out;
}

export function toSrt(doc: PublishDocument, lineWidth = DEFAULT_SRT_LINE_WIDTH): string {
  const out: string[] = [];
  for (const cue of doc.cues) {
    const list = cards(words(cue.text), cue.firstOfTurn ? cue.speaker : undefined, lineWidth);
    for (let i = 0; i < list.length; i++) {
      const card = list[i];
      if (card.prefix > 0 || !speakerPrefix(card.lines[0].join(' '))) continue;
      if (cue.speaker) {
        card.lines[0].unshift(`${cue.speaker}:`);
        card.prefix = 1;
        continue;
      }
      const before = list[i - 1];
      while (before && speakerPrefix(card.lines[0].join(' '))) {
        const last = before.lines[before.lines.length - 1];
        if (before.lines.length === 1 && last.length <= before.prefix + 1) break;
        card.lines[0].unshift(last.pop()!);
        if (last.length === 0) before.lines.pop();
      }
    }
    const startMs = toMillis(cue.start);
    const span = toMillis(cue.end) - startMs;
    let done = 0;
    for (const card of list) {
      const count = card.lines.reduce((n, l) => n + l.length, 0) - card.prefix;
      const from = startMs + Math.round((span * done) / cue.words);
      done += count;
      const to = startMs + Math.round((span * done) / cue.words);
      const text = card.lines.map((l) => l.join(' ')).join('\n');
      out.push(
        `${out.length + 1}\n${formatClock(from / 1000, ',')} --> ${formatClock(to / 1000, ',')}\n${text}`,
      );
    }
  }
  return out.length ? `${out.join('\n\n')}\n` : '';
}
