/**
 * What every export is built from: the transcript's timed paragraphs ("cues")
 * and its chapters, taken from the parsed model.
 *
 * - A cue is a timestamped paragraph: its lines' prose joined by one space
 *   (chapter headings and blank lines inside it skipped).
 * - A paragraph without a stamp (words before a turn's first stamp, or after a
 *   malformed one) joins the previous stamped paragraph of the same turn, or,
 *   when the turn has none before it, the next one. A turn without any stamp
 *   becomes a cue of its own that starts where the cue before it ends
 *   (0 at the very start). No word is ever dropped.
 * - A cue ends where the next later cue begins; the last one at the episode
 *   length when it is given and later, else after max(2 s, words / 2.5 s)
 *   (150 words a minute).
 * - A chapter ends where the next later chapter begins; the last one at the
 *   episode length when it is given, else where the last cue ends (and 2 s
 *   after its start when that is not later).
 */
import type { TranscriptModel } from '../model';
import { chapterTimes } from '../sideChapters';
import { clean, normalizeSpace, words } from './strings';

export interface Cue {
  /** The speaker's name, when the paragraph belongs to a speaker turn. */
  readonly speaker?: string;
  /** Index of the model turn (undefined for words before the first label). */
  readonly turn?: number;
  /** The first cue of its turn. */
  readonly firstOfTurn: boolean;
  /** Seconds. */
  readonly start: number;
  readonly end: number;
  /** The start comes from a body stamp (not derived from the cue before). */
  readonly stamped: boolean;
  /** Prose, white space normalized. */
  readonly text: string;
  readonly words: number;
  /** First source line of the cue's words. */
  readonly line: number;
}

export interface Chapter {
  readonly title: string;
  readonly start: number;
  /** The next later chapter's start, or the episode's end. */
  readonly end: number;
  /** Line of the chapter's heading in the body, when it has one. */
  readonly headingLine?: number;
}

export interface PublishDocument {
  readonly cues: readonly Cue[];
  readonly chapters: readonly Chapter[];
}

export interface DocumentOptions {
  /** Episode length in seconds: where the last cue and the last chapter end. */
  readonly episodeLength?: number;
}

/** Speaking rate used to estimate how long the last cue lasts. */
const WORDS_PER_SECOND = 2.5;
const MIN_CUE_SECONDS = 2;

export function estimatedDuration(wordCount: number): number {
  return Math.max(MIN_CUE_SECONDS, wordCount / WORDS_PER_SECOND);
}

interface Piece {
  group: number;
  turn?: number;
  speaker?: string;
  stamp?: number;
  /** A cue file's own end time of the cue. */
  end?: number;
  text: string;
  line: number;
}

interface Draft {
  group: number;
  turn?: number;
  speaker?: string;
  start?: number;
  end?: number;
  texts: string[];
  line: number;
}

export function buildDocument(
  model: TranscriptModel,
  options: DocumentOptions = {},
): PublishDocument {
  const headingLines = new Set(model.headings.map((h) => h.line));
  const proseStart = new Map<number, number>();
  const { prose } = model;
  for (let i = 0; i < prose.length; i++) proseStart.set(prose.lines[i], prose.starts[i]);

  // A cue file's ends are kept as written (by the line of their timing).
  const cueEnds = new Map<number, number>();
  for (const c of model.cues ?? []) if (c.end !== undefined) cueEnds.set(c.timingLine, c.end);

  // 1. The text of each paragraph.
  const pieces: Piece[] = [];
  for (const p of model.paragraphs) {
    const parts: string[] = [];
    let first = -1;
    for (let line = p.startLine; line <= p.endLine; line++) {
      if (headingLines.has(line)) continue;
      const start = proseStart.get(line);
      if (start === undefined) continue;
      const t = normalizeSpace(clean(model.text.line(line).slice(start)));
      if (t === '') continue;
      if (first < 0) first = line;
      parts.push(t);
    }
    if (parts.length === 0) continue;
    const turn = p.turn;
    pieces.push({
      group: turn ?? -1,
      turn,
      speaker: turn === undefined ? undefined : speakerName(model.turns[turn].label.name),
      stamp: p.stamp?.seconds,
      end: p.stamp ? cueEnds.get(p.stamp.line) : undefined,
      text: parts.join(' '),
      line: first,
    });
  }

  // 2. Paragraphs without a stamp join a stamped one of the same turn.
  const drafts: Draft[] = [];
  let pending: Piece[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const p = pending[0];
    drafts.push({
      group: p.group,
      turn: p.turn,
      speaker: p.speaker,
      texts: pending.map((x) => x.text),
      line: p.line,
    });
    pending = [];
  };
  for (const piece of pieces) {
    if (pending.length > 0 && pending[0].group !== piece.group) flush();
    const last = drafts[drafts.length - 1];
    if (piece.stamp !== undefined) {
      drafts.push({
        group: piece.group,
        turn: piece.turn,
        speaker: piece.speaker,
        start: piece.stamp,
        end: piece.end,
        texts: [...pending.map((x) => x.text), piece.text],
        line: pending.length > 0 ? pending[0].line : piece.line,
      });
      pending = [];
    } else if (last && last.group === piece.group && last.start !== undefined) {
      last.texts.push(piece.text);
    } else {
      pending.push(piece);
    }
  }
  flush();

  // 3. Starts for turns without any stamp, then ends.
  const starts: number[] = [];
  const counts = drafts.map((d) => words(d.texts.join(' ')).length);
  for (let i = 0; i < drafts.length; i++) {
    const own = drafts[i].start;
    if (own !== undefined) {
      starts.push(own);
      continue;
    }
    let start = i > 0 ? starts[i - 1] + estimatedDuration(counts[i - 1]) : 0;
    const next = drafts.slice(i + 1).find((d) => d.start !== undefined)?.start;
    if (next !== undefined && i > 0 && next >= starts[i - 1] && start > next) start = next;
    starts.push(start);
  }
  const episodeLength = options.episodeLength;
  const cues: Cue[] = drafts.map((d, i) => {
    const start = starts[i];
    let end: number | undefined = d.end !== undefined && d.end > start ? d.end : undefined;
    for (let j = i + 1; j < starts.length && end === undefined; j++)
      if (starts[j] > start) {
        end = starts[j];
        break;
      }
    if (end === undefined)
      end =
        episodeLength !== undefined && episodeLength > start
          ? episodeLength
          : start + estimatedDuration(counts[i]);
    const prev = drafts[i - 1];
    return {
      speaker: d.speaker,
      turn: d.turn,
      firstOfTurn: !prev || prev.group !== d.group,
      start,
      end,
      stamped: d.start !== undefined,
      text: d.texts.join(' '),
      words: counts[i],
      line: d.line,
    };
  });

  // 4. Chapters, ending where the next later one starts.
  let lastEnd = episodeLength ?? 0;
  // A loop, not Math.max(...ends): a transcript of 300,000 cues would overflow the stack.
  if (episodeLength === undefined) for (const c of cues) if (c.end > lastEnd) lastEnd = c.end;
  const headingOf = new Map<number, number>();
  for (const h of model.headings) if (!headingOf.has(h.chapter)) headingOf.set(h.chapter, h.line);
  const listed = chapterTimes(model);
  const chapters: Chapter[] = listed.map((c, i) => {
    let end: number | undefined;
    for (let j = i + 1; j < listed.length; j++)
      if (listed[j].seconds > c.seconds) {
        end = listed[j].seconds;
        break;
      }
    if (end === undefined) end = lastEnd > c.seconds ? lastEnd : c.seconds + MIN_CUE_SECONDS;
    return {
      title: normalizeSpace(clean(c.title)),
      start: c.seconds,
      end,
      headingLine: headingOf.get(i),
    };
  });

  return { cues, chapters };
}

function speakerName(name: string): string {
  return normalizeSpace(clean(name));
}

/**
 * Where chapter headings go among the cues: before the first cue after the
 * chapter's heading line, or (for a chapter without a heading in the body)
 * before the first cue that starts at or after the chapter's time. Returns,
 * for each cue index (and `cues.length` for the end), the chapters to head it.
 */
export function chapterPlacement(doc: PublishDocument): Map<number, number[]> {
  const at = new Map<number, number[]>();
  doc.chapters.forEach((c, i) => {
    let index: number;
    if (c.headingLine !== undefined) {
      const line = c.headingLine;
      index = doc.cues.findIndex((cue) => cue.line > line);
    } else {
      index = doc.cues.findIndex((cue) => cue.start >= c.start);
    }
    if (index < 0) index = doc.cues.length;
    const list = at.get(index);
    if (list) list.push(i);
    else at.set(index, [i]);
  });
  return at;
}
