/**
 * Reading WebVTT: cues with their voice spans (`<v Name>`), or a `Name: `
 * prefix when a cue has no voice span; other tags dropped, character
 * references decoded. NOTE, STYLE and REGION blocks are skipped.
 */
import { clip, isBlank, splitLines, type ImportedCue, type ReadResult } from './cues';
import { decodeEntities } from './entities';
import { parseClock } from './times';
import { speakerPrefix } from './prefix';

const SIGNATURE = /^WEBVTT(?:[ \t]|$)/;
const TIMING = /^[ \t]*([\d:.,]+)[ \t]*-->[ \t]*([\d:.,]+)/;

export function isVtt(content: string): boolean {
  return SIGNATURE.test(splitLines(content)[0] ?? '');
}

interface RawCue {
  line: number;
  start?: number;
  end?: number;
  text: string[];
}

/** The blocks of a WebVTT file: cues (with timings) and stray text (without). */
function rawCues(content: string, warnings: string[]): RawCue[] | string {
  const lines = splitLines(content);
  if (!SIGNATURE.test(lines[0] ?? '')) return 'a WebVTT file starts with the line WEBVTT';
  let i = 1;
  while (i < lines.length && !isBlank(lines[i]) && !lines[i].includes('-->')) i++;
  const cues: RawCue[] = [];
  while (i < lines.length) {
    if (isBlank(lines[i])) {
      i++;
      continue;
    }
    const first = lines[i];
    if (/^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first) && !first.includes('-->')) {
      while (i < lines.length && !isBlank(lines[i])) i++;
      continue;
    }
    const blockLine = i + 1;
    if (!first.includes('-->') && i + 1 < lines.length && lines[i + 1].includes('-->')) i++; // cue identifier
    const m = TIMING.exec(lines[i]);
    const cue: RawCue = { line: blockLine, text: [] };
    if (m) {
      const start = parseClock(m[1]);
      const end = parseClock(m[2]);
      if (start === undefined)
        warnings.push(
          `line ${i + 1}: '${clip(lines[i])}' has no valid start time; its text continues the cue before`,
        );
      cue.start = start;
      cue.end = end;
      i++;
    } else if (lines[i].includes('-->')) {
      warnings.push(
        `line ${i + 1}: '${clip(lines[i])}' is not a valid cue timing; its text continues the cue before`,
      );
      i++;
    } else {
      warnings.push(
        `line ${blockLine}: text outside a cue ('${clip(first)}') continues the cue before`,
      );
      cue.text.push(lines[i++]);
    }
    while (i < lines.length && !isBlank(lines[i]) && !lines[i].includes('-->'))
      cue.text.push(lines[i++]);
    cues.push(cue);
  }
  return cues;
}

interface Span {
  speaker?: string;
  text: string;
}

/**
 * Splits a cue's text at its voice spans and turns it into plain text. A cue
 * without voice spans may name its speaker with a `Name: ` prefix.
 */
export function cueText(raw: string, prefix = true): Span[] {
  const spans: Span[] = [];
  let voice: string | undefined;
  let text = '';
  let voiced = false;
  const close = () => {
    if (text.trim() !== '' || voice !== undefined) spans.push({ speaker: voice, text });
    text = '';
  };
  let i = 0;
  // The first `>` at or after the last search (-1: none to the end). Kept
  // between tags: searching again from every `<` of a run of them was
  // quadratic on a cue of many `<` and no `>`.
  let nextGt = -2;
  while (i < raw.length) {
    const lt = raw.indexOf('<', i);
    if (lt >= 0 && nextGt !== -1 && nextGt < lt) nextGt = raw.indexOf('>', lt);
    const gt = lt < 0 ? -1 : nextGt;
    // `<` opens a tag when a tag name (or `/`, or a timestamp digit) follows and it closes.
    if (lt < 0 || gt < 0 || !/^<[A-Za-z/\d.]/.test(raw.slice(lt, lt + 2))) {
      text += decodeEntities(raw.slice(i, lt < 0 ? raw.length : lt + 1));
      i = lt < 0 ? raw.length : lt + 1;
      continue;
    }
    text += decodeEntities(raw.slice(i, lt));
    const tag = raw.slice(lt + 1, gt);
    const v = /^v(?:\.[^\s]*)?(?:[ \t\f\n]+([\s\S]*))?$/.exec(tag);
    if (v) {
      close();
      voiced = true;
      const name = decodeEntities((v[1] ?? '').replace(/\s+/g, ' ').trim());
      voice = name === '' ? undefined : name;
    } else if (tag === '/v') {
      close();
      voice = undefined;
    }
    i = gt + 1;
  }
  close();
  if (prefix && !voiced && spans.length === 1 && !raw.startsWith('<')) {
    const p = speakerPrefix(raw, decodeEntities);
    if (p) return [{ speaker: p.name, text: cueText(raw.slice(p.length), false)[0]?.text ?? '' }];
  }
  return spans;
}

/**
 * The cues of a WebVTT file. With `speakers` false (a chapters track), each
 * cue is one item of plain text and no speaker is read.
 */
export function readVtt(content: string, speakers = true): ReadResult<ImportedCue> {
  const warnings: string[] = [];
  const raw = rawCues(content, warnings);
  if (typeof raw === 'string') return { ok: false, message: raw };
  const items: ImportedCue[] = [];
  for (const cue of raw) {
    const spans = cueText(cue.text.join('\n'), speakers);
    if (!speakers) {
      items.push({ start: cue.start, end: cue.end, text: spans.map((s) => s.text).join(' ') });
      continue;
    }
    for (const span of spans)
      items.push({ start: cue.start, end: cue.end, speaker: span.speaker, text: span.text });
  }
  return { ok: true, items, warnings };
}
