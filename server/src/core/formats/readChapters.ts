/**
 * Reading chapters: Podcasting 2.0 JSON chapters, Podlove Simple Chapters
 * (XML), mp4chaps (`HH:MM:SS.mmm Title`, an optional `<url>` after the title)
 * or a WebVTT chapters track.
 */
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
      return { ok: false, message: `chapter ${i + 1} has no valid 'startTime' (seconds)` };
    if (c.toc === false) {
      warnings.push(`chapter ${i + 1} is marked "toc": false (a silent chapter); left out`);
      continue;
    }
    items.push({ start, title: typeof c.title === 'string' ? c.title : '' });
  }
  return { ok: true, items, warnings };
}

function attributes(s: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.set(m[1], decodeEntities(m[2] ?? m[3]));
  return out;
}

function readPsc(content: string): ReadResult<ImportedChapter> {
  const xml = content.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  if (!/<(?:[\w.-]+:)?chapters[\s/>]/.test(xml))
    return { ok: false, message: 'no <psc:chapters> element: not Podlove Simple Chapters' };
  const items: ImportedChapter[] = [];
  const re = /<(?:[\w.-]+:)?chapter(?=[\s/>])([^>]*)>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const attrs = attributes(m[1]);
    const startText = attrs.get('start');
    const start = startText === undefined ? undefined : parseClock(startText);
    if (start === undefined)
      return {
        ok: false,
        message: `a <psc:chapter> has no valid start time ('${clip(startText ?? '')}'), expected e.g. 00:01:30.500`,
      };
    items.push({ start, title: attrs.get('title') ?? '' });
  }
  return { ok: true, items, warnings: [] };
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
        message: `line ${i + 1}: '${clip(lines[i].trim())}' is not a chapter: expected a time and a title, such as '00:01:47.000 News'`,
      };
    const title = (m[2] ?? '').replace(/[ \t]*<[a-z][a-z0-9+.-]*:\/\/[^>\s]*>[ \t]*$/i, '');
    items.push({ start, title });
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
