/**
 * In-file navigation: chapter entry ↔ body heading (definition), the turns of
 * a speaker (references), and renaming a speaker.
 */
import type { SpeakerLabel, TranscriptModel } from './model';
import { lowerBound } from './search';
import type { Position, Range, TextEdit } from './text';

function contains(r: Range, p: Position): boolean {
  return (
    (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) &&
    (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character))
  );
}

/** The speaker label under the cursor: anywhere on a label line. */
export function labelAt(model: TranscriptModel, p: Position): SpeakerLabel | undefined {
  const i = lowerBound(model.labels, p.line, (l) => l.line);
  const label = model.labels[i];
  return label && label.line === p.line ? label : undefined;
}

/** From a chapter entry to its heading in the body, and from a heading back to its entry. */
export function definition(model: TranscriptModel, p: Position): Range | undefined {
  const entry = model.chapters.find((c) => c.line === p.line);
  if (entry) return model.headings.find((h) => h.chapter === entry.index)?.range;
  const heading = model.headings.find((h) => h.line === p.line && contains(h.range, p));
  if (heading) return model.chapters[heading.chapter].titleRange;
  return undefined;
}

/** Every label of the speaker whose label is under the cursor. */
export function references(model: TranscriptModel, p: Position): Range[] {
  const label = labelAt(model, p);
  if (!label) return [];
  return model.labels.filter((l) => l.name === label.name).map((l) => l.nameRange);
}

export type PrepareRenameResult =
  | { readonly ok: true; readonly range: Range; readonly placeholder: string }
  | { readonly ok: false; readonly message: string };

export function prepareRename(model: TranscriptModel, p: Position): PrepareRenameResult {
  const label = labelAt(model, p);
  if (!label)
    return {
      ok: false,
      message: "Only speaker names can be renamed: put the cursor on a label such as 'Malte:'",
    };
  return { ok: true, range: label.nameRange, placeholder: label.name };
}

/** Why a name cannot be a speaker label, or undefined when it can. */
export function invalidSpeakerName(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'A speaker name cannot be empty';
  if (/[\r\n]/.test(name)) return 'A speaker name must be on one line';
  if (trimmed.includes(':')) return "A speaker name cannot contain ':'";
  if (trimmed.startsWith('[')) return "A speaker name cannot start with '['";
  if (trimmed.length > 60) return 'A speaker name has at most 60 characters';
  return undefined;
}

export type RenameResult =
  | { readonly ok: true; readonly edits: TextEdit[] }
  | { readonly ok: false; readonly message: string };

/** Renames every label of the speaker under the cursor, in one edit. */
export function renameSpeaker(model: TranscriptModel, p: Position, newName: string): RenameResult {
  const prepared = prepareRename(model, p);
  if (!prepared.ok) return prepared;
  const problem = invalidSpeakerName(newName);
  if (problem) return { ok: false, message: problem };
  const edits = references(model, p).map((range) => ({ range, newText: newName.trim() }));
  return { ok: true, edits };
}
