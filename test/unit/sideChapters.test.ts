/**
 * Chapters for a cue file or a text layout from a file beside it
 * (`episode.chapters.json`, `episode.chapters.vtt`): read, placed by time in
 * the outline, counted in the statistics, exported, and checked.
 */
import { strict as assert } from 'node:assert';
import {
  analyze,
  chapterAtTime,
  chapterLines,
  chapterTimes,
  isSideChaptersFile,
  outline,
  readSideChapters,
  sideChapterCandidates,
  statistics,
  type OutlineNode,
} from '../../server/src/core';
import { exportTranscript } from '../../server/src/core/formats/export';
import { parse } from '../../server/src/core/parser';
import { lines, settings } from './util';

const VTT = lines(
  'WEBVTT',
  '',
  '00:00.000 --> 00:04.000',
  '<v Torsten>Hallo und willkommen.',
  '',
  '00:04.000 --> 00:09.000',
  '<v Torsten>Heute geht es um offene Daten.',
  '',
  '00:09.000 --> 00:15.000',
  '<v Stephan>Danke für die Einladung.',
  '',
  '00:15.000 --> 00:20.000',
  '<v Stephan>Offene Daten im Rathaus also.',
);

const json = (...chapters: [number, string][]) =>
  JSON.stringify({
    version: '1.2.0',
    chapters: chapters.map(([startTime, title]) => ({ startTime, title })),
  });

const CHAPTERS = readSideChapters(
  '/podcast/episode.chapters.json',
  json([0, 'Intro'], [9, 'Open Data im Rathaus']),
);

/** The outline as `name [children]` lines, indented. */
function tree(nodes: readonly OutlineNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.name}${n.detail ? ` | ${n.detail}` : ''} @${n.range.start.line + 1}-${n.range.end.line + 1}`,
    ...tree(n.children, depth + 1),
  ]);
}

const check = (text: string, fileName: string, side = CHAPTERS) =>
  analyze(text, settings(), { fileName, sideChapters: side }).findings.map(
    (f) => `${f.range.start.line + 1} ${f.code}: ${f.message}`,
  );

describe('chapters from a file beside the transcript', () => {
  it('looks for NAME.chapters.json, then NAME.chapters.vtt, beside any layout, never beside a chapters file', () => {
    assert.deepEqual(sideChapterCandidates('/p/episode.vtt'), [
      '/p/episode.chapters.json',
      '/p/episode.chapters.vtt',
    ]);
    assert.deepEqual(sideChapterCandidates('/p/episode.srt'), [
      '/p/episode.chapters.json',
      '/p/episode.chapters.vtt',
    ]);
    assert.deepEqual(sideChapterCandidates('otter.txt'), [
      'otter.chapters.json',
      'otter.chapters.vtt',
    ]);
    assert.deepEqual(sideChapterCandidates('/p/episode.chapters.vtt'), []);
    assert.equal(isSideChaptersFile('file:///p/Episode.Chapters.JSON'), true);
    assert.equal(isSideChaptersFile('/p/episode.json'), false);
  });

  it('reads Podcasting 2.0 JSON chapters and a WebVTT chapters track, citing the file by name', () => {
    assert.deepEqual(CHAPTERS, {
      file: 'episode.chapters.json',
      entries: [
        { seconds: 0, title: 'Intro' },
        { seconds: 9, title: 'Open Data im Rathaus' },
      ],
    });
    const track = readSideChapters(
      'episode.chapters.vtt',
      lines(
        'WEBVTT',
        '',
        '00:00:00.000 --> 00:00:09.000',
        'Intro',
        '',
        '00:00:09.000 --> 00:00:20.000',
        'Open Data im Rathaus',
        '',
      ),
    );
    assert.deepEqual(track.entries, CHAPTERS.entries);
    assert.equal(track.problem, undefined);
  });

  it('says why a chapters file cannot be read, and what its name promised', () => {
    assert.equal(
      readSideChapters('e.chapters.json', '{"chapters": [').problem,
      'the chapters file is not valid JSON',
    );
    assert.match(
      readSideChapters('e.chapters.json', '0:00 Intro').problem!,
      /not Podcasting 2\.0 JSON/,
    );
    assert.match(
      readSideChapters('e.chapters.vtt', '{"chapters": []}').problem!,
      /not a WebVTT file/,
    );
    assert.match(
      readSideChapters('e.chapters.json', json([Number.NaN, 'x'])).problem!,
      /no valid 'startTime'/,
    );
    // Binary, empty or huge content: a problem or chapters, never a throw.
    assert.match(
      readSideChapters('e.chapters.json', '\u0000\u0001PNG\u0000').problem!,
      /not Podcasting 2\.0 JSON/,
    );
    assert.match(readSideChapters('e.chapters.vtt', '').problem!, /not a WebVTT file/);
    const many = readSideChapters(
      'e.chapters.json',
      json(...Array.from({ length: 50_000 }, (_, i): [number, string] => [i, `K${i}`])),
    );
    assert.equal(many.entries.length, 50_000);
    const model = parse(VTT, { fileName: 'episode.vtt', sideChapters: many });
    assert.equal(outline(model).length, 50_000);
  });

  it('nests the cues of a WebVTT file under the chapters, cutting a turn where a chapter starts', () => {
    const model = parse(VTT, { fileName: 'episode.vtt', sideChapters: CHAPTERS });
    assert.deepEqual(tree(outline(model)), [
      'Intro | 0:00:00 (episode.chapters.json) @3-8',
      '  Torsten 0:00 @3-7',
      'Open Data im Rathaus | 0:00:09 (episode.chapters.json) @9-13',
      '  Stephan 0:09 @9-13',
    ]);
    const otherChapters = readSideChapters('e.chapters.json', json([0, 'A'], [4, 'B']));
    const cut = parse(VTT, { fileName: 'episode.vtt', sideChapters: otherChapters });
    // Chapter B starts at the second cue of Torsten's turn: the turn goes on under it.
    assert.deepEqual(tree(outline(cut)), [
      'A | 0:00:00 (e.chapters.json) @3-5',
      '  Torsten 0:00 @3-5',
      'B | 0:00:04 (e.chapters.json) @6-13',
      '  Torsten 0:04 @6-7',
      '  Stephan 0:09 @9-13',
    ]);
  });

  it('does the same for SRT and the text layouts', () => {
    const srt = lines(
      '1',
      '00:00:00,000 --> 00:00:04,000',
      'Torsten: Hallo.',
      '',
      '2',
      '00:00:09,000 --> 00:00:15,000',
      'Stephan: Danke.',
      '',
      '3',
      '00:00:15,000 --> 00:00:17,000',
      'Torsten: Gern.',
      '',
      '4',
      '00:00:17,000 --> 00:00:19,000',
      'Stephan: Also.',
    );
    assert.deepEqual(
      outline(parse(srt, { fileName: 'e.srt', sideChapters: CHAPTERS })).map((n) => [
        n.name,
        n.children.map((c) => c.name),
      ]),
      [
        ['Intro', ['Torsten 0:00']],
        ['Open Data im Rathaus', ['Stephan 0:09', 'Torsten 0:15', 'Stephan 0:17']],
      ],
    );
    const otter = lines('Torsten  0:00', 'Hallo.', '', 'Stephan  0:09', 'Danke.', '');
    const model = parse(otter, { fileName: 'e.txt', sideChapters: CHAPTERS });
    assert.equal(model.layout, 'otter');
    assert.deepEqual(
      outline(model).map((n) => [n.name, n.children.map((c) => c.name)]),
      [
        ['Intro', ['Torsten 0:00']],
        ['Open Data im Rathaus', ['Stephan 0:09']],
      ],
    );
  });

  it('leaves a transcript with its own chapter list alone', () => {
    const auphonic = lines(
      'Chapters',
      '0:00:00 Eigenes Kapitel',
      '',
      'Transcript',
      'Eigenes Kapitel',
      'Torsten:',
      '[0:00] Hallo.',
    );
    const model = parse(auphonic, { fileName: 'e.txt', sideChapters: CHAPTERS });
    assert.equal(model.sideChapters, undefined);
    assert.deepEqual(
      chapterTimes(model).map((c) => c.title),
      ['Eigenes Kapitel'],
    );
  });

  it('counts words and turns per chapter in the statistics, and names the chapter playing', () => {
    const model = parse(VTT, { fileName: 'episode.vtt', sideChapters: CHAPTERS });
    assert.deepEqual(
      statistics(model).chapters.map((c) => [c.title, c.start, c.end, c.turns, c.words]),
      [
        ['Intro', 0, 9, 1, 9],
        ['Open Data im Rathaus', 9, 20, 1, 9],
      ],
    );
    assert.equal(chapterAtTime(model, 3)?.title, 'Intro');
    assert.equal(chapterAtTime(model, 12)?.title, 'Open Data im Rathaus');
    assert.equal(chapterAtTime(parse(VTT, { fileName: 'episode.vtt' }), 12), undefined);
  });

  it('knows the line each chapter is at: its heading, its entry, or where its time falls', () => {
    assert.deepEqual(
      chapterLines(parse(VTT, { fileName: 'episode.vtt', sideChapters: CHAPTERS })),
      [2, 8],
    );
    const auphonic = lines(
      'Chapters',
      '0:00:00 Mit Überschrift',
      '0:00:05 Ohne',
      'Transcript',
      'Mit Überschrift',
      'A:',
      '[0:00] x',
    );
    assert.deepEqual(chapterLines(parse(auphonic)), [4, 2]);
  });

  it('exports the chapters: JSON chapters, and the chapters in a WebVTT export', () => {
    const r = exportTranscript(VTT, 'chapters-json', {
      fileName: 'episode.vtt',
      sideChapters: CHAPTERS,
    });
    assert.ok(r.ok);
    assert.deepEqual((JSON.parse(r.content) as { chapters: unknown[] }).chapters, [
      { startTime: 0, title: 'Intro' },
      { startTime: 9, title: 'Open Data im Rathaus' },
    ]);
    const track = exportTranscript(VTT, 'vtt', {
      fileName: 'episode.vtt',
      sideChapters: CHAPTERS,
      chaptersTrack: true,
    });
    assert.ok(track.ok);
    assert.match(track.chaptersTrack!, /00:00:09\.000 --> 00:00:20\.000\nOpen Data im Rathaus/);
  });

  it('reports a chapter out of order and one after the last cue at the cue where it falls, no finding when all is well', () => {
    assert.deepEqual(check(VTT, 'episode.vtt'), []);
    const bad = readSideChapters(
      'episode.chapters.json',
      json([0, 'Intro'], [15, 'Spät'], [9, 'Zurück'], [75, 'Nach dem Ende']),
    );
    assert.deepEqual(check(VTT, 'episode.vtt', bad), [
      "9 chapter-order: Chapter 3 'Zurück' in episode.chapters.json starts at 0:00:09, earlier than the chapter listed before it (Chapter 2 'Spät' at 0:00:15)",
      "12 chapter-time-mismatch: Chapter 4 'Nach dem Ende' in episode.chapters.json starts at 0:01:15, after the last cue ends (0:00:20)",
    ]);
  });

  it('reports a chapters file that cannot be read on the first line, and nothing else', () => {
    const broken = readSideChapters('episode.chapters.json', '{"chapters": [');
    assert.deepEqual(check(VTT, 'episode.vtt', broken), [
      '1 chapter-entry-malformed: The chapters file beside this transcript, episode.chapters.json, cannot be read: the chapters file is not valid JSON',
    ]);
    assert.deepEqual(
      outline(parse(VTT, { fileName: 'episode.vtt', sideChapters: broken })).map((n) => n.name),
      ['Torsten 0:00', 'Stephan 0:09'],
    );
  });
});
