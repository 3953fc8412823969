/**
 * Integer-array helpers for counting words found as places in a text: a
 * tally of distinct words held by place, and a merge of sorted runs of
 * places into one sorted array.
 */

/**
 * Counts words given as places in one text, without making a string per
 * occurrence (slicing every word to key a Map was a third of the speaker
 * check): an open-addressing table of the distinct words, each held as its
 * first place, compared character by character.
 */
export class WordTally {
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

  /** How often `word` was added (0 for a word never added). */
  count(word: string): number {
    const length = word.length;
    let hash = length;
    for (let j = 0; j < length; j++) hash = (Math.imul(hash, 31) + word.charCodeAt(j)) | 0;
    const { words, slots, source } = this;
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const e = slots[slot] - 1;
      if (e < 0) return 0;
      const w = 4 * e;
      if (words[w + 2] !== hash || words[w + 1] !== length) continue;
      const start = words[w];
      let j = 0;
      while (j < length && source.charCodeAt(start + j) === word.charCodeAt(j)) j++;
      if (j === length) return words[w + 3];
    }
  }

  /**
   * Calls `fn` with each word added at least `min` times and its count, in
   * order of first occurrence: a string is made only for those words.
   */
  forEach(min: number, fn: (word: string, count: number) => void): void {
    const { words, source } = this;
    for (let e = 0; e < this.size; e++) {
      const count = words[4 * e + 3];
      if (count < min) continue;
      const start = words[4 * e];
      fn(source.slice(start, start + words[4 * e + 1]), count);
    }
  }
}

/**
 * Merges the sorted runs `places[runs[i]..runs[i + 1])` pairwise into one
 * sorted array (`places` or `scratch`, as long as `places`).
 */
export function mergeRuns(places: Int32Array, scratch: Int32Array, runs: number[]): Int32Array {
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
