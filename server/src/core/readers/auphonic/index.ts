/** Auphonic's text export as a reader: the layout every other one is checked like. */
import type { TranscriptReader } from '../reader';
import { readAuphonic } from './read';

/** The first line of an Auphonic export (the file may start with a BOM). */
export const AUPHONIC_FIRST_LINE = /^\uFEFF?\s*Generated Shownotes\s*$/;

export const auphonicReader: TranscriptReader = {
  layout: 'auphonic',
  title: 'Auphonic text',
  extensions: ['.transcript'],
  looksLike(source: string): boolean {
    const end = source.indexOf('\n');
    return AUPHONIC_FIRST_LINE.test(end < 0 ? source.slice(0, 200) : source.slice(0, end));
  },
  read: readAuphonic,
};
