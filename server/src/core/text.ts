/**
 * Text access for the core: lines, offsets and positions.
 *
 * Positions are zero-based lines and UTF-16 code-unit columns, as in LSP and
 * VS Code. Line breaks are `\n`, `\r\n` and a lone `\r` (the three that LSP
 * knows); U+2028 and U+2029 are ordinary characters inside a line.
 */

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export function pos(line: number, character: number): Position {
  return { line, character };
}

export function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

export function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

/** A text split into lines once; line contents exclude their line break. */
export class LineIndex {
  readonly text: string;
  /**
   * Offset of the first character of each line, and offset just past its
   * content (before its line break). Typed arrays: pushing onto plain arrays
   * of tens of thousands of numbers costs many times the search itself.
   */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly count: number;
  /** The line break the text uses first (`\n` when it has none). */
  readonly eol: string;
  /**
   * When this text was made by `edited`: the text it was made from and the
   * one line that differs (every other line has the same content). One step
   * deep: editing this text again forgets it, so a chain of edits does not
   * keep every earlier text alive.
   */
  get editOf(): { readonly base: LineIndex; readonly line: number } | undefined {
    return this.madeFrom;
  }
  private madeFrom: { readonly base: LineIndex; readonly line: number } | undefined;

  constructor(text: string, from?: EditedLines) {
    this.text = text;
    if (from) {
      this.starts = from.starts;
      this.ends = from.ends;
      this.count = from.count;
      this.eol = from.eol;
      this.madeFrom = { base: from.base, line: from.line };
      return;
    }
    // Both in one buffer: allocating a typed array costs microseconds, even
    // a small one.
    let capacity = Math.max(16, text.length >> 6);
    let buffer = new Int32Array(2 * capacity);
    let starts = buffer.subarray(0, capacity);
    let ends = buffer.subarray(capacity);
    let count = 0;
    let eol: string | undefined;
    let i = 0;
    const n = text.length;
    // Next positions of each break character, searched again only once passed
    // (searching both from every line start would be quadratic).
    let nl = -2;
    let cr = -2;
    for (;;) {
      if (count + 1 >= capacity) {
        capacity *= 2;
        buffer = new Int32Array(2 * capacity);
        buffer.set(starts);
        buffer.set(ends, capacity);
        starts = buffer.subarray(0, capacity);
        ends = buffer.subarray(capacity);
      }
      starts[count] = i;
      if (i >= n) break;
      if (nl !== -1 && nl < i) nl = text.indexOf('\n', i);
      if (cr !== -1 && cr < i) cr = text.indexOf('\r', i);
      if (nl < 0 && cr < 0) break;
      if (cr >= 0 && (nl < 0 || cr < nl)) {
        ends[count++] = cr;
        if (text.charCodeAt(cr + 1) === 10) {
          eol ??= '\r\n';
          i = cr + 2;
        } else {
          eol ??= '\r';
          i = cr + 1;
        }
      } else {
        ends[count++] = nl;
        eol ??= '\n';
        i = nl + 1;
      }
    }
    ends[count++] = n;
    this.starts = starts;
    this.ends = ends;
    this.count = count;
    this.eol = eol ?? '\n';
  }

  /**
   * The index of `text`, which is this text with the content of line `line`
   * changed (no line break added or removed): its line table copied and moved,
   * not searched for again.
   */
  edited(text: string, line: number): LineIndex {
    const delta = text.length - this.text.length;
    const { count } = this;
    const buffer = new Int32Array(2 * count);
    const starts = buffer.subarray(0, count);
    const ends = buffer.subarray(count);
    starts.set(this.starts.subarray(0, count));
    ends.set(this.ends.subarray(0, count));
    ends[line] += delta;
    for (let i = line + 1; i < count; i++) {
      starts[i] += delta;
      ends[i] += delta;
    }
    this.madeFrom = undefined;
    return new LineIndex(text, { starts, ends, count, eol: this.eol, base: this, line });
  }

  get lineCount(): number {
    return this.count;
  }

  /** The content of a line, without its line break. */
  line(line: number): string {
    return this.text.slice(this.starts[line], this.ends[line]);
  }

  lineLength(line: number): number {
    return this.ends[line] - this.starts[line];
  }

  lineStart(line: number): number {
    return this.starts[line];
  }

  lineRange(line: number): Range {
    return range(line, 0, this.lineLength(line));
  }

  offsetAt(p: Position): number {
    if (p.line < 0) return 0;
    if (p.line >= this.count) return this.text.length;
    const start = this.starts[p.line];
    return Math.min(start + Math.max(0, p.character), this.ends[p.line]);
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: Math.min(o, this.ends[lo]) - this.starts[lo] };
  }
}

/** A line table made from another's (see `LineIndex.edited`). */
interface EditedLines {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly count: number;
  readonly eol: string;
  readonly base: LineIndex;
  readonly line: number;
}

/** A replacement of a range by new text; an insertion has an empty range. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** Applies non-overlapping edits to a text. Edits may come in any order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const resolved = edits
    .map((e, order) => ({
      start: index.offsetAt(e.range.start),
      end: index.offsetAt(e.range.end),
      text: e.newText,
      order,
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let out = '';
  let last = 0;
  for (const e of resolved) {
    if (e.start < last) continue; // overlapping: keep the first, drop the rest
    out += text.slice(last, e.start) + e.text;
    last = e.end;
  }
  return out + text.slice(last);
}
