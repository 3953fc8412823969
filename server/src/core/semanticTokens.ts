/**
 * Semantic tokens: what the grammar cannot know. Body chapter headings are
 * known only from the chapter list, so the server marks them.
 */
import type { TranscriptModel } from './model';

export const SEMANTIC_TOKEN_TYPES = ['chapterHeading'] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

export interface SemanticToken {
  readonly line: number;
  readonly character: number;
  readonly length: number;
  readonly type: SemanticTokenType;
}

/** Tokens in document order, one line each. */
export function semanticTokens(model: TranscriptModel): SemanticToken[] {
  return model.headings.map((h) => ({
    line: h.line,
    character: h.range.start.character,
    length: h.range.end.character - h.range.start.character,
    type: 'chapterHeading' as const,
  }));
}
