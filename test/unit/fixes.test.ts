import { strict as assert } from 'node:assert';
import {
  analyze,
  applyEdits,
  fixAllEdits,
  fixAllText,
  DEFAULT_SETTINGS,
} from '../../server/src/core';
import { CLEAN, codes, lines } from './util';

const BROKEN = CLEAN.replace('\nNeuigkeiten\n', '\n') // missing heading
  .replace('\nBegrüßung\nMalte:', '\nBEGRÜSSUNG\nMalte:') // not a case-only change: stays unmatched
  .replace('Stefan:\n[0:20]', 'Stephan:\n[0:20]')
  .replace('Stefan:\n[2:05]', 'Stephan:\n[2:05]')
  .replace('[1:40]', '[ 1:40]');

describe('fix all', () => {
  it('applies every safe fix at once and leaves nothing it could fix', () => {
    const before = codes(BROKEN);
    assert.deepEqual(before, [
      '3:1 chapter-heading-missing',
      '4:1 chapter-heading-missing',
      // The two 'Stephan' labels are consistent: the text's 'Stefan' is what is flagged.
      '6:11 speaker-name-in-text',
      '6:45 speaker-name-in-text',
      '8:14 speaker-name-in-text',
      '16:29 speaker-name-in-text',
      '20:1 timestamp-malformed',
    ]);
    const { text, applied } = fixAllText(BROKEN, DEFAULT_SETTINGS);
    assert.deepEqual(applied, [
      "Insert the heading 'Begrüßung' above line 13",
      "Insert the heading 'Neuigkeiten' above line 17",
      "Respell 'Stefan' as 'Stephan' (4 places)",
      "Change '[ 1:40]' to '[1:40]'",
    ]);
    assert.deepEqual(codes(text), []);
    assert.equal(
      text,
      CLEAN.replace(/Stefan/g, 'Stephan').replace(
        '\nBegrüßung\nMalte:',
        '\nBEGRÜSSUNG\nBegrüßung\nMalte:',
      ),
    );
  });

  it('is idempotent: fixing twice equals fixing once', () => {
    const once = fixAllText(BROKEN, DEFAULT_SETTINGS).text;
    assert.equal(fixAllText(once, DEFAULT_SETTINGS).text, once);
  });

  it('never includes unsafe fixes or overlapping edits', () => {
    const text = lines('Malte:', '[0:01] a', 'Malte:', 'Stefan:', '[1.05] b');
    const { edits } = fixAllEdits(analyze(text).findings);
    assert.deepEqual(
      edits,
      [],
      'removing a label and reading a dot as a colon are left to the user',
    );
    assert.equal(applyEdits(text, edits), text);
  });

  it('inserts a heading for each of several chapters listed with one title, in one round', () => {
    // Found by the fix-all property: equal insertions were merged, one per round.
    const entry = '0:00:01 Neues aus den Kommunen';
    const text = lines('Chapters', entry, entry, entry, entry, 'Transcript', 'Stefan:', '[0:00] a');
    const { edits } = fixAllEdits(analyze(text).findings);
    assert.equal(edits.length, 4);
    const once = fixAllText(text, DEFAULT_SETTINGS).text;
    assert.equal(once.split('\nNeues aus den Kommunen').length - 1, 4);
    assert.deepEqual(codes(once), []);
    assert.equal(fixAllText(once, DEFAULT_SETTINGS).text, once);
  });
});
