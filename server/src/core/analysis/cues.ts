/**
 * Checks of cue files (WebVTT, SRT): a cue that starts before the one before
 * it ends (`cue-overlap`), and a cue without text (`cue-empty`).
 */
import { finding, type Finding } from '../findings';
import type { Cue, TranscriptModel } from '../model';
import { cueAt, formatCueTime } from '../readers/cues';
import { upperBound } from '../search';
import { rereadFrom } from '../reread';
import { range } from '../text';
import { inLineOrder } from './wordFilter';

/**
 * `readingSpeed`: characters per second a cue may ask for (0: not checked);
 * the text's characters, tags and the voice left out, over the cue's length.
 */
/** Each model's cue findings, with the reading speed they were made for. */
const madeFor = new WeakMap<
  TranscriptModel,
  { readonly readingSpeed: number; readonly findings: Finding[] }
>();

export function cueFindings(model: TranscriptModel, readingSpeed = 0): Finding[] {
  const had = madeFor.get(model);
  if (had?.readingSpeed === readingSpeed) return had.findings;
  // A model `reread` made has the earlier model's cues, timing lines and
  // blank lines: its overlaps and empty cues are the same, unless the edited
  // line ends the text (an empty cue's removal reaches its end). The edited
  // cue's reading speed is made again (see `carriedOver`).
  const from = rereadFrom(model);
  const base = from && madeFor.get(from.model);
  const findings =
    base?.readingSpeed === readingSpeed && from!.line !== model.text.lineCount - 1
      ? carriedOver(model, base.findings, from!.line, readingSpeed)
      : cueFindingsOf(model, readingSpeed);
  madeFor.set(model, { readingSpeed, findings });
  return findings;
}

function cueFindingsOf(model: TranscriptModel, readingSpeed: number): Finding[] {
  const cues = model.cues;
  if (!cues) return [];
  const findings: Finding[] = [];
  const separator = model.layout === 'srt' ? ',' : '.';
  let previous: Cue | undefined;
  for (const cue of cues) {
    const prev = previous;
    if (cue.start !== undefined) previous = cue;
    if (
      prev?.start !== undefined &&
      prev.end !== undefined &&
      prev.endRange &&
      cue.start !== undefined &&
      cue.startRange &&
      cue.start < prev.end &&
      // Earlier than the cue before starts: timestamp-order says so.
      cue.start >= prev.start
    ) {
      const written = model.text
        .line(prev.timingLine)
        .slice(prev.endRange.start.character, prev.endRange.end.character);
      const end = formatCueTime(cue.start, written, separator);
      findings.push(
        finding(
          'cue-overlap',
          cue.startRange,
          `This cue starts at ${lineText(model, cue)} before the cue on line ${prev.timingLine + 1} ends (${written})`,
          {
            related: [{ range: prev.endRange, message: 'The earlier cue ends here' }],
            fixes: [
              {
                title: `End the earlier cue at ${end}, where this one starts`,
                edits: [{ range: prev.endRange, newText: end }],
                // Two voices may speak at once: offered, never applied unattended.
                preferred: true,
              },
            ],
          },
        ),
      );
    }
    const tooFast = readingSpeedFinding(model, cue, readingSpeed);
    if (tooFast) findings.push(tooFast);
    if (!cue.hasWords) {
      // The cue's lines and the blank line after it.
      const { text } = model;
      let next = cue.lastLine + 1;
      if (next < text.lineCount && text.line(next).trim() === '') next++;
      const through =
        next < text.lineCount
          ? { line: next, character: 0 }
          : { line: text.lineCount - 1, character: text.lineLength(text.lineCount - 1) };
      findings.push(
        finding(
          'cue-empty',
          range(cue.timingLine, 0, model.text.lineLength(cue.timingLine)),
          'This cue has no text',
          {
            fixes: [
              {
                title: 'Remove the empty cue',
                edits: [
                  {
                    range: { start: { line: cue.firstLine, character: 0 }, end: through },
                    newText: '',
                  },
                ],
              },
            ],
          },
        ),
      );
    }
  }
  return findings;
}

/** `cue-reading-speed` on a cue that asks for more than `readingSpeed` characters per second (0: none). */
function readingSpeedFinding(
  model: TranscriptModel,
  cue: Cue,
  readingSpeed: number,
): Finding | undefined {
  if (readingSpeed <= 0 || !cue.hasWords || cue.start === undefined || cue.end === undefined)
    return undefined;
  const seconds = cue.end - cue.start;
  const chars = cueCharacters(model, cue);
  if (!(seconds > 0 && chars / seconds > readingSpeed)) return undefined;
  const speed = Math.round((chars / seconds) * 10) / 10;
  return finding(
    'cue-reading-speed',
    range(cue.timingLine, 0, model.text.lineLength(cue.timingLine)),
    `This cue asks for ${speed} characters per second (${chars} in ${Math.round(seconds * 1000) / 1000} s), more than ${readingSpeed}`,
  );
}

/**
 * The findings of the model `reread` made from the one `base` was made for,
 * by editing `line`: the same overlaps and empty cues; the edited cue's
 * reading speed made again, in its place.
 */
function carriedOver(
  model: TranscriptModel,
  base: Finding[],
  line: number,
  readingSpeed: number,
): Finding[] {
  if (readingSpeed === 0) return base;
  const cue = cueAt(model.cues ?? [], line);
  if (!cue) return base;
  // The cue's findings start on its timing line, in cue order: its
  // reading-speed finding follows its overlap and precedes the next cue's.
  const out = base.filter(
    (f) => !(f.code === 'cue-reading-speed' && f.range.start.line === cue.timingLine),
  );
  const fresh = readingSpeedFinding(model, cue, readingSpeed);
  if (fresh) {
    let at = 0;
    while (at < out.length && out[at].range.start.line <= cue.timingLine) at++;
    out.splice(at, 0, fresh);
  }
  return out;
}

function lineText(model: TranscriptModel, cue: Cue): string {
  const r = cue.startRange!;
  return model.text.line(cue.timingLine).slice(r.start.character, r.end.character);
}

/** The characters a reader reads in a cue: its text without tags and the voice, spaces collapsed. */
function cueCharacters(model: TranscriptModel, cue: Cue): number {
  const { prose } = model;
  let chars = 0;
  let lines = 0;
  // The cue's spans: found by halves when the spans are in line order (a
  // cue reader's are), else by reading them all (every cue reading every
  // span was quadratic on a long file).
  const ordered = inLineOrder(model);
  for (
    let i = ordered ? upperBound(prose.lines, cue.timingLine, (l) => l) : 0;
    i < prose.length;
    i++
  ) {
    const line = prose.lines[i];
    if (ordered && line > cue.lastLine) break;
    if (line <= cue.timingLine || line > cue.lastLine) continue;
    const t = model.text
      .line(line)
      .slice(prose.starts[i])
      .replace(/<[^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    chars += [...t].length;
    lines++;
  }
  // The line breaks between lines read as spaces.
  return chars + Math.max(0, lines - 1);
}
