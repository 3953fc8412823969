/**
 * Which prose words may spell a speaker's name, and finding them: a filter
 * by first letters that sound alike and by length, its expression, and the
 * search of a line for the words it lets through (counted in `nameWords.ts`,
 * placed in `wordPlaces.ts`). Also whether a model's prose spans are in line
 * order, which the line-by-line readings rely on.
 */
import type { ProseSpans, TranscriptModel } from '../model';
import { isSingleWordName } from '../names';
import { indexOf } from '../search';
import { mergeRuns, WordTally } from './wordTally';
/**
 * A word: letters and marks, with apostrophes inside (`D'Artagnan`,
 * `Sch'tis`). An apostrophe at either end is a quote, and a final `'s` or
 * `’s` the English possessive: neither is part of the word, so the name in
 * `'Stefan'` and in `Stefan's` is `Stefan`. The name check counts words
 * (`filterSource`, `placeWordCounts`) and finds their places (`wordPlaces.ts`)
 * by this one definition.
 */
export const WORD = /[\p{L}\p{M}]+(?:['’](?!s(?![\p{L}\p{M}]))[\p{L}\p{M}]+)*/gu;
/** `WORD` at one place only (sticky). */
export const WORD_AT = new RegExp(WORD.source, 'uy');

export function isUpper(s: string): boolean {
  const c = s[0];
  return c !== c.toLowerCase();
}

/** `isUpper` of each of the first 256 code points, decided by `isUpper`. */
const LATIN1_UPPER = new Uint8Array(256);
for (let c = 0; c < 256; c++) LATIN1_UPPER[c] = isUpper(String.fromCharCode(c)) ? 1 : 0;

/** First letters that sound alike in German (Kölner Phonetik groups), to spot spellings of a name. */
const SOUND_ALIKE = ['AEIJOUYÄÖÜ', 'BP', 'DT', 'FPVW', 'CGKQX', 'CSZß', 'L', 'MN', 'R', 'H'];

/** Capital letters a spelling of one of these names may start with. */
function initialsFor(names: Iterable<string>, anyCase: boolean): Set<string> {
  const out = new Set<string>();
  for (const name of names) {
    const first = name.charAt(0).toUpperCase();
    out.add(first);
    for (const group of SOUND_ALIKE) if (group.includes(first)) for (const c of group) out.add(c);
  }
  if (anyCase) for (const c of [...out]) out.add(c.toLowerCase());
  return out;
}

function escapeClass(chars: Iterable<string>): string {
  return [...chars].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('');
}

/** What prose words can be spellings of the names: their first letters and lengths. */
export interface WordFilter {
  readonly initials: ReadonlySet<string>;
  readonly minLength: number;
  readonly maxLength: number;
  /** Lower-case words count too (`thorsten`), not only capitalised ones. */
  readonly anyCase: boolean;
}

/** The last filter made, by its names: a document's speakers rarely change between edits. */
let lastFilter: { key: string; filter: WordFilter } | undefined;

/** The filter for single-word names (other names are not looked for in the prose). */
export function wordFilterFor(names: Iterable<string>, anyCase = false): WordFilter | undefined {
  const single = [...names].filter(isSingleWordName);
  if (single.length === 0) return undefined;
  const key = `${anyCase}\n${single.join('\n')}`;
  if (lastFilter?.key === key) return lastFilter.filter;
  // A loop, not Math.min(...lengths): a spread of 100,000 names overflows the stack.
  let shortest = Infinity;
  let longest = 0;
  for (const n of single) {
    if (n.length < shortest) shortest = n.length;
    if (n.length > longest) longest = n.length;
  }
  const filter = {
    initials: initialsFor(single, anyCase),
    minLength: Math.max(3, shortest - 2),
    maxLength: longest + 2,
    anyCase,
  };
  lastFilter = { key, filter };
  return filter;
}

const LETTER_CLASS = String.raw`[\p{L}\p{M}]`;

/**
 * The expression for the words `filter` lets through: a `WORD` that starts
 * with one of the initials where `WORD` would start one (not after a letter,
 * nor after a letter and an apostrophe), as many code points long as the
 * filter allows (each step of the group reads one: a letter, or an
 * apostrophe that the word goes on after).
 */
export function filterSource(filter: WordFilter): string {
  const L = LETTER_CLASS;
  const step = `(?:${L}|['’](?!s(?!${L}))(?=${L}))`;
  return `(?<!${L})(?<!${L}['’])[${escapeClass(filter.initials)}]${step}{${filter.minLength - 1},${filter.maxLength - 1}}(?!${step})`;
}

/** Whether each model's spans are in line order, by its spans (shared by a model `reread` made). */
const lineOrdered = new WeakMap<ProseSpans, boolean>();

/** The prose spans are in line order (they are unless a summary follows the body). */
export function inLineOrder(model: TranscriptModel): boolean {
  const { prose } = model;
  let ordered = lineOrdered.get(prose);
  if (ordered === undefined) {
    ordered = true;
    const { lines, length } = prose;
    for (let i = 1; i < length && ordered; i++) if (lines[i - 1] >= lines[i]) ordered = false;
    lineOrdered.set(prose, ordered);
  }
  return ordered;
}

/** The span on `line` of spans in line order (one at most), or -1. */
export function spanOnLine(prose: ProseSpans, line: number): number {
  return indexOf(prose.lines, line);
}

/**
 * Letters and marks (`[\p{L}\p{M}]`) among the first 256 code points (ASCII
 * and Latin-1: German's umlauts and ß), decided by that expression: 1 for a
 * letter, 0 for any other character. Other characters are left to the
 * filter's expression.
 */
const LATIN1_LETTER = new Uint8Array(256);
const LETTER = new RegExp(LETTER_CLASS, 'u');
for (let c = 0; c < 256; c++) LATIN1_LETTER[c] = LETTER.test(String.fromCharCode(c)) ? 1 : 0;
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const SMALL_S = 0x73;

/** What the search for a filter's words needs, made once per filter. */
interface Search {
  /** The filter's expression, sticky. */
  readonly re: RegExp;
  /** The UTF-16 units of the initials. */
  readonly units: readonly string[];
}

const searches = new WeakMap<WordFilter, Search>();

function searchFor(filter: WordFilter): Search {
  let search = searches.get(filter);
  if (!search) {
    const units = new Set<string>();
    for (const s of filter.initials) for (const u of s.split('')) units.add(u);
    search = { re: new RegExp(filterSource(filter), 'uy'), units: [...units] };
    searches.set(filter, search);
  }
  return search;
}

/**
 * The places buffer, kept between calls up to this many places (a typed
 * array costs microseconds to make, even a small one).
 */
const KEPT_PLACES = 1 << 16;
let keptBuffer: Int32Array | undefined;

/**
 * The words `filter` counts in the spans [froms[k], tos[k]) of `source`, in
 * text order (each span ends at its line's end): the counts the filter's
 * expression gives, found faster than by running it over all prose (which
 * costs more than parsing): every place an initial occurs is found with
 * indexOf (a native search); a word there of Latin-1 letters and apostrophes
 * between Latin-1 characters is measured here, anything else is left to the
 * expression at that place.
 */
export function placeWordCounts(
  source: string,
  froms: readonly number[],
  tos: readonly number[],
  filter: WordFilter,
): WordTally {
  const { minLength, maxLength } = filter;
  const { re, units } = searchFor(filter);
  const tally = new WordTally(source);
  const spans = froms.length;
  if (spans === 0) return tally;
  const begin = froms[0];
  const end = tos[spans - 1];
  // Where the initials occur (each UTF-16 unit of each; the expression
  // decides the rest), in text order. The places and, behind them, room to
  // merge them: one buffer. About one character in 60 of German prose is a
  // capital T, D, M, N, S, C or Z.
  // Up to KEPT_PLACES places the buffer is the kept one (made larger when
  // too small); either way it grows below when the places overflow it.
  let capacity = Math.max(256, (end - begin) >> 5);
  if (capacity <= KEPT_PLACES && (keptBuffer?.length ?? 0) < 2 * capacity)
    keptBuffer = new Int32Array(2 * capacity);
  let buffer = capacity <= KEPT_PLACES ? keptBuffer! : new Int32Array(2 * capacity);
  capacity = buffer.length >> 1;
  let places = buffer.subarray(0, capacity);
  let count = 0;
  // Each initial's places come in order: runs to merge, not to sort (sorting
  // the 98,000 places of the 100h input took 3 ms).
  const runs: number[] = [0];
  for (const u of units) {
    for (let at = source.indexOf(u, begin); at >= 0 && at < end; at = source.indexOf(u, at + 1)) {
      if (count === capacity) {
        capacity *= 2;
        buffer = new Int32Array(2 * capacity);
        buffer.set(places);
        places = buffer.subarray(0, capacity);
      }
      places[count++] = at;
    }
    runs.push(count);
  }
  const sorted = mergeRuns(places, buffer.subarray(capacity), runs);
  let k = 0;
  let from = froms[0];
  let to = tos[0];
  places: for (let i = 0; i < count; i++) {
    const at = sorted[i];
    while (at >= to) {
      if (++k === spans) break places;
      from = froms[k];
      to = tos[k];
    }
    if (at < from) continue;
    // The word at `at` is the text's [at, at + length): counted by place, a
    // string is made only for each distinct word, at the end.
    let length = -1;
    const first = source.charCodeAt(at);
    const end = first < 256 ? latin1WordEnd(source, at, to) : -1;
    if (end === INSIDE) continue;
    if (end >= 0) {
      if (end - at >= minLength && end - at <= maxLength) length = end - at;
    } else length = wordLengthAt(re, source, at);
    if (
      length >= 3 &&
      (filter.anyCase || (first < 256 ? LATIN1_UPPER[first] === 1 : isUpper(source[at])))
    )
      tally.add(at, length);
  }
  return tally;
}

/** `latin1WordEnd`: the place is inside a word. */
const INSIDE = -2;

/** A Latin-1 letter or mark; `c` past the line (-1) is none. */
function isLatin1Letter(c: number): boolean {
  return c >= 0 && c < 256 && LATIN1_LETTER[c] === 1;
}

/** An apostrophe `WORD` reads inside a word (`'` or `’`). */
function isApostrophe(c: number): boolean {
  return c === APOSTROPHE || c === RIGHT_QUOTE;
}

/**
 * Where the word `WORD` reads at `at` (a Latin-1 letter) ends, before `to`
 * (the line's end): decided here while only Latin-1 characters and
 * apostrophes are in question, as `WORD` decides. `INSIDE` when `at` is
 * inside a word (after a letter, or after a letter and an apostrophe); -1
 * when a character past Latin-1 must be read (left to the expression).
 */
function latin1WordEnd(source: string, at: number, to: number): number {
  const before = at > 0 ? source.charCodeAt(at - 1) : -1;
  if (before >= 256 && !isApostrophe(before)) return -1;
  if (isLatin1Letter(before)) return INSIDE;
  if (isApostrophe(before)) {
    const second = at > 1 ? source.charCodeAt(at - 2) : -1;
    if (second >= 256) return -1;
    if (isLatin1Letter(second)) return INSIDE;
  }
  let j = at + 1;
  while (j < to) {
    const d = source.charCodeAt(j);
    if (isLatin1Letter(d)) {
      j++;
      continue;
    }
    if (d >= 256 && !isApostrophe(d)) return -1;
    if (!isApostrophe(d)) return j;
    // An apostrophe: inside the word when a letter follows, unless that
    // is a final `s` (the possessive).
    const next = j + 1 < to ? source.charCodeAt(j + 1) : -1;
    if (next >= 256) return -1;
    if (!isLatin1Letter(next)) return j;
    if (next === SMALL_S) {
      const after = j + 2 < to ? source.charCodeAt(j + 2) : -1;
      if (after >= 256) return -1;
      if (!isLatin1Letter(after)) return j;
    }
    j += 2;
  }
  return j;
}

/** The length of the word `re` (sticky) reads at `at`, or -1. */
function wordLengthAt(re: RegExp, source: string, at: number): number {
  re.lastIndex = at;
  const m = re.exec(source);
  return m ? m[0].length : -1;
}
