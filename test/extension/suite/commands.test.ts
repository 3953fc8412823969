import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  analyze,
  applyEdits,
  DEFAULT_SETTINGS,
  parse,
  shiftTimestamps,
  statistics,
  statisticsMarkdown,
} from '../../../server/src/core';
import { exportTranscript } from '../../../server/src/core/formats/export';
import { importTranscript } from '../../../server/src/core/formats/import';
import { shiftScopeAt } from '../../../server/src/core/shift';
import { CLEAN } from '../../unit/util';
import {
  clearWorkspaceSettings,
  codeOf,
  diagnosticsWhen,
  EXTENSION_ID,
  exists,
  keys,
  openTranscript,
  waitFor,
  workspaceUri,
} from './helpers';
import { EXPECTED_FINDINGS, freshExample, isBaseline } from './example';

const ROSTER = 'transcript-roster.json';
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/**
 * Runs a command that waits for a quick input, and keeps invoking `answer`
 * (a workbench command acting on the open quick input) until `done` holds or
 * the command has returned.
 */
async function answering(
  command: string,
  answer: string,
  done: () => boolean | Promise<boolean>,
  message: string,
): Promise<void> {
  let settled = false;
  const running = Promise.resolve(vscode.commands.executeCommand(command)).finally(() => {
    settled = true;
  });
  await waitFor(async () => {
    if (await done()) return true;
    if (settled) throw new Error(`${command} returned first`);
    await vscode.commands.executeCommand(answer);
    return false;
  }, message);
  await running;
}

/**
 * Runs a command that asks through a quick input (an input box, VS Code's own
 * open dialog) and closes that input until the command returns.
 */
async function closingItsInput(command: string): Promise<void> {
  let settled = false;
  const running = Promise.resolve(vscode.commands.executeCommand(command)).finally(() => {
    settled = true;
  });
  await waitFor(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    return settled;
  }, `${command} to return once its input is closed`);
  await running;
}

describe('the contributed commands', function () {
  afterEach(clearWorkspaceSettings);

  it('registers every command the manifest contributes', async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map(
      (c) => c.command,
    );
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((c) => !registered.has(c)),
      [],
    );
    assert.ok(registered.has('transcript.addToRoster'), 'the roster fixes’ command');
  });

  it('Show Statistics (transcript.showStatistics) shows the statistics the core computes, in Markdown', async function () {
    const { doc, text } = await freshExample();
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('transcript.showStatistics');
    const uri = vscode.Uri.from({
      scheme: 'transcript-statistics',
      path: '/episode.txt statistics.md',
    });
    const shown = await vscode.workspace.openTextDocument(uri);
    const markdown = shown.getText();
    assert.equal(
      markdown,
      statisticsMarkdown(statistics(analyze(text, DEFAULT_SETTINGS).model), 'episode.txt'),
    );
    assert.match(markdown, /^# Statistics: episode\.txt/);
    // The numbers the label's hover gives.
    assert.match(markdown, /^\| Malte \| 12 \| 151 \|/m);
  });

  it("Accept Speaker Name (transcript.acceptSpeaker 'Malt', ['Malte'], uri) writes both to the workspace settings", async function () {
    const { uri } = await freshExample();
    await vscode.commands.executeCommand(
      'transcript.acceptSpeaker',
      'Malt',
      ['Malte'],
      uri.toString(),
    );
    assert.deepEqual(
      vscode.workspace.getConfiguration('transcript').inspect('speakers')?.workspaceValue,
      ['Malt', 'Malte'],
    );
    const d = await diagnosticsWhen(
      uri,
      (x) => !x.some((y) => codeOf(y) === 'speaker-spelling'),
      "'Malt' known",
    );
    assert.deepEqual(
      keys(d),
      EXPECTED_FINDINGS.filter((k) => k !== 'speaker-spelling@41'),
    );
    // A name that is not a string is ignored.
    await vscode.commands.executeCommand('transcript.acceptSpeaker', 42, [], uri.toString());
    assert.deepEqual(
      vscode.workspace.getConfiguration('transcript').inspect('speakers')?.workspaceValue,
      ['Malt', 'Malte'],
    );
    await clearWorkspaceSettings();
    await diagnosticsWhen(uri, isBaseline, 'the baseline again');
  });

  it(`Accept Speaker Name writes to the workspace's ${ROSTER} when there is one, keeping its comments`, async function () {
    const { uri } = await freshExample();
    const roster = workspaceUri(ROSTER);
    const text = ['{', "  // The show's hosts", '  "speakers": ["Malte", "Stephan"]', '}', ''].join(
      '\n',
    );
    await vscode.workspace.fs.writeFile(roster, new TextEncoder().encode(text));
    try {
      await diagnosticsWhen(
        uri,
        (d) =>
          d.some(
            (x) =>
              x.message ===
              "'Malt' (1 label) is a near spelling of the known speaker 'Malte' (roster)",
          ),
        'the Malt finding citing the roster',
      );
      await vscode.commands.executeCommand('transcript.acceptSpeaker', 'Malt', [], uri.toString());
      assert.equal(
        decode(await vscode.workspace.fs.readFile(roster)),
        [
          '{',
          "  // The show's hosts",
          '  "speakers": [',
          '    "Malte",',
          '    "Stephan",',
          '    "Malt"',
          '  ]',
          '}',
          '',
        ].join('\n'),
      );
      assert.equal(
        vscode.workspace.getConfiguration('transcript').inspect('speakers')?.workspaceValue,
        undefined,
      );
      await diagnosticsWhen(
        uri,
        (d) => !d.some((x) => codeOf(x) === 'speaker-spelling'),
        "'Malt' known from the roster",
      );
    } finally {
      await vscode.workspace.fs.delete(roster);
    }
    await diagnosticsWhen(uri, isBaseline, 'the baseline again');
  });

  it('Shift Timestamps… (transcript.shiftTimestamps) with its offset input closed, changes nothing', async function () {
    const { doc, text } = await freshExample();
    await vscode.window.showTextDocument(doc);
    await closingItsInput('transcript.shiftTimestamps');
    assert.equal(doc.getText(), text);
  });

  it("Shift Timestamps (transcript.shiftTimestamps '+1:00') from the top: every stamp and chapter time, as the core shifts them", async function () {
    const { doc, text } = await freshExample();
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const model = parse(text);
    const expected = shiftTimestamps(model, 60, shiftScopeAt(model, 0));
    assert.ok(expected.ok && expected.stamps === 39 && expected.chapters === 9);
    await vscode.commands.executeCommand('transcript.shiftTimestamps', '+1:00');
    await waitFor(() => doc.getText() !== text, 'the shifted text');
    assert.equal(doc.getText(), applyEdits(text, expected.edits));
    assert.match(doc.getText(), /^0:01:00 Begrüßung$/m);
    // One undo takes it back; a wrong offset changes nothing.
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === text, 'the text back after one undo');
    await vscode.commands.executeCommand('transcript.shiftTimestamps', 'soon');
    assert.equal(doc.getText(), text);
  });

  it('Export… (transcript.export) picks the first format and saves beside the transcript what the core exports', async function () {
    const source = workspaceUri('clean.transcript');
    const target = workspaceUri('clean.vtt');
    await vscode.workspace.fs.writeFile(source, new TextEncoder().encode(CLEAN));
    try {
      const doc = await openTranscript('clean.transcript');
      await vscode.window.showTextDocument(doc);
      await diagnosticsWhen(doc.uri, (d) => d.length === 0, 'no findings in the clean transcript');
      // The format pick (WebVTT first), then the save dialog's default: clean.vtt.
      await answering(
        'transcript.export',
        'workbench.action.acceptSelectedQuickOpenItem',
        () => exists(target),
        'clean.vtt written',
      );
      const expected = exportTranscript(CLEAN, 'vtt', { settings: DEFAULT_SETTINGS });
      assert.ok(expected.ok);
      assert.equal(decode(await vscode.workspace.fs.readFile(target)), expected.content);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const uri of [source, target])
        if (await exists(uri)) await vscode.workspace.fs.delete(uri);
    }
  });

  it('Import… (transcript.import) with its open dialog closed, opens nothing', async function () {
    const documents = () => vscode.workspace.textDocuments.map((d) => d.uri.toString()).sort();
    const before = documents();
    await closingItsInput('transcript.import');
    assert.deepEqual(
      documents().filter((d) => !before.includes(d)),
      [],
    );
  });

  it('Import (transcript.import with an SRT and a chapters file) opens what the core imports, as a Transcript', async function () {
    const srt = workspaceUri('imported.srt');
    const chapters = workspaceUri('imported.chapters.json');
    const SRT =
      '1\n00:00:01,000 --> 00:00:04,000\nAnna: Hallo und willkommen.\n\n2\n00:00:05,000 --> 00:00:08,000\nBen: Danke, Anna.\n';
    const CHAPTERS = '{"version":"1.2.0","chapters":[{"startTime":0,"title":"Begrüßung"}]}';
    await vscode.workspace.fs.writeFile(srt, new TextEncoder().encode(SRT));
    await vscode.workspace.fs.writeFile(chapters, new TextEncoder().encode(CHAPTERS));
    try {
      const expected = importTranscript(SRT, { chapters: CHAPTERS });
      assert.ok(expected.ok);
      await vscode.commands.executeCommand('transcript.import', srt, chapters);
      const opened = await waitFor(
        () =>
          vscode.workspace.textDocuments.find((d) => d.isUntitled && d.getText() === expected.text),
        'the imported transcript in an untitled editor',
      );
      assert.equal(opened.languageId, 'transcript');
      assert.match(opened.getText(), /^0:00:00 Begrüßung$/m);
      assert.match(opened.getText(), /^Anna:$/m);
      assert.equal(vscode.window.activeTextEditor?.document, opened);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await vscode.workspace.fs.delete(srt);
      await vscode.workspace.fs.delete(chapters);
    }
  });
});
