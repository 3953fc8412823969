/**
 * `npm start` as a newcomer runs it (after `npm run package`): the script
 * starts code-server on the port it is given, prints an address that opens
 * the shipped example (episode.txt, its audio episode.ogg beside it), and
 * stops everything, its copy of examples/ included, on Ctrl+C.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, freePort, repoRoot, waitFor } from './harness.js';
import { vsixPath } from './workbench.js';

describe('npm start: the example in VS Code in the browser', function () {
  this.timeout(240_000);
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  let out = '';

  after(async function () {
    await browser?.close();
    // The script stops on Ctrl+C; a test that failed early must not leave it running.
    if (child?.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  });

  it('opens episode.txt at the printed address, with its audio beside it, and cleans up on Ctrl+C', async function () {
    assert.ok(fs.existsSync(vsixPath()), 'npm run package first (npm start does)');
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: repoRoot(),
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const url = await waitFor(
      () => /^\s*(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+&payload=\S+)$/m.exec(out)?.[1],
      { timeout: 180_000, message: `the address npm start prints (output so far: ${out})` },
    );
    assert.ok(url.startsWith(`http://127.0.0.1:${port}/`), url);
    const workspace = decodeURI(/folder=([^&]+)/.exec(url)![1]!);
    assert.ok(fs.existsSync(`${workspace}/episode.ogg`), 'the example audio in the copy');

    browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    // episode.txt opens by itself, as a Transcript.
    await waitFor(
      async () =>
        (await page
          .locator('.part.editor .tab.active')
          .first()
          .innerText()
          .catch(() => '')) === 'episode.txt',
      { timeout: 60_000, message: 'episode.txt open in the editor' },
    );
    await waitFor(
      async () =>
        (await page
          .locator('#status\\.editor\\.mode')
          .first()
          .innerText()
          .catch(() => '')) === 'Transcript',
      { timeout: 30_000, message: 'the Transcript language' },
    );
    await browser.close();
    browser = undefined;

    // Ctrl+C: code-server stops and the copy of examples/ goes.
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    process.kill(child.pid!, 'SIGINT');
    assert.equal(await exited, 0);
    assert.match(out, /Stopped\./);
    assert.ok(!fs.existsSync(workspace), `${workspace} removed`);
  });
});
