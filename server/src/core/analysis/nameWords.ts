/**
 * How often name-like words occur in the prose, for the speaker check: every
 * word a `WordFilter` lets through, counted line by line through a numbered
 * vocabulary, so that after an edit of one line only that line is read again
 * (their places: `wordPlaces.ts`).
 */
import type { ProseSpans, TranscriptModel } from '../model';
import { detach } from '../scan';
import type { LineIndex } from '../text';
import {
  filterSource,
  inLineOrder,
  isUpper,
  placeWordCounts,
  spanOnLine,
  WORD,
  type WordFilter,
} from './wordFilter';

export { wordFilterFor, type WordFilter } from './wordFilter';
/** How often words occur in the prose. */
export interface WordCounts {
  /** How often the prose has `word` (0 when never). */
  count(word: string): number;
  /** Each word counted at least `min` times, with its count, in order of first occurrence. */
  forEach(min: number, fn: (word: string, count: number) => void): void;
  /**
   * `forEach` of the words `keep` keeps. `keep` must answer the same for the
   * same word while `memo` is the same object: its answers may be kept with
   * `memo` and not asked again (most words of a long prose are asked once).
   */
  forEachKept(
    min: number,
    keep: (word: string) => boolean,
    memo: object,
    fn: (word: string, count: number) => void,
  ): void;
  /**
   * The text is one line off the text counted before it (see
   * `LineIndex.editOf`), and that line counts the same words as before the
   * edit: every count is as it was (a counted word's places on that line may
   * have moved).
   */
  readonly quietEdit?: boolean;
}

/** Counts held in a Map (words found by the expression). */
class MapCounts implements WordCounts {
  constructor(private readonly counts: ReadonlyMap<string, number>) {}

  count(word: string): number {
    return this.counts.get(word) ?? 0;
  }

  forEach(min: number, fn: (word: string, count: number) => void): void {
    for (const [word, count] of this.counts) if (count >= min) fn(word, count);
  }

  forEachKept(
    min: number,
    keep: (word: string) => boolean,
    _memo: object,
    fn: (word: string, count: number) => void,
  ): void {
    for (const [word, count] of this.counts) if (count >= min && keep(word)) fn(word, count);
  }
}

export const NO_WORDS: WordCounts = new MapCounts(new Map());

/**
 * How often each capitalised word occurs in the prose: every word of three
 * letters or more, or only those that pass `filter` (the speed of the whole
 * check depends on counting no more than it needs).
 */
export function proseWordCounts(model: TranscriptModel, filter?: WordFilter): WordCounts {
  if (filter && inLineOrder(model)) return lineByLineCounts(model, filter);
  const counts = new Map<string, number>();
  const re = filter ? new RegExp(filterSource(filter), 'gu') : WORD;
  // One search over the whole text rather than one per line: a match found
  // past a span's line is kept for the spans after it. Words cannot reach
  // across a line break, and a line break is no letter, as a line's own ends
  // are not, so every span reads the same matches as on its line alone.
  const { text } = model;
  const source = text.text;
  let m: RegExpExecArray | null = null;
  let searchedFrom = Infinity; // `m` is the first match at or after this offset
  const { prose } = model;
  for (let i = 0; i < prose.length; i++) {
    const lineStart = text.lineStart(prose.lines[i]);
    const from = lineStart + prose.starts[i];
    const to = lineStart + text.lineLength(prose.lines[i]);
    if (searchedFrom > from || (m !== null && m.index < from)) {
      re.lastIndex = from;
      searchedFrom = from;
      m = re.exec(source);
    }
    while (m !== null && m.index < to) {
      const w = m[0];
      if (w.length >= 3 && (filter?.anyCase || isUpper(w))) counts.set(w, (counts.get(w) ?? 0) + 1);
      searchedFrom = re.lastIndex;
      m = re.exec(source);
    }
  }
  return new MapCounts(counts);
}

/**
 * The words a filter counts on one prose line from a column on, in order of
 * first occurrence: each as its number in the filter's `Vocabulary`.
 */
interface LineWords {
  readonly ids: Int32Array;
  readonly counts: Int32Array;
}

const NO_LINE_WORDS: LineWords = { ids: new Int32Array(0), counts: new Int32Array(0) };

/** A line read (a copy of its text, kept as the cache's key) and its words. */
interface LineEntry {
  readonly line: string;
  readonly words: LineWords;
}

/** The words one filter has counted, numbered, and the lines it has read. */
interface Vocabulary {
  readonly ids: Map<string, number>;
  readonly words: string[];
  /** Per span start, per line text: its words. */
  readonly lines: Map<number, Map<string, LineEntry>>;
  /** `forEachKept`'s answers by word number, per memo. */
  readonly kept: WeakMap<object, Uint8Array>;
  cachedLines: number;
  /** The spans of the last text counted whole: each one's start, and its line and words. */
  lastWhole?: { readonly starts: ArrayLike<number>; readonly entries: readonly LineEntry[] };
  /**
   * The words of each prose span of the texts read, weakly by text: a text
   * made by an edit (see `reread`) starts from its base's.
   */
  readonly texts: WeakMap<LineIndex, ReadText & { readonly prose: ProseSpans }>;
}

/**
 * Per filter, what it has read. A document's lines rarely change between two
 * analyses (an edit touches one), so each line is counted once and the whole
 * count is their sum, made in an integer array by word number. Started again
 * when it holds more lines than a few long transcripts have.
 */
const vocabularies = new WeakMap<WordFilter, Vocabulary>();
const MAX_CACHED_LINES = 200_000;

/** Counts held by word number (the words of `lineByLineCounts`). */
class NumberedCounts implements WordCounts {
  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly counts: Int32Array,
    /** Word numbers in order of first occurrence. */
    private readonly order: Int32Array,
    private readonly size: number,
    readonly quietEdit: boolean,
  ) {}

  count(word: string): number {
    const id = this.vocabulary.ids.get(word);
    return id === undefined || id >= this.counts.length ? 0 : this.counts[id];
  }

  forEach(min: number, fn: (word: string, count: number) => void): void {
    const { words } = this.vocabulary;
    for (let i = 0; i < this.size; i++) {
      const id = this.order[i];
      if (this.counts[id] >= min) fn(words[id], this.counts[id]);
    }
  }

  forEachKept(
    min: number,
    keep: (word: string) => boolean,
    memo: object,
    fn: (word: string, count: number) => void,
  ): void {
    const { words, kept } = this.vocabulary;
    // By word number: 0 not asked yet, 1 not kept, 2 kept.
    let answers = kept.get(memo);
    if (!answers || answers.length < words.length) {
      const grown = new Uint8Array(Math.max(256, 2 * words.length));
      if (answers) grown.set(answers);
      kept.set(memo, (answers = grown));
    }
    for (let i = 0; i < this.size; i++) {
      const id = this.order[i];
      const count = this.counts[id];
      if (count < min) continue;
      let answer = answers[id];
      if (answer === 0) answers[id] = answer = keep(words[id]) ? 2 : 1;
      if (answer === 2) fn(words[id], count);
    }
  }
}

/**
 * How often each word `filter` lets through occurs in the prose, line by
 * line through the filter's `Vocabulary`: the counts the filter's expression
 * gives over the whole text, in order of first occurrence (words cannot
 * reach across a line break, and the character before a line, a line break
 * or nothing, is no letter either way).
 */
function lineByLineCounts(model: TranscriptModel, filter: WordFilter): WordCounts {
  let vocabulary = vocabularies.get(filter);
  if (!vocabulary || vocabulary.cachedLines > MAX_CACHED_LINES) {
    vocabulary = {
      ids: new Map(),
      words: [],
      lines: new Map(),
      kept: new WeakMap(),
      cachedLines: 0,
      texts: new WeakMap(),
    };
    vocabularies.set(filter, vocabulary);
  }
  const { text, prose } = model;
  const entry = (i: number): LineEntry => {
    const start = prose.starts[i];
    const line = text.line(prose.lines[i]);
    let byText = vocabulary.lines.get(start);
    if (!byText) vocabulary.lines.set(start, (byText = new Map()));
    let found = byText.get(line);
    if (!found) {
      const kept = detach(line);
      found = { line: kept, words: readLineWords(line, start, filter, vocabulary) };
      byText.set(kept, found);
      vocabulary.cachedLines++;
    }
    return found;
  };
  const edit = text.editOf;
  const base = edit && vocabulary.texts.get(edit.base);
  const last = base?.prose === prose ? base : undefined;
  let read: ReadText | undefined;
  let quiet = false;
  if (edit && last) {
    // The text read last with one line changed, the same spans (see
    // `reread`): only that line is read again, and the counts follow it.
    // (`lineByLineCounts` is only asked of spans in line order.) A line
    // with the same counted words before and after, or no prose at all,
    // leaves every count as it was: the last sums are kept, not copied.
    const k = spanOnLine(prose, edit.line);
    const now = k >= 0 ? entry(k).words : NO_LINE_WORDS;
    quiet = k < 0 || sameWords(last.lineWords.at(k), now);
    read = quiet ? last : countsAfterEdit(vocabulary, last, k, now);
  }
  if (!read) {
    const lineWords = wholeText(model, vocabulary, entry);
    read = countAll(vocabulary, new SpanWords(lineWords, NO_CHANGES));
  }
  vocabulary.texts.set(text, quiet ? last! : { ...read, prose });
  return new NumberedCounts(vocabulary, read.counts, read.order, read.size, quiet);
}

const NO_CHANGES: ReadonlyMap<number, LineWords> = new Map();

/**
 * The words of every prose span of a text counted whole (a text parsed, not
 * read again after an edit). A span whose line and start are those of the
 * span at the same place in the last text counted whole (or one place
 * before or after it: a line added or taken away above) has its words; the
 * others are found by their line in the vocabulary (`entry`). Comparing a
 * line with the one at its place cost a fifth of looking it up by its text,
 * which hashes every character (24 against 137 µs for the 592 lines of the
 * one-hour episode).
 */
function wholeText(
  model: TranscriptModel,
  vocabulary: Vocabulary,
  entry: (i: number) => LineEntry,
): LineWords[] {
  const { text, prose } = model;
  const last = vocabulary.lastWhole;
  const lineWords: LineWords[] = new Array(prose.length);
  const entries: LineEntry[] = new Array(prose.length);
  // The last text's span at span i is span i + shift, while they line up.
  let shift = 0;
  const at = (j: number, start: number, line: string) =>
    last !== undefined &&
    j >= 0 &&
    j < last.entries.length &&
    last.starts[j] === start &&
    last.entries[j].line === line;
  for (let i = 0; i < prose.length; i++) {
    const start = prose.starts[i];
    const line = text.line(prose.lines[i]);
    let j = i + shift;
    if (!at(j, start, line)) {
      j = at(j + 1, start, line) ? j + 1 : at(j - 1, start, line) ? j - 1 : -1;
      if (j >= 0) shift = j - i;
    }
    const found = j >= 0 ? last!.entries[j] : entry(i);
    entries[i] = found;
    lineWords[i] = found.words;
  }
  vocabulary.lastWhole = { starts: prose.starts, entries };
  return lineWords;
}

function sameWords(a: LineWords, b: LineWords): boolean {
  if (a === b) return true;
  if (a.ids.length !== b.ids.length) return false;
  for (let i = 0; i < a.ids.length; i++)
    if (a.ids[i] !== b.ids[i] || a.counts[i] !== b.counts[i]) return false;
  return true;
}

/**
 * Each prose span's words: a list shared by the texts an edit made from
 * one another, and the spans changed since it was made (copying the list of
 * a long transcript's tens of thousands of spans on every keystroke cost more
 * than the rest of the count). Folded into a new list once many changed.
 */
class SpanWords {
  constructor(
    private readonly base: readonly LineWords[],
    private readonly changed: ReadonlyMap<number, LineWords>,
  ) {}

  get length(): number {
    return this.base.length;
  }

  at(i: number): LineWords {
    return this.changed.size === 0 ? this.base[i] : (this.changed.get(i) ?? this.base[i]);
  }

  /** These words with span `k`'s now `now`. */
  with(k: number, now: LineWords): SpanWords {
    if (this.changed.size >= 64) {
      const list = this.base.slice();
      for (const [i, words] of this.changed) list[i] = words;
      list[k] = now;
      return new SpanWords(list, NO_CHANGES);
    }
    const changed = new Map(this.changed);
    changed.set(k, now);
    return new SpanWords(this.base, changed);
  }
}

/** The words of a text's prose spans and their sums (see `lineByLineCounts`). */
interface ReadText {
  readonly lineWords: SpanWords;
  /** By word number: how often. */
  readonly counts: Int32Array;
  /** By word number: the first span that has it, or -1. */
  readonly firstSpan: Int32Array;
  /** Word numbers in order of first occurrence: the first `size`. */
  readonly order: Int32Array;
  readonly size: number;
}

/** The sums of `lineWords`, span by span. */
function countAll(vocabulary: Vocabulary, lineWords: SpanWords): ReadText {
  // Read after the lines: they may have numbered new words.
  const counts = new Int32Array(vocabulary.words.length);
  const firstSpan = new Int32Array(vocabulary.words.length).fill(-1);
  const order = new Int32Array(vocabulary.words.length);
  let size = 0;
  for (let i = 0; i < lineWords.length; i++) {
    const { ids, counts: c } = lineWords.at(i);
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j];
      if (counts[id] === 0) {
        order[size++] = id;
        firstSpan[id] = i;
      }
      counts[id] += c[j];
    }
  }
  return { lineWords, counts, firstSpan, order, size };
}

/**
 * The sums after span `k`'s words became `now`: the previous sums with that
 * span's words taken out and put in again. The order of first occurrence
 * changes only for a word whose first span was `k` or later (or that is
 * new); those are placed again, the rest keep their order.
 */
function countsAfterEdit(
  vocabulary: Vocabulary,
  last: ReadText,
  k: number,
  now: LineWords,
): ReadText {
  const was = last.lineWords.at(k);
  const lineWords = last.lineWords.with(k, now);
  const size0 = vocabulary.words.length;
  const counts = new Int32Array(size0);
  counts.set(last.counts);
  const firstSpan = new Int32Array(size0).fill(-1);
  firstSpan.set(last.firstSpan);
  for (let j = 0; j < was.ids.length; j++) counts[was.ids[j]] -= was.counts[j];
  for (let j = 0; j < now.ids.length; j++) counts[now.ids[j]] += now.counts[j];
  const moved: number[] = [];
  for (const ids of [was.ids, now.ids])
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j];
      if ((firstSpan[id] < 0 || firstSpan[id] >= k) && !moved.includes(id)) moved.push(id);
    }
  if (moved.length === 0)
    return { lineWords, counts, firstSpan, order: last.order, size: last.size };
  for (const id of moved) {
    if (now.ids.includes(id)) firstSpan[id] = k;
    else if (counts[id] === 0) firstSpan[id] = -1;
    else {
      // Its first place was this line: the next span that has it.
      let s = k + 1;
      while (s < lineWords.length && !lineWords.at(s).ids.includes(id)) s++;
      firstSpan[id] = s;
    }
  }
  // Where a word stands in the order: its first span, then its place in that span.
  // (A line has far fewer than 2^24 distinct words: it would be 100 MB long.)
  const key = (id: number) => firstSpan[id] * 2 ** 24 + lineWords.at(firstSpan[id]).ids.indexOf(id);
  const order = new Int32Array(size0);
  let size = 0;
  const placed = moved.filter((id) => firstSpan[id] >= 0).sort((a, b) => key(a) - key(b));
  let next = 0;
  for (let i = 0; i < last.size; i++) {
    const id = last.order[i];
    if (moved.includes(id)) continue;
    if (next < placed.length && firstSpan[id] >= k) {
      const at = key(id);
      while (next < placed.length && key(placed[next]) < at) order[size++] = placed[next++];
    }
    order[size++] = id;
  }
  while (next < placed.length) order[size++] = placed[next++];
  return { lineWords, counts, firstSpan, order, size };
}

/** The words `filter` counts on `line` from column `start` on (as a span of the text is read). */
function readLineWords(
  line: string,
  start: number,
  filter: WordFilter,
  vocabulary: Vocabulary,
): LineWords {
  if (start >= line.length) return NO_LINE_WORDS;
  const tally = placeWordCounts(line, [start], [line.length], filter);
  const ids: number[] = [];
  const counts: number[] = [];
  tally.forEach(1, (w, c) => {
    let id = vocabulary.ids.get(w);
    if (id === undefined) {
      id = vocabulary.words.length;
      const kept = detach(w);
      vocabulary.ids.set(kept, id);
      vocabulary.words.push(kept);
    }
    ids.push(id);
    counts.push(c);
  });
  return ids.length
    ? { ids: Int32Array.from(ids), counts: Int32Array.from(counts) }
    : NO_LINE_WORDS;
}
