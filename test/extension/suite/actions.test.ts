import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  applyActionEdit,
  clearWorkspaceSettings,
  codeOf,
  diagnosticsWhen,
  keys,
  setText,
  waitFor,
} from './helpers';
import { EXPECTED_FINDINGS, freshExample, isBaseline, STEFAN_WORD } from './example';

const RESPELL_STEFAN = "Respell 'Stefan' as 'Stephan' (7 places)";
const FIX_ALL = 'Fix all safe transcript problems (4)';

function actionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string) {
  return vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
  );
}

/** The edits of a workspace edit for one document, as [range, newText] in order. */
function editsOf(edit: vscode.WorkspaceEdit | undefined, uri: vscode.Uri): [string, string][] {
  return (edit?.get(uri) ?? []).map((e) => [
    `${e.range.start.line + 1}:${e.range.start.character + 1}`,
    e.newText,
  ]);
}

describe('code actions on the example (vscode.executeCodeActionProvider)', function () {
  after(clearWorkspaceSettings);

  it("offers the respelling fixes on the text's 'Stefan', the first preferred, with their edits", async function () {
    const { uri, doc, text } = await freshExample();
    // "Ich bin Malte, und neben mir sitzt wie immer Stefan.": line 26, column 46.
    const stefan = new vscode.Range(25, 45, 25, 51);
    assert.equal(doc.getText(stefan), 'Stefan');
    const actions = await actionsAt(uri, stefan);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind?.value, a.isPreferred === true]),
      [
        [RESPELL_STEFAN, 'quickfix', true],
        ["Respell only this one as 'Stephan'", 'quickfix', false],
        ["Rename speaker 'Stephan' to 'Stefan' (12 labels) instead", 'quickfix', false],
        ["Add 'Stefan' to the roster as a misspelling of 'Stephan'", 'quickfix', false],
        ["Ignore 'Stefan': another name, not 'Stephan'", 'quickfix', false],
        // Asked without a kind, the provider adds its fix-all source action.
        [FIX_ALL, 'source.fixAll.transcript', false],
      ],
    );
    const [respell, one, rename, add, ignore] = actions as [
      vscode.CodeAction,
      vscode.CodeAction,
      vscode.CodeAction,
      vscode.CodeAction,
      vscode.CodeAction,
    ];
    const places = [...text.matchAll(STEFAN_WORD)].map((m) => {
      const p = doc.positionAt(m.index);
      return `${p.line + 1}:${p.character + 1}`;
    });
    assert.equal(places.length, 7);
    assert.deepEqual(
      editsOf(respell.edit, uri),
      places.map((p) => [p, 'Stephan']),
    );
    assert.deepEqual(editsOf(one.edit, uri), [['26:46', 'Stephan']]);
    const renamed = editsOf(rename.edit, uri);
    assert.equal(renamed.length, 12);
    assert.ok(renamed.every(([, t]) => t === 'Stefan'));
    // The roster fixes run the extension's command instead of editing.
    assert.equal(add.edit, undefined);
    assert.deepEqual(
      [add.command?.command, add.command?.arguments],
      [
        'transcript.addToRoster',
        [{ kind: 'misspelling', name: 'Stefan', speaker: 'Stephan' }, uri.toString()],
      ],
    );
    assert.deepEqual(
      [ignore.command?.command, ignore.command?.arguments],
      ['transcript.addToRoster', [{ kind: 'ignore', name: 'Stefan' }, uri.toString()]],
    );
  });

  it('applies the preferred respelling in one edit: 7 places, labels untouched, 5 warnings left', async function () {
    const { uri, doc, text } = await freshExample();
    const [respell] = await actionsAt(uri, new vscode.Range(25, 45, 25, 51));
    assert.equal(respell?.title, RESPELL_STEFAN);
    await applyActionEdit(respell!);
    assert.equal(doc.getText(), text.replace(STEFAN_WORD, 'Stephan'));
    assert.equal(
      doc
        .getText()
        .split('\n')
        .filter((l) => l === 'Stephan:').length,
      12,
    );
    const d = await diagnosticsWhen(uri, (x) => x.length === 7, '7 findings after the respelling');
    assert.deepEqual(
      keys(d),
      EXPECTED_FINDINGS.filter((k) => !k.startsWith('speaker-name-in-text')),
    );
  });

  it("runs 'Ignore' through its command: the workspace settings name 'Stefan' and the 7 findings go", async function () {
    const { uri } = await freshExample();
    const ignore = (await actionsAt(uri, new vscode.Range(25, 45, 25, 51))).find((a) =>
      a.title.startsWith("Ignore 'Stefan'"),
    )!;
    await vscode.commands.executeCommand(ignore.command!.command, ...ignore.command!.arguments!);
    assert.deepEqual(
      vscode.workspace.getConfiguration('transcript').inspect('ignoreNames')?.workspaceValue,
      ['Stefan'],
    );
    await diagnosticsWhen(
      uri,
      (d) => d.length === 7 && !d.some((x) => codeOf(x) === 'speaker-name-in-text'),
      'the text findings gone',
    );
    await clearWorkspaceSettings();
    await diagnosticsWhen(uri, isBaseline, 'the baseline again');
  });

  it("offers renaming or accepting 'Malt' on its label", async function () {
    const { uri, doc } = await freshExample();
    const label = new vscode.Range(40, 0, 40, 4);
    assert.equal(doc.getText(label), 'Malt');
    const actions = await actionsAt(uri, label);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind?.value, a.isPreferred === true]),
      [
        ["Rename speaker 'Malt' to 'Malte' (1 label)", 'quickfix', true],
        ["Accept 'Malt' as a known speaker, another person than 'Malte'", 'quickfix', false],
        [FIX_ALL, 'source.fixAll.transcript', false],
      ],
    );
    assert.deepEqual(editsOf(actions[0]!.edit, uri), [['41:1', 'Malte']]);
    assert.deepEqual(actions[1]!.command?.command, 'transcript.acceptSpeaker');
  });

  it('offers one source.fixAll action whose edit leaves only what needs a person', async function () {
    const { uri, doc } = await freshExample();
    const all = await actionsAt(
      uri,
      new vscode.Range(0, 0, 0, 0),
      vscode.CodeActionKind.SourceFixAll.value,
    );
    assert.deepEqual(
      all.map((a) => [a.title, a.kind?.value]),
      [[FIX_ALL, 'source.fixAll.transcript']],
    );
    const quick = await actionsAt(
      uri,
      new vscode.Range(0, 0, 0, 0),
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.deepEqual(
      quick.map((a) => a.title),
      [],
      'no fix-all among the quick fixes',
    );
    await applyActionEdit(all[0]!);
    const d = await diagnosticsWhen(uri, (x) => x.length === 4, '4 findings after fix-all');
    assert.deepEqual(keys(d), [
      'chapter-time-mismatch@8',
      'speaker-turn-empty@93',
      'timestamp-malformed@63',
      'timestamp-order@77',
    ]);
    assert.equal(doc.lineAt(40).text, 'Malte:', "the 'Malt' label respelt");
    assert.equal(doc.getText().match(STEFAN_WORD), null, "no 'Stefan' left in the text");
  });

  it('Transcript: Fix All Safe Problems (transcript.fixAll) applies that edit to the active editor, one undo takes it back', async function () {
    const { uri, doc, text } = await freshExample();
    const [fixAll] = await actionsAt(uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll');
    await applyActionEdit(fixAll!);
    const fixed = doc.getText();
    assert.notEqual(fixed, text);
    await setText(doc, text);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('transcript.fixAll');
    await waitFor(() => doc.getText() === fixed, 'the command to apply the fix-all edit');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === text, 'one undo to restore the text');
  });
});
