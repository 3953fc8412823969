/**
 * Character scanning for the parser, read in place in the text: white space
 * as the parser and `trim()` see it, whether a span has words and how many,
 * the shape of a chapter title (case-folded size, last character), and
 * clipping text for messages.
 */

/**
 * A copy of a string that does not keep the text it was cut from alive: V8
 * keeps a slice of 13 characters or more as a view into its parent, so a
 * line or a word kept in a cache across analyses would hold the whole text
 * of the version it came from (one text per keystroke). Every long-lived
 * cache keyed by text from a document stores its keys through this.
 */
export function detach(s: string): string {
  // Joined, the string is a pair of pointers; the slice makes V8 copy the
  // pair into one new string and view all of it but its first character.
  // 20 times faster than split('').join('') (22 against 400 ms for the
  // 57,814 lines of a 100-hour transcript).
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

const titleKeys = new Map<string, string>();

/** Case- and space-insensitive form used to match headings to titles. */
export function normalizeTitle(s: string): string {
  // Cached: every analysis keys the same chapter titles again.
  let key = titleKeys.get(s);
  if (key === undefined) {
    key = s.trim().replace(/\s+/g, ' ').toLowerCase();
    if (titleKeys.size > 50_000) titleKeys.clear();
    titleKeys.set(detach(s), key);
  }
  return key;
}

export function leadingSpace(s: string): number {
  let i = 0;
  while (i < s.length && isLeadingSpace(s.charCodeAt(i))) i++;
  return i;
}

/** Words in `s` between two offsets (runs of characters other than white space). */
export function countWords(s: string, from: number, to: number): number {
  let words = 0;
  let inWord = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    // Most characters are above the space; test the cheap case first.
    if (c > 32 && c !== 0xa0 && c !== 0xfeff && c !== 0x2028 && c !== 0x2029) {
      if (!inWord) {
        inWord = true;
        words++;
      }
    } else inWord = false;
  }
  return words;
}

/**
 * `countWords` for cue text: a markup tag (`<i>`, `</v>`, `<c.loud>`,
 * `<00:01.000>`) is no word and does not split one (`Hal<b>lo</b>` is one).
 * A `<` with no `>` after it on the line is text. Linear: the next `>` is
 * looked up once per tag, not once per `<`.
 */
export function countCueWords(s: string, from: number, to: number): number {
  let words = 0;
  let inWord = false;
  let close = -1;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 60) {
      if (close !== Infinity && close <= i) {
        const at = s.indexOf('>', i + 1);
        close = at < 0 || at >= to ? Infinity : at;
      }
      if (close !== Infinity) {
        i = close;
        continue;
      }
    }
    if (c > 32 && c !== 0xa0 && c !== 0xfeff && c !== 0x2028 && c !== 0x2029) {
      if (!inWord) {
        inWord = true;
        words++;
      }
    } else inWord = false;
  }
  return words;
}

/** The white space `leadingSpace` skips: space, tab, vertical tab, form feed, BOM. */
export function isLeadingSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 0xfeff;
}

/** White space as `trim()` and `\s` see it. */
export function isJsSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * The number of code points other than white space in `s` between two
 * offsets, as `normalizeTitle` would leave them: lower-casing maps every code
 * point to one, except U+0130 (İ), which becomes two. Equal titles have equal
 * sizes, so most lines are ruled out as headings without building their key.
 */
export function foldedSize(s: string, from: number, to: number): number {
  let size = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      if (c !== 32 && (c < 9 || c > 13)) size++;
    } else if (!isJsSpace(c)) {
      size += c === 0x130 ? 2 : 1;
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = s.charCodeAt(i + 1);
        if (i + 1 < to && d >= 0xdc00 && d <= 0xdfff) i++;
      }
    }
  }
  return size;
}

/**
 * Whether the text between two offsets may normalise to a key ending in one
 * of `ends`: true when its last character before white space is not ASCII.
 */
export function endsLikeTitle(
  s: string,
  from: number,
  to: number,
  ends: ReadonlySet<number>,
): boolean {
  let i = to - 1;
  while (i >= from && isJsSpace(s.charCodeAt(i))) i--;
  if (i < from) return false;
  let c = s.charCodeAt(i);
  if (c >= 128) return true;
  if (c >= 65 && c <= 90) c += 32;
  return ends.has(c);
}

/** Whether the text between two offsets has a word (as `countWords` counts them). */
export function hasWord(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c !== 0xa0 && c !== 0xfeff && c !== 0x2028 && c !== 0x2029) return true;
  }
  return false;
}

/** `at`, moved back one if it would fall inside a surrogate pair. */
export function noSplit(s: string, at: number): number {
  const c = s.charCodeAt(at - 1);
  return at > 0 && at < s.length && c >= 0xd800 && c <= 0xdbff ? at - 1 : at;
}

export function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
