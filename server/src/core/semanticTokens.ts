/**
 * Semantic tokens: what the grammar cannot know. Body chapter headings are
 * known only from the chapter list, so the server marks them. The other
 * layouts (WebVTT, SRT, the text layouts) have no grammar of ours, and may
 * open under another extension's: their speaker names and times are marked
 * too, mapped to the scopes our grammar gives labels and stamps, so they
 * look alike.
 */
import type { TranscriptModel } from './model';
import { comparePositions, type Range } from './text';

export const SEMANTIC_TOKEN_TYPES = ['chapterHeading', 'speaker', 'timestamp'] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

export interface SemanticToken {
  readonly line: number;
  readonly character: number;
  readonly length: number;
  readonly type: SemanticTokenType;
}

/** Tokens in document order. */
export function semanticTokens(model: TranscriptModel): SemanticToken[] {
  const headings = model.headings.map((h) => token(h.range, 'chapterHeading'));
  if (model.layout === 'auphonic') return headings;
  const marked: SemanticToken[] = [...headings];
  for (const l of model.labels) marked.push(token(l.nameRange, 'speaker'));
  for (const s of model.stamps) marked.push(token(s.range, 'timestamp'));
  for (const c of model.cues ?? []) if (c.endRange) marked.push(token(c.endRange, 'timestamp'));
  return marked.sort((a, b) =>
    comparePositions(
      { line: a.line, character: a.character },
      { line: b.line, character: b.character },
    ),
  );
}

function token(r: Range, type: SemanticTokenType): SemanticToken {
  return {
    line: r.start.line,
    character: r.start.character,
    length: r.end.character - r.start.character,
    type,
  };
}
