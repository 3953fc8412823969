/**
 * The benchmark's inputs, generated deterministically: the one-hour episode
 * and copies of it scaled to 10 and 100 hours (the body repeated with shifted
 * timestamps; the chapter list repeated with shifted times and numbered
 * titles, and the body headings numbered the same way, so chapters stay
 * consistent), the same content written as Markdown for the peer, and a
 * workspace folder of 500 episodes.
 *
 * This file deliberately does not use the product's parser: the inputs must
 * not depend on the code being measured.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..');
export const CORPUS = path.resolve(REPO, '../shared/corpus/egovernment-podcast-153.txt');
export const EXAMPLE = path.join(REPO, 'examples/episode.txt');

export interface Input {
  /** '1h', '10h', '100h'. */
  readonly name: string;
  readonly hours: number;
  readonly text: string;
  readonly bytes: number;
  readonly lines: number;
}

export interface Source {
  /** Where the one-hour episode came from. */
  readonly origin: 'corpus' | 'example';
  readonly path: string;
  /** How many copies of the source make "one hour" (1 for the corpus). */
  readonly copiesPerHour: number;
  readonly note: string;
}

const SECTION_HEADERS = new Set([
  'Generated Shownotes',
  'Chapters',
  'Long Summary',
  'Brief Summary',
  'Tags',
  'Transcript',
]);
const STAMP = /^\[(\d+):(\d\d)(?::(\d\d))?(\.\d{1,3})?\]/;
const CHAPTER = /^(\s*)(?:(\d+):)?(\d{1,2}):(\d\d)(\.\d{1,3})?(\s+)(.*)$/;

const two = (n: number) => String(n).padStart(2, '0');

function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${two(m)}:${two(s)}`;
}

function stamp(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

const normalize = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

interface Split {
  /** Lines before the chapter entries, including the `Chapters` header. */
  readonly head: string[];
  readonly entries: string[];
  /** Lines after the entries up to and including the `Transcript` header. */
  readonly middle: string[];
  readonly body: string[];
  readonly titles: Set<string>;
  /** Seconds one copy lasts: the last time in it, rounded up to a minute. */
  readonly duration: number;
}

function split(text: string): Split {
  const lines = text.split(/\r\n|\r|\n/);
  const chaptersAt = lines.findIndex((l) => l.trim() === 'Chapters');
  const transcriptAt = lines.findIndex((l) => l.trim() === 'Transcript');
  if (chaptersAt < 0 || transcriptAt < chaptersAt)
    throw new Error('the source episode needs a Chapters and a Transcript section');
  let entriesEnd = chaptersAt + 1;
  while (entriesEnd < lines.length && !SECTION_HEADERS.has(lines[entriesEnd].trim())) entriesEnd++;
  const entries = lines.slice(chaptersAt + 1, entriesEnd);
  const body = lines.slice(transcriptAt + 1);
  const titles = new Set<string>();
  let last = 0;
  for (const e of entries) {
    const m = CHAPTER.exec(e);
    if (!m) continue;
    titles.add(normalize(m[7]));
    last = Math.max(last, Number(m[2] ?? 0) * 3600 + Number(m[3]) * 60 + Number(m[4]));
  }
  for (const l of body) {
    const s = stampSeconds(l);
    if (s !== undefined) last = Math.max(last, s);
  }
  return {
    head: lines.slice(0, chaptersAt + 1),
    entries,
    middle: lines.slice(entriesEnd, transcriptAt + 1),
    body,
    titles,
    duration: Math.ceil((last + 1) / 60) * 60,
  };
}

function stampSeconds(line: string): number | undefined {
  const m = STAMP.exec(line);
  if (!m) return undefined;
  const [a, b, c] = [Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])];
  if (b > 59 || (c !== undefined && c > 59)) return undefined;
  return c === undefined ? a * 60 + b : a * 3600 + b * 60 + c;
}

/** One copy of the chapter list, `k` copies in (copy 0 is the original). */
function shiftEntry(line: string, k: number, shift: number): string {
  if (k === 0) return line;
  const m = CHAPTER.exec(line);
  if (!m) return line; // a malformed entry stays as it is, in every copy
  const seconds = Number(m[2] ?? 0) * 3600 + Number(m[3]) * 60 + Number(m[4]) + shift;
  return `${m[1]}${clock(seconds)}${m[5] ?? ''}${m[6]}${m[7]} (${k + 1})`;
}

function shiftBodyLine(line: string, k: number, shift: number, titles: Set<string>): string {
  if (k === 0) return line;
  const s = stampSeconds(line);
  if (s !== undefined) {
    const m = STAMP.exec(line)!;
    return `[${stamp(s + shift)}${m[4] ?? ''}]${line.slice(m[0].length)}`;
  }
  if (titles.has(normalize(line))) return `${line.trimEnd()} (${k + 1})`;
  return line;
}

/** The episode repeated `copies` times: one header, the chapters and the body `copies` times. */
export function scale(text: string, copies: number): string {
  const s = split(text);
  const out = [...s.head];
  for (let k = 0; k < copies; k++)
    for (const e of s.entries) out.push(shiftEntry(e, k, k * s.duration));
  out.push(...s.middle);
  for (let k = 0; k < copies; k++)
    for (const l of s.body) out.push(shiftBodyLine(l, k, k * s.duration, s.titles));
  return out.join('\n');
}

export function loadSource(): { source: Source; text: string } {
  if (existsSync(CORPUS)) {
    return {
      source: {
        origin: 'corpus',
        path: CORPUS,
        copiesPerHour: 1,
        note: 'the real one-hour episode (shared/corpus/egovernment-podcast-153.txt)',
      },
      text: readFileSync(CORPUS, 'utf8'),
    };
  }
  const text = readFileSync(EXAMPLE, 'utf8');
  // About as many copies as make the real episode's 66 KB.
  const copiesPerHour = Math.max(1, Math.round(66_736 / Buffer.byteLength(text)));
  return {
    source: {
      origin: 'example',
      path: EXAMPLE,
      copiesPerHour,
      note: `shared/corpus is absent: examples/episode.txt scaled up ${copiesPerHour}x stands in for the one-hour episode`,
    },
    text,
  };
}

export function makeInputs(hours: readonly number[]): { source: Source; inputs: Input[] } {
  const { source, text } = loadSource();
  const inputs = hours.map((h) => {
    const t = h === 1 && source.copiesPerHour === 1 ? text : scale(text, h * source.copiesPerHour);
    return {
      name: `${h}h`,
      hours: h,
      text: t,
      bytes: Buffer.byteLength(t),
      lines: t.split(/\r\n|\r|\n/).length,
    };
  });
  return { source, inputs };
}

/**
 * The same transcript as Markdown: sections as `#` headings, chapter entries as
 * a list, chapters in the body as `##` headings, each speaker turn as
 * paragraphs, the first starting with the speaker's name in bold.
 */
export function toMarkdown(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  const out: string[] = [];
  const chapterTitles = new Set<string>();
  let section = '';
  let pendingLabel: string | undefined;
  const blank = () => {
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (SECTION_HEADERS.has(trimmed)) {
      section = trimmed;
      blank();
      out.push(`# ${trimmed}`, '');
      continue;
    }
    if (section === 'Chapters') {
      const m = CHAPTER.exec(line);
      if (m) chapterTitles.add(normalize(m[7]));
      if (trimmed) out.push(`- ${trimmed}`);
      continue;
    }
    if (section !== 'Transcript') {
      if (trimmed) out.push(line);
      else blank();
      continue;
    }
    if (!trimmed) continue;
    if (chapterTitles.has(normalize(line))) {
      blank();
      out.push(`## ${trimmed}`, '');
      continue;
    }
    const label = /^([^\s[:][^:]{0,59}):\s*$/.exec(line);
    let next = i + 1;
    while (next < lines.length && lines[next].trim() === '') next++;
    if (label && next < lines.length && STAMP.test(lines[next])) {
      pendingLabel = label[1];
      continue;
    }
    if (STAMP.test(line)) {
      blank();
      out.push(pendingLabel ? `**${pendingLabel}:** ${line}` : line);
      pendingLabel = undefined;
      continue;
    }
    out.push(line);
  }
  return out.join('\n') + '\n';
}

/**
 * The same transcript in Otter's text layout: each stamped line of the body
 * becomes a header (`Name  0:51`) with its text on the line below, the lines
 * after it up to the next stamp follow as they are (chapter headings in the
 * body too), and everything before the first stamp is left out.
 */
export function toOtter(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  const out: string[] = [];
  let speaker = 'Unknown Speaker';
  let inBody = false;
  for (const line of lines) {
    if (!inBody) {
      inBody = line.trim() === 'Transcript';
      continue;
    }
    const label = /^([^\s[:][^:]{0,59}):\s*$/.exec(line);
    if (label) {
      speaker = label[1];
      continue;
    }
    const stamp = /^\[([\d:.]+)\]\s*(.*)$/.exec(line);
    if (stamp) out.push('', `${speaker}  ${stamp[1]}`, stamp[2]);
    // Otter's text starts with a header.
    else if (line.trim() && out.length > 0) out.push(line);
  }
  return out.join('\n').trimStart() + '\n\nTranscribed by https://otter.ai\n';
}

/** A temporary workspace folder holding `count` copies of the episode. */
export function makeWorkspace(text: string, count: number): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'transcript-bench-'));
  const sub = path.join(dir, 'episodes');
  mkdirSync(sub);
  for (let i = 1; i <= count; i++) {
    // An Auphonic export: a `.txt` whose first line is `Generated Shownotes`.
    const body = text.startsWith('Generated Shownotes') ? text : `Generated Shownotes\n${text}`;
    writeFileSync(path.join(sub, `episode-${String(i).padStart(3, '0')}.txt`), body);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The last chapter title of a transcript: a workspace/symbol query that finds one chapter per episode. */
export function lastChapterTitle(text: string): string {
  const s = split(text);
  let title = '';
  for (const e of s.entries) {
    const m = CHAPTER.exec(e);
    if (m) title = m[7].trim();
  }
  return title;
}
