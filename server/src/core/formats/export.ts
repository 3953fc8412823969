/**
 * Publishing a transcript: WebVTT, SRT, the Podcasting 2.0 JSON and HTML
 * transcripts, and chapters as Podcasting 2.0 JSON, Podlove Simple Chapters
 * or mp4chaps. Exports refuse a transcript with errors unless forced.
 */
import { analyze } from '../analysis/analyze';
import type { Finding } from '../findings';
import type { SideChapters } from '../model';
import { clip } from '../scan';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import { MAX_HOURS, MAX_SECONDS } from '../time';
import { toJsonChapters, toMp4chaps, toPsc } from './chapters';
import { buildDocument } from './document';
import { toHtml } from './html';
import { isSpeakerName } from './prefix';
import { toJsonTranscript } from './json';
import { DEFAULT_SRT_LINE_WIDTH, toSrt } from './srt';
import { DEFAULT_VTT_LINE_WIDTH, toVtt, toVttChapters } from './vtt';

export const EXPORT_FORMATS = [
  'vtt',
  'srt',
  'json',
  'html',
  'chapters-json',
  'psc',
  'mp4chaps',
] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

export interface ExportOptions {
  /** Export even when the transcript has error findings. */
  readonly force?: boolean;
  /** Characters per cue line (WebVTT default 65, SRT default 32). */
  readonly lineWidth?: number;
  /** Seconds: where the last cue and the last chapter end; at most `MAX_SECONDS` (1000 hours). */
  readonly episodeLength?: number;
  /** WebVTT only: also build a chapters track (`ExportSuccess.chaptersTrack`). */
  readonly chaptersTrack?: boolean;
  /** Settings for the analysis that decides whether the transcript has errors. */
  readonly settings?: Settings;
  /** HTML only: the document title (default `Transcript`). */
  readonly title?: string;
  /** The transcript's file name: its extension chooses the reader (`.vtt`, `.srt`). */
  readonly fileName?: string;
  /** HTML only: the `lang` of the document, e.g. `de`. */
  readonly language?: string;
  /** Chapters from a file beside the transcript (see `readSideChapters`). */
  readonly sideChapters?: SideChapters;
}

export interface ExportSuccess {
  readonly ok: true;
  readonly content: string;
  readonly mimeType: string;
  /** With its dot: `.vtt`. */
  readonly extension: string;
  /** The WebVTT chapters track, when `chaptersTrack` was asked for with `vtt`. */
  readonly chaptersTrack?: string;
  /** What readers of the file may not get back as it was meant (SRT names that do not look like names). */
  readonly warnings: string[];
}

export interface ExportFailure {
  readonly ok: false;
  /** The error findings that stopped the export. */
  readonly errors: Finding[];
  readonly message: string;
}

export type ExportResult = ExportSuccess | ExportFailure;

export const FORMAT_INFO: Readonly<
  Record<ExportFormat, { mimeType: string; extension: string; description: string }>
> = {
  vtt: { mimeType: 'text/vtt', extension: '.vtt', description: 'WebVTT transcript' },
  srt: { mimeType: 'application/x-subrip', extension: '.srt', description: 'SubRip subtitles' },
  json: {
    mimeType: 'application/json',
    extension: '.json',
    description: 'Podcasting 2.0 JSON transcript',
  },
  html: { mimeType: 'text/html', extension: '.html', description: 'HTML transcript' },
  'chapters-json': {
    mimeType: 'application/json+chapters',
    extension: '.chapters.json',
    description: 'Podcasting 2.0 JSON chapters',
  },
  psc: {
    mimeType: 'application/xml',
    extension: '.psc.xml',
    description: 'Podlove Simple Chapters 1.2',
  },
  mp4chaps: {
    mimeType: 'text/plain',
    extension: '.chapters.txt',
    description: 'mp4chaps chapters',
  },
};

/** `line:column code message` for each error, one a line (1-based positions). */
export function describeErrors(errors: readonly Finding[]): string {
  return errors
    .map((f) => `  ${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code} ${f.message}`)
    .join('\n');
}

function positive(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}

export function exportTranscript(
  text: string,
  format: ExportFormat,
  options: ExportOptions = {},
): ExportResult {
  const { model, findings } = analyze(text, options.settings ?? DEFAULT_SETTINGS, {
    fileName: options.fileName,
    sideChapters: options.sideChapters,
  });
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0 && !options.force) {
    const n = errors.length;
    return {
      ok: false,
      errors,
      message:
        `Not exported: the transcript has ${n} ${n === 1 ? 'error' : 'errors'} ` +
        `(fix ${n === 1 ? 'it' : 'them'}, or force the export):\n${describeErrors(errors)}`,
    };
  }
  if (options.episodeLength !== undefined && options.episodeLength > MAX_SECONDS)
    return {
      ok: false,
      errors: [],
      message: `The episode length ${clip(String(options.episodeLength))} s is more than ${MAX_HOURS} hours, the latest time a transcript may hold; nothing was exported`,
    };
  const doc = buildDocument(model, { episodeLength: positive(options.episodeLength) });
  const width = positive(options.lineWidth);
  let content: string;
  let chaptersTrack: string | undefined;
  const warnings: string[] = [];
  switch (format) {
    case 'vtt':
      content = toVtt(doc, width ?? DEFAULT_VTT_LINE_WIDTH);
      if (options.chaptersTrack) chaptersTrack = toVttChapters(doc);
      break;
    case 'srt':
      content = toSrt(doc, width ?? DEFAULT_SRT_LINE_WIDTH);
      for (const name of new Set(doc.cues.map((c) => c.speaker)))
        if (name !== undefined && !isSpeakerName(name))
          warnings.push(
            `'${name}' does not look like a name to SRT readers (1 to 4 words of letters, digits and . - ' & / + _): its 'Name: ' prefix may read as text`,
          );
      break;
    case 'json':
      content = toJsonTranscript(doc);
      break;
    case 'html':
      content = toHtml(doc, { title: options.title, language: options.language });
      break;
    case 'chapters-json':
      content = toJsonChapters(doc);
      break;
    case 'psc':
      content = toPsc(doc);
      break;
    case 'mp4chaps':
      content = toMp4chaps(doc);
      break;
    default:
      return {
        ok: false,
        errors: [],
        message: `Unknown export format '${String(format)}' (known: ${EXPORT_FORMATS.join(', ')})`,
      };
  }
  const { mimeType, extension } = FORMAT_INFO[format];
  return chaptersTrack === undefined
    ? { ok: true, content, mimeType, extension, warnings }
    : { ok: true, content, mimeType, extension, chaptersTrack, warnings };
}
