/**
 * The real one-hour episode of the shared corpus (../shared/corpus/ beside the
 * checkout, copied into the workspace by the runner): its labels are the
 * producer's spelling ('Torsten', 'Stephan'), the recogniser misspelt the
 * names in the text. Without the corpus the suite says so and skips.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  applyActionEdit,
  codeOf,
  diagnosticsWhen,
  exists,
  keys,
  openTranscript,
  REAL_EPISODE,
  setText,
  workspaceUri,
} from './helpers';

/** line:column (1-based) of each misspelt name in the text, as the e2e test states them. */
const STEPHAN_MISSPELT = [
  '14:107',
  '16:1',
  '18:183',
  '21:91',
  '34:25',
  '34:45',
  '106:91',
  '106:103',
  '294:41',
  '332:79',
  '407:54',
  '469:93',
  '570:11',
];
const TORSTEN_MISSPELT = ['28:9', '31:14', '458:143', '504:16'];
const TORSTEN_EVIDENCE =
  "speaker 'Torsten' (61 labels); the text spells it 'Thorsten' 3 times, 'thorsten' once";
const STEPHAN_EVIDENCE =
  "speaker 'Stephan' (33 labels); the text spells it 'Stefan' 12 times, 'stefan' once";
const RESPELL_THORSTEN = "Respell 'Thorsten'/'thorsten' as 'Torsten' (4 places)";
const THORSTEN_WORD = /(?<![\p{L}\p{M}])[Tt]horsten(?![\p{L}\p{M}])/gu;
const place = (d: vscode.Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1}`;
const eighteen = (d: vscode.Diagnostic[]) => d.length === 18;

describe('the real episode (shared corpus)', function () {
  let present = false;
  before(async function () {
    present = await exists(workspaceUri(REAL_EPISODE));
  });
  beforeEach(function () {
    if (!present) {
      console.log(
        `note: ${REAL_EPISODE} is not in the workspace (../shared/corpus/ is absent): skipped`,
      );
      this.skip();
    }
  });

  it("flags the text's misspelt names, not the 61 'Torsten:' and 33 'Stephan:' labels", async function () {
    const doc = await openTranscript(REAL_EPISODE);
    const lines = doc.getText().split('\n');
    assert.equal(lines.filter((l) => l === 'Torsten:').length, 61);
    assert.equal(lines.filter((l) => l === 'Stephan:').length, 33);
    const d = await diagnosticsWhen(doc.uri, eighteen, 'the 18 findings');
    assert.ok(d.every((x) => x.severity === vscode.DiagnosticSeverity.Warning));
    assert.deepEqual(keys(d.filter((x) => codeOf(x) !== 'speaker-name-in-text')), [
      'chapter-heading-mismatch@410',
    ]);
    const inText = d.filter((x) => codeOf(x) === 'speaker-name-in-text');
    const torsten = inText.filter((x) => x.message.includes("of 'Torsten'"));
    const stephan = inText.filter((x) => x.message.includes("of 'Stephan'"));
    assert.deepEqual(torsten.map(place), TORSTEN_MISSPELT);
    assert.deepEqual(stephan.map(place), STEPHAN_MISSPELT);
    for (const x of torsten)
      assert.equal(
        x.message,
        `'${doc.getText(x.range)}' looks like a misspelling of 'Torsten': ${TORSTEN_EVIDENCE}`,
      );
    for (const x of stephan)
      assert.equal(
        x.message,
        `'${doc.getText(x.range)}' looks like a misspelling of 'Stephan': ${STEPHAN_EVIDENCE}`,
      );
    assert.deepEqual(
      torsten.map((x) => doc.getText(x.range)),
      ['Thorsten', 'Thorsten', 'thorsten', 'Thorsten'],
    );
  });

  it("respells 'Thorsten' as 'Torsten' in all 4 places with the preferred quick fix", async function () {
    const doc = await openTranscript(REAL_EPISODE);
    const text = doc.getText();
    await diagnosticsWhen(doc.uri, eighteen, 'the 18 findings');
    try {
      // "Ich bin Thorsten Frenzel", the first turn: line 28, column 9.
      const word = new vscode.Range(27, 8, 27, 16);
      assert.equal(doc.getText(word), 'Thorsten');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        word,
        vscode.CodeActionKind.QuickFix.value,
      );
      assert.deepEqual(
        actions.map((a) => [a.title, a.isPreferred === true]),
        [
          [RESPELL_THORSTEN, true],
          ["Respell only this one as 'Torsten'", false],
          ["Rename speaker 'Torsten' to 'Thorsten' (61 labels) instead", false],
          ["Add 'Thorsten' to the roster as a misspelling of 'Torsten'", false],
          ["Ignore 'Thorsten': another name, not 'Torsten'", false],
        ],
      );
      await applyActionEdit(actions[0]!);
      assert.equal(doc.getText(), text.replace(THORSTEN_WORD, 'Torsten'));
      const left = await diagnosticsWhen(doc.uri, (x) => x.length === 14, '14 findings left');
      assert.deepEqual(
        left.filter((x) => x.message.includes("of 'Torsten'")),
        [],
      );
    } finally {
      await setText(doc, text);
    }
    await diagnosticsWhen(doc.uri, eighteen, 'the 18 findings again');
  });
});
