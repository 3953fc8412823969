/**
 * Completion on a line of its own in the body: speaker names as label lines
 * (most used first), and the chapter titles that have no heading yet.
 */
import type { TranscriptModel } from './model';
import type { Settings } from './settings';
import { range, type Position, type Range } from './text';

export interface Completion {
  readonly label: string;
  readonly kind: 'speaker' | 'chapter';
  readonly insertText: string;
  readonly detail: string;
  readonly sortText: string;
  /** The part of the line the completion replaces. */
  readonly range: Range;
}

function inBody(model: TranscriptModel, line: number): boolean {
  const body = model.body;
  if (!body) return false;
  const transcript = model.sections.find((s) => s.kind === 'transcript');
  if (transcript) return line > transcript.headerLine && line <= transcript.endLine;
  return !model.sections.some(
    (s) => s.kind !== 'title' && line >= s.startLine && line <= s.endLine,
  );
}

export function completions(
  model: TranscriptModel,
  p: Position,
  settings: Settings,
  /** Episodes of the rest of the workspace that use each speaker name. */
  workspace: ReadonlyMap<string, number> = new Map(),
  /** Names not to offer: those reported as misspellings. */
  avoid: ReadonlySet<string> = new Set(),
): Completion[] {
  if (p.line < 0 || p.line >= model.text.lineCount) return [];
  const text = model.text.line(p.line);
  const before = text.slice(0, p.character);
  const after = text.slice(p.character);
  // Only on a line of its own: nothing after the cursor, no stamp or colon typed.
  if (after.trim() !== '' || /[[:]/.test(before) || before.length > 60) return [];
  if (!inBody(model, p.line)) return [];
  const typed = before.trim().toLowerCase();
  const lead = before.length - before.trimStart().length;
  const replace = range(p.line, lead, text.length);

  const inFile = new Map<string, number>();
  for (const l of model.labels)
    if (l.line !== p.line) inFile.set(l.name, (inFile.get(l.name) ?? 0) + 1);
  const names = new Set<string>([
    ...inFile.keys(),
    ...settings.speakers.map((s) => s.name),
    ...workspace.keys(),
  ]);
  const ranked = [...names]
    .filter((n) => !avoid.has(n) && n.toLowerCase().startsWith(typed))
    .map((name) => ({ name, here: inFile.get(name) ?? 0, elsewhere: workspace.get(name) ?? 0 }))
    .sort((a, b) => b.here - a.here || b.elsewhere - a.elsewhere || a.name.localeCompare(b.name));

  const out: Completion[] = ranked.map((s, i) => ({
    label: `${s.name}:`,
    kind: 'speaker',
    insertText: `${s.name}:`,
    detail: [
      s.here ? `${s.here} ${s.here === 1 ? 'turn' : 'turns'} here` : '',
      s.elsewhere ? `${s.elsewhere} other ${s.elsewhere === 1 ? 'episode' : 'episodes'}` : '',
      settings.speakers.some((k) => k.name === s.name) ? 'known speaker' : '',
    ]
      .filter(Boolean)
      .join(', '),
    sortText: `0-${String(i).padStart(5, '0')}`,
    range: replace,
  }));

  const headed = new Set(model.headings.map((h) => h.chapter));
  for (const c of model.chapters) {
    if (headed.has(c.index) || !c.title.toLowerCase().startsWith(typed)) continue;
    out.push({
      label: c.title,
      kind: 'chapter',
      insertText: c.title,
      detail: `chapter heading (${c.timeText}), not yet in the body`,
      sortText: `1-${String(c.index).padStart(5, '0')}`,
      range: replace,
    });
  }
  return out;
}
