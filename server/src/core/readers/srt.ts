/** SubRip (`.srt`): numbered cues, `hh:mm:ss,mmm --> hh:mm:ss,mmm`, as speech services export them. */
import { readCues, SRT } from './cues';
import type { TranscriptReader } from './reader';

/** A first cue: its number, then its timing with comma fractions. */
const FIRST_CUE = /^\uFEFF?[ \t]*\d+[ \t]*\r?\n[ \t]*\d+:\d+:\d+,\d+[ \t]+-->/;

export const srtReader: TranscriptReader = {
  layout: 'srt',
  title: 'SRT',
  extensions: ['.srt'],
  looksLike: (source) => FIRST_CUE.test(source.trimStart().slice(0, 200)),
  read: (source) => readCues(source, SRT),
};
