/**
 * Issue "Editing a season": renaming, navigation, hover, completion,
 * folding, shifting, statistics and the workspace index, in code-server with
 * the packaged extension. The workspace: examples/episode.txt and a generated
 * season (season/ep01 … ep20.transcript with the hosts Malte and Stefan, and
 * ep21 where the host's label is spelt "Malthe"). Asserted from the page.
 *
 * One session for the whole file; each test starts with no editor open and
 * the files as on disk.
 */
import * as assert from 'node:assert/strict';
import { LineIndex, parse, selectionRanges } from '../../server/src/core/index.js';
import { startVSCode, waitFor, type VSCodeSession } from './harness.js';
import {
  MALTHE_LINE,
  SEASON_TOPICS,
  TOPIC_HEADING_LINE,
  episodeName,
  seasonFiles,
} from './fixtures/season.js';
import {
  allProblems,
  openTranscript,
  countLines,
  editorLines,
  exampleEpisode,
  quickPick,
  renderedLines,
  SCENARIO_SETTINGS,
  showLine,
  statusBarText,
  tabLabels,
  tokenBox,
  vsixPath,
  waitForCursorLine,
} from './workbench.js';

const EPISODE = exampleEpisode();
const EPISODE_LINES = EPISODE.split('\n');
const FILES: Record<string, string> = { 'episode.txt': EPISODE, ...seasonFiles() };
/** Episodes other than ep21 with "Malte:" labels: episode.txt and ep01 … ep20. */
const MALTE_EPISODES = 1 + SEASON_TOPICS.length;

/** Adds `by` seconds to a time written as m:ss or h:mm:ss, keeping the form. */
function addSeconds(time: string, by: number): string {
  const fields = time.split(':').map(Number);
  const total = fields.reduce((acc, f) => acc * 60 + f, 0) + by;
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return fields.length === 3 || h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

const seconds = (time: string) =>
  time
    .split(':')
    .map(Number)
    .reduce((acc, f) => acc * 60 + f, 0);

describe('Editing a season', function () {
  let vs: VSCodeSession;

  /** Nothing open, files as on disk, then `file` open as a Transcript. */
  async function open(file: string): Promise<void> {
    // A failed test may have left a changed file on disk (a rename saves it).
    for (const [rel, content] of Object.entries(FILES)) {
      if (vs.readWorkspaceFile(rel) !== content) vs.writeWorkspaceFile(rel, content);
    }
    await openTranscript(vs, file);
  }

  before(async function () {
    vs = await startVSCode({
      vsix: vsixPath(),
      workspaceFiles: FILES,
      settings: SCENARIO_SETTINGS,
    });
  });

  afterEach(async function () {
    await vs?.saveFailureArtifacts(this.currentTest);
  });

  after(async function () {
    await vs?.stop();
  });

  it("warns about 'Malthe' by the spelling of the other episodes", async function () {
    await open(episodeName(21));
    // The warning needs the workspace index, built in the background.
    await vs.waitForProblems((c) => c.errors === 0 && c.warnings === 1, {
      timeout: 30_000,
      message: 'one warning in ep21',
    });
    // The message counts the episodes indexed so far: it says all of them
    // once the index has read every file (through the editor's file system).
    const expected = `'Malthe' here (1 label); 'Malte' in ${MALTE_EPISODES} other episodes`;
    const problems = await waitFor(
      async () => {
        const now = await allProblems(vs);
        if (now.length !== 1 || now[0]!.message !== expected)
          throw new Error(`the problems are ${JSON.stringify(now.map((x) => x.message))}`);
        return now;
      },
      { timeout: 30_000, message: 'the warning counting every other episode' },
    );
    const [p] = problems;
    assert.equal(p!.file, 'ep21.transcript');
    assert.equal(p!.code, 'speaker-spelling');
    assert.equal(p!.line, MALTHE_LINE);
    assert.equal(p!.message, expected);
  });

  it('finds chapters and speakers of other episodes with Ctrl+T', async function () {
    await open('episode.txt');
    const topic = SEASON_TOPICS[4]!; // ep05
    const rows = await quickPick(
      vs,
      'Control+T',
      '#Registermod',
      (r) => r.some((x) => x.label === topic),
      (r) => r.label === topic,
    );
    assert.match(rows.find((r) => r.label === topic)!.description, /ep05\.transcript/);
    await waitFor(async () => (await vs.activeTabLabel())?.startsWith('ep05.transcript'), {
      message: 'ep05.transcript to open',
    });
    await waitForCursorLine(vs, TOPIC_HEADING_LINE);

    const speakers = await quickPick(vs, 'Control+T', '#Malthe', (r) =>
      r.some((x) => x.label === 'Malthe'),
    );
    const malthe = speakers.find((r) => r.label === 'Malthe')!;
    assert.match(malthe.description, /ep21\.transcript/);
    const stefan = await quickPick(vs, 'Control+T', '#Stefan', (r) =>
      r.some((x) => x.label === 'Stefan' && /ep\d\d\.transcript/.test(x.description)),
    );
    assert.ok(stefan.length > 1, 'Stefan in several episodes');
  });

  it('renames a speaker with F2 and refuses on a prose line', async function () {
    await open('episode.txt');
    await vs.gotoLine(24, 2); // "Malte:"
    await vs.press('F2');
    const input = vs.page.locator('.rename-box input.rename-input').first();
    await waitFor(() => input.isVisible(), { message: 'the rename box' });
    assert.equal(await input.inputValue(), 'Malte');
    await input.fill('Malte Kirchner');
    await vs.press('Enter');
    await waitFor(async () => !(await input.isVisible()), { message: 'the rename box to close' });
    await waitFor(async () => (await renderedLines(vs.page)).get(24)?.text === 'Malte Kirchner:', {
      message: 'the renamed label on line 24',
    });
    const lines = await editorLines(vs);
    assert.equal(countLines(lines, /^Malte Kirchner:$/), countLines(EPISODE_LINES, /^Malte:$/));
    assert.equal(countLines(lines, /^Malte:$/), 0);
    assert.equal(countLines(lines, /^Malt:$/), 1, 'another speaker is left alone');
    // Prose mentions are not labels.
    assert.equal(lines[25], EPISODE_LINES[25]);
    // The rename was one edit: one undo restores every label. VS Code saves the
    // files of a rename (files.refactoring.autoSave): save the undone text too.
    await vs.press('Control+Z');
    await waitFor(async () => (await renderedLines(vs.page)).get(24)?.text === 'Malte:', {
      message: 'the label restored by one undo',
    });
    assert.deepEqual(await editorLines(vs), EPISODE_LINES);
    await vs.press('Control+S');
    await waitFor(() => vs.readWorkspaceFile('episode.txt') === EPISODE, {
      message: 'episode.txt saved as shipped',
    });

    await vs.gotoLine(26, 5); // prose
    await vs.press('F2');
    const message = await waitFor(
      async () => {
        const m = vs.page.locator('.monaco-editor-overlaymessage').first();
        return (await m.isVisible()) ? (await m.innerText()).trim() : undefined;
      },
      { message: 'the refusal message' },
    );
    assert.match(message, /^Only speaker names can be renamed/);
    assert.equal(await input.isVisible(), false, 'no rename box on prose');
  });

  it('goes from a chapter entry to its heading with F12, and back', async function () {
    await open('episode.txt');
    await vs.gotoLine(4, 12); // "0:02:15 Neues aus den Kommunen"
    await vs.press('F12');
    await waitForCursorLine(vs, 35);
    assert.equal((await renderedLines(vs.page)).get(35)?.text, 'Neues aus den Kommunen');
    await vs.runCommand('Go Back');
    await waitForCursorLine(vs, 4);
    // And from the heading to the entry.
    await vs.gotoLine(35, 3);
    await vs.press('F12');
    await waitForCursorLine(vs, 4);
  });

  it('lists every turn of a speaker with Find All References (Shift+F12 peek)', async function () {
    await open('episode.txt');
    await vs.gotoLine(27, 3); // "Stephan:", one of 12 labels (not "Malte & Stephan:")
    await vs.press('Shift+F12');
    await waitFor(
      async () => {
        const t = vs.page.locator('.peekview-widget .head').first();
        if (!(await t.isVisible())) return undefined;
        const text = (await t.innerText()).replace(/\s+/g, ' ');
        return /References \(12\)/.test(text) ? text : undefined;
      },
      { message: 'the references peek: References (12)' },
    );
    assert.equal(await vs.page.locator('.peekview-widget .ref-tree .monaco-list-row').count(), 12);
    await vs.press('Escape');
  });

  it('expands the selection step by step with Shift+Alt+Right: word, line, turn, chapter', async function () {
    await open('episode.txt');
    await vs.gotoLine(58, 12); // inside the prose of Dr. Jana Albers' turn
    const selected = async () => {
      const text = (await vs.cursorPosition()) ?? '';
      const m = /\((\d+) selected\)/.exec(text);
      return m ? Number(m[1]) : 0;
    };
    let last = 0;
    const sizes: number[] = [];
    for (let step = 0; step < 4; step++) {
      await vs.press('Shift+Alt+ArrowRight');
      last = await waitFor(
        async () => {
          const n = await selected();
          return n > last ? n : undefined;
        },
        { message: `a larger selection at step ${step + 1}` },
      );
      sizes.push(last);
    }
    // A word, its line, the turn and the chapter, as the core computes them
    // (the status bar counts the selected characters).
    const text = new LineIndex(EPISODE);
    const expected = selectionRanges(parse(EPISODE), { line: 57, character: 11 })
      .slice(0, 4)
      .map((r) => text.offsetAt(r.end) - text.offsetAt(r.start));
    assert.deepEqual(sizes, expected);
    await vs.press('Escape');
  });

  it('shows the chapter of a timestamp on hover', async function () {
    await open('episode.txt');
    await showLine(vs, 37);
    const box = await waitFor(() => tokenBox(vs.page, 37, '[2:15]'), {
      message: 'the [2:15] token on screen',
    });
    await vs.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = await waitFor(
      async () => {
        for (const h of await vs.page.locator('.monaco-hover .rendered-markdown').all()) {
          if (!(await h.isVisible())) continue;
          const text = (await h.innerText()).trim();
          if (text.includes('in chapter')) {
            return { text, strong: await h.locator('strong').allInnerTexts() };
          }
        }
        return undefined;
      },
      { message: 'the hover of [2:15]' },
    );
    assert.match(hover.text, /^\[2:15\] in chapter Neues aus den Kommunen \(0:02:15\)/);
    assert.deepEqual(hover.strong, ['Neues aus den Kommunen']);
    const vp = vs.page.viewportSize()!;
    await vs.page.mouse.move(vp.width / 2, vp.height - 4);
    await vs.press('Escape');
  });

  it('completes speaker labels on an empty body line', async function () {
    await open(episodeName(1));
    await vs.gotoLine(17); // "[0:20] Hallo Malte, ich bin Stefan."
    await vs.press('End', 'Enter');
    await waitForCursorLine(vs, 18);
    await vs.press('Control+Space');
    const rows = vs.page.locator('.suggest-widget .monaco-list-row');
    const labels = await waitFor(
      async () => {
        const l = await rows.evaluateAll((rs) =>
          rs.map((r) => (r.querySelector('.label-name')?.textContent ?? '').trim()),
        );
        return l.length > 0 ? l : undefined;
      },
      { message: 'the suggestions' },
    );
    assert.equal(labels[0], 'Malte:');
    assert.ok(labels.includes('Stefan:'), JSON.stringify(labels));
    await vs.press('Enter');
    await waitFor(async () => (await renderedLines(vs.page)).get(18)?.text === 'Malte:', {
      message: 'the accepted label on line 18',
    });
  });

  it('folds a chapter at its heading', async function () {
    await open('episode.txt');
    await showLine(vs, 35);
    await vs.press('Control+Shift+BracketLeft');
    await waitFor(
      async () => {
        const shown = await renderedLines(vs.page);
        if (!shown.has(35) || !shown.has(50)) return false;
        for (let l = 36; l < 50; l++) if (shown.has(l)) return false;
        return true;
      },
      { message: 'lines 36-49 folded away under line 35' },
    );
    assert.ok(
      (await vs.page
        .locator('.part.editor .margin-view-overlays .codicon-folding-collapsed')
        .count()) >= 1,
      'a collapsed fold marker',
    );
    await vs.press('Control+Shift+BracketRight');
    await waitFor(async () => (await renderedLines(vs.page)).has(36), {
      message: 'line 36 back after unfolding',
    });
  });

  it('shifts the timestamps from the cursor on with "Transcript: Shift Timestamps…"', async function () {
    await open('episode.txt');
    await vs.gotoLine(60, 1); // "[10:02] Wie habt ihr die Ämter überzeugt?"
    await vs.runCommand('Transcript: Shift Timestamps…');
    const widget = vs.page.locator('.quick-input-widget').first();
    await waitFor(
      async () => (await widget.isVisible()) && /Shift Timestamps/.test(await widget.innerText()),
      { message: 'the Shift Timestamps input' },
    );
    await vs.page.locator('.quick-input-widget .quick-input-box input').first().fill('+5');
    await vs.press('Enter');
    await waitFor(async () => !(await widget.isVisible()), { message: 'the input to close' });

    const from = seconds('10:02');
    let stamps = 0;
    let chapters = 0;
    const expected = EPISODE_LINES.map((line, i) => {
      const stamp = /^\[(\d{1,2}:\d\d(?::\d\d)?)\]/.exec(line);
      if (stamp && i + 1 >= 60) {
        stamps++;
        return line.replace(stamp[1]!, addSeconds(stamp[1]!, 5));
      }
      const entry = /^(\d+:\d\d:\d\d) /.exec(line);
      if (entry && i < 11 && seconds(entry[1]!) >= from) {
        chapters++;
        return line.replace(entry[1]!, addSeconds(entry[1]!, 5));
      }
      return line;
    });
    await waitFor(async () => (await renderedLines(vs.page)).get(60)?.text.startsWith('[10:07]'), {
      message: 'line 60 shifted',
    });
    await waitFor(
      async () =>
        (await statusBarText(vs.page)).includes(
          `Shifted ${stamps} timestamps and ${chapters} chapter times by +5`,
        ),
      { message: 'the status bar message of the shift' },
    );
    assert.deepEqual(await editorLines(vs), expected);
  });

  it('shows the statistics in a Markdown preview', async function () {
    await open('episode.txt');
    await vs.runCommand('Transcript: Show Statistics');
    const tab = await waitFor(
      async () => (await tabLabels(vs.page)).find((t) => /statistics/i.test(t)),
      {
        message: 'a statistics preview tab',
      },
    );
    assert.match(tab, /^Preview episode\.txt statistics\.md/);
    // The preview's content lives in the webview's inner frame.
    const table = await waitFor(
      async () => {
        for (const frame of vs.page.frames()) {
          if (!/\/fake\.html/.test(frame.url())) continue;
          const rows = await frame
            .evaluate(() =>
              Array.from(document.querySelectorAll('table tr')).map((tr) =>
                Array.from(tr.querySelectorAll('th, td')).map((c) =>
                  (c.textContent ?? '').replace(/\s+/g, ' ').trim(),
                ),
              ),
            )
            .catch(() => []);
          if (rows.some((r) => r[0] === 'Dr. Jana Albers')) return rows;
        }
        return undefined;
      },
      { message: 'a table row for Dr. Jana Albers in the preview' },
    );
    assert.equal(table[0]![0], 'Speaker');
    const stephan = table.find((r) => r[0] === 'Stephan');
    // 12 turns of his own and the one 'Malte & Stephan:' turn, which credits both voices.
    assert.equal(stephan?.[1], '13', `Stephan's turns: ${JSON.stringify(stephan)}`);
    assert.equal(
      table.find((r) => r[0] === 'Malte & Stephan'),
      undefined,
      'no row for the compound label',
    );
  });

  it('logged no activation error', function () {
    assert.deepEqual(vs.activationErrors(), []);
  });
});
