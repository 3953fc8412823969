import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { at, codeOf, diagnosticsWhen, keys, clearWorkspaceSettings } from './helpers';
import {
  EXPECTED_ERRORS,
  EXPECTED_FINDINGS,
  freshExample,
  isBaseline,
  MALT_MESSAGE,
  STEFAN_MESSAGE,
  STEFAN_PLACES,
  STEPHAN_LABEL_LINES,
} from './example';

describe('findings of the example (languages.getDiagnostics)', function () {
  after(clearWorkspaceSettings);

  it('reports every finding with its code, severity, range and source', async function () {
    const { uri } = await freshExample();
    const d = vscode.languages.getDiagnostics(uri);
    assert.deepEqual(keys(d), EXPECTED_FINDINGS);
    assert.deepEqual(
      keys(d.filter((x) => x.severity === vscode.DiagnosticSeverity.Error)),
      EXPECTED_ERRORS,
    );
    assert.equal(d.filter((x) => x.severity === vscode.DiagnosticSeverity.Warning).length, 12);
    assert.ok(d.every((x) => x.source === 'transcript'));
    // The text findings cover the misspelt word; the others start their line.
    const inText = d.filter((x) => codeOf(x) === 'speaker-name-in-text');
    assert.deepEqual(
      inText.map((x) => at(x.range)).sort(),
      STEFAN_PLACES.map((p) => {
        const [line, col] = p.split(':').map(Number);
        return `${line}:${col}-${line}:${col! + 'Stefan'.length}`;
      }).sort(),
    );
    for (const x of d.filter((y) => codeOf(y) !== 'speaker-name-in-text'))
      assert.equal(x.range.start.character, 0, `${codeOf(x)}@${x.range.start.line + 1}`);
    for (const x of inText) assert.equal(x.message, STEFAN_MESSAGE);
    assert.deepEqual(
      d
        .filter((x) => codeOf(x) === 'speaker-spelling')
        .map((x) => [x.range.start.line + 1, x.message]),
      [[41, MALT_MESSAGE]],
    );
    assert.deepEqual(
      d.filter((x) => STEPHAN_LABEL_LINES.includes(x.range.start.line + 1)),
      [],
      'nothing on a Stephan label',
    );
  });

  it('links related information: the earlier stamp, the label of the speaker', async function () {
    const { uri, doc } = await freshExample();
    const d = vscode.languages.getDiagnostics(uri);
    const order = d.find((x) => codeOf(x) === 'timestamp-order')!;
    assert.match(order.message, /\[1:14:07\]/);
    assert.equal(order.relatedInformation?.length, 1);
    const related = order.relatedInformation![0]!;
    assert.equal(related.location.uri.toString(), uri.toString());
    assert.equal(related.location.range.start.line + 1, 78);
    assert.match(doc.lineAt(77).text, /^\[14:09\]/);

    const inText = d.find((x) => codeOf(x) === 'speaker-name-in-text')!;
    assert.deepEqual(
      inText.relatedInformation?.map((r) => [
        r.location.uri.toString(),
        at(r.location.range),
        r.message,
      ]),
      [[uri.toString(), '27:1-27:8', "speaker 'Stephan' is labelled here"]],
    );
    assert.equal(doc.getText(inText.relatedInformation![0]!.location.range), 'Stephan');
  });

  it('re-checks the open document when transcript.speakers changes, and again when it is removed', async function () {
    const { uri } = await freshExample();
    const config = vscode.workspace.getConfiguration('transcript');
    await config.update('speakers', ['Stefan'], vscode.ConfigurationTarget.Workspace);
    // The roster outranks the labels: the 12 'Stephan:' labels are flagged
    // toward 'Stefan', and the text's 'Stefan' is no longer a misspelling.
    const d = await diagnosticsWhen(
      uri,
      (x) => x.filter((y) => codeOf(y) === 'speaker-spelling').length === 13,
      '13 speaker-spelling findings with Stefan known',
    );
    assert.equal(d.length, 19);
    assert.deepEqual(
      d.filter((x) => codeOf(x) === 'speaker-name-in-text'),
      [],
    );
    const spelling = d.filter((x) => codeOf(x) === 'speaker-spelling');
    assert.deepEqual(
      spelling.map((x) => x.range.start.line + 1).sort((a, b) => a - b),
      [...STEPHAN_LABEL_LINES, 41].sort((a, b) => a - b),
    );
    for (const x of spelling.filter((y) => y.range.start.line + 1 !== 41))
      assert.equal(
        x.message,
        "'Stephan' (12 labels) is a near spelling of the known speaker 'Stefan' (roster)",
      );

    await config.update('speakers', undefined, vscode.ConfigurationTarget.Workspace);
    await diagnosticsWhen(uri, isBaseline, 'the baseline findings again');
  });
});
