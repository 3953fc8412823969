/** `transcript shift`, `stats` and `outline` on files, as a user runs them. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLEAN } from '../unit/util';
import { assertNoCrash, BOM, cli, crlfWithBom, outLines, TempDir } from './helpers';

describe('transcript shift, stats and outline (built CLI)', function () {
  this.timeout(30_000);
  const tmp = new TempDir();
  after(() => tmp.remove());

  it('shifts every stamp and chapter time at or after --from, in place, keeping BOM and CRLF', () => {
    const dir = tmp.folder('shift');
    const file = path.join(dir, 'ep.transcript');
    fs.writeFileSync(file, crlfWithBom(CLEAN));
    const r = cli('shift', '--by', '-0:00:05', '--from', '0:01:00', file);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${file}: shifted 3 timestamps and 1 chapter time by -0:00:05\n`);
    const bytes = fs.readFileSync(file);
    assert.ok(bytes.subarray(0, 3).equals(BOM), 'BOM kept');
    const text = bytes.subarray(3).toString('utf8');
    assert.ok(text.includes('\r\n0:01:05 Neuigkeiten\r\n'));
    assert.ok(text.includes('\r\n[1:07] Dann fangen wir an.\r\n'));
    assert.ok(text.includes('\r\n[0:20] Hallo Malte'), 'earlier stamps stay');
    assert.deepEqual(fs.readdirSync(dir), ['ep.transcript'], 'no temporary file left');
    // And back: the original bytes.
    assert.equal(cli('shift', '--by', '+5', '--from', '0:01:00', file).status, 0);
    assert.deepEqual(fs.readFileSync(file), crlfWithBom(CLEAN));
  });

  it('refuses a shift that would make a time negative, leaving the file untouched (exit 1)', () => {
    const file = tmp.write('neg.transcript', CLEAN);
    const r = cli('shift', '--by', '-10', file);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /would make \[0:05\] on line 14 negative; nothing was changed/);
    assert.equal(fs.readFileSync(file, 'utf8'), CLEAN);
    assertNoCrash(r);
  });

  it('says what is wrong with a bad offset or time (exit 2)', () => {
    const file = tmp.write('bad.transcript', CLEAN);
    for (const args of [['--by', 'soon'], ['--by', '5', '--from', '-0:10'], []]) {
      const r = cli('shift', ...args, file);
      assert.equal(r.status, 2, args.join(' '));
      assertNoCrash(r);
    }
    assert.match(cli('shift', '--by', 'soon', file).stderr, /--by 'soon' is not an offset/);
    assert.equal(fs.readFileSync(file, 'utf8'), CLEAN);
  });

  it('prints statistics as Markdown and as JSON', () => {
    const file = tmp.write('stats.transcript', CLEAN);
    const md = cli('stats', file);
    assert.equal(md.status, 0);
    assert.match(md.stdout, /^# Statistics: stats\.transcript$/m);
    assert.match(md.stdout, /^\| Malte \| 2 \| 17 \| 1:08 \| 74 % \| 56 % \|$/m);
    const json = cli('stats', '--format', 'json', file);
    assert.equal(json.status, 0);
    const stats = JSON.parse(json.stdout);
    assert.deepEqual(
      stats.speakers.map((s: { name: string; turns: number; words: number }) => [
        s.name,
        s.turns,
        s.words,
      ]),
      [
        ['Malte', 2, 17],
        ['Stefan', 2, 6],
      ],
    );
    assert.deepEqual(
      stats.chapters.map((c: { title: string }) => c.title),
      ['Begrüßung', 'Neuigkeiten'],
    );
  });

  it('prints the outline with lines', () => {
    const file = tmp.write('outline.transcript', CLEAN);
    const r = cli('outline', file);
    assert.equal(r.status, 0);
    assert.deepEqual(outLines(r.stdout).slice(5), [
      'Transcript  (line 11)',
      '  Begrüßung  0:00:00  (line 12)',
      '    Malte 0:05  (line 13)',
      '    Stefan 0:20  (line 15)',
      '  Neuigkeiten  0:01:10  (line 17)',
      '    Malte 1:12  (line 18)',
      '    Stefan 2:05  (line 22)',
    ]);
  });

  it('reads the chapters beside a cue file: outline, stats, check and export', () => {
    const dir = tmp.folder('beside');
    const vtt = path.join(dir, 'episode.vtt');
    fs.writeFileSync(
      vtt,
      [
        'WEBVTT',
        '',
        '00:00.000 --> 00:04.000',
        '<v Torsten>Hallo und willkommen.',
        '',
        '00:09.000 --> 00:15.000',
        '<v Stephan>Danke für die Einladung.',
        '',
      ].join('\n'),
    );
    const chapters = path.join(dir, 'episode.chapters.json');
    fs.writeFileSync(
      chapters,
      JSON.stringify({
        version: '1.2.0',
        chapters: [
          { startTime: 0, title: 'Intro' },
          { startTime: 9, title: 'Gespräch' },
        ],
      }),
    );
    assert.deepEqual(outLines(cli('outline', vtt).stdout), [
      'Intro  0:00:00 (episode.chapters.json)  (line 3)',
      '  Torsten 0:00  (line 4)',
      'Gespräch  0:00:09 (episode.chapters.json)  (line 6)',
      '  Stephan 0:09  (line 7)',
    ]);
    const stats = JSON.parse(cli('stats', '--format', 'json', vtt).stdout);
    assert.deepEqual(
      stats.chapters.map((c: { title: string; start: number; end: number; words: number }) => [
        c.title,
        c.start,
        c.end,
        c.words,
      ]),
      [
        ['Intro', 0, 9, 3],
        ['Gespräch', 9, 15, 4],
      ],
    );
    const exported = cli('export', '--to', 'chapters-json', vtt);
    assert.equal(exported.status, 0, exported.stderr);
    assert.deepEqual(JSON.parse(exported.stdout).chapters, [
      { startTime: 0, title: 'Intro' },
      { startTime: 9, title: 'Gespräch' },
    ]);
    assert.equal(cli('check', vtt).status, 0);

    fs.writeFileSync(chapters, '{"chapters": [');
    const broken = cli('check', vtt);
    assert.equal(broken.status, 1);
    assert.equal(
      broken.stdout,
      `${vtt}:1:1: error chapter-entry-malformed The chapters file beside this transcript, episode.chapters.json, cannot be read: the chapters file is not valid JSON\n`,
    );
    assertNoCrash(broken);
  });
});
