/**
 * Round trips: import(export(x)) keeps speakers, words, chapters and times
 * (to the second), for the example episode and for generated transcripts.
 *
 * WebVTT and JSON carry one cue per paragraph, so the paragraphs come back
 * exactly. SRT splits long paragraphs into cards whose starts are new times:
 * they may come back as extra stamped paragraphs, so for SRT the words, the
 * speakers, the chapters and every original stamp (at the same word) must come
 * back, and extra stamps must keep the order.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, formatChapterTime, formatStamp, parse } from '../../../server/src/core';
import { describeCorpus } from '../../corpus';
import {
  exportTranscript,
  importTranscript,
  type ExportFormat,
} from '../../../server/src/core/formats';
import {
  checkJsonChapters,
  checkJsonTranscript,
  checkPsc,
  checkVtt,
  parseSrt,
  readBack,
  type ReadParagraph,
} from './helpers';

const EPISODE = readFileSync(path.resolve(__dirname, '../../../examples/episode.txt'), 'utf8');
/** The example with its two errors repaired; its warnings stay. */
const FIXED = EPISODE.replace('[12:6]', '[12:06]').replace('[1:14:07]', '[14:07]');

type Transcript = 'vtt' | 'srt' | 'json';
const CHAPTERS_FOR: Record<Transcript, ExportFormat> = {
  vtt: 'psc',
  srt: 'mp4chaps',
  json: 'chapters-json',
};

function exported(text: string, format: ExportFormat): string {
  const r = exportTranscript(text, format);
  if (!r.ok) assert.fail(r.message);
  return r.content;
}

/** Exports the transcript and its chapters, checks both with independent parsers, imports them. */
function roundTrip(text: string, format: Transcript): string {
  const content = exported(text, format);
  if (format === 'vtt') checkVtt(content);
  else if (format === 'json') checkJsonTranscript(content);
  else assert.equal(parseSrt(content).length, content.split('\n\n').length);
  const chapters = exported(text, CHAPTERS_FOR[format]);
  if (CHAPTERS_FOR[format] === 'psc') checkPsc(chapters);
  if (CHAPTERS_FOR[format] === 'chapters-json') checkJsonChapters(chapters);
  const r = importTranscript(content, { chapters });
  if (!r.ok) assert.fail(r.message);
  assert.equal(r.format, format);
  return r.text;
}

function words(ps: readonly ReadParagraph[]): string[] {
  return ps.flatMap((p) => p.text.split(' ').filter((w) => w !== ''));
}

/** Speaker changes, paragraph by paragraph (turns without words leave no trace). */
function speakerRuns(ps: readonly ReadParagraph[]): (string | undefined)[] {
  return ps.map((p) => p.speaker).filter((s, i, all) => i === 0 || s !== all[i - 1]);
}

/** (word offset, stamp, speaker) of each paragraph. */
function stampsAt(ps: readonly ReadParagraph[]): string[] {
  let offset = 0;
  return ps.map((p) => {
    const at = `${offset} ${p.stamp} ${p.speaker ?? '-'}`;
    offset += p.text.split(' ').filter((w) => w !== '').length;
    return at;
  });
}

interface Expected {
  paragraphs: ReadParagraph[];
  chapters: { start: number; title: string }[];
}

/** Asserts what a round trip must keep; `exact` for formats with one cue per paragraph. */
function assertKept(result: string, expected: Expected, exact: boolean): void {
  const back = readBack(result);
  const errors = analyze(result).findings.filter((f) => f.severity === 'error');
  assert.deepEqual(errors, [], 'the imported transcript has errors');
  assert.deepEqual(back.chapters, expected.chapters, 'chapters');
  if (exact) {
    assert.deepEqual(back.paragraphs, expected.paragraphs, 'paragraphs');
  } else {
    assert.deepEqual(words(back.paragraphs), words(expected.paragraphs), 'words');
    const got = new Set(stampsAt(back.paragraphs));
    for (const s of stampsAt(expected.paragraphs)) assert.ok(got.has(s), `stamp ${s} kept`);
    const stamps = back.paragraphs.map((p) => p.stamp ?? -1);
    for (let i = 1; i < stamps.length; i++)
      assert.ok(stamps[i] >= stamps[i - 1], 'stamps in order');
  }
  assert.deepEqual(speakerRuns(back.paragraphs), speakerRuns(expected.paragraphs), 'speakers');
  assert.deepEqual(
    back.labels.filter((l, i, all) => i === 0 || l !== all[i - 1]),
    speakerRuns(expected.paragraphs).filter((s) => s !== undefined),
    'one label per speaker change',
  );
  // Every chapter has its heading, before the first paragraph at or after its time.
  assert.deepEqual(
    back.headings,
    expected.chapters.map((c) => {
      const i = back.paragraphs.findIndex((p) => (p.stamp ?? 0) >= c.start);
      return { title: c.title, before: i < 0 ? back.paragraphs.length : i };
    }),
    'headings',
  );
}

describe('round trips', () => {
  describe('the example episode (errors repaired)', () => {
    const original = readBack(FIXED);
    const expected: Expected = { paragraphs: original.paragraphs, chapters: original.chapters };

    for (const format of ['vtt', 'json', 'srt'] as const) {
      it(`keeps speakers, words, chapters and times through ${format} (chapters as ${CHAPTERS_FOR[format]})`, () => {
        assertKept(roundTrip(FIXED, format), expected, format !== 'srt');
      });
    }

    it('comes back from WebVTT as the same transcript, up to what the format does not carry', () => {
      const result = roundTrip(FIXED, 'vtt');
      const chapters = FIXED.slice(FIXED.indexOf('Chapters\n'), FIXED.indexOf('Long Summary\n'));
      // One line a paragraph: continuation lines join the line before.
      const model = parse(FIXED);
      const continued = new Set(
        model.paragraphs.flatMap((p) =>
          Array.from({ length: p.endLine - p.startLine }, (_, i) => p.startLine + 1 + i),
        ),
      );
      const out: string[] = [];
      for (
        let l = model.sections.find((x) => x.kind === 'transcript')!.headerLine;
        l < model.text.lineCount;
        l++
      )
        if (continued.has(l)) out[out.length - 1] += ` ${model.text.line(l)}`;
        else out.push(model.text.line(l));
      const body = out
        .join('\n')
        // the heading in the listed spelling, at the chapter's time
        .replace('Open Data Im Rathaus', 'Open Data im Rathaus')
        .replace('\nLizenzen und Nutzungsbedingungen\n', '\n')
        .replace('Stephan:\n[17:48]', 'Lizenzen und Nutzungsbedingungen\nStephan:\n[17:48]')
        // the missing heading added; the turn without words gone
        .replace('Malte:\nStephan:\n[20:31]', 'Stephan:\n[20:31]')
        .replace('Malte:\n[20:45]', 'Fragen aus der Community\nMalte:\n[20:45]');
      assert.equal(result, `${chapters}${body}\n`);
      // What is left to check are the misspelt names, as in the original body:
      // 'Stefan' in the text (the summaries are not carried) and the 'Malt' label.
      const lines = result.split('\n');
      assert.deepEqual(
        analyze(result).findings.map((f) => [
          f.code,
          lines[f.range.start.line].slice(f.range.start.character, f.range.end.character),
        ]),
        [
          ['speaker-name-in-text', 'Stefan'],
          ['speaker-name-in-text', 'Stefan'],
          ['speaker-spelling', 'Malt'],
          ['speaker-name-in-text', 'Stefan'],
        ],
      );
    });
  });

  describeCorpus('the real episode (shared corpus)', (corpus) => {
    const text = readFileSync(corpus, 'utf8');
    for (const format of ['vtt', 'json', 'srt'] as const) {
      it(`keeps speakers, words, chapters and times through ${format}`, () => {
        const original = readBack(text);
        assertKept(
          roundTrip(text, format),
          { paragraphs: original.paragraphs, chapters: original.chapters },
          format !== 'srt',
        );
      });
    }
  });

  describe('generated transcripts (fast-check)', () => {
    const letter = fc.constantFrom(
      ...'abcdefghijklmnopqrstuvwxyzäöüßéçñABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ'.split(''),
    );
    const plainWord = fc.array(letter, { minLength: 1, maxLength: 9 }).map((cs) => cs.join(''));
    const capital = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜÉ'.split(''));
    /** A name word (SRT readers take a capitalized name before the colon as the speaker). */
    const nameWord = fc
      .tuple(capital, fc.array(fc.oneof(letter, fc.constantFrom('.', '-', "'")), { maxLength: 7 }))
      .map(([first, rest]) => first + rest.join(''));
    const name = fc.array(nameWord, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
    /** Any label name: voice spans and JSON carry every name, `&`, `<`, `>` and a final `-` too. */
    const anyNameWord = fc
      .array(fc.oneof(letter, fc.constantFrom('.', '-', "'", '&', '<', '>', '"')), {
        minLength: 1,
        maxLength: 8,
      })
      .map((cs) => cs.join(''));
    const anyName = fc.array(anyNameWord, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
    const tricky = fc.constantFrom(
      '<',
      '>',
      '&',
      '-->',
      'a-->b',
      '--!>',
      '<!--',
      '&amp;',
      '&lt;',
      '&#58;',
      'Q&A',
      '<v',
      '<v X>',
      '</v>',
      '<b>fett</b>',
      'x<y',
      '"Zitat"',
      "'s",
      'Fazit:',
      '10:30',
      '[0:12]',
      '🎙️',
      'WEBVTT',
      'NOTE',
      '…',
      '«ä»',
      '1.',
      '-',
      ':',
      'Transcript',
    );
    const word = fc.oneof({ arbitrary: plainWord, weight: 3 }, { arbitrary: tricky, weight: 1 });
    const text = (max: number) =>
      fc.array(word, { minLength: 1, maxLength: max }).map((ws) => ws.join(' '));
    /** A line that cannot be a stamp, label, header or heading. */
    const continuation = text(12).map((t) => `und ${t} ok`);
    const paragraph = fc.record({
      gap: fc.oneof(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 2400 })),
      text: text(40),
      continuation: fc.option(continuation, { nil: undefined }),
    });
    const transcript = (names: fc.Arbitrary<string>) =>
      fc
        .record({
          names: fc.uniqueArray(names, { minLength: 1, maxLength: 4 }),
          turns: fc.array(
            fc.record({
              speaker: fc.nat(),
              paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 4 }),
            }),
            { minLength: 1, maxLength: 7 },
          ),
          preamble: fc.option(continuation, { nil: undefined }),
          start: fc.integer({ min: 0, max: 30 }),
          chapters: fc.uniqueArray(fc.tuple(fc.nat(), text(4)), {
            maxLength: 4,
            selector: ([t]) => t,
          }),
        })
        .map(build);

    interface Built {
      text: string;
      original: ReadParagraph[];
      expected: Expected;
      multiParagraphTurns: number;
      sameSpeakerTurns: number;
    }

    function build(g: {
      names: string[];
      turns: {
        speaker: number;
        paragraphs: { gap: number; text: string; continuation?: string }[];
      }[];
      preamble?: string;
      start: number;
      chapters: [number, string][];
    }): Built {
      let time = g.start;
      const units: { speaker?: string; stamp: number; label: boolean; lines: string[] }[] = [];
      if (g.preamble) units.push({ stamp: 0, label: false, lines: [g.preamble] });
      let multiParagraphTurns = 0;
      let sameSpeakerTurns = 0;
      g.turns.forEach((turn, ti) => {
        const speaker = g.names[turn.speaker % g.names.length];
        if (turn.paragraphs.length > 1) multiParagraphTurns++;
        if (ti > 0 && g.turns[ti - 1].speaker % g.names.length === turn.speaker % g.names.length)
          sameSpeakerTurns++;
        turn.paragraphs.forEach((p, pi) => {
          time += p.gap;
          const lines = [`${formatStamp(time)} ${p.text}`];
          if (p.continuation) lines.push(p.continuation);
          units.push({ speaker, stamp: time, label: pi === 0, lines });
        });
      });
      const last = time + 60;
      const chapters = g.chapters
        .map(([t, title], i) => ({ start: t % last, title: `Kapitel ${i + 1} ${title}` }))
        .sort((a, b) => a.start - b.start)
        .filter((c, i, all) => i === 0 || c.start !== all[i - 1].start);
      const out: string[] = [];
      if (chapters.length) {
        out.push('Chapters');
        for (const c of chapters) out.push(`${formatChapterTime(c.start)} ${c.title}`);
      }
      out.push('Transcript');
      let next = 0;
      for (const u of units) {
        while (next < chapters.length && chapters[next].start <= u.stamp)
          out.push(chapters[next++].title);
        if (u.label) out.push(`${u.speaker}:`);
        out.push(...u.lines);
      }
      while (next < chapters.length) out.push(chapters[next++].title);
      const paragraphs = units.map((u) => {
        const t = u.lines.map((l) => l.replace(/^\[[\d:]+\] /, '')).join(' ');
        return u.speaker === undefined
          ? { stamp: u.stamp, text: t }
          : { speaker: u.speaker, stamp: u.stamp, text: t };
      });
      // Words before the first label have no stamp; they come back at 0:00.
      const original = paragraphs.map((p) =>
        p.speaker === undefined ? { stamp: undefined, text: p.text } : p,
      );
      return {
        text: out.join('\n'),
        original,
        expected: { paragraphs, chapters },
        multiParagraphTurns,
        sameSpeakerTurns,
      };
    }

    const RUNS = 200;
    for (const format of ['vtt', 'srt', 'json'] as const) {
      it(`keeps speakers, words, chapters and times through ${format} (${RUNS} runs)`, function () {
        this.timeout(120000);
        const seen = {
          cases: 0,
          chapters: 0,
          multiParagraphTurns: 0,
          sameSpeakerTurns: 0,
          preamble: 0,
          hours: 0,
        };
        fc.assert(
          fc.property(transcript(format === 'srt' ? name : anyName), (t) => {
            // The generator writes correct transcripts: no errors, and paragraphs as intended.
            const errors = analyze(t.text).findings.filter((f) => f.severity === 'error');
            assert.deepEqual(errors, []);
            assert.deepEqual(readBack(t.text).paragraphs, t.original);
            assertKept(roundTrip(t.text, format), t.expected, format !== 'srt');
            seen.cases++;
            if (t.expected.chapters.length) seen.chapters++;
            if (t.multiParagraphTurns) seen.multiParagraphTurns++;
            if (t.sameSpeakerTurns) seen.sameSpeakerTurns++;
            if (t.expected.paragraphs[0].speaker === undefined) seen.preamble++;
            if (t.expected.paragraphs.some((p) => (p.stamp ?? 0) >= 3600)) seen.hours++;
          }),
          { numRuns: RUNS },
        );
        assert.equal(seen.cases, RUNS);
        console.log(
          `      note: ${seen.cases} cases (${seen.chapters} with chapters, ${seen.multiParagraphTurns} with multi-paragraph turns, ${seen.sameSpeakerTurns} with a speaker twice in a row, ${seen.preamble} with words before the first label, ${seen.hours} past an hour)`,
        );
      });
    }
  });
});
