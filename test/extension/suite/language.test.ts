import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor, workspaceUri } from './helpers';

const encode = (s: string) => new TextEncoder().encode(s);

describe('activation and language detection', function () {
  it('activates without an error', async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it("gives an Auphonic .txt export (first line 'Generated Shownotes') the Transcript language, and leaves other .txt files alone", async function () {
    // No speaker labels: these documents stay open (to the language server too)
    // after the test, and must not add speakers to the workspace's.
    const files = {
      'auphonic.txt':
        'Generated Shownotes\nChapters\n0:00:00 Intro\nTranscript\nIntro\n[0:01] Hallo.\n',
      'bom.txt': '\uFEFFGenerated Shownotes\nTranscript\n[0:01] Hallo.\n',
      'notes.txt': 'Shopping list\n[0:01] milk\n',
    };
    const uris = Object.keys(files).map(workspaceUri);
    try {
      for (const [name, text] of Object.entries(files))
        await vscode.workspace.fs.writeFile(workspaceUri(name), encode(text));
      // notes.txt first: detection handles the documents in the order they open.
      const notes = await vscode.workspace.openTextDocument(workspaceUri('notes.txt'));
      const auphonic = await vscode.workspace.openTextDocument(workspaceUri('auphonic.txt'));
      const bom = await vscode.workspace.openTextDocument(workspaceUri('bom.txt'));
      const languageOf = (d: vscode.TextDocument) =>
        vscode.workspace.textDocuments.find((x) => x.uri.toString() === d.uri.toString())
          ?.languageId;
      await waitFor(
        () => languageOf(auphonic) === 'transcript' && languageOf(bom) === 'transcript',
        'both exports in the Transcript language',
      );
      assert.equal(languageOf(notes), 'plaintext');
      // An untitled plain-text document that starts like an export is detected too.
      const untitled = await vscode.workspace.openTextDocument({
        language: 'plaintext',
        content: files['auphonic.txt'],
      });
      await waitFor(
        () => languageOf(untitled) === 'transcript',
        'the untitled export as Transcript',
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const uri of uris) await vscode.workspace.fs.delete(uri);
    }
  });

  it('opens .transcript and *.transcript.txt files as Transcript by their names', async function () {
    const names = ['a.transcript', 'b.transcript.txt'];
    try {
      for (const name of names)
        await vscode.workspace.fs.writeFile(
          workspaceUri(name),
          encode('Transcript\n[0:01] Hallo.\n'),
        );
      for (const name of names) {
        const doc = await vscode.workspace.openTextDocument(workspaceUri(name));
        assert.equal(doc.languageId, 'transcript', name);
      }
    } finally {
      for (const name of names) await vscode.workspace.fs.delete(workspaceUri(name));
    }
  });
});
