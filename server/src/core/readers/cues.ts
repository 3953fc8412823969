/**
 * Cue files (WebVTT, SRT) read in place. Each cue is a paragraph whose stamp
 * is its start time; its voice (`<v Name>`, `[SPEAKER_00]:`, or a `Name:`
 * prefix used on two cues or more, or near such a name) is a speaker label inside its first text
 * line; a cue without a voice continues the turn before, so a voice on every
 * cue and a voice only where the speaker changes read alike. Every range is
 * in the original text; NOTE, STYLE and REGION blocks, cue identifiers and
 * cue settings are kept as they are. Times that break the syntax but can be
 * read (`59.240 --> 1:03.100`) are read, and reported.
 */
import { ParagraphNode, Stamp, TurnNode, WordCounter } from '../bodyNodes';
import { finding, type Finding } from '../findings';
import { formatClock, parseClock } from '../formats/times';
import { isSpeakerName } from '../formats/prefix';
import { variantOf } from '../names';
import type { Cue, Paragraph, SpeakerLabel, Timestamp, TranscriptModel, Turn } from '../model';
import { clip, countCueWords, hasWord, noSplit } from '../scan';
import { upperBound } from '../search';
import { LineIndex, range } from '../text';
import { flatModel, noTranscript } from './flat';
import type { Layout } from './reader';

export interface CueSyntax {
  readonly layout: Extract<Layout, 'webvtt' | 'srt'>;
  /** How users call it: `WebVTT`, `SRT`. */
  readonly name: string;
  /** A time written as the syntax wants it. */
  readonly strictTime: RegExp;
  /** How a time should be written, for messages. */
  readonly timeShape: string;
  readonly separator: '.' | ',';
  /** The file must start with `WEBVTT`. */
  readonly signature?: RegExp;
}

export const WEBVTT: CueSyntax = {
  layout: 'webvtt',
  name: 'WebVTT',
  strictTime: /^(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}$/,
  timeShape: 'mm:ss.ttt or hh:mm:ss.ttt',
  separator: '.',
  signature: /^\uFEFF?WEBVTT(?:[ \t]|$)/,
};

export const SRT: CueSyntax = {
  layout: 'srt',
  name: 'SRT',
  strictTime: /^\d{2,}:[0-5]\d:[0-5]\d,\d{3}$/,
  timeShape: 'hh:mm:ss,ttt',
  separator: ',',
};

const TIMING = /^([ \t]*)(\S+)([ \t]+-->[ \t]+)(\S+)/;
const VOICE = /^<v(?:\.[^\s>]*)?[ \t]+([^>]*?)[ \t]*>/;
const BRACKET = /^\[([^\]\n]{1,60})\]:[ \t]*/;
const PREFIX = /^([^:\s<[][^:<]{0,59}):[ \t]+/;

/** Where the name of a voice tag matched at `lead` starts: `<v.class Name >` ends it before the spaces. */
function voiceNameFrom(v: RegExpExecArray, lead: number): number {
  let k = v[0].length - 1;
  while (k > 0 && (v[0][k - 1] === ' ' || v[0][k - 1] === '\t')) k--;
  return lead + k - v[1].length;
}

function isBlankLine(s: string): boolean {
  return s.trim() === '';
}

/** A time as written elsewhere in the file: with hours only when they were written. */
export function formatCueTime(seconds: number, like: string, separator: '.' | ','): string {
  const full = formatClock(seconds, separator);
  const hours = like.split(':').length > 2;
  return !hours && seconds < 3600 && separator === '.' ? full.slice(3) : full;
}

interface RawCue {
  readonly firstLine: number;
  readonly timingLine: number;
  readonly lastLine: number;
  readonly start?: { seconds: number; from: number; to: number };
  readonly end?: { seconds: number; from: number; to: number };
  /** The voice written on the first text line, and where the text starts after it. */
  voice?: {
    name: string;
    at: number;
    from: number;
    to: number;
    rangeTo: number;
    kind: 'tag' | 'prefix';
  };
  proseFrom: number;
}

type Voice = NonNullable<RawCue['voice']>;

/** The cue whose lines hold `line` (cues in line order), or undefined. */
export function cueAt(cues: readonly Cue[], line: number): Cue | undefined {
  const cue = cues[upperBound(cues, line, (c) => c.firstLine) - 1];
  return cue && line <= cue.lastLine ? cue : undefined;
}

/** A voice tag (`<v Name>`) matched at `lead`, its range ending at `rangeTo`. */
function tagVoice(v: RegExpExecArray, nameFrom: number, lead: number, rangeTo: number): Voice {
  return { name: v[1], at: lead, from: nameFrom, to: nameFrom + v[1].length, rangeTo, kind: 'tag' };
}

/**
 * The first text line of a cue: its voice (a voice tag, `[Name]:`, or a
 * `Name:` prefix that may be one), and where its prose starts after it.
 */
export function firstTextLine(t: string): { readonly voice?: Voice; readonly proseFrom: number } {
  const lead = t.length - t.trimStart().length;
  const rest = t.slice(lead);
  const v = VOICE.exec(rest) ?? BRACKET.exec(rest);
  if (v && v[1].trim() !== '') {
    // `[Name]:`, or a voice tag.
    const nameFrom = rest.startsWith('<') ? voiceNameFrom(v, lead) : lead + 1;
    return {
      voice: tagVoice(
        v,
        nameFrom,
        lead,
        lead + (rest.startsWith('<') ? v[0].length : v[0].trimEnd().length),
      ),
      proseFrom: lead + v[0].length,
    };
  }
  const p = PREFIX.exec(rest);
  const name = p?.[1].trimEnd();
  if (p && name && isSpeakerName(name))
    return {
      voice: {
        name,
        at: lead,
        from: lead,
        to: lead + name.length,
        rangeTo: lead + p[1].length + 1,
        kind: 'prefix',
      },
      proseFrom: lead + p[0].length,
    };
  return { proseFrom: 0 };
}

/** A later text line of a cue: a voice tag on it (two voices in one cue), and where its prose starts. */
export function laterTextLine(t: string): { readonly voice?: Voice; readonly proseFrom: number } {
  const lead = t.length - t.trimStart().length;
  const v = VOICE.exec(t.slice(lead));
  if (v && v[1].trim() !== '') {
    const nameFrom = voiceNameFrom(v, lead);
    return {
      voice: tagVoice(v, nameFrom, lead, lead + v[0].length),
      proseFrom: lead + v[0].length,
    };
  }
  return { proseFrom: lead };
}

/** Reads a cue file; never throws. */
export function readCues(source: string, syntax: CueSyntax): TranscriptModel {
  const text = new LineIndex(source);
  const findings: Finding[] = [];
  const lineCount = text.lineCount;
  const line = (i: number) => text.line(i);
  let i = 0;
  let headerOk = true;
  if (syntax.signature) {
    headerOk = syntax.signature.test(line(0));
    if (headerOk) {
      i = 1;
      while (i < lineCount && !isBlankLine(line(i)) && !line(i).includes('-->')) i++;
    } else if (source.trim() !== '') {
      findings.push(
        finding(
          'cue-timing-malformed',
          range(0, 0, noSplit(line(0), Math.min(text.lineLength(0), 200))),
          `A ${syntax.name} file starts with the line WEBVTT`,
          {
            fixes: [
              {
                title: 'Insert the line WEBVTT at the top',
                edits: [{ range: range(0, 0, 0), newText: `WEBVTT${text.eol}${text.eol}` }],
                preferred: true,
                safe: true,
              },
            ],
          },
        ),
      );
    }
  }

  const raw: RawCue[] = [];
  const readTime = (l: number, from: number, written: string) => {
    const to = from + written.length;
    const r = range(l, from, to);
    const seconds = parseClock(written);
    if (seconds === undefined) {
      findings.push(
        finding(
          'cue-timing-malformed',
          r,
          `'${clip(written)}' is not a time: ${syntax.name} writes ${syntax.timeShape}`,
        ),
      );
      return undefined;
    }
    if (!syntax.strictTime.test(written)) {
      const fixed = formatCueTime(seconds, written, syntax.separator);
      findings.push(
        finding(
          'cue-timing-malformed',
          r,
          `'${clip(written)}' is not a ${syntax.name} time: expected ${syntax.timeShape}`,
          {
            fixes: [
              {
                title: `Write '${clip(written)}' as '${fixed}'`,
                edits: [{ range: r, newText: fixed }],
                preferred: true,
                // The same time in the file's own syntax: nothing else changes.
                safe: true,
              },
            ],
          },
        ),
      );
    }
    return { seconds, from, to };
  };

  while (i < lineCount) {
    const first = line(i);
    if (isBlankLine(first)) {
      i++;
      continue;
    }
    if (
      syntax.layout === 'webvtt' &&
      /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first) &&
      !first.includes('-->')
    ) {
      while (i < lineCount && !isBlankLine(line(i))) i++;
      continue;
    }
    const firstLine = i;
    let timingLine = i;
    if (!first.includes('-->') && i + 1 < lineCount && line(i + 1).includes('-->')) timingLine++;
    const timing = line(timingLine);
    const m = TIMING.exec(timing);
    if (!timing.includes('-->')) {
      // Text outside a cue: reported; it is not read as part of any cue.
      findings.push(
        finding(
          'cue-timing-malformed',
          range(i, 0, noSplit(first, Math.min(first.length, 200))),
          `'${clip(first.trim())}' stands outside a cue: a cue starts with its timing (start --> end)`,
        ),
      );
      while (i < lineCount && !isBlankLine(line(i))) i++;
      continue;
    }
    let start: RawCue['start'];
    let end: RawCue['end'];
    if (!m) {
      findings.push(
        finding(
          'cue-timing-malformed',
          range(timingLine, 0, noSplit(timing, Math.min(timing.length, 200))),
          `'${clip(timing.trim())}' is not a cue timing: expected start --> end`,
        ),
      );
    } else {
      const startAt = m[1].length;
      start = readTime(timingLine, startAt, m[2]);
      end = readTime(timingLine, startAt + m[2].length + m[3].length, m[4]);
      if (start && end && end.seconds < start.seconds)
        findings.push(
          finding(
            'cue-timing-malformed',
            range(timingLine, start.from, end.to),
            `The cue ends (${m[4]}) before it starts (${m[2]})`,
          ),
        );
    }
    let last = timingLine;
    while (last + 1 < lineCount && !isBlankLine(line(last + 1)) && !line(last + 1).includes('-->'))
      last++;
    const cue: RawCue = { firstLine, timingLine, lastLine: last, start, end, proseFrom: 0 };
    if (last > timingLine) {
      const first = firstTextLine(line(timingLine + 1));
      cue.voice = first.voice;
      cue.proseFrom = first.proseFrom;
    }
    raw.push(cue);
    i = last + 1;
  }

  // A `Name:` prefix is a voice when the name is one: used so on two cues or
  // more, or as a voice tag elsewhere (`Note: …` once is text).
  const prefixCount = new Map<string, number>();
  const tagged = new Set<string>();
  for (const c of raw) {
    if (c.voice?.kind === 'prefix')
      prefixCount.set(c.voice.name, (prefixCount.get(c.voice.name) ?? 0) + 1);
    else if (c.voice) tagged.add(c.voice.name);
  }
  const confirmed = new Set(tagged);
  for (const [name, n] of prefixCount) if (n >= 2) confirmed.add(name);
  for (const c of raw) {
    if (c.voice?.kind !== 'prefix') continue;
    const name = c.voice.name;
    // Once, but a near spelling of a speaker's name (`Malt:` beside `Malte:`): a label, and a typo.
    const near = () => [...confirmed].some((k) => variantOf(name, k) !== undefined);
    if (!confirmed.has(name) && !near()) {
      c.voice = undefined;
      c.proseFrom = line(c.timingLine + 1).length - line(c.timingLine + 1).trimStart().length;
    }
  }

  const proseLines: number[] = [];
  const proseStarts: number[] = [];
  const paragraphs: Paragraph[] = [];
  const turns: Turn[] = [];
  const labels: SpeakerLabel[] = [];
  const stamps: Timestamp[] = [];
  const cues: Cue[] = [];
  const words = new WordCounter(source, text, proseLines, proseStarts, paragraphs, countCueWords);
  let turn:
    | { label: SpeakerLabel; start: number; end: number; first: number; hasWords: boolean }
    | undefined;
  const closeTurn = () => {
    if (!turn) return;
    turns.push(
      new TurnNode(
        turn.label,
        turn.start,
        turn.end,
        turn.first,
        paragraphs.length - turn.first,
        turn.hasWords,
        words,
      ),
    );
    turn = undefined;
  };
  for (const c of raw) {
    if (c.voice) {
      const v = c.voice;
      const l = c.timingLine + 1;
      const label: SpeakerLabel = {
        line: l,
        name: v.name,
        nameRange: range(l, v.from, v.to),
        range: range(l, v.at, v.rangeTo),
      };
      labels.push(label);
      if (!turn || turn.label.name !== v.name) {
        closeTurn();
        turn = {
          label,
          start: c.firstLine,
          end: c.lastLine,
          first: paragraphs.length,
          hasWords: false,
        };
      }
    }
    const stamp = c.start
      ? new Stamp(c.timingLine, c.start.seconds, c.start.from, c.start.to)
      : undefined;
    if (stamp) stamps.push(stamp);
    const firstProse = proseLines.length;
    let has = false;
    for (let l = c.timingLine + 1; l <= c.lastLine; l++) {
      let from = c.proseFrom;
      if (l > c.timingLine + 1) {
        // A voice on a later line of the cue (two voices in one cue): a label
        // for renaming and the name checks, inside the turn of the first.
        const later = laterTextLine(line(l));
        from = later.proseFrom;
        if (later.voice)
          labels.push({
            line: l,
            name: later.voice.name,
            nameRange: range(l, later.voice.from, later.voice.to),
            range: range(l, later.voice.at, later.voice.rangeTo),
          });
      }
      const ls = text.lineStart(l);
      // A line of tags only (`</v>`) holds no word.
      if (
        hasWord(source, ls + from, ls + text.lineLength(l)) &&
        countCueWords(source, ls + from, ls + text.lineLength(l)) > 0
      ) {
        proseLines.push(l);
        proseStarts.push(from);
        has = true;
      }
    }
    paragraphs.push(
      new ParagraphNode(
        c.firstLine,
        c.lastLine,
        stamp,
        turn ? turns.length : undefined,
        has,
        firstProse,
        proseLines.length - firstProse,
        words,
      ),
    );
    if (turn) {
      turn.end = c.lastLine;
      turn.hasWords ||= has;
    }
    cues.push({
      firstLine: c.firstLine,
      timingLine: c.timingLine,
      lastLine: c.lastLine,
      start: c.start?.seconds,
      end: c.end?.seconds,
      startRange: c.start && range(c.timingLine, c.start.from, c.start.to),
      endRange: c.end && range(c.timingLine, c.end.from, c.end.to),
      hasWords: has,
    });
  }
  closeTurn();

  const looksLikeTranscript = cues.length > 0 || (syntax.signature !== undefined && headerOk);
  if (cues.length === 0 && !headerOk)
    noTranscript(text, source, findings, `No ${syntax.name} cues found (start --> end lines)`);
  return flatModel(syntax.layout, text, findings, looksLikeTranscript, {
    labels,
    turns,
    paragraphs,
    stamps,
    proseLines,
    proseStarts,
    cues,
  });
}
