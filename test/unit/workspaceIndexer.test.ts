/** The indexer's path checks: which files count as inside a workspace folder. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { isInside, normalizeUri } from '../../server/src/files/access';
import { nodeFiles } from '../../server/src/files/node';
import { WorkspaceIndexer } from '../../server/src/workspaceIndexer';

describe('workspace indexer paths', () => {
  it('counts every URI as inside a folder at the root of a disk', () => {
    const u = (p: string) => URI.file(p).toString();
    assert.ok(isInside(u('/home/anna/ep1.transcript'), u('/')));
    assert.ok(isInside(u('/'), u('/')));
    assert.ok(isInside('file:///c%3A/Podcast/ep1.transcript', 'file:///c%3A/'));
    assert.ok(isInside(u('/srv/podcast/ep1.transcript'), u('/srv/podcast')));
    assert.ok(isInside(u('/srv/podcast'), u('/srv/podcast')));
    assert.ok(!isInside(u('/srv/podcast-old/ep1.transcript'), u('/srv/podcast')));
    assert.ok(!isInside('file:///d%3A/ep1.transcript', 'file:///c%3A/'));
    assert.ok(isInside('vscode-vfs://github/show/site/ep1.txt', 'vscode-vfs://github/show/site'));
    assert.ok(!isInside('vscode-vfs://github/show/site2/ep1.txt', 'vscode-vfs://github/show/site'));
  });

  it('indexes a changed file when the workspace folder is the root of the disk', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-root-')));
    try {
      const file = path.join(dir, 'ep1.transcript');
      fs.writeFileSync(
        file,
        'Chapters\n0:00:00 Wurzel\nTranscript\nWurzel\nMalte:\n[0:01] Hallo.\n',
      );
      const indexer = new WorkspaceIndexer({ onUpdated: () => {}, log: () => {} }, nodeFiles);
      indexer.setRoots(['file:///']);
      assert.ok(indexer.inside(URI.file(file).toString()));
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
