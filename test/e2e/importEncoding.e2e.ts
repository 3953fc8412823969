/**
 * "Transcript: Import…" refuses a file that is not UTF-8, as the CLI does,
 * instead of importing it with U+FFFD in place of every umlaut: an error
 * names the file and no new editor opens. (The decoding rule itself is
 * tested in test/unit/importDecode.test.ts; this drives the command.)
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli } from '../cli/helpers.js';
import { startVSCode, type VSCodeSession } from './harness.js';
import { acceptPath, closeAllEditors, pickRow, tabLabels, vsixPath } from './workbench.js';

describe('Import… of a file that is not UTF-8', function () {
  let vs: VSCodeSession;

  before(async function () {
    vs = await startVSCode({ vsix: vsixPath(), workspaceFiles: { 'notes.md': 'Notizen\n' } });
  });

  afterEach(async function () {
    await vs?.saveFailureArtifacts(this.currentTest);
    await closeAllEditors(vs);
  });

  after(async function () {
    await vs?.stop();
  });

  it('shows an error naming the file and opens nothing, as the CLI refuses it', async function () {
    const file = path.join(vs.workspaceDir, 'latin1.srt');
    fs.writeFileSync(
      file,
      Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nGrüße aus Köln\n', 'latin1'),
    );
    const refused = cli('import', file);
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /not valid UTF-8/);

    await vs.runCommand('Transcript: Import…');
    await acceptPath(vs, /^Import Transcript$/, file, true);
    await pickRow(vs, /^Chapters$/, 'No chapters file');
    await vs.waitForNotification(
      'latin1.srt: not valid UTF-8; convert it to UTF-8 first so that no character is lost',
    );
    assert.ok(!(await tabLabels(vs.page)).some((t) => /Untitled-\d/.test(t)));
  });
});
