/**
 * Importing transcripts received from elsewhere: WebVTT, SRT or the
 * Podcasting 2.0 JSON transcript (detected from the content), with an optional
 * chapters file (Podcasting 2.0 JSON chapters, Podlove Simple Chapters,
 * mp4chaps or a WebVTT chapters track). The result is this project's
 * transcript format. It never throws: what cannot be read is an error result.
 *
 * Merge rules:
 * - Consecutive cues of the same speaker make one turn (one `Name:` label). A
 *   cue that names no speaker continues the current one.
 * - Paragraphs (`[m:ss]` stamps): by default (`paragraphs: 'cues'`) no start
 *   time is lost to the second: a cue joins the paragraph before only when it
 *   starts within the same second and without a pause; otherwise it starts a
 *   new stamped paragraph. With `paragraphs: 'pauses'` a new paragraph starts
 *   only after a pause (default over 2 s) or when the paragraph has run for
 *   `maxParagraph` seconds (default 60), to keep the time; the starts of the
 *   cues in between are then given up.
 * - Stamps are the cue start cut to the whole second; chapter times keep
 *   their milliseconds. A chapter's heading goes before the first paragraph
 *   that starts at or after the chapter.
 */
import { headingProblem } from '../analysis/chapters';
import { parse } from '../parser';
import { normalizeTitle } from '../scan';
import { formatChapterTime, formatStamp } from '../time';
import type { ImportedChapter, ImportedCue, ReadResult } from './cues';
import { readChapters, type ChaptersFormat } from './readChapters';
import { isJsonTranscript, parseJson, readJsonTranscript } from './readJson';
import { isSrt, readSrt } from './readSrt';
import { isVtt, readVtt } from './readVtt';
import { clean, normalizeSpace } from './strings';
import { roundSeconds, wholeSecond } from './times';

export type ImportFormat = 'vtt' | 'srt' | 'json';

export interface ImportOptions {
  /** The content of a chapters file. */
  readonly chapters?: string;
  /** `cues` (default): keep every cue's start to the second. `pauses`: one paragraph per pause. */
  readonly paragraphs?: 'cues' | 'pauses';
  /** Seconds between two cues that make a pause (default 2). */
  readonly pause?: number;
  /** With `pauses`: seconds after which a paragraph is closed at the next cue (default 60). */
  readonly maxParagraph?: number;
}

export type ImportResult =
  | {
      readonly ok: true;
      /** The transcript in this project's format. */
      readonly text: string;
      readonly format: ImportFormat;
      readonly chaptersFormat?: ChaptersFormat;
      /** What was read leniently (skipped blocks, cues without a time, headings left out). */
      readonly warnings: string[];
    }
  | { readonly ok: false; readonly message: string };

const DEFAULT_PAUSE = 2;
const DEFAULT_MAX_PARAGRAPH = 60;

export function detectImportFormat(content: string): ImportFormat | undefined {
  const t = content.replace(/^\uFEFF/, '').trimStart();
  if (isVtt(t)) return 'vtt';
  if (t.startsWith('{')) return 'json';
  if (isSrt(t)) return 'srt';
  return undefined;
}

export function importTranscript(content: string, options: ImportOptions = {}): ImportResult {
  try {
    return importUnsafe(content, options);
  } catch (e) {
    return {
      ok: false,
      message: `Import failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

function importUnsafe(content: string, options: ImportOptions): ImportResult {
  if (typeof content !== 'string') return { ok: false, message: 'Nothing to import: no text' };
  const format = detectImportFormat(content);
  if (!format) {
    const t = content.trim();
    const data = t.startsWith('[') ? parseJson(t) : undefined;
    const message =
      t === ''
        ? 'Nothing to import: the file is empty'
        : parse(content, { layout: 'auphonic' }).looksLikeTranscript
          ? 'This is already a transcript in this format; there is nothing to import'
          : data !== undefined && !isJsonTranscript(data)
            ? "Unknown JSON: a Podcasting 2.0 transcript is an object with a 'segments' array"
            : 'Unknown transcript format: expected WebVTT (starting with WEBVTT), SRT (numbered cues with 00:00:00,000 --> 00:00:00,000 times) or a Podcasting 2.0 JSON transcript';
    return { ok: false, message };
  }
  const read: ReadResult<ImportedCue> =
    format === 'vtt'
      ? readVtt(content)
      : format === 'srt'
        ? readSrt(content)
        : readJsonTranscript(content);
  if (!read.ok)
    return { ok: false, message: `Cannot import this ${NAMES[format]}: ${read.message}` };
  const warnings = [...read.warnings];

  let chapters: ImportedChapter[] = [];
  let chaptersFormat: ChaptersFormat | undefined;
  if (options.chapters !== undefined) {
    const c = readChapters(options.chapters);
    if (!c.ok) return { ok: false, message: `Cannot read the chapters: ${c.message}` };
    chapters = c.items;
    chaptersFormat = c.format;
    // A loop, not push(...warnings): 300,000 chapters may each have one.
    for (const w of c.warnings) warnings.push(`chapters: ${w}`);
  }

  const paragraphs = toParagraphs(read.items, format, options, warnings);
  const text = write(paragraphs, chapters, warnings);
  return { ok: true, text, format, chaptersFormat, warnings };
}

const NAMES: Record<ImportFormat, string> = {
  vtt: 'WebVTT file',
  srt: 'SRT file',
  json: 'JSON transcript',
};

interface Paragraph {
  speaker?: string;
  start: number;
  stamp: number;
  lastEnd: number;
  texts: string[];
  turnStart: boolean;
}

/** A name the parser reads back as the same label: no colon, not starting with `[`, 60 characters at most. */
export function labelName(name: string): string {
  let n = normalizeSpace(clean(name).replace(/:+/g, ' ')).replace(/^\[+\s*/, '');
  if (n.length > 60) n = n.slice(0, /[\uD800-\uDBFF]/.test(n[59]) ? 59 : 60).trimEnd();
  return n === '' ? 'Speaker' : n;
}

function plain(text: string): string {
  return normalizeSpace(clean(text));
}

function toParagraphs(
  cues: readonly ImportedCue[],
  format: ImportFormat,
  options: ImportOptions,
  warnings: string[],
): Paragraph[] {
  const byPauses = options.paragraphs === 'pauses';
  const pause = options.pause !== undefined && options.pause >= 0 ? options.pause : DEFAULT_PAUSE;
  const maxParagraph =
    options.maxParagraph !== undefined && options.maxParagraph > 0
      ? options.maxParagraph
      : DEFAULT_MAX_PARAGRAPH;
  const paragraphs: Paragraph[] = [];
  let speaker: string | undefined;
  let backwards = 0;
  let previousStart = -Infinity;
  for (const cue of cues) {
    if (cue.start !== undefined) {
      if (cue.start < previousStart) backwards++;
      previousStart = cue.start;
    }
    if (cue.speaker !== undefined) speaker = labelName(cue.speaker);
    const text = plain(cue.text);
    if (text === '') continue;
    const cur = paragraphs[paragraphs.length - 1];
    const start = cue.start;
    let fresh: boolean;
    if (!cur || cur.speaker !== speaker) fresh = true;
    else if (start === undefined) fresh = false;
    else {
      const gap = start - cur.lastEnd;
      fresh = byPauses
        ? gap > pause || start - cur.start >= maxParagraph
        : gap > pause || wholeSecond(start) !== cur.stamp;
    }
    if (fresh) {
      const s = start ?? cur?.lastEnd ?? 0;
      paragraphs.push({
        speaker,
        start: s,
        stamp: wholeSecond(s),
        lastEnd: Math.max(s, cue.end ?? s),
        texts: [text],
        turnStart: !cur || cur.speaker !== speaker,
      });
    } else {
      cur.texts.push(text);
      cur.lastEnd = Math.max(cur.lastEnd, cue.end ?? start ?? cur.lastEnd);
    }
  }
  if (backwards > 0)
    warnings.push(
      `${backwards} ${backwards === 1 ? 'cue starts' : 'cues start'} before the cue before it; kept in file order`,
    );
  if (format === 'json') for (const p of paragraphs) p.texts = joinTokens(p.texts);
  return paragraphs;
}

/** Word-level JSON segments: punctuation that stands alone attaches to the word before. */
function joinTokens(texts: string[]): string[] {
  const out: string[] = [];
  for (const t of texts) {
    if (out.length > 0 && /^[.,!?;:…)\]}]+$/.test(t)) out[out.length - 1] += t;
    else out.push(t);
  }
  return out;
}

function write(paragraphs: Paragraph[], imported: ImportedChapter[], warnings: string[]): string {
  const chapters = imported
    .map((c, i) => ({
      start: roundSeconds(c.start),
      title: plain(c.title) || `Chapter ${i + 1}`,
    }))
    .sort((a, b) => a.start - b.start);
  // A label line that equals a chapter title would read as its heading; a
  // space before the colon keeps it a label of the same name.
  const titles = new Set(chapters.map((c) => normalizeTitle(c.title)));
  const label = (name: string) =>
    titles.has(normalizeTitle(`${name}:`)) ? `${name} :` : `${name}:`;
  const out: string[] = [];
  if (chapters.length > 0) {
    out.push('Chapters');
    for (const c of chapters) out.push(`${formatChapterTime(c.start)} ${c.title}`);
  }
  out.push('Transcript');
  let next = 0;
  const heading = (i: number) => {
    const c = chapters[i];
    const problem = headingProblem(c.title);
    if (problem) warnings.push(`chapter '${c.title}' has no heading in the body: ${problem}`);
    else out.push(c.title);
  };
  for (const p of paragraphs) {
    while (next < chapters.length && chapters[next].start <= p.start) heading(next++);
    if (p.turnStart && p.speaker) out.push(label(p.speaker));
    out.push(`${formatStamp(p.stamp)} ${p.texts.join(' ')}`);
  }
  while (next < chapters.length) heading(next++);
  return `${out.join('\n')}\n`;
}
