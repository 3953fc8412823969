/**
 * The real one-hour episode (egovernment-podcast-153.txt of the shared corpus
 * beside the checkout, ../shared/corpus/) in code-server with the packaged
 * extension: its labels are the producer's spelling ('Torsten', 'Stephan'),
 * the recogniser misspelt the names in the text ('Thorsten', 'Stefan'). The
 * labels get no finding; the text's misspellings do, and one quick fix
 * respells them all in one edit that one undo takes back.
 *
 * Without the corpus the suite says so once and skips this file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, startVSCode, waitFor, type VSCodeSession } from './harness.js';
import { allProblems, openTranscript, SCENARIO_SETTINGS, vsixPath } from './workbench.js';

const CORPUS = path.resolve(repoRoot(), '..', 'shared', 'corpus', 'egovernment-podcast-153.txt');
const FILE = 'egovernment-podcast-153.txt';

/** line:column (1-based) of each misspelt name in the text, as the core reports them. */
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
  '407:54', // 'stefan'
  '469:93',
  '570:11',
];
const TORSTEN_MISSPELT = ['28:9', '31:14', '458:143' /* 'thorsten' */, '504:16'];
const TORSTEN_EVIDENCE =
  "speaker 'Torsten' (61 labels); the text spells it 'Thorsten' 3 times, 'thorsten' once";
const STEPHAN_EVIDENCE =
  "speaker 'Stephan' (33 labels); the text spells it 'Stefan' 12 times, 'stefan' once";

const RESPELL_THORSTEN = "Respell 'Thorsten'/'thorsten' as 'Torsten' (4 places)";
/** The quick fixes on "Thorsten" in the first turn, in the menu's order (the first is preferred). */
const THORSTEN_ACTIONS = [
  RESPELL_THORSTEN,
  "Respell only this one as 'Torsten'",
  "Rename speaker 'Torsten' to 'Thorsten' (61 labels) instead",
  "Add 'Thorsten' to the roster as a misspelling of 'Torsten'",
  "Ignore 'Thorsten': another name, not 'Torsten'",
];

/** 'Thorsten' or 'thorsten' as a word of the text. */
const THORSTEN_WORD = /(?<![\p{L}\p{M}])[Tt]horsten(?![\p{L}\p{M}])/gu;
const countLines = (text: string, re: RegExp) => text.split('\n').filter((l) => re.test(l)).length;

describe('The real episode in a real VS Code (shared corpus)', function () {
  if (!fs.existsSync(CORPUS)) {
    it('is not beside this checkout: skipped', function () {
      console.log(
        `      note: ${path.relative(repoRoot(), CORPUS)} is absent; the real-episode scenario does not run`,
      );
      this.skip();
    });
    return;
  }
  const EPISODE = fs.readFileSync(CORPUS, 'utf8');
  let vs: VSCodeSession;

  before(async function () {
    vs = await startVSCode({
      vsix: vsixPath(),
      workspaceFiles: { [FILE]: EPISODE },
      settings: SCENARIO_SETTINGS,
    });
  });

  afterEach(async function () {
    await vs?.saveFailureArtifacts(this.currentTest);
  });

  after(async function () {
    await vs?.stop();
  });

  it("flags the text's misspelt names, not the 61 'Torsten:' and 33 'Stephan:' labels", async function () {
    assert.equal(countLines(EPISODE, /^Torsten:$/), 61);
    assert.equal(countLines(EPISODE, /^Stephan:$/), 33);
    await openTranscript(vs, FILE);
    const counts = await vs.waitForProblems((c) => c.errors === 0 && c.warnings === 18, {
      timeout: 30_000,
      message: '0 errors, 18 warnings',
    });
    assert.equal(counts.label, 'Warnings: 18');
    const problems = await allProblems(vs);
    assert.equal(problems.length, 18);
    assert.deepEqual(
      problems.filter((p) => p.code === 'speaker-spelling'),
      [],
      'no finding on a label',
    );
    const lines = EPISODE.split('\n');
    for (const p of problems)
      assert.doesNotMatch(lines[p.line - 1]!, /^[^[\s:][^:]*:$/, `${p.code}@${p.line} on a label`);

    const inText = problems.filter((p) => p.code === 'speaker-name-in-text');
    const at = (p: (typeof problems)[number]) => `${p.line}:${p.column}`;
    const toTorsten = inText.filter((p) => p.message.includes("of 'Torsten'"));
    const toStephan = inText.filter((p) => p.message.includes("of 'Stephan'"));
    assert.equal(inText.length, 17);
    assert.deepEqual(toTorsten.map(at), TORSTEN_MISSPELT);
    assert.deepEqual(toStephan.map(at), STEPHAN_MISSPELT);
    // Each message names the spelling at its place and the evidence.
    const spelt = (p: (typeof problems)[number]) =>
      lines[p.line - 1]!.slice(p.column - 1).match(/^\p{L}+/u)![0];
    for (const p of toTorsten)
      assert.equal(
        p.message,
        `'${spelt(p)}' looks like a misspelling of 'Torsten': ${TORSTEN_EVIDENCE}`,
      );
    assert.deepEqual(toTorsten.map(spelt), ['Thorsten', 'Thorsten', 'thorsten', 'Thorsten']);
    const stephanSpellings: Record<string, number> = {};
    for (const p of toStephan) {
      const word = spelt(p);
      stephanSpellings[word] = (stephanSpellings[word] ?? 0) + 1;
      assert.equal(
        p.message,
        `'${word}' looks like a misspelling of 'Stephan': ${STEPHAN_EVIDENCE}`,
      );
    }
    assert.deepEqual(stephanSpellings, { Stefan: 12, stefan: 1 });
    assert.deepEqual(
      problems.filter((p) => p.code !== 'speaker-name-in-text').map((p) => `${p.code}@${p.line}`),
      ['chapter-heading-mismatch@410'],
    );
  });

  it("respells 'Thorsten' as 'Torsten' in all 4 places with the first quick fix, and one undo restores them", async function () {
    await openTranscript(vs, FILE);
    await vs.waitForProblems((c) => c.errors === 0 && c.warnings === 18, {
      timeout: 30_000,
      message: 'the 18 warnings',
    });
    // "Ich bin Thorsten Frenzel", the first turn.
    await vs.lightbulbAt(28, 10);
    assert.deepEqual(await vs.codeActions(), THORSTEN_ACTIONS);

    await vs.applyCodeAction(RESPELL_THORSTEN);
    await vs.waitForProblems((c) => c.errors === 0 && c.warnings === 14, {
      message: '14 warnings after the respelling',
    });
    const left = await allProblems(vs);
    assert.deepEqual(
      left.filter((p) => p.message.includes("of 'Torsten'")),
      [],
      'no Torsten finding left',
    );
    assert.equal(left.filter((p) => p.code === 'speaker-name-in-text').length, 13);
    // The quick fix does not save: save to read what the editor holds.
    await vs.press('Control+S');
    const expected = EPISODE.replace(THORSTEN_WORD, 'Torsten');
    assert.equal(EPISODE.match(THORSTEN_WORD)?.length, 4);
    await waitFor(() => vs.readWorkspaceFile(FILE) === expected, {
      message: 'the respelt episode saved (all 4 mentions, nothing else)',
    });
    assert.equal(countLines(expected, /^Torsten:$/), 61, 'the labels are left as they were');
    assert.equal(countLines(expected, /^Stephan:$/), 33);

    // One undo restores all 4, and the findings.
    await vs.press('Control+Z');
    await vs.waitForProblems((c) => c.errors === 0 && c.warnings === 18, {
      message: 'the 18 warnings back after one undo',
    });
    await vs.press('Control+S');
    await waitFor(() => vs.readWorkspaceFile(FILE) === EPISODE, {
      message: 'the episode saved as it was after one undo',
    });
  });

  it('logged no activation error', function () {
    assert.deepEqual(vs.activationErrors(), []);
  });
});
