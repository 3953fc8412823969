/**
 * The pure core: parser, document model, analysis, fixes, outline and tokens.
 * No editor, protocol or Node imports (a lint rule keeps it so).
 */
export {
  analyze,
  analyzeEdited,
  analyzeModel,
  type Analysis,
  type AnalysisContext,
} from './analysis/analyze';
export { changedSpan, reread, type TextChange } from './reread';
export {
  ACCEPT_SPEAKER_COMMAND,
  ADD_TO_ROSTER_COMMAND,
  SAFE_LABEL_RATIO,
  type RosterEdit,
} from './analysis/speakers';
export * from './findings';
export { fixAllEdits, fixAllText, type FixAllResult } from './fixes';
export type * from './model';
export { parse } from './parser';
export {
  DEFAULT_SETTINGS,
  readSettings,
  withRoster,
  type KnownSpeaker,
  type Settings,
} from './settings';
export * from './roster';
export { SEMANTIC_TOKEN_TYPES, semanticTokens, type SemanticToken } from './semanticTokens';
export { chapterLines, outline, type OutlineKind, type OutlineNode } from './symbols';
export * from './text';
export * from './time';
export { completions, type Completion } from './completion';
export { foldingRanges, type FoldingRange } from './folding';
export { hover, type Hover } from './hover';
export {
  definition,
  invalidSpeakerName,
  labelAt,
  prepareRename,
  references,
  renameSpeaker,
  type PrepareRenameResult,
  type RenameResult,
} from './navigation';
export { selectionRanges } from './selection';
export {
  formatLike,
  parseOffset,
  shiftScopeAt,
  shiftTimestamps,
  timeAtLine,
  type ShiftResult,
  type ShiftScope,
} from './shift';
export {
  paragraphText,
  statistics,
  statisticsMarkdown,
  type ChapterStats,
  type SpeakerStats,
  type Statistics,
} from './stats';
export {
  fuzzyMatch,
  summarize,
  summarizeModel,
  WorkspaceIndex,
  type EpisodeSummary,
  type WorkspaceSymbol,
} from './workspace';
export {
  audioCandidates,
  AUDIO_EXTENSIONS,
  chapterAtTime,
  MAX_RATE,
  MIN_RATE,
  paragraphAtTime,
  paragraphRange,
  playability,
  playableLines,
  type LensMode,
  playerStatus,
  RATE_STEP,
  resumeTime,
  seekBy,
  stampForTime,
  stepRate,
  timedParagraphs,
  timeAtPosition,
  UNPLAYABLE_EXTENSIONS,
  type TimedParagraph,
} from './playback';
export {
  isSideChaptersFile,
  sideChapterCandidates,
  SIDE_CHAPTER_ENDINGS,
  transcriptBaseName,
} from './fileNames';
export { chapterTimes, readSideChapters, withSideChapters } from './sideChapters';
