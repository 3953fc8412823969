/**
 * Cue files read in place (issue: every layout a producer has): WebVTT and
 * SRT as the one document model, their findings, and repairs that edit the
 * file's own syntax.
 */
import { strict as assert } from 'node:assert';
import {
  analyze,
  applyEdits,
  fixAllText,
  shiftTimestamps,
  statistics,
  statisticsMarkdown,
  type Finding,
} from '../../server/src/core';
import { exportTranscript } from '../../server/src/core/formats/export';
import { parse } from '../../server/src/core/parser';
import { lines, settings } from './util';

const vtt = (...body: string[]) => lines('WEBVTT', '', ...body);
const at = (text: string, f: { range: Finding['range'] }) =>
  text.split('\n')[f.range.start.line].slice(f.range.start.character, f.range.end.character);
const check = (text: string, fileName = 'x.vtt') =>
  analyze(text, settings(), { fileName }).findings;
const codes = (text: string, fileName = 'x.vtt') =>
  check(text, fileName).map(
    (f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`,
  );

describe('cue files: WebVTT and SRT', () => {
  describe('WebVTT', () => {
    it('counts words without markup: </v>, <i>, <c.loud> and inline times are no words and split none', () => {
      const m = parse(
        vtt(
          '00:00.000 --> 00:02.000',
          '<v Anna>Hallo <i>Ben</i>, <c.loud>wie</c> geht<00:01.500> es? </v>',
          '',
          '00:02.000 --> 00:04.000',
          '<v Ben>Hal<b>lo</b> 3 < 4 und 5 > 2',
          '',
          '00:04.000 --> 00:06.000',
          '<v Anna></v>',
          '',
        ),
        { fileName: 'x.vtt' },
      );
      assert.deepEqual(
        m.paragraphs.map((p) => [p.words, p.hasWords]),
        [
          [5, true],
          // A raw `<` opens a tag in WebVTT (text writes &lt;): `< 4 und 5 >` is one.
          [3, true],
          [0, false],
        ],
      );
      assert.equal(
        parse(vtt('00:00.000 --> 00:02.000', '<v Anna>3 < 4, immer'), { fileName: 'x.vtt' })
          .paragraphs[0].words,
        4,
      );
      assert.deepEqual(codes(vtt('00:00.000 --> 00:02.000', '<v Anna></v>')), ['3:1 cue-empty']);
    });

    it('reads <v Name> on every cue, and only where the speaker changes, as the same turns', () => {
      const every = vtt(
        '00:00.000 --> 00:02.000',
        '<v Anna>Hallo Ben.',
        '',
        '00:02.000 --> 00:04.000',
        '<v Anna>Wie geht es?',
        '',
        '00:04.000 --> 00:06.000',
        '<v Ben>Gut.',
      );
      const changes = every.replace('<v Anna>Wie', 'Wie');
      for (const text of [every, changes]) {
        const m = parse(text, { fileName: 'a.vtt' });
        assert.equal(m.layout, 'webvtt');
        assert.deepEqual(
          m.turns.map((t) => [t.label.name, t.paragraphs.length, t.words]),
          [
            ['Anna', 2, 5],
            ['Ben', 1, 1],
          ],
        );
        assert.deepEqual(
          m.stamps.map((s) => s.seconds),
          [0, 2, 4],
        );
        assert.equal(at(text, m.labels[0]), '<v Anna>');
        assert.equal(at(text, { range: m.labels[0].nameRange }), 'Anna');
      }
      assert.equal(parse(every, { fileName: 'a.vtt' }).labels.length, 3);
    });

    it('reads [SPEAKER_00]:, a Name: prefix used twice, hours or none; keeps NOTE, STYLE, REGION, ids and settings', () => {
      const text = vtt(
        'NOTE made by a speech service',
        '',
        'STYLE',
        '::cue { color: yellow }',
        '',
        'intro',
        '01:00:00.000 --> 01:00:02.000 align:start position:10%',
        '[SPEAKER_00]: Hallo.',
        '',
        '01:00:02.000 --> 01:00:04.000',
        'Anna: Erstens.',
        '',
        '01:00:04.000 --> 01:00:06.000',
        'Achtung: das ist Text.',
        '',
        '01:00:06.000 --> 01:00:08.000',
        'Anna: Zweitens.',
      );
      const m = parse(text, { fileName: 'a.vtt' });
      assert.deepEqual(
        m.labels.map((l) => l.name),
        ['SPEAKER_00', 'Anna', 'Anna'],
      );
      assert.deepEqual(
        m.paragraphs.map((p) => p.startLine + 1),
        [8, 12, 15, 18],
      );
      assert.equal(m.stamps[0].seconds, 3600);
      assert.deepEqual(check(text), []);
      // 'Achtung:' once is text, inside Anna's turn.
      assert.equal(m.turns[1].words, 6);
    });

    it('reads times that break the syntax and reports them, with a safe fix in the file syntax', () => {
      const text = vtt('59.240 --> 1:03.100', '<v Anna>Hallo.');
      const f = check(text);
      assert.deepEqual(
        f.map((x) => [
          x.code,
          at(text, x),
          x.message,
          x.fixes?.[0].edits[0].newText,
          x.fixes?.[0].safe,
        ]),
        [
          [
            'cue-timing-malformed',
            '59.240',
            "'59.240' is not a WebVTT time: expected mm:ss.ttt or hh:mm:ss.ttt",
            '00:59.240',
            true,
          ],
          [
            'cue-timing-malformed',
            '1:03.100',
            "'1:03.100' is not a WebVTT time: expected mm:ss.ttt or hh:mm:ss.ttt",
            '01:03.100',
            true,
          ],
        ],
      );
      assert.equal(parse(text, { fileName: 'a.vtt' }).stamps[0].seconds, 59.24);
      assert.equal(
        fixAllText(text, settings(), { fileName: 'a.vtt' }).text,
        vtt('00:59.240 --> 01:03.100', '<v Anna>Hallo.'),
      );
    });

    it('says what is wrong with a timing it cannot read, a cue that ends first, a missing WEBVTT line', () => {
      const text = vtt(
        '00:01.000 --> soon',
        '<v Anna>A.',
        '',
        '00:05.000 --> 00:04.000',
        '<v Anna>B.',
      );
      assert.deepEqual(codes(text), ['3:15 cue-timing-malformed', '6:1 cue-timing-malformed']);
      const bare = lines('00:01.000 --> 00:02.000', '<v Anna>A.');
      const f = check(bare);
      assert.equal(f[0].message, 'A WebVTT file starts with the line WEBVTT');
      assert.equal(
        fixAllText(bare, settings(), { fileName: 'a.vtt' }).text,
        vtt('00:01.000 --> 00:02.000', '<v Anna>A.'),
      );
    });

    it('cue-overlap: a cue starting before the one before ends; the fix ends that cue there, not unattended', () => {
      const text = vtt(
        '00:01.000 --> 00:04.500',
        '<v Anna>A.',
        '',
        '00:04.000 --> 00:06.000',
        '<v Ben>B.',
      );
      const [f] = check(text);
      assert.equal(f.code, 'cue-overlap');
      assert.equal(at(text, f), '00:04.000');
      assert.equal(f.related?.[0].range.start.line, 2);
      assert.deepEqual(
        f.fixes?.map((x) => [x.title, x.preferred === true, x.safe === true]),
        [['End the earlier cue at 00:04.000, where this one starts', true, false]],
      );
      assert.equal(applyEdits(text, f.fixes![0].edits), text.replace('00:04.500', '00:04.000'));
      assert.equal(fixAllText(text, settings(), { fileName: 'a.vtt' }).text, text);
    });

    it('cue-empty and timestamp-order on cue starts (the typo flagged, not its successor)', () => {
      const text = vtt(
        '00:01.000 --> 00:02.000',
        '<v Anna>A.',
        '',
        '00:02.000 --> 00:02.500',
        '',
        '00:03.000 --> 00:04.000',
        '<v Anna>B.',
        '',
        '20:04.000 --> 20:05.000',
        '<v Anna>C.',
        '',
        '00:05.000 --> 00:06.000',
        '<v Anna>D.',
        '',
        '00:06.000 --> 00:07.000',
        '<v Anna>E.',
      );
      assert.deepEqual(codes(text), ['6:1 cue-empty', '11:1 timestamp-order']);
      // Named as the file writes them.
      assert.equal(
        check(text).find((f) => f.code === 'timestamp-order')!.message,
        '20:04.000 is later than 00:05.000 on line 14, which comes after it: timestamps must not go back in time',
      );
      const empty = check(text).find((f) => f.code === 'cue-empty')!;
      assert.equal(
        applyEdits(text, empty.fixes![0].edits),
        text.replace('00:02.000 --> 00:02.500\n\n', ''),
      );
    });

    it('speaker names: a label typo, the text against the label, respelt inside the cue text only', () => {
      const text = vtt(
        ...['Malte', 'Malte', 'Malte', 'Malte', 'Malte', 'Malt'].flatMap((s, i) => [
          `00:0${i}.000 --> 00:0${i}.900`,
          `<v ${s}>Hallo Stefan, sagt ${s}.`,
          '',
        ]),
        '00:09.000 --> 00:09.500',
        '<v Stephan>Danke.',
        '',
        '00:09.500 --> 00:09.900',
        '<v Stephan>Gern.',
      );
      const f = check(text);
      assert.deepEqual(
        [...new Set(f.map((x) => `${x.code} ${at(text, x)}`))],
        ['speaker-name-in-text Stefan', 'speaker-spelling Malt'],
      );
      const fixed = fixAllText(text, settings(), { fileName: 'a.vtt' }).text;
      assert.equal(fixed, text.replaceAll('Stefan', 'Stephan').replace('<v Malt>', '<v Malte>'));
    });
  });

  describe('SRT', () => {
    const srt = lines(
      '1',
      '00:00:01,000 --> 00:00:03,000',
      'Malte: Hallo und willkommen.',
      '',
      '2',
      '00:00:03,000 --> 00:00:05,000',
      'Heute mit Stefan.',
      '',
      '3',
      '00:00:05,000 --> 00:00:07,000',
      'Stephan: Danke Malte.',
      '',
      '4',
      '00:00:07,000 --> 00:00:09,000',
      'Stephan: Gerne.',
      '',
      '5',
      '00:00:09,000 --> 00:00:11,500',
      'Malte: Weiter.',
    );

    it('reads numbered cues, Name: on the first cue of a turn and continuation cues after it', () => {
      const m = parse(srt, { fileName: 'a.srt' });
      assert.equal(m.layout, 'srt');
      assert.deepEqual(
        m.turns.map((t) => [t.label.name, t.paragraphs.length]),
        [
          ['Malte', 2],
          ['Stephan', 2],
          ['Malte', 1],
        ],
      );
      assert.equal(at(srt, m.labels[0]), 'Malte:');
      assert.deepEqual(codes(srt, 'a.srt'), ['7:11 speaker-name-in-text']);
      assert.equal(parse(srt).layout, 'srt', 'known by its first cue without a name');
    });

    it('shifts both ends of every cue in the file syntax, and back', () => {
      const m = parse(srt, { fileName: 'a.srt' });
      const r = shiftTimestamps(m, 61.5, { fromSeconds: 0 });
      assert.ok(r.ok);
      const moved = applyEdits(srt, r.edits);
      assert.match(moved, /^00:01:02,500 --> 00:01:04,500$/m);
      assert.match(moved, /^00:01:10,500 --> 00:01:13,000$/m);
      const back = shiftTimestamps(parse(moved, { fileName: 'a.srt' }), -61.5, { fromSeconds: 0 });
      assert.ok(back.ok);
      assert.equal(applyEdits(moved, back.edits), srt);
    });

    it('statistics say the layout they read', () => {
      const s = statistics(parse(srt, { fileName: 'a.srt' }));
      assert.equal(s.layout, 'srt');
      assert.match(statisticsMarkdown(s, 'a.srt'), /2 speakers, 0 chapters \(read as SRT\)\./);
    });
  });

  it('exports to any format from a cue file, each cue keeping its own end (a pause stays a pause)', () => {
    const text = vtt(
      '00:02.000 --> 00:04.000',
      '<v Anna>Eins.',
      '',
      '00:30.000 --> 00:32.500',
      '<v Ben>Zwei.',
    );
    const r = exportTranscript(text, 'srt', { settings: settings(), fileName: 'a.vtt' });
    assert.ok(r.ok, r.ok ? '' : r.message);
    assert.equal(
      r.content,
      lines(
        '1',
        '00:00:02,000 --> 00:00:04,000',
        'Anna: Eins.',
        '',
        '2',
        '00:00:30,000 --> 00:00:32,500',
        'Ben: Zwei.',
        '',
      ),
    );
  });

  it('cue-reading-speed: off by default; with a limit, a cue asking for more characters per second (tags and voice left out)', () => {
    // 'Das ist ein ziemlich langer Satz.' is 33 characters: 16.5 per second over 2 s.
    const text = vtt(
      '00:00.000 --> 00:02.000',
      '<v Anna><i>Das ist ein ziemlich langer Satz.</i>',
      '',
      '00:02.000 --> 00:06.000',
      '<v Anna>Kurz.',
    );
    assert.deepEqual(codes(text), []);
    const f = analyze(text, settings({ readingSpeed: 15 }), { fileName: 'a.vtt' }).findings;
    assert.deepEqual(
      f.map((x) => [x.code, x.severity, x.range.start.line + 1, x.message]),
      [
        [
          'cue-reading-speed',
          'information',
          3,
          'This cue asks for 16.5 characters per second (33 in 2 s), more than 15',
        ],
      ],
    );
    assert.deepEqual(
      analyze(text, settings({ readingSpeed: 17 }), { fileName: 'a.vtt' }).findings,
      [],
    );
  });

  it('never throws on hostile cue files', () => {
    const hostile = [
      'WEBVTT',
      'WEBVTT\n\n-->',
      'WEBVTT\n\n1\n-->\n<v>',
      'WEBVTT\n\n00:00.000 --> 00:01.000\n<v   >',
      'WEBVTT\n\n00:00.000 --> 00:01.000\n<v Anna',
      '\uFEFFWEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\n<v Anna>Hallo\r\n',
      '1\n00:00:00,000 --> 00:00:01,000\n',
      '\0\0\0',
      'WEBVTT\n\n' + '00:00.000 --> 00:01.000\n<v A>x\n\n'.repeat(2000),
    ];
    for (const text of hostile)
      for (const fileName of ['a.vtt', 'a.srt']) {
        const a = analyze(text, settings(), { fileName });
        assert.ok(Array.isArray(a.findings), fileName);
      }
  });
});
