/**
 * What must hold for every text: every range the core returns is inside the
 * document on UTF-16 boundaries that do not split a surrogate pair, and a fix
 * never loses or reorders a word it was not meant to change.
 */
import {
  analyze,
  applyEdits,
  completions,
  comparePositions,
  definition,
  fixAllEdits,
  foldingRanges,
  hover,
  LineIndex,
  outline,
  paragraphText,
  parseChapterTime,
  parseStamp,
  prepareRename,
  references,
  renameSpeaker,
  selectionRanges,
  semanticTokens,
  shiftTimestamps,
  statistics,
  statisticsMarkdown,
  summarizeModel,
  timeAtLine,
  type Analysis,
  type Finding,
  type Fix,
  type OutlineNode,
  type Position,
  type Range,
  type Settings,
  type TextEdit,
  type TranscriptModel,
} from '../../server/src/core';

// ---------------------------------------------------------------------------
// Positions and ranges.

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Why a position is not inside the document on a code-point boundary, or undefined. */
export function positionProblem(index: LineIndex, p: Position): string | undefined {
  if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character))
    return `not integers: ${JSON.stringify(p)}`;
  if (p.line < 0 || p.line >= index.lineCount)
    return `line ${p.line} outside 0..${index.lineCount - 1}`;
  const len = index.lineLength(p.line);
  if (p.character < 0 || p.character > len)
    return `character ${p.character} outside 0..${len} on line ${p.line}`;
  if (p.character > 0 && p.character < len) {
    const line = index.line(p.line);
    if (isHigh(line.charCodeAt(p.character - 1)) && isLow(line.charCodeAt(p.character)))
      return `character ${p.character} on line ${p.line} splits a surrogate pair`;
  }
  return undefined;
}

export function rangeProblem(index: LineIndex, r: Range): string | undefined {
  if (!r || !r.start || !r.end) return `not a range: ${JSON.stringify(r)}`;
  const s = positionProblem(index, r.start) ?? positionProblem(index, r.end);
  if (s) return s;
  if (comparePositions(r.start, r.end) > 0) return 'end before start';
  return undefined;
}

const showRange = (r: Range) =>
  `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

const contains = (outer: Range, inner: Range) =>
  comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;

/**
 * Problems containing one of these comma-separated strings are not reported:
 * to look past a known bug while exploring (RELIABILITY_IGNORE='selection range').
 */
const IGNORE = (process.env.RELIABILITY_IGNORE ?? '').split(',').filter(Boolean);

/** Collects problems with the ranges of one result. */
export class RangeChecker {
  readonly problems: string[] = [];
  constructor(readonly index: LineIndex) {}

  range(what: string, r: Range): void {
    const p = rangeProblem(this.index, r);
    if (p) this.fail(`${what} ${r ? showRange(r) : r}: ${p}`);
  }

  line(what: string, line: number): void {
    if (!Number.isInteger(line) || line < 0 || line >= this.index.lineCount)
      this.fail(`${what}: line ${line} outside 0..${this.index.lineCount - 1}`);
  }

  fail(what: string): void {
    if (!IGNORE.some((s) => what.includes(s))) this.problems.push(what);
  }
}

export function checkFindings(c: RangeChecker, findings: readonly Finding[]): void {
  for (const f of findings) {
    c.range(`finding ${f.code} range`, f.range);
    for (const r of f.related ?? []) c.range(`finding ${f.code} related range`, r.range);
    for (const fix of f.fixes ?? [])
      for (const e of fix.edits) c.range(`fix '${fix.title}' edit range`, e.range);
  }
}

export function checkOutline(c: RangeChecker, nodes: readonly OutlineNode[], path = ''): void {
  for (const n of nodes) {
    const at = `${path}/${n.name}`;
    // VS Code rejects a DocumentSymbol without a name.
    if (!n.name) c.fail(`outline ${path}/: a symbol without a name`);
    c.range(`outline ${at} range`, n.range);
    c.range(`outline ${at} selectionRange`, n.selectionRange);
    // VS Code rejects a DocumentSymbol whose selectionRange is not inside its range.
    if (!contains(n.range, n.selectionRange))
      c.fail(
        `outline ${at}: selectionRange ${showRange(n.selectionRange)} not inside range ${showRange(n.range)}`,
      );
    checkOutline(c, n.children, at);
  }
}

/** Edits that are sorted and do not overlap (what fix-all promises). */
export function checkEditSet(c: RangeChecker, what: string, edits: readonly TextEdit[]): void {
  for (let i = 0; i < edits.length; i++) {
    c.range(`${what} edit`, edits[i].range);
    if (i > 0 && comparePositions(edits[i].range.start, edits[i - 1].range.end) < 0)
      c.fail(`${what}: edits ${i - 1} and ${i} overlap or are out of order`);
  }
}

/**
 * Runs every analysis of the core on a text and checks every range it
 * returns. `positions` are where the position-based queries are asked.
 */
export function exerciseCore(
  text: string,
  settings: Settings,
  positions: readonly Position[],
  otherEpisodes?: ReadonlyMap<string, number>,
): { problems: string[]; analysis: Analysis } {
  const analysis = analyze(text, settings, { otherEpisodes });
  const model = analysis.model;
  const c = new RangeChecker(model.text);
  if (model.text.text !== text) c.fail('model.text is not the text');
  checkFindings(c, analysis.findings);

  const nodes = outline(model);
  checkOutline(c, nodes);

  let last: { line: number; end: number } | undefined;
  for (const t of semanticTokens(model)) {
    const r = {
      start: { line: t.line, character: t.character },
      end: { line: t.line, character: t.character + t.length },
    };
    c.range('semantic token', r);
    if (t.length <= 0) c.fail(`semantic token of length ${t.length}`);
    // The LSP encoding is relative: tokens must come in order without overlapping.
    if (last && (t.line < last.line || (t.line === last.line && t.character < last.end)))
      c.fail(`semantic token ${t.line}:${t.character} out of order or overlapping`);
    last = { line: t.line, end: t.character + t.length };
  }

  for (const f of foldingRanges(model, nodes)) {
    c.line('folding start', f.startLine);
    c.line('folding end', f.endLine);
    if (f.endLine < f.startLine)
      c.fail(`folding range ${f.startLine}-${f.endLine} ends before it starts`);
  }

  const fixAll = fixAllEdits(analysis.findings);
  checkEditSet(c, 'fix-all', fixAll.edits);

  const stats = statistics(model);
  const numbers = [
    stats.duration,
    stats.words,
    ...stats.speakers.flatMap((s) => [s.turns, s.words, s.seconds, s.wordShare, s.timeShare]),
    ...stats.chapters.flatMap((x) => [x.start, x.end, x.length, x.turns, x.words]),
  ];
  if (numbers.some((n) => Number.isNaN(n))) c.fail('statistics contain NaN');
  statisticsMarkdown(stats, 'x');
  for (const p of model.paragraphs.slice(0, 50)) paragraphText(model, p);
  summarizeModel('file:///x.transcript', model);

  for (const p of positions) queryAt(c, model, settings, p);

  for (const offset of [7, -7, 3600.5]) {
    for (const scope of [{ fromSeconds: 0 }, { lines: [0, model.text.lineCount - 1] as const }]) {
      const r = shiftTimestamps(model, offset, scope);
      if (r.ok) checkEditSet(c, `shift ${offset}`, sortEdits(r.edits));
    }
  }
  return { problems: c.problems, analysis };
}

function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => comparePositions(a.range.start, b.range.start));
}

function queryAt(c: RangeChecker, model: TranscriptModel, settings: Settings, p: Position): void {
  const at = `at ${p.line}:${p.character}`;
  const valid = positionProblem(model.text, p) === undefined;
  const chain = selectionRanges(model, p);
  chain.forEach((r, i) => {
    c.range(`selection range ${i} ${at}`, r);
    if (i > 0 && !contains(r, chain[i - 1]))
      c.fail(`selection range ${i} ${at} does not contain the one inside it`);
  });
  if (valid && chain[0] && !contains(chain[0], { start: p, end: p }))
    c.fail(`innermost selection range ${at} does not contain the position`);

  const h = hover(model, p);
  if (h) c.range(`hover ${at}`, h.range);

  for (const item of completions(model, p, settings, new Map([['Malte', 2]]))) {
    c.range(`completion '${item.label}' ${at}`, item.range);
    // VS Code ignores completions whose range is not on the cursor's line around the cursor.
    if (
      valid &&
      (item.range.start.line !== p.line ||
        item.range.end.line !== p.line ||
        item.range.start.character > p.character ||
        item.range.end.character < p.character)
    )
      c.fail(
        `completion '${item.label}' ${at}: range ${showRange(item.range)} does not hold the cursor`,
      );
  }

  const d = definition(model, p);
  if (d) c.range(`definition ${at}`, d);
  for (const r of references(model, p)) c.range(`reference ${at}`, r);
  const prepared = prepareRename(model, p);
  if (prepared.ok) c.range(`prepareRename ${at}`, prepared.range);
  const renamed = renameSpeaker(model, p, 'Ünal 😀');
  if (renamed.ok) checkEditSet(c, `rename ${at}`, sortEdits(renamed.edits));
  timeAtLine(model, p.line);
}

/** Positions spread over a text from fractions in [0, 1), plus its corners. */
export function positionsIn(index: LineIndex, fractions: readonly [number, number][]): Position[] {
  const out: Position[] = [
    { line: 0, character: 0 },
    { line: index.lineCount - 1, character: index.lineLength(index.lineCount - 1) },
  ];
  for (const [u, v] of fractions) {
    const line = Math.min(index.lineCount - 1, Math.floor(u * index.lineCount));
    out.push({ line, character: Math.floor(v * (index.lineLength(line) + 1)) });
  }
  return out;
}

/** Positions no editor sends; the core must still not throw. */
export const ODD_POSITIONS: readonly Position[] = [
  { line: -1, character: 0 },
  { line: 0, character: -5 },
  { line: 1e9, character: 1e9 },
  { line: 0, character: 1e9 },
  { line: 2 ** 31, character: 0 },
];

// ---------------------------------------------------------------------------
// Findings as plain data, to compare the same text with different line breaks.

export function findingsShape(findings: readonly Finding[]): unknown[] {
  return findings.map((f) => ({
    code: f.code,
    message: f.message,
    range: showRange(f.range),
    related: f.related?.map((r) => `${showRange(r.range)} ${r.message}`),
    fixes: f.fixes?.map((x) => ({
      title: x.title,
      safe: x.safe,
      edits: x.edits.map((e) => `${showRange(e.range)}=${e.newText.replace(/\r\n|\r/g, '\n')}`),
    })),
  }));
}

// ---------------------------------------------------------------------------
// No lost word.
//
// The check compares the word sequences before and after a fix, line by line.
// Both texts are split into lines (\n, \r\n, \r); a line's words are its
// runs of non-white-space characters; blank lines have no words and are left
// out (a fix may remove or add blank lines, e.g. when its line break joins a
// lone \r into a \r\n). The remaining lines after the fix must be reachable
// from those before by
//   - keeping a line's words (white space between them may change), or
//   - changing a line in one of the allowed ways, which touch only these words:
//       rename:   the line with some occurrences of a name `o` replaced by `n`
//                 (only for speaker-spelling fixes; one of `o`, `n` must be a
//                 label name, a configured speaker or a workspace speaker, and
//                 `n` must already be a name in the document, the settings or
//                 the workspace: a rename never invents words);
//       respell:  the line with some whole words `o` replaced by `n`, where `n`
//                 is a word of a speaker's name (a label's, a configured
//                 speaker's or alias's) and the fix's edits replace `o` by `n`
//                 (speaker-name-in-text: the recogniser's spelling of a name
//                 respelt as the label spells it); several such words may
//                 change on one line, nothing else on it;
//       title:    a body heading or chapter entry line changed only in case and
//                 runs of white space (chapter-heading-mismatch);
//       stamp:    a malformed stamp (timestamp-malformed) or a chapter time
//                 (chapter-time-mismatch) replaced by a valid time, the rest
//                 of the line untouched;
//   - inserting a line that is exactly a listed chapter title
//     (chapter-heading-missing), or
//   - deleting the label line of an empty turn: allowed for that one line only
//     in its speaker-turn-empty quick fix, never in fix-all.
// Anything else (a word dropped, two words joined, a line split or two joined
// so that words move to another line, lines reordered, a word changed that is
// not a name being renamed) makes the text after unreachable and is reported
// with the region that differs. Reachability is decided by dynamic programming
// over line pairs, so the check does not depend on how the fix chose its
// edits. Allowances attach to line contents, not line numbers: changing one
// of two equal lines gives the same text.

export interface Allowances {
  renames: [string, string][];
  /** Whole words that may become a speaker's name word: `Stefan` → {`Stephan`}. */
  respells: Map<string, Set<string>>;
  titleLines: boolean;
  stamps: boolean;
  chapterTimes: boolean;
  headingInserts: boolean;
  /** Lines (before the fix) that may be deleted: an empty turn's label. */
  deletable: Set<number>;
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function squash(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Can `a` be made from `b` by replacing some occurrences of `o` with `n`? */
export function bySubstitution(b: string, a: string, o: string, n: string): boolean {
  if (!o) return false;
  const parts = b.split(o);
  let positions = new Set([0]);
  for (let i = 0; i < parts.length; i++) {
    const next = new Set<number>();
    for (const p of positions) {
      if (!a.startsWith(parts[i], p)) continue;
      const q = p + parts[i].length;
      if (i === parts.length - 1) {
        if (q === a.length) return true;
        continue;
      }
      if (a.startsWith(o, q)) next.add(q + o.length);
      if (a.startsWith(n, q)) next.add(q + n.length);
    }
    if (next.size === 0) return false;
    positions = next;
  }
  return false;
}

export interface NameContext {
  settings: Settings;
  otherEpisodes?: ReadonlyMap<string, number>;
}

/** The rename pairs a speaker fix may make, from its edits, each checked against the document. */
export function renamePairs(
  model: TranscriptModel,
  fixes: readonly Fix[],
  ctx: NameContext,
): [string, string][] {
  const speakers = new Set(model.labels.map((l) => l.name));
  for (const s of ctx.settings.speakers) for (const n of [s.name, ...s.aliases]) speakers.add(n);
  for (const n of ctx.otherEpisodes?.keys() ?? []) speakers.add(n);
  const prose = new Set(model.text.text.split(/[^\p{L}\p{M}'’]+/u));
  const pairs: [string, string][] = [];
  for (const fix of fixes)
    for (const e of fix.edits) {
      const o = model.text.text.slice(
        model.text.offsetAt(e.range.start),
        model.text.offsetAt(e.range.end),
      );
      const n = e.newText;
      if (!o || !n || o === n || /[\r\n:]/.test(o + n)) continue;
      if (!speakers.has(o) && !speakers.has(n)) continue;
      // The new name is a speaker's, or made of words the text or the old name has
      // ('Thorsten Daten' → 'Torsten Daten' respells one word of a full name).
      const wordsOf = (x: string) => x.split(/[^\p{L}\p{M}'’]+/u).filter(Boolean);
      const fromText = (w: string) => prose.has(w) || wordsOf(o).includes(w);
      if (!speakers.has(n) && !prose.has(n) && !wordsOf(n).every(fromText)) continue;
      if (!pairs.some(([x, y]) => x === o && y === n)) pairs.push([o, n]);
    }
  return pairs;
}

/** The words of every speaker name: labels (each voice of a compound label), configured speakers, aliases. */
function speakerNameWords(model: TranscriptModel, ctx: NameContext): Set<string> {
  const names = new Set(model.labels.map((l) => l.name));
  for (const s of ctx.settings.speakers) for (const n of [s.name, ...s.aliases]) names.add(n);
  const words = new Set<string>();
  for (const name of names) for (const w of name.match(WORD_RE) ?? []) words.add(w);
  return words;
}

const WORD_RE = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;
const TOKEN_RE = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*|[^\p{L}\p{M}]+/gu;

/**
 * The respellings a fix makes: each edit that replaces one whole word by a
 * word of a speaker's name (nothing else counts).
 */
export function respellPairs(
  model: TranscriptModel,
  fixes: readonly Fix[],
  ctx: NameContext,
): Map<string, Set<string>> {
  const nameWords = speakerNameWords(model, ctx);
  const out = new Map<string, Set<string>>();
  for (const fix of fixes)
    for (const e of fix.edits) {
      const o = model.text.text.slice(
        model.text.offsetAt(e.range.start),
        model.text.offsetAt(e.range.end),
      );
      const n = e.newText;
      if (o === n || !nameWords.has(n)) continue;
      if ((o.match(WORD_RE) ?? []).join('|') !== o) continue; // exactly one whole word
      let set = out.get(o);
      if (!set) out.set(o, (set = new Set()));
      set.add(n);
    }
  return out;
}

/**
 * `a` with the words it respells (by `respells`, at the same word of `b`)
 * spelt back as in `b`; undefined when the words of `a` and `b` differ in
 * any other way. The rest of the line is then checked as if nothing was
 * respelt, so a respelling and a stamp repair can share a line.
 */
export function unrespell(
  b: string,
  a: string,
  respells: Map<string, Set<string>>,
): string | undefined {
  const wordsB = b.match(WORD_RE) ?? [];
  const tokensA = a.match(TOKEN_RE) ?? [];
  let i = 0;
  const out: string[] = [];
  for (const t of tokensA) {
    if (!/^[\p{L}\p{M}]/u.test(t)) {
      out.push(t);
      continue;
    }
    const was = wordsB[i++];
    if (was === undefined) return undefined;
    if (t !== was && !respells.get(was)?.has(t)) return undefined;
    out.push(was);
  }
  return i === wordsB.length ? out.join('') : undefined;
}

/** Every edit of the fix replaces a label's name. */
function onLabels(model: TranscriptModel, fix: Fix): boolean {
  const at = new Set(
    model.labels.map((l) => `${l.nameRange.start.line}:${l.nameRange.start.character}`),
  );
  return fix.edits.every((e) => at.has(`${e.range.start.line}:${e.range.start.character}`));
}

/** What a fix of this finding may change (see above). */
export function allowancesFor(
  model: TranscriptModel,
  f: Finding,
  fix: Fix,
  ctx: NameContext,
): Allowances {
  const deletable = new Set<number>();
  if (f.code === 'speaker-turn-empty') deletable.add(f.range.start.line);
  return {
    // From a name in the text, renaming the speaker instead: label edits only.
    renames:
      f.code === 'speaker-spelling' || (f.code === 'speaker-name-in-text' && onLabels(model, fix))
        ? renamePairs(model, [fix], ctx)
        : [],
    respells: f.code === 'speaker-name-in-text' ? respellPairs(model, [fix], ctx) : new Map(),
    titleLines: f.code === 'chapter-heading-mismatch',
    stamps: f.code === 'timestamp-malformed',
    chapterTimes: f.code === 'chapter-time-mismatch',
    headingInserts: f.code === 'chapter-heading-missing',
    deletable,
  };
}

/** What fix-all may change: every kind of safe change, never a deletion. */
export function fixAllAllowances(
  model: TranscriptModel,
  findings: readonly Finding[],
  ctx: NameContext,
): Allowances {
  const safe = findings.flatMap((f) =>
    f.code === 'speaker-name-in-text' ? [] : (f.fixes ?? []).filter((x) => x.safe).slice(0, 1),
  );
  return {
    renames: renamePairs(model, safe, ctx),
    respells: respellPairs(
      model,
      findings.flatMap((f) =>
        f.code === 'speaker-name-in-text' ? (f.fixes ?? []).filter((x) => x.safe).slice(0, 1) : [],
      ),
      ctx,
    ),
    titleLines: true,
    stamps: true,
    chapterTimes: true,
    headingInserts: true,
    deletable: new Set(),
  };
}

function multimap<T>(entries: [string, T][]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const [k, v] of entries) out.set(k, [...(out.get(k) ?? []), v]);
  return out;
}

/**
 * Why `after` is not `before` changed only in the allowed ways, or undefined.
 * `model` is the parse of `before`. Allowances attach to line contents, not
 * line numbers: changing one of two equal lines gives the same text.
 */
export function lostWords(
  model: TranscriptModel,
  after: string,
  allow: Allowances,
): string | undefined {
  const all = splitLines(model.text.text);
  const blank = (l: string) => l.trim() === '' && !/[^\s]/.test(l);
  const before = all.filter((l) => !blank(l));
  const next = splitLines(after).filter((l) => !blank(l));
  const words = (l: string) => l.split(/\s+/).filter(Boolean).join(' ');
  const titleLike = new Set([
    ...model.headings.map((h) => all[h.line]),
    ...model.chapters.map((c) => all[c.line]),
  ]);
  const entries = multimap(model.chapters.map((c) => [all[c.line], c.timeRange]));
  const malformed = multimap(model.malformedStamps.map((m) => [all[m.line], m.range]));
  const titles = new Set(model.chapters.map((c) => c.title));
  const deletable = new Set([...allow.deletable].map((i) => all[i]));

  const replacedBy = (b: string, a: string, r: Range, ok: (x: string) => boolean) => {
    const start = r.start.character;
    const tail = b.length - r.end.character;
    if (a.length < start + tail) return false;
    if (!a.startsWith(b.slice(0, start)) || !a.endsWith(b.slice(r.end.character))) return false;
    return ok(a.slice(start, a.length - tail));
  };
  const validStamp = (x: string) => parseStamp(x)?.length === x.length;
  const validTime = (x: string) => parseChapterTime(x)?.length === x.length;

  const pairOk = (b: string, a: string): boolean => {
    if (basicOk(b, a)) return true;
    if (allow.respells.size === 0) return false;
    const back = unrespell(b, a, allow.respells);
    return back !== undefined && back !== a && basicOk(b, back);
  };
  const basicOk = (b: string, a: string): boolean => {
    if (b === a || words(b) === words(a)) return true;
    for (const [o, n] of allow.renames) if (bySubstitution(b, a, o, n)) return true;
    if (allow.titleLines && titleLike.has(b) && squash(b) === squash(a)) return true;
    if (allow.stamps && malformed.get(b)?.some((r) => replacedBy(b, a, r, validStamp))) return true;
    if (allow.chapterTimes && entries.get(b)?.some((r) => replacedBy(b, a, r, validTime)))
      return true;
    return false;
  };
  const insertOk = (a: string) => allow.headingInserts && titles.has(a);
  const deleteOk = (b: string) => deletable.has(b);

  // Common prefix and suffix of equal lines first, then reachability over the rest.
  let lo = 0;
  while (lo < before.length && lo < next.length && before[lo] === next[lo]) lo++;
  let hb = before.length;
  let ha = next.length;
  while (hb > lo && ha > lo && before[hb - 1] === next[ha - 1]) {
    hb--;
    ha--;
  }
  const n = hb - lo;
  const m = ha - lo;
  if (n * m > 25_000_000) return `too many changed lines to check (${n} x ${m})`;
  const w = m + 1;
  const reach = new Uint8Array((n + 1) * w);
  reach[0] = 1;
  for (let i = 0; i <= n; i++)
    for (let j = 0; j <= m; j++) {
      if (!reach[i * w + j]) continue;
      const b = before[lo + i];
      const a = next[lo + j];
      if (i < n && j < m && pairOk(b, a)) reach[(i + 1) * w + j + 1] = 1;
      if (j < m && insertOk(a)) reach[i * w + j + 1] = 1;
      if (i < n && deleteOk(b)) reach[(i + 1) * w + j] = 1;
    }
  const show = (ls: string[], from: number, to: number) =>
    ls
      .slice(from, Math.min(to, from + 6))
      .map((l) => `    ${JSON.stringify(l)}`)
      .join('\n');
  const region = `\n  before (non-blank lines):\n${show(before, lo, hb)}\n  after:\n${show(next, lo, ha)}`;
  if (!reach[n * w + m])
    return `the words of non-blank lines ${lo + 1}..${hb} cannot become those after the fix by the allowed changes${region}`;
  // Deletions are allowed for one line at most (the empty label).
  if (before.length - next.length > allow.deletable.size)
    return `${before.length - next.length} non-blank lines removed where at most ${allow.deletable.size} may be${region}`;
  return undefined;
}

/** Applies one fix and checks it. */
export function checkFix(
  model: TranscriptModel,
  f: Finding,
  fix: Fix,
  ctx: NameContext,
): string | undefined {
  const after = applyEdits(model.text.text, fix.edits);
  const problem = lostWords(model, after, allowancesFor(model, f, fix, ctx));
  return problem && `quick fix '${fix.title}' (${f.code}):\n${problem}`;
}
