/**
 * The pure core: parser, document model, analysis, fixes, outline and tokens.
 * No editor, protocol or Node imports (a lint rule keeps it so).
 */
export { analyze, analyzeModel, type Analysis } from './analysis/analyze';
export { ACCEPT_SPEAKER_COMMAND } from './analysis/speakers';
export * from './findings';
export { fixAllEdits, fixAllText, type FixAllResult } from './fixes';
export type * from './model';
export { parse } from './parser';
export { DEFAULT_SETTINGS, readSettings, type KnownSpeaker, type Settings } from './settings';
export { SEMANTIC_TOKEN_TYPES, semanticTokens, type SemanticToken } from './semanticTokens';
export { outline, type OutlineKind, type OutlineNode } from './symbols';
export * from './text';
export * from './time';
