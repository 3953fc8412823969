/** Speaker turns with no words. */
import { finding, type Finding } from '../findings';
import type { SpeakerLabel, TranscriptModel } from '../model';
import { range } from '../text';

export function emptyTurns(model: TranscriptModel): readonly Finding[] {
  // In a cue file an empty turn is an empty cue, reported as `cue-empty`.
  if (model.cues) return [];
  // Each empty turn's label and the next label: the findings are those of
  // the last call when these are the same objects and the text ends alike
  // (an edit in prose makes new turns, not new labels).
  const empty: (SpeakerLabel | undefined)[] = [];
  model.turns.forEach((turn, i) => {
    if (!turn.hasWords) empty.push(turn.label, model.turns[i + 1]?.label);
  });
  if (empty.length === 0) return [];
  const { text } = model;
  const lastLine = text.lineCount - 1;
  const end = text.lineLength(lastLine);
  const last = lastEmpty;
  if (
    last &&
    last.lastLine === lastLine &&
    last.end === end &&
    last.empty.length === empty.length &&
    last.empty.every((l, i) => l === empty[i])
  )
    return last.findings;
  const findings = emptyTurnFindings(model);
  lastEmpty = { empty, lastLine, end, findings };
  return findings;
}

let lastEmpty:
  | {
      readonly empty: readonly (SpeakerLabel | undefined)[];
      readonly lastLine: number;
      readonly end: number;
      readonly findings: readonly Finding[];
    }
  | undefined;

function emptyTurnFindings(model: TranscriptModel): Finding[] {
  const findings: Finding[] = [];
  model.turns.forEach((turn, i) => {
    if (turn.hasWords) return;
    const next = model.turns[i + 1];
    const label = turn.label;
    const lineEnd =
      label.line + 1 < model.text.lineCount
        ? { line: label.line + 1, character: 0 }
        : { line: label.line, character: model.text.lineLength(label.line) };
    findings.push(
      finding(
        'speaker-turn-empty',
        label.range,
        next
          ? `'${label.name}:' has no words before the next label '${next.label.name}:' on line ${next.label.line + 1}`
          : `'${label.name}:' has no words before the end of the transcript`,
        {
          related: next ? [{ range: next.label.range, message: 'Next label' }] : undefined,
          fixes: [
            {
              title: `Remove the empty label '${label.name}:'`,
              edits: [
                { range: { start: range(label.line, 0, 0).start, end: lineEnd }, newText: '' },
              ],
            },
          ],
        },
      ),
    );
  });
  return findings;
}
