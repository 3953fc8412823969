/**
 * Turns and paragraphs of the Auphonic layout's body: a label opens a turn
 * that lasts until the next label; a stamp line opens a paragraph that lasts
 * until the next stamp or label. Words are counted only when asked for
 * (statistics, hover); the checks need to know only whether a line has any.
 */
import { ParagraphNode, TurnNode, WordCounter } from '../../bodyNodes';
import type { Paragraph, SpeakerLabel, Timestamp, Turn } from '../../model';
import { hasWord } from '../../scan';
import type { BodyLines } from './body';
import { BLANK, CANDIDATE, HEADING, MALFORMED, STAMP, type Scan } from './state';

export function buildTurns(
  scan: Scan,
  bodyLines: Int32Array,
  { kinds, proseStart, stamps }: BodyLines,
  labels: readonly SpeakerLabel[],
): { turns: Turn[]; paragraphs: Paragraph[] } {
  const { source, text, proseLines, proseStarts } = scan;
  const n = bodyLines.length;
  const turns: Turn[] = [];
  const paragraphs: Paragraph[] = [];
  const words = new WordCounter(source, text, proseLines, proseStarts, paragraphs);
  let proseCount = scan.proseCount;
  // The open turn and paragraph, as plain variables (no object per paragraph).
  let turnLabel: SpeakerLabel | undefined;
  let turnStart = 0;
  // The turn's paragraphs are consecutive: the first and how many.
  let turnFirstParagraph = 0;
  let turnParagraphCount = 0;
  let turnHasWords = false;
  let paraOpen = false;
  let paraStart = 0;
  let paraEnd = 0;
  let paraStamp: Timestamp | undefined;
  // The paragraph's prose spans are consecutive: from the first, up to proseCount.
  let paraFirstProse = 0;
  let paraHasWords = false;
  let lastBodyLine = -1;
  let nextLabel = 0;
  let nextStamp = 0;
  const closePara = () => {
    if (!paraOpen) return;
    paragraphs.push(
      new ParagraphNode(
        paraStart,
        paraEnd,
        paraStamp,
        turnLabel ? turns.length : undefined,
        paraHasWords,
        paraFirstProse,
        proseCount - paraFirstProse,
        words,
      ),
    );
    if (turnLabel) turnParagraphCount++;
    paraOpen = false;
  };
  const closeTurn = (endLine: number) => {
    closePara();
    if (!turnLabel) return;
    turns.push(
      new TurnNode(
        turnLabel,
        turnStart,
        Math.max(turnStart, endLine),
        turnFirstParagraph,
        turnParagraphCount,
        turnHasWords,
        words,
      ),
    );
    turnLabel = undefined;
  };
  for (let i = 0; i < n; i++) {
    const kind = kinds[i];
    if (kind === BLANK || kind === HEADING) continue; // a heading opens a chapter, not a turn's line
    const line = bodyLines[i];
    if (kind === CANDIDATE) {
      closeTurn(lastBodyLine);
      turnLabel = labels[nextLabel++];
      turnStart = line;
      turnFirstParagraph = paragraphs.length;
      turnParagraphCount = 0;
      turnHasWords = false;
      lastBodyLine = line;
      continue;
    }
    lastBodyLine = line;
    const start = proseStart[i];
    const ls = text.lineStart(line);
    const has = hasWord(source, ls + start, ls + text.lineLength(line));
    if (kind === STAMP || kind === MALFORMED) {
      closePara();
      paraOpen = true;
      paraStart = line;
      paraEnd = line;
      paraStamp = kind === STAMP ? stamps[nextStamp++] : undefined;
      paraFirstProse = proseCount;
      paraHasWords = has;
    } else if (paraOpen) {
      paraEnd = line;
      paraHasWords ||= has;
    } else {
      paraOpen = true;
      paraStart = line;
      paraEnd = line;
      paraStamp = undefined;
      paraFirstProse = proseCount;
      paraHasWords = has;
    }
    if (turnLabel) turnHasWords ||= has;
    if (has) {
      proseLines[proseCount] = line;
      proseStarts[proseCount++] = start;
    }
  }
  closeTurn(lastBodyLine);

  scan.proseCount = proseCount;
  return { turns, paragraphs };
}
