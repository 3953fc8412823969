/**
 * The speaker check: a label that is a near spelling of a more credible name
 * for the same person (another label, a configured speaker, or how the text
 * itself spells the name). Evidence is counted on both sides and shown.
 */
import { finding, type Finding, type Fix } from '../findings';
import type { SpeakerLabel, TranscriptModel } from '../model';
import { isSingleWordName, nameKey, phonetic, variantOf } from '../names';
import type { Settings } from '../settings';
import { range, type Range } from '../text';

export const ACCEPT_SPEAKER_COMMAND = 'transcript.acceptSpeaker';

const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;
/** `WORD` at one place only (sticky). */
const WORD_AT = new RegExp(WORD.source, 'uy');

function isUpper(s: string): boolean {
  const c = s[0];
  return c !== c.toLowerCase();
}

/** First letters that sound alike in German (Kölner Phonetik groups), to spot spellings of a name. */
const SOUND_ALIKE = ['AEIJOUYÄÖÜ', 'BP', 'DT', 'FPVW', 'CGKQX', 'CSZß', 'L', 'MN', 'R', 'H'];

/** Capital letters a spelling of one of these names may start with. */
export function initialsFor(names: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const name of names) {
    const first = name.charAt(0).toUpperCase();
    out.add(first);
    for (const group of SOUND_ALIKE) if (group.includes(first)) for (const c of group) out.add(c);
  }
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
}

/** The filter for single-word names (other names are not looked for in the prose). */
export function wordFilterFor(names: Iterable<string>): WordFilter | undefined {
  const single = [...names].filter(isSingleWordName);
  if (single.length === 0) return undefined;
  const lengths = single.map((n) => n.length);
  return {
    initials: initialsFor(single),
    minLength: Math.max(3, Math.min(...lengths) - 2),
    maxLength: Math.max(...lengths) + 2,
  };
}

/**
 * How often each capitalised word occurs in the prose: every word of three
 * letters or more, or only those that pass `filter` (the speed of the whole
 * check depends on counting no more than it needs).
 */
export function proseWordCounts(model: TranscriptModel, filter?: WordFilter): Map<string, number> {
  if (filter && inLineOrder(model)) return filteredWordCounts(model, filter);
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
      if (w.length >= 3 && isUpper(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
      searchedFrom = re.lastIndex;
      m = re.exec(source);
    }
  }
  return counts;
}

/** The expression for the words `filter` lets through. */
function filterSource(filter: WordFilter): string {
  return `(?<![\\p{L}\\p{M}'’])[${escapeClass(filter.initials)}][\\p{L}\\p{M}'’]{${filter.minLength - 1},${filter.maxLength - 1}}(?![\\p{L}\\p{M}'’])`;
}

/** The prose spans are in line order (they are unless a summary follows the body). */
function inLineOrder(model: TranscriptModel): boolean {
  const { lines, length } = model.prose;
  for (let i = 1; i < length; i++) if (lines[i - 1] >= lines[i]) return false;
  return true;
}

/**
 * Word characters of the filter's expression (`[\p{L}\p{M}'’]`) among the
 * first 256 code points (ASCII and Latin-1: German's umlauts and ß), decided
 * by that expression: 1 for a word character, 0 for any other. `’` is one
 * too; other characters are left to the expression.
 */
const LATIN1_WORD = new Uint8Array(256);
for (let c = 0; c < 256; c++)
  LATIN1_WORD[c] = /[\p{L}\p{M}'’]/u.test(String.fromCharCode(c)) ? 1 : 0;
const RIGHT_QUOTE = 0x2019;

/**
 * `proseWordCounts` with a filter, the same counts in the same order, found
 * faster than by running the expression over all prose (which costs more
 * than parsing): every place an initial occurs is found with indexOf (a
 * native search); a word there of Latin-1 letters and apostrophes between
 * Latin-1 characters is measured here, anything else is left to the
 * expression at that place.
 */
function filteredWordCounts(model: TranscriptModel, filter: WordFilter): Map<string, number> {
  const counts = new Map<string, number>();
  const { minLength, maxLength } = filter;
  const re = new RegExp(filterSource(filter), 'uy');
  const { text, prose } = model;
  const source = text.text;
  if (prose.length === 0) return counts;
  const firstLine = prose.lines[0];
  const lastLine = prose.lines[prose.length - 1];
  const begin = text.lineStart(firstLine) + prose.starts[0];
  const end = text.lineStart(lastLine) + text.lineLength(lastLine);
  // Where the initials occur (each UTF-16 unit of each; the expression
  // decides the rest), in text order.
  const units = new Set<string>();
  for (const s of filter.initials) for (const u of s.split('')) units.add(u);
  // The places and, behind them, room to merge them: one allocation (a typed
  // array costs microseconds to make, whatever its size). About one character
  // in 60 of German prose is a capital T, D, M, N, S, C or Z.
  let capacity = Math.max(256, (end - begin) >> 5);
  let buffer = new Int32Array(2 * capacity);
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
  const tally = new WordTally(source);
  let k = 0;
  let lineStart = text.lineStart(prose.lines[0]);
  let from = lineStart + prose.starts[0];
  let to = lineStart + text.lineLength(prose.lines[0]);
  places: for (let i = 0; i < count; i++) {
    const at = sorted[i];
    while (at >= to) {
      if (++k === prose.length) break places;
      lineStart = text.lineStart(prose.lines[k]);
      from = lineStart + prose.starts[k];
      to = lineStart + text.lineLength(prose.lines[k]);
    }
    if (at < from) continue;
    const before = at > 0 ? source.charCodeAt(at - 1) : 32;
    // The word at `at` is the text's [at, at + length): counted by place, a
    // string is made only for each distinct word, at the end.
    let length = -1;
    const first = source.charCodeAt(at);
    if (first < 256 && (before < 256 || before === RIGHT_QUOTE)) {
      if (before === RIGHT_QUOTE || LATIN1_WORD[before] === 1) continue; // inside a word
      let j = at + 1;
      let d = 0;
      while (
        j < to &&
        ((d = source.charCodeAt(j)) < 256 ? LATIN1_WORD[d] === 1 : d === RIGHT_QUOTE)
      )
        j++;
      if (j === to || d < 256) {
        if (j - at >= minLength && j - at <= maxLength) length = j - at;
      } else length = wordLengthAt(re, source, at);
    } else length = wordLengthAt(re, source, at);
    if (length >= 3 && isUpper(source[at])) tally.add(at, length);
  }
  return tally.counts(counts);
}

/** The length of the word `re` (sticky) reads at `at`, or -1. */
function wordLengthAt(re: RegExp, source: string, at: number): number {
  re.lastIndex = at;
  const m = re.exec(source);
  return m ? m[0].length : -1;
}

/**
 * Counts words given as places in one text, without making a string per
 * occurrence (slicing every word to key a Map was a third of the speaker
 * check): an open-addressing table of the distinct words, each held as its
 * first place, compared character by character.
 */
class WordTally {
  /** Per distinct word, in order of first occurrence: start, length, hash, count. */
  private words = new Int32Array(4 * 256);
  private size = 0;
  /** Slots: a word's index plus one, 0 when empty. */
  private slots = new Int32Array(1024);

  constructor(private readonly source: string) {}

  add(at: number, length: number): void {
    const source = this.source;
    let hash = length;
    for (let j = at; j < at + length; j++) hash = (Math.imul(hash, 31) + source.charCodeAt(j)) | 0;
    const words = this.words;
    let slots = this.slots;
    let mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const e = slots[slot] - 1;
      if (e < 0) break;
      const w = 4 * e;
      if (words[w + 2] !== hash || words[w + 1] !== length) continue;
      const start = words[w];
      let j = 0;
      while (j < length && source.charCodeAt(start + j) === source.charCodeAt(at + j)) j++;
      if (j === length) {
        words[w + 3]++;
        return;
      }
    }
    // A new word.
    if (4 * (this.size + 1) > words.length) {
      const grown = new Int32Array(2 * words.length);
      grown.set(words);
      this.words = grown;
    }
    const w = 4 * this.size++;
    this.words[w] = at;
    this.words[w + 1] = length;
    this.words[w + 2] = hash;
    this.words[w + 3] = 1;
    if (2 * this.size > slots.length) {
      slots = this.slots = new Int32Array(2 * slots.length);
      mask = slots.length - 1;
      for (let e = 0; e < this.size; e++) {
        let slot = this.words[4 * e + 2] & mask;
        while (slots[slot] !== 0) slot = (slot + 1) & mask;
        slots[slot] = e + 1;
      }
      return;
    }
    let slot = hash & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = this.size;
  }

  /** Adds the counts to `into`, in order of first occurrence. */
  counts(into: Map<string, number>): Map<string, number> {
    const { words, source } = this;
    for (let e = 0; e < this.size; e++) {
      const start = words[4 * e];
      into.set(source.slice(start, start + words[4 * e + 1]), words[4 * e + 3]);
    }
    return into;
  }
}

/**
 * Merges the sorted runs `places[runs[i]..runs[i + 1])` pairwise into one
 * sorted array (`places` or `scratch`, as long as `places`).
 */
function mergeRuns(places: Int32Array, scratch: Int32Array, runs: number[]): Int32Array {
  let from: Int32Array = places;
  let to: Int32Array = scratch;
  while (runs.length > 2) {
    const next: number[] = [0];
    for (let r = 0; r + 1 < runs.length; r += 2) {
      const aEnd = runs[r + 1];
      const bEnd = r + 2 < runs.length ? runs[r + 2] : aEnd;
      let a = runs[r];
      let b = aEnd;
      let o = runs[r];
      while (a < aEnd && b < bEnd) to[o++] = from[a] <= from[b] ? from[a++] : from[b++];
      while (a < aEnd) to[o++] = from[a++];
      while (b < bEnd) to[o++] = from[b++];
      next.push(bEnd);
    }
    const swap = from;
    from = to;
    to = swap;
    runs = next;
  }
  return from;
}

/** Every place the prose has `word` as a whole word. */
export function proseWordRanges(model: TranscriptModel, word: string): Range[] {
  const { text } = model;
  const source = text.text;
  const prose = model.prose;
  const ranges: Range[] = [];
  const whole = WORD_AT;
  // The spans are in line order (they are unless summaries follow the body):
  // find the word's occurrences in the whole text and keep those in a span
  // where the word reading of the line has a word starting there, as long as
  // `word`.
  let sorted = true;
  for (let i = 1; i < prose.length && sorted; i++) sorted = prose.lines[i - 1] < prose.lines[i];
  if (!sorted || word === '') return proseWordRangesByLine(model, word);
  let k = 0;
  // Searched by a prefix of at most six characters, then compared: V8's
  // indexOf takes microseconds per call for longer patterns (it builds
  // search tables each time), which on a long text adds up.
  const key = word.slice(0, 6);
  for (let at = source.indexOf(key); at >= 0; at = source.indexOf(key, at + 1)) {
    if (key !== word && !source.startsWith(word, at)) continue;
    while (k < prose.length && spanEnd(model, k) < at + word.length) k++;
    if (k === prose.length) break;
    const line = prose.lines[k];
    const lineStart = text.lineStart(line);
    const from = lineStart + prose.starts[k];
    if (at < from) continue;
    // A word reading starts at `at` unless a letter (or a letter and an
    // apostrophe) before it in the span carries a word on into it.
    if (at > from) {
      const before = source.charAt(at - 1);
      if (LETTER.test(before)) continue;
      if ((before === "'" || before === '’') && at - 1 > from && LETTER.test(source.charAt(at - 2)))
        continue;
    }
    whole.lastIndex = at;
    const m = whole.exec(source);
    if (m && m[0].length === word.length)
      ranges.push(range(line, at - lineStart, at - lineStart + word.length));
  }
  return ranges;
}

const LETTER = /[\p{L}\p{M}]/u;

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

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

function labelsCount(n: number): string {
  return n === 1 ? '1 label' : `${n} labels`;
}

interface Suggestion {
  readonly kind: 'configured' | 'label' | 'workspace' | 'text';
  readonly name: string;
  readonly message: string;
  readonly related?: { range: Range; message: string };
  /** The reverse repair, when the evidence points both ways. */
  readonly reverse?: Fix;
}

/** Above this many distinct names, one-letter typos are only looked for among names of a kind. */
const PAIRWISE_LIMIT = 2000;

/**
 * The other labels a name may be a variant of, without comparing every pair
 * (100,000 speakers must not take hours): names with the same key, the same
 * sound code, names the key is the start of, and for typos names of nearly
 * the same length starting with the same letter.
 */
function labelCandidates(names: readonly string[]): (name: string) => Iterable<string> {
  if (names.length <= 64) return () => names;
  const keyed = names.map((name) => ({ name, key: nameKey(name) }));
  const group = (f: (k: string) => string) => {
    const map = new Map<string, string[]>();
    for (const { name, key } of keyed) {
      const g = f(key);
      const list = map.get(g);
      if (list) list.push(name);
      else map.set(g, [name]);
    }
    return map;
  };
  const byKey = group((k) => k);
  const byCode = group((k) => phonetic(k));
  const byStart = group((k) => `${k.charAt(0)}${k.length}`);
  const sorted = [...keyed].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return (name) => {
    const key = nameKey(name);
    // A sound code shared by hundreds of names (digits and punctuation do not
    // sound) says nothing about any two of them.
    const sounding = byCode.get(phonetic(key)) ?? [];
    const out = new Set<string>([
      ...(byKey.get(key) ?? []),
      ...(sounding.length <= 256 ? sounding : []),
    ]);
    // Names that start with this key (truncation): a run in key order.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].key < key) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length && sorted[i].key.startsWith(key) && out.size < 256; i++)
      out.add(sorted[i].name);
    for (const d of [-1, 0, 1]) {
      const same = byStart.get(`${key.charAt(0)}${key.length + d}`) ?? [];
      if (names.length <= PAIRWISE_LIMIT || same.length <= 64) for (const n of same) out.add(n);
    }
    return out;
  };
}

/** What the rest of the workspace says: in how many other episodes each speaker name has labels. */
export interface SpeakerContext {
  readonly otherEpisodes?: ReadonlyMap<string, number>;
}

/** A name used in this many other episodes is an established spelling. */
const ESTABLISHED = 3;

export function speakerFindings(
  model: TranscriptModel,
  settings: Settings,
  context: SpeakerContext = {},
): Finding[] {
  if (model.labels.length === 0) return [];
  const byName = new Map<string, SpeakerLabel[]>();
  for (const label of model.labels) {
    const list = byName.get(label.name);
    if (list) list.push(label);
    else byName.set(label.name, [label]);
  }
  const accepted = new Set<string>();
  for (const s of settings.speakers) {
    accepted.add(s.name);
    for (const a of s.aliases) accepted.add(a);
  }
  const filter = wordFilterFor([...byName.keys(), ...accepted]);
  const words = filter ? proseWordCounts(model, filter) : new Map<string, number>();
  const text = (name: string) => words.get(name) ?? 0;
  const labels = (name: string) => byName.get(name)?.length ?? 0;
  /**
   * Which spelling is more credible: the one the text itself uses more often
   * (people say and write their names right; the labels repeat one machine
   * decision), then the one on more labels, then the one used first.
   */
  const credibility = (a: string, b: string) =>
    text(a) - text(b) || labels(a) - labels(b) || byName.get(b)![0].line - byName.get(a)![0].line;

  const renameLabels = (from: string, to: string): Fix => {
    const list = byName.get(from) ?? [];
    return {
      title: `Rename speaker '${from}' to '${to}' (${labelsCount(list.length)})`,
      edits: list.map((l) => ({ range: l.nameRange, newText: to })),
    };
  };

  const candidates = labelCandidates([...byName.keys()]);
  // Prose words by sound code, built on first use: a spelling in the text
  // must sound like the label, so only words of the same code are compared.
  let byCode: Map<string, string[]> | undefined;
  const wordsByCode = () => {
    if (!byCode) {
      byCode = new Map();
      for (const [word, count] of words) {
        if (count < 2) continue;
        const code = phonetic(nameKey(word));
        const list = byCode.get(code);
        if (list) list.push(word);
        else byCode.set(code, [word]);
      }
    }
    return byCode;
  };

  const suggest = (name: string): Suggestion | undefined => {
    for (const s of settings.speakers) {
      if ([s.name, ...s.aliases].some((n) => variantOf(name, n) !== undefined)) {
        return {
          kind: 'configured',
          name: s.name,
          message: `'${name}' (${labelsCount(labels(name))}) is a near spelling of the known speaker '${s.name}' (transcript.speakers)`,
        };
      }
    }

    let best: string | undefined;
    for (const other of candidates(name)) {
      if (other === name) continue;
      const variant = variantOf(name, other);
      if (!variant) continue;
      if (variant === 'truncation' && labels(other) < 3 * labels(name)) continue;
      if (credibility(other, name) > 0 && (!best || credibility(other, best) > 0)) best = other;
    }
    if (best) {
      const first = byName.get(best)![0];
      const bothWays = labels(name) > labels(best) || text(name) > text(best);
      const mentions = (n: string) => (text(n) ? `, ${times(text(n))} in the text` : '');
      return {
        kind: 'label',
        name: best,
        message: `'${name}' (${labelsCount(labels(name))}${mentions(name)}) looks like a misspelling of '${best}' (${labelsCount(labels(best))}${mentions(best)})`,
        related: { range: first.nameRange, message: `'${best}' is used here` },
        reverse: bothWays ? renameLabels(best, name) : undefined,
      };
    }

    const episodes = context.otherEpisodes;
    if (episodes && episodes.size > 0) {
      const own = episodes.get(name) ?? 0;
      let established: string | undefined;
      for (const [other, count] of episodes) {
        if (other === name || byName.has(other) || count < ESTABLISHED || count <= 3 * own)
          continue;
        if (!variantOf(name, other)) continue;
        if (!established || count > episodes.get(established)!) established = other;
      }
      if (established) {
        const count = episodes.get(established)!;
        return {
          kind: 'workspace',
          name: established,
          message: `'${name}' here (${labelsCount(labels(name))}${own ? `, ${own} other ${own === 1 ? 'episode' : 'episodes'}` : ''}); '${established}' in ${count} other episodes`,
        };
      }
    }

    if (!isSingleWordName(name)) return undefined;
    let bestWord: string | undefined;
    for (const word of wordsByCode().get(phonetic(nameKey(name))) ?? []) {
      const count = text(word);
      if (count < 2 || count <= text(name) || byName.has(word)) continue;
      if (Math.abs(word.length - name.length) > 2) continue;
      if (variantOf(name, word, false) !== 'phonetic') continue;
      if (!bestWord || count > text(bestWord)) bestWord = word;
    }
    if (!bestWord) return undefined;
    const places = proseWordRanges(model, bestWord);
    const own = text(name) ? `, '${name}' ${times(text(name))}` : '';
    return {
      kind: 'text',
      name: bestWord,
      message: `'${name}' (${labelsCount(labels(name))}) is spelt '${bestWord}' ${times(text(bestWord))} in the text${own}`,
      related: places[0] && { range: places[0], message: `'${bestWord}' in the text` },
      reverse: {
        title: `Respell '${bestWord}' as '${name}' in the text (${places.length} ${places.length === 1 ? 'place' : 'places'})`,
        edits: places.map((r) => ({ range: r, newText: name })),
      },
    };
  };

  const findings: Finding[] = [];
  for (const [name, list] of byName) {
    if (accepted.has(name)) continue;
    const s = suggest(name);
    if (!s) continue;
    const rename = renameLabels(name, s.name);
    const renameAll: Fix = {
      title: rename.title,
      edits: rename.edits,
      preferred: true,
      safe: true,
    };
    const accept: Fix = {
      title: `Accept '${name}' as a known speaker`,
      edits: [],
      command: { id: ACCEPT_SPEAKER_COMMAND, args: [name] },
    };
    // What all labels of the name share is made once (a name may have
    // thousands of labels).
    const onlyThis = `Change only this label to '${s.name}'`;
    const related = s.related ? [s.related] : undefined;
    for (let i = 0; i < list.length; i++) {
      const label = list[i];
      const fixes: Fix[] = [renameAll];
      // The rename's edit of this label is the same edit: shared, not made again.
      if (list.length > 1) fixes.push({ title: onlyThis, edits: [renameAll.edits[i]] });
      if (s.reverse) fixes.push(s.reverse);
      fixes.push(accept);
      findings.push(finding('speaker-spelling', label.nameRange, s.message, { related, fixes }));
    }
  }
  return findings;
}
