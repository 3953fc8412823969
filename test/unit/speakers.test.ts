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

  it('flags a label the text itself spells otherwise, with the evidence', () => {
    const text = lines(
      ...turns('Torsten', 'Stephan', 'Torsten', 'Stephan'),
      'Torsten:',
      '[9:00] Und ich habe den Stefan dabei. Hallo Stefan. Stefan, sag was.',
    );
    const f = spelling(text);
    assert.equal(f.length, 2, 'one per Stephan label');
    assert.equal(f[0].message, "'Stephan' (2 labels) is spelt 'Stefan' 3 times in the text");
    assert.equal(f[0].severity, 'warning');
    assert.equal(f[0].related?.[0].range.start.line, 9);
    const titles = f[0].fixes!.map((x) => x.title);
    assert.deepEqual(titles, [
      "Rename speaker 'Stephan' to 'Stefan' (2 labels)",
      "Change only this label to 'Stefan'",
      "Respell 'Stefan' as 'Stephan' in the text (3 places)",
      "Accept 'Stephan' as a known speaker",
    ]);
    const renamed = applyEdits(text, f[0].fixes![0].edits);
    assert.equal(renamed.match(/^Stefan:$/gm)?.length, 2);
    assert.equal(renamed.match(/Stephan/g), null);
    const reverse = applyEdits(text, f[0].fixes![2].edits);
    assert.equal(reverse.match(/Stephan/g)?.length, 5);
    assert.equal(spelling(renamed).length, 0, 'the finding goes away after the rename');
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

  it('offers both directions when labels and text disagree between two labels', () => {
    const text = lines(
      ...turns('Stephan', 'Stephan', 'Stephan', 'Stefan'),
      'Stefan:',
      '[9:00] Hallo Stefan, hallo Stefan, hallo Stefan, hallo Stefan.',
    );
    const f = spelling(text);
    // The text says Stefan (4 times): the labels saying Stephan (3) are flagged...
    assert.ok(f.every((x) => x.message.startsWith("'Stephan'")));
    // ...and since the labels alone favour 'Stephan', the reverse is offered.
    assert.ok(
      f[0].fixes!.some((x) => x.title === "Rename speaker 'Stefan' to 'Stephan' (2 labels)"),
    );
  });

  it('uses configured speakers and accepts them and their aliases', () => {
    const text = lines(...turns('Malthe', 'Stefan', 'Malthe'));
    assert.deepEqual(spelling(text).length, 0);
    const s = settings({ speakers: ['Malte', { name: 'Stefan', aliases: ['Steff'] }] });
    const f = spelling(text, s);
    assert.equal(f.length, 2);
    assert.equal(
      f[0].message,
      "'Malthe' (2 labels) is a near spelling of the known speaker 'Malte' (transcript.speakers)",
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
    assert.deepEqual(accept?.command, { id: 'transcript.acceptSpeaker', args: ['Mart'] });
  });
});
