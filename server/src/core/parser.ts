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
  type ProseSpan,
  type Section,
  type SectionKind,
  type SpeakerLabel,
  type Tag,
  type Timestamp,
  type TranscriptModel,
  type Turn,
} from './model';
import { LineIndex, range } from './text';
import { parseChapterTime, parseStamp, stampLikeLength } from './time';

/** A label: a name of 1 to 60 characters (no colon, not starting with `[`), then a colon. */
const LABEL = /^([^\s[:][^:]{0,59}):[ \t]*$/;
const MAX_TITLE = 200;

/** Case- and space-insensitive form used to match headings to titles. */
export function normalizeTitle(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

function leadingSpace(s: string): number {
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    // space, tab, vertical tab, form feed, BOM
    if (c === 32 || c === 9 || c === 11 || c === 12 || c === 0xfeff) i++;
    else break;
  }
  return i;
}

/** Words in `s` between two offsets (runs of characters other than white space). */
function countWords(s: string, from: number, to: number): number {
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

type LineKind = 'blank' | 'stamp' | 'malformed' | 'heading' | 'candidate' | 'text';

export function parse(source: string): TranscriptModel {
  const text = new LineIndex(source);
  const findings: Finding[] = [];
  const lineCount = text.lineCount;

  // 1. Section headers.
  const headers: { line: number; kind: SectionKind; name: string }[] = [];
  for (let line = 0; line < lineCount; line++) {
    if (text.lineLength(line) > 40) continue;
    const name = text.line(line).trim();
    const kind = SECTION_HEADERS.get(name);
    if (kind) headers.push({ line, kind, name });
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
        findings.push(
          finding(
            'chapter-entry-malformed',
            range(line, lead, lead + shown.length),
            `'${clip(shown)}' is not a chapter entry: expected a time and a title, such as '0:01:47 News'`,
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
  const prose: ProseSpan[] = [];
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
      for (let line = s.startLine + 1; line <= s.endLine; line++) prose.push({ line, start: 0 });
    }
  }

  // 4. The body: the Transcript section, or (without one) every line outside
  //    the chapter, summary and tag sections.
  const transcript = sections.find((s) => s.kind === 'transcript');
  const bodyLines: number[] = [];
  if (transcript) {
    for (const s of sections)
      if (s.kind === 'transcript')
        for (let l = s.startLine + 1; l <= s.endLine; l++) bodyLines.push(l);
  } else {
    const inSection = new Uint8Array(lineCount);
    for (const s of sections)
      for (let l = s.startLine; l <= s.endLine; l++)
        if (s.kind !== 'title' || l === s.headerLine) inSection[l] = 1;
    for (let l = 0; l < lineCount; l++) if (!inSection[l]) bodyLines.push(l);
  }

  // 5. Classify body lines.
  const titleIndex = new Map<string, number[]>();
  let longestTitle = 0;
  for (const c of chapters) {
    const key = normalizeTitle(c.title);
    longestTitle = Math.max(longestTitle, c.title.length);
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
  const kinds: LineKind[] = new Array(bodyLines.length);
  const stampAt = new Map<number, Timestamp>();
  const stamps: Timestamp[] = [];
  const malformedStamps: MalformedTimestamp[] = [];
  const headings: ChapterHeading[] = [];
  const candidateNames = new Map<number, { name: string; start: number; end: number }>();
  const usedChapters = new Set<number>();
  // Per body line: where its prose starts, and the line's text (read once).
  const proseStart = new Int32Array(bodyLines.length);
  const raws: string[] = new Array(bodyLines.length);

  for (let i = 0; i < bodyLines.length; i++) {
    const line = bodyLines[i];
    const raw = text.line(line);
    raws[i] = raw;
    const lead = leadingSpace(raw);
    if (lead === raw.length || (raw.charCodeAt(lead) > 127 && raw.trim() === '')) {
      kinds[i] = 'blank';
      continue;
    }
    const rest = raw.slice(lead);
    if (rest.charCodeAt(0) === 91 /* [ */) {
      const stamp = parseStamp(rest);
      if (stamp) {
        const ts: Timestamp = {
          line,
          seconds: stamp.seconds,
          range: range(line, lead, lead + stamp.length),
        };
        stamps.push(ts);
        stampAt.set(line, ts);
        kinds[i] = 'stamp';
        proseStart[i] = lead + stamp.length;
        continue;
      }
      const bad = stampLikeLength(rest);
      if (bad > 0) {
        const shown = rest.slice(0, bad);
        const m: MalformedTimestamp = { line, text: shown, range: range(line, lead, lead + bad) };
        malformedStamps.push(m);
        findings.push(malformedFinding(m));
        kinds[i] = 'malformed';
        proseStart[i] = lead + bad;
        continue;
      }
    }
    if (titleInitials.has(rest.charCodeAt(0)) && rest.length <= maxHeadingLength) {
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
        kinds[i] = 'heading';
        continue;
      }
    }
    if (rest.length <= 80) {
      const m = LABEL.exec(rest);
      if (m) {
        const name = m[1].trimEnd();
        candidateNames.set(line, { name, start: lead, end: lead + name.length });
        kinds[i] = 'candidate';
        continue;
      }
    }
    kinds[i] = 'text';
    proseStart[i] = lead;
  }

  // 6. Which candidates are labels: those followed (past blank lines and
  //    headings) by a timestamp line, and names confirmed that way elsewhere
  //    when followed by another label or nothing.
  const nextSignificant = new Array<LineKind | undefined>(bodyLines.length);
  let next: LineKind | undefined;
  for (let i = bodyLines.length - 1; i >= 0; i--) {
    nextSignificant[i] = next;
    if (kinds[i] !== 'blank' && kinds[i] !== 'heading') next = kinds[i];
  }
  const confirmed = new Set<string>();
  for (let i = 0; i < bodyLines.length; i++) {
    if (kinds[i] !== 'candidate') continue;
    const after = nextSignificant[i];
    if (after === 'stamp' || after === 'malformed')
      confirmed.add(candidateNames.get(bodyLines[i])!.name);
  }
  const labels: SpeakerLabel[] = [];
  for (let i = 0; i < bodyLines.length; i++) {
    if (kinds[i] !== 'candidate') continue;
    const line = bodyLines[i];
    const c = candidateNames.get(line)!;
    const after = nextSignificant[i];
    const isLabel =
      after === 'stamp' ||
      after === 'malformed' ||
      (confirmed.has(c.name) && (after === undefined || after === 'candidate'));
    if (isLabel) {
      labels.push({
        line,
        name: c.name,
        nameRange: range(line, c.start, c.end),
        range: range(line, c.start, text.line(line).indexOf(':', c.end) + 1),
      });
    } else {
      kinds[i] = 'text';
      proseStart[i] = c.start;
    }
  }

  // 7. Turns and paragraphs.
  const turns: Turn[] = [];
  const paragraphs: Paragraph[] = [];
  const labelAt = new Map(labels.map((l) => [l.line, l]));
  let turn:
    { label: SpeakerLabel; startLine: number; paragraphs: number[]; words: number } | undefined;
  let para: { startLine: number; endLine: number; stamp?: Timestamp; words: number } | undefined;
  let lastBodyLine = -1;
  const closePara = () => {
    if (!para) return;
    paragraphs.push({
      startLine: para.startLine,
      endLine: para.endLine,
      stamp: para.stamp,
      turn: turn ? turns.length : undefined,
      words: para.words,
    });
    turn?.paragraphs.push(paragraphs.length - 1);
    para = undefined;
  };
  const closeTurn = (endLine: number) => {
    closePara();
    if (!turn) return;
    turns.push({
      label: turn.label,
      startLine: turn.startLine,
      endLine: Math.max(turn.startLine, endLine),
      paragraphs: turn.paragraphs,
      words: turn.words,
    });
    turn = undefined;
  };
  for (let i = 0; i < bodyLines.length; i++) {
    const line = bodyLines[i];
    const kind = kinds[i];
    if (kind === 'blank') continue;
    if (kind === 'candidate') {
      closeTurn(lastBodyLine);
      turn = { label: labelAt.get(line)!, startLine: line, paragraphs: [], words: 0 };
      lastBodyLine = line;
      continue;
    }
    // A heading belongs to the chapter it opens, not to the turn before it.
    if (kind === 'heading') continue;
    lastBodyLine = line;
    const start = proseStart[i];
    // Counted on the whole text, which is flat, rather than on the line's slice.
    const lineStart = text.lineStart(line);
    const words = countWords(source, lineStart + start, lineStart + raws[i].length);
    if (kind === 'stamp' || kind === 'malformed') {
      closePara();
      para = { startLine: line, endLine: line, stamp: stampAt.get(line), words };
    } else if (para) {
      para.endLine = line;
      para.words += words;
    } else {
      para = { startLine: line, endLine: line, words };
    }
    if (turn) turn.words += words;
    if (words > 0) prose.push({ line, start });
  }
  closeTurn(lastBodyLine);

  const body =
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
    body,
    labels,
    turns,
    paragraphs,
    stamps,
    malformedStamps,
    headings,
    prose,
    looksLikeTranscript,
    findings,
  };
}

function malformedFinding(m: MalformedTimestamp): Finding {
  const inner = m.text.replace(/^\[|\]$/g, '');
  const compact = inner.replace(/[ \t]/g, '').replace(/\./g, ':');
  const candidate = `[${compact}]`;
  const repaired = m.text.endsWith(']') && parseStamp(candidate)?.length === candidate.length;
  return finding(
    'timestamp-malformed',
    m.range,
    `'${clip(m.text)}' is not a valid timestamp: expected [m:ss] or [h:mm:ss] with minutes and seconds from 00 to 59`,
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

/** `at`, moved back one if it would fall inside a surrogate pair. */
function noSplit(s: string, at: number): number {
  const c = s.charCodeAt(at - 1);
  return at > 0 && at < s.length && c >= 0xd800 && c <= 0xdbff ? at - 1 : at;
}

export function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
