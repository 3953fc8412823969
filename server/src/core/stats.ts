/**
 * Statistics: per speaker (turns, words, estimated talking time, shares) and
 * per chapter (start, length, turns, words), as data, Markdown or JSON.
 */
import { readerFor, type Layout } from './readers';
import { chapterTimes } from './sideChapters';
import { orderedStamps } from './analysis/order';
import type { Paragraph, TranscriptModel } from './model';
import { compoundParts } from './names';
import { escapeMarkdown } from './markdown';
import { lowerBound } from './search';
import { formatChapterTime, formatClock } from './time';

/** Words per second of ordinary speech (150 a minute), to estimate what stamps do not say. */
export const WORDS_PER_SECOND = 2.5;

export interface SpeakerStats {
  readonly name: string;
  readonly turns: number;
  readonly words: number;
  /** Estimated talking time in seconds. */
  readonly seconds: number;
  /** Share of all words, 0 to 1. */
  readonly wordShare: number;
  /** Share of all talking time, 0 to 1. */
  readonly timeShare: number;
}

export interface ChapterStats {
  readonly title: string;
  readonly start: number;
  readonly end: number;
  readonly length: number;
  readonly turns: number;
  readonly words: number;
  readonly firstWords: string;
}

export interface Statistics {
  /** The layout the transcript was read in (`auphonic`, `webvtt`, `srt`). */
  readonly layout?: Layout;
  readonly duration: number;
  readonly words: number;
  readonly speakers: readonly SpeakerStats[];
  readonly chapters: readonly ChapterStats[];
}

/** The words of a paragraph: its lines after the stamp, without chapter headings or blanks. */
const headingLinesOf = new WeakMap<TranscriptModel, Set<number>>();

export function paragraphText(model: TranscriptModel, p: Paragraph): string {
  let headingLines = headingLinesOf.get(model);
  if (!headingLines) {
    headingLines = new Set(model.headings.map((h) => h.line));
    headingLinesOf.set(model, headingLines);
  }
  const parts: string[] = [];
  for (let line = p.startLine; line <= p.endLine; line++) {
    if (headingLines.has(line)) continue;
    let text = model.text.line(line);
    if (line === p.startLine && p.stamp) text = text.slice(p.stamp.range.end.character);
    else if (line === p.startLine) {
      const bad = model.malformedStamps.find((m) => m.line === line);
      if (bad) text = text.slice(bad.range.end.character);
    }
    const t = text.trim();
    if (t) parts.push(t);
  }
  return parts.join(' ');
}

/**
 * Seconds each paragraph lasts: a cue's own length in a cue file, else until
 * the next later stamp, else estimated from its words.
 */
function durations(model: TranscriptModel): number[] {
  const ordered = new Set(orderedStamps(model));
  const cueEnds = new Map<number, number>();
  for (const cue of model.cues ?? [])
    if (cue.start !== undefined && cue.end !== undefined && cue.end >= cue.start)
      cueEnds.set(cue.timingLine, cue.end);
  const paras = model.paragraphs;
  const out = new Array<number>(paras.length);
  let next: number | undefined;
  for (let i = paras.length - 1; i >= 0; i--) {
    const p = paras[i];
    const estimate = p.words / WORDS_PER_SECOND;
    if (p.stamp && ordered.has(p.stamp)) {
      const end = cueEnds.get(p.stamp.line);
      out[i] =
        end !== undefined
          ? end - p.stamp.seconds
          : next !== undefined && next >= p.stamp.seconds
            ? next - p.stamp.seconds
            : estimate;
      next = p.stamp.seconds;
    } else out[i] = estimate;
  }
  return out;
}

function firstWords(text: string, n = 12): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.slice(0, n).join(' ') + (words.length > n ? ' …' : '');
}

export function statistics(model: TranscriptModel): Statistics {
  const lasting = durations(model);
  const bySpeaker = new Map<string, { turns: number; words: number; seconds: number }>();
  let spokenWords = 0;
  let spokenSeconds = 0;
  for (const turn of model.turns) {
    let seconds = 0;
    for (const i of turn.paragraphs) seconds += lasting[i];
    spokenWords += turn.words;
    spokenSeconds += seconds;
    // A label for two voices at once (`Anna & Ben`) credits each of them.
    for (const name of compoundParts(turn.label.name) ?? [turn.label.name]) {
      const s = bySpeaker.get(name) ?? { turns: 0, words: 0, seconds: 0 };
      s.turns++;
      s.words += turn.words;
      s.seconds += seconds;
      bySpeaker.set(name, s);
    }
  }
  const totalWords = model.paragraphs.reduce((n, p) => n + p.words, 0);
  const speakers = [...bySpeaker.entries()]
    .map(([name, s]) => ({
      name,
      ...s,
      wordShare: spokenWords ? s.words / spokenWords : 0,
      timeShare: spokenSeconds ? s.seconds / spokenSeconds : 0,
    }))
    .sort((a, b) => b.words - a.words || a.name.localeCompare(b.name));

  const stamps = orderedStamps(model);
  const lastStamped = [...model.paragraphs.keys()].reverse().find((i) => model.paragraphs[i].stamp);
  const duration =
    stamps.length > 0
      ? stamps[stamps.length - 1].seconds + (lastStamped !== undefined ? lasting[lastStamped] : 0)
      : totalWords / WORDS_PER_SECOND;

  // Stamped paragraphs in time order, to find each chapter's by binary search.
  const timed = model.paragraphs
    .filter((p) => p.stamp)
    .sort((a, b) => a.stamp!.seconds - b.stamp!.seconds || a.startLine - b.startLine);
  // The next later chapter start after each chapter (a scan from the end).
  const listed = chapterTimes(model);
  const nextStarts = new Array<number | undefined>(listed.length);
  const later: number[] = [];
  for (let i = listed.length - 1; i >= 0; i--) {
    const t = listed[i].seconds;
    while (later.length > 0 && later[later.length - 1] < t) later.pop();
    nextStarts[i] = later[later.length - 1];
    later.push(t);
  }
  // Prefix sums over the time-ordered paragraphs: words, and where a turn
  // begins, so that each chapter costs two binary searches however long.
  const startsTurn = (i: number) =>
    timed[i].turn !== undefined && (i === 0 || timed[i - 1].turn !== timed[i].turn);
  const wordSums = [0];
  const turnStarts = [0];
  for (let i = 0; i < timed.length; i++) {
    wordSums.push(wordSums[i] + timed[i].words);
    turnStarts.push(turnStarts[i] + (startsTurn(i) ? 1 : 0));
  }
  const chapters = listed.map((c, i) => {
    const end = Math.max(c.seconds, nextStarts[i] ?? duration);
    const from = lowerBound(timed, c.seconds, (p) => p.stamp!.seconds);
    const to = lowerBound(timed, end, (p) => p.stamp!.seconds);
    const upto = Math.max(from, to);
    return {
      title: c.title,
      start: c.seconds,
      end,
      length: end - c.seconds,
      turns:
        turnStarts[upto] -
        turnStarts[from] +
        (from < upto && timed[from].turn !== undefined && !startsTurn(from) ? 1 : 0),
      words: wordSums[upto] - wordSums[from],
      firstWords: from < upto ? firstWords(paragraphText(model, timed[from])) : '',
    };
  });
  return { layout: model.layout, duration, words: totalWords, speakers, chapters };
}

const percent = (x: number) => `${Math.round(x * 100)} %`;

/** User text in a table cell or the heading: text, never Markdown (see markdown.ts). */
const escapeCell = escapeMarkdown;

export function statisticsMarkdown(stats: Statistics, title = 'Transcript'): string {
  const lines = [
    `# Statistics: ${escapeCell(title)}`,
    '',
    `About ${formatClock(Math.round(stats.duration))} long, ${stats.words} words, ${stats.speakers.length} speakers, ${stats.chapters.length} chapters${stats.layout ? ` (read as ${readerFor(stats.layout).title})` : ''}.`,
    '',
    '## Speakers',
    '',
    '| Speaker | Turns | Words | Talking time (est.) | Share of words | Share of time |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...stats.speakers.map(
      (s) =>
        `| ${escapeCell(s.name)} | ${s.turns} | ${s.words} | ${formatClock(Math.round(s.seconds))} | ${percent(s.wordShare)} | ${percent(s.timeShare)} |`,
    ),
  ];
  if (stats.chapters.length > 0) {
    lines.push(
      '',
      '## Chapters',
      '',
      '| Start | Chapter | Length | Turns | Words |',
      '| ---: | --- | ---: | ---: | ---: |',
    );
    // A loop, not push(...rows): 300,000 chapters would overflow the stack.
    for (const c of stats.chapters)
      lines.push(
        `| ${formatChapterTime(c.start)} | ${escapeCell(c.title)} | ${formatClock(Math.round(c.length))} | ${c.turns} | ${c.words} |`,
      );
  }
  lines.push(
    '',
    stats.layout === 'webvtt' || stats.layout === 'srt'
      ? "Talking time is the cues' own lengths (from their start to their end time)."
      : `Talking time is estimated from the timestamps (a paragraph lasts until the next one starts; the last at ${WORDS_PER_SECOND * 60} words a minute).`,
    '',
  );
  return lines.join('\n');
}
