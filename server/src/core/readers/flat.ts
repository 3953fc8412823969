/**
 * What the readers of the layouts without sections (cue files, the text
 * layouts) build alike: the model around their turns, paragraphs and prose,
 * and the one finding for a file that is none of theirs.
 */
import { finding, type Finding } from '../findings';
import type { Cue, Paragraph, SpeakerLabel, Timestamp, TranscriptModel, Turn } from '../model';
import { noSplit } from '../scan';
import { range, type LineIndex } from '../text';
import type { Layout } from './reader';

export interface FlatParts {
  readonly labels: readonly SpeakerLabel[];
  readonly turns: readonly Turn[];
  readonly paragraphs: readonly Paragraph[];
  readonly stamps: readonly Timestamp[];
  readonly proseLines: readonly number[];
  readonly proseStarts: readonly number[];
  readonly cues?: readonly Cue[];
}

/** A model with no sections, chapters or headings: the whole text is the body. */
export function flatModel(
  layout: Layout,
  text: LineIndex,
  findings: readonly Finding[],
  looksLikeTranscript: boolean,
  parts: FlatParts,
): TranscriptModel {
  const { lineCount } = text;
  return {
    layout,
    text,
    sections: [],
    chapters: [],
    tags: [],
    body: lineCount > 0 ? { startLine: 0, endLine: lineCount - 1 } : undefined,
    labels: parts.labels,
    turns: parts.turns,
    paragraphs: parts.paragraphs,
    stamps: parts.stamps,
    malformedStamps: [],
    headings: [],
    prose: {
      length: parts.proseLines.length,
      lines: Int32Array.from(parts.proseLines),
      starts: Int32Array.from(parts.proseStarts),
    },
    cues: parts.cues,
    looksLikeTranscript,
    findings,
  };
}

/** `not-a-transcript` on the first line of a text that is not blank (binary said as such). */
export function noTranscript(
  text: LineIndex,
  source: string,
  findings: Finding[],
  message: string,
): void {
  if (source.trim() === '') return;
  findings.push(
    finding(
      'not-a-transcript',
      range(0, 0, noSplit(text.line(0), Math.min(text.lineLength(0), 200))),
      source.includes('\0')
        ? 'This file looks binary (it contains NUL bytes), not like a transcript'
        : message,
    ),
  );
}
