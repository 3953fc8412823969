/** The CLI finds the roster as the editor does: roster files from the transcript's folder up, and the show's feed. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeCorpus } from '../corpus';
import { NAMES_EPISODE } from '../unit/util';
import { assertNoCrash, cli, outLines, TempDir } from './helpers';

/** Line 7 names another Stefan, whom an ignore phrase can spare. */
const EPISODE = `${NAMES_EPISODE.replace('da bist, Stefan.', 'da bist, Stefan Müller.')}\n`;

/** `code@line` of each finding `check` prints. */
function found(stdout: string): string[] {
  return outLines(stdout).map((l) => {
    const m = /:(\d+):\d+: \w+ ([\w-]+) /.exec(l);
    return m ? `${m[2]}@${m[1]}` : l;
  });
}

describe('transcript check/fix with a roster', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = new TempDir();
    // The search stops at a repository root: the temporary folder is one.
    fs.mkdirSync(path.join(tmp.root, '.git'));
  });
  afterEach(() => tmp.remove());

  it('without a roster, the labels outrank the text', () => {
    const file = tmp.write('ep.txt', EPISODE);
    const r = cli('check', file);
    assertNoCrash(r);
    assert.deepEqual(found(r.stdout), [
      'speaker-name-in-text@3',
      'speaker-name-in-text@3',
      'speaker-name-in-text@5',
      'speaker-name-in-text@7',
    ]);
  });

  it('reads transcript-roster.json in a folder above the transcript, and its ignore phrases', () => {
    tmp.write('transcript-roster.json', '{ "ignore": ["Stefan Müller"] } // the season');
    fs.mkdirSync(path.join(tmp.root, 'season'));
    const file = tmp.write('season/ep.txt', EPISODE);
    const r = cli('check', file);
    assertNoCrash(r);
    assert.equal(r.stderr.includes('roster:'), false, r.stderr);
    // 'Stefan Müller' on line 7 is another person now; the lone 'Stefan' on line 3 is not.
    assert.deepEqual(found(r.stdout), [
      'speaker-name-in-text@3',
      'speaker-name-in-text@3',
      'speaker-name-in-text@5',
    ]);
  });

  it('a nearer roster adds to a farther one; "root": true stops the search', () => {
    tmp.write('transcript-roster.json', '{ "ignore": ["Thorsten"] }');
    fs.mkdirSync(path.join(tmp.root, 'season'));
    const file = tmp.write('season/ep.txt', EPISODE);
    tmp.write('season/transcript-roster.json', '{ "ignore": ["Stefan"] }');
    assert.deepEqual(found(cli('check', file).stdout), []);
    tmp.write('season/transcript-roster.json', '{ "ignore": ["Stefan"], "root": true }');
    assert.deepEqual(found(cli('check', file).stdout), [
      'speaker-name-in-text@3',
      'speaker-name-in-text@5',
    ]);
    assert.deepEqual(found(cli('check', '--no-roster', file).stdout).length, 4);
  });

  it('fix applies the roster: a listed misspelling renames labels, the text is respelt, consistent labels stay', () => {
    tmp.write(
      'transcript-roster.json',
      JSON.stringify({ speakers: [{ name: 'Stephan', misspellings: ['Steffen'] }] }),
    );
    const file = tmp.write('ep.txt', EPISODE.replace('Stephan:\n[0:12]', 'Steffen:\n[0:12]'));
    const r = cli('fix', file);
    assertNoCrash(r);
    const text = fs.readFileSync(file, 'utf8');
    assert.equal(text.match(/^Torsten:$/gm)?.length, 2);
    assert.equal(text.match(/^Stephan:$/gm)?.length, 2);
    assert.equal(/Steffen|Thorsten|Stefan\b/.test(text), false, text);
    assert.ok(
      outLines(r.stdout).includes("  - Rename speaker 'Steffen' to 'Stephan' (1 label)"),
      r.stdout,
    );
  });

  it("reads the show's feed beside the transcript: its people join the roster", () => {
    tmp.write(
      'feed.xml',
      `<rss xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>
        <podcast:person role="host">Stefan</podcast:person></channel></rss>`,
    );
    const file = tmp.write('ep.txt', EPISODE);
    const r = cli('check', file);
    assert.deepEqual(found(r.stdout), [
      'speaker-name-in-text@3',
      'speaker-spelling@4',
      'speaker-name-in-text@5',
      'speaker-spelling@8',
    ]);
    assert.match(
      r.stdout,
      /'Stephan' \(2 labels\) is a near spelling of the known speaker 'Stefan' \(roster\)/,
    );
  });

  it('says what is wrong in a roster once, and still checks', () => {
    tmp.write('transcript-roster.json', '{ "speakers": 3 ');
    const a = tmp.write('a.txt', EPISODE);
    const b = tmp.write('b.txt', EPISODE);
    const r = cli('check', a, b);
    assertNoCrash(r);
    assert.equal(r.stderr.match(/roster:/g)?.length, 2, r.stderr); // two problems, each said once
    assert.equal(found(r.stdout).length, 8);
  });

  it('--ignore-name spares a name in the text; --feed names a feed', () => {
    const file = tmp.write('ep.txt', EPISODE);
    assert.deepEqual(found(cli('check', '--ignore-name', 'Stefan', file).stdout), [
      'speaker-name-in-text@3',
      'speaker-name-in-text@5',
    ]);
    const missing = cli('check', '--feed', path.join(tmp.root, 'nope.xml'), file);
    assert.match(missing.stderr, /nope\.xml: no such feed/);
  });
});

describeCorpus('the real episode (shared corpus) through the CLI', (CORPUS) => {
  it('flags the text, never the 61 Torsten and 33 Stephan labels, and fix keeps every label', () => {
    const r = cli('check', CORPUS);
    const codes = found(r.stdout).map((c) => c.split('@')[0]);
    assert.equal(codes.filter((c) => c === 'speaker-spelling').length, 0);
    assert.equal(codes.filter((c) => c === 'speaker-name-in-text').length, 17);
    const tmp = new TempDir();
    try {
      const copy = tmp.write('ep.txt', fs.readFileSync(CORPUS));
      cli('fix', copy);
      const text = fs.readFileSync(copy, 'utf8');
      assert.equal(text.match(/^Torsten:$/gm)?.length, 61);
      assert.equal(text.match(/^Stephan:$/gm)?.length, 33);
      assert.equal(/\b(Thorsten|thorsten|Stefan|stefan)\b/.test(text), false);
    } finally {
      tmp.remove();
    }
  });

  it('with --speaker Stefan (the roster says the text is right) the Stephan labels are flagged instead', () => {
    const out = cli('check', '--speaker', 'Stefan', CORPUS).stdout;
    const codes = found(out);
    assert.equal(codes.filter((c) => c.startsWith('speaker-spelling@')).length, 33);
    // The text's 'Stefan' is the roster's spelling now: only the host's name is left to respell.
    const words = outLines(out)
      .filter((l) => l.includes(' speaker-name-in-text '))
      .map((l) => /speaker-name-in-text '([^']+)'/.exec(l)![1]);
    assert.deepEqual(words.sort(), ['Thorsten', 'Thorsten', 'Thorsten', 'thorsten']);
    const json = JSON.parse(cli('check', '--format', 'json', CORPUS).stdout);
    assert.ok(JSON.stringify(json).length < 100_000, 'each fix is its own place');
  });
});
