/**
 * The Podcasting 2.0 JSON transcript (`application/json`): one segment per
 * cue, times in seconds (numbers, to the millisecond).
 */
import type { PublishDocument } from './document';
import { roundSeconds } from './times';

export const JSON_TRANSCRIPT_VERSION = '1.0.0';

export interface JsonSegment {
  speaker?: string;
  startTime: number;
  endTime: number;
  body: string;
}

export interface JsonTranscript {
  version: string;
  segments: JsonSegment[];
}

export function toJsonTranscript(doc: PublishDocument): string {
  const transcript: JsonTranscript = {
    version: JSON_TRANSCRIPT_VERSION,
    segments: doc.cues.map((c) => ({
      ...(c.speaker ? { speaker: c.speaker } : {}),
      startTime: roundSeconds(c.start),
      endTime: roundSeconds(c.end),
      body: c.text,
    })),
  };
  return `${JSON.stringify(transcript, null, 2)}\n`;
}
