/**
 * Chapters: Podcasting 2.0 JSON chapters, Podlove Simple Chapters 1.2 (XML)
 * and mp4chaps (plain text, one `HH:MM:SS.mmm Title` a line).
 */
import type { PublishDocument } from './document';
import { escapeAttribute } from './strings';
import { formatClock, roundSeconds } from './times';

export const JSON_CHAPTERS_VERSION = '1.2.0';
export const PSC_NAMESPACE = 'http://podlove.org/simple-chapters';

export function toJsonChapters(doc: PublishDocument): string {
  const chapters = {
    version: JSON_CHAPTERS_VERSION,
    chapters: doc.chapters.map((c) => ({ startTime: roundSeconds(c.start), title: c.title })),
  };
  return `${JSON.stringify(chapters, null, 2)}\n`;
}

export function toPsc(doc: PublishDocument): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<psc:chapters version="1.2" xmlns:psc="${PSC_NAMESPACE}">`,
    ...doc.chapters.map(
      (c) => `  <psc:chapter start="${formatClock(c.start)}" title="${escapeAttribute(c.title)}"/>`,
    ),
    '</psc:chapters>',
    '',
  ].join('\n');
}

export function toMp4chaps(doc: PublishDocument): string {
  return doc.chapters.map((c) => `${formatClock(c.start)} ${c.title}\n`).join('');
}
