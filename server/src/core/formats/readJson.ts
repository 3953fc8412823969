/** Reading the Podcasting 2.0 JSON transcript: `{ version, segments: [{ speaker, startTime, endTime, body }] }`. */
import { MAX_HOURS, MAX_SECONDS } from '../time';
import { clip, type ImportedCue, type ReadResult } from './cues';

/** Seconds in a string, written as a JSON number is: `94`, `94.5`, `1e3` (not `0x10`, `Infinity`, `0b1`). */
const DECIMAL = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Seconds from a number or a decimal string; undefined when it is neither or
 * negative; `Infinity` when it is later than `MAX_SECONDS` (refused by the caller).
 */
function seconds(v: unknown): number | undefined {
  const n = typeof v === 'string' ? (DECIMAL.test(v.trim()) ? Number(v.trim()) : undefined) : v;
  if (typeof n !== 'number' || Number.isNaN(n) || n < 0) return undefined;
  return n <= MAX_SECONDS ? n : Infinity;
}

export function parseJson(content: string): unknown {
  try {
    return JSON.parse(content.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isJsonTranscript(v: unknown): v is { segments: unknown[] } {
  return isRecord(v) && Array.isArray(v.segments);
}

export function readJsonTranscript(content: string): ReadResult<ImportedCue> {
  const data = parseJson(content);
  if (data === undefined) return { ok: false, message: 'the JSON transcript is not valid JSON' };
  if (!isJsonTranscript(data))
    return isRecord(data) && Array.isArray(data.chapters)
      ? {
          ok: false,
          message: 'this is a JSON chapters file, not a transcript: give it as the chapters file',
        }
      : { ok: false, message: "a JSON transcript is an object with a 'segments' array" };
  const warnings: string[] = [];
  const items: ImportedCue[] = [];
  for (const [i, s] of data.segments.entries()) {
    if (!isRecord(s)) {
      warnings.push(`segment ${i + 1} is not an object; skipped`);
      continue;
    }
    for (const key of ['startTime', 'endTime'])
      if (seconds(s[key]) === Infinity)
        return {
          ok: false,
          message: `segment ${i + 1}: '${key}' ${clip(String(s[key]))} is later than ${MAX_HOURS} hours, the latest time a transcript may hold`,
        };
    const body =
      typeof s.body === 'string' ? s.body : typeof s.body === 'number' ? String(s.body) : '';
    if (body === '' && s.body !== undefined && s.body !== '')
      warnings.push(`segment ${i + 1}: 'body' is not text; left out`);
    const start = seconds(s.startTime);
    if (start === undefined)
      warnings.push(
        `segment ${i + 1} has no valid 'startTime'; its body continues the segment before`,
      );
    const speaker =
      typeof s.speaker === 'string' && s.speaker.trim() !== '' ? s.speaker : undefined;
    items.push({ start, end: seconds(s.endTime), speaker, text: body });
  }
  return { ok: true, items, warnings };
}
