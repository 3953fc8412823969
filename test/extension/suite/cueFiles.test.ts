/**
 * WebVTT and SRT files through the API: served by their name whatever their
 * language, with their findings, their outline, and the Transcript commands
 * that act on them (Shift Timestamps), as the core does it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyEdits, parse, shiftTimestamps } from '../../../server/src/core';
import { shiftScopeAt } from '../../../server/src/core/shift';
import { codeOf, diagnosticsWhen, waitFor, workspaceUri } from './helpers';

const VTT = [
  'WEBVTT',
  '',
  '1',
  '00:00:00.000 --> 00:00:04.000',
  '<v Torsten>Hallo, ich bin Thorsten.',
  '',
  '2',
  '00:00:04.000 --> 00:00:08.500',
  '<v Stephan>Danke Torsten.',
  '',
  '3',
  '00:00:08.000 --> 00:00:12.000',
  '<v Torsten>Gut, Stephan.',
  '',
].join('\n');

describe('cue files (WebVTT) through the API', function () {
  const uri = workspaceUri('api-cues.vtt');
  let doc: vscode.TextDocument;

  before(async function () {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(VTT));
    doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
  });

  after(async function () {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
  });

  it('serves the file by its name, whatever its language: findings and outline', async function () {
    assert.notEqual(doc.languageId, 'transcript');
    const d = await diagnosticsWhen(uri, (x) => x.length === 2, 'two findings');
    assert.deepEqual(
      d.map((x) => `${codeOf(x)}@${x.range.start.line + 1}:${x.range.start.character + 1}`).sort(),
      ['cue-overlap@12:1', 'speaker-name-in-text@5:27'],
    );
    const symbols = await waitFor(
      () =>
        Promise.resolve(
          vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
            'vscode.executeDocumentSymbolProvider',
            uri,
          ),
        ),
      'the outline',
    );
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Torsten 0:00', 'Stephan 0:04', 'Torsten 0:08'],
    );
  });

  it('Shift Timestamps moves both ends of every cue, as the core does, in the file syntax', async function () {
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const model = parse(VTT, { fileName: 'api-cues.vtt' });
    const expected = shiftTimestamps(model, 60, shiftScopeAt(model, 0));
    assert.ok(expected.ok && expected.stamps === 3);
    await vscode.commands.executeCommand('transcript.shiftTimestamps', '+1:00');
    await waitFor(() => doc.getText() !== VTT, 'the shifted text');
    assert.equal(doc.getText(), applyEdits(VTT, expected.edits));
    assert.match(doc.getText(), /^00:01:04\.000 --> 00:01:08\.500$/m);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === VTT, 'the text back after one undo');
  });
});
