/**
 * VS Code for the Web: the extension as a web-only variant (the packaged
 * files with the `browser` entry and no `main`; `webOnlyVsixPath`) in
 * code-server, which can then run it only in its web worker extension host,
 * with the language server in a web worker of its own, reading the
 * workspace through the editor's file system (here `vscode-remote:`, as
 * github.dev's is `vscode-vfs:`). Asserted from the page, as a user sees it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot, startVSCode, waitFor, type VSCodeSession } from './harness.js';
import {
  acceptPath,
  allProblems,
  closeAllEditors,
  collapseExplorerFolder,
  collectListRows,
  countLines,
  editorLines,
  exampleEpisode,
  findingKeys,
  openTranscript,
  pickRow,
  quickPick,
  SCENARIO_SETTINGS,
  tabLabels,
  waitForCursorLine,
  waitForQuickInput,
  webOnlyVsixPath,
} from './workbench.js';
import { EXPECTED_FINDINGS, STEPHAN_LABEL_LINES } from '../example.js';

const EPISODE = exampleEpisode();
const CHAPTERS = EPISODE.split('\n')
  .slice(2, 11)
  .map((l) => l.replace(/^\d+:\d\d:\d\d /, ''));
const STEFAN_WORD = /(?<![\p{L}\p{M}])Stefan(?![\p{L}\p{M}])/gu;
const RESPELL_STEFAN = "Respell 'Stefan' as 'Stephan' (7 places)";
const BASELINE = (c: { errors: number; warnings: number }) => c.errors === 2 && c.warnings === 12;

/** Another episode of the show, found by the workspace index. */
const EP02 = [
  'Generated Shownotes',
  '',
  'Chapters',
  '0:00:00 Ausblick auf die Wahl',
  '',
  'Transcript',
  '',
  'Ausblick auf die Wahl',
  '',
  'Malte:',
  '[0:01] Willkommen zur zweiten Folge.',
  '',
  'Dr. Jana Albers:',
  '[0:05] Danke für die Einladung.',
  '',
].join('\n');
/** A guest's episode in a folder whose roster says the guest is 'Stefan'. */
const GUEST = EP02.replace(/Ausblick auf die Wahl/g, 'Gast im Studio').replace(
  'Dr. Jana Albers:',
  'Stephan:',
);

function cli(...args: string[]) {
  return spawnSync(process.execPath, [path.join(repoRoot(), 'dist', 'cli.js'), ...args], {
    encoding: 'utf8',
  });
}

describe('VS Code for the Web: the web-only extension in the web worker extension host', function () {
  let vs: VSCodeSession;

  before(async function () {
    vs = await startVSCode({
      vsix: await webOnlyVsixPath(),
      workspaceFiles: {
        'episode.txt': EPISODE,
        'ep02.transcript': EP02,
        'guest/ep03.txt': GUEST,
        'guest/transcript-roster.json': '{ "speakers": ["Stefan"] }\n',
      },
      settings: SCENARIO_SETTINGS,
    });
  });

  afterEach(async function () {
    await vs?.saveFailureArtifacts(this.currentTest);
  });

  after(async function () {
    await vs?.stop();
  });

  it('opens the Auphonic .txt as a Transcript and lists its findings in Problems', async function () {
    await openTranscript(vs, 'episode.txt');
    await vs.waitForProblems(BASELINE, { timeout: 30_000, message: 'the example’s findings' });
    assert.deepEqual(findingKeys(await allProblems(vs)), EXPECTED_FINDINGS);
  });

  it('ran in the web worker extension host, its server in a worker (the extension host logs)', async function () {
    const worker = await outputChannelText('Extension Host (Worker)', '_doActivateExtension');
    assert.match(worker, /_doActivateExtension podcast-transcripts\.podcast-transcripts\b/);
    // The Node extension host activated others (Git), not this one.
    const remote = await outputChannelText('Extension Host (Remote)', '_doActivateExtension');
    assert.match(remote, /_doActivateExtension vscode\.git\b/);
    assert.doesNotMatch(remote, /podcast-transcripts\.podcast-transcripts/);
    // The client's channel: the server answered from its worker.
    const server = await outputChannelText('Transcript Language Server', 'indexed');
    assert.match(server, /indexed \d+ transcripts/);
    await vs.press('Escape');
  });

  it('lists the chapters in the Outline', async function () {
    await openTranscript(vs, 'episode.txt');
    await collapseExplorerFolder(vs.page);
    await vs.outlineRows();
    const rows = await collectListRows(vs.page, '.outline-pane .monaco-list', ['.label-name']);
    assert.deepEqual(
      rows.filter((r) => r.level === 2).map((r) => r.parts['.label-name'] ?? r.text),
      CHAPTERS,
    );
  });

  it("respells every 'Stefan' with one quick fix, and one undo brings them back", async function () {
    await openTranscript(vs, 'episode.txt');
    await vs.waitForProblems(BASELINE, { message: 'the example’s findings' });
    await vs.lightbulbAt(26, 47);
    await vs.applyCodeAction(RESPELL_STEFAN);
    await vs.waitForProblems((c) => c.errors === 2 && c.warnings === 5, {
      message: '2 errors, 5 warnings after the respelling',
    });
    const respelt = await editorLines(vs, 26);
    assert.deepEqual(respelt, EPISODE.replace(STEFAN_WORD, 'Stephan').split('\n'));
    await vs.press('Control+Z');
    await vs.waitForProblems(BASELINE, { message: 'the findings back after one undo' });
    assert.deepEqual(await editorLines(vs), EPISODE.split('\n'));
    assert.equal(countLines(await editorLines(vs), /^Stephan:$/), STEPHAN_LABEL_LINES.length);
  });

  it('finds the chapters of other episodes with Ctrl+T (the index, read through the editor)', async function () {
    await openTranscript(vs, 'episode.txt');
    const rows = await quickPick(
      vs,
      'Control+T',
      '#Ausblick',
      (r) => r.some((x) => x.label === 'Ausblick auf die Wahl'),
      (r) => r.label === 'Ausblick auf die Wahl',
    );
    assert.match(rows.find((r) => r.label === 'Ausblick auf die Wahl')!.description, /ep02/);
    await waitFor(async () => (await vs.activeTabLabel())?.startsWith('ep02.transcript'), {
      message: 'ep02.transcript to open',
    });
    await waitForCursorLine(vs, 8);
  });

  it('reads the roster of a folder through the editor’s file system', async function () {
    await openTranscript(vs, 'guest/ep03.txt');
    // The roster says 'Stefan': the 'Stephan:' label is flagged toward it.
    await vs.waitForProblems((c) => c.errors === 0 && c.warnings === 1, {
      message: 'one warning in guest/ep03.txt',
    });
    const [p] = await allProblems(vs);
    assert.equal(p!.code, 'speaker-spelling');
    assert.equal(
      p!.message,
      "'Stephan' (1 label) is a near spelling of the known speaker 'Stefan' (roster)",
    );
    await closeAllEditors(vs);
  });

  it('exports WebVTT through the save dialog, as the CLI does', async function () {
    await openTranscript(vs, 'ep02.transcript');
    await vs.runCommand('Transcript: Export…');
    await pickRow(vs, /^Export Transcript$/, 'WebVTT transcript');
    const target = path.join(vs.workspaceDir, 'ep02.vtt');
    await waitForQuickInput(vs, /^Export WebVTT transcript$/, (v) => v.endsWith('.vtt'));
    await acceptPath(vs, /^Export WebVTT transcript$/, target, false);
    await vs.waitForNotification(/^Exported ep02\.vtt/);
    const written = await waitFor(
      () => (fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined),
      { message: 'ep02.vtt on disk' },
    );
    const expected = cli('export', '--to', 'vtt', path.join(vs.workspaceDir, 'ep02.transcript'));
    assert.equal(expected.status, 0, expected.stderr);
    assert.equal(written, expected.stdout);
    await closeAllEditors(vs);
  });

  it('imports an SRT file through the open dialog into a new transcript, as the CLI does', async function () {
    const srt = cli('export', '--to', 'srt', path.join(vs.workspaceDir, 'ep02.transcript'));
    assert.equal(srt.status, 0, srt.stderr);
    vs.writeWorkspaceFile('received/ep02.srt', srt.stdout);
    const srtFile = path.join(vs.workspaceDir, 'received', 'ep02.srt');
    await vs.runCommand('Transcript: Import…');
    await acceptPath(vs, /^Import Transcript$/, srtFile, true);
    await pickRow(vs, /^Chapters$/, 'No chapters file');
    await vs.waitForLanguageMode('Transcript');
    await waitFor(async () => /\bUntitled-\d/.test((await vs.activeTabLabel()) ?? ''), {
      message: 'an untitled editor',
    });
    const expected = cli('import', srtFile);
    assert.equal(expected.status, 0, expected.stderr);
    assert.deepEqual(await editorLines(vs), expected.stdout.split('\n'));
    await vs.runCommand('View: Revert and Close Editor');
    await closeAllEditors(vs);
  });

  it('shows the statistics in the Markdown preview', async function () {
    await openTranscript(vs, 'episode.txt');
    await vs.runCommand('Transcript: Show Statistics');
    await waitFor(async () => (await tabLabels(vs.page)).some((t) => /statistics\.md/.test(t)), {
      message: 'a statistics preview tab',
    });
    const stephan = await waitFor(
      async () => {
        for (const frame of vs.page.frames()) {
          const rows = await frame
            .evaluate(() =>
              Array.from(document.querySelectorAll('table tr')).map((tr) =>
                Array.from(tr.querySelectorAll('th, td')).map((c) =>
                  (c.textContent ?? '').replace(/\s+/g, ' ').trim(),
                ),
              ),
            )
            .catch(() => [] as string[][]);
          const row = rows.find((r) => r[0] === 'Stephan');
          if (row) return row;
        }
        return undefined;
      },
      { message: 'the row of Stephan in the preview' },
    );
    // 12 turns of his own and the 'Malte & Stephan:' turn.
    assert.equal(stephan[1], '13');
    await closeAllEditors(vs);
  });

  it('plays the example’s audio in the player, from a paragraph’s stamp', async function () {
    fs.copyFileSync(
      path.join(repoRoot(), 'examples', 'episode.ogg'),
      path.join(vs.workspaceDir, 'episode.ogg'),
    );
    await openTranscript(vs, 'episode.txt');
    await vs.runCommand('Transcript: Open Player');
    const frame = await waitFor(
      async () => {
        for (const f of vs.page.frames()) {
          if (
            (await f
              .locator('#clock')
              .count()
              .catch(() => 0)) > 0
          )
            return f;
        }
        return undefined;
      },
      { timeout: 20_000, message: "the player webview's frame" },
    );
    const read = () =>
      frame.evaluate(() => ({
        state: document.body.dataset.state ?? '',
        clock: (document.getElementById('clock')?.textContent ?? '').trim(),
        time: Number(document.getElementById('clock')?.dataset.time ?? 'NaN'),
        name: (document.getElementById('name')?.textContent ?? '').trim(),
      }));
    await waitFor(
      async () => {
        const r = await read();
        return r.name === 'episode.ogg' && /\/ 25:4\d$/.test(r.clock) ? r : undefined;
      },
      { message: 'episode.ogg loaded (25:4x)' },
    );
    // Play from Here on the [0:31] paragraph (line 34).
    await vs.page
      .locator('.part.editor .tabs-container .tab', { hasText: /^episode\.txt/ })
      .first()
      .click();
    await vs.gotoLine(34, 8);
    await vs.press('Control+Alt+h');
    const r = await waitFor(
      async () => {
        const now = await read();
        return now.state === 'playing' && now.time >= 31 && now.time < 40 ? now : undefined;
      },
      { message: 'playing from 0:31' },
    );
    assert.equal(r.state, 'playing');
    await closeAllEditors(vs);
  });

  it('logged no activation error', function () {
    assert.deepEqual(vs.activationErrors(), []);
  });

  /**
   * The text of an Output channel, filtered to the lines holding `filter`
   * (the Output view's own filter), as shown.
   */
  async function outputChannelText(channel: string, filter: string): Promise<string> {
    await vs.runCommand('Output: Show Output Channels...');
    await pickRow(vs, /./, channel);
    const panel = vs.page.locator('.part.panel');
    const box = panel.locator('.viewpane-filter input').first();
    await box.fill(filter);
    // The channel's lines once it is shown and the filter applied (a long line wraps).
    return waitFor(
      async () => {
        const shown = await panel
          .locator('select.monaco-select-box')
          .first()
          .evaluate((el: HTMLSelectElement) => el.options[el.selectedIndex]?.text ?? '');
        if (shown !== channel) throw new Error(`the Output view shows ${shown}`);
        const text = await panel.locator('.monaco-editor .view-lines').first().innerText();
        // Monaco draws spaces as no-break spaces.
        const plain = text.replace(/\u00a0/g, ' ').replace(/\n/g, ' ');
        return plain.includes(filter) ? plain : undefined;
      },
      { message: `lines with ${filter} in the ${channel} channel` },
    );
  }
});
