import { strict as assert } from 'node:assert';
import { parse, semanticTokens } from '../../server/src/core';
import { CLEAN } from './util';

describe('semantic tokens', () => {
  it('marks exactly the body chapter headings', () => {
    const tokens = semanticTokens(parse(CLEAN.replace('\nNeuigkeiten\n', '\n  NEUIGKEITEN\n')));
    assert.deepEqual(tokens, [
      { line: 11, character: 0, length: 9, type: 'chapterHeading' },
      { line: 16, character: 2, length: 11, type: 'chapterHeading' },
    ]);
  });

  it('marks the speaker names and cue times of a cue file, in document order, none in Auphonic text', () => {
    const vtt = 'WEBVTT\n\n00:01.000 --> 00:02.500\n<v Anna>Hallo.\n<v Ben>Ja.';
    assert.deepEqual(semanticTokens(parse(vtt, { fileName: 'a.vtt' })), [
      { line: 2, character: 0, length: 9, type: 'timestamp' },
      { line: 2, character: 14, length: 9, type: 'timestamp' },
      { line: 3, character: 3, length: 4, type: 'speaker' },
      { line: 4, character: 3, length: 3, type: 'speaker' },
    ]);
    assert.ok(semanticTokens(parse(CLEAN)).every((t) => t.type === 'chapterHeading'));
  });
});
