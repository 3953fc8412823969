/**
 * Reading a text again after an edit without parsing it again. Someone typing
 * in a paragraph changes the prose of one body line; the structure (sections,
 * chapters, labels, stamps, headings, turns, paragraphs, prose spans) stays
 * as it was. When the new text differs from the one a model was read from
 * only there, and the line provably stays what it was, the new model is the
 * old one over the new text; anything else is left to the parser (`reread`
 * answers undefined). The full parse is the oracle: a property test checks
 * that both give the same model.
 */
import { nodesOver } from './bodyNodes';
import { SECTION_HEADERS, type Cue, type ProseSpans, type TranscriptModel } from './model';
import { cueAt, firstTextLine, laterTextLine } from './readers/cues';
import { indexOf, lowerBound } from './search';
import { chooseReader, type ReadOptions } from './readers';
import { turnLineShape } from './readers/turnLines';
import { countCueWords, hasWord, isJsSpace, normalizeTitle } from './scan';
import type { LineIndex } from './text';

/** Where two texts differ: `[start, beforeEnd)` of the one became `[start, afterEnd)` of the other. */
export interface TextChange {
  readonly start: number;
  readonly beforeEnd: number;
  readonly afterEnd: number;
}

/**
 * The length of the common start of `a` and `b` (`ends`: of their common end),
 * at most `limit`. Compared in blocks that double while they are equal (a
 * native comparison of two slices), then halve inside the first that is not,
 * then character by character: about twice the text's length compared
 * natively, and a few dozen slices made, however long the text.
 */
function common(a: string, b: string, limit: number, ends: boolean): number {
  const same = (from: number, to: number) =>
    ends
      ? a.slice(a.length - to, a.length - from) === b.slice(b.length - to, b.length - from)
      : a.slice(from, to) === b.slice(from, to);
  let done = 0;
  let size = 256;
  while (done + size <= limit && same(done, done + size)) {
    done += size;
    size *= 2;
  }
  for (size >>= 1; size >= 64; size >>= 1)
    if (done + size <= limit && same(done, done + size)) done += size;
  if (ends) {
    while (done < limit && a.charCodeAt(a.length - done - 1) === b.charCodeAt(b.length - done - 1))
      done++;
  } else while (done < limit && a.charCodeAt(done) === b.charCodeAt(done)) done++;
  return done;
}

/** The span where `before` and `after` differ (their common start and end left out); undefined when equal. */
export function changedSpan(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  const start = common(before, after, shorter, false);
  // The common end, not reaching into the common start.
  const same = common(before, after, shorter - start, true);
  return { start, beforeEnd: before.length - same, afterEnd: after.length - same };
}

function hasBreak(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

/** Lists found in line order (lists are not changed once made). */
const ascending = new WeakSet<ArrayLike<unknown>>();

/** The list's lines never go down: checked once per list. */
function inLineOrder<T>(items: ArrayLike<T>, lineOf: (item: T) => number): boolean {
  if (ascending.has(items)) return true;
  for (let i = 1; i < items.length; i++) if (lineOf(items[i - 1]) > lineOf(items[i])) return false;
  ascending.add(items);
  return true;
}

/** Some item is on `line`: searched by halves in a list in line order, else item by item. */
function onLine(items: readonly { readonly line: number }[], line: number): boolean {
  if (inLineOrder(items, (i) => i.line)) {
    const i = lowerBound(items, line, (x) => x.line);
    return i < items.length && items[i].line === line;
  }
  return items.some((item) => item.line === line);
}

/** A finding of the reader (not of the checks) covers `line`. */
function readerFindingOn(model: TranscriptModel, line: number): boolean {
  return model.findings.some((f) => f.range.start.line <= line && f.range.end.line >= line);
}

/** The prose span on `line` (the first, in a list out of line order), or -1. */
function spanOn(prose: ProseSpans, line: number): number {
  if (inLineOrder(prose.lines, (l) => l)) return indexOf(prose.lines, line);
  for (let k = 0; k < prose.length; k++) if (prose.lines[k] === line) return k;
  return -1;
}

/**
 * A text line of a cue stays what the cue reader made of it: not blank, no
 * timing (`-->`), the same voice (or none) at the same place, its prose from
 * the same column, a prose span still (or still none), and no finding of the
 * reader on it. The cues, labels and turns are then the same.
 */
function sameCueLine(
  previous: TranscriptModel,
  was: string,
  now: string,
  line: number,
  cue: Cue,
): boolean {
  if (now.trim() === '' || now.includes('-->')) return false;
  if (readerFindingOn(previous, line)) return false;
  const read = line === cue.timingLine + 1 ? firstTextLine : laterTextLine;
  const lead = (t: string) => t.length - t.trimStart().length;
  const shape = (t: string) => JSON.stringify([read(t), lead(t)]);
  if (shape(was) !== shape(now)) return false;
  const { proseFrom } = read(now);
  const isProse = (t: string) =>
    hasWord(t, proseFrom, t.length) && countCueWords(t, proseFrom, t.length) > 0;
  return isProse(now) === spanOn(previous.prose, line) >= 0 && isProse(was) === isProse(now);
}

/**
 * The model of `source`, made from `previous` (the model of an earlier text)
 * when the two texts differ only inside one line, no line break added or
 * removed, and the reader reads that line as before: in an Auphonic export,
 * the prose of a body line past its first character that stays prose (no
 * stamp, label, heading or section header made, words left); in a WebVTT or
 * SRT file, a text line of a cue read alike (see `sameCueLine`). Undefined
 * otherwise: then parse. `options` name the file and the chapters beside it,
 * as for `parse`.
 */
export function reread(
  previous: TranscriptModel,
  source: string | LineIndex,
  options: ReadOptions = {},
): TranscriptModel | undefined {
  const { text, body, prose, layout } = previous;
  const cues = layout === 'webvtt' || layout === 'srt';
  const turnLines = layout === 'otter' || layout === 'rev' || layout === 'lines';
  if ((layout !== 'auphonic' && !cues && !turnLines) || !previous.looksLikeTranscript || !body)
    return undefined;
  // Read the same way: the same reader (by name, or by the first line) and
  // the same chapters beside it, attached as the reader would attach them.
  if (chooseReader(source, options).layout !== layout) return undefined;
  const side =
    options.sideChapters && previous.chapters.length === 0 ? options.sideChapters : undefined;
  if (previous.sideChapters !== side) return undefined;
  const edit = lineEdit(text, source);
  if (edit === 'same') return previous;
  if (!edit) return undefined;
  const { line, character, was, now } = edit;
  if (line <= body.startLine || line > body.endLine) return undefined;
  if (cues) {
    // A text line of a cue: past its timing line.
    const cue = cueAt(previous.cues ?? [], line);
    if (!cue || line <= cue.timingLine || !sameCueLine(previous, was, now, line, cue))
      return undefined;
    return madeBy(previous, source, line);
  }
  if (turnLines) {
    // A line past the first (a byte order mark is read apart there) that the
    // reader reads alike: the same header, or text from the same column,
    // with prose (or none) from the same column as before.
    if (readerFindingOn(previous, line)) return undefined;
    const shape = turnLineShape(layout, now);
    if (shape !== turnLineShape(layout, was)) return undefined;
    return madeBy(previous, source, line);
  }
  // A prose span of the body, changed past its first character.
  const span = spanOn(prose, line);
  if (span < 0) return undefined;
  const proseStart = prose.starts[span];
  if (character <= proseStart) return undefined;
  // Nothing on the line but its stamp and prose.
  if (
    onLine(previous.labels, line) ||
    onLine(previous.headings, line) ||
    onLine(previous.malformedStamps, line)
  )
    return undefined;
  if (readerFindingOn(previous, line)) return undefined;

  if (!hasWord(now, proseStart, now.length)) return undefined;
  if (!onLine(previous.stamps, line)) {
    // A line of text stays one: its first character is kept, so it has a
    // word; it must not have become a stamp, a label (`Name:`), a chapter
    // heading or a section header. Each test is wider than the parser's.
    const first = now.charCodeAt(proseStart);
    if (first === 91 /* [ */) return undefined;
    // A line that starts with other white space (U+3000, U+00A0, …) is blank
    // to the parser once nothing else is left on it; `hasWord` counts some of
    // those characters as a word.
    if (isJsSpace(first)) return undefined;
    // Nor was it a label candidate that is prose (`Und zwar:`): whether the
    // labels around it are labels depends on that.
    if (was.trim().endsWith(':')) return undefined;
    const trimmed = now.trim();
    if (trimmed.endsWith(':') || SECTION_HEADERS.has(trimmed)) return undefined;
    // Keyed as normalizeTitle keys a title, but not through its cache: a
    // line being typed is a new string on every keystroke.
    const key = trimmed.replace(/\s+/g, ' ').toLowerCase();
    for (const c of previous.chapters) if (normalizeTitle(c.title) === key) return undefined;
  }
  return madeBy(previous, source, line);
}

/** One line's content changed: the line, where the change starts in it, and its content before and after. */
interface LineEdit {
  readonly line: number;
  readonly character: number;
  readonly was: string;
  readonly now: string;
}

/**
 * How `source` differs from `text`: not at all (`'same'`), inside one line
 * with no line break added or removed, or otherwise (undefined). A text made
 * from `text` by `withLine` says which line; another is compared with it.
 */
function lineEdit(text: LineIndex, source: string | LineIndex): LineEdit | 'same' | undefined {
  if (typeof source !== 'string' && source.editOf?.base === text) {
    const { line } = source.editOf;
    const was = text.line(line);
    const now = source.line(line);
    if (was === now) return 'same';
    if (hasBreak(now, 0, now.length)) return undefined;
    let character = 0;
    while (character < was.length && was.charCodeAt(character) === now.charCodeAt(character))
      character++;
    return { line, character, was, now };
  }
  const before = text.text;
  const after = typeof source === 'string' ? source : source.text;
  const change = changedSpan(before, after);
  if (!change) return 'same';
  const { line, character } = text.positionAt(change.start);
  const lineStart = text.lineStart(line);
  const lineEnd = lineStart + text.lineLength(line);
  if (change.start < lineStart || change.beforeEnd > lineEnd) return undefined;
  if (
    hasBreak(before, change.start, change.beforeEnd) ||
    hasBreak(after, change.start, change.afterEnd)
  )
    return undefined;
  const was = before.slice(lineStart, lineEnd);
  const now = after.slice(lineStart, lineEnd + after.length - before.length);
  // Emptied between a lone CR and an LF, the line is gone: the two are one
  // line break now.
  if (now === '' && text.breakAfter(line - 1) === '\r' && text.breakAfter(line) === '\n')
    return undefined;
  return { line, character, was, now };
}

/** The model of `source`, the previous one's with `line` edited (see `reread`); undefined when its nodes are not the parser's. */
function madeBy(
  previous: TranscriptModel,
  source: string | LineIndex,
  line: number,
): TranscriptModel | undefined {
  const index = typeof source === 'string' ? previous.text.edited(source, line) : source;
  const nodes = nodesOver(previous.paragraphs, previous.turns, index, line);
  if (!nodes) return undefined;
  const model = { ...previous, text: index, paragraphs: nodes.paragraphs, turns: nodes.turns };
  // One step deep, as `LineIndex.edited`: a chain of edits must not keep
  // every earlier model (and its text) alive.
  madeFrom.delete(previous);
  madeFrom.set(model, { model: previous, line });
  return model;
}

/** Each model `reread` made, with the model it was made from and the edited line. */
const madeFrom = new WeakMap<TranscriptModel, RereadFrom>();

export interface RereadFrom {
  readonly model: TranscriptModel;
  /** The one line whose prose differs; every position elsewhere is the same. */
  readonly line: number;
}

/**
 * The model `model` was made from by `reread`, if it was: the two have the
 * same structure (sections, chapters, labels, stamps, headings, turns and
 * paragraphs on the same lines and characters), and their texts differ only
 * inside the prose of `line`. Derived results (the outline) may be carried
 * over from the earlier model by moving what ends on that line.
 */
export function rereadFrom(model: TranscriptModel): RereadFrom | undefined {
  return madeFrom.get(model);
}
