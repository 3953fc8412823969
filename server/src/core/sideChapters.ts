/**
 * Chapters for a transcript without a chapter list of its own (a cue file, a
 * text layout), from a file beside it: Podcasting 2.0 `NAME.chapters.json` or
 * a WebVTT chapters track `NAME.chapters.vtt`. The fronts read the file; this
 * reads its content. The outline, statistics, exports and the player then use
 * these chapters as they use a listed one, placing each by its time.
 */
import { detectChaptersFormat, readChapters } from './formats/readChapters';
import type { SideChapter, SideChapters, TranscriptModel } from './model';

export { sideChapterCandidates } from './fileNames';

/** The name a message cites: the last part of a path. */
function shortName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1) || file;
}

/** Reads a chapters file's content. Never throws: what cannot be read is the `problem`. */
export function readSideChapters(file: string, content: string): SideChapters {
  const name = shortName(file);
  const lower = name.toLowerCase();
  const expected = lower.endsWith('.json') ? 'chapters-json' : 'vtt';
  // The name says what the file is: a .json that holds no JSON is not read as mp4chaps.
  if (detectChaptersFormat(content) !== expected)
    return {
      file: name,
      entries: [],
      problem:
        expected === 'vtt'
          ? 'it is not a WebVTT file (it does not start with WEBVTT)'
          : 'it is not Podcasting 2.0 JSON chapters (an object with a "chapters" array)',
    };
  const r = readChapters(content);
  if (!r.ok) return { file: name, entries: [], problem: r.message };
  return { file: name, entries: r.items.map((c) => ({ seconds: c.start, title: c.title })) };
}

/** The model with chapters from beside it; unchanged when it has a chapter list of its own. */
export function withSideChapters(
  model: TranscriptModel,
  side: SideChapters | undefined,
): TranscriptModel {
  if (!side || model.chapters.length > 0) return model;
  return { ...model, sideChapters: side };
}

/**
 * The chapters by time, listed or from beside the transcript: what the
 * statistics, exports and the player go by. Index `i` is chapter `i` of
 * `model.chapters` when the model has a list.
 */
export function chapterTimes(model: TranscriptModel): readonly SideChapter[] {
  if (model.chapters.length > 0) return model.chapters;
  return model.sideChapters?.entries ?? [];
}
