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

/**
 * A text split into lines once; line contents exclude their line break.
 *
 * A text made by `withLine` (one line's content replaced) is not joined into
 * one string until its `text` is asked for: its lines are read from the text
 * it started from and the lines changed since. An editor's keystroke thus
 * costs a shift of the line table (see `moved`), not a copy of a text of
 * many megabytes.
 */
export class LineIndex {
  /** The whole text, once joined. */
  private flat: string | undefined;
  /**
   * Until joined: the joined text this one started from (same lines, same
   * line breaks) and the contents of the lines changed since.
   */
  private lazy: Unjoined | undefined;
  /** The text's length in UTF-16 code units. */
  readonly length: number;
  /**
   * Offset of the first character of each line, and offset just past its
   * content (before its line break). Typed arrays: pushing onto plain arrays
   * of tens of thousands of numbers costs many times the search itself.
   */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /**
   * Lines made longer or shorter since `starts` and `ends` were made (they
   * are shared with the index they came from, not copied per edit): a line
   * starts later by the deltas of the lines before it, and ends later by
   * those up to it. In line order, one per line; folded into new tables
   * past `MAX_SHIFTS`.
   */
  private readonly shifts: readonly Shift[];
  private readonly count: number;
  /** The line break the text uses first (`\n` when it has none). */
  readonly eol: string;
  /**
   * When this text was made by `edited` or `withLine`: the text it was made
   * from and the one line that differs (every other line has the same
   * content). One step deep: editing this text again forgets it, so a chain
   * of edits does not keep every earlier text alive.
   */
  get editOf(): { readonly base: LineIndex; readonly line: number } | undefined {
    return this.madeFrom;
  }
  private madeFrom: { readonly base: LineIndex; readonly line: number } | undefined;

  constructor(text: string, from?: EditedLines) {
    this.length = from ? from.length : text.length;
    if (from) {
      this.flat = from.lazy ? undefined : text;
      this.lazy = from.lazy;
      this.starts = from.starts;
      this.ends = from.ends;
      this.shifts = from.shifts;
      this.count = from.count;
      this.eol = from.eol;
      this.madeFrom = { base: from.base, line: from.line };
      return;
    }
    this.flat = text;
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
    this.shifts = [];
    this.count = count;
    this.eol = eol ?? '\n';
  }

  /** The whole text (joined now if it was made by `withLine`). */
  get text(): string {
    if (this.flat === undefined) {
      const { root, lines } = this.lazy!;
      const source = root.text;
      let out = '';
      let at = 0;
      for (const line of [...lines.keys()].sort((a, b) => a - b)) {
        out += source.slice(at, root.lineStart(line)) + lines.get(line)!;
        at = root.lineEnd(line);
      }
      this.flat = out + source.slice(at);
      this.lazy = undefined;
    }
    return this.flat;
  }

  /** The first `n` characters (joined only when a changed line starts before them). */
  head(n: number): string {
    const { lazy } = this;
    if (lazy && [...lazy.lines.keys()].every((line) => this.lineStart(line) >= n))
      return lazy.root.text.slice(0, n);
    return this.text.slice(0, n);
  }

  /**
   * The table of this text's lines with `line` longer by `delta`: the same
   * tables with one more shift, or, past `MAX_SHIFTS`, new tables with every
   * shift applied (one copy per so many edits, not one per edit).
   */
  private moved(line: number, delta: number): Table {
    const { starts, ends } = this;
    // Copied by hand, as below: on a keystroke's path, after the editor was
    // idle, each generic built-in (slice, splice, spread, a Map from an
    // iterable) costs microseconds of cold caches.
    const was = this.shifts;
    const shifts: Shift[] = [];
    let i = 0;
    while (i < was.length && was[i].line < line) shifts.push(was[i++]);
    if (i < was.length && was[i].line === line)
      shifts.push({ line, delta: was[i++].delta + delta });
    else shifts.push({ line, delta });
    while (i < was.length) shifts.push(was[i++]);
    if (shifts.length <= MAX_SHIFTS) return { starts, ends, shifts };
    const { count } = this;
    const buffer = new Int32Array(2 * count);
    const movedStarts = buffer.subarray(0, count);
    const movedEnds = buffer.subarray(count);
    let sum = 0;
    let k = 0;
    for (let i = 0; i < count; i++) {
      movedStarts[i] = starts[i] + sum;
      if (k < shifts.length && shifts[k].line === i) sum += shifts[k++].delta;
      movedEnds[i] = ends[i] + sum;
    }
    return { starts: movedStarts, ends: movedEnds, shifts: [] };
  }

  /**
   * The index of `text`, which is this text with the content of line `line`
   * changed (no line break added or removed): its line table moved (see
   * `moved`), not searched for again.
   */
  edited(text: string, line: number): LineIndex {
    return this.changedLine(line, text.length - this.length, text, undefined);
  }

  /**
   * The index of this text with line `line` longer by `delta`, of `text`
   * (`''` while not joined: then `lazy` holds it); this text forgets the one
   * it was made from (one step deep, see `editOf`).
   */
  private changedLine(
    line: number,
    delta: number,
    text: string,
    lazy: Unjoined | undefined,
  ): LineIndex {
    const { starts, ends, shifts } = this.moved(line, delta);
    this.madeFrom = undefined;
    return new LineIndex(text, {
      starts,
      ends,
      shifts,
      count: this.count,
      eol: this.eol,
      base: this,
      line,
      length: this.length + delta,
      lazy,
    });
  }

  /**
   * This text with the content of line `line` replaced by `content`, which
   * holds no line break (an emptied line between `\r` and `\n` is indexed
   * again, without `editOf`); not joined into one string until asked for (see
   * the class). Past `MAX_CHANGED_LINES` it is joined at once, so a long
   * chain of edits keeps one text and few lines alive.
   */
  withLine(line: number, content: string): LineIndex {
    // Emptied between a lone `\r` and a `\n`, the line is gone: the two
    // breaks are one now. Indexed again.
    if (content === '' && this.breakAfter(line - 1) === '\r' && this.breakAfter(line) === '\n') {
      const text = this.text;
      return new LineIndex(text.slice(0, this.lineStart(line)) + text.slice(this.lineEnd(line)));
    }
    const root = this.lazy?.root ?? this;
    const lines = new Map<number, string>();
    this.lazy?.lines.forEach((text, at) => lines.set(at, text));
    lines.set(line, content);
    const delta = content.length - this.lineLength(line);
    const made = this.changedLine(line, delta, '', { root, lines });
    if (lines.size > MAX_CHANGED_LINES) void made.text;
    return made;
  }

  get lineCount(): number {
    return this.count;
  }

  /** The content of a line, without its line break. */
  line(line: number): string {
    if (this.flat !== undefined) return this.flat.slice(this.lineStart(line), this.lineEnd(line));
    const { root, lines } = this.lazy!;
    return lines.get(line) ?? root.line(line);
  }

  /** The text of a range, positions clamped as `offsetAt` clamps them; inside one line, read from the line (joining nothing). */
  textIn(r: Range): string {
    const { start, end } = r;
    if (start.line === end.line && start.line >= 0 && start.line < this.count) {
      const line = this.line(start.line);
      const at = (c: number) => Math.min(Math.max(0, c), line.length);
      return line.slice(at(start.character), at(end.character));
    }
    return this.text.slice(this.offsetAt(start), this.offsetAt(end));
  }

  /** The line break after a line (`''` after the last). */
  breakAfter(line: number): string {
    if (line < 0 || line + 1 >= this.count) return '';
    // A text not joined has its root's line breaks.
    if (this.lazy) return this.lazy.root.breakAfter(line);
    return this.text.slice(this.lineEnd(line), this.lineStart(line + 1));
  }

  lineLength(line: number): number {
    return this.lineEnd(line) - this.lineStart(line);
  }

  lineStart(line: number): number {
    let start = this.starts[line];
    for (const s of this.shifts) {
      if (s.line >= line) break;
      start += s.delta;
    }
    return start;
  }

  /** The offset just past a line's content (before its line break). */
  lineEnd(line: number): number {
    let end = this.ends[line];
    for (const s of this.shifts) {
      if (s.line > line) break;
      end += s.delta;
    }
    return end;
  }

  lineRange(line: number): Range {
    return range(line, 0, this.lineLength(line));
  }

  offsetAt(p: Position): number {
    if (p.line < 0) return 0;
    if (p.line >= this.count) return this.length;
    const start = this.lineStart(p.line);
    return Math.min(start + Math.max(0, p.character), this.lineEnd(p.line));
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.length));
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStart(mid) <= o) lo = mid;
      else hi = mid - 1;
    }
    const start = this.lineStart(lo);
    return { line: lo, character: Math.min(o, this.lineEnd(lo)) - start };
  }
}

/** A line longer (or shorter) by `delta` than in the tables it is read with. */
interface Shift {
  readonly line: number;
  readonly delta: number;
}

/** Shifts kept before the line tables are copied with them applied. */
const MAX_SHIFTS = 32;

/** A text not joined yet: the joined text it started from, and the lines changed since. */
interface Unjoined {
  readonly root: LineIndex;
  readonly lines: ReadonlyMap<number, string>;
}

/** Changed lines a text keeps apart before it is joined. */
const MAX_CHANGED_LINES = 64;

interface Table {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly shifts: readonly Shift[];
}

/** A line table made from another's (see `LineIndex.changedLine`). */
interface EditedLines extends Table {
  readonly count: number;
  readonly eol: string;
  readonly base: LineIndex;
  readonly line: number;
  /** The text's length (the text is given as `''` while `lazy` holds it). */
  readonly length: number;
  readonly lazy: Unjoined | undefined;
}

/**
 * `index` with `r` replaced by `newText`, as an editor sends a change (a
 * reversed range is taken the right way round; positions are clamped as
 * `offsetAt` clamps them). Inside one line and adding no line break, by
 * `withLine`, joining nothing; otherwise the text is joined, changed and
 * indexed again.
 */
export function applyChange(index: LineIndex, r: Range, newText: string): LineIndex {
  const [start, end] = comparePositions(r.start, r.end) <= 0 ? [r.start, r.end] : [r.end, r.start];
  const { line } = start;
  if (
    line === end.line &&
    line >= 0 &&
    line < index.lineCount &&
    !newText.includes('\n') &&
    !newText.includes('\r')
  ) {
    const content = index.line(line);
    const clamp = (c: number) => Math.min(Math.max(0, c), content.length);
    const changed =
      content.slice(0, clamp(start.character)) + newText + content.slice(clamp(end.character));
    return changed === content ? index : index.withLine(line, changed);
  }
  const text = index.text;
  return new LineIndex(
    text.slice(0, index.offsetAt(start)) + newText + text.slice(index.offsetAt(end)),
  );
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
