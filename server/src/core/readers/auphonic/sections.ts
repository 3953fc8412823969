/**
 * The Auphonic layout's sections: the headers (`Chapters`, `Long Summary`,
 * `Tags`, `Transcript`, …), the chapter list, the tags and summaries, and
 * which lines are the body.
 */
import { finding } from '../../findings';
import {
  SECTION_HEADERS,
  type ChapterEntry,
  type Section,
  type SectionKind,
  type Tag,
} from '../../model';
import { clip, isJsSpace, leadingSpace } from '../../scan';
import { range } from '../../text';
import { MAX_HOURS, parseChapterTime } from '../../time';
import type { Scan } from './state';

/** The section headers by length: no two have the same. */
const HEADER_BY_LENGTH: readonly ({ name: string; kind: SectionKind } | undefined)[] = (() => {
  const byLength: ({ name: string; kind: SectionKind } | undefined)[] = [];
  for (const [name, kind] of SECTION_HEADERS) {
    if (byLength[name.length]) throw new Error(`two section headers of length ${name.length}`);
    byLength[name.length] = { name, kind };
  }
  return byLength;
})();

/** The section headers, a duplicate reported. */
export function readSections(scan: Scan): Section[] {
  const { source, text, lineCount } = scan;
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
      scan.findings.push(
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

  return sections;
}

/** The entries of the `Chapters` section: `0:01:47 News`. */
export function readChapterList(scan: Scan, sections: readonly Section[]): ChapterEntry[] {
  const { text } = scan;
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
        scan.findings.push(
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

  return chapters;
}

/** The tags; the summaries' lines become the first prose spans. */
export function readTagsAndSummaries(scan: Scan, sections: readonly Section[]): Tag[] {
  const { text } = scan;
  const tags: Tag[] = [];
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
      for (let line = s.startLine + 1; line <= s.endLine; line++)
        scan.proseLines[scan.proseCount++] = line;
    }
  }

  return tags;
}

/**
 * The body: the Transcript section, or (without one) every line outside the
 * chapter, summary and tag sections.
 */
export function readBodyLines(
  scan: Scan,
  sections: readonly Section[],
): { bodyLines: Int32Array; transcript: Section | undefined } {
  const { lineCount } = scan;
  const transcript = sections.find((s) => s.kind === 'transcript');
  // (A typed array: a plain one grown line by line is slow when long.)
  const body = scan.body;
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

  return { bodyLines, transcript };
}
