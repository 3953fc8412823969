/**
 * The text layouts where each turn starts with a header line naming the
 * speaker and the time: Otter (`Name  0:05`, the text on the lines below),
 * the `Name (00:00):` family (Rev and many podcast sites; `Name (mm:ss.mmm)`
 * without a colon, `**Name (00:00):**` or `*Name (00:00)*` in Markdown), and
 * one line per turn (`[00:00:05] Name: text`, `Name [00:05]: text`,
 * `[SPEAKER_00]: text`). A title block of a few lines may stand above the
 * first header.
 * A header is a speaker label and a paragraph stamped with its time; the
 * lines after it up to the next header are the paragraph's text; headers of
 * one speaker in a row are one turn. Every range is in the original text.
 */
import { ParagraphNode, Stamp, TurnNode, WordCounter } from '../bodyNodes';
import { finding, type Finding } from '../findings';
import type { Paragraph, SpeakerLabel, Timestamp, TranscriptModel, Turn } from '../model';
import { clip, hasWord } from '../scan';
import { LineIndex, range } from '../text';
import { flatModel, noTranscript } from './flat';
import type { Layout, TranscriptReader } from './reader';

const TIME = String.raw`\d{1,4}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?`;
/** A name starts with a letter (`12:30` is no speaker). */
const NAME_START = String.raw`\p{L}`;

/** Lines that mark Auphonic's layout: a section header, or a label alone on its line. */
const AUPHONIC_LINE =
  /^\s*(?:Generated Shownotes|Chapters|Long Summary|Brief Summary|Tags|Transcript)\s*$|^[^[\s][^:]{0,59}:\s*$/;

/**
 * A header's time: `m:ss` (minutes as many as needed) or `h:mm:ss`, with an
 * optional fraction; seconds (and minutes after hours) below 60.
 */
export function parseHeaderTime(written: string): number | undefined {
  const m = /^(\d+):(\d{1,2})(?::(\d{1,2}))?(?:[.,](\d{1,3}))?$/.exec(written);
  if (!m) return undefined;
  const [, a, b, c, frac] = m;
  const fraction = frac ? Number(frac) / 10 ** frac.length : 0;
  if (c === undefined) return Number(b) < 60 ? Number(a) * 60 + Number(b) + fraction : undefined;
  if (Number(b) >= 60 || Number(c) >= 60) return undefined;
  return Number(a) * 3600 + Number(b) * 60 + Number(c) + fraction;
}

interface HeaderSyntax {
  readonly layout: Extract<Layout, 'otter' | 'rev' | 'lines'>;
  readonly title: string;
  /** Header lines, with the groups `name`, `time` (optional) and `text` (optional), indices on. */
  readonly headers: readonly RegExp[];
  /** Lines that belong to no turn and are not text (`Transcribed by https://otter.ai`). */
  readonly ignore?: RegExp;
}

const OTTER: HeaderSyntax = {
  layout: 'otter',
  title: 'Otter text',
  headers: [
    new RegExp(String.raw`^(?<name>${NAME_START}[^:\[\]]{0,58}?)  (?<time>${TIME})[ \t]*$`, 'du'),
  ],
  ignore: /^\s*Transcribed by https?:\/\/otter\.ai\s*$/,
};

const REV: HeaderSyntax = {
  layout: 'rev',
  title: 'Name (00:00): text',
  headers: [
    new RegExp(
      String.raw`^(?:\*\*?)?(?<name>${NAME_START}[^:()\[\]*]{0,58}?) \((?<time>${TIME})\):?(?:\*\*?)?[ \t]*(?<text>.*)$`,
      'du',
    ),
  ],
};

const LINES: HeaderSyntax = {
  layout: 'lines',
  title: 'one line per turn',
  headers: [
    new RegExp(
      String.raw`^\[(?<time>${TIME})\][ \t]+(?<name>${NAME_START}[^:\[\]]{0,58}?):[ \t]*(?<text>.*)$`,
      'du',
    ),
    new RegExp(
      String.raw`^(?<name>${NAME_START}[^:\[\]]{0,58}?) \[(?<time>${TIME})\]:[ \t]*(?<text>.*)$`,
      'du',
    ),
    // `[Name]:` without a time, but not a Markdown link reference
    // definition (`[travis-url]: https://…`, `[logo]: /img/logo.png`).
    new RegExp(
      String.raw`^\[(?<name>${NAME_START}[^:\[\]]{0,58}?)\]:(?![ \t]*<?(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|\/|#|\.\.?\/))[ \t]*(?<text>.*)$`,
      'du',
    ),
  ],
};

function match(syntax: HeaderSyntax, line: string): RegExpExecArray | undefined {
  for (const re of syntax.headers) {
    const m = re.exec(line);
    if (m) return m;
  }
  return undefined;
}

/** The first non-blank lines of a text, at most `n`. */
function firstLines(source: string, n: number): string[] {
  const out: string[] = [];
  for (const l of source.slice(0, 4000).split(/\r?\n/)) {
    if (l.trim() === '') continue;
    out.push(l.replace(/^\uFEFF/, ''));
    if (out.length === n) break;
  }
  return out;
}

/** Lines a file may have above its first header: a title, the episode, its guests. */
const TITLE_LINES = 5;

/**
 * The text is in this layout: one of its first non-blank lines is a header
 * (the first, or one below a title block of at most `TITLE_LINES` lines),
 * and so is another of the ten from there on, and no line looks like
 * Auphonic's layout. Below a title block a header must also have its text,
 * on its line or below it: a list of `Intro (00:00)` chapter lines under a
 * title is show notes, not a transcript.
 */
function looksLike(syntax: HeaderSyntax, source: string): boolean {
  const head = firstLines(source, TITLE_LINES + 10);
  const first = head.slice(0, TITLE_LINES + 1).findIndex((l) => match(syntax, l));
  if (first < 0) return false;
  // Auphonic's text (a bare transcript too) is never one of these.
  if (firstLines(source, 60).some((l) => AUPHONIC_LINE.test(l))) return false;
  const lines = head.slice(first, first + 10);
  const headers = lines.map((l) => match(syntax, l));
  if (headers.filter((m) => m !== undefined).length < Math.min(2, lines.length)) return false;
  if (first === 0) return true;
  return headers.some(
    (m, i) =>
      m !== undefined &&
      ((m.groups?.text ?? '').trim() !== '' || (i + 1 < lines.length && !headers[i + 1])),
  );
}

/**
 * What `readTurnLines` makes of a line past the first, as a string to
 * compare: blank or ignored, a header (its name, time and text where they
 * stand), or a line of text (where its text starts), and from which column
 * its prose is read (-1: none). Two lines of one shape are read alike but
 * for their words (see `reread`).
 */
export function turnLineShape(layout: Layout, line: string): string {
  const syntax = layout === 'otter' ? OTTER : layout === 'rev' ? REV : LINES;
  if (line.trim() === '' || syntax.ignore?.test(line)) return 'skipped';
  const m = match(syntax, line);
  if (!m) {
    const lead = line.length - line.trimStart().length;
    return JSON.stringify(['text', hasWord(line, lead, line.length) ? lead : -1]);
  }
  const { name, time, text } = m.indices!.groups!;
  const textFrom = text && hasWord(line, text[0], line.length) ? text[0] : -1;
  return JSON.stringify(['header', m.groups!.name.trimEnd(), name, m.groups!.time, time, textFrom]);
}

export function readTurnLines(source: string, syntax: HeaderSyntax): TranscriptModel {
  const text = new LineIndex(source);
  const findings: Finding[] = [];
  const lineCount = text.lineCount;
  const labels: SpeakerLabel[] = [];
  const stamps: Timestamp[] = [];
  const paragraphs: Paragraph[] = [];
  const turns: Turn[] = [];
  const proseLines: number[] = [];
  const proseStarts: number[] = [];
  const words = new WordCounter(source, text, proseLines, proseStarts, paragraphs);
  let turn:
    { label: SpeakerLabel; start: number; end: number; first: number; has: boolean } | undefined;
  let para:
    { start: number; end: number; stamp?: Timestamp; firstProse: number; has: boolean } | undefined;
  const closePara = () => {
    if (!para) return;
    paragraphs.push(
      new ParagraphNode(
        para.start,
        para.end,
        para.stamp,
        turn ? turns.length : undefined,
        para.has,
        para.firstProse,
        proseLines.length - para.firstProse,
        words,
      ),
    );
    para = undefined;
  };
  const closeTurn = () => {
    closePara();
    if (!turn) return;
    turns.push(
      new TurnNode(
        turn.label,
        turn.start,
        turn.end,
        turn.first,
        paragraphs.length - turn.first,
        turn.has,
        words,
      ),
    );
    turn = undefined;
  };
  const addProse = (line: number, from: number) => {
    const ls = text.lineStart(line);
    if (!hasWord(source, ls + from, ls + text.lineLength(line))) return false;
    proseLines.push(line);
    proseStarts.push(from);
    return true;
  };

  for (let l = 0; l < lineCount; l++) {
    const raw = text.line(l);
    // A byte order mark is not part of the first header.
    const bom = l === 0 && raw.startsWith('\uFEFF') ? 1 : 0;
    const line = raw.slice(bom);
    if (line.trim() === '' || syntax.ignore?.test(line)) continue;
    const m = match(syntax, line);
    if (!m) {
      if (!para) para = { start: l, end: l, firstProse: proseLines.length, has: false };
      para.end = l;
      const lead = line.length - line.trimStart().length;
      if (addProse(l, bom + lead)) {
        para.has = true;
        if (turn) turn.has = true;
      }
      if (turn) turn.end = l;
      continue;
    }
    const groups = m.indices!.groups!;
    const name = m.groups!.name.trimEnd();
    const [nameFrom] = groups.name;
    const nameTo = nameFrom + name.length;
    // The label spans its name and its time with the time's brackets, in
    // either order (`Name (0:05):`, `[0:05] Name:`).
    let [from, to] = [nameFrom, nameTo];
    if (groups.time) {
      const [timeFrom, timeTo] = groups.time;
      const before = line.charAt(timeFrom - 1);
      const after = line.charAt(timeTo);
      const opens = before === '(' || before === '[' ? 1 : 0;
      const closes = after === ')' || after === ']' ? 1 : 0;
      from = Math.min(from, timeFrom - opens);
      to = Math.max(to, timeTo + closes);
    }
    const label: SpeakerLabel = {
      line: l,
      name,
      nameRange: range(l, bom + nameFrom, bom + nameTo),
      range: range(l, bom + from, bom + to),
    };
    labels.push(label);
    if (!turn || turn.label.name !== name) {
      closeTurn();
      turn = { label, start: l, end: l, first: paragraphs.length, has: false };
    }
    closePara();
    let stamp: Timestamp | undefined;
    if (groups.time) {
      const [from, to] = groups.time;
      const written = m.groups!.time;
      const seconds = parseHeaderTime(written);
      if (seconds === undefined)
        findings.push(
          finding(
            'timestamp-malformed',
            range(l, bom + from, bom + to),
            `'${clip(written)}' is not a valid time: expected m:ss or h:mm:ss with minutes and seconds from 00 to 59`,
          ),
        );
      else stamps.push((stamp = new Stamp(l, seconds, bom + from, bom + to)));
    }
    para = { start: l, end: l, stamp, firstProse: proseLines.length, has: false };
    if (groups.text && addProse(l, bom + groups.text[0])) {
      para.has = true;
      turn.has = true;
    }
    turn.end = l;
  }
  closeTurn();

  const looksLikeTranscript = labels.length > 0;
  if (!looksLikeTranscript)
    noTranscript(text, source, findings, `No turns found in the ${syntax.title} layout`);
  return flatModel(syntax.layout, text, findings, looksLikeTranscript, {
    labels,
    turns,
    paragraphs,
    stamps,
    proseLines,
    proseStarts,
  });
}

function reader(syntax: HeaderSyntax): TranscriptReader {
  return {
    layout: syntax.layout,
    title: syntax.title,
    extensions: [],
    looksLike: (source) => looksLike(syntax, source),
    read: (source) => readTurnLines(source, syntax),
  };
}

export const otterReader = reader(OTTER);
export const revReader = reader(REV);
export const linesReader = reader(LINES);
