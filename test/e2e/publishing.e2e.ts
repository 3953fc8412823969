/**
 * Issue "Publishing": "Transcript: Export…" and "Transcript: Import…" driven
 * as a user drives them in code-server: the command palette, the quick pick
 * of the format, the confirmation for a transcript with errors, and VS Code's
 * own file dialogs (in the browser these are the simple dialogs: a path in an
 * input box, accepted with Enter).
 *
 * What the commands write is compared with what the built CLI writes for the
 * same file, so the editor and the command line publish the same bytes; the
 * formats themselves are checked with independent parsers in test/unit.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli } from '../cli/helpers.js';
import { startVSCode, waitFor, type VSCodeSession } from './harness.js';
import {
  acceptPath,
  closeAllEditors,
  openTranscript,
  editorLines,
  exampleEpisode,
  pickRow,
  SCENARIO_SETTINGS,
  vsixPath,
  waitForQuickInput,
} from './workbench.js';

const EPISODE = exampleEpisode();
/** The example with its two error findings corrected (a malformed and a backwards stamp). */
const CLEAN = EPISODE.replace('[12:6]', '[12:06]').replace('[1:14:07]', '[14:07]');

describe('Publishing from the editor: Export… and Import…', function () {
  let vs: VSCodeSession;
  /** Waits for a modal dialog whose text matches `text`; returns its text. */
  async function waitForDialog(text: RegExp): Promise<string> {
    return waitFor(
      async () => {
        const dialog = vs.page.locator('.monaco-dialog-box').first();
        if (!(await dialog.isVisible())) return undefined;
        const now = await dialog.innerText();
        if (!text.test(now)) throw new Error(`the dialog says ${JSON.stringify(now)}`);
        return now;
      },
      { message: `a dialog matching ${text}` },
    );
  }

  async function clickDialogButton(label: string): Promise<void> {
    const dialog = vs.page.locator('.monaco-dialog-box').first();
    await dialog.locator('.monaco-button', { hasText: label }).first().click();
    await waitFor(async () => !(await dialog.isVisible()), {
      message: `the dialog closed (${label})`,
    });
  }

  /** Runs "Transcript: Export…" on the active editor and picks the format row `label`. */
  async function exportAs(label: string): Promise<void> {
    await vs.runCommand('Transcript: Export…');
    const rows = await pickRow(vs, /^Export Transcript$/, label);
    // Every format of the issue is offered.
    for (const format of [
      'WebVTT transcript',
      'SubRip subtitles',
      'Podcasting 2.0 JSON transcript',
      'HTML transcript',
      'Podcasting 2.0 JSON chapters',
      'Podlove Simple Chapters 1.2',
      'mp4chaps chapters',
    ])
      assert.ok(
        rows.some((r) => r.startsWith(format)),
        `${format} in ${JSON.stringify(rows)}`,
      );
  }

  before(async function () {
    vs = await startVSCode({
      vsix: vsixPath(),
      workspaceFiles: { 'episode.txt': EPISODE, 'clean.txt': CLEAN },
      // The export settings reach the export: narrower cues, and a chapters track beside WebVTT.
      settings: {
        ...SCENARIO_SETTINGS,
        'transcript.export.lineWidth': 40,
        'transcript.export.vttChaptersTrack': true,
      },
    });
    // The clean copy really has no errors (warnings only: exit 0).
    const check = cli('check', path.join(vs.workspaceDir, 'clean.txt'));
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.match(check.stdout + check.stderr, /^0 errors, 12 warnings in 1 file$/m);
  });

  afterEach(async function () {
    await vs?.saveFailureArtifacts(this.currentTest);
    await closeAllEditors(vs);
  });

  after(async function () {
    await vs?.stop();
  });

  it('exports WebVTT through the format pick, the errors confirmation and the save dialog', async function () {
    await openTranscript(vs, 'episode.txt');
    await exportAs('WebVTT transcript');

    // The example has two errors: a modal names them and offers to export anyway.
    const text = await waitForDialog(/Not exported: the transcript has 2 errors/);
    assert.match(text, /63:1 timestamp-malformed/);
    assert.match(text, /77:1 timestamp-order/);
    await clickDialogButton('Export Anyway');

    // The save dialog proposes episode.vtt beside the transcript.
    const target = path.join(vs.workspaceDir, 'episode.vtt');
    const proposed = await waitForQuickInput(vs, /^Export WebVTT transcript$/, (v) =>
      v.endsWith('.vtt'),
    );
    assert.equal(proposed, target);
    await acceptPath(vs, /^Export WebVTT transcript$/, target, false);

    await vs.waitForNotification('Exported episode.vtt and episode.chapters.vtt');
    const written = await waitFor(
      () => (fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined),
      { message: 'episode.vtt on disk' },
    );
    const track = path.join(vs.workspaceDir, 'episode.chapters.vtt');
    const cliTrack = path.join(vs.run.root, 'cli.chapters.vtt');
    const expected = cli(
      'export',
      '--to',
      'vtt',
      '--force',
      '--line-width',
      '40',
      '--chapters-track',
      cliTrack,
      path.join(vs.workspaceDir, 'episode.txt'),
    );
    assert.equal(expected.status, 0, expected.stderr);
    assert.equal(written, expected.stdout);
    assert.equal(fs.readFileSync(track, 'utf8'), fs.readFileSync(cliTrack, 'utf8'));
    assert.match(
      fs.readFileSync(track, 'utf8'),
      /^WEBVTT\n\n00:00:00\.000 --> 00:02:15\.000\nBegrüßung\n/,
    );
    // 40 characters per cue line, as set.
    const cueLines = written.split('\n').filter((l) => l && !/-->|^WEBVTT|^\d+$/.test(l));
    assert.ok(
      cueLines.every((l) => l.replace(/<[^>]*>/g, '').length <= 40),
      cueLines.find((l) => l.replace(/<[^>]*>/g, '').length > 40),
    );
    assert.match(written, /^WEBVTT\n/);
    assert.match(written, /<v Malte>Hallo und herzlich willkommen/);

    // A chapters track already beside a new target is kept unless replaced.
    const again = path.join(vs.workspaceDir, 'again.vtt');
    const theirs = path.join(vs.workspaceDir, 'again.chapters.vtt');
    fs.writeFileSync(theirs, 'WEBVTT\n\nsomeone else’s chapters\n');
    await exportAs('WebVTT transcript');
    await clickDialogButton('Export Anyway');
    await acceptPath(vs, /^Export WebVTT transcript$/, again, false);
    const ask = await waitForDialog(/again\.chapters\.vtt already exists/);
    assert.match(ask, /Replace it with the new chapters track\?/);
    await clickDialogButton('Cancel');
    await vs.waitForNotification('Exported again.vtt (again.chapters.vtt kept)');
    assert.equal(fs.readFileSync(again, 'utf8'), written);
    assert.equal(fs.readFileSync(theirs, 'utf8'), 'WEBVTT\n\nsomeone else’s chapters\n');
  });

  it('exports Podlove Simple Chapters of a clean transcript to a path typed in the save dialog', async function () {
    await openTranscript(vs, 'clean.txt');
    await exportAs('Podlove Simple Chapters 1.2');
    // No errors: no confirmation, straight to the save dialog.
    const proposed = await waitForQuickInput(vs, /^Export Podlove Simple Chapters 1\.2$/, (v) =>
      v.endsWith('.xml'),
    );
    assert.equal(proposed, path.join(vs.workspaceDir, 'clean.psc.xml'));
    const target = path.join(vs.workspaceDir, 'chapters-for-the-feed.xml');
    await acceptPath(vs, /^Export Podlove Simple Chapters 1\.2$/, target, false);

    await vs.waitForNotification('Exported chapters-for-the-feed.xml');
    const written = await waitFor(
      () => (fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined),
      { message: 'the chapters file on disk' },
    );
    const expected = cli('export', '--to', 'psc', path.join(vs.workspaceDir, 'clean.txt'));
    assert.equal(expected.status, 0, expected.stderr);
    assert.equal(written, expected.stdout);
    assert.equal(written.match(/<psc:chapter /g)?.length, 9);
    assert.match(written, /<psc:chapter start="00:02:15(\.000)?" title="Neues aus den Kommunen"/);
  });

  it('imports an SRT file with a chapters file into a new transcript', async function () {
    // What a producer receives: subtitles and chapters written by another tool (here our CLI).
    const clean = path.join(vs.workspaceDir, 'clean.txt');
    const srt = cli('export', '--to', 'srt', clean);
    const chapters = cli('export', '--to', 'chapters-json', clean);
    assert.equal(srt.status, 0, srt.stderr);
    assert.equal(chapters.status, 0, chapters.stderr);
    vs.writeWorkspaceFile('received/interview.srt', srt.stdout);
    vs.writeWorkspaceFile('received/chapters.json', chapters.stdout);
    const srtFile = path.join(vs.workspaceDir, 'received', 'interview.srt');
    const chaptersFile = path.join(vs.workspaceDir, 'received', 'chapters.json');

    await vs.runCommand('Transcript: Import…');
    await acceptPath(vs, /^Import Transcript$/, srtFile, true);
    await pickRow(vs, /^Chapters$/, 'Add a chapters file…');
    await acceptPath(vs, /^Chapters \(/, chaptersFile, true);

    // A new, untitled transcript opens with the imported text.
    await vs.waitForLanguageMode('Transcript');
    await waitFor(async () => /\bUntitled-\d/.test((await vs.activeTabLabel()) ?? ''), {
      message: 'an untitled editor',
    });
    const expected = cli('import', srtFile, '--chapters', chaptersFile);
    assert.equal(expected.status, 0, expected.stderr);
    const lines = await editorLines(vs);
    assert.deepEqual(lines, expected.stdout.split('\n'));
    // Speakers, chapter headings and stamps came through.
    assert.ok(lines.includes('Dr. Jana Albers:'));
    assert.ok(lines.includes('Neues aus den Kommunen'));
    assert.ok(lines.some((l) => l.startsWith('[14:07] ')));
  });
});
