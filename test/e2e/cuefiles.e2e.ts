/**
 * WebVTT, SRT and Otter files in a real VS Code, checked where they are:
 * cue files opened as the editor opens them (Plain Text here; another
 * extension may own them) and served by the language server by their name,
 * an Otter `.txt` recognised by its first lines. Findings in Problems, the
 * Outline (with the chapters of `episode.chapters.json` beside the cue
 * file), the speaker quick fix editing the layout's own text, Shift
 * Timestamps and Export…, each compared with what the built CLI does to
 * the same file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli } from '../cli/helpers.js';
import { startVSCode, waitFor, type VSCodeSession } from './harness.js';
import {
  acceptPath,
  allProblems,
  closeAllEditors,
  collectListRows,
  editorLines,
  pickRow,
  renderedLines,
  SCENARIO_SETTINGS,
  vsixPath,
  waitForQuickInput,
  type RenderedLine,
} from './workbench.js';

const VTT = [
  'WEBVTT',
  '',
  'NOTE made by a speech service',
  '',
  '1',
  '00:00:00.000 --> 00:00:04.000',
  '<v Torsten>Hallo und willkommen, ich bin Thorsten Frenzel.',
  '',
  '2',
  '00:00:04.000 --> 00:00:08.500',
  '<v Stephan>Danke Thorsten. Schön hier zu sein.',
  '',
  '3',
  '00:00:08.000 --> 00:00:12.000 align:start',
  'und weiter geht es mit Stephan.',
  '',
  '4',
  '59.240 --> 1:03.100',
  '<v Torsten>Gut, Stephan.',
  '',
  '5',
  '00:01:06.000 --> 00:01:08.000',
  '<v Stephan>Ja, Torsten.',
  '',
].join('\n');

const SRT = [
  '1',
  '00:00:01,000 --> 00:00:03,000',
  'Malte: Hallo und willkommen.',
  '',
  '2',
  '00:00:03,000 --> 00:00:05,000',
  'Heute mit Stefan.',
  '',
  '3',
  '00:00:05,000 --> 00:00:07,000',
  'Stephan: Danke Malte.',
  '',
  '4',
  '00:00:07,000 --> 00:00:09,000',
  'Stephan: Gerne.',
  '',
  '5',
  '00:00:09,000 --> 00:00:11,500',
  'Malte: Weiter.',
  '',
].join('\n');

/** Chapters beside episode.vtt (Podcasting 2.0 JSON). */
const CHAPTERS = JSON.stringify({
  version: '1.2.0',
  chapters: [
    { startTime: 0, title: 'Begrüßung' },
    { startTime: 59, title: 'Zum Schluss' },
  ],
});

/** Otter's text export: `Name  m:ss` headers, paragraphs, the footer. */
const OTTER = [
  'Torsten Frenzel  0:00',
  'Hallo und willkommen zum Podcast. Ich bin Thorsten.',
  '',
  'Stephan  0:12',
  'Danke für die Einladung, Thorsten.',
  '',
  'Torsten Frenzel  0:31',
  'Heute geht es um offene Daten.',
  '',
  'Stephan  1:05',
  'Gern.',
  '',
  'Transcribed by https://otter.ai',
  '',
].join('\n');

/** The `Name (00:00):` family in Markdown dress, as podcast sites publish it. */
const REV = [
  '**Torsten Frenzel (00:00):** Hallo, ich bin Thorsten.',
  '',
  '**Stephan (00:12):** Danke, Torsten Frenzel.',
  '',
  '**Torsten Frenzel (00:31):** Gern.',
  '',
].join('\n');

const RESPELL = "Respell 'Thorsten' as 'Torsten' (2 places)";

describe('WebVTT, SRT and Otter files, checked where they are', function () {
  let vs: VSCodeSession;

  before(async function () {
    vs = await startVSCode({
      vsix: vsixPath(),
      workspaceFiles: {
        'episode.vtt': VTT,
        'episode.chapters.json': CHAPTERS,
        'talk.srt': SRT,
        'interview.txt': OTTER,
        'rev.md': REV,
        'notes.md': '# Show notes\n\nTorsten (00:00): not a transcript, a note about one.\n',
      },
      settings: SCENARIO_SETTINGS,
    });
  });

  afterEach(async function () {
    await vs?.saveFailureArtifacts(this.currentTest);
  });

  /** The Outline's rows as `level name` once they are `expected` (the view follows the active editor). */
  async function outlineOf(expected: readonly string[]): Promise<void> {
    await vs.outlineRows(); // opens the Outline view
    let last: string[] = [];
    await waitFor(
      async () => {
        const rows = await collectListRows(vs.page, '.outline-pane .monaco-list', ['.label-name']);
        last = rows.map((r) => `${r.level} ${r.parts['.label-name'] ?? r.text}`);
        return JSON.stringify(last) === JSON.stringify(expected);
      },
      { timeout: 20_000, message: `the outline ${JSON.stringify(expected)}` },
    ).catch((e: Error) => {
      throw new Error(`${e.message}; last seen ${JSON.stringify(last)}`);
    });
  }

  /** "Transcript: Shift Timestamps…" with the cursor where it is, by `offset`. */
  async function shiftBy(offset: string): Promise<void> {
    await vs.runCommand('Transcript: Shift Timestamps…');
    const widget = vs.page.locator('.quick-input-widget').first();
    await waitFor(
      async () => (await widget.isVisible()) && /Shift Timestamps/.test(await widget.innerText()),
      { message: 'the Shift Timestamps input' },
    );
    await vs.page.locator('.quick-input-widget .quick-input-box input').first().fill(offset);
    await vs.press('Enter');
    await waitFor(async () => !(await widget.isVisible()), { message: 'the input to close' });
  }

  /** What `transcript shift` writes for a copy of the workspace file `name`. */
  function shiftedByCli(name: string, by: string, from: string): string {
    const copy = path.join(vs.run.root, `cli-${name}`);
    fs.writeFileSync(copy, vs.readWorkspaceFile(name));
    const r = cli('shift', '--by', by, '--from', from, copy);
    assert.equal(r.status, 0, r.stderr);
    return fs.readFileSync(copy, 'utf8');
  }

  after(async function () {
    await vs?.stop();
  });

  it('lists a WebVTT file’s findings in Problems, and respells a name in the cue text with one quick fix', async function () {
    await closeAllEditors(vs);
    await vs.openFile('episode.vtt');
    const counts = await vs.waitForProblems((c) => c.errors === 2 && c.warnings === 3, {
      timeout: 30_000,
      message: '2 errors, 3 warnings in episode.vtt',
    });
    assert.equal(counts.label, 'Errors: 2, Warnings: 3');
    const problems = await allProblems(vs);
    assert.deepEqual(
      problems.map((p) => `${p.code}@${p.line}:${p.column}`),
      [
        'cue-timing-malformed@18:1',
        'cue-timing-malformed@18:12',
        'speaker-name-in-text@7:42',
        'speaker-name-in-text@11:18',
        'cue-overlap@14:1',
      ],
    );
    // The language stays what the editor chose: the server reads the file by its name.
    await vs.waitForLanguageMode('Plain Text');
    // Under Plain Text the speaker names and cue times are coloured by the
    // server's semantic tokens, apart from the text.
    const spanOf = (l: RenderedLine | undefined, text: string) =>
      l?.spans.find((x) => x.text.trim() === text);
    const colours = await waitFor(
      async () => {
        const lines = await renderedLines(vs.page);
        const speaker = spanOf(lines.get(7), 'Torsten');
        const time = spanOf(lines.get(6), '00:00:00.000');
        const plain = lines.get(15)?.spans[0];
        if (!speaker || !time || !plain || speaker.color === plain.color) return undefined;
        return { speaker, time, plain };
      },
      { timeout: 20_000, message: 'the semantic colours of the speaker and the cue time' },
    );
    const seen = JSON.stringify(colours);
    assert.equal(
      new Set([colours.speaker.color, colours.time.color, colours.plain.color]).size,
      3,
      `distinct colours: ${seen}`,
    );

    // (The lightbulb sits a line lower here, where line 7 starts with `<v`: ask with Ctrl+.)
    await vs.gotoLine(7, 43);
    const actions = await vs.codeActions();
    assert.equal(actions[0], RESPELL);
    await vs.applyCodeAction(RESPELL);
    await vs.waitForProblems((c) => c.errors === 2 && c.warnings === 1, {
      message: 'the two name findings gone',
    });
    await vs.press('Control+S');
    await waitFor(
      () => vs.readWorkspaceFile('episode.vtt') === VTT.replaceAll('Thorsten', 'Torsten'),
      {
        message: 'both places respelt inside the cues, nothing else changed',
      },
    );
  });

  it('reads an SRT file’s Name: prefixes as speakers and flags the text against them', async function () {
    await closeAllEditors(vs);
    await vs.openFile('talk.srt');
    await vs.waitForProblems((c) => c.errors === 0 && c.warnings === 1, {
      timeout: 30_000,
      message: '1 warning in talk.srt',
    });
    const problems = await allProblems(vs);
    assert.deepEqual(
      problems.map((p) => [p.code, p.line, p.column, p.message]),
      [
        [
          'speaker-name-in-text',
          7,
          11,
          "'Stefan' looks like a misspelling of 'Stephan': speaker 'Stephan' (2 labels); the text spells it 'Stefan' once",
        ],
      ],
    );
  });

  it('lists the chapters of episode.chapters.json in a WebVTT file’s Outline, the cues’ turns under them', async function () {
    await closeAllEditors(vs);
    await vs.openFile('episode.vtt');
    await outlineOf([
      '1 Begrüßung',
      '2 Torsten 0:00',
      '2 Stephan 0:04',
      '1 Zum Schluss',
      '2 Torsten 0:59.240',
      '2 Stephan 1:06',
    ]);
  });

  it('shifts a cue’s timings from the cursor on (both ends, as written), as the CLI does', async function () {
    await closeAllEditors(vs);
    await vs.openFile('episode.vtt');
    await vs.gotoLine(22, 1); // the timing line of the last cue, 00:01:06.000 --> 00:01:08.000
    await shiftBy('+2');
    const want = shiftedByCli('episode.vtt', '+2', '0:01:06');
    assert.ok(want.includes('\n00:01:08.000 --> 00:01:10.000\n'), want);
    await waitFor(async () => (await editorLines(vs)).join('\n') === want, {
      message: 'the editor holding what transcript shift writes',
    });
    await vs.runCommand('File: Revert File');
  });

  it('reads an Otter text file: findings, Outline, the speaker quick fix and a shift', async function () {
    await closeAllEditors(vs);
    await vs.openFile('interview.txt');
    // Recognised by its first lines: the Transcript language, not Plain Text.
    await vs.waitForLanguageMode('Transcript');
    await vs.waitForProblems((c) => c.errors === 0 && c.warnings === 2, {
      timeout: 30_000,
      message: '2 warnings in interview.txt',
    });
    assert.deepEqual(
      (await allProblems(vs)).map((p) => `${p.code}@${p.line}:${p.column}`),
      ['speaker-name-in-text@2:43', 'speaker-name-in-text@5:26'],
    );
    await outlineOf([
      '1 Torsten Frenzel 0:00',
      '1 Stephan 0:12',
      '1 Torsten Frenzel 0:31',
      '1 Stephan 1:05',
    ]);

    await vs.gotoLine(2, 44);
    assert.equal((await vs.codeActions())[0], RESPELL);
    await vs.applyCodeAction(RESPELL);
    await vs.waitForProblems((c) => c.errors === 0 && c.warnings === 0, {
      message: 'the name findings gone',
    });
    await vs.press('Control+S');
    await waitFor(
      () => vs.readWorkspaceFile('interview.txt') === OTTER.replaceAll('Thorsten', 'Torsten'),
      { message: 'both places respelt, the labels and the rest as they were' },
    );

    // Shift from the third turn on: its header time and the next one's.
    await vs.gotoLine(7, 1);
    await shiftBy('+5');
    const want = shiftedByCli('interview.txt', '+5', '0:00:31');
    assert.ok(want.includes('Torsten Frenzel  0:36\n') && want.includes('Stephan  1:10\n'), want);
    await waitFor(async () => (await editorLines(vs)).join('\n') === want, {
      message: 'the editor holding what transcript shift writes',
    });
    await vs.runCommand('File: Revert File');
  });

  it('opens a Markdown file of `**Name (00:00):**` turns as a Transcript, other Markdown as Markdown', async function () {
    await closeAllEditors(vs);
    await vs.openFile('rev.md');
    await vs.waitForLanguageMode('Transcript');
    await vs.waitForProblems((c) => c.errors === 0 && c.warnings === 1, {
      timeout: 30_000,
      message: '1 warning in rev.md',
    });
    assert.deepEqual(
      (await allProblems(vs)).map((p) => `${p.code}@${p.line}:${p.column}`),
      ['speaker-name-in-text@1:45'],
    );
    await closeAllEditors(vs);
    await vs.openFile('notes.md');
    await vs.waitForLanguageMode('Markdown');
  });

  it('exports an SRT file to WebVTT through Export… and the save dialog, as the CLI does', async function () {
    await closeAllEditors(vs);
    await vs.openFile('talk.srt');
    await vs.waitForProblems((c) => c.errors === 0 && c.warnings === 1, {
      timeout: 30_000,
      message: '1 warning in talk.srt',
    });
    await vs.runCommand('Transcript: Export…');
    await pickRow(vs, /^Export Transcript$/, 'WebVTT transcript');
    // Proposed beside the transcript, under its name; written elsewhere here.
    const proposed = await waitForQuickInput(vs, /^Export WebVTT transcript$/, (v) =>
      v.endsWith('.vtt'),
    );
    assert.equal(proposed, path.join(vs.workspaceDir, 'talk.vtt'));
    const target = path.join(vs.workspaceDir, 'from-srt.vtt');
    await acceptPath(vs, /^Export WebVTT transcript$/, target, false);
    await vs.waitForNotification('Exported from-srt.vtt');
    const written = await waitFor(
      () => (fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined),
      { message: 'from-srt.vtt on disk' },
    );
    const expected = cli('export', '--to', 'vtt', path.join(vs.workspaceDir, 'talk.srt'));
    assert.equal(expected.status, 0, expected.stderr);
    assert.equal(written, expected.stdout);
    assert.match(written, /^WEBVTT\n\n/);
    assert.match(written, /\n<v Malte>Heute mit Stefan\.\n/);
    assert.match(written, /<v Stephan>Danke Malte\./);
  });

  it('logged no activation error', function () {
    assert.deepEqual(vs.activationErrors(), []);
  });
});
