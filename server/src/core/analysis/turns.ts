/** Speaker turns with no words. */
import { finding, type Finding } from '../findings';
import type { TranscriptModel } from '../model';
import { range } from '../text';

export function emptyTurns(model: TranscriptModel): Finding[] {
  const findings: Finding[] = [];
  // In a cue file an empty turn is an empty cue, reported as `cue-empty`.
  if (model.cues) return findings;
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
