/** Expand Selection: word → line → turn → chapter → section. */
import type { TranscriptModel } from './model';
import { outline, type OutlineNode } from './symbols';
import { comparePositions, range, type Position, type Range } from './text';

function contains(outer: Range, inner: Range): boolean {
  return (
    comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0
  );
}

/** A run of word characters at `lastIndex`. */
const WORD_RUN = /[\p{L}\p{M}\p{N}'’-]+/uy;

/**
 * The word or bracketed token (`[Musik]`, `[0:51]`) around `character`: the
 * tokens `/[\p{L}\p{M}\p{N}'’-]+|\[[^\]\s]*\]/gu` finds, found in one pass.
 * (That expression retried its bracket alternative at every `[` of a run
 * without a closing `]`: quadratic on a line of many `[`.)
 */
function wordAt(line: string, lineNo: number, character: number): Range | undefined {
  // A bracket opened before this index has no `]` before the white space or end at it.
  let openUntil = -1;
  for (let i = 0; i < line.length && i <= character;) {
    let end = -1;
    WORD_RUN.lastIndex = i;
    if (WORD_RUN.test(line)) end = WORD_RUN.lastIndex;
    else if (line.charCodeAt(i) === 91 /* [ */ && i >= openUntil) {
      let j = i + 1;
      while (j < line.length && line[j] !== ']' && !/\s/.test(line[j])) j++;
      if (line[j] === ']') end = j + 1;
      else openUntil = j;
    }
    if (end >= 0) {
      if (character <= end) return range(lineNo, i, end);
      i = end;
      continue;
    }
    // Never start inside a surrogate pair (the expression with /u does not).
    const c = line.charCodeAt(i);
    const low = line.charCodeAt(i + 1);
    i += c >= 0xd800 && c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
  }
  return undefined;
}

/** A position inside the text: whole, non-negative numbers, the line one of the text's. */
function isValidPosition(model: TranscriptModel, p: Position): boolean {
  return (
    Number.isSafeInteger(p.line) &&
    Number.isSafeInteger(p.character) &&
    p.line >= 0 &&
    p.character >= 0 &&
    p.line < model.text.lineCount
  );
}

/** The nested ranges around a position, innermost first. */
export function selectionRanges(
  model: TranscriptModel,
  p: Position,
  nodes = outline(model),
): Range[] {
  // Anything else (a fraction, NaN, a negative number) gets no ranges, not ranges echoing it.
  if (!isValidPosition(model, p)) return [];
  const text = model.text.line(p.line);
  // A column past the line's end stands for its end.
  if (p.character > text.length) p = { line: p.line, character: text.length };
  const chain: Range[] = [];
  const push = (r: Range | undefined) => {
    if (!r) return;
    const last = chain[chain.length - 1];
    if (
      last &&
      comparePositions(last.start, r.start) === 0 &&
      comparePositions(last.end, r.end) === 0
    )
      return;
    if (last && !contains(r, last)) return;
    chain.push(r);
  };
  // The innermost range must hold the cursor (editors drop the answer otherwise).
  const holds = (r: Range) => r.start.character <= p.character && p.character <= r.end.character;
  const word = wordAt(text, p.line, p.character);
  if (word && holds(word)) push(word);
  const lead = text.length - text.trimStart().length;
  const content = range(p.line, lead, text.trimEnd().length);
  if (lead < content.end.character && holds(content)) push(content);
  push(model.text.lineRange(p.line));
  const path: OutlineNode[] = [];
  let level: readonly OutlineNode[] = nodes;
  for (;;) {
    const hit = level.find((n) => n.range.start.line <= p.line && p.line <= n.range.end.line);
    if (!hit) break;
    path.push(hit);
    level = hit.children;
  }
  for (const n of path.reverse()) push(n.range);
  push({ start: { line: 0, character: 0 }, end: model.text.positionAt(model.text.text.length) });
  return chain;
}
