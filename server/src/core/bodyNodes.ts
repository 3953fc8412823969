/**
 * The body nodes the parser builds: timestamps and speaker labels whose
 * ranges, and paragraphs and turns whose word counts, are made only when
 * first asked for.
 */
import type { Paragraph, SpeakerLabel, Timestamp, Turn } from './model';
import { countWords } from './scan';
import { upperBound } from './search';
import { range, type LineIndex, type Range } from './text';

/** A body timestamp; its range is made when first asked for. */
export class Stamp implements Timestamp {
  private r: Range | undefined;
  constructor(
    readonly line: number,
    readonly seconds: number,
    private readonly from: number,
    private readonly to: number,
  ) {}

  get range(): Range {
    return (this.r ??= range(this.line, this.from, this.to));
  }
}

/** A speaker label; its ranges are made when first asked for. */
export class Label implements SpeakerLabel {
  private r: Range | undefined;
  private nr: Range | undefined;
  constructor(
    readonly line: number,
    readonly name: string,
    private readonly start: number,
    private readonly end: number,
    private readonly colonEnd: number,
  ) {}

  get nameRange(): Range {
    return (this.nr ??= range(this.line, this.start, this.end));
  }

  get range(): Range {
    return (this.r ??= range(this.line, this.start, this.colonEnd));
  }
}

/**
 * Counts the words of paragraphs and turns on demand, from their prose spans
 * (the lines with a word, from where their prose starts): the same lines
 * that make `hasWords`, so `words > 0` exactly when `hasWords`.
 */
export class WordCounter {
  constructor(
    /** The text counted in; undefined: each line of `text` is read on its own. */
    private readonly source: string | undefined,
    private readonly text: LineIndex,
    /** Prose span `k` is line `lines[k]` from column `starts[k]`. */
    private readonly lines: ArrayLike<number>,
    private readonly starts: ArrayLike<number>,
    readonly paragraphs: readonly Paragraph[],
    /** How a span's words are counted (`countCueWords` in cue files: tags are no words). */
    private readonly countIn: (s: string, from: number, to: number) => number = countWords,
  ) {}

  /**
   * A counter over another text with the same prose spans (see `reread`),
   * for counting the spans of an edited paragraph there: line by line, so
   * that a text not joined into one string (`LineIndex.withLine`) stays so.
   */
  over(text: LineIndex): WordCounter {
    return new WordCounter(undefined, text, this.lines, this.starts, [], this.countIn);
  }

  /** Words in `count` prose spans from span `first`. */
  count(first: number, count: number): number {
    let words = 0;
    if (this.source === undefined) {
      for (let k = first; k < first + count; k++) {
        const line = this.text.line(this.lines[k]);
        words += this.countIn(line, this.starts[k], line.length);
      }
      return words;
    }
    for (let k = first; k < first + count; k++) {
      const start = this.text.lineStart(this.lines[k]);
      words += this.countIn(
        this.source,
        start + this.starts[k],
        start + this.text.lineLength(this.lines[k]),
      );
    }
    return words;
  }
}

/** A paragraph; its prose spans are consecutive, held as the first and a count. */
export class ParagraphNode implements Paragraph {
  constructor(
    readonly startLine: number,
    readonly endLine: number,
    readonly stamp: Timestamp | undefined,
    readonly turn: number | undefined,
    readonly hasWords: boolean,
    private readonly firstProse: number,
    private readonly proseCount: number,
    readonly counter: WordCounter,
    /** Its words, when already counted (-1: counted by `counter` when first asked for). */
    private counted = -1,
  ) {}

  /** This paragraph with its words counted by `over` (an edited text), now. */
  countedBy(over: WordCounter): ParagraphNode {
    return new ParagraphNode(
      this.startLine,
      this.endLine,
      this.stamp,
      this.turn,
      this.hasWords,
      this.firstProse,
      this.proseCount,
      this.counter,
      over.count(this.firstProse, this.proseCount),
    );
  }

  get words(): number {
    if (this.counted < 0) this.counted = this.counter.count(this.firstProse, this.proseCount);
    return this.counted;
  }
}

/** A turn; its paragraphs are consecutive, held as the first and a count. */
export class TurnNode implements Turn {
  private list: readonly number[] | undefined;
  constructor(
    readonly label: SpeakerLabel,
    readonly startLine: number,
    readonly endLine: number,
    private readonly firstParagraph: number,
    private readonly paragraphCount: number,
    readonly hasWords: boolean,
    readonly counter: WordCounter,
    /** Its words, when already counted (-1: summed from `counter`'s paragraphs when asked for). */
    private readonly counted = -1,
  ) {}

  /** This turn with its words summed from `paragraphs` (an edited text's), now. */
  countedFrom(paragraphs: readonly Paragraph[]): TurnNode {
    let words = 0;
    const end = this.firstParagraph + this.paragraphCount;
    for (let p = this.firstParagraph; p < end; p++) words += paragraphs[p].words;
    return new TurnNode(
      this.label,
      this.startLine,
      this.endLine,
      this.firstParagraph,
      this.paragraphCount,
      this.hasWords,
      this.counter,
      words,
    );
  }

  get paragraphs(): readonly number[] {
    if (!this.list) {
      const list: number[] = [];
      for (let i = 0; i < this.paragraphCount; i++) list.push(this.firstParagraph + i);
      this.list = list;
    }
    return this.list;
  }

  get words(): number {
    if (this.counted >= 0) return this.counted;
    let words = 0;
    const end = this.firstParagraph + this.paragraphCount;
    for (let p = this.firstParagraph; p < end; p++) words += this.counter.paragraphs[p].words;
    return words;
  }
}

/**
 * Node lists known to be the parser's nodes sharing one counter (checked, or
 * made so here): lists are never changed once made.
 */
const checked = new WeakSet<readonly object[]>();

/**
 * The paragraphs and turns of a model for `source`, an edited text with the
 * same prose spans in which only `line` changed (see `reread`); undefined
 * when they are not the parser's nodes. The paragraph on that line and its
 * turn are made again with their words counted now; every other node is
 * kept (its words, counted or not, are those of unchanged lines). Kept
 * nodes count over the text they were parsed from, and the new ones hold no
 * text: a chain of edits keeps that one text alive, not one per edit.
 */
export function nodesOver(
  paragraphs: readonly Paragraph[],
  turns: readonly Turn[],
  text: LineIndex,
  line: number,
): { paragraphs: readonly Paragraph[]; turns: readonly Turn[] } | undefined {
  const node = paragraphs[0] ?? turns[0];
  if (node === undefined) return { paragraphs, turns };
  if (!(node instanceof ParagraphNode || node instanceof TurnNode)) return undefined;
  const { counter } = node;
  if (!checked.has(paragraphs) || !checked.has(turns)) {
    for (const p of paragraphs)
      if (!(p instanceof ParagraphNode) || p.counter !== counter) return undefined;
    for (const t of turns) if (!(t instanceof TurnNode) || t.counter !== counter) return undefined;
    checked.add(paragraphs).add(turns);
  }
  // The paragraph holding the line: the last that starts at or before it.
  const at = upperBound(paragraphs, line, (p) => p.startLine) - 1;
  const edited = paragraphs[at] as ParagraphNode | undefined;
  if (!edited || edited.endLine < line) return { paragraphs, turns };
  const overParagraphs = paragraphs.slice();
  overParagraphs[at] = edited.countedBy(counter.over(text));
  const overTurns = turns.slice();
  if (edited.turn !== undefined)
    overTurns[edited.turn] = (turns[edited.turn] as TurnNode).countedFrom(overParagraphs);
  checked.add(overParagraphs).add(overTurns);
  return { paragraphs: overParagraphs, turns: overTurns };
}
