/**
 * WebVTT and SRT files in a real VS Code, checked where they are: opened as
 * the editor opens them (Plain Text here; another extension may own them),
 * served by the language server by their name, with findings in Problems
 * and the speaker quick fix editing the cue text.
 */
import * as assert from 'node:assert/strict';
import { startVSCode, waitFor, type VSCodeSession } from './harness.js';
import {
  allProblems,
  closeAllEditors,
  renderedLines,
  SCENARIO_SETTINGS,
  vsixPath,
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

const RESPELL = "Respell 'Thorsten' as 'Torsten' (2 places)";

describe('WebVTT and SRT files, checked where they are', function () {
  let vs: VSCodeSession;

  before(async function () {
    vs = await startVSCode({
      vsix: vsixPath(),
      workspaceFiles: { 'episode.vtt': VTT, 'episode.srt': SRT },
      settings: SCENARIO_SETTINGS,
    });
  });

  afterEach(async function () {
    await vs?.saveFailureArtifacts(this.currentTest);
  });

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
    await vs.openFile('episode.srt');
    await vs.waitForProblems((c) => c.errors === 0 && c.warnings === 1, {
      timeout: 30_000,
      message: '1 warning in episode.srt',
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

  it('logged no activation error', function () {
    assert.deepEqual(vs.activationErrors(), []);
  });
});
