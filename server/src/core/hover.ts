/** Hover: what a timestamp, a speaker label or a chapter entry stands for. */
import { escapeMarkdown } from './markdown';
import { labelAt } from './navigation';
import type { TranscriptModel } from './model';
import { statistics, type Statistics } from './stats';
import { outline } from './symbols';
import type { Position, Range } from './text';
import { formatChapterTime, formatClock, formatStamp } from './time';

export interface Hover {
  readonly markdown: string;
  readonly range: Range;
}

function within(r: Range, p: Position): boolean {
  return (
    r.start.line === p.line && r.start.character <= p.character && p.character <= r.end.character
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function hover(model: TranscriptModel, p: Position, stats?: Statistics): Hover | undefined {
  const stamp = model.stamps.find((s) => s.line === p.line && within(s.range, p));
  if (stamp) {
    const chapters = outline(model)
      .flatMap((n) => (n.kind === 'chapter' ? [n] : n.children.filter((c) => c.kind === 'chapter')))
      .filter((n) => n.range.start.line <= stamp.line && stamp.line <= n.range.end.line);
    const node = chapters[0];
    const chapter = node && model.chapters.find((c) => c.title === node.name);
    const markdown = chapter
      ? `${formatStamp(stamp.seconds)} in chapter **${escapeMarkdown(chapter.title)}** (${chapter.timeText}), ${formatClock(Math.max(0, stamp.seconds - chapter.seconds))} after it starts`
      : `${formatStamp(stamp.seconds)}, before the first chapter`;
    return { markdown, range: stamp.range };
  }

  const label = labelAt(model, p);
  if (label) {
    const s = (stats ?? statistics(model)).speakers.find((x) => x.name === label.name);
    if (!s) return undefined;
    return {
      markdown: `**${escapeMarkdown(label.name)}**: ${plural(s.turns, 'turn')}, ${plural(s.words, 'word')}, ${Math.round(s.wordShare * 100)} % of the episode's words, about ${formatClock(Math.round(s.seconds))} of talking`,
      range: label.nameRange,
    };
  }

  const entry = model.chapters.find((c) => c.line === p.line);
  if (entry) {
    const c = (stats ?? statistics(model)).chapters[entry.index];
    const heading = model.headings.some((h) => h.chapter === entry.index)
      ? ''
      : ' (no heading in the body)';
    return {
      markdown: `**${escapeMarkdown(entry.title)}**${heading}: ${formatChapterTime(c.start)} to ${formatChapterTime(Math.round(c.end))}, ${formatClock(Math.round(c.length))} long, ${plural(c.turns, 'turn')}, ${plural(c.words, 'word')}${c.firstWords ? `\n\n> ${escapeMarkdown(c.firstWords)}` : ''}`,
      range: { start: entry.timeRange.start, end: entry.titleRange.end },
    };
  }
  return undefined;
}
