/**
 * `transcript export` and `transcript import` as functions (cli/src/formats.ts),
 * called directly on files in a temporary folder.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportCommand, importCommand, type FormatsIo } from '../../cli/src/formats';
import { exportTranscript } from '../../server/src/core/formats';
import { checkVtt } from '../unit/formats/helpers';
import { CLEAN } from '../unit/util';

const EPISODE = fs.readFileSync(path.resolve(__dirname, '../../examples/episode.txt'), 'utf8');

class Capture implements FormatsIo {
  readonly outLines: string[] = [];
  readonly errLines: string[] = [];
  out(s: string): void {
    this.outLines.push(s);
  }
  err(s: string): void {
    this.errLines.push(s);
  }
  get stdout(): string {
    return this.outLines.join('\n');
  }
  get stderr(): string {
    return this.errLines.join('\n');
  }
}

function expected(text: string, format: Parameters<typeof exportTranscript>[1]): string {
  const r = exportTranscript(text, format);
  if (!r.ok) assert.fail(r.message);
  return r.content;
}

describe('cli formats', () => {
  let dir: string;
  const file = (name: string, content?: string | Buffer) => {
    const p = path.join(dir, name);
    if (content !== undefined) fs.writeFileSync(p, content);
    return p;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-formats-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('exportCommand', () => {
    it('prints the export to stdout', async () => {
      const io = new Capture();
      assert.equal(await exportCommand(file('ep.txt', CLEAN), { to: 'vtt' }, io), 0);
      assert.equal(`${io.stdout}\n`, expected(CLEAN, 'vtt'));
      assert.equal(io.stderr, '');
    });

    it('writes the export to a file, leaving no temporary file behind', async () => {
      const input = file('ep.txt', `\uFEFF${CLEAN.replace(/\n/g, '\r\n')}`);
      const output = file('ep.srt');
      const io = new Capture();
      assert.equal(await exportCommand(input, { to: 'srt', output }, io), 0);
      assert.equal(fs.readFileSync(output, 'utf8'), expected(CLEAN, 'srt'));
      assert.deepEqual(io.outLines, [`${output}: written (SubRip subtitles)`]);
      assert.deepEqual(fs.readdirSync(dir).sort(), ['ep.srt', 'ep.txt']);
      // Again, over the file written before.
      assert.equal(await exportCommand(input, { to: 'json', output }, new Capture()), 0);
      assert.equal(fs.readFileSync(output, 'utf8'), expected(CLEAN, 'json'));
      assert.deepEqual(fs.readdirSync(dir).sort(), ['ep.srt', 'ep.txt']);
    });

    it('refuses a transcript with errors (exit 1), listing them, and writes nothing', async () => {
      const input = file('ep.txt', EPISODE);
      const output = file('ep.vtt');
      const io = new Capture();
      assert.equal(await exportCommand(input, { to: 'vtt', output }, io), 1);
      assert.equal(io.stdout, '');
      assert.match(io.stderr, /^transcript: .*ep\.txt: Not exported: the transcript has 2 errors/);
      assert.match(io.stderr, /\n {2}63:1 timestamp-malformed '\[12:6\]'/);
      assert.match(io.stderr, /\n {2}77:1 timestamp-order \[1:14:07\]/);
      assert.equal(fs.existsSync(output), false);
    });

    it('exports with force', async () => {
      const io = new Capture();
      assert.equal(
        await exportCommand(file('ep.txt', EPISODE), { to: 'html', force: true }, io),
        0,
      );
      assert.match(io.stdout, /^<!DOCTYPE html>/);
    });

    it('passes the line width and the episode length on', async () => {
      const io = new Capture();
      const input = file('ep.txt', CLEAN);
      assert.equal(
        await exportCommand(input, { to: 'vtt', lineWidth: 12, episodeLength: 600 }, io),
        0,
      );
      assert.match(io.stdout, /\n00:02:05\.000 --> 00:10:00\.000\n<v Stefan>Danke\.$/);
      assert.match(io.stdout, /\n<v Malte>Hallo und\nherzlich\nwillkommen\./);
      // Strings, as a command-line parser may hand them over, are read as numbers.
      const io2 = new Capture();
      const opts = { to: 'vtt', lineWidth: '12', episodeLength: '600' } as unknown as {
        to: string;
        lineWidth: number;
        episodeLength: number;
      };
      assert.equal(await exportCommand(input, opts, io2), 0);
      assert.equal(io2.stdout, io.stdout);
    });

    it('writes the WebVTT chapters track with --chapters-track', async () => {
      const input = file('ep.txt', CLEAN);
      const track = path.join(dir, 'ep.chapters.vtt');
      const output = path.join(dir, 'ep.vtt');
      const io = new Capture();
      assert.equal(await exportCommand(input, { to: 'vtt', output, chaptersTrack: track }, io), 0);
      const r = exportTranscript(CLEAN, 'vtt', { chaptersTrack: true });
      assert.ok(r.ok && r.chaptersTrack !== undefined);
      assert.equal(fs.readFileSync(track, 'utf8'), r.chaptersTrack);
      assert.equal(fs.readFileSync(output, 'utf8'), r.content);
      assert.deepEqual(
        checkVtt(r.chaptersTrack, 'chapters').map((c) => c.text),
        ['Begrüßung', 'Neuigkeiten'],
      );
      assert.equal(
        io.stdout,
        `${track}: written (WebVTT chapters track)\n${output}: written (WebVTT transcript)`,
      );
      // With the transcript track on standard output, the note goes to standard error.
      const io2 = new Capture();
      assert.equal(await exportCommand(input, { to: 'vtt', chaptersTrack: track }, io2), 0);
      assert.equal(`${io2.stdout}\n`, r.content);
      assert.equal(io2.stderr, `${track}: written (WebVTT chapters track)`);
    });

    it('prints warnings on stderr', async () => {
      const io = new Capture();
      const input = file('ep.txt', 'moderator <1>:\n[0:01] Hallo.\n');
      assert.equal(await exportCommand(input, { to: 'srt' }, io), 0);
      assert.match(io.stderr, /warning: 'moderator <1>' does not look like a name to SRT readers/);
    });

    it('answers bad usage with exit 2 and a message', async () => {
      const input = file('ep.txt', CLEAN);
      const cases: [Parameters<typeof exportCommand>[1], RegExp][] = [
        [
          { to: 'docx' },
          /unknown format 'docx' \(known: vtt, srt, json, html, chapters-json, psc, mp4chaps\)/,
        ],
        [
          { to: 'vtt', lineWidth: 0 },
          /--line-width: expected a number of characters, 1 or more, got '0'/,
        ],
        [{ to: 'vtt', lineWidth: NaN }, /--line-width/],
        [{ to: 'vtt', episodeLength: -1 }, /--episode-length: expected a number of seconds/],
        [{ to: 'vtt', output: input }, /is the transcript itself/],
        [{ to: 'srt', chaptersTrack: 'c.vtt' }, /--chapters-track goes with --to vtt/],
        [{ to: 'vtt', chaptersTrack: input }, /is the transcript itself/],
        [
          { to: 'vtt', output: file('o.vtt'), chaptersTrack: file('o.vtt') },
          /is also the --output file/,
        ],
      ];
      for (const [opts, message] of cases) {
        const io = new Capture();
        assert.equal(await exportCommand(input, opts, io), 2, String(message));
        assert.match(io.stderr, message);
        assert.equal(io.stdout, '');
      }
      assert.equal(fs.readFileSync(input, 'utf8'), CLEAN);
    });

    it('answers files it cannot read or write with exit 2', async () => {
      const io = new Capture();
      assert.equal(await exportCommand(path.join(dir, 'missing.txt'), { to: 'vtt' }, io), 2);
      assert.match(io.stderr, /missing\.txt: no such file/);

      const io2 = new Capture();
      const out = path.join(dir, 'no', 'such', 'folder.vtt');
      assert.equal(await exportCommand(file('ep.txt', CLEAN), { to: 'vtt', output: out }, io2), 2);
      assert.match(io2.stderr, /folder\.vtt: could not be written \(no such folder\)/);

      const io3 = new Capture();
      assert.equal(await exportCommand(file('ep.txt'), { to: 'vtt', output: dir }, io3), 2);
      assert.match(io3.stderr, /is a directory/);

      const io4 = new Capture();
      const latin1 = file('latin1.txt', Buffer.from('Malte:\n[0:01] Gr\xfc\xdfe\n', 'latin1'));
      assert.equal(await exportCommand(latin1, { to: 'vtt' }, io4), 2);
      assert.match(io4.stderr, /not valid UTF-8/);
      assert.deepEqual(fs.readdirSync(dir).sort(), ['ep.txt', 'latin1.txt']);
    });
  });

  describe('importCommand', () => {
    it('imports WebVTT with a chapters file to stdout', async () => {
      const vtt = file('ep.vtt', expected(CLEAN, 'vtt'));
      const chapters = file('ep.chapters.json', expected(CLEAN, 'chapters-json'));
      const io = new Capture();
      assert.equal(await importCommand(vtt, { chapters }, io), 0);
      assert.equal(io.stderr, '');
      assert.equal(
        io.stdout,
        [
          'Chapters',
          '0:00:00 Begrüßung',
          '0:01:10 Neuigkeiten',
          'Transcript',
          'Begrüßung',
          'Malte:',
          '[0:05] Hallo und herzlich willkommen. Ich bin Malte.',
          'Stefan:',
          '[0:20] Hallo Malte, ich bin Stefan.',
          'Neuigkeiten',
          'Malte:',
          '[1:12] Dann fangen wir an. Weiter geht es.',
          '[1:40] Noch ein Absatz.',
          'Stefan:',
          '[2:05] Danke.',
        ].join('\n'),
      );
    });

    it('groups cues into one paragraph per pause with --paragraphs pauses', async () => {
      // Whisper-like cues: contiguous within a thought, a 3 s pause between two.
      const srt = file(
        'w.srt',
        [
          '1\n00:00:01,000 --> 00:00:03,500\nAnna: Hallo und',
          '2\n00:00:03,500 --> 00:00:06,000\nwillkommen zur Folge.',
          '3\n00:00:09,000 --> 00:00:11,000\nHeute geht es um Daten.',
          '',
        ].join('\n\n'),
      );
      const byCue = new Capture();
      assert.equal(await importCommand(srt, {}, byCue), 0);
      assert.match(byCue.stdout, /\[0:01\] Hallo und\n\[0:03\] willkommen zur Folge\.\n\[0:09\] /);
      const byPause = new Capture();
      assert.equal(await importCommand(srt, { paragraphs: 'pauses' }, byPause), 0);
      assert.match(
        byPause.stdout,
        /\nAnna:\n\[0:01\] Hallo und willkommen zur Folge\.\n\[0:09\] Heute geht es um Daten\.$/,
      );
      // A longer pause threshold joins all three.
      const long = new Capture();
      assert.equal(await importCommand(srt, { paragraphs: 'pauses', pause: 5 }, long), 0);
      assert.match(
        long.stdout,
        /\n\[0:01\] Hallo und willkommen zur Folge\. Heute geht es um Daten\.$/,
      );
      const bad = new Capture();
      assert.equal(await importCommand(srt, { paragraphs: 'sentences' }, bad), 2);
      assert.match(bad.stderr, /--paragraphs: expected cues or pauses, got 'sentences'/);
    });

    it('writes the transcript to a file; export and import round trip through files', async () => {
      const txt = file('ep.txt', CLEAN);
      const srt = file('ep.srt');
      const psc = file('ep.psc.xml');
      assert.equal(await exportCommand(txt, { to: 'srt', output: srt }, new Capture()), 0);
      assert.equal(await exportCommand(txt, { to: 'psc', output: psc }, new Capture()), 0);
      const back = file('back.txt');
      const io = new Capture();
      assert.equal(await importCommand(srt, { chapters: psc, output: back }, io), 0);
      assert.deepEqual(io.outLines, [`${back}: written (transcript)`]);
      const again = file('again.srt');
      assert.equal(await exportCommand(back, { to: 'srt', output: again }, new Capture()), 0);
      assert.equal(fs.readFileSync(again, 'utf8'), fs.readFileSync(srt, 'utf8'));
      assert.deepEqual(fs.readdirSync(dir).sort(), [
        'again.srt',
        'back.txt',
        'ep.psc.xml',
        'ep.srt',
        'ep.txt',
      ]);
    });

    it('refuses content it cannot import (exit 1)', async () => {
      const io = new Capture();
      assert.equal(await importCommand(file('x.txt', 'Hallo Welt\n'), {}, io), 1);
      assert.match(io.stderr, /x\.txt: Unknown transcript format: expected WebVTT/);
      const io2 = new Capture();
      const vtt = file('ep.vtt', expected(CLEAN, 'vtt'));
      assert.equal(await importCommand(vtt, { chapters: file('c.txt', 'kaputt\n') }, io2), 1);
      assert.match(io2.stderr, /Cannot read the chapters: line 1: 'kaputt' is not a chapter/);
    });

    it('prints warnings on stderr', async () => {
      const io = new Capture();
      const vtt = file('w.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>eins\n\nstray\n');
      assert.equal(await importCommand(vtt, {}, io), 0);
      assert.match(io.stderr, /w\.vtt: warning: line 6: text outside a cue \('stray'\)/);
      assert.equal(io.stdout, 'Transcript\nA:\n[0:01] eins stray');
    });

    it('answers bad usage and unreadable files with exit 2', async () => {
      const vtt = file('ep.vtt', expected(CLEAN, 'vtt'));
      const chapters = file('c.json', expected(CLEAN, 'chapters-json'));
      const cases: [string, Parameters<typeof importCommand>[1], RegExp][] = [
        [vtt, { output: vtt }, /is the file being imported/],
        [vtt, { chapters, output: chapters }, /is the chapters file/],
        [path.join(dir, 'missing.vtt'), {}, /missing\.vtt: no such file/],
        [vtt, { chapters: path.join(dir, 'missing.json') }, /missing\.json: no such file/],
        [file('bad.srt', Buffer.from([0x31, 0x0a, 0xff, 0xfe])), {}, /not valid UTF-8/],
      ];
      for (const [input, opts, message] of cases) {
        const io = new Capture();
        assert.equal(await importCommand(input, opts, io), 2, String(message));
        assert.match(io.stderr, message);
      }
      assert.equal(fs.readFileSync(vtt, 'utf8'), expected(CLEAN, 'vtt'));
    });
  });
});
