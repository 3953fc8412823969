/** The example we ship and the real episode (when the shared corpus is beside the repo). */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, applyEdits, DEFAULT_SETTINGS, fixAllText, outline } from '../../server/src/core';
import { describeCorpus } from '../corpus';

const root = path.resolve(__dirname, '../..');

function summary(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of analyze(text).findings)
    counts[`${f.severity} ${f.code}: ${f.message}`] =
      (counts[`${f.severity} ${f.code}: ${f.message}`] ?? 0) + 1;
  return counts;
}

describe('examples/episode.txt', () => {
  const text = readFileSync(path.join(root, 'examples/episode.txt'), 'utf8');

  it('shows each deliberate mistake once, and nothing else', () => {
    assert.deepEqual(summary(text), {
      "warning speaker-name-in-text: 'Stefan' looks like a misspelling of 'Stephan': speaker 'Stephan' (12 labels); the text spells it 'Stefan' 7 times": 7,
      "warning speaker-spelling: 'Malt' (1 label) looks like a misspelling of 'Malte' (11 labels)": 1,
      'error timestamp-order: [1:14:07] is later than [14:09] on line 78, which comes after it: timestamps must not go back in time': 1,
      "error timestamp-malformed: '[12:6]' is not a valid timestamp: expected [m:ss] or [h:mm:ss] with minutes and seconds from 00 to 59": 1,
      "warning chapter-heading-mismatch: Heading 'Open Data Im Rathaus' differs from the chapter title 'Open Data im Rathaus' on line 5 in case or spacing": 1,
      "warning chapter-heading-missing: Chapter 'Fragen aus der Community' (0:20:45) has no heading in the transcript body": 1,
      "warning chapter-time-mismatch: Chapter 'Lizenzen und Nutzungsbedingungen' is listed at 0:17:20, but its heading on line 85 stands between [17:48] and [17:52] (tolerance 10 s)": 1,
      "warning speaker-turn-empty: 'Malte:' has no words before the next label 'Stephan:' on line 94": 1,
    });
  });
});

describeCorpus('the real episode (shared corpus)', (corpus) => {
  const text = readFileSync(corpus, 'utf8');
  const { model, findings } = analyze(text);

  it('shows exactly the expected warnings and no errors', () => {
    assert.deepEqual(summary(text), {
      // The labels (61 'Torsten', 33 'Stephan') are right; the recogniser's text is not.
      "warning speaker-name-in-text: 'Stefan' looks like a misspelling of 'Stephan': speaker 'Stephan' (33 labels); the text spells it 'Stefan' 12 times, 'stefan' once": 12,
      "warning speaker-name-in-text: 'stefan' looks like a misspelling of 'Stephan': speaker 'Stephan' (33 labels); the text spells it 'Stefan' 12 times, 'stefan' once": 1,
      "warning speaker-name-in-text: 'Thorsten' looks like a misspelling of 'Torsten': speaker 'Torsten' (61 labels); the text spells it 'Thorsten' 3 times, 'thorsten' once": 3,
      "warning speaker-name-in-text: 'thorsten' looks like a misspelling of 'Torsten': speaker 'Torsten' (61 labels); the text spells it 'Thorsten' 3 times, 'thorsten' once": 1,
      "warning chapter-heading-mismatch: Heading 'EGovernment und Vertauen' differs from the chapter title 'eGovernment und Vertauen' on line 8 in case or spacing": 1,
    });
  });

  it('lists the 10 chapters with their turns in the outline', () => {
    const body = outline(model).find((n) => n.name === 'Transcript')!;
    assert.equal(body.children.length, 10);
    assert.ok(body.children.every((c) => c.kind === 'chapter' && c.children.length > 0));
    assert.equal(body.children[0].children[0].name, 'Torsten 0:51');
    assert.equal(body.children[1].children[0].name, 'Malte 1:49');
    const turns = body.children.reduce((n, c) => n + c.children.length, 0);
    assert.ok(turns >= model.turns.length, `${turns} turn pieces for ${model.turns.length} turns`);
  });

  it('respells all 13 Stefan places in one quick fix, the preferred fix, and no fix changes a label', () => {
    const labelLines = (t: string) =>
      t.split('\n').filter((l) => /^(Torsten|Stephan|Malte):$/.test(l));
    const f = findings.find(
      (x) => x.code === 'speaker-name-in-text' && x.message.startsWith("'Stefan'"),
    )!;
    const fix = f.fixes![0];
    assert.equal(fix.title, "Respell 'Stefan'/'stefan' as 'Stephan' (13 places)");
    assert.equal(fix.preferred, true);
    assert.equal(fix.safe, true);
    assert.equal(fix.edits.length, 13);
    assert.ok(fix.edits.every((e) => e.newText === 'Stephan'));
    const after = applyEdits(text, fix.edits);
    assert.equal(after.match(/(?<!\p{L})stefan(?!\p{L})/giu), null);
    assert.equal(after.match(/^Stephan:$/gm)?.length, 33);
    assert.equal(after.match(/^Torsten:$/gm)?.length, 61);
    assert.deepEqual(labelLines(after), labelLines(text));
    assert.ok(
      !analyze(after).findings.some(
        (x) => x.message.startsWith("'Stefan'") || x.message.startsWith("'stefan'"),
      ),
    );
    // No speaker finding's preferred or unattended fix touches a label.
    const labelAt = new Set(model.labels.map((l) => l.nameRange.start.line));
    for (const x of findings.filter((y) => y.code.startsWith('speaker'))) {
      assert.ok(!labelAt.has(x.range.start.line), `a finding on label line ${x.range.start.line}`);
      for (const y of (x.fixes ?? []).filter((z) => z.preferred || z.safe))
        assert.ok(
          y.edits.every((e) => !labelAt.has(e.range.start.line)),
          `'${y.title}' edits a label`,
        );
    }
    // And the unattended repair leaves every label as it is.
    const fixed = fixAllText(text, DEFAULT_SETTINGS);
    assert.deepEqual(labelLines(fixed.text), labelLines(text));
    assert.ok(fixed.applied.includes("Respell 'Thorsten'/'thorsten' as 'Torsten' (4 places)"));
    assert.ok(!fixed.applied.some((t) => t.startsWith('Rename')));
  });
});
