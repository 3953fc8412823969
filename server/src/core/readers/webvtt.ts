/** WebVTT (`.vtt`), what Apple Podcasts ingests and Podcasting 2.0 recommends. */
import { readCues, WEBVTT } from './cues';
import type { TranscriptReader } from './reader';

export const webvttReader: TranscriptReader = {
  layout: 'webvtt',
  title: 'WebVTT',
  extensions: ['.vtt'],
  looksLike: (source) => WEBVTT.signature!.test(source.slice(0, 16).split(/\r?\n/)[0]),
  read: (source) => readCues(source, WEBVTT),
};
