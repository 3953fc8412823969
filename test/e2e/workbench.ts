/**
 * Workbench helpers for the transcript scenarios, on top of harness.ts: read
 * virtualised lists (Problems, Outline) by scrolling them, read the active
 * editor's text and token colours from the rendered lines, drive Go to Symbol
 * and workspace symbols with a query, and time page events inside the page.
 *
 * Everything here reads the page (DOM, computed styles, status bar); nothing
 * reads logs. Every wait is a waitFor poll with a timeout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { createRunDir, packageVsix, repoRoot, waitFor, type VSCodeSession } from './harness.js';

// ------------------------------------------------------------------ fixtures

/** The packaged extension (`npm run package`). */
export function vsixPath(): string {
  const vsix = path.join(repoRoot(), 'podcast-transcripts.vsix');
  if (!fs.existsSync(vsix)) {
    throw new Error(`${vsix} is missing: run npm run package first`);
  }
  return vsix;
}

/**
 * The web-only variant of the packaged extension: the same files with the
 * `browser` entry and no `main`, so that VS Code can run it only in the web
 * worker extension host, as VS Code for the Web does. Made from the files
 * `npm run package` built (the .vsix must be current), into
 * `.e2e/podcast-transcripts-web.vsix`.
 */
export async function webOnlyVsixPath(): Promise<string> {
  const root = repoRoot();
  vsixPath();
  const run = createRunDir('web-vsix');
  try {
    const dir = path.join(run.root, 'extension');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    if (typeof pkg.browser !== 'string') throw new Error('package.json has no browser entry');
    delete pkg.main;
    delete pkg.bin;
    delete pkg.scripts;
    delete pkg.devDependencies;
    delete pkg.dependencies;
    const files = [
      'dist/web/client.js',
      'dist/web/server.js',
      'syntaxes/transcript.tmLanguage.json',
      'language-configuration.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      String(pkg.icon),
    ];
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.copyFileSync(path.join(root, file), path.join(dir, file));
    }
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
    fs.writeFileSync(path.join(dir, '.vscodeignore'), '');
    // As `npm run package`: the README's pictures are links to the repository's files.
    return await packageVsix(
      dir,
      path.join(root, '.e2e', 'podcast-transcripts-web.vsix'),
      run.env,
      ['--no-rewrite-relative-links'],
    );
  } finally {
    run.remove();
  }
}

/** examples/episode.txt as shipped. */
export function exampleEpisode(): string {
  return fs.readFileSync(path.join(repoRoot(), 'examples', 'episode.txt'), 'utf8');
}

/** Settings for every transcript scenario (on top of the harness defaults). */
export const SCENARIO_SETTINGS: Readonly<Record<string, unknown>> = {
  // Keeps the rendered lines exactly the document's lines, top to bottom.
  'editor.stickyScroll.enabled': false,
  'workbench.editor.enablePreview': false,
  // Sticky parent rows would cover the rows of the Problems and Outline trees.
  'workbench.tree.enableStickyScroll': false,
  // No "your application on port N is available" toast over the editor.
  'remote.autoForwardPorts': false,
};

// ------------------------------------------------------------------ editor

const ACTIVE_EDITOR =
  '.part.editor .editor-group-container.active .editor-instance .monaco-editor:not(.rename-box)';

/** One token span of a rendered line. */
export interface TokenSpan {
  text: string;
  className: string;
  color: string;
  fontWeight: string;
}

export interface RenderedLine {
  line: number;
  text: string;
  spans: TokenSpan[];
}

/** The active editor's rendered lines (only what is on screen), keyed by line number. */
export async function renderedLines(page: Page): Promise<Map<number, RenderedLine>> {
  const lines = await page
    .locator(ACTIVE_EDITOR)
    .first()
    .evaluate((editor) => {
      const numbers = new Map<string, number>();
      for (const n of Array.from(editor.querySelectorAll('.margin-view-overlays .line-numbers'))) {
        const top = (n.parentElement as HTMLElement).style.top;
        const value = Number((n.textContent ?? '').trim());
        if (top && Number.isInteger(value) && value > 0) numbers.set(top, value);
      }
      const out: {
        line: number;
        text: string;
        spans: { text: string; className: string; color: string; fontWeight: string }[];
      }[] = [];
      for (const l of Array.from(editor.querySelectorAll('.view-lines .view-line'))) {
        const el = l as HTMLElement;
        const line = numbers.get(el.style.top);
        if (line === undefined) continue;
        out.push({
          line,
          // Monaco renders spaces as non-breaking spaces.
          text: (el.textContent ?? '').replace(/\u00a0/g, ' '),
          spans: Array.from(el.querySelectorAll('span[class*="mtk"]')).map((s) => {
            const style = getComputedStyle(s);
            return {
              text: (s.textContent ?? '').replace(/\u00a0/g, ' '),
              className: s.className,
              color: style.color,
              fontWeight: style.fontWeight,
            };
          }),
        });
      }
      return out;
    });
  return new Map(lines.map((l) => [l.line, l]));
}

/** The cursor's line from the status bar ("Ln 12, Col 3"), or undefined. */
export async function cursorLine(vs: VSCodeSession): Promise<number | undefined> {
  const m = /^Ln (\d+),/.exec((await vs.cursorPosition()) ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Waits until the status bar shows the cursor on `line`. */
export async function waitForCursorLine(
  vs: VSCodeSession,
  line: number,
  timeout = 10_000,
): Promise<void> {
  await waitFor(async () => (await cursorLine(vs)) === line, {
    timeout,
    message: `the cursor on line ${line} (status bar: ${await vs.cursorPosition()})`,
  });
}

/** Moves the cursor to `line` and waits until that line is rendered. */
export async function showLine(
  vs: VSCodeSession,
  line: number,
  column?: number,
): Promise<RenderedLine> {
  await vs.gotoLine(line, column);
  return waitFor(async () => (await renderedLines(vs.page)).get(line), {
    timeout: 10_000,
    message: `line ${line} to be rendered`,
  });
}

/** The line count of the active editor, as the Go to Line input states it. */
export async function lineCount(vs: VSCodeSession): Promise<number> {
  const page = vs.page;
  await page.keyboard.press('Control+G');
  try {
    return await waitFor(
      async () => {
        const text = await page.locator('.quick-input-widget').first().innerText();
        const m = /between 1 and (\d+)/.exec(text);
        return m ? Number(m[1]) : undefined;
      },
      { timeout: 10_000, message: 'the Go to Line input stating the line count' },
    );
  } finally {
    await page.keyboard.press('Escape');
    await waitFor(async () => !(await page.locator('.quick-input-widget').first().isVisible()), {
      timeout: 5_000,
      message: 'the Go to Line input to close',
    });
  }
}

/**
 * The whole text of the active editor, read from its rendered lines: the
 * cursor is moved through the document (Ctrl+G) until every line has been on
 * screen, then put back on `restore` (default: line 1).
 */
export async function editorLines(vs: VSCodeSession, restore = 1): Promise<string[]> {
  const total = await lineCount(vs);
  const seen = new Map<number, string>();
  const collect = async () => {
    for (const [n, l] of await renderedLines(vs.page)) if (n <= total) seen.set(n, l.text);
  };
  await collect();
  let visible = Math.max(4, seen.size);
  for (let guard = 0; seen.size < total && guard < 4 * total; guard++) {
    let missing = 1;
    while (seen.has(missing)) missing++;
    // Ctrl+G centres a line that is off screen: aim half a screen past the first missing line.
    const before = seen.size;
    const target = Math.min(total, missing + Math.floor(visible / 2) - 1);
    await showLine(vs, target);
    await collect();
    if (seen.size === before) {
      await showLine(vs, missing);
      await collect();
    }
    visible = Math.max(visible, (await renderedLines(vs.page)).size);
  }
  if (seen.size < total) throw new Error(`read ${seen.size} of ${total} lines`);
  await vs.gotoLine(Math.min(restore, total));
  return Array.from({ length: total }, (_, i) => seen.get(i + 1)!);
}

/**
 * The box of the first token span on a rendered line whose text (trimmed) is
 * `text`, in page coordinates, or undefined when that line is not on screen.
 */
export async function tokenBox(
  page: Page,
  line: number,
  text: string,
): Promise<{ x: number; y: number; width: number; height: number } | undefined> {
  return page
    .locator(ACTIVE_EDITOR)
    .first()
    .evaluate(
      (editor, { line, text }) => {
        let top: string | undefined;
        for (const n of Array.from(
          editor.querySelectorAll('.margin-view-overlays .line-numbers'),
        )) {
          if (Number((n.textContent ?? '').trim()) === line) {
            top = (n.parentElement as HTMLElement).style.top;
          }
        }
        if (top === undefined) return undefined;
        for (const l of Array.from(editor.querySelectorAll('.view-lines .view-line'))) {
          if ((l as HTMLElement).style.top !== top) continue;
          for (const s of Array.from(l.querySelectorAll('span[class*="mtk"]'))) {
            if ((s.textContent ?? '').replace(/\u00a0/g, ' ').trim() !== text) continue;
            const r = s.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          }
        }
        return undefined;
      },
      { line, text },
    );
}

/** How many lines of `lines` match `re` (whole-line comparison helper). */
export function countLines(lines: readonly string[], re: RegExp): number {
  return lines.filter((l) => re.test(l)).length;
}

// ------------------------------------------------------------------ virtualised lists

export interface ListRow {
  /** data-index: the row's position in the whole list. */
  index: number;
  /** aria-level (1 for top-level rows of a tree, 0 for a flat list). */
  level: number;
  ariaLabel: string;
  text: string;
  /** textContent of the given part selectors inside the row. */
  parts: Record<string, string | undefined>;
  /** className of the given part selectors inside the row. */
  classes: Record<string, string | undefined>;
  last: boolean;
}

async function readListRows(list: Locator, parts: readonly string[]): Promise<ListRow[]> {
  // Direct children only: a tree's sticky scroll repeats parent rows in another container.
  return list.locator('.monaco-list-rows > .monaco-list-row').evaluateAll(
    (rows, partSelectors) =>
      rows.map((r) => {
        const el = r as HTMLElement;
        const parts: Record<string, string | undefined> = {};
        const classes: Record<string, string | undefined> = {};
        for (const s of partSelectors) {
          const p = el.querySelector(s);
          parts[s] = p ? (p.textContent ?? '').replace(/\s+/g, ' ').trim() : undefined;
          classes[s] = p ? p.className : undefined;
        }
        return {
          index: Number(el.getAttribute('data-index')),
          level: Number(el.getAttribute('aria-level') ?? 0),
          ariaLabel: el.getAttribute('aria-label') ?? '',
          text: el.innerText.replace(/\s+/g, ' ').trim(),
          parts,
          classes,
          last: el.getAttribute('data-last-element') === 'true',
        };
      }),
    parts,
  );
}

/**
 * Scrolls a rendered Monaco list/tree by mouse wheel; `step` looks at the
 * rendered rows after each move and says where to go next, or to stop.
 */
async function scrollList(
  page: Page,
  list: Locator,
  what: string,
  step: (rows: ListRow[]) => 'stop' | 'up' | 'down' | Promise<'stop' | 'up' | 'down'>,
  parts: readonly string[],
): Promise<ListRow[]> {
  const box = await waitFor(() => list.boundingBox(), { timeout: 10_000, message: what });
  // At the rows' left edge (their indent): over a truncated label the mouse
  // would bring up its hover, which then takes the wheel events.
  await page.mouse.move(box.x + 4, box.y + Math.min(box.height / 2, 40));
  const minIndex = (rows: ListRow[]) => Math.min(...rows.map((r) => r.index));
  // A wheel event scrolls a fixed distance whatever its delta: learn how many
  // rows one event moves and send as many as make most of a screenful.
  let rowsPerEvent: number | undefined; // unknown until the first step down

  try {
    for (let guard = 0; guard < 500; guard++) {
      const rows = await readListRows(list, parts);
      const direction = await step(rows);
      if (direction === 'stop') return rows;
      const before = rows.length ? minIndex(rows) : -1;
      const events =
        direction === 'up'
          ? Math.max(1, before + 1)
          : rowsPerEvent === undefined
            ? 1
            : Math.max(1, Math.floor((0.6 * rows.length) / rowsPerEvent));
      for (let i = 0; i < events; i++) {
        await page.mouse.wheel(0, direction === 'down' ? 100 : -100);
      }
      // Wait for the list to render the new position; at either end nothing moves.
      const moved = await waitFor(
        async () => {
          const now = await readListRows(list, parts);
          return now.length > 0 && minIndex(now) !== before ? now : undefined;
        },
        { timeout: 1_500, interval: 30, message: `${what} to scroll` },
      ).catch(() => undefined);
      if (!moved) {
        const final = await readListRows(list, parts);
        if ((await step(final)) === 'stop') return final;
        throw new Error(`${what}: the list does not scroll any further`);
      }
      const distance = Math.abs(minIndex(moved) - before);
      if (direction === 'down' && distance > 0) {
        rowsPerEvent = Math.max(rowsPerEvent ?? 0, Math.ceil(distance / events));
      }
    }
    throw new Error(`${what}: gave up scrolling`);
  } finally {
    // Park the mouse on the empty middle of the status bar (no hovers).
    const vp = page.viewportSize();
    if (vp) await page.mouse.move(vp.width / 2, vp.height - 4);
  }
}

const atTop = (rows: ListRow[]) => (rows.some((r) => r.index === 0) ? 'stop' : 'up');

/**
 * Every row of a virtualised Monaco list or tree (Problems, Outline): scrolls
 * it from top to bottom, collecting the rendered rows by their data-index.
 */
export async function collectListRows(
  page: Page,
  listSelector: string,
  parts: readonly string[] = [],
): Promise<ListRow[]> {
  const list = page.locator(listSelector).first();
  await waitFor(async () => (await readListRows(list, parts)).length > 0, {
    timeout: 10_000,
    message: `rows in ${listSelector}`,
  });
  await scrollList(page, list, `${listSelector} (to the top)`, atTop, parts);
  const seen = new Map<number, ListRow>();
  const complete = () => {
    const last = [...seen.values()].find((r) => r.last);
    if (!last) return false;
    for (let i = 0; i <= last.index; i++) if (!seen.has(i)) return false;
    return true;
  };
  await scrollList(
    page,
    list,
    `${listSelector} (collecting)`,
    (rows) => {
      for (const r of rows) seen.set(r.index, r);
      return complete() ? 'stop' : 'down';
    },
    parts,
  );
  return [...seen.values()].sort((a, b) => a.index - b.index);
}

/** Scrolls a virtualised list back to its first row. */
export async function scrollListToTop(page: Page, listSelector: string): Promise<void> {
  await scrollList(
    page,
    page.locator(listSelector).first(),
    `${listSelector} (to the top)`,
    atTop,
    [],
  );
}

/**
 * Scrolls a virtualised list from its top until a row matching `predicate`
 * is rendered wholly inside the list's box, and returns a locator for it.
 */
export async function revealListRow(
  page: Page,
  listSelector: string,
  predicate: (row: ListRow) => boolean,
  parts: readonly string[] = [],
): Promise<Locator> {
  const list = page.locator(listSelector).first();
  const rowLocator = (r: ListRow) =>
    list.locator(`.monaco-list-rows > .monaco-list-row[data-index="${r.index}"]`);
  const inside = async (r: ListRow) => {
    const box = await list.boundingBox();
    const b = await rowLocator(r).first().boundingBox();
    return !!box && !!b && b.y >= box.y - 1 && b.y + b.height <= box.y + box.height + 1;
  };
  await scrollList(page, list, `${listSelector} (to the top)`, atTop, parts);
  let found: ListRow | undefined;
  await scrollList(
    page,
    list,
    `${listSelector} (looking for a row)`,
    async (rows) => {
      found = rows.find(predicate);
      return found && (await inside(found)) ? 'stop' : 'down';
    },
    parts,
  );
  return rowLocator(found!).first();
}

// ------------------------------------------------------------------ problems

export interface Problem {
  file: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  source: string;
  code: string;
  line: number;
  column: number;
}

/** Opens the Problems panel (Ctrl+Shift+M) if it is closed. */
export async function openProblemsPanel(vs: VSCodeSession): Promise<void> {
  const panel = vs.page.locator('.markers-panel').first();
  if (!(await panel.isVisible())) {
    await vs.page.keyboard.press('Control+Shift+M');
    await waitFor(() => panel.isVisible(), { timeout: 10_000, message: 'the Problems panel' });
  }
}

/** Every problem listed in the Problems panel (tree view), scrolling through it. */
export async function allProblems(vs: VSCodeSession): Promise<Problem[]> {
  await openProblemsPanel(vs);
  const counts = await vs.problemsCounts();
  if (counts.errors + counts.warnings + counts.infos === 0) return [];
  const rows = await collectListRows(vs.page, '.markers-panel .monaco-list', [
    '.marker-message',
    '.marker-source',
    '.marker-code',
    '.marker-line',
    '.marker-icon',
    '.label-name',
  ]);
  const out: Problem[] = [];
  let file = '';
  for (const r of rows) {
    if (r.level === 1) {
      file = r.parts['.label-name'] ?? r.text.replace(/\s+\d+$/, '');
      continue;
    }
    if (r.level !== 2 || r.parts['.marker-code'] === undefined) continue; // related information
    const icon = r.classes['.marker-icon'] ?? '';
    const at = /Ln (\d+), Col (\d+)/.exec(r.parts['.marker-line'] ?? '');
    out.push({
      file,
      severity: /\berror\b/.test(icon) ? 'error' : /\bwarning\b/.test(icon) ? 'warning' : 'info',
      message: r.parts['.marker-message'] ?? '',
      source: r.parts['.marker-source'] ?? '',
      code: r.parts['.marker-code'] ?? '',
      line: at ? Number(at[1]) : 0,
      column: at ? Number(at[2]) : 0,
    });
  }
  return out;
}

/** `code@line` strings, sorted: a compact, order-independent view of findings. */
export function findingKeys(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${p.code}@${p.line}`).sort();
}

// ------------------------------------------------------------------ quick input pickers

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;
const QUICK_ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';

export interface QuickRow {
  label: string;
  description: string;
  ariaLabel: string;
  focused: boolean;
}

async function quickRows(page: Page): Promise<QuickRow[]> {
  return page.locator(QUICK_ROWS).evaluateAll((rows) =>
    rows.map((r) => ({
      label: (r.querySelector('.label-name')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      description: (r.querySelector('.label-description')?.textContent ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
      ariaLabel: r.getAttribute('aria-label') ?? '',
      focused: r.classList.contains('focused'),
    })),
  );
}

/**
 * Opens a quick input with `key` (e.g. Ctrl+Shift+O, Ctrl+T), types `value`
 * and waits until `ready(rows)` holds; returns the rows. With `pick`, the row
 * it selects is focused with the arrow keys and opened with Enter; otherwise
 * the quick input is closed with Escape.
 */
export async function quickPick(
  vs: VSCodeSession,
  key: string,
  value: string,
  ready: (rows: QuickRow[]) => boolean,
  pick?: (row: QuickRow) => boolean,
): Promise<QuickRow[]> {
  const page = vs.page;
  const widget = page.locator(QUICK_INPUT).first();
  if (await widget.isVisible()) {
    await page.keyboard.press('Escape');
    await waitFor(async () => !(await widget.isVisible()), { message: 'quick input to close' });
  }
  await page.keyboard.press(key);
  await waitFor(() => widget.isVisible(), { timeout: 10_000, message: `quick input (${key})` });
  const input = page.locator(QUICK_INPUT_BOX).first();
  await input.fill(value);
  const rows = await waitFor(
    async () => {
      if ((await input.inputValue()) !== value) return undefined;
      const now = await quickRows(page);
      return ready(now) ? now : undefined;
    },
    { timeout: 15_000, message: `rows for "${value}" (${key})` },
  );
  if (!pick) {
    await page.keyboard.press('Escape');
  } else {
    const target = rows.findIndex(pick);
    if (target < 0) throw new Error(`no row to pick among ${JSON.stringify(rows)}`);
    for (let guard = 0; guard < rows.length + 2; guard++) {
      const now = await quickRows(page);
      const focused = now.findIndex((r) => r.focused);
      if (focused === target) break;
      await page.keyboard.press(focused < target ? 'ArrowDown' : 'ArrowUp');
      await waitFor(async () => (await quickRows(page)).findIndex((r) => r.focused) !== focused, {
        timeout: 5_000,
        message: 'the focus to move in the quick input',
      });
    }
    await page.keyboard.press('Enter');
  }
  await waitFor(async () => !(await widget.isVisible()), {
    timeout: 10_000,
    message: 'the quick input to close',
  });
  return rows;
}

/** The title of the visible quick input, or undefined when none is shown. */
export async function quickInputTitle(vs: VSCodeSession): Promise<string | undefined> {
  const widget = vs.page.locator(QUICK_INPUT).first();
  if (!(await widget.isVisible())) return undefined;
  return widget.locator('.quick-input-title').first().innerText();
}

/**
 * Waits for the quick input titled `title` (a file dialog or a pick) whose
 * input value satisfies `value` (default: any); returns the value.
 */
export async function waitForQuickInput(
  vs: VSCodeSession,
  title: RegExp,
  value: (v: string) => boolean = () => true,
): Promise<string> {
  const shown = await waitFor(
    async () => {
      const now = await quickInputTitle(vs);
      if (now === undefined || !title.test(now)) throw new Error(`the title is ${now}`);
      const v = await vs.page.locator(QUICK_INPUT_BOX).first().inputValue();
      // Thrown, not returned: waitFor's timeout error reports the last one.
      if (!value(v)) throw new Error(`the value is ${JSON.stringify(v)}`);
      return { value: v };
    },
    { message: `the quick input "${title.source}"` },
  );
  return shown.value;
}

/**
 * Types a path into the open simple file dialog titled `title` and accepts
 * it with Enter; returns once that dialog is gone (another quick input may
 * follow). For an existing file the dialog first lists the file's folder
 * (it navigates there as the path is typed): Enter is pressed once the
 * file is listed, as a user would.
 */
export async function acceptPath(
  vs: VSCodeSession,
  title: RegExp,
  file: string,
  exists: boolean,
): Promise<void> {
  await waitForQuickInput(vs, title);
  const box = vs.page.locator(QUICK_INPUT_BOX).first();
  await box.fill(file);
  // The dialog may put its proposed path back in the box after the path was
  // typed (it finishes reading the proposed folder late): type it again then,
  // while waiting for the file to be listed and after.
  // A folder read before the file was written may be listed without it: the
  // path is typed again now and then, which has the dialog read it again.
  let listing = 0;
  if (exists)
    await waitFor(
      async () => {
        if ((await box.inputValue()) !== file || ++listing % 20 === 0) {
          await box.fill(file);
          return false;
        }
        return (await vs.quickInputRows()).includes(path.basename(file));
      },
      { message: `${path.basename(file)} listed in the file dialog` },
    );
  await waitFor(
    async () => {
      if ((await box.inputValue()) === file) return true;
      await box.fill(file);
      return false;
    },
    { message: `${file} in the file dialog's box` },
  );
  await vs.press('Enter');
  // The dialog may still be completing the folder it navigated to and put
  // that folder back in the box, answering "Please select a file": then the
  // path is typed again and accepted again, as a user would. It is gone when
  // three polls in a row do not find it: while it works, its title may be
  // missing for a moment.
  let polls = 0;
  let gone = 0;
  await waitFor(
    async () => {
      const now = await quickInputTitle(vs);
      if (now !== undefined && /already exists/.test(now) && (await box.inputValue()) !== file) {
        // The dialog put its proposed path back just before Enter, took it,
        // and asks whether to overwrite that file. Typing answers no (the
        // question goes, the dialog is back); the path is typed again and
        // accepted again.
        await box.fill(file);
        await waitFor(async () => title.test((await quickInputTitle(vs)) ?? ''), {
          message: 'the file dialog back after the question about another file',
        });
        await box.fill(file);
        await vs.press('Enter');
        gone = 0;
        return false;
      }
      if (now === undefined || !title.test(now)) return ++gone >= 3;
      gone = 0;
      if (++polls % 10 === 0 && (await box.inputValue()) !== file) {
        await box.fill(file);
        await vs.press('Enter');
      } else if (
        polls % 20 === 0 &&
        !(await vs.page.locator('.monaco-dialog-box').first().isVisible()) &&
        title.test((await quickInputTitle(vs)) ?? '')
      ) {
        // Still open with the path after 2 s, and no question asked over
        // it: the Enter was not taken (the dialog was busy). Pressed again.
        await vs.press('Enter');
      }
      return false;
    },
    { message: `the file dialog to accept ${file}` },
  );
}

/** In the open quick input titled `title`, filters to the row starting with `label` and picks it. */
export async function pickRow(vs: VSCodeSession, title: RegExp, label: string): Promise<string[]> {
  await waitForQuickInput(vs, title);
  const all = await waitFor(async () => {
    const rows = await vs.quickInputRows();
    return rows.length > 0 ? rows : undefined;
  });
  await vs.page.locator(QUICK_INPUT_BOX).first().fill(label);
  await waitFor(
    async () => {
      const now = await vs.quickInputRows();
      return now.length === 1 && now[0]!.startsWith(label);
    },
    { message: `the only row "${label}"` },
  );
  await vs.press('Enter');
  return all;
}

// ------------------------------------------------------------------ misc page reads

/**
 * A view's pane in a side bar (its header and its body), by the view's name:
 * the parent of the header titled `name`, not any split view around it.
 */
export function viewPane(page: Page, name: string): Locator {
  return page
    .locator('.pane-header', { hasText: new RegExp(`^\\s*${name}\\s*$`, 'i') })
    .first()
    .locator('xpath=..');
}

/** Texts of the active editor's breadcrumbs, e.g. ["episode.txt", "Transcript", "Begrüßung"]. */
export async function breadcrumbs(page: Page): Promise<string[]> {
  return page
    .locator(
      '.part.editor .editor-group-container.active .monaco-breadcrumbs .monaco-breadcrumb-item',
    )
    .evaluateAll((items) =>
      items.map((i) => (i as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
    );
}

/** The whole status bar's text (messages such as setStatusBarMessage included). */
export async function statusBarText(page: Page): Promise<string> {
  return (await page.locator('.part.statusbar').first().innerText()).replace(/\s+/g, ' ');
}

/** Aria-labels of the editor tabs of all groups. */
export async function tabLabels(page: Page): Promise<string[]> {
  return page
    .locator('.part.editor .tabs-container .tab')
    .evaluateAll((tabs) =>
      tabs.map((t) => t.getAttribute('aria-label') ?? (t as HTMLElement).innerText),
    );
}

/**
 * Closes every editor, opens `file` of the workspace and waits until it is a
 * Transcript (the extension's commands are hidden until then).
 */
export async function openTranscript(vs: VSCodeSession, file: string): Promise<void> {
  await closeAllEditors(vs);
  await vs.openFile(file);
  await vs.waitForLanguageMode('Transcript');
}

/**
 * Reverts and closes every dirty editor (untitled ones included) and closes
 * all other editors, so that a scenario starts from the files on disk with
 * nothing open.
 */
export async function closeAllEditors(vs: VSCodeSession): Promise<void> {
  const page = vs.page;
  const dirty = page.locator('.part.editor .tabs-container .tab.dirty');
  for (let guard = 0; guard < 20 && (await dirty.count()) > 0; guard++) {
    const before = await dirty.count();
    await dirty.first().click();
    await waitFor(
      async () => /\bactive\b/.test((await dirty.first().getAttribute('class')) ?? ''),
      { timeout: 5_000, message: 'the dirty tab to be active' },
    );
    await vs.runCommand('View: Revert and Close Editor');
    await waitFor(async () => (await dirty.count()) < before, {
      message: 'the dirty tab reverted and closed',
    });
  }
  if ((await tabLabels(page)).length > 0) {
    await vs.runCommand('View: Close All Editors');
    await waitFor(async () => (await tabLabels(page)).length === 0, {
      message: 'all editors closed',
    });
  }
}

/**
 * Records, inside the page, the time of every keydown and every change of the
 * status bar's problems label, to measure how long the editor takes to show a
 * finding after a keystroke without the polling latency of the test process.
 */
export async function startProblemsRecorder(page: Page): Promise<void> {
  // A string, not a function: tsx's transform would wrap named helpers in
  // __name(), which does not exist in the page.
  await page.evaluate(`(() => {
    const read = () => {
      const el = document.getElementById('status.problems');
      if (!el) return '';
      const own = el.getAttribute('aria-label');
      if (own !== null) return own;
      const inner = el.querySelector('[aria-label]');
      return inner ? inner.getAttribute('aria-label') || '' : '';
    };
    const keys = [];
    const changes = [];
    let last = read();
    const onKey = () => keys.push(performance.now());
    document.addEventListener('keydown', onKey, true);
    const observer = new MutationObserver(() => {
      const label = read();
      if (label !== last) {
        last = label;
        changes.push({ at: performance.now(), label });
      }
    });
    observer.observe(document.querySelector('.part.statusbar') || document.body, {
      attributes: true, subtree: true, childList: true, characterData: true,
    });
    window.__e2eRecorder = {
      keys, changes, initial: last,
      stop: () => { observer.disconnect(); document.removeEventListener('keydown', onKey, true); },
    };
  })()`);
}

export interface ProblemsRecord {
  keys: number[];
  changes: { at: number; label: string }[];
  initial: string;
}

/** What the recorder has seen so far. */
export async function readProblemsRecorder(page: Page): Promise<ProblemsRecord> {
  return page.evaluate(() => {
    const r = (window as unknown as { __e2eRecorder?: ProblemsRecord }).__e2eRecorder;
    if (!r) throw new Error('no recorder running');
    return { keys: [...r.keys], changes: [...r.changes], initial: r.initial };
  });
}

/** Stops the recorder and returns what it saw. */
export async function stopProblemsRecorder(page: Page): Promise<ProblemsRecord> {
  const record = await readProblemsRecorder(page);
  await page.evaluate(() => {
    const w = window as unknown as { __e2eRecorder?: { stop(): void } };
    w.__e2eRecorder?.stop();
    delete w.__e2eRecorder;
  });
  return record;
}

/** Collapses the Explorer's folder section so the Outline gets the side bar's height. */
export async function collapseExplorerFolder(page: Page): Promise<void> {
  const header = page.locator('.sidebar .pane-header[aria-label^="Explorer Section"]').first();
  await waitFor(() => header.isVisible(), { timeout: 10_000, message: 'the Explorer section' });
  if ((await header.getAttribute('aria-expanded')) === 'true') {
    await header.click();
    await waitFor(async () => (await header.getAttribute('aria-expanded')) === 'false', {
      timeout: 5_000,
      message: 'the Explorer section to collapse',
    });
  }
}

/** Node processes whose command line contains both strings (e.g. a run folder and dist/server.js). */
export function processesWith(...needles: string[]): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline = '';
    try {
      cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    if (needles.every((n) => cmdline.includes(n))) pids.push(Number(entry));
  }
  return pids;
}

/**
 * Lines of the active editor (1-based, only those on screen) that carry an
 * extension's whole-line decoration (`ced-*` classes in the view overlays),
 * such as the player's highlight of the paragraph being spoken.
 */
export async function decoratedLines(page: Page): Promise<number[]> {
  return page
    .locator(ACTIVE_EDITOR)
    .first()
    .evaluate((editor) => {
      const numbers = new Map<string, number>();
      for (const n of Array.from(editor.querySelectorAll('.margin-view-overlays .line-numbers'))) {
        const top = (n.parentElement as HTMLElement).style.top;
        const value = Number((n.textContent ?? '').trim());
        if (top && Number.isInteger(value) && value > 0) numbers.set(top, value);
      }
      const out: number[] = [];
      for (const row of Array.from(editor.querySelectorAll('.view-overlays > div'))) {
        const line = numbers.get((row as HTMLElement).style.top);
        if (line === undefined) continue;
        if (row.querySelector('[class*="ced-"]')) out.push(line);
      }
      return out.sort((a, b) => a - b);
    });
}
