/** Runs every check on a parsed transcript and keeps the findings the settings ask for. */
import { sortFindings, type Finding } from '../findings';
import type { TranscriptModel } from '../model';
import { parse } from '../parser';
import { reread } from '../reread';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import type { LineIndex } from '../text';
import type { ReadOptions } from '../readers';
import { chapterFindings } from './chapters';
import { cueFindings } from './cues';
import { chapterOrder, timestampOrder } from './order';
import { sideChapterFindings } from './sideChapters';
import { speakerFindings, type SpeakerContext } from './speakers';
import { emptyTurns } from './turns';

export interface Analysis {
  readonly model: TranscriptModel;
  readonly findings: readonly Finding[];
}

/**
 * What the analysis may know beyond the document: the rest of the workspace,
 * the file's name or layout (which decide the reader), and chapters beside it.
 */
export interface AnalysisContext extends SpeakerContext, ReadOptions {}

export function analyzeModel(
  model: TranscriptModel,
  settings: Settings = DEFAULT_SETTINGS,
  context: AnalysisContext = {},
): Finding[] {
  const all: Finding[] = [
    ...model.findings,
    ...timestampOrder(model),
    ...chapterOrder(model),
    ...chapterFindings(model, settings.chapterTimeTolerance),
    ...sideChapterFindings(model),
    ...speakerFindings(model, settings, context),
    ...emptyTurns(model),
    ...cueFindings(model, settings.readingSpeed),
  ];
  return sortFindings(all.filter((f) => settings.findings[f.code]));
}

/** Parse plus every check: the one entry point the fronts need. */
export function analyze(
  text: string,
  settings: Settings = DEFAULT_SETTINGS,
  context: AnalysisContext = {},
): Analysis {
  const model = parse(text, context);
  return { model, findings: analyzeModel(model, settings, context) };
}

/**
 * `analyze` of a text that an edit made from the one `previous` analysed,
 * read with the same `context`: the model is made from the previous one when
 * the edit kept the structure (see `reread`), else parsed; every check runs.
 * The result equals `analyze(text, settings, context)`. The text may be
 * given as a `LineIndex`: one made by `withLine` from the previous model's
 * text is read again without being joined into one string.
 */
export function analyzeEdited(
  previous: Analysis,
  text: string | LineIndex,
  settings: Settings = DEFAULT_SETTINGS,
  context: AnalysisContext = {},
): Analysis {
  const model =
    reread(previous.model, text, context) ??
    parse(typeof text === 'string' ? text : text.text, context);
  return { model, findings: analyzeModel(model, settings, context) };
}
