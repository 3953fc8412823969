/**
 * An HTML transcript as the Podcasting 2.0 transcript spec describes it: per
 * speaker turn a `<cite>Name:</cite>`, per paragraph a `<time>` and a `<p>`,
 * in a complete HTML5 document. Chapters become `<h2>` headings where they
 * start. All text is escaped.
 */
import { chapterPlacement, type PublishDocument } from './document';
import { escapeAttribute, escapeText } from './strings';
import { isoDuration } from './times';
import { formatClock } from '../time';

export interface HtmlOptions {
  readonly title?: string;
  readonly language?: string;
}

export function toHtml(doc: PublishDocument, options: HtmlOptions = {}): string {
  const title = options.title?.trim() || 'Transcript';
  const lang = options.language ? ` lang="${escapeAttribute(options.language)}"` : '';
  const out = [
    '<!DOCTYPE html>',
    `<html${lang}>`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeText(title)}</title>`,
    '</head>',
    '<body>',
  ];
  const headings = chapterPlacement(doc);
  const heading = (index: number) => {
    for (const c of headings.get(index) ?? [])
      out.push(`<h2>${escapeText(doc.chapters[c].title)}</h2>`);
  };
  doc.cues.forEach((cue, i) => {
    heading(i);
    if (cue.speaker && cue.firstOfTurn) out.push(`<cite>${escapeText(cue.speaker)}:</cite>`);
    out.push(`<time datetime="${isoDuration(cue.start)}">${formatClock(cue.start)}</time>`);
    out.push(`<p>${escapeText(cue.text)}</p>`);
  });
  heading(doc.cues.length);
  out.push('</body>', '</html>');
  return `${out.join('\n')}\n`;
}
