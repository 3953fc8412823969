import { strict as assert } from 'node:assert';
import { applyEdits, type Finding } from '../../server/src/core';
import { variantOf } from '../../server/src/core/names';
import { findings, lines, settings } from './util';

function turns(...speakers: string[]): string[] {
  return speakers.flatMap((s, i) => [`${s}:`, `[${i}:00] Ein paar Worte.`]);
}

function spelling(text: string, s = settings()): readonly Finding[] {
  return findings(text, s).filter((f) => f.code === 'speaker-spelling');
}

function mentions(text: string, s = settings()): readonly Finding[] {
  return findings(text, s).filter((f) => f.code === 'speaker-name-in-text');
}

describe('speaker-spelling', () => {
  it('compares names the way a person would', () => {
    assert.equal(variantOf('Stephan', 'Stefan'), 'phonetic');
    assert.equal(variantOf('Torsten', 'Thorsten'), 'phonetic');
    assert.equal(variantOf('Malthe', 'Malte'), 'phonetic');
    assert.equal(variantOf('Mart', 'Martin'), 'truncation');
    assert.equal(variantOf('Anna.', 'Anna'), 'punctuation');
    assert.equal(variantOf('Speaker 1', 'Speaker 2'), undefined);
    assert.equal(variantOf('Guide 1', 'Guide 2'), undefined);
    assert.equal(variantOf('SPEAKER_00', 'SPEAKER_01'), undefined);
    assert.equal(variantOf('Anna', 'Anna-Off'), undefined);
    assert.equal(variantOf('Anna', 'Anna (Telefon)'), undefined);
    assert.equal(variantOf('Malte', 'Stefan'), undefined);
  });

  it('does not flag a label spelt one way throughout that the text spells otherwise: it flags the text, with the evidence', () => {
    const text = lines(
      ...turns('Torsten', 'Stephan', 'Torsten', 'Stephan'),
      'Torsten:',
      '[9:00] Und ich habe den Stefan dabei. Hallo Stefan. Stefan, sag was.',
    );
    assert.equal(spelling(text).length, 0, 'the consistent Stephan labels are right');
    const f = mentions(text);
    assert.deepEqual(
      f.map((x) => [x.range.start.line, x.range.start.character, x.range.end.character]),
      [
        [9, 24, 30],
        [9, 44, 50],
        [9, 52, 58],
      ],
      'one finding per Stefan in the text',
    );
    for (const x of f) {
      assert.equal(
        x.message,
        "'Stefan' looks like a misspelling of 'Stephan': speaker 'Stephan' (2 labels); the text spells it 'Stefan' 3 times",
      );
      assert.equal(x.severity, 'warning');
      assert.deepEqual(
        x.related?.map((r) => [r.range.start.line, r.message]),
        [[2, "speaker 'Stephan' is labelled here"]],
      );
    }
    const fixes = f[1].fixes!;
    assert.deepEqual(
      fixes.map((x) => [x.title, x.preferred === true, x.safe === true]),
      [
        ["Respell 'Stefan' as 'Stephan' (3 places)", true, true],
        ["Respell only this one as 'Stephan'", false, false],
        ["Rename speaker 'Stephan' to 'Stefan' (2 labels) instead", false, false],
        ["Add 'Stefan' to the roster as a misspelling of 'Stephan'", false, false],
        ["Ignore 'Stefan': another name, not 'Stephan'", false, false],
      ],
    );
    const respelt = applyEdits(text, fixes[0].edits);
    assert.equal(respelt.match(/Stefan/g), null);
    assert.equal(respelt.match(/^Stephan:$/gm)?.length, 2, 'the labels stay as they are');
    assert.equal(respelt.match(/Stephan/g)?.length, 5);
    assert.equal(mentions(respelt).length + spelling(respelt).length, 0, 'nothing left to flag');
    assert.deepEqual(fixes[1].edits, [{ range: f[1].range, newText: 'Stephan' }]);
    const renamed = applyEdits(text, fixes[2].edits);
    assert.equal(renamed.match(/^Stefan:$/gm)?.length, 2);
    assert.equal(renamed.match(/Stephan/g), null);
  });

  it('flags a rare stray label beside a frequent one, but not numbered or role voices', () => {
    const text = lines(
      ...turns(
        'Martin',
        'Martin',
        'Martin',
        'Anna',
        'Mart',
        'Anna.',
        'Anna',
        'Anna-Off',
        'Anna (Telefon)',
      ),
      ...turns('Speaker 1', 'Speaker 2', 'Guide 1', 'Guide 2'),
    );
    const f = spelling(text);
    assert.deepEqual(
      f.map((x) => x.message),
      [
        "'Mart' (1 label) looks like a misspelling of 'Martin' (3 labels)",
        "'Anna.' (1 label) looks like a misspelling of 'Anna' (2 labels)",
      ],
    );
  });

  it('says when two label spellings are close to even and offers both directions, none preferred; the text does not decide', () => {
    const text = lines(
      ...turns('Stephan', 'Stephan', 'Stephan', 'Stefan'),
      'Stefan:',
      '[9:00] Hallo Stefan, hallo Stefan, hallo Stefan, hallo Stefan.',
    );
    const f = spelling(text);
    // Labels 3 : 2 (the text's four 'Stefan' do not outweigh them): the Stefan labels are flagged.
    assert.deepEqual(
      f.map((x) => x.range.start.line),
      [6, 8],
    );
    for (const x of f)
      assert.equal(
        x.message,
        "'Stefan' (2 labels) and 'Stephan' (3 labels) are near spellings of one name used about as often; 'Stephan' has more labels: check which is right",
      );
    assert.deepEqual(
      f[0].fixes!.map((x) => [x.title, x.preferred === true, x.safe === true]),
      [
        ["Rename speaker 'Stefan' to 'Stephan' (2 labels)", false, false],
        ["Change only this label to 'Stephan'", false, false],
        ["Rename speaker 'Stephan' to 'Stefan' (3 labels)", false, false],
        ["Accept 'Stefan' as a known speaker, another person than 'Stephan'", false, false],
      ],
    );
    assert.equal(mentions(text).length, 0, "'Stefan' is a label's own spelling");
  });

  it('uses configured speakers and accepts them and their aliases', () => {
    const text = lines(...turns('Malthe', 'Stefan', 'Malthe'));
    assert.deepEqual(spelling(text).length, 0);
    const s = settings({ speakers: ['Malte', { name: 'Stefan', aliases: ['Steff'] }] });
    const f = spelling(text, s);
    assert.equal(f.length, 2);
    assert.equal(
      f[0].message,
      "'Malthe' (2 labels) is a near spelling of the known speaker 'Malte' (roster)",
    );
    // Preferred, but not applied unattended: only a listed misspelling is.
    assert.deepEqual(
      f[0].fixes!.map((x) => [x.title, x.preferred === true, x.safe === true]),
      [
        ["Rename speaker 'Malthe' to 'Malte' (2 labels)", true, false],
        ["Change only this label to 'Malte'", false, false],
        ["Accept 'Malthe' as a known speaker", false, false],
      ],
    );
    assert.equal(spelling(lines(...turns('Steff', 'Stefan')), s).length, 0);
    // Accepting a spelling silences it, and now the other spelling is the odd one.
    const accepted = settings({ speakers: ['Malthe'] });
    const after = spelling(lines(...turns('Malthe', 'Malte', 'Malte')), accepted);
    assert.deepEqual(
      after.map((x) => x.range.start.line),
      [2, 4],
    );
    assert.match(after[0].message, /known speaker 'Malthe'/);
  });

  it('has an accept command on every speaker finding', () => {
    const text = lines(...turns('Martin', 'Martin', 'Martin', 'Mart'));
    const accept = spelling(text)[0].fixes!.find((x) => x.command);
    assert.deepEqual(accept?.command, {
      id: 'transcript.acceptSpeaker',
      args: ['Mart', ['Martin']],
    });
  });
});
