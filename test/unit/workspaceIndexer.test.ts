/** The indexer's path checks: which files count as inside a workspace folder. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { isInside, normalizeUri, WorkspaceIndexer } from '../../server/src/workspaceIndexer';

describe('workspace indexer paths', () => {
  it('counts every path as inside a folder at the root of a disk', () => {
    assert.ok(isInside('/home/anna/ep1.transcript', '/', path.posix));
    assert.ok(isInside('/', '/', path.posix));
    assert.ok(isInside('C:\\Podcast\\ep1.transcript', 'C:\\', path.win32));
    assert.ok(isInside('/srv/podcast/ep1.transcript', '/srv/podcast', path.posix));
    assert.ok(isInside('/srv/podcast', '/srv/podcast', path.posix));
    assert.ok(!isInside('/srv/podcast-old/ep1.transcript', '/srv/podcast', path.posix));
    assert.ok(!isInside('D:\\ep1.transcript', 'C:\\', path.win32));
  });

  it('indexes a changed file when the workspace folder is the root of the disk', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-root-')));
    try {
      const file = path.join(dir, 'ep1.transcript');
      fs.writeFileSync(
        file,
        'Chapters\n0:00:00 Wurzel\nTranscript\nWurzel\nMalte:\n[0:01] Hallo.\n',
      );
      const indexer = new WorkspaceIndexer({ onUpdated: () => {}, log: () => {} });
      indexer.setRoots(['file:///']);
      assert.ok(indexer.inside(file));
      await indexer.fileChanged(URI.file(file).toString(), false);
      assert.deepEqual(
        indexer.index.symbols('Wurzel').map((s) => s.uri),
        [URI.file(file).toString()],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('spells a file URI one way, whichever editor wrote it', () => {
    const vscode = URI.file('/podcast/Gespräch (Teil 1)!.transcript').toString();
    assert.equal(normalizeUri('file:///podcast/Gespr%c3%a4ch%20(Teil%201)!.transcript'), vscode);
    assert.equal(normalizeUri(vscode), vscode);
  });
});
