/** The server reads the roster file and the feed of a document from disk, and reads them again when they change. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';
import { NAMES_EPISODE as EPISODE } from '../unit/util';

const at = (d: Diagnostic[]) => d.map((x) => `${x.code}@${x.range.start.line}`);

describe('language server: the roster on disk', () => {
  let root: string;
  let client: LspClient;
  let uri: string;

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-roster-'));
    fs.mkdirSync(path.join(root, 'season'));
    const file = path.join(root, 'season', 'ep.txt');
    fs.writeFileSync(file, EPISODE);
    uri = pathToFileURL(file).toString();
    client = await LspClient.start({}, [pathToFileURL(root).toString()]);
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('uses transcript-roster.json above the document, and reads it again when it changes', async () => {
    fs.writeFileSync(path.join(root, 'transcript-roster.json'), '{ "ignore": ["Thorsten"] }');
    await client.open(uri, EPISODE);
    const first = await client.diagnostics(uri);
    assert.deepEqual(at(first), ['speaker-name-in-text@2', 'speaker-name-in-text@6']);
    assert.match(String(first[0].message), /'Stefan' looks like a misspelling of 'Stephan'/);

    // The roster now says the text is right about Stefan: the labels are reported instead.
    fs.writeFileSync(
      path.join(root, 'transcript-roster.json'),
      '{ "speakers": ["Stefan"], "ignore": ["Thorsten"] }',
    );
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: pathToFileURL(path.join(root, 'transcript-roster.json')).toString(), type: 2 },
      ],
    });
    // Waits for the roster's effect, not for any publication: the workspace
    // index finishing its scan may publish the old findings once more.
    const second = await client.diagnostics(uri, (d) => at(d).join() !== at(first).join());
    assert.deepEqual(at(second), ['speaker-spelling@3', 'speaker-spelling@7']);
    assert.match(
      String(second[0].message),
      /'Stephan' \(2 labels\) is a near spelling of the known speaker 'Stefan' \(roster\)/,
    );
  });

  it("joins the feed's <podcast:person> names and says what is wrong in a roster once", async () => {
    fs.writeFileSync(
      path.join(root, 'feed.xml'),
      `<rss xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>
        <podcast:person role="host">Thorsten</podcast:person></channel></rss>`,
    );
    fs.writeFileSync(path.join(root, 'season', 'transcript-roster.json'), '{ "speakers": 1 }');
    await client.open(uri, EPISODE);
    const d = await client.diagnostics(uri);
    // The feed vouches for 'Thorsten': the Torsten labels are the near spelling now.
    assert.deepEqual(at(d), [
      'speaker-spelling@1',
      'speaker-name-in-text@2',
      'speaker-spelling@5',
      'speaker-name-in-text@6',
    ]);
    const said = client.messages.filter((m) => m.message.includes('transcript-roster.json'));
    assert.equal(said.length, 1, JSON.stringify(client.messages));
    assert.match(said[0].message, /"speakers" must be a list/);
  });

  it('reads nothing outside the workspace folder but the document’s own folder', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'transcript-roster.json'), '{ "ignore": ["Stefan"] }');
      fs.mkdirSync(path.join(outside, 'deeper'));
      fs.writeFileSync(path.join(outside, 'deeper', 'ep.txt'), EPISODE);
      const other = pathToFileURL(path.join(outside, 'deeper', 'ep.txt')).toString();
      await client.open(other, EPISODE);
      const d = await client.diagnostics(other);
      assert.equal(at(d).length, 4, 'the roster above a file outside the workspace is not read');
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
