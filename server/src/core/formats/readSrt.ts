/**
 * Reading SubRip: numbered cues, each possibly starting with the speaker's
 * `Name: `. The text is kept as written (SRT has no escapes).
 */
import { clip, isBlank, splitLines, type ImportedCue, type ReadResult } from './cues';
import { parseClock } from './times';
import { speakerPrefix } from './prefix';

const TIMING =
  /^[ \t]*(\d+:\d{1,2}:\d{1,2}(?:[,.]\d+)?)[ \t]*-->[ \t]*(\d+:\d{1,2}:\d{1,2}(?:[,.]\d+)?)/;

export function isSrt(content: string): boolean {
  const lines = splitLines(content.replace(/^\s+/, ''));
  return (
    (/^\d+[ \t]*$/.test(lines[0] ?? '') && TIMING.test(lines[1] ?? '')) ||
    TIMING.test(lines[0] ?? '')
  );
}

export function readSrt(content: string): ReadResult<ImportedCue> {
  const lines = splitLines(content);
  const warnings: string[] = [];
  const items: ImportedCue[] = [];
  let i = 0;
  while (i < lines.length) {
    if (isBlank(lines[i])) {
      i++;
      continue;
    }
    const blockLine = i + 1;
    if (/^\d+[ \t]*$/.test(lines[i]) && TIMING.test(lines[i + 1] ?? '')) i++;
    const m = TIMING.exec(lines[i]);
    let start: number | undefined;
    let end: number | undefined;
    if (m) {
      start = parseClock(m[1]);
      end = parseClock(m[2]);
      if (start === undefined)
        warnings.push(
          `line ${i + 1}: '${clip(lines[i])}' has no valid start time; its text continues the cue before`,
        );
      i++;
    } else {
      warnings.push(
        `line ${blockLine}: text outside a cue ('${clip(lines[i])}') continues the cue before`,
      );
    }
    const text: string[] = [];
    while (i < lines.length && !isBlank(lines[i])) text.push(lines[i++]);
    let speaker: string | undefined;
    let body = text.join('\n');
    const p = speakerPrefix(body);
    if (p) {
      speaker = p.name;
      body = body.slice(p.length);
    }
    items.push({ start, end, speaker, text: body });
  }
  if (items.length === 0) return { ok: false, message: 'the SRT file has no cues' };
  return { ok: true, items, warnings };
}
