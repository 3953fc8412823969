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
): readonly Finding[] {
  const parts: readonly (readonly Finding[])[] = [
    model.findings,
    timestampOrder(model),
    chapterOrder(model),
    chapterFindings(model, settings.chapterTimeTolerance),
    sideChapterFindings(model),
    speakerFindings(model, settings, context),
    emptyTurns(model),
    cueFindings(model, settings.readingSpeed),
  ];
  // The checks keep what an edit cannot change (see `reread`): after most
  // keystrokes every part holds the same findings as the last analysis's,
  // and so does the result, which is then not filtered and sorted again.
  const last = lastAnalysis;
  if (last?.shown === settings.findings && sameParts(last.parts, parts)) return last.findings;
  const all: Finding[] = [];
  for (const part of parts) for (const f of part) if (settings.findings[f.code]) all.push(f);
  const findings = sortFindings(all);
  lastAnalysis = { shown: settings.findings, parts, findings };
  return findings;
}

/** The last analysis's checks' findings and its result, with the codes shown. */
let lastAnalysis:
  | {
      readonly shown: Settings['findings'];
      readonly parts: readonly (readonly Finding[])[];
      readonly findings: readonly Finding[];
    }
  | undefined;

/** The same findings, part by part, in the same order. */
function sameParts(
  a: readonly (readonly Finding[])[],
  b: readonly (readonly Finding[])[],
): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
  }
  return true;
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
