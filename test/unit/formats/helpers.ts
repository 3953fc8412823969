/**
 * Helpers for the format tests: independent parsers (none of them ours) that
 * check what the exports produce, JSON schemas written from the Podcasting 2.0
 * field rules, a short fixture, and a reader for imported transcripts.
 */
import { strict as assert } from 'node:assert';
import Ajv from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as nodeWebvtt from 'node-webvtt';
import { parse as parseHtml } from 'parse5';
import SrtParser from 'srt-parser-2';
import { WebVTTParser, type WebVttCue, type WebVttNode } from 'webvtt-parser';
import HTML_ENTITIES from 'webvtt-parser/html-entities.json';
import { parse } from '../../../server/src/core';
import { lines } from '../util';

/** A short transcript with the characters every format must escape. */
export const SHORT = lines(
  'Chapters',
  '0:00:00 Intro & Begrüßung',
  '0:01:10 Neuigkeiten <aktuell>',
  'Transcript',
  'Intro & Begrüßung',
  'Malte:',
  '[0:05] Hallo & herzlich willkommen. Ich bin Malte.',
  'Dr. Jana Albers:',
  '[0:20] Hallo Malte, x < y --> z. Das ist ein etwas längerer Satz.',
  'Neuigkeiten <aktuell>',
  'Malte:',
  '[1:12] Dann fangen wir an.',
  'Weiter geht es.',
  '[1:40] Noch ein Absatz.',
);

// ---------------------------------------------------------------- WebVTT

export interface VttCueSummary {
  start: number;
  end: number;
  voice?: string;
  text: string;
}

function nodeText(nodes: readonly WebVttNode[]): string {
  return nodes
    .map((n) => (n.type === 'text' ? String(n.value) : n.children ? nodeText(n.children) : ''))
    .join('');
}

function voiceOf(nodes: readonly WebVttNode[]): string | undefined {
  for (const n of nodes) if (n.type === 'object' && n.name === 'v') return String(n.value);
  return undefined;
}

/**
 * Parses WebVTT with the W3C's webvtt-parser (with the full table of character
 * references, as its README advises for spec-compliant parsing) and with
 * node-webvtt (strict: it throws on what it finds wrong); asserts neither
 * reports an error.
 */
export function checkVtt(text: string, mode?: 'chapters'): VttCueSummary[] {
  const { cues, errors } = new WebVTTParser(HTML_ENTITIES).parse(text, mode);
  assert.deepEqual(errors, [], `webvtt-parser reports errors in:\n${text}`);
  const strict = nodeWebvtt.parse(text, { strict: true });
  assert.equal(strict.valid, true);
  assert.equal(strict.cues.length, cues.length, 'node-webvtt and webvtt-parser disagree on cues');
  return cues.map((c: WebVttCue) => ({
    start: c.startTime,
    end: c.endTime,
    voice: voiceOf(c.tree.children),
    text: nodeText(c.tree.children).replace(/\n/g, ' '),
  }));
}

// ---------------------------------------------------------------- SRT

export function parseSrt(text: string) {
  return new SrtParser().fromSrt(text);
}

// ---------------------------------------------------------------- JSON

const ajv = new Ajv({ allErrors: true, strict: true });

/** The Podcasting 2.0 JSON transcript, from transcripts.md. */
export const TRANSCRIPT_SCHEMA = {
  type: 'object',
  required: ['version', 'segments'],
  additionalProperties: false,
  properties: {
    version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' },
    segments: {
      type: 'array',
      items: {
        type: 'object',
        required: ['startTime', 'body'],
        additionalProperties: false,
        properties: {
          speaker: { type: 'string', minLength: 1 },
          startTime: { type: 'number', minimum: 0 },
          endTime: { type: 'number', minimum: 0 },
          body: { type: 'string' },
        },
      },
    },
  },
} as const;

/** Podcasting 2.0 JSON chapters 1.2, from jsonChapters.md. */
export const CHAPTERS_SCHEMA = {
  type: 'object',
  required: ['version', 'chapters'],
  additionalProperties: false,
  properties: {
    version: { type: 'string', pattern: '^1\\.2(\\.\\d+)?$' },
    chapters: {
      type: 'array',
      items: {
        type: 'object',
        required: ['startTime'],
        additionalProperties: false,
        properties: {
          startTime: { type: 'number', minimum: 0 },
          title: { type: 'string' },
          img: { type: 'string' },
          url: { type: 'string' },
          toc: { type: 'boolean' },
          endTime: { type: 'number', minimum: 0 },
          location: {
            type: 'object',
            required: ['name', 'geo'],
            properties: {
              name: { type: 'string' },
              geo: { type: 'string', pattern: '^geo:' },
              osm: { type: 'string' },
            },
          },
        },
      },
    },
    author: { type: 'string' },
    title: { type: 'string' },
    podcastName: { type: 'string' },
    description: { type: 'string' },
    fileName: { type: 'string' },
    waypoints: { type: 'boolean' },
  },
} as const;

const validateTranscript = ajv.compile(TRANSCRIPT_SCHEMA);
const validateChapters = ajv.compile(CHAPTERS_SCHEMA);

export interface Segment {
  speaker?: string;
  startTime: number;
  endTime?: number;
  body: string;
}

/** Validates against the schema, and the rules a schema cannot say (times in order). */
export function checkJsonTranscript(text: string): Segment[] {
  const data: unknown = JSON.parse(text);
  assert.ok(validateTranscript(data), ajv.errorsText(validateTranscript.errors));
  const segments = (data as { segments: Segment[] }).segments;
  for (const s of segments)
    if (s.endTime !== undefined)
      assert.ok(s.endTime >= s.startTime, `segment ends before it starts`);
  return segments;
}

export function checkJsonChapters(text: string): { startTime: number; title?: string }[] {
  const data: unknown = JSON.parse(text);
  assert.ok(validateChapters(data), ajv.errorsText(validateChapters.errors));
  const chapters = (data as { chapters: { startTime: number; title?: string }[] }).chapters;
  for (let i = 1; i < chapters.length; i++)
    assert.ok(chapters[i].startTime >= chapters[i - 1].startTime, 'chapters in ascending order');
  return chapters;
}

// ---------------------------------------------------------------- HTML

export interface HtmlPart {
  tag: string;
  text: string;
  datetime?: string;
}

interface Node5 {
  nodeName: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node5[];
}

function textOf(n: Node5): string {
  if (n.nodeName === '#text') return n.value ?? '';
  return (n.childNodes ?? []).map(textOf).join('');
}

function find(n: Node5, name: string): Node5 | undefined {
  if (n.nodeName === name) return n;
  for (const c of n.childNodes ?? []) {
    const f = find(c, name);
    if (f) return f;
  }
  return undefined;
}

/** Parses with parse5, asserting no parse error; returns the body's elements in order. */
export function checkHtml(html: string): { title: string; lang?: string; parts: HtmlPart[] } {
  const errors: string[] = [];
  const doc = parseHtml(html, {
    onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`),
  }) as unknown as Node5;
  assert.deepEqual(errors, [], 'parse5 reports errors');
  const htmlEl = find(doc, 'html')!;
  const body = find(doc, 'body')!;
  const parts = (body.childNodes ?? [])
    .filter((n) => !n.nodeName.startsWith('#'))
    .map((n) => {
      const datetime = n.attrs?.find((a) => a.name === 'datetime')?.value;
      return datetime === undefined
        ? { tag: n.nodeName, text: textOf(n) }
        : { tag: n.nodeName, text: textOf(n), datetime };
    });
  return {
    title: textOf(find(doc, 'title')!),
    lang: htmlEl.attrs?.find((a) => a.name === 'lang')?.value,
    parts,
  };
}

// ---------------------------------------------------------------- PSC

export function checkPsc(xml: string): { start: string; title: string }[] {
  assert.equal(XMLValidator.validate(xml), true, 'fast-xml-parser finds the XML invalid');
  const data = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => name === 'psc:chapter',
  }).parse(xml) as Record<string, Record<string, unknown>>;
  const root = data['psc:chapters'];
  assert.equal(root['xmlns:psc'], 'http://podlove.org/simple-chapters');
  assert.equal(root.version, '1.2');
  const chapters = (root['psc:chapter'] ?? []) as { start: string; title: string }[];
  for (const c of chapters) assert.match(c.start, /^\d{2,}:\d{2}:\d{2}\.\d{3}$/);
  return chapters.map((c) => ({ start: c.start, title: c.title }));
}

// ---------------------------------------------------------------- imported transcripts

export interface ReadParagraph {
  speaker?: string;
  stamp?: number;
  text: string;
}

/** A transcript in our format, as the parser sees it (paragraph text as the exports take it). */
export function readBack(text: string) {
  const model = parse(text);
  const prose = new Map<number, number>();
  for (let i = 0; i < model.prose.length; i++)
    prose.set(model.prose.lines[i], model.prose.starts[i]);
  const headingLines = new Set(model.headings.map((h) => h.line));
  const paragraphs: (ReadParagraph & { startLine: number })[] = model.paragraphs.map((p) => {
    const parts: string[] = [];
    for (let l = p.startLine; l <= p.endLine; l++) {
      const start = prose.get(l);
      if (start === undefined || headingLines.has(l)) continue;
      parts.push(model.text.line(l).slice(start).trim());
    }
    const speaker = p.turn === undefined ? undefined : model.turns[p.turn].label.name;
    return { speaker, stamp: p.stamp?.seconds, text: parts.join(' '), startLine: p.startLine };
  });
  return {
    model,
    chapters: model.chapters.map((c) => ({ start: c.seconds, title: c.title })),
    labels: model.turns.map((t) => t.label.name),
    /** For each heading: its chapter's title and how many paragraphs come before it. */
    headings: model.headings.map((h) => ({
      title: model.chapters[h.chapter].title,
      before: paragraphs.filter((p) => p.startLine < h.line).length,
    })),
    paragraphs: paragraphs.map(({ speaker, stamp, text }) =>
      speaker === undefined ? { stamp, text } : { speaker, stamp, text },
    ),
  };
}
