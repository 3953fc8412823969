/**
 * The parser: text in, model and findings out. It never throws; whatever the
 * input, it returns a model, and what is wrong is reported as findings.
 */
import { finding, type Finding } from './findings';
import {
  SECTION_HEADERS,
  type ChapterEntry,
  type ChapterHeading,
  type MalformedTimestamp,
  type Paragraph,
  type Section,
  type SectionKind,
  type SpeakerLabel,
  type Tag,
  type Timestamp,
  type TranscriptModel,
  type Turn,
} from './model';
import { Label, ParagraphNode, Stamp, TurnNode, WordCounter } from './bodyNodes';
import {
  clip,
  endsLikeTitle,
  foldedSize,
  hasWord,
  isJsSpace,
  isLeadingSpace,
  leadingSpace,
  noSplit,
  normalizeTitle,
} from './scan';
import { LineIndex, range } from './text';
import {
  MAX_HOURS,
  parseChapterTime,
  parseStamp,
  stampAt,
  stampLikeLength,
  type StampResult,
} from './time';

/** The longest title that bounds how long a heading line may be (see maxHeadingLength). */
const MAX_TITLE = 200;

/** The section headers by length: no two have the same. */
const HEADER_BY_LENGTH: readonly ({ name: string; kind: SectionKind } | undefined)[] = (() => {
  const byLength: ({ name: string; kind: SectionKind } | undefined)[] = [];
  for (const [name, kind] of SECTION_HEADERS) {
    if (byLength[name.length]) throw new Error(`two section headers of length ${name.length}`);
    byLength[name.length] = { name, kind };
  }
  return byLength;
})();

// Line kinds of the body, as small numbers (one byte per line).
const BLANK = 0;
const STAMP = 1;
const MALFORMED = 2;
const HEADING = 3;
const CANDIDATE = 4;
const TEXT = 5;

export function parse(source: string): TranscriptModel {
  const text = new LineIndex(source);
  const findings: Finding[] = [];
  const lineCount = text.lineCount;

  // 1. Section headers.
  const headers: { line: number; kind: SectionKind; name: string }[] = [];
  for (let line = 0; line < lineCount; line++) {
    const length = text.lineLength(line);
    if (length > 40) continue;
    // Every header starts with one of G, C, L, B, T: look at that before slicing.
    let p = text.lineStart(line);
    const end = p + length;
    while (p < end && isJsSpace(source.charCodeAt(p))) p++;
    const first = source.charCodeAt(p);
    if (p === end || (first !== 71 && first !== 67 && first !== 76 && first !== 66 && first !== 84))
      continue;
    // What trim() would leave, compared in place (no string per line).
    let e = end;
    while (e > p && isJsSpace(source.charCodeAt(e - 1))) e--;
    const header = HEADER_BY_LENGTH[e - p];
    if (header !== undefined && source.startsWith(header.name, p))
      headers.push({ line, kind: header.kind, name: header.name });
  }
  const sections: Section[] = headers.map((h, i) => ({
    kind: h.kind,
    name: h.name,
    headerLine: h.line,
    startLine: h.line,
    endLine: i + 1 < headers.length ? headers[i + 1].line - 1 : lineCount - 1,
  }));
  const seen = new Map<SectionKind, Section>();
  for (const s of sections) {
    const first = seen.get(s.kind);
    if (first) {
      findings.push(
        finding(
          'section-duplicate',
          text.lineRange(s.headerLine),
          `Section '${s.name}' appears again; it was already opened on line ${first.headerLine + 1}`,
          {
            related: [
              { range: text.lineRange(first.headerLine), message: `First '${s.name}' header` },
            ],
          },
        ),
      );
    } else seen.set(s.kind, s);
  }

  // 2. Chapter entries.
  const chapters: ChapterEntry[] = [];
  for (const s of sections) {
    if (s.kind !== 'chapters') continue;
    for (let line = s.startLine + 1; line <= s.endLine; line++) {
      const raw = text.line(line);
      const lead = leadingSpace(raw);
      if (lead === raw.length || raw.trim() === '') continue;
      const rest = raw.slice(lead);
      const time = parseChapterTime(rest);
      const afterTime = time ? rest.slice(time.length) : '';
      const titleLead = leadingSpace(afterTime);
      const title = afterTime.slice(titleLead).trimEnd();
      if (!time || titleLead === 0 || title === '') {
        const shown = rest.trimEnd();
        const late = !time && parseChapterTime(rest, Infinity) !== undefined;
        findings.push(
          finding(
            'chapter-entry-malformed',
            range(line, lead, lead + shown.length),
            late
              ? `'${clip(shown)}' is not a chapter entry: its time is later than ${MAX_HOURS} hours, the latest a transcript may hold`
              : `'${clip(shown)}' is not a chapter entry: expected a time and a title, such as '0:01:47 News'`,
          ),
        );
        continue;
      }
      const titleStart = lead + time.length + titleLead;
      chapters.push({
        index: chapters.length,
        line,
        seconds: time.seconds,
        timeText: rest.slice(0, time.length),
        timeRange: range(line, lead, lead + time.length),
        title,
        titleRange: range(line, titleStart, titleStart + title.length),
      });
    }
  }

  // 3. Tags and summary prose.
  const tags: Tag[] = [];
  // Per-line tables, all views of one buffer: allocating a typed array costs
  // microseconds even when small, as much as parsing a hundred lines.
  const table = new Int32Array(4 * lineCount + 2 * Math.ceil(lineCount / 4));
  const proseLines = table.subarray(0, lineCount);
  const proseStarts = table.subarray(lineCount, 2 * lineCount);
  let proseCount = 0;
  for (const s of sections) {
    if (s.kind === 'tags') {
      for (let line = s.startLine + 1; line <= s.endLine; line++) {
        const raw = text.line(line);
        const re = /[^,]+/g;
        for (let m = re.exec(raw); m; m = re.exec(raw)) {
          const lead = leadingSpace(m[0]);
          const t = m[0].slice(lead).trimEnd();
          if (t)
            tags.push({ text: t, range: range(line, m.index + lead, m.index + lead + t.length) });
        }
      }
    } else if (s.kind === 'longSummary' || s.kind === 'briefSummary') {
      for (let line = s.startLine + 1; line <= s.endLine; line++) proseLines[proseCount++] = line;
    }
  }

  // 4. The body: the Transcript section, or (without one) every line outside
  //    the chapter, summary and tag sections.
  const transcript = sections.find((s) => s.kind === 'transcript');
  // (A typed array: a plain one grown line by line is slow when long.)
  const body = table.subarray(2 * lineCount, 3 * lineCount);
  let bodyCount = 0;
  if (transcript) {
    for (const s of sections)
      if (s.kind === 'transcript')
        for (let l = s.startLine + 1; l <= s.endLine; l++) body[bodyCount++] = l;
  } else {
    const inSection = new Uint8Array(lineCount);
    for (const s of sections)
      for (let l = s.startLine; l <= s.endLine; l++)
        if (s.kind !== 'title' || l === s.headerLine) inSection[l] = 1;
    for (let l = 0; l < lineCount; l++) if (!inSection[l]) body[bodyCount++] = l;
  }
  const bodyLines = body.subarray(0, bodyCount);

  // 5. Classify body lines, reading the flat text in place (no slice per line).
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
  const bytes = new Uint8Array(table.buffer, 4 * 4 * lineCount, 2 * 4 * Math.ceil(lineCount / 4));
  const kinds = bytes.subarray(0, n);
  const stamps: Timestamp[] = [];
  const malformedStamps: MalformedTimestamp[] = [];
  const headings: ChapterHeading[] = [];
  const candidates: { i: number; name: string; start: number; end: number }[] = [];
  const recentNames: string[] = [];
  const usedChapters = new Set<number>();
  // Per body line: where its prose starts.
  const proseStart = table.subarray(3 * lineCount, 3 * lineCount + n);
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
        findings.push(malformedFinding(m));
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

  // 6. Which candidates are labels: those followed (past blank lines and
  //    headings) by a timestamp line, and names confirmed that way elsewhere
  //    when followed by another label or nothing.
  const nextSignificant = bytes.subarray(lineCount, lineCount + n); // BLANK: nothing follows
  let next = BLANK;
  for (let i = n - 1; i >= 0; i--) {
    nextSignificant[i] = next;
    if (kinds[i] !== BLANK && kinds[i] !== HEADING) next = kinds[i];
  }
  const confirmed = new Set<string>();
  for (const c of candidates) {
    const after = nextSignificant[c.i];
    if (after === STAMP || after === MALFORMED) confirmed.add(c.name);
  }
  const labels: SpeakerLabel[] = [];
  for (const c of candidates) {
    const line = bodyLines[c.i];
    const after = nextSignificant[c.i];
    const isLabel =
      after === STAMP ||
      after === MALFORMED ||
      (confirmed.has(c.name) && (after === BLANK || after === CANDIDATE));
    if (isLabel) {
      const colon = source.indexOf(':', text.lineStart(line) + c.end) - text.lineStart(line);
      labels.push(new Label(line, c.name, c.start, c.end, colon + 1));
    } else {
      kinds[c.i] = TEXT;
      proseStart[c.i] = c.start;
    }
  }

  // 7. Turns and paragraphs. Words are counted only when asked for (statistics,
  //    hover); the checks need to know only whether a line has any.
  const turns: Turn[] = [];
  const paragraphs: Paragraph[] = [];
  const words = new WordCounter(source, text, proseLines, proseStarts, paragraphs);
  // The open turn and paragraph, as plain variables (no object per paragraph).
  let turnLabel: SpeakerLabel | undefined;
  let turnStart = 0;
  // The turn's paragraphs are consecutive: the first and how many.
  let turnFirstParagraph = 0;
  let turnParagraphCount = 0;
  let turnHasWords = false;
  let paraOpen = false;
  let paraStart = 0;
  let paraEnd = 0;
  let paraStamp: Timestamp | undefined;
  // The paragraph's prose spans are consecutive: from the first, up to proseCount.
  let paraFirstProse = 0;
  let paraHasWords = false;
  let lastBodyLine = -1;
  let nextLabel = 0;
  let nextStamp = 0;
  const closePara = () => {
    if (!paraOpen) return;
    paragraphs.push(
      new ParagraphNode(
        paraStart,
        paraEnd,
        paraStamp,
        turnLabel ? turns.length : undefined,
        paraHasWords,
        paraFirstProse,
        proseCount - paraFirstProse,
        words,
      ),
    );
    if (turnLabel) turnParagraphCount++;
    paraOpen = false;
  };
  const closeTurn = (endLine: number) => {
    closePara();
    if (!turnLabel) return;
    turns.push(
      new TurnNode(
        turnLabel,
        turnStart,
        Math.max(turnStart, endLine),
        turnFirstParagraph,
        turnParagraphCount,
        turnHasWords,
        words,
      ),
    );
    turnLabel = undefined;
  };
  for (let i = 0; i < n; i++) {
    const kind = kinds[i];
    if (kind === BLANK || kind === HEADING) continue; // a heading opens a chapter, not a turn's line
    const line = bodyLines[i];
    if (kind === CANDIDATE) {
      closeTurn(lastBodyLine);
      turnLabel = labels[nextLabel++];
      turnStart = line;
      turnFirstParagraph = paragraphs.length;
      turnParagraphCount = 0;
      turnHasWords = false;
      lastBodyLine = line;
      continue;
    }
    lastBodyLine = line;
    const start = proseStart[i];
    const ls = text.lineStart(line);
    const has = hasWord(source, ls + start, ls + text.lineLength(line));
    if (kind === STAMP || kind === MALFORMED) {
      closePara();
      paraOpen = true;
      paraStart = line;
      paraEnd = line;
      paraStamp = kind === STAMP ? stamps[nextStamp++] : undefined;
      paraFirstProse = proseCount;
      paraHasWords = has;
    } else if (paraOpen) {
      paraEnd = line;
      paraHasWords ||= has;
    } else {
      paraOpen = true;
      paraStart = line;
      paraEnd = line;
      paraStamp = undefined;
      paraFirstProse = proseCount;
      paraHasWords = has;
    }
    if (turnLabel) turnHasWords ||= has;
    if (has) {
      proseLines[proseCount] = line;
      proseStarts[proseCount++] = start;
    }
  }
  closeTurn(lastBodyLine);

  const bodySpan =
    bodyLines.length > 0
      ? {
          startLine: transcript ? transcript.headerLine : bodyLines[0],
          endLine: bodyLines[bodyLines.length - 1],
        }
      : transcript
        ? { startLine: transcript.headerLine, endLine: transcript.headerLine }
        : undefined;

  const looksLikeTranscript = sections.length > 0 || labels.length > 0 || stamps.length > 0;
  if (!looksLikeTranscript && source.trim() !== '') {
    const binary = source.includes('\0');
    findings.push(
      finding(
        'not-a-transcript',
        range(0, 0, noSplit(text.line(0), Math.min(text.lineLength(0), 200))),
        binary
          ? 'This file looks binary (it contains NUL bytes), not like a transcript'
          : 'No transcript found: no section headers, speaker labels or [m:ss] timestamps',
      ),
    );
  }

  return {
    text,
    sections,
    chapters,
    tags,
    body: bodySpan,
    labels,
    turns,
    paragraphs,
    stamps,
    malformedStamps,
    headings,
    prose: {
      length: proseCount,
      lines: proseLines.subarray(0, proseCount),
      starts: proseStarts.subarray(0, proseCount),
    },
    looksLikeTranscript,
    findings,
  };
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
