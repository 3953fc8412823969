/**
 * The outline: sections at the top; under the transcript, chapters (placed
 * at their heading, or by time when the heading is missing or the chapters
 * come from a file beside the transcript) and under each chapter its
 * speaker turns.
 */
import { headingInsertLine } from './analysis/chapters';
import { chapterTimes } from './sideChapters';
import type { TranscriptModel, Turn } from './model';
import { rereadFrom } from './reread';
import { comparePositions, pos, range, type Range } from './text';
import { formatChapterTime, formatClock } from './time';

export type OutlineKind = 'section' | 'chapter' | 'turn';

export interface OutlineNode {
  readonly name: string;
  readonly detail?: string;
  readonly kind: OutlineKind;
  readonly range: Range;
  readonly selectionRange: Range;
  readonly children: OutlineNode[];
}

interface Anchor {
  readonly line: number;
  readonly chapter: number;
  readonly name: string;
  readonly detail: string;
  readonly selection: Range;
  /** Placed by time, not at a heading line: the turn it falls in goes on at `line`. */
  readonly byTime: boolean;
}

function span(model: TranscriptModel, from: number, to: number): Range {
  return { start: pos(from, 0), end: pos(to, model.text.lineLength(to)) };
}

function chapterAnchors(model: TranscriptModel): Anchor[] {
  const anchors: Anchor[] = model.headings.map((h) => ({
    line: h.line,
    chapter: h.chapter,
    name: model.chapters[h.chapter].title,
    detail: model.chapters[h.chapter].timeText,
    selection: h.range,
    byTime: false,
  }));
  const found = new Set(model.headings.map((h) => h.chapter));
  if (model.body && (model.turns.length > 0 || model.stamps.length > 0)) {
    const place = (
      chapter: number,
      c: { readonly seconds: number; readonly title: string },
      detail: string,
    ) => {
      const line = headingInsertLine(model, c) ?? model.body!.endLine;
      anchors.push({
        line,
        chapter,
        name: c.title,
        detail,
        selection: range(line, 0, 0),
        byTime: true,
      });
    };
    for (const c of model.chapters)
      if (!found.has(c.index)) place(c.index, c, `${c.timeText} (no heading in the body)`);
    // Chapters from a file beside the transcript (which has no list of its own).
    const side = model.chapters.length === 0 ? model.sideChapters : undefined;
    side?.entries.forEach((c, i) => place(i, c, `${formatChapterTime(c.seconds)} (${side.file})`));
  }
  return anchors.sort((a, b) => a.line - b.line || a.chapter - b.chapter);
}

/** Where a chapter interrupts a turn: the turn stops before `line` and goes on at `resume`. */
interface Cut {
  readonly line: number;
  readonly resume: number;
}

/**
 * Where the outline is in the cuts, stamps and anchors: each a position in
 * its array, moved from one turn piece to the next (the pieces come in line
 * order, so each moves forward a little; a binary search per piece, with its
 * closures, was half the outline's time).
 */
interface Cursors {
  cut: number;
  stamp: number;
  anchor: number;
}

/**
 * The first index whose line is above `line`, for items sorted by line,
 * searched from `from` in either direction (a step or two when queries come
 * in order). The first at or above an integer line `l` is `firstAbove(l - 1)`.
 */
function firstAbove(
  items: readonly { readonly line: number }[],
  line: number,
  from: number,
): number {
  let i = from;
  while (i > 0 && items[i - 1].line > line) i--;
  while (i < items.length && items[i].line <= line) i++;
  return i;
}

/**
 * Turn nodes have no children: they share one empty array, frozen, instead of
 * one each (a long transcript has tens of thousands of turns).
 */
const NO_CHILDREN = Object.freeze([]) as unknown as OutlineNode[];

/**
 * The pieces of a turn, cut where a chapter starts inside it, each placed in
 * the chapter that holds it or, outside every chapter, in `top`.
 */
function placeTurnPieces(
  model: TranscriptModel,
  turn: Turn,
  cuts: readonly Cut[],
  anchors: readonly Anchor[],
  chapterNodes: readonly OutlineNode[],
  top: OutlineNode[],
  at: Cursors,
): void {
  let from = turn.startLine;
  // The cuts inside the turn: cuts[first] to cuts[first + count - 1].
  const first = (at.cut = firstAbove(cuts, turn.startLine, at.cut));
  const count = firstAbove(cuts, turn.endLine, first) - first;
  for (let i = 0; i <= count; i++) {
    const to = i < count ? cuts[first + i].line - 1 : turn.endLine;
    if (to >= from) {
      at.stamp = firstAbove(model.stamps, from - 1, at.stamp);
      const next = model.stamps[at.stamp];
      const stamp = next && next.line <= to ? next : undefined;
      const name = turn.label.name + (stamp ? ` ${formatClock(stamp.seconds)}` : '');
      const selection =
        from === turn.startLine ? turn.label.nameRange : (stamp?.range ?? range(from, 0, 0));
      // A label at the start of its line starts where the turn does: the
      // range shares its start (positions are never changed).
      const start =
        selection.start.line === from && selection.start.character === 0
          ? selection.start
          : pos(from, 0);
      const piece: OutlineNode = {
        name,
        kind: 'turn',
        range: { start, end: pos(to, model.text.lineLength(to)) },
        selectionRange: selection,
        children: NO_CHILDREN,
      };
      at.anchor = firstAbove(anchors, from, at.anchor);
      const owner = at.anchor - 1;
      if (owner >= 0 && chapterNodes[owner].range.end.line >= from)
        chapterNodes[owner].children.push(piece);
      else top.push(piece);
    }
    if (i < count) from = cuts[first + i].resume;
  }
}

function bodyChildren(model: TranscriptModel, bodyStart: number, bodyEnd: number): OutlineNode[] {
  const anchors = chapterAnchors(model);
  const chapterNodes: OutlineNode[] = anchors.map((a, i) => {
    const nextLine = i + 1 < anchors.length ? anchors[i + 1].line : bodyEnd + 1;
    const end = Math.max(a.line, nextLine - 1);
    return {
      name: a.name,
      detail: a.detail,
      kind: 'chapter',
      range: nextLine - 1 < a.line ? range(a.line, 0, 0) : span(model, a.line, end),
      selectionRange: a.selection,
      children: [],
    };
  });
  // Cut turns at headings (the turn goes on after the heading line) and at
  // the places of chapters placed by time.
  const cuts = anchors.map((a) => ({ line: a.line, resume: a.byTime ? a.line : a.line + 1 }));
  const top: OutlineNode[] = [];
  const at: Cursors = { cut: 0, stamp: 0, anchor: 0 };
  for (const turn of model.turns) {
    if (turn.startLine < bodyStart) continue;
    placeTurnPieces(model, turn, cuts, anchors, chapterNodes, top, at);
  }
  return [...top, ...chapterNodes].sort(
    (a, b) =>
      a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/**
 * Each model's outline. A model that `reread` made from an earlier one has
 * its structure: its outline is the earlier one's with the ends on the
 * edited line moved (see `moveLineEnds`), and the nodes off that line are the
 * very same objects (which lets the protocol's conversion keep its results).
 */
const outlines = new WeakMap<TranscriptModel, readonly OutlineNode[]>();

/**
 * The outline of a transcript: its nodes must not be changed (an outline is
 * kept for its model and lends its nodes to the next).
 */
export function outline(model: TranscriptModel): readonly OutlineNode[] {
  const had = outlines.get(model);
  if (had) return had;
  const from = rereadFrom(model);
  const base = from && outlines.get(from.model);
  const nodes =
    from && base
      ? moveLineEnds(
          base,
          from.line,
          from.model.text.lineLength(from.line),
          model.text.lineLength(from.line),
        )
      : buildOutline(model);
  outlines.set(model, nodes);
  return nodes;
}

/**
 * `nodes` with every range that ends at the end of `line` (`from` characters
 * long) ending at its new end (`to`); nodes that do not reach the line are
 * kept as they are. Only ends are made from line lengths (`span`, turn
 * pieces); every other position comes from the model's structure, which an
 * edit inside the prose of the line does not move.
 */
function moveLineEnds(
  nodes: readonly OutlineNode[],
  line: number,
  from: number,
  to: number,
): OutlineNode[] {
  // Copied only from the first node that moves: a node that does not move
  // is the same node, and a list none of whose nodes moves the same list
  // (the protocol keeps the symbols per list and per node with children).
  let out: OutlineNode[] | undefined;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.range.start.line > line || n.range.end.line < line) continue;
    const moves = n.range.end.line === line && n.range.end.character === from;
    const children = n.children.length > 0 ? moveLineEnds(n.children, line, from, to) : n.children;
    if (!moves && children === n.children) continue;
    const end = moves ? pos(line, to) : n.range.end;
    out ??= nodes.slice();
    out[i] = { ...n, range: { start: n.range.start, end }, children };
  }
  // Unchanged: the same list (no outline's nodes are changed once made).
  return out ?? (nodes as OutlineNode[]);
}

function buildOutline(model: TranscriptModel): OutlineNode[] {
  const nodes: OutlineNode[] = [];
  const transcript = model.sections.find((t) => t.kind === 'transcript');
  for (const s of model.sections) {
    // A repeated Transcript header is part of the one body (and reported as a
    // duplicate); the first header's node holds the whole body.
    if (s.kind === 'transcript' && s !== transcript) continue;
    const end =
      s === transcript && model.body ? Math.max(s.endLine, model.body.endLine) : s.endLine;
    nodes.push({
      name: s.name,
      kind: 'section',
      range: span(model, s.startLine, end),
      selectionRange: model.text.lineRange(s.headerLine),
      children: s === transcript ? bodyChildren(model, s.startLine, end) : [],
    });
  }
  if (!transcript && model.body) {
    // A loop, not push(...children): a body of 300,000 turns would overflow the stack.
    for (const n of bodyChildren(model, model.body.startLine, model.body.endLine)) nodes.push(n);
    nodes.sort((a, b) => a.range.start.line - b.range.start.line);
  }
  return contained(nodes);
}

function inside(outer: Range, inner: Range): boolean {
  return (
    comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0
  );
}

/**
 * Editors reject a whole outline whose selection ranges stray out of their
 * ranges or whose children stray out of their parents; whatever odd input
 * led there, a stray selection is pulled in and a stray child dropped. Nodes
 * that need neither are kept as they are (no copy of the whole tree).
 */
function contained(nodes: OutlineNode[], parent?: Range): OutlineNode[] {
  // `out` is made only once a node is dropped or changed: until then the
  // nodes so far are `nodes[0..i)`, and an outline that needs no repair is
  // returned as it is.
  let out: OutlineNode[] | undefined;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (parent && !inside(parent, n.range)) {
      out ??= nodes.slice(0, i);
      continue;
    }
    const selectionRange = inside(n.range, n.selectionRange)
      ? n.selectionRange
      : { start: n.range.start, end: n.range.start };
    const children = n.children.length > 0 ? contained(n.children, n.range) : n.children;
    const same = selectionRange === n.selectionRange && children === n.children;
    if (same) {
      out?.push(n);
      continue;
    }
    out ??= nodes.slice(0, i);
    out.push({ ...n, selectionRange, children });
  }
  // Unchanged: the same list (no outline's nodes are changed once made).
  return out ?? (nodes as OutlineNode[]);
}

/**
 * The line each chapter is at, by its index in the list: its heading in the
 * body, else its entry in the list, else (chapters beside the file) where its
 * time falls.
 */
export function chapterLines(model: TranscriptModel): number[] {
  if (model.chapters.length > 0) {
    const heading = new Map<number, number>();
    for (const h of model.headings) if (!heading.has(h.chapter)) heading.set(h.chapter, h.line);
    return model.chapters.map((c) => heading.get(c.index) ?? c.line);
  }
  const end = model.body?.endLine ?? 0;
  return chapterTimes(model).map((c) => headingInsertLine(model, c) ?? end);
}
