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
