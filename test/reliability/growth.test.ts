/**
 * Linear time for every reader in the core that uses a regular expression
 * (or scans text the way one did): each is timed on a hostile input and on
 * the same input four times as large, in the same run, and fails when the
 * time grows faster than linearly.
 *
 * No absolute timings: a linear reader takes about 4 times as long a read
 * on the 4x input, a quadratic one about 16 times. Each size is read in a
 * batch long enough to measure, both batches about equally long (4 times as
 * many reads of the 1x input), after a garbage collection; the fastest read
 * of several rounds is compared (rounds alternate the sizes, so a busy
 * moment on the shared machine slows both), and the bound is a generous
 * 10. Rounds stop once the ratio is clearly linear, and the test gives up
 * early (failing) when a batch of the 4x input runs for seconds.
 *
 * Sizes: large enough that the quadratic versions these readers once had
 * fail clearly (the ratio of those was 14 to 16), small enough that they
 * fail within seconds.
 */
import { strict as assert } from 'node:assert';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import {
  completions,
  DEFAULT_SETTINGS,
  formatLike,
  fuzzyMatch,
  invalidSpeakerName,
  parse,
  parseChapterTime,
  parseOffset,
  parseStamp,
  selectionRanges,
  stampLikeLength,
  statistics,
  statisticsMarkdown,
  transcriptBaseName,
} from '../../server/src/core';
import {
  exportTranscript,
  importTranscript,
  labelName,
  type ImportOptions,
} from '../../server/src/core/formats';
import { decodeEntities } from '../../server/src/core/formats/entities';
import { isSpeakerName, speakerPrefix } from '../../server/src/core/formats/prefix';
import { readChapters } from '../../server/src/core/formats/readChapters';
import { readSrt } from '../../server/src/core/formats/readSrt';
import { cueText, readVtt } from '../../server/src/core/formats/readVtt';
import { parseClock } from '../../server/src/core/formats/times';
import { escapeAttribute, normalizeSpace } from '../../server/src/core/formats/strings';
import { nameKey } from '../../server/src/core/names';
import { SCALE } from './measure';

/** Largest allowed ratio of the 4x time to the 1x time (linear: 4; quadratic: 16). */
const MAX_RATIO = 10;
/** A ratio below this after the minimum rounds is clearly linear: stop measuring. */
const CLEARLY_LINEAR = 6;
const MIN_ROUNDS = 3;
const MAX_ROUNDS = 15;
/** Milliseconds a batch of reads should take, to be measurable. */
const BATCH_MS = 12;
/** A 4x batch this long (ms) has already failed: a linear reader's batch takes about 12 ms. */
const GIVE_UP_MS = 3000 * SCALE;

interface Reader {
  /** What is read, and on what. */
  readonly name: string;
  /** The hostile input of size `n`. */
  readonly input: (n: number) => string;
  /** The 1x size. */
  readonly n: number;
  /** Reads it (the result is kept, so the work is not optimised away). */
  readonly read: (input: string) => unknown;
}

const line = (n: number, s: string) => s.repeat(n);
const importWith = (content: string, options?: ImportOptions) => importTranscript(content, options);
const vttCue = (text: string) => `WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n${text}\n`;
const srtCue = (text: string) => `1\n00:00:01,000 --> 00:00:02,000\n${text}\n`;
const body = (text: string) => `Transcript\nMalte:\n[0:01] Hallo\n${text}\n`;
const psc = (inner: string) => `<psc:chapters version="1.2">${inner}</psc:chapters>`;

const READERS: readonly Reader[] = [
  // time.ts
  {
    name: "stampLikeLength: '[1:' and ' 1' repeated",
    n: 10_000,
    input: (n) => `[1:${line(n, ' 1')}]`,
    read: stampLikeLength,
  },
  {
    name: "parse: a body line '[1:' and ' 1' repeated (a malformed stamp)",
    n: 10_000,
    input: (n) => body(`[1:${line(n, ' 1')}]`),
    read: parse,
  },
  {
    name: 'parse: a body line of spaces and tabs between stamp digits, no ]',
    n: 10_000,
    input: (n) => body(`[1:${line(n, ' \t1')}x`),
    read: parse,
  },
  {
    name: 'parseStamp: many digits',
    n: 20_000,
    input: (n) => `[${line(n, '1')}:00x`,
    read: parseStamp,
  },
  {
    name: 'parseChapterTime: many digits',
    n: 20_000,
    input: (n) => `${line(n, '1')}:00x`,
    read: parseChapterTime,
  },
  // shift.ts
  {
    name: 'parseOffset: spaces, no number',
    n: 10_000,
    input: (n) => `${line(n, ' ')}x`,
    read: parseOffset,
  },
  {
    name: 'parseOffset: sign between runs of spaces',
    n: 10_000,
    input: (n) => `${line(n, ' ')}+${line(n, ' ')}x`,
    read: parseOffset,
  },
  {
    name: 'parseOffset: many digits',
    n: 20_000,
    input: (n) => `+${line(n, '1')}:1x`,
    read: parseOffset,
  },
  {
    name: 'formatLike: a written time of many digits',
    n: 20_000,
    input: (n) => `${line(n, '1')}:00:00.0x`,
    read: (s) => formatLike(s, 61),
  },
  // formats/readChapters.ts
  {
    name: "PSC: '<!--' repeated, never closed",
    n: 5000,
    input: (n) => `<psc:chapters>${line(n, '<!--')}`,
    read: readChapters,
  },
  {
    name: "PSC: '<![CDATA[' repeated, never closed",
    n: 2500,
    input: (n) => `<psc:chapters>${line(n, '<![CDATA[')}`,
    read: readChapters,
  },
  {
    name: "PSC: '<psc:chapter ' repeated, never closed",
    n: 2000,
    input: (n) => `<psc:chapters>${line(n, '<psc:chapter ')}`,
    read: readChapters,
  },
  {
    name: 'PSC: an attribute name of many letters without a value',
    n: 20_000,
    input: (n) => psc(`<psc:chapter start="0" ${line(n, 'a')} />`),
    read: readChapters,
  },
  {
    name: 'PSC: a long title',
    n: 10_000,
    input: (n) => psc(`<psc:chapter start="0" title="${line(n, 'a ')}"/>`),
    read: readChapters,
  },
  {
    name: 'PSC: many chapters',
    n: 400,
    input: (n) => psc(line(n, '<psc:chapter start="0:01" title="Kapitel &amp; mehr"/>')),
    read: readChapters,
  },
  {
    name: 'mp4chaps: a title of spaces',
    n: 10_000,
    input: (n) => `00:00:00.000 x${line(n, ' ')}y`,
    read: readChapters,
  },
  {
    name: "mp4chaps: a title of '<a://' repeated",
    n: 5000,
    input: (n) => `00:00:00.000 ${line(n, '<a://')}`,
    read: readChapters,
  },
  {
    name: 'mp4chaps: a link of many characters',
    n: 20_000,
    input: (n) => `00:00:00.000 News <https://${line(n, 'a')}>`,
    read: readChapters,
  },
  {
    name: 'JSON chapters: a start time of many digits',
    n: 20_000,
    input: (n) => JSON.stringify({ chapters: [{ startTime: `${line(n, '1')}x`, title: 'x' }] }),
    read: readChapters,
  },
  // formats/times.ts
  {
    name: 'parseClock: many digits',
    n: 20_000,
    input: (n) => `${line(n, '1')}x`,
    read: parseClock,
  },
  {
    name: 'parseClock: many digits after a colon',
    n: 20_000,
    input: (n) => `1:${line(n, '1')}x`,
    read: parseClock,
  },
  // formats/readVtt.ts
  {
    name: "WebVTT: a cue of '<a' repeated, never closed",
    n: 40_000,
    input: (n) => vttCue(line(n, '<a')),
    read: readVtt,
  },
  {
    name: 'WebVTT: a voice tag with a long name',
    n: 10_000,
    input: (n) => vttCue(`<v ${line(n, 'a ')}>Hallo`),
    read: readVtt,
  },
  {
    name: 'WebVTT: a timing line of spaces and digits',
    n: 10_000,
    input: (n) => `WEBVTT\n\n${line(n, ' ')}${line(n, '1')} --> x\nHallo\n`,
    read: readVtt,
  },
  {
    name: "WebVTT cue text: '&#1' repeated",
    n: 8000,
    input: (n) => line(n, '&#1'),
    read: (s) => cueText(s),
  },
  {
    name: 'decodeEntities: letters after &',
    n: 5000,
    input: (n) => line(n, '&aaaa'),
    read: decodeEntities,
  },
  // formats/readSrt.ts and prefix.ts
  {
    name: "SRT: a cue of 'a:' repeated",
    n: 10_000,
    input: (n) => srtCue(line(n, 'a:')),
    read: readSrt,
  },
  {
    name: 'SRT: a timing of many digits',
    n: 20_000,
    input: (n) => `1\n${line(n, '1')}:00:00,000 --> x\nHallo\n`,
    read: readSrt,
  },
  {
    name: 'speakerPrefix and isSpeakerName: long names',
    n: 10_000,
    input: (n) => `A${line(n, ' .')}: x`,
    read: (s) => [speakerPrefix(s), isSpeakerName(s)],
  },
  // formats/import.ts, readJson.ts, strings.ts
  {
    name: "labelName: '[' and spaces repeated",
    n: 8000,
    input: (n) => `${line(n, '[')}${line(n, ' ')}x:${line(n, ':')}`,
    read: labelName,
  },
  {
    name: 'JSON transcript: a start time of many digits, and punctuation tokens',
    n: 5000,
    input: (n) =>
      JSON.stringify({
        segments: [
          { startTime: `${line(n, '1')}x`, body: 'Hallo' },
          { startTime: 1, body: line(n, '.') + 'x' },
        ],
      }),
    read: importWith,
  },
  {
    name: 'normalizeSpace and escapeAttribute',
    n: 2000,
    input: (n) => line(n, ' \t"<a'),
    read: (s) => [normalizeSpace(s), escapeAttribute(s)],
  },
  // formats export: the writers' escapes and wrapping
  {
    name: 'export to SRT, WebVTT and HTML: a long paragraph',
    n: 1500,
    input: (n) => body(`[0:02] ${line(n, 'Wort & <mehr> ')}`),
    read: (s) => ['srt', 'vtt', 'html'].map((f) => exportTranscript(s, f as 'srt')),
  },
  // parser.ts, selection.ts, completion.ts, navigation.ts, stats.ts, workspace.ts, playback.ts
  {
    name: 'parse: a Tags line of 100 long tags',
    n: 20_000,
    input: (n) =>
      `Tags\n${Array<string>(100)
        .fill(line(n / 200, ' a'))
        .join(' , ')}\nTranscript\n`,
    read: parse,
  },
  {
    name: "selectionRanges: a line of '[' (cursor at its end)",
    n: 10_000,
    input: (n) => body(line(n, '[')),
    read: (s) => {
      const model = parse(s);
      return selectionRanges(model, { line: 3, character: model.text.lineLength(3) });
    },
  },
  {
    name: "completions: a long line of '['",
    n: 20_000,
    input: (n) => body(line(n, '[')),
    read: (s) => completions(parse(s), { line: 3, character: 0 }, DEFAULT_SETTINGS),
  },
  {
    name: 'invalidSpeakerName: a long name',
    n: 20_000,
    input: (n) => line(n, 'a'),
    read: invalidSpeakerName,
  },
  {
    name: 'statistics and their Markdown: a long paragraph with | and line breaks',
    n: 4000,
    input: (n) => body(`[0:02] ${line(n, 'a | b ')}`),
    read: (s) => statisticsMarkdown(statistics(parse(s)), s.slice(0, 200)),
  },
  {
    name: 'fuzzyMatch: a query of spaces',
    n: 20_000,
    input: (n) => `${line(n, ' ')}x`,
    read: (s) => fuzzyMatch(s, 'Open Source'),
  },
  {
    name: "transcriptBaseName: '.txt' repeated",
    n: 5000,
    input: (n) => `${line(n, '.txt')}.mp3`,
    read: transcriptBaseName,
  },
  // names.ts
  {
    name: "nameKey: a letter, '!' repeated, a letter (punctuation inside, not at the ends)",
    n: 20_000,
    // A new string each read: nameKey caches its answers.
    input: (n) => `a${line(n, '!')}b`,
    read: (s) => nameKey(`${s}${Math.random()}`),
  },
];

const ms = (t: number) => `${t < 1 ? t.toFixed(3) : t.toFixed(1)} ms`;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Milliseconds `reps` reads of `input` take, after a collection (so garbage of one batch does not slow the next). */
function runBatch(reader: Reader, input: string, reps: number, sink: unknown[]): number {
  gc();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) sink[0] = reader.read(input);
  return performance.now() - t0;
}

describe('reliability: regular expressions in the core take linear time', function () {
  for (const reader of READERS) {
    it(`${reader.name}: 4x the input takes < ${MAX_RATIO}x the time`, function () {
      this.timeout(60_000 * SCALE);
      const small = reader.input(reader.n);
      const large = reader.input(4 * reader.n);
      const sink: unknown[] = [];
      // Warm up on both sizes (compiles their code paths), then size the batch on the 1x input.
      runBatch(reader, small, 2, sink);
      runBatch(reader, large, 1, sink);
      const once = runBatch(reader, small, 1, sink);
      // Batches of about the same length for both sizes (4 times as many reads
      // of the 1x input): on a busy machine a longer batch is more likely to be
      // interrupted, which would bias the minimum against the 4x input.
      const reps4 = Math.max(1, Math.min(25_000, Math.ceil(BATCH_MS / 4 / Math.max(once, 0.001))));
      const reps1 = 4 * reps4;
      let best1 = Infinity;
      let best4 = Infinity;
      let rounds = 0;
      while (rounds < MAX_ROUNDS) {
        rounds++;
        best1 = Math.min(best1, runBatch(reader, small, reps1, sink) / reps1);
        const t4 = runBatch(reader, large, reps4, sink);
        best4 = Math.min(best4, t4 / reps4);
        if (t4 > GIVE_UP_MS) break;
        if (rounds >= MIN_ROUNDS && best4 / best1 < CLEARLY_LINEAR) break;
      }
      const ratio = best4 / best1;
      const chars = `${small.length.toLocaleString('en')} / ${large.length.toLocaleString('en')} chars`;
      console.log(
        `      ${reader.name}: ${chars}, ${reps1} / ${reps4} reads a batch: ${ms(best1)} / ${ms(best4)} a read, ratio ${ratio.toFixed(1)} (${rounds} rounds)`,
      );
      assert.ok(
        ratio < MAX_RATIO,
        `4x the input took ${ratio.toFixed(1)}x the time (${ms(best1)}, ${ms(best4)} a read): faster than linear growth`,
      );
    });
  }
});
