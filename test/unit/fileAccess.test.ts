/**
 * The server's file seam on a file system that is not a disk (as github.dev's
 * `vscode-vfs:` is): rosters, feeds, chapters files and the workspace index
 * are found and read through `FileAccess` alone, by URI.
 */
import { strict as assert } from 'node:assert';
import type { FileAccess, FileStat } from '../../server/src/files/access';
import { findRoster, resolveAgainst } from '../../server/src/files/roster';
import { findSideChapters } from '../../server/src/files/sideChapters';
import { WorkspaceIndexer } from '../../server/src/workspaceIndexer';

const ROOT = 'vscode-vfs://github/show/site';

/** An in-memory file system: URI → text (or a link to another URI); folders are implied. */
function memoryFiles(files: Record<string, string | { link: string }>): FileAccess & {
  reads: string[];
} {
  const reads: string[] = [];
  const target = (uri: string) => {
    const f = files[uri];
    return typeof f === 'object' ? f.link : uri;
  };
  return {
    reads,
    async stat(uri): Promise<FileStat | undefined> {
      const f = files[uri];
      const link = typeof f === 'object';
      const t = files[target(uri)];
      if (typeof t === 'string') return { type: 'file', size: t.length, link };
      if (Object.keys(files).some((k) => k.startsWith(uri + '/')))
        return { type: 'directory', size: 0, link: false };
      return undefined;
    },
    async readText(uri) {
      reads.push(uri);
      const t = files[target(uri)];
      if (typeof t !== 'string') throw new Error(`${uri}: no such file`);
      return t;
    },
    async findFiles(folder, extensions) {
      return Object.keys(files).filter(
        (k) =>
          k.startsWith(folder + '/') &&
          !/\/(node_modules|\.git)\//.test(k) &&
          extensions.some((x) => k.endsWith(`.${x}`)),
      );
    },
    realUri: async (uri) => target(uri),
  };
}

const EPISODE = (title: string, speaker: string) =>
  `Generated Shownotes\n\nChapters\n0:00:00 ${title}\n\nTranscript\n\n${title}\n\n${speaker}:\n[0:01] Hallo.\n`;

describe('file access on a virtual file system', () => {
  it('finds the rosters up to the workspace folder and the feed they name, by URI', async () => {
    const files = memoryFiles({
      [`${ROOT}/transcript-roster.json`]: '{"speakers": ["Torsten"], "feed": "feed/show.rss"}',
      [`${ROOT}/episodes/transcript-roster.json`]:
        '{"speakers": [{"name": "Stephan", "misspellings": ["Stefan"]}]}',
      [`${ROOT}/episodes/ep1.txt`]: EPISODE('Intro', 'Torsten'),
      [`${ROOT}/feed/show.rss`]:
        '<rss xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><podcast:person>Anna</podcast:person></channel></rss>',
      // Above the workspace folder: never read.
      'vscode-vfs://github/show/transcript-roster.json': '{"speakers": ["Outside"]}',
    });
    const loaded = await findRoster(files, `${ROOT}/episodes/ep1.txt`, { stopAt: ROOT });
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.files, [
      `${ROOT}/episodes/transcript-roster.json`,
      `${ROOT}/transcript-roster.json`,
    ]);
    assert.equal(loaded.feed, `${ROOT}/feed/show.rss`);
    assert.deepEqual(loaded.roster.speakers.map((s) => s.name).sort(), [
      'Anna',
      'Stephan',
      'Torsten',
    ]);
    assert.ok(!files.reads.some((r) => r.includes('/show/transcript-roster.json')));
  });

  it('without a workspace folder, looks up to the repository root (the folder with .git)', async () => {
    const files = memoryFiles({
      [`${ROOT}/.git/HEAD`]: 'ref: refs/heads/main',
      [`${ROOT}/transcript-roster.json`]: '{"speakers": ["Torsten"]}',
      'vscode-vfs://github/show/transcript-roster.json': '{"speakers": ["Outside"]}',
      [`${ROOT}/a/b/ep1.txt`]: EPISODE('Intro', 'Torsten'),
    });
    const loaded = await findRoster(files, `${ROOT}/a/b/ep1.txt`);
    assert.deepEqual(loaded.files, [`${ROOT}/transcript-roster.json`]);
  });

  it('reports a roster too large to read and a feed named by a setting that is not there', async () => {
    const files = memoryFiles({
      [`${ROOT}/transcript-roster.json`]: `{"speakers": [], "x": "${'x'.repeat(5 << 20)}"}`,
    });
    const loaded = await findRoster(files, `${ROOT}/ep1.txt`, { stopAt: ROOT, feed: 'feed.xml' });
    assert.deepEqual(loaded.problems, [
      `${ROOT}/transcript-roster.json: larger than 4 MB; not read`,
      `${ROOT}/feed.xml: no such feed`,
    ]);
  });

  it('reads the chapters file beside a transcript', async () => {
    const files = memoryFiles({
      [`${ROOT}/ep1.vtt`]: 'WEBVTT\n',
      [`${ROOT}/ep1.chapters.json`]:
        '{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro"}, {"startTime": 60, "title": "News"}]}',
    });
    const side = await findSideChapters(files, `${ROOT}/ep1.vtt`);
    assert.equal(side?.file, 'ep1.chapters.json');
    assert.deepEqual(
      side?.entries.map((e) => [e.title, e.seconds]),
      [
        ['Intro', 0],
        ['News', 60],
      ],
    );
    assert.equal(await findSideChapters(files, `${ROOT}/ep2.vtt`), undefined);
  });

  it('indexes the transcripts found, leaving out links, other text and what lies outside', async () => {
    const files = memoryFiles({
      [`${ROOT}/ep1.txt`]: EPISODE('Begrüßung', 'Torsten'),
      [`${ROOT}/season/ep2.transcript`]: EPISODE('Ausblick', 'Stephan'),
      [`${ROOT}/notes.txt`]: 'Just notes, no transcript.\n',
      [`${ROOT}/linked.txt`]: { link: 'vscode-vfs://github/other/ep9.txt' },
      'vscode-vfs://github/other/ep9.txt': EPISODE('Fremd', 'Anna'),
      [`${ROOT}/node_modules/x/ep3.txt`]: EPISODE('Modul', 'Anna'),
    });
    const indexer = new WorkspaceIndexer({ onUpdated: () => {}, log: () => {} }, files);
    indexer.setRoots([ROOT]);
    await indexer.indexAll();
    assert.deepEqual(indexer.index.uris().sort(), [
      `${ROOT}/ep1.txt`,
      `${ROOT}/season/ep2.transcript`,
    ]);
    assert.deepEqual(
      indexer.index
        .symbols('')
        .map((s) => s.name)
        .filter((n) => n === 'Begrüßung' || n === 'Ausblick')
        .sort(),
      ['Ausblick', 'Begrüßung'],
    );
    assert.ok(!files.reads.includes('vscode-vfs://github/other/ep9.txt'), 'a link is not followed');
  });

  it('resolves a feed named by a setting against the folder: relative, absolute or a URI', () => {
    assert.equal(resolveAgainst(ROOT, 'feed.xml'), `${ROOT}/feed.xml`);
    assert.equal(resolveAgainst(`${ROOT}/a`, '../feed.xml'), `${ROOT}/feed.xml`);
    assert.equal(resolveAgainst(ROOT, '/feeds/x.rss'), 'vscode-vfs://github/feeds/x.rss');
    assert.equal(
      resolveAgainst('file:///srv/show', 'https://example.org/feed.xml'),
      'https://example.org/feed.xml',
    );
    assert.equal(
      resolveAgainst('file:///srv/show', 'C:\\feeds\\x.rss'),
      'file:///c%3A/feeds/x.rss',
    );
  });
});
