/**
 * WebVTT (`text/vtt`), the transcript format Podcasting 2.0 recommends: one
 * cue per timestamped paragraph, the speaker as a `<v Name>` voice span, the
 * text escaped (`&amp;` `&lt;` `&gt;`, so `-->` can never appear in a cue) and
 * wrapped without breaking words.
 */
import type { PublishDocument } from './document';
import { escapeText, words, wrap } from './strings';
import { decodeEntities } from './entities';
import { speakerPrefix } from './prefix';
import { formatClock } from './times';

export const DEFAULT_VTT_LINE_WIDTH = 65;

/**
 * A voice annotation: the name with `&` and `>` escaped (the two characters an
 * annotation may not contain) and its white space collapsed, as parsers do;
 * a space before the `>` when the name ends in `-`, so that no `-->` appears.
 */
export function voiceAnnotation(name: string): string {
  const a = name.replace(/&/g, '&amp;').replace(/>/g, '&gt;').replace(/\s+/g, ' ').trim();
  // "<v A-->" would hold "-->"; parsers trim the space this adds.
  return a.endsWith('-') ? `${a} ` : a;
}

function timing(start: number, end: number): string {
  return `${formatClock(start)} --> ${formatClock(end)}`;
}

export function toVtt(doc: PublishDocument, lineWidth = DEFAULT_VTT_LINE_WIDTH): string {
  const blocks = ['WEBVTT'];
  for (const cue of doc.cues) {
    const lines = wrap(words(cue.text), lineWidth).map(escapeText);
    if (cue.speaker) {
      lines[0] = `<v ${voiceAnnotation(cue.speaker)}>${lines[0]}`;
    } else if (speakerPrefix(lines[0], decodeEntities)) {
      // Without a voice span, a leading "Word:" would read as a speaker label;
      // a character reference for the colon keeps it text.
      lines[0] = lines[0].replace(':', '&#58;');
    }
    blocks.push(`${timing(cue.start, cue.end)}\n${lines.join('\n')}`);
  }
  return `${blocks.join('\n\n')}\n`;
}

/** A WebVTT chapters track: one cue per chapter, from its start to the next chapter's. */
export function toVttChapters(doc: PublishDocument): string {
  const blocks = ['WEBVTT'];
  for (const c of doc.chapters) blocks.push(`${timing(c.start, c.end)}\n${escapeText(c.title)}`);
  return `${blocks.join('\n\n')}\n`;
}
