/**
 * The Podcasting 2.0 namespace's example transcripts (CC0, copied into
 * test/fixtures/podcast-namespace/) read as real files: every cue, every
 * speaker, no finding, and a conversion that keeps the times; and the
 * namespace's example JSON chapters read as the chapters file beside one.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, DEFAULT_SETTINGS, outline, readSideChapters } from '../../server/src/core';
import { exportTranscript } from '../../server/src/core/formats/export';

const DIR = path.join(__dirname, '../fixtures/podcast-namespace');
const read = (name: string) => readFileSync(path.join(DIR, name), 'utf8');

/** The cues counted without our reader: timing lines. */
const timings = (text: string) => text.split('\n').filter((l) => l.includes('-->')).length;

describe('real example files of the Podcasting 2.0 namespace (CC0)', () => {
  it('example.vtt: every cue a stamped paragraph, <v Sarah> and <v Gillian> as two turns, no finding', () => {
    const text = read('example.vtt');
    const { model, findings } = analyze(text, DEFAULT_SETTINGS, { fileName: 'example.vtt' });
    assert.equal(model.layout, 'webvtt');
    assert.equal(model.stamps.length, timings(text));
    assert.equal(model.paragraphs.length, timings(text));
    assert.equal(model.labels.length, timings(text), 'a voice on every cue');
    assert.deepEqual(
      model.turns.map((t) => t.label.name),
      ['Sarah', 'Gillian'],
    );
    assert.deepEqual(findings, []);
  });

  it('example.srt: 222 cues, Name: on the first cue of each turn, continuation cues after it, no finding', () => {
    const text = read('example.srt');
    const { model, findings } = analyze(text, DEFAULT_SETTINGS, { fileName: 'example.srt' });
    assert.equal(model.layout, 'srt');
    assert.equal(model.stamps.length, 222);
    assert.equal(timings(text), 222);
    assert.deepEqual(
      model.turns.map((t) => t.label.name),
      [
        'Travis',
        'Sarah',
        'Travis',
        'Gilon',
        'Travis',
        'Gilon',
        'Travis',
        'Sarah',
        'Gilon',
        'Travis',
      ],
    );
    // Every cue belongs to a turn: the first cue has a speaker.
    assert.ok(model.paragraphs.every((p) => p.turn !== undefined));
    assert.deepEqual(findings, []);
    // Words (runs of non-space, as the statistics count them): the text
    // without cue numbers, timings and the `Name: ` prefixes.
    const words = text
      .split('\n')
      .filter((l) => !/^\d+\s*$/.test(l) && !l.includes('-->'))
      .map((l) => l.replace(/^(Travis|Sarah|Gilon): /, ''))
      .join(' ')
      .split(/\s+/)
      .filter((w) => w !== '').length;
    assert.equal(
      model.turns.reduce((n, t) => n + t.words, 0),
      words,
    );
  });

  it('converts example.srt to WebVTT keeping every start and end', () => {
    const text = read('example.srt');
    const r = exportTranscript(text, 'vtt', { fileName: 'example.srt' });
    assert.ok(r.ok, r.ok ? '' : r.message);
    const ends = (t: string) =>
      t
        .split('\n')
        .filter((l) => l.includes('-->'))
        .map((l) => l.replace(/,/g, '.').trim());
    // The export joins a turn's cues at most; each of its cues keeps times of the source.
    const source = new Set(ends(text).flatMap((l) => l.split(' --> ')));
    for (const l of ends(r.content)) for (const t of l.split(' --> ')) assert.ok(source.has(t), t);
    assert.match(r.content, /^00:00:00\.179 --> 00:00:02\.399$/m);
  });

  it('exampleComplex.json as the chapters beside example.vtt: read, placed, and the chapters past the episode’s end reported', () => {
    const side = readSideChapters('example.chapters.json', read('exampleComplex.json'));
    assert.equal(side.problem, undefined);
    // The eleven chapters but the silent one ("toc": false).
    assert.deepEqual(
      side.entries.map((c) => [c.seconds, c.title]),
      [
        [0, 'Intro'],
        [168, 'Hearing Aids'],
        [260, 'Progress Report'],
        [410, 'Namespace'],
        [3990, 'Just Break Up'],
        [4200, 'Played song by artist'],
        [4600, 'Donations'],
        [5510, 'The Big Players'],
        [5854, 'Spread the Word'],
        [6089, 'Outro'],
      ],
    );
    // The two files are of different episodes: the example transcript is 25 s
    // long, so every chapter after the intro starts past its last cue.
    const { model, findings } = analyze(read('example.vtt'), DEFAULT_SETTINGS, {
      fileName: 'example.vtt',
      sideChapters: side,
    });
    assert.deepEqual(
      findings.map((f) => f.code),
      Array(9).fill('chapter-time-mismatch'),
    );
    assert.deepEqual(
      outline(model).map((n) => [n.name, n.children.length]),
      [['Intro', 2], ...side.entries.slice(1).map((c) => [c.title, 0])],
    );
  });
});
