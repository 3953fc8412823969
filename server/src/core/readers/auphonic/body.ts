/**
 * The Auphonic layout's body, line by line: a stamp line (`[1:23] text`), a
 * malformed stamp, a chapter heading (a line that is a listed title), a
 * label candidate (`Name:`), blank, or prose. Read in place in the flat text
 * (no slice per line).
 */
import { finding, type Finding } from '../../findings';
import type { ChapterEntry, ChapterHeading, MalformedTimestamp, Timestamp } from '../../model';
import { Stamp } from '../../bodyNodes';
import {
  clip,
  endsLikeTitle,
  foldedSize,
  isJsSpace,
  isLeadingSpace,
  normalizeTitle,
} from '../../scan';
import { range } from '../../text';
import { MAX_HOURS, parseStamp, stampAt, stampLikeLength, type StampResult } from '../../time';
import { CANDIDATE, HEADING, MALFORMED, STAMP, TEXT, type Scan } from './state';

/** The longest title that bounds how long a heading line may be (see maxHeadingLength). */
const MAX_TITLE = 200;

/** A line that may be a speaker label: `Name:` alone on its line. */
export interface Candidate {
  /** Its index among the body lines. */
  readonly i: number;
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** What the body's lines are. */
export interface BodyLines {
  /** The kind of each body line (BLANK, STAMP, …). */
  readonly kinds: Uint8Array;
  /** Per body line: the column where its prose starts. */
  readonly proseStart: Int32Array;
  readonly stamps: Timestamp[];
  readonly malformedStamps: MalformedTimestamp[];
  readonly headings: ChapterHeading[];
  readonly candidates: Candidate[];
}

export function classifyBody(
  scan: Scan,
  bodyLines: Int32Array,
  chapters: readonly ChapterEntry[],
): BodyLines {
  const { source, text } = scan;
  const titleIndex = new Map<string, number[]>();
  let longestTitle = 0;
  // How many non-space code points a line needs to be a title (after case folding).
  const titleSizes = new Set<number>();
  // The last characters of the keys: a line ending (before white space) in an
  // ASCII character that ends no key, in either case, is no heading.
  const titleEnds = new Set<number>();
  for (const c of chapters) {
    const key = normalizeTitle(c.title);
    longestTitle = Math.max(longestTitle, c.title.length);
    titleSizes.add(foldedSize(key, 0, key.length));
    titleEnds.add(key.charCodeAt(key.length - 1));
    const list = titleIndex.get(key);
    if (list) list.push(c.index);
    else titleIndex.set(key, [c.index]);
  }
  const maxHeadingLength = Math.min(MAX_TITLE, longestTitle) * 3 + 8;
  // First characters of the titles, both cases: most lines are ruled out by one look.
  const titleInitials = new Set<number>();
  for (const c of chapters) {
    // The title's own first letter and its cases: some letters have no
    // one-to-one case pair (İ, ǅ, ẞ), so the lowered key alone is not enough.
    const first = c.title.charAt(0);
    for (const form of [first, first.toLowerCase(), first.toUpperCase()])
      titleInitials.add(form.charCodeAt(0));
    titleInitials.add(normalizeTitle(c.title).charCodeAt(0));
  }
  const n = bodyLines.length;
  const { kinds } = scan.kindTables(n);
  const stamps: Timestamp[] = [];
  const malformedStamps: MalformedTimestamp[] = [];
  const headings: ChapterHeading[] = [];
  const candidates: { i: number; name: string; start: number; end: number }[] = [];
  const recentNames: string[] = [];
  const usedChapters = new Set<number>();
  // Per body line: where its prose starts.
  const proseStart = scan.proseStartTable(n);
  const scratch: StampResult = { seconds: 0 };

  for (let i = 0; i < n; i++) {
    const line = bodyLines[i];
    const ls = text.lineStart(line);
    const le = ls + text.lineLength(line);
    let p = ls;
    while (p < le && isLeadingSpace(source.charCodeAt(p))) p++;
    const lead = p - ls;
    if (p === le) continue; // BLANK
    const first = source.charCodeAt(p);
    if (first > 127 && isJsSpace(first) && source.slice(p, le).trim() === '') continue; // BLANK
    if (first === 91 /* [ */) {
      const length = stampAt(source, p, le, scratch);
      if (length > 0) {
        stamps.push(new Stamp(line, scratch.seconds, lead, lead + length));
        kinds[i] = STAMP;
        proseStart[i] = lead + length;
        continue;
      }
      const rest = source.slice(p, le);
      const bad = stampLikeLength(rest);
      if (bad > 0) {
        const shown = rest.slice(0, bad);
        const m: MalformedTimestamp = { line, text: shown, range: range(line, lead, lead + bad) };
        malformedStamps.push(m);
        scan.findings.push(malformedFinding(m));
        kinds[i] = MALFORMED;
        proseStart[i] = lead + bad;
        continue;
      }
    }
    if (
      titleInitials.has(first) &&
      le - p <= maxHeadingLength &&
      endsLikeTitle(source, p, le, titleEnds) &&
      titleSizes.has(foldedSize(source, p, le))
    ) {
      const rest = source.slice(p, le);
      const list = titleIndex.get(normalizeTitle(rest));
      const chapter = list?.find((c) => !usedChapters.has(c));
      if (chapter !== undefined) {
        usedChapters.add(chapter);
        const trimmed = rest.trimEnd();
        headings.push({
          line,
          chapter,
          text: trimmed,
          range: range(line, lead, lead + trimmed.length),
          exact: trimmed === chapters[chapter].title,
        });
        kinds[i] = HEADING;
        continue;
      }
    }
    if (le - p <= 80) {
      // A label: a name of 1 to 60 characters (no colon, not starting with
      // `[` or white space), then a colon and nothing but spaces and tabs;
      // read in place, what `^([^\s[:][^:]{0,59}):[ \t]*$` would match.
      let k = le;
      while (k > p && (source.charCodeAt(k - 1) === 32 || source.charCodeAt(k - 1) === 9)) k--;
      const colon = k - 1;
      if (
        colon > p &&
        colon - p <= 60 &&
        source.charCodeAt(colon) === 58 &&
        first !== 91 &&
        !isJsSpace(first) &&
        source.indexOf(':', p) === colon
      ) {
        let nameEnd = colon;
        while (isJsSpace(source.charCodeAt(nameEnd - 1))) nameEnd--;
        // Labels repeat a few names thousands of times: reuse the string. (A
        // loop, not `find` with a closure: a closure over `p` would make V8
        // allocate this block's variables afresh for every line.)
        let name: string | undefined;
        for (let r = 0; r < recentNames.length && name === undefined; r++) {
          const known = recentNames[r];
          if (known.length === nameEnd - p && source.startsWith(known, p)) name = known;
        }
        if (name === undefined) {
          name = source.slice(p, nameEnd);
          if (recentNames.length < 16) recentNames.push(name);
        }
        candidates.push({ i, name, start: lead, end: lead + name.length });
        kinds[i] = CANDIDATE;
        continue;
      }
    }
    kinds[i] = TEXT;
    proseStart[i] = lead;
  }

  return { kinds, proseStart, stamps, malformedStamps, headings, candidates };
}

function malformedFinding(m: MalformedTimestamp): Finding {
  const inner = m.text.replace(/^\[|\]$/g, '');
  const compact = inner.replace(/[ \t]/g, '').replace(/\./g, ':');
  const candidate = `[${compact}]`;
  const repaired = m.text.endsWith(']') && parseStamp(candidate)?.length === candidate.length;
  const late = parseStamp(m.text, Infinity)?.length === m.text.length;
  return finding(
    'timestamp-malformed',
    m.range,
    late
      ? `'${clip(m.text)}' is not a valid timestamp: it is later than ${MAX_HOURS} hours, the latest time a transcript may hold`
      : `'${clip(m.text)}' is not a valid timestamp: expected [m:ss] or [h:mm:ss] with minutes and seconds from 00 to 59`,
    repaired
      ? {
          fixes: [
            {
              title: `Change '${m.text}' to '${candidate}'`,
              edits: [{ range: m.range, newText: candidate }],
              preferred: true,
              // Only dropping stray spaces is certain; a dot may mean something else.
              safe: !inner.includes('.'),
            },
          ],
        }
      : {},
  );
}
