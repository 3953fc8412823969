/**
 * The reader seam: which reader reads a file, and that the model says which
 * layout it was read in. (Each layout's own reading is tested in its file:
 * Auphonic's in parser.test.ts.)
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from '../../server/src/core';
import {
  chooseReader,
  LAYOUTS,
  readTranscript,
  servedByName,
  timeInLayout,
} from '../../server/src/core/readers';
import { auphonicReader } from '../../server/src/core/readers/auphonic';
import { lines } from './util';

const EXAMPLE = readFileSync(path.join(__dirname, '../../examples/episode.txt'), 'utf8');

describe('readers', () => {
  it('knows the Auphonic layout, by its first line (with or without a BOM) and by .transcript', () => {
    assert.deepEqual(LAYOUTS, ['auphonic', 'webvtt', 'srt', 'otter', 'rev', 'lines']);
    assert.equal(auphonicReader.looksLike(EXAMPLE), true);
    assert.equal(auphonicReader.looksLike('\ufeff  Generated Shownotes \r\nChapters'), true);
    assert.equal(auphonicReader.looksLike('Generated Shownotes'), true);
    assert.equal(auphonicReader.looksLike('Hello\nGenerated Shownotes'), false);
    assert.equal(chooseReader('anything', { fileName: 'a.TRANSCRIPT' }), auphonicReader);
    assert.equal(chooseReader('anything', { layout: 'auphonic' }), auphonicReader);
  });

  it('chooses WebVTT and SRT by extension, then by the first lines; an explicit layout wins', () => {
    const vtt = 'WEBVTT\n\n00:00.000 --> 00:01.000\n<v Anna>Hallo.';
    const srt = '1\n00:00:00,000 --> 00:00:01,000\nAnna: Hallo.';
    assert.equal(chooseReader('', { fileName: 'a.vtt' }).layout, 'webvtt');
    assert.equal(chooseReader('', { fileName: '/x/A.SRT' }).layout, 'srt');
    assert.equal(chooseReader(vtt, { fileName: 'notes.txt' }).layout, 'webvtt');
    assert.equal(chooseReader('\ufeff' + srt).layout, 'srt');
    assert.equal(chooseReader(vtt, { fileName: 'a.vtt', layout: 'auphonic' }).layout, 'auphonic');
    assert.equal(readTranscript(vtt).layout, 'webvtt');
    assert.deepEqual(
      ['/a/ep.VTT', 'ep.srt', 'ep.transcript', 'ep.txt', 'ep.md'].map(servedByName),
      [true, true, true, false, false],
    );
  });

  it('reads text no reader recognises as Auphonic text, the layout the findings speak of', () => {
    const text = lines('Anna:', '[0:00] Hallo.');
    assert.equal(chooseReader(text), auphonicReader);
    const model = readTranscript(text, { fileName: 'notes.md' });
    assert.equal(model.layout, 'auphonic');
    assert.equal(model.labels.length, 1);
    assert.equal(readTranscript('\0\0binary').findings[0].code, 'not-a-transcript');
  });

  it('parse is the chosen reader: the same model as the Auphonic reader', () => {
    const a = parse(EXAMPLE);
    const b = auphonicReader.read(EXAMPLE);
    const shape = (m: typeof a) => ({
      layout: m.layout,
      sections: m.sections,
      chapters: m.chapters,
      labels: m.labels.map((l) => [l.line, l.name]),
      turns: m.turns.map((t) => [t.startLine, t.endLine, t.paragraphs.length]),
      stamps: m.stamps.map((s) => [s.line, s.seconds]),
      headings: m.headings,
      prose: [Array.from(m.prose.lines), Array.from(m.prose.starts)],
      findings: m.findings.map((f) => [f.code, f.range]),
    });
    assert.deepEqual(shape(a), shape(b));
    assert.ok(a.turns.length > 30 && a.headings.length > 5, 'the example is read, not empty');
  });

  it('writes a time as each layout does (Insert Current Time)', () => {
    const t = 3725.5;
    assert.deepEqual(
      LAYOUTS.map((l) => [l, timeInLayout(l, t)]),
      [
        ['auphonic', '[1:02:05]'],
        ['webvtt', '01:02:05.500'],
        ['srt', '01:02:05,500'],
        ['otter', '1:02:05'],
        ['rev', '(01:02:05)'],
        ['lines', '[01:02:05]'],
      ],
    );
    assert.equal(timeInLayout('auphonic', 65.9), '[1:05]');
    assert.equal(timeInLayout('rev', 65), '(01:05)');
  });
});
