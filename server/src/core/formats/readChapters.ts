/**
 * Reading chapters: Podcasting 2.0 JSON chapters, Podlove Simple Chapters
 * (XML), mp4chaps (`HH:MM:SS.mmm Title`, an optional `<url>` after the title)
 * or a WebVTT chapters track.
 */
import { XMLParser } from 'fast-xml-parser';
import { MAX_HOURS } from '../time';
import { clip, isBlank, splitLines, type ImportedChapter, type ReadResult } from './cues';
import { decodeEntities } from './entities';
import { parseJson } from './readJson';
import { isVtt, readVtt } from './readVtt';
import { parseClock } from './times';

export type ChaptersFormat = 'chapters-json' | 'psc' | 'mp4chaps' | 'vtt';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readJsonChapters(content: string): ReadResult<ImportedChapter> {
  const data = parseJson(content);
  if (data === undefined) return { ok: false, message: 'the chapters file is not valid JSON' };
  if (!isRecord(data) || !Array.isArray(data.chapters))
    return { ok: false, message: "JSON chapters are an object with a 'chapters' array" };
  const items: ImportedChapter[] = [];
  const warnings: string[] = [];
  for (const [i, c] of data.chapters.entries()) {
    if (!isRecord(c)) return { ok: false, message: `chapter ${i + 1} is not an object` };
    const start =
      typeof c.startTime === 'number' || typeof c.startTime === 'string'
        ? parseClock(String(c.startTime))
        : undefined;
    if (start === undefined)
      return {
        ok: false,
        message: `chapter ${i + 1} has no valid 'startTime' (seconds, at most ${MAX_HOURS} hours)`,
      };
    if (c.toc === false) {
      warnings.push(`chapter ${i + 1} is marked "toc": false (a silent chapter); left out`);
      continue;
    }
    items.push({ start, title: typeof c.title === 'string' ? c.title : '' });
  }
  return { ok: true, items, warnings };
}

/**
 * Podlove Simple Chapters is XML: read with fast-xml-parser (pure JavaScript,
 * linear in the input; regular expressions over XML were quadratic on
 * unclosed comments, tags and long attributes). Namespace prefixes are
 * dropped, so `<psc:chapter>` and `<chapter>` are both read. Entities are
 * left to `decodeEntities` (the XML ones, numeric ones and the HTML names
 * transcripts use); a DOCTYPE's own entities are not expanded.
 */
const PSC_PARSER = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => name === 'chapters' || name === 'chapter',
});

/** The `<chapter>` elements inside `<chapters>` elements, in document order, walked without recursion. */
function pscChapters(root: unknown): Record<string, unknown>[] | undefined {
  let found = false;
  const out: Record<string, unknown>[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isRecord(node)) continue;
    const chapters = node.chapters;
    if (Array.isArray(chapters)) {
      found = true;
      for (const list of chapters)
        if (isRecord(list) && Array.isArray(list.chapter))
          for (const c of list.chapter) out.push(isRecord(c) ? c : {});
    }
    // Children in reverse, so the walk visits them in order.
    const keys = Object.keys(node);
    for (let k = keys.length - 1; k >= 0; k--) {
      if (keys[k] === 'chapters' || keys[k].startsWith('@_')) continue;
      const child = node[keys[k]];
      if (Array.isArray(child)) for (let i = child.length - 1; i >= 0; i--) stack.push(child[i]);
      else stack.push(child);
    }
  }
  return found ? out : undefined;
}

function readPsc(content: string): ReadResult<ImportedChapter> {
  let root: unknown;
  try {
    root = PSC_PARSER.parse(content.replace(/^\uFEFF/, ''));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, message: `the chapters file is not well-formed XML: ${clip(why, 120)}` };
  }
  const chapters = pscChapters(root);
  if (chapters === undefined)
    return { ok: false, message: 'no <psc:chapters> element: not Podlove Simple Chapters' };
  const items: ImportedChapter[] = [];
  for (const c of chapters) {
    const startText = typeof c['@_start'] === 'string' ? decodeEntities(c['@_start']) : undefined;
    const start = startText === undefined ? undefined : parseClock(startText);
    if (start === undefined)
      return {
        ok: false,
        message: `a <psc:chapter> has no valid start time ('${clip(startText ?? '')}'), expected e.g. 00:01:30.500 (at most ${MAX_HOURS} hours)`,
      };
    const title = c['@_title'];
    items.push({ start, title: typeof title === 'string' ? decodeEntities(title) : '' });
  }
  return { ok: true, items, warnings: [] };
}

const LINK_SCHEME = /<[a-z][a-z0-9+.-]*:\/\//iy;

/**
 * The title without a link at its end (`News <https://example.com/n>`), as
 * `/[ \t]*<[a-z][a-z0-9+.-]*:\/\/[^>\s]*>[ \t]*$/i` would strip it, in one
 * pass (that expression, tried at every position, was quadratic).
 */
export function stripTrailingLink(title: string): string {
  let end = title.length;
  while (end > 0 && (title[end - 1] === ' ' || title[end - 1] === '\t')) end--;
  if (end === 0 || title[end - 1] !== '>') return title;
  const gt = end - 1;
  // The link holds no white space and no other `>`.
  let from = gt;
  while (from > 0 && title[from - 1] !== '>' && !/\s/.test(title[from - 1])) from--;
  for (let i = title.indexOf('<', from); i >= 0 && i < gt; i = title.indexOf('<', i + 1)) {
    LINK_SCHEME.lastIndex = i;
    if (!LINK_SCHEME.test(title) || LINK_SCHEME.lastIndex > gt) continue;
    let start = i;
    while (start > 0 && (title[start - 1] === ' ' || title[start - 1] === '\t')) start--;
    return title.slice(0, start);
  }
  return title;
}

function readMp4chaps(content: string): ReadResult<ImportedChapter> {
  const items: ImportedChapter[] = [];
  const lines = splitLines(content);
  for (let i = 0; i < lines.length; i++) {
    if (isBlank(lines[i])) continue;
    const m = /^[ \t]*(\S+)(?:[ \t]+(.*))?$/.exec(lines[i]);
    const start = m ? parseClock(m[1]) : undefined;
    if (!m || start === undefined)
      return {
        ok: false,
        message: `line ${i + 1}: '${clip(lines[i].trim())}' is not a chapter: expected a time and a title, such as '00:01:47.000 News' (at most ${MAX_HOURS} hours)`,
      };
    items.push({ start, title: stripTrailingLink(m[2] ?? '') });
  }
  return { ok: true, items, warnings: [] };
}

function readVttChapters(content: string): ReadResult<ImportedChapter> {
  const r = readVtt(content, false);
  if (!r.ok) return r;
  const items: ImportedChapter[] = [];
  for (const c of r.items) if (c.start !== undefined) items.push({ start: c.start, title: c.text });
  return { ok: true, items, warnings: r.warnings };
}

export function detectChaptersFormat(content: string): ChaptersFormat {
  const t = content.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('{')) return 'chapters-json';
  if (t.startsWith('<')) return 'psc';
  if (isVtt(t)) return 'vtt';
  return 'mp4chaps';
}

export function readChapters(
  content: string,
): ReadResult<ImportedChapter> & { format?: ChaptersFormat } {
  const format = detectChaptersFormat(content);
  const r =
    format === 'chapters-json'
      ? readJsonChapters(content)
      : format === 'psc'
        ? readPsc(content)
        : format === 'vtt'
          ? readVttChapters(content)
          : readMp4chaps(content);
  return r.ok ? { ...r, format } : r;
}
