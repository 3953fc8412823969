/** The document model: what a transcript is made of, with positions. */
import type { Layout } from './readers/reader';
import type { Finding } from './findings';
import type { LineIndex, Range } from './text';

export type SectionKind =
  'title' | 'chapters' | 'longSummary' | 'briefSummary' | 'tags' | 'transcript';

/** The exact header lines and the sections they open. */
export const SECTION_HEADERS: ReadonlyMap<string, SectionKind> = new Map([
  ['Generated Shownotes', 'title'],
  ['Chapters', 'chapters'],
  ['Long Summary', 'longSummary'],
  ['Brief Summary', 'briefSummary'],
  ['Tags', 'tags'],
  ['Transcript', 'transcript'],
]);

export interface Section {
  readonly kind: SectionKind;
  readonly name: string;
  /** The header line. */
  readonly headerLine: number;
  /** First and last line of the section, header included. */
  readonly startLine: number;
  readonly endLine: number;
}

export interface ChapterEntry {
  readonly index: number;
  readonly line: number;
  readonly seconds: number;
  readonly timeText: string;
  readonly timeRange: Range;
  readonly title: string;
  readonly titleRange: Range;
}

export interface Tag {
  readonly text: string;
  readonly range: Range;
}

export interface Timestamp {
  readonly line: number;
  readonly seconds: number;
  /** The stamp with its brackets. */
  readonly range: Range;
}

export interface MalformedTimestamp {
  readonly line: number;
  readonly text: string;
  readonly range: Range;
}

export interface SpeakerLabel {
  readonly line: number;
  readonly name: string;
  readonly nameRange: Range;
  /** The label without surrounding white space, colon included. */
  readonly range: Range;
}

export interface ChapterHeading {
  readonly line: number;
  /** Index into `chapters`. */
  readonly chapter: number;
  readonly text: string;
  readonly range: Range;
  /** The line equals the listed title exactly (after trimming). */
  readonly exact: boolean;
}

/**
 * Words of one timestamped paragraph; a paragraph without a stamp holds words
 * before the first label, or after a malformed stamp's line.
 */
export interface Paragraph {
  readonly startLine: number;
  readonly endLine: number;
  readonly stamp?: Timestamp;
  /** Index into `turns`, when the paragraph belongs to a speaker turn. */
  readonly turn?: number;
  /** Words in the paragraph (counted when first asked for). */
  readonly words: number;
  /** The paragraph has a word: `words > 0`, known without counting. */
  readonly hasWords: boolean;
}

export interface Turn {
  readonly label: SpeakerLabel;
  readonly startLine: number;
  /** Last line of the turn (before the next label, or the body's end). */
  readonly endLine: number;
  readonly paragraphs: readonly number[];
  /** Words in the turn (counted when first asked for). */
  readonly words: number;
  /** The turn has a word: `words > 0`, known without counting. */
  readonly hasWords: boolean;
}

/**
 * The stretches of prose (body lines after their stamp, summary lines): span
 * `i` is line `lines[i]` from column `starts[i]`. Numbers, not an object per
 * line: a long transcript has tens of thousands.
 */
export interface ProseSpans {
  readonly length: number;
  readonly lines: ArrayLike<number>;
  readonly starts: ArrayLike<number>;
}

/** A cue of a cue file (WebVTT, SRT): its lines and times. */
export interface Cue {
  /** The identifier line, or the timing line when there is none. */
  readonly firstLine: number;
  readonly timingLine: number;
  /** The last text line (the timing line for a cue without text). */
  readonly lastLine: number;
  /** Seconds, when readable. */
  readonly start?: number;
  readonly end?: number;
  readonly startRange?: Range;
  readonly endRange?: Range;
  readonly hasWords: boolean;
}

/** A chapter read from a file beside the transcript: where it starts, what it is called. */
export interface SideChapter {
  readonly seconds: number;
  readonly title: string;
}

/**
 * Chapters from a file beside a transcript without a chapter list of its own
 * (`episode.chapters.json` beside `episode.vtt`). Its entries have no place
 * in this text: the outline, statistics, exports and the player place them
 * by time.
 */
export interface SideChapters {
  /** The file's name, as messages cite it. */
  readonly file: string;
  /** In the file's order. */
  readonly entries: readonly SideChapter[];
  /** Why the file could not be read, when it could not (then no entries). */
  readonly problem?: string;
}

export interface TranscriptModel {
  /** The layout the text was read in. */
  readonly layout: Layout;
  readonly text: LineIndex;
  readonly sections: readonly Section[];
  readonly chapters: readonly ChapterEntry[];
  readonly tags: readonly Tag[];
  /** First and last line of the transcript body, when there is one. */
  readonly body?: { readonly startLine: number; readonly endLine: number };
  readonly labels: readonly SpeakerLabel[];
  readonly turns: readonly Turn[];
  readonly paragraphs: readonly Paragraph[];
  readonly stamps: readonly Timestamp[];
  readonly malformedStamps: readonly MalformedTimestamp[];
  readonly headings: readonly ChapterHeading[];
  readonly prose: ProseSpans;
  /** The cues, in a cue file (WebVTT, SRT); undefined in the text layouts. */
  readonly cues?: readonly Cue[];
  /** Chapters from a file beside the transcript, when it has no chapter list of its own. */
  readonly sideChapters?: SideChapters;
  /** Sections, labels or timestamps were found. */
  readonly looksLikeTranscript: boolean;
  /** Problems found while parsing (malformed stamps and entries, duplicate sections). */
  readonly findings: readonly Finding[];
}
