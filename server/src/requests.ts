/** Custom requests shared by the server and the VS Code client. */
import type { Range, WorkspaceEdit } from 'vscode-languageserver-protocol';

export const SHIFT_TIMESTAMPS = 'transcript/shiftTimestamps';
export interface ShiftTimestampsParams {
  readonly textDocument: { readonly uri: string };
  /** A signed offset such as `-12`, `+1:30` or `-0:00:05`. */
  readonly offset: string;
  /** The selection: empty means "everything at or after the cursor's time". */
  readonly range: Range;
}
export interface ShiftTimestampsResult {
  readonly edit?: WorkspaceEdit;
  readonly message: string;
}

export const STATISTICS = 'transcript/statistics';
export interface StatisticsParams {
  readonly textDocument: { readonly uri: string };
}
export interface StatisticsResult {
  readonly markdown: string;
}

export const ACCEPT_SPEAKER = 'transcript.acceptSpeaker';

export const EXPORT = 'transcript/export';
export interface ExportParams {
  readonly textDocument: { readonly uri: string };
  /** vtt, srt, json, html, chapters-json, psc or mp4chaps. */
  readonly format: string;
  /** Export even when the transcript has errors. */
  readonly force?: boolean;
  /** Characters per cue line (default: the format's). */
  readonly lineWidth?: number;
  /** Seconds: where the last cue and chapter end (default: the last cue lasts as long as its words take to say). */
  readonly episodeLength?: number;
  /** WebVTT only: also return the chapters as a WebVTT chapters track. */
  readonly chaptersTrack?: boolean;
}
export type ExportResponse =
  | {
      readonly ok: true;
      readonly content: string;
      readonly extension: string;
      readonly warnings: string[];
      /** The WebVTT chapters track, when asked for and the transcript has chapters. */
      readonly chaptersTrack?: string;
    }
  | { readonly ok: false; readonly message: string; readonly errors: number };

export const IMPORT = 'transcript/import';
export interface ImportParams {
  readonly content: string;
  readonly chapters?: string;
  /** `cues` (default): a stamped paragraph per cue start second. `pauses`: one paragraph per pause. */
  readonly paragraphs?: 'cues' | 'pauses';
}
export type ImportResponse =
  | {
      readonly ok: true;
      readonly text: string;
      readonly format: string;
      readonly warnings: string[];
    }
  | { readonly ok: false; readonly message: string };

/**
 * The client's file system, for the server (see `files/access.ts`). A client
 * that answers these says so in `initializationOptions.fileAccess`; the
 * VS Code client, desktop and web, answers them through `workspace.fs`.
 */
export const FILE_ACCESS_OPTION = 'client';
export const FILE_STAT = 'transcript/fileStat';
export const FILE_READ = 'transcript/fileRead';
export const FILE_FIND = 'transcript/fileFind';
export interface FileUriParams {
  readonly uri: string;
}
/** Null when nothing is there. */
export type FileStatResult = {
  readonly type: 'file' | 'directory' | 'other';
  readonly size: number;
  readonly link: boolean;
} | null;
export interface FileReadResult {
  readonly text: string;
}
export interface FileFindParams {
  readonly folder: string;
  /** File name endings without the dot. */
  readonly extensions: readonly string[];
  /** Folder names left out. */
  readonly skip: readonly string[];
}
export interface FileFindResult {
  readonly uris: readonly string[];
  /** What each is, as `transcript/fileStat` would answer (saves a request per file). */
  readonly stats?: readonly FileStatResult[];
}
