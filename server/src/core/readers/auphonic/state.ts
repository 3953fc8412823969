/**
 * What every stage of the Auphonic reader reads and writes: the text and its
 * lines, the findings so far, and per-line tables that are all views of one
 * buffer (allocating a typed array costs microseconds even when small, as
 * much as parsing a hundred lines).
 */
import type { Finding } from '../../findings';
import { LineIndex } from '../../text';

// Line kinds of the body, as small numbers (one byte per line).
export const BLANK = 0;
export const STAMP = 1;
export const MALFORMED = 2;
export const HEADING = 3;
export const CANDIDATE = 4;
export const TEXT = 5;

export class Scan {
  readonly text: LineIndex;
  readonly lineCount: number;
  readonly findings: Finding[] = [];
  /** Prose spans (summary lines, then body lines with words): line and start column. */
  readonly proseLines: Int32Array;
  readonly proseStarts: Int32Array;
  proseCount = 0;
  /** The body's lines, in order (see `bodyLines`). */
  readonly body: Int32Array;
  private readonly table: Int32Array;

  constructor(readonly source: string) {
    this.text = new LineIndex(source);
    const lineCount = (this.lineCount = this.text.lineCount);
    this.table = new Int32Array(4 * lineCount + 2 * Math.ceil(lineCount / 4));
    this.proseLines = this.table.subarray(0, lineCount);
    this.proseStarts = this.table.subarray(lineCount, 2 * lineCount);
    this.body = this.table.subarray(2 * lineCount, 3 * lineCount);
  }

  /** Per body line (of `n`): the column where its prose starts. */
  proseStartTable(n: number): Int32Array {
    return this.table.subarray(3 * this.lineCount, 3 * this.lineCount + n);
  }

  /** Two byte tables of `n` entries each: the line kinds, and the kind of the next significant line. */
  kindTables(n: number): { kinds: Uint8Array; next: Uint8Array } {
    const lineCount = this.lineCount;
    const bytes = new Uint8Array(
      this.table.buffer,
      4 * 4 * lineCount,
      2 * 4 * Math.ceil(lineCount / 4),
    );
    return { kinds: bytes.subarray(0, n), next: bytes.subarray(lineCount, lineCount + n) };
  }
}
