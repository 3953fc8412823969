/** Exports: exact output on a short fixture, and each format read back by an independent parser. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  EXPORT_FORMATS,
  exportTranscript,
  type ExportFormat,
  type ExportOptions,
  type ExportSuccess,
} from '../../../server/src/core/formats';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { CLEAN, lines } from '../util';
import {
  checkHtml,
  checkJsonChapters,
  checkJsonTranscript,
  checkPsc,
  checkVtt,
  parseSrt,
  SHORT,
} from './helpers';

const EPISODE = readFileSync(path.resolve(__dirname, '../../../examples/episode.txt'), 'utf8');
/** The example without its two errors (the malformed and the out-of-order stamp). */
const FIXED = EPISODE.replace('[12:6]', '[12:06]').replace('[1:14:07]', '[14:07]');

function ok(text: string, format: ExportFormat, options: ExportOptions = {}): ExportSuccess {
  const r = exportTranscript(text, format, options);
  if (!r.ok) assert.fail(r.message);
  return r;
}

describe('exportTranscript', () => {
  describe('refusal', () => {
    it('refuses a transcript with errors, listing code, line and message of each', () => {
      for (const format of EXPORT_FORMATS) {
        const r = exportTranscript(EPISODE, format);
        assert.equal(r.ok, false);
        if (r.ok) continue;
        assert.deepEqual(
          r.errors.map((f) => `${f.range.start.line + 1} ${f.code}`),
          ['63 timestamp-malformed', '77 timestamp-order'],
        );
        assert.match(r.message, /^Not exported: the transcript has 2 errors/);
        assert.match(
          r.message,
          /\n {2}63:1 timestamp-malformed '\[12:6\]' is not a valid timestamp/,
        );
        assert.match(r.message, /\n {2}77:1 timestamp-order \[1:14:07\] is later than \[14:09\]/);
      }
    });

    it('exports anyway with force', () => {
      for (const format of EXPORT_FORMATS)
        assert.equal(exportTranscript(EPISODE, format, { force: true }).ok, true, format);
    });

    it('exports a transcript with warnings only', () => {
      const warned = CLEAN.replace('\nNeuigkeiten\nMalte:', '\nneuigkeiten\nMalte:');
      assert.equal(exportTranscript(warned, 'vtt').ok, true);
    });

    it('ignores errors the settings turn off', () => {
      const broken = CLEAN.replace('[1:40]', '[12:6]');
      assert.equal(exportTranscript(broken, 'vtt').ok, false);
      const r = exportTranscript(broken, 'vtt', {
        settings: {
          ...DEFAULT_SETTINGS,
          findings: { ...DEFAULT_SETTINGS.findings, 'timestamp-malformed': false },
        },
      });
      assert.equal(r.ok, true);
    });

    it('answers an unknown format with a message, not a throw', () => {
      const r = exportTranscript(CLEAN, 'docx' as ExportFormat);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.message, /Unknown export format 'docx' \(known: vtt, srt, json/);
    });
  });

  describe('WebVTT', () => {
    it('writes one cue per paragraph with voice spans, escaped', () => {
      const r = ok(SHORT, 'vtt');
      assert.equal(r.mimeType, 'text/vtt');
      assert.equal(r.extension, '.vtt');
      assert.equal(
        r.content,
        lines(
          'WEBVTT',
          '',
          '00:00:05.000 --> 00:00:20.000',
          '<v Malte>Hallo &amp; herzlich willkommen. Ich bin Malte.',
          '',
          '00:00:20.000 --> 00:01:12.000',
          '<v Dr. Jana Albers>Hallo Malte, x &lt; y --&gt; z. Das ist ein etwas längerer Satz.',
          '',
          '00:01:12.000 --> 00:01:40.000',
          '<v Malte>Dann fangen wir an. Weiter geht es.',
          '',
          '00:01:40.000 --> 00:01:42.000',
          '<v Malte>Noch ein Absatz.',
          '',
        ),
      );
      assert.equal(r.chaptersTrack, undefined);
    });

    it('reads back with webvtt-parser and node-webvtt: same voices, words and times', () => {
      assert.deepEqual(checkVtt(ok(SHORT, 'vtt').content), [
        { start: 5, end: 20, voice: 'Malte', text: 'Hallo & herzlich willkommen. Ich bin Malte.' },
        {
          start: 20,
          end: 72,
          voice: 'Dr. Jana Albers',
          text: 'Hallo Malte, x < y --> z. Das ist ein etwas längerer Satz.',
        },
        { start: 72, end: 100, voice: 'Malte', text: 'Dann fangen wir an. Weiter geht es.' },
        { start: 100, end: 102, voice: 'Malte', text: 'Noch ein Absatz.' },
      ]);
    });

    it('wraps lines at the width without breaking words, and never leaves a blank line in a cue', () => {
      const text = lines(
        'Malte:',
        `[0:05] ${'Wort '.repeat(40)}Donaudampfschifffahrtsgesellschaftskapitänsmütze und Ende.`,
      );
      const r = ok(text, 'vtt', { lineWidth: 20 });
      const cue = r.content.trimEnd().split('\n\n')[1].split('\n').slice(1);
      assert.equal(cue[0].startsWith('<v Malte>'), true);
      const visible = cue.map((l) => l.replace(/^<v Malte>/, ''));
      for (const l of visible) {
        assert.notEqual(l.trim(), '');
        assert.ok(l.length <= 20 || !l.includes(' '), `'${l}' is longer than 20`);
      }
      assert.ok(visible.includes('Donaudampfschifffahrtsgesellschaftskapitänsmütze'));
      const [parsed] = checkVtt(r.content);
      assert.equal(
        parsed.text,
        `${'Wort '.repeat(40)}Donaudampfschifffahrtsgesellschaftskapitänsmütze und Ende.`,
      );
      // The default width is 65.
      for (const l of ok(text, 'vtt').content.split('\n').slice(3))
        assert.ok(l.replace(/^<v Malte>/, '').length <= 65, l);
    });

    it('keeps a name ending in "-" from closing its voice span with "-->"', () => {
      const r = ok(lines('Anna--:', '[0:01] Hallo.'), 'vtt');
      assert.match(r.content, /^<v Anna-- >Hallo\.$/m);
      assert.equal(checkVtt(r.content)[0].voice, 'Anna--');
    });

    it('never writes --> in cue text, and escapes what a voice name may not hold', () => {
      const text = lines(
        'A&B <C> D:',
        '[0:01] a-->b --> <!-- --!> &amp; </v> <v X> <b>bold</b> &',
        'Zweite Zeile mit -->',
      );
      const r = ok(text, 'vtt');
      const body = r.content.split('\n').slice(3).join('\n');
      assert.doesNotMatch(body, /-->/);
      assert.match(r.content, /^<v A&amp;B <C&gt; D>/m);
      const [cue] = checkVtt(r.content);
      assert.equal(cue.voice, 'A&amp;B <C&gt; D', 'webvtt-parser keeps the annotation as written');
      assert.equal(
        cue.text,
        'a-->b --> <!-- --!> &amp; </v> <v X> <b>bold</b> & Zweite Zeile mit -->',
      );
    });

    it('keeps a leading "Word:" of a cue without speaker from reading as a voice', () => {
      const r = ok(lines('[0:01] Fazit: alles gut.', 'Malte:', '[0:05] Ja.'), 'vtt');
      assert.match(r.content, /\nFazit&#58; alles gut\.\n/);
      assert.equal(checkVtt(r.content)[0].text, 'Fazit: alles gut.');
      const amp = ok(lines('[0:01] Q & A: alles gut.', 'Malte:', '[0:05] Ja.'), 'vtt');
      assert.match(amp.content, /\nQ &amp; A&#58; alles gut\.\n/);
    });

    it('ends the last cue at the episode length, or after 2 s or words / 2.5 s', () => {
      const twenty = lines('Malte:', `[0:10] ${'wort '.repeat(20).trim()}`);
      assert.deepEqual(
        checkVtt(ok(twenty, 'vtt').content).map((c) => [c.start, c.end]),
        [[10, 18]],
      );
      assert.deepEqual(
        checkVtt(ok(twenty, 'vtt', { episodeLength: 60 }).content).map((c) => [c.start, c.end]),
        [[10, 60]],
      );
      // An episode length before the last cue's start is ignored.
      assert.deepEqual(
        checkVtt(ok(twenty, 'vtt', { episodeLength: 5 }).content).map((c) => [c.start, c.end]),
        [[10, 18]],
      );
      const two = lines('Malte:', '[1:00:00] Ja.');
      assert.match(ok(two, 'vtt').content, /01:00:00\.000 --> 01:00:02\.000/);
    });

    it('writes times with milliseconds and hours', () => {
      const r = ok(lines('Malte:', '[1:02:03.456] Ja.', '[1:02:04] Nein.'), 'vtt');
      assert.match(r.content, /^01:02:03\.456 --> 01:02:04\.000$/m);
    });

    it('builds a chapters track when asked', () => {
      const r = ok(SHORT, 'vtt', { chaptersTrack: true });
      assert.equal(
        r.chaptersTrack,
        lines(
          'WEBVTT',
          '',
          '00:00:00.000 --> 00:01:10.000',
          'Intro &amp; Begrüßung',
          '',
          '00:01:10.000 --> 00:01:42.000',
          'Neuigkeiten &lt;aktuell&gt;',
          '',
        ),
      );
      assert.deepEqual(
        checkVtt(r.chaptersTrack!, 'chapters').map((c) => [c.start, c.end, c.text]),
        [
          [0, 70, 'Intro & Begrüßung'],
          [70, 102, 'Neuigkeiten <aktuell>'],
        ],
      );
      const long = ok(SHORT, 'vtt', { chaptersTrack: true, episodeLength: 3600 });
      assert.match(long.chaptersTrack!, /00:01:10\.000 --> 01:00:00\.000/);
    });

    it('is valid for the whole example episode', () => {
      const cues = checkVtt(ok(FIXED, 'vtt').content);
      assert.equal(cues.length, 40);
      assert.equal(cues[0].voice, 'Malte');
      // The last turn is the compound label 'Malte & Stephan', escaped as cue text.
      assert.equal(cues[39].voice, 'Malte &amp; Stephan');
    });

    it('forced, keeps the order of the text even where stamps go back in time', () => {
      const r = ok(EPISODE, 'vtt', { force: true });
      assert.match(r.content, /\n01:14:07\.000 --> 01:14:12\.200\n/);
      assert.match(r.content, /\n00:14:09\.000 --> 00:15:40\.000\n/);
    });
  });

  describe('SRT', () => {
    it('writes numbered cues of at most two lines, names at the start of each turn', () => {
      const r = ok(SHORT, 'srt');
      assert.equal(r.mimeType, 'application/x-subrip');
      assert.equal(r.extension, '.srt');
      assert.equal(
        r.content,
        lines(
          '1',
          '00:00:05,000 --> 00:00:20,000',
          'Malte: Hallo & herzlich',
          'willkommen. Ich bin Malte.',
          '',
          '2',
          '00:00:20,000 --> 00:01:04,000',
          'Dr. Jana Albers: Hallo Malte, x',
          '< y --> z. Das ist ein etwas',
          '',
          '3',
          '00:01:04,000 --> 00:01:12,000',
          'längerer Satz.',
          '',
          '4',
          '00:01:12,000 --> 00:01:40,000',
          'Malte: Dann fangen wir an.',
          'Weiter geht es.',
          '',
          '5',
          '00:01:40,000 --> 00:01:42,000',
          'Noch ein Absatz.',
          '',
        ),
      );
    });

    it('reads back with srt-parser-2: times split in proportion to the words', () => {
      const cues = parseSrt(ok(SHORT, 'srt').content);
      assert.deepEqual(
        cues.map((c) => [c.id, c.startSeconds, c.endSeconds, c.text.split('\n').length]),
        [
          ['1', 5, 20, 2],
          ['2', 20, 64, 2],
          ['3', 64, 72, 1],
          ['4', 72, 100, 2],
          ['5', 100, 102, 1],
        ],
      );
      // 11 of the paragraph's 13 words in the first cue: 11/13 of 52 s.
      assert.equal(cues[1].endSeconds - cues[1].startSeconds, 44);
    });

    it('splits a long paragraph into many cues, keeping every word in order', () => {
      const said = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');
      const r = ok(lines('Stefan:', `[0:10] ${said}`, '[1:10] Ende.'), 'srt', { lineWidth: 20 });
      const cues = parseSrt(r.content);
      assert.ok(cues.length > 5);
      for (const c of cues) {
        const ls = c.text.split('\n');
        assert.ok(ls.length <= 2);
        for (const l of ls) assert.ok(l.length <= 20, l);
      }
      const text = cues.map((c) => c.text.replace(/\n/g, ' ')).join(' ');
      assert.equal(text, `Stefan: ${said} Ende.`);
      for (let i = 1; i < cues.length; i++)
        assert.equal(cues[i].startSeconds, cues[i - 1].endSeconds);
      assert.equal(cues[0].startSeconds, 10);
      assert.equal(cues[cues.length - 2].endSeconds, 70);
    });

    it('names the speaker again before text that would read as another speaker', () => {
      const r = ok(lines('Dr. Jana Albers:', '[0:05] Erstens.', '[0:10] Fazit: alles gut.'), 'srt');
      assert.match(r.content, /\nDr\. Jana Albers: Fazit: alles gut\.\n/);
      const long = ok(
        lines('Dr. Jana Albers:', `[0:05] ${'wort '.repeat(12)}Fazit: ende.`),
        'srt',
        { lineWidth: 20 },
      );
      const cues = parseSrt(long.content);
      // 14 words last 5.6 s; the cards start after 0, 4 and 12 of them.
      assert.deepEqual(
        cues.map((c) => [c.startSeconds, c.endSeconds, c.text]),
        [
          [5, 6.6, 'Dr. Jana Albers:\nwort wort wort wort'],
          [6.6, 9.8, 'wort wort wort wort\nwort wort wort wort'],
          [9.8, 10.6, 'Dr. Jana Albers: Fazit: ende.'],
        ],
      );
    });

    it('without a speaker, moves a word along rather than start a cue like a name', () => {
      const r = ok(
        lines('[0:01] eins zwei drei vier Fazit: sieben acht', 'A:', '[0:09] x'),
        'srt',
        {
          lineWidth: 10,
        },
      );
      assert.deepEqual(
        parseSrt(r.content).map((c) => c.text),
        ['eins zwei\ndrei', 'vier Fazit:\nsieben', 'acht', 'A: x'],
      );
    });

    it('warns about names SRT readers would not take for names', () => {
      const r = ok(lines('moderator <1>:', '[0:01] Hallo.'), 'srt');
      assert.deepEqual(r.warnings, [
        "'moderator <1>' does not look like a name to SRT readers (1 to 4 words of letters, digits and . - ' & / + _): its 'Name: ' prefix may read as text",
      ]);
      assert.deepEqual(ok(SHORT, 'srt').warnings, []);
      assert.deepEqual(ok(lines('moderator <1>:', '[0:01] Hallo.'), 'vtt').warnings, []);
    });
  });

  describe('JSON transcript', () => {
    it('writes the Podcasting 2.0 JSON transcript', () => {
      const r = ok(SHORT, 'json');
      assert.equal(r.mimeType, 'application/json');
      assert.equal(r.extension, '.json');
      assert.deepEqual(JSON.parse(r.content), {
        version: '1.0.0',
        segments: [
          {
            speaker: 'Malte',
            startTime: 5,
            endTime: 20,
            body: 'Hallo & herzlich willkommen. Ich bin Malte.',
          },
          {
            speaker: 'Dr. Jana Albers',
            startTime: 20,
            endTime: 72,
            body: 'Hallo Malte, x < y --> z. Das ist ein etwas längerer Satz.',
          },
          {
            speaker: 'Malte',
            startTime: 72,
            endTime: 100,
            body: 'Dann fangen wir an. Weiter geht es.',
          },
          { speaker: 'Malte', startTime: 100, endTime: 102, body: 'Noch ein Absatz.' },
        ],
      });
      assert.ok(r.content.startsWith('{\n  "version": "1.0.0",\n  "segments": [\n    {\n'));
    });

    it('matches the schema from the spec, for the example episode too', () => {
      assert.equal(checkJsonTranscript(ok(SHORT, 'json').content).length, 4);
      const segments = checkJsonTranscript(ok(FIXED, 'json').content);
      assert.equal(segments.length, 40);
      // Forced, the malformed stamp's paragraph joins the one before: 39 segments, no word lost.
      const forced = checkJsonTranscript(ok(EPISODE, 'json', { force: true }).content);
      assert.equal(forced.length, 39);
      assert.match(forced[15].body, /auf eine Antwort warten\. Das hat die Kolleginnen/);
    });

    it('leaves out the speaker where there is none, and keeps milliseconds', () => {
      const segments = checkJsonTranscript(ok('[0:01.250] Vorwort.\n[0:02] Mehr.', 'json').content);
      assert.deepEqual(segments, [
        { startTime: 1.25, endTime: 2, body: 'Vorwort.' },
        { startTime: 2, endTime: 4, body: 'Mehr.' },
      ]);
    });
  });

  describe('HTML', () => {
    it('writes cite, time and p as the Podcasting 2.0 spec shows, in an HTML5 document', () => {
      const r = ok(SHORT, 'html');
      assert.equal(r.mimeType, 'text/html');
      assert.equal(r.extension, '.html');
      assert.equal(
        r.content,
        lines(
          '<!DOCTYPE html>',
          '<html>',
          '<head>',
          '<meta charset="utf-8">',
          '<title>Transcript</title>',
          '</head>',
          '<body>',
          '<h2>Intro &amp; Begrüßung</h2>',
          '<cite>Malte:</cite>',
          '<time datetime="PT5S">0:05</time>',
          '<p>Hallo &amp; herzlich willkommen. Ich bin Malte.</p>',
          '<cite>Dr. Jana Albers:</cite>',
          '<time datetime="PT20S">0:20</time>',
          '<p>Hallo Malte, x &lt; y --&gt; z. Das ist ein etwas längerer Satz.</p>',
          '<h2>Neuigkeiten &lt;aktuell&gt;</h2>',
          '<cite>Malte:</cite>',
          '<time datetime="PT1M12S">1:12</time>',
          '<p>Dann fangen wir an. Weiter geht es.</p>',
          '<time datetime="PT1M40S">1:40</time>',
          '<p>Noch ein Absatz.</p>',
          '</body>',
          '</html>',
          '',
        ),
      );
    });

    it('parses with parse5 without errors, every text escaped', () => {
      const text = lines(
        'Chapters',
        '0:00:00 <script>alert(1)</script>',
        'Transcript',
        '<script>alert(1)</script>',
        'Eve <evil> & Co:',
        '[1:02:03] </p><p onclick="x"> &amp; &lt; "quoted" \'single\'',
      );
      const r = ok(text, 'html', { title: 'Folge <42> & mehr', language: 'de' });
      const { title, lang, parts } = checkHtml(r.content);
      assert.equal(title, 'Folge <42> & mehr');
      assert.equal(lang, 'de');
      assert.deepEqual(parts, [
        { tag: 'h2', text: '<script>alert(1)</script>' },
        { tag: 'cite', text: 'Eve <evil> & Co:' },
        { tag: 'time', text: '1:02:03', datetime: 'PT1H2M3S' },
        { tag: 'p', text: '</p><p onclick="x"> &amp; &lt; "quoted" \'single\'' },
      ]);
    });

    it('is valid for the whole example episode', () => {
      const { parts } = checkHtml(ok(FIXED, 'html').content);
      assert.equal(parts.filter((p) => p.tag === 'p').length, 40);
      assert.equal(parts.filter((p) => p.tag === 'h2').length, 9);
    });
  });

  describe('chapters', () => {
    it('writes Podcasting 2.0 JSON chapters', () => {
      const r = ok(SHORT, 'chapters-json');
      assert.equal(r.mimeType, 'application/json+chapters');
      assert.equal(r.extension, '.chapters.json');
      assert.equal(
        r.content,
        lines(
          '{',
          '  "version": "1.2.0",',
          '  "chapters": [',
          '    {',
          '      "startTime": 0,',
          '      "title": "Intro & Begrüßung"',
          '    },',
          '    {',
          '      "startTime": 70,',
          '      "title": "Neuigkeiten <aktuell>"',
          '    }',
          '  ]',
          '}',
          '',
        ),
      );
      assert.equal(checkJsonChapters(r.content).length, 2);
      assert.deepEqual(
        checkJsonChapters(ok(EPISODE, 'chapters-json', { force: true }).content).map(
          (c) => c.startTime,
        ),
        [0, 135, 460, 750, 840, 1040, 1245, 1390, 1530],
      );
    });

    it('writes Podlove Simple Chapters 1.2', () => {
      const r = ok(SHORT, 'psc');
      assert.equal(r.mimeType, 'application/xml');
      assert.equal(r.extension, '.psc.xml');
      assert.equal(
        r.content,
        lines(
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<psc:chapters version="1.2" xmlns:psc="http://podlove.org/simple-chapters">',
          '  <psc:chapter start="00:00:00.000" title="Intro &amp; Begrüßung"/>',
          '  <psc:chapter start="00:01:10.000" title="Neuigkeiten &lt;aktuell&gt;"/>',
          '</psc:chapters>',
          '',
        ),
      );
      assert.deepEqual(
        checkPsc(r.content),
        [
          { start: '00:00:00.000', title: 'Intro &amp; Begrüßung' },
          { start: '00:01:10.000', title: 'Neuigkeiten &lt;aktuell&gt;' },
        ].map((c) => ({
          ...c,
          title: c.title.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
        })),
      );
    });

    it('escapes quotes in PSC attributes', () => {
      const text = lines(
        'Chapters',
        `1:00:00.5 Er sagte "Hallo" & 'Tschüss'`,
        'Transcript',
        'A:',
        '[0:01] x',
      );
      const xml = ok(text, 'psc').content;
      assert.match(xml, /title="Er sagte &quot;Hallo&quot; &amp; &apos;Tschüss&apos;"/);
      assert.deepEqual(checkPsc(xml), [
        { start: '01:00:00.500', title: `Er sagte "Hallo" & 'Tschüss'` },
      ]);
    });

    it('writes mp4chaps', () => {
      const r = ok(SHORT, 'mp4chaps');
      assert.equal(r.mimeType, 'text/plain');
      assert.equal(
        r.content,
        '00:00:00.000 Intro & Begrüßung\n00:01:10.000 Neuigkeiten <aktuell>\n',
      );
      for (const l of ok(EPISODE, 'mp4chaps', { force: true }).content.trimEnd().split('\n'))
        assert.match(l, /^\d{2}:\d{2}:\d{2}\.\d{3} \S/);
    });

    it('writes empty but valid chapter files for a transcript without chapters', () => {
      const text = lines('Malte:', '[0:01] Hallo.');
      assert.deepEqual(checkJsonChapters(ok(text, 'chapters-json').content), []);
      assert.deepEqual(checkPsc(ok(text, 'psc').content), []);
      assert.equal(ok(text, 'mp4chaps').content, '');
    });
  });
});
