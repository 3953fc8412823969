/** Imports: WebVTT, SRT and JSON transcripts (with chapter files) into our format. */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { analyze } from '../../../server/src/core';
import {
  detectImportFormat,
  importTranscript,
  labelName,
  type ImportOptions,
} from '../../../server/src/core/formats';
import { lines } from '../util';

function imported(content: string, options: ImportOptions = {}): string {
  const r = importTranscript(content, options);
  if (!r.ok) assert.fail(r.message);
  return r.text;
}

function failure(content: string, options: ImportOptions = {}): string {
  const r = importTranscript(content, options);
  if (r.ok) assert.fail(`imported:\n${r.text}`);
  return r.message;
}

/** Cues in the style of the Podcasting 2.0 example.vtt. */
const VTT = lines(
  'WEBVTT',
  '',
  '00:00:00.179 --> 00:00:02.399',
  '<v Travis> When you first get',
  'started in podcasting, it&apos;s',
  '',
  '00:00:02.400 --> 00:00:02.799',
  'almost guaranteed',
  '',
  '00:00:02.900 --> 00:00:04.799',
  'that you&#39;re going to make a handful',
  '',
  '00:00:53.030 --> 00:00:57.770',
  '<v Sarah> Creating good audio &amp; more',
  '',
  '00:03:39.360 --> 00:03:42.509',
  'Gilon: So is there an ideal',
  'podcast length?',
  '',
  '00:03:42.689 --> 00:03:46.979',
  'Nope.',
  '',
);

describe('importTranscript', () => {
  describe('detection', () => {
    it('detects WebVTT, SRT and JSON from the content', () => {
      assert.equal(detectImportFormat('\uFEFFWEBVTT\n\n'), 'vtt');
      assert.equal(detectImportFormat('WEBVTT - title\r\n\r\n'), 'vtt');
      assert.equal(detectImportFormat('\n1\n00:00:01,000 --> 00:00:02,000\nHi\n'), 'srt');
      assert.equal(detectImportFormat('00:00:01,000 --> 00:00:02,000\nHi\n'), 'srt');
      assert.equal(detectImportFormat(' {"version":"1.0.0","segments":[]}'), 'json');
      assert.equal(detectImportFormat('WEBVTTX\n'), undefined);
      assert.equal(detectImportFormat('Hallo Welt'), undefined);
    });

    it('says clearly what it cannot import, and never throws', () => {
      assert.equal(failure(''), 'Nothing to import: the file is empty');
      assert.match(failure('Hallo Welt'), /^Unknown transcript format: expected WebVTT/);
      assert.match(failure('Malte:\n[0:01] Hallo.'), /already a transcript in this format/);
      assert.match(failure('[1, 2]'), /Unknown JSON: a Podcasting 2\.0 transcript is an object/);
      assert.match(
        failure('{"version": "1.0.0"'),
        /JSON transcript: the JSON transcript is not valid JSON/,
      );
      assert.match(
        failure('{"version":"1.2.0","chapters":[]}'),
        /JSON chapters file, not a transcript/,
      );
      assert.match(failure('{"segments": 3}'), /an object with a 'segments' array/);
      assert.match(
        failure('WEBVTT\n', { chapters: 'no chapter here' }),
        /^Cannot read the chapters: line 1: 'no chapter here' is not a chapter/,
      );
      assert.match(failure(null as unknown as string), /no text/);
    });

    it('never throws on arbitrary input (fast-check, 500 runs)', () => {
      const piece = fc.oneof(
        fc.string(),
        fc.constantFrom(
          'WEBVTT\n\n',
          '00:00:01.000 --> 00:00:02.000\n',
          '1\n00:00:01,000 --> 00:00:02,000\n',
          '<v ',
          '&#x110000;',
          '&#0;',
          '{"segments":[',
          '{"startTime":',
          '\n\n',
          'Name: ',
          '<psc:chapter start="',
        ),
      );
      const doc = fc.array(piece, { maxLength: 12 }).map((ps) => ps.join(''));
      fc.assert(
        fc.property(doc, doc, (content, chapters) => {
          const r = importTranscript(content, { chapters });
          assert.equal(typeof r.ok, 'boolean');
          if (r.ok)
            assert.equal(
              analyze(r.text).model.looksLikeTranscript || r.text === 'Transcript\n',
              true,
            );
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('WebVTT', () => {
    it('reads voices, Name: prefixes and character references; keeps every start to the second', () => {
      const r = importTranscript(VTT);
      assert.ok(r.ok);
      if (!r.ok) return;
      assert.equal(r.format, 'vtt');
      assert.deepEqual(r.warnings, []);
      assert.equal(
        r.text,
        lines(
          'Transcript',
          'Travis:',
          "[0:00] When you first get started in podcasting, it's",
          "[0:02] almost guaranteed that you're going to make a handful",
          'Sarah:',
          '[0:53] Creating good audio & more',
          'Gilon:',
          '[3:39] So is there an ideal podcast length?',
          '[3:42] Nope.',
          '',
        ),
      );
      assert.deepEqual(analyze(r.text).findings, []);
    });

    it('with paragraphs: pauses, starts a paragraph only after a pause or a long run', () => {
      const cues = [
        '00:00:01.000 --> 00:00:05.000\n<v A>eins',
        '00:00:05.500 --> 00:00:30.000\nzwei',
        '00:00:31.000 --> 00:01:02.000\ndrei',
        '00:01:02.000 --> 00:01:10.000\nvier',
        '00:01:20.000 --> 00:01:22.000\nfünf',
      ];
      const vtt = `WEBVTT\n\n${cues.join('\n\n')}\n`;
      assert.equal(
        imported(vtt, { paragraphs: 'pauses' }),
        lines('Transcript', 'A:', '[0:01] eins zwei drei', '[1:02] vier', '[1:20] fünf', ''),
      );
      assert.equal(
        imported(vtt, { paragraphs: 'pauses', pause: 20, maxParagraph: 1000 }),
        lines('Transcript', 'A:', '[0:01] eins zwei drei vier fünf', ''),
      );
      assert.equal(
        imported(vtt),
        lines(
          'Transcript',
          'A:',
          '[0:01] eins',
          '[0:05] zwei',
          '[0:31] drei',
          '[1:02] vier',
          '[1:20] fünf',
          '',
        ),
      );
    });

    it('drops tags but keeps their text; splits a cue at voice changes', () => {
      const vtt = lines(
        '\uFEFFWEBVTT Kind: captions',
        'Language: de',
        '',
        'NOTE a comment',
        'over two lines',
        '',
        'STYLE',
        '::cue { color: red }',
        '',
        'cue-1',
        '00:01.000 --> 00:02.000 align:start',
        '<v.loud Anna Maria>Ja <i>genau</i>, <c.x>so</c> <00:01.500>ist <b>es</b></v>',
        '<v Bernd>Nein &lt;nicht&gt; &nbsp;&eacute;&hellip; a < b &unknown; & c',
        '',
      ).replace(/\n/g, '\r\n');
      assert.equal(
        imported(vtt),
        lines(
          'Transcript',
          'Anna Maria:',
          '[0:01] Ja genau, so ist es',
          'Bernd:',
          '[0:01] Nein <nicht> \u00A0é… a < b &unknown; & c',
          '',
        ),
      );
    });

    it('keeps cues in file order when their times go back, and says so', () => {
      const vtt = lines(
        'WEBVTT',
        '',
        '00:00:05.000 --> 00:00:06.000',
        '<v A>eins',
        '',
        '00:00:01.000 --> 00:00:02.000',
        '<v A>zwei',
        '',
      );
      const r = importTranscript(vtt);
      assert.ok(r.ok);
      if (!r.ok) return;
      assert.equal(r.text, lines('Transcript', 'A:', '[0:05] eins', '[0:01] zwei', ''));
      assert.deepEqual(r.warnings, ['1 cue starts before the cue before it; kept in file order']);
      assert.deepEqual(
        analyze(r.text).findings.map((f) => f.code),
        ['timestamp-order'],
      );
    });

    it('continues the current speaker for cues without one; text before any speaker has no label', () => {
      const vtt = lines(
        'WEBVTT',
        '',
        '00:00:01.000 --> 00:00:02.000',
        'Vorrede',
        '',
        '00:00:03.000 --> 00:00:04.000',
        '<v A>eins',
        '',
        '00:00:05.000 --> 00:00:06.000',
        'zwei',
        '',
      );
      assert.equal(
        imported(vtt),
        lines('Transcript', '[0:01] Vorrede', 'A:', '[0:03] eins', '[0:05] zwei', ''),
      );
    });

    it('keeps the words of broken blocks with the cue before, and says so', () => {
      const vtt = lines(
        'WEBVTT',
        '',
        '00:00:01.000 --> 00:00:02.000',
        '<v A>eins',
        '',
        'stray words',
        '',
        '00:00:xx.000 --> 00:00:03.000',
        'zwei',
        '',
      );
      const r = importTranscript(vtt);
      assert.ok(r.ok);
      if (!r.ok) return;
      assert.equal(r.text, lines('Transcript', 'A:', '[0:01] eins stray words zwei', ''));
      assert.deepEqual(r.warnings, [
        "line 6: text outside a cue ('stray words') continues the cue before",
        "line 8: '00:00:xx.000 --> 00:00:03.000' is not a valid cue timing; its text continues the cue before",
      ]);
      assert.equal(failure('WEBVTTX'), failure('Hallo Welt'));
    });
  });

  describe('SRT', () => {
    const SRT = lines(
      '1',
      '00:00:00,000 --> 00:00:02,760',
      "Sarah: In today's episode,",
      "you'll learn whether or not you",
      '',
      '2',
      '00:00:02,760 --> 00:00:06,090',
      'should have a podcast trailer.',
      '',
      '3',
      '00:00:06,200 --> 00:00:06,900',
      'Welcome to Q&A <i>Zeit: 10:30</i>',
      '',
      '4',
      '00:00:19,080 --> 00:00:21,450',
      'Gillian: Hi Buzzsprout,',
      '',
      '5',
      '00:00:21,450 --> 00:00:22,000',
      'Sarah: Hi!',
      '',
    );

    it('reads Name: prefixes, keeps the text as written, keeps every start to the second', () => {
      const r = importTranscript(SRT.replace(/\n/g, '\r\n'));
      assert.ok(r.ok);
      if (!r.ok) return;
      assert.equal(r.format, 'srt');
      assert.equal(
        r.text,
        lines(
          'Transcript',
          'Sarah:',
          "[0:00] In today's episode, you'll learn whether or not you",
          '[0:02] should have a podcast trailer.',
          '[0:06] Welcome to Q&A <i>Zeit: 10:30</i>',
          'Gillian:',
          '[0:19] Hi Buzzsprout,',
          'Sarah:',
          '[0:21] Hi!',
          '',
        ),
      );
      assert.deepEqual(analyze(r.text).findings, []);
    });

    it('with paragraphs: pauses, merges the cards of one speaker until a pause', () => {
      assert.equal(
        imported(SRT, { paragraphs: 'pauses' }),
        lines(
          'Transcript',
          'Sarah:',
          "[0:00] In today's episode, you'll learn whether or not you should have a podcast trailer. Welcome to Q&A <i>Zeit: 10:30</i>",
          'Gillian:',
          '[0:19] Hi Buzzsprout,',
          'Sarah:',
          '[0:21] Hi!',
          '',
        ),
      );
    });

    it('takes only name-like prefixes for speakers', () => {
      const srt = (text: string) => `1\n00:00:01,000 --> 00:00:02,000\n${text}\n`;
      const speaker = (text: string) => {
        const r = importTranscript(srt(text));
        return r.ok ? r.text.split('\n')[1] : r.message;
      };
      assert.equal(speaker('Dr. Jana Albers: Hallo'), 'Dr. Jana Albers:');
      assert.equal(speaker("Anna-Lena O'Brien: Hallo"), "Anna-Lena O'Brien:");
      assert.equal(speaker('SPEAKER_00: Hallo'), 'SPEAKER_00:');
      assert.equal(speaker('Jürgen:\nHallo'), 'Jürgen:');
      assert.equal(speaker('Und das ist dann so: gut'), '[0:01] Und das ist dann so: gut');
      assert.equal(speaker('Um 10:30 Uhr'), '[0:01] Um 10:30 Uhr');
      assert.equal(speaker('Achtung, bitte: gut'), '[0:01] Achtung, bitte: gut');
      assert.equal(speaker('https://example.com ist gut'), '[0:01] https://example.com ist gut');
    });

    it('reads SRT without numbers and with dots, and cleans up names for labels', () => {
      const srt = lines(
        '00:00:01.5 --> 00:00:02.000',
        '[Host] Mr. X: eins',
        '',
        '00:01:01,000 --> 00:01:02,000',
        `${'N'.repeat(60)}: zwei`,
        '',
      );
      assert.equal(
        imported(srt),
        lines('Transcript', '[0:01] [Host] Mr. X: eins', `${'N'.repeat(60)}:`, '[1:01] zwei', ''),
      );
      assert.equal(labelName('a:b  c'), 'a b c');
      assert.equal(labelName('[[x'), 'x');
      assert.equal(labelName(' : '), 'Speaker');
      assert.equal(labelName(`${'x'.repeat(59)}😀`), 'x'.repeat(59));
    });
  });

  describe('JSON transcript', () => {
    /** The example from the Podcasting 2.0 spec: one word a segment. */
    const WORDS = JSON.stringify({
      version: '1.0.0',
      segments: [
        { speaker: 'Darth Vader', startTime: 0.5, endTime: 0.75, body: 'I' },
        { speaker: 'Darth Vader', startTime: 1, endTime: 1.25, body: 'am' },
        { speaker: 'Darth Vader', startTime: 1.5, endTime: 2.0, body: 'your' },
        { speaker: 'Darth Vader', startTime: 2.25, endTime: 2.5, body: 'father' },
        { speaker: 'Darth Vader', startTime: 2.5, endTime: 2.6, body: '.\n' },
        { speaker: 'Luke', startTime: 2.75, endTime: 3.0, body: 'Nooooo' },
      ],
    });

    it('keeps every start to the second', () => {
      assert.equal(
        imported(WORDS),
        lines(
          'Transcript',
          'Darth Vader:',
          '[0:00] I',
          '[0:01] am your',
          '[0:02] father.',
          'Luke:',
          '[0:02] Nooooo',
          '',
        ),
      );
    });

    it('with paragraphs: pauses, joins words into sentences', () => {
      assert.equal(
        imported(WORDS, { paragraphs: 'pauses' }),
        lines(
          'Transcript',
          'Darth Vader:',
          '[0:00] I am your father.',
          'Luke:',
          '[0:02] Nooooo',
          '',
        ),
      );
    });

    it('reads times given as strings, continues segments without a time or speaker', () => {
      const json = JSON.stringify({
        version: '1.0.0',
        segments: [
          { speaker: 'A', startTime: '61.9', body: 'eins' },
          { body: 'zwei' },
          { startTime: 70, body: 42 },
          { speaker: ' ', startTime: 71, body: { x: 1 } },
          'kaputt',
        ],
      });
      const r = importTranscript(json);
      assert.ok(r.ok);
      if (!r.ok) return;
      assert.equal(r.text, lines('Transcript', 'A:', '[1:01] eins zwei', '[1:10] 42', ''));
      assert.deepEqual(r.warnings, [
        "segment 2 has no valid 'startTime'; its body continues the segment before",
        "segment 4: 'body' is not text; left out",
        'segment 5 is not an object; skipped',
      ]);
    });
  });

  describe('chapters', () => {
    const CUES = lines(
      'WEBVTT',
      '',
      '00:00:05.000 --> 00:00:10.000',
      '<v Malte>Hallo.',
      '',
      '00:01:15.000 --> 00:01:20.000',
      '<v Stefan>Neues.',
      '',
      '00:02:00.000 --> 00:02:05.000',
      'Noch was.',
      '',
    );
    const EXPECTED = lines(
      'Chapters',
      '0:00:00 Intro & Begrüßung',
      '0:01:10.500 Neuigkeiten',
      '0:01:30 Mittendrin',
      'Transcript',
      'Intro & Begrüßung',
      'Malte:',
      '[0:05] Hallo.',
      'Neuigkeiten',
      'Stefan:',
      '[1:15] Neues.',
      'Mittendrin',
      '[2:00] Noch was.',
      '',
    );

    it('reads Podcasting 2.0 JSON chapters', () => {
      const chapters = JSON.stringify({
        version: '1.2.0',
        chapters: [
          { startTime: 0, title: 'Intro & Begrüßung' },
          { startTime: 70.5, title: 'Neuigkeiten', img: 'https://example.com/a.jpg' },
          { startTime: 80, toc: false, img: 'https://example.com/b.jpg' },
          { startTime: 90, title: '  Mittendrin\n' },
        ],
      });
      const r = importTranscript(CUES, { chapters });
      assert.ok(r.ok);
      if (!r.ok) return;
      assert.equal(r.chaptersFormat, 'chapters-json');
      assert.equal(r.text, EXPECTED);
      assert.deepEqual(r.warnings, [
        'chapters: chapter 3 is marked "toc": false (a silent chapter); left out',
      ]);
      assert.deepEqual(analyze(r.text).findings, []);
    });

    it('reads Podlove Simple Chapters', () => {
      const psc = lines(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!-- <psc:chapter start="9" title="commented out"/> -->',
        "<psc:chapters version='1.2' xmlns:psc='http://podlove.org/simple-chapters'>",
        '  <psc:chapter start="0" title="Intro &amp; Begr&#252;&#xDF;ung" />',
        "  <psc:chapter title='Neuigkeiten' start='1:10.5' href='https://example.com'/>",
        '  <psc:chapter start="00:01:30.000" title="Mittendrin"></psc:chapter>',
        '</psc:chapters>',
      );
      const r = importTranscript(CUES, { chapters: psc });
      assert.ok(r.ok && r.chaptersFormat === 'psc');
      assert.equal(r.ok && r.text, EXPECTED);
    });

    it('reads Podlove Simple Chapters as XML: CDATA, comments and other elements are not chapters', () => {
      const psc = lines(
        '<rss><channel><item>',
        '<psc:chapters version="1.2" xmlns:psc="http://podlove.org/simple-chapters">',
        '  <![CDATA[ <psc:chapter start="0:09" title="in CDATA"/> ]]>',
        '  <!-- <psc:chapter start="0:08" title="in a comment"/> -->',
        '  <psc:chapter start="0" title="Intro &amp; Begr&uuml;&#xDF;ung"/>',
        '  <psc:chapter start="1:10.5" title="Neuigkeiten"><x>Text</x></psc:chapter>',
        '  <psc:chapter start="00:01:30.000" title="Mittendrin"/>',
        '</psc:chapters>',
        '</item></channel></rss>',
      );
      const r = importTranscript(CUES, { chapters: psc });
      assert.ok(r.ok && r.chaptersFormat === 'psc', r.ok ? '' : r.message);
      assert.equal(r.ok && r.text, EXPECTED);
      assert.match(
        failure(CUES, { chapters: '<psc:chapters><psc:chapter start="0" title="x"' }),
        /not well-formed XML/,
      );
      assert.match(
        failure(CUES, { chapters: '<psc:chapters><psc:chapter title="x"/></psc:chapters>' }),
        /no valid start time \(''\)/,
      );
    });

    it('reads mp4chaps, leaving out a link after the title', () => {
      const mp4 =
        '00:00:00.000 Intro & Begrüßung\n\n00:01:10.500 Neuigkeiten <https://example.com/n>\r\n1:30 Mittendrin\n';
      const r = importTranscript(CUES, { chapters: mp4 });
      assert.ok(r.ok && r.chaptersFormat === 'mp4chaps');
      assert.equal(r.ok && r.text, EXPECTED);
    });

    it('reads a WebVTT chapters track', () => {
      const track = lines(
        'WEBVTT',
        '',
        '00:00:00.000 --> 00:01:10.500',
        'Intro &amp; Begrüßung',
        '',
        '00:01:10.500 --> 00:01:30.000',
        'Neuigkeiten',
        '',
        '00:01:30.000 --> 00:02:05.000',
        'Mittendrin',
      );
      const r = importTranscript(CUES, { chapters: track });
      assert.ok(r.ok && r.chaptersFormat === 'vtt');
      assert.equal(r.ok && r.text, EXPECTED);
    });

    it('sorts chapters, names untitled ones, and leaves out headings that would read as something else', () => {
      const chapters = JSON.stringify({
        version: '1.2.0',
        chapters: [
          { startTime: 130, title: 'Transcript' },
          { startTime: 60, title: 'Stefan:' },
          { startTime: 0 },
          { startTime: 200, title: '[1:23] Stempel' },
          { startTime: 201, title: 'Danach' },
        ],
      });
      const r = importTranscript(CUES, { chapters });
      assert.ok(r.ok);
      if (!r.ok) return;
      assert.equal(
        r.text,
        lines(
          'Chapters',
          '0:00:00 Chapter 3',
          '0:01:00 Stefan:',
          '0:02:10 Transcript',
          '0:03:20 [1:23] Stempel',
          '0:03:21 Danach',
          'Transcript',
          'Chapter 3',
          'Malte:',
          '[0:05] Hallo.',
          'Stefan:',
          'Stefan :',
          '[1:15] Neues.',
          '[2:00] Noch was.',
          'Danach',
          '',
        ),
      );
      assert.deepEqual(r.warnings, [
        "chapter 'Transcript' has no heading in the body: it would read as the section header 'Transcript'",
        "chapter '[1:23] Stempel' has no heading in the body: it would read as a timestamp",
      ]);
      const { model, findings } = analyze(r.text);
      assert.deepEqual(
        findings.map((f) => f.code),
        ['chapter-heading-missing', 'chapter-heading-missing'],
      );
      // The label that equals a chapter title keeps its speaker (a space before the colon).
      assert.deepEqual(
        model.turns.map((t) => t.label.name),
        ['Malte', 'Stefan'],
      );
      assert.deepEqual(
        model.headings.map((h) => h.text),
        ['Chapter 3', 'Stefan:', 'Danach'],
      );
    });

    it('refuses chapters it cannot read, saying why', () => {
      assert.match(
        failure(CUES, { chapters: '{"chapters": [{"title": "x"}]}' }),
        /chapter 1 has no valid 'startTime'/,
      );
      assert.match(
        failure(CUES, { chapters: '{"chapters": 1}' }),
        /an object with a 'chapters' array/,
      );
      assert.match(failure(CUES, { chapters: '<rss/>' }), /no <psc:chapters> element/);
      assert.match(
        failure(CUES, {
          chapters: '<psc:chapters><psc:chapter start="1:99" title="x"/></psc:chapters>',
        }),
        /no valid start time \('1:99'\)/,
      );
      assert.match(
        failure(CUES, { chapters: '00:00:00 Intro\nkaputt' }),
        /line 2: 'kaputt' is not a chapter/,
      );
    });
  });
});
