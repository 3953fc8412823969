/**
 * Where a word stands in the prose: every place it is a whole word, as the
 * word reading of its line has it (`proseWordRanges`, for the respelling
 * fixes). Kept per text, so a text made by an edit searches only its edited
 * line again.
 */
import type { ProseSpans, TranscriptModel } from '../model';
import { lowerBound } from '../search';
import { range, type LineIndex, type Range } from '../text';
import { inLineOrder, spanOnLine, WORD, WORD_AT } from './wordFilter';

/**
 * The places found per text and word, with the prose spans they were found
 * in: after an edit that kept the spans and changed one line (see `reread`),
 * the places of the text it was made from are kept but for that line's.
 */
const placesByText = new WeakMap<
  LineIndex,
  { readonly prose: ProseSpans; readonly byWord: Map<string, readonly Range[]> }
>();

/** Every place the prose has `word` as a whole word, in text order. */
export function proseWordRanges(model: TranscriptModel, word: string): readonly Range[] {
  const { text, prose } = model;
  let known = placesByText.get(text);
  if (!known || known.prose !== prose)
    placesByText.set(text, (known = { prose, byWord: new Map() }));
  let ranges = known.byWord.get(word);
  if (ranges) return ranges;
  const edit = text.editOf;
  const base = edit && placesByText.get(edit.base);
  const before = base && base.prose === prose ? base.byWord.get(word) : undefined;
  if (edit && before && word !== '' && inLineOrder(model)) {
    // The places before the edited line, that line's, then those after.
    const first = lowerBound(before, edit.line, (r) => r.start.line);
    const after = lowerBound(before, edit.line + 1, (r) => r.start.line);
    const onLine: Range[] = [];
    const k = spanOnLine(prose, edit.line);
    if (k >= 0) wordRanges(model, word, onLine, k);
    ranges =
      onLine.length === 0 && after === first
        ? before
        : [...before.slice(0, first), ...onLine, ...before.slice(after)];
  } else if (!inLineOrder(model) || word === '') ranges = proseWordRangesByLine(model, word);
  else ranges = wordRanges(model, word, []);
  known.byWord.set(word, ranges);
  return ranges;
}

/**
 * Keeps for an edited text the places found for the text it was made from
 * (same prose spans), but for the words in `lines` (the edited line before
 * and after the edit): for an edit that no word searched for could be part
 * of, so that the next edit again searches only its own line.
 */
export function carryPlaces(model: TranscriptModel, lines: readonly string[]): void {
  const { text, prose } = model;
  const edit = text.editOf;
  const base = edit && placesByText.get(edit.base);
  if (!base || base.prose !== prose || placesByText.get(text)?.prose === prose) return;
  const byWord = new Map<string, readonly Range[]>();
  for (const [word, ranges] of base.byWord)
    if (!lines.some((line) => line.includes(word))) byWord.set(word, ranges);
  placesByText.set(text, { prose, byWord });
}

/**
 * The places of `word` in the prose, pushed onto `ranges`: all of them, or
 * (`k` given) those in span `k`. The spans must be in line order.
 */
function wordRanges(model: TranscriptModel, word: string, ranges: Range[], k?: number): Range[] {
  const { text, prose } = model;
  const whole = WORD_AT;
  // One span: searched in its own line, so that a word missing from it is
  // not searched for through the rest of the text, and a text not joined
  // into one string (see `LineIndex.withLine`) stays so. `hay` holds the
  // text from offset `base` on.
  const hay = k === undefined ? text.text : text.line(prose.lines[k]);
  const base = k === undefined ? 0 : text.lineStart(prose.lines[k]);
  const stop = base + hay.length;
  k ??= 0;
  // Find the word's occurrences in the text and keep those in a span where
  // the word reading of the line has a word starting there, as long as
  // `word`. Searched by a prefix of at most six characters, then compared:
  // V8's indexOf takes microseconds per call for longer patterns (it builds
  // search tables each time), which on a long text adds up.
  const key = word.slice(0, 6);
  for (let found = hay.indexOf(key); found >= 0; found = hay.indexOf(key, found + 1)) {
    const at = base + found;
    if (at + word.length > stop) break;
    if (key !== word && !hay.startsWith(word, found)) continue;
    while (k < prose.length && spanEnd(model, k) < at + word.length) k++;
    if (k === prose.length) break;
    const line = prose.lines[k];
    const lineStart = text.lineStart(line);
    const from = lineStart + prose.starts[k];
    if (at < from) continue;
    // A word reading starts at `at` unless a letter (or a letter and an
    // apostrophe) before it in the span carries a word on into it.
    if (at > from) {
      const before = hay.charAt(found - 1);
      if (LETTER.test(charBefore(hay, found, from - base))) continue;
      if (
        (before === "'" || before === '’') &&
        found - 1 > from - base &&
        LETTER.test(charBefore(hay, found - 1, from - base))
      )
        continue;
    }
    whole.lastIndex = found;
    const m = whole.exec(hay);
    if (m && m[0].length === word.length)
      ranges.push(range(line, at - lineStart, at - lineStart + word.length));
  }
  return ranges;
}

const LETTER = /[\p{L}\p{M}]/u;

/** The whole character (code point) that ends just before `at`, not before `from`. */
function charBefore(source: string, at: number, from: number): string {
  const low = source.charCodeAt(at - 1);
  const high = source.charCodeAt(at - 2);
  return low >= 0xdc00 && low <= 0xdfff && at - 2 >= from && high >= 0xd800 && high <= 0xdbff
    ? source.slice(at - 2, at)
    : source.charAt(at - 1);
}

function spanEnd(model: TranscriptModel, k: number): number {
  const line = model.prose.lines[k];
  return model.text.lineStart(line) + model.text.lineLength(line);
}

/** `proseWordRanges` line by line, for spans out of line order. */
function proseWordRangesByLine(model: TranscriptModel, word: string): Range[] {
  const ranges: Range[] = [];
  const re = WORD;
  const { prose } = model;
  for (let i = 0; i < prose.length; i++) {
    const line = model.text.line(prose.lines[i]);
    if (!line.includes(word)) continue;
    re.lastIndex = prose.starts[i];
    for (let m = re.exec(line); m; m = re.exec(line))
      if (m[0] === word) ranges.push(range(prose.lines[i], m.index, m.index + word.length));
  }
  return ranges;
}
