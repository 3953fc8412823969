/** Types for the test-only parsers that ship without them. */

declare module 'webvtt-parser' {
  export interface WebVttNode {
    type: 'text' | 'object' | 'timestamp';
    name?: string;
    value?: string | number;
    classes?: string[];
    children?: WebVttNode[];
  }
  export interface WebVttCue {
    id: string;
    startTime: number;
    endTime: number;
    text: string;
    tree: { children: WebVttNode[] };
  }
  export interface WebVttError {
    message: string;
    line: number;
    col?: number;
  }
  export class WebVTTParser {
    constructor(entities?: Record<string, string>);
    parse(
      input: string,
      mode?: 'metadata' | 'chapters',
    ): { cues: WebVttCue[]; errors: WebVttError[]; time: number; styles: string[] };
  }
}

declare module 'node-webvtt' {
  export interface NodeWebVttCue {
    identifier: string;
    start: number;
    end: number;
    text: string;
    styles: string;
  }
  export function parse(
    input: string,
    options?: { strict?: boolean; meta?: boolean },
  ): { valid: boolean; cues: NodeWebVttCue[]; errors: unknown[] };
}
