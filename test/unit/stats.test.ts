import { strict as assert } from 'node:assert';
import { hover, parse, statistics, statisticsMarkdown } from '../../server/src/core';
import { CLEAN } from './util';

describe('statistics and hover', () => {
  const model = parse(CLEAN);
  const stats = statistics(model);

  it('counts turns, words, talking time and shares per speaker', () => {
    assert.deepEqual(
      stats.speakers.map((s) => [s.name, s.turns, s.words, Math.round(s.seconds)]),
      [
        ['Malte', 2, 17, 15 + 28 + 25],
        ['Stefan', 2, 6, 52 + 0],
      ],
    );
    assert.equal(Math.round(stats.speakers[0].wordShare * 100), 74);
  });

  it('credits each voice of a compound label (Anna & Ben, Anna+Ben, Anna und Ben, Anna/Ben)', () => {
    for (const join of [' & ', '+', ' und ', '/']) {
      const text = [
        'Transcript',
        'Anna:',
        '[0:00] eins zwei drei',
        `Anna${join}Ben:`,
        '[0:10] vier fünf',
        'Ben:',
        '[0:20] sechs',
      ].join('\n');
      const s = statistics(parse(text));
      assert.deepEqual(
        s.speakers.map((x) => [x.name, x.turns, x.words, Math.round(x.seconds)]),
        [
          ['Anna', 2, 5, 20],
          ['Ben', 2, 3, 10],
        ],
        join,
      );
      // Shares are of the words spoken, each counted once.
      assert.equal(Math.round(s.speakers[0].wordShare * 100), Math.round((5 / 6) * 100));
    }
  });

  it('measures chapters from their listed times', () => {
    assert.deepEqual(
      stats.chapters.map((c) => [c.title, c.start, c.turns, c.words, c.firstWords]),
      [
        ['Begrüßung', 0, 2, 12, 'Hallo und herzlich willkommen. Ich bin Malte.'],
        ['Neuigkeiten', 70, 2, 11, 'Dann fangen wir an. Weiter geht es.'],
      ],
    );
  });

  it('renders Markdown tables', () => {
    const md = statisticsMarkdown(stats, 'clean.transcript');
    assert.match(md, /^# Statistics: clean\.transcript$/m);
    assert.match(md, /^\| Malte \| 2 \| 17 \| 1:08 \| 74 % \| 56 % \|$/m);
    assert.match(md, /^\| 0:01:10 \| Neuigkeiten \| /m);
  });

  it('hovers a timestamp with its chapter, a label with its share, an entry with its length', () => {
    assert.equal(
      hover(model, { line: 20, character: 2 })?.markdown,
      '[1:40] in chapter **Neuigkeiten** (0:01:10), 0:30 after it starts',
    );
    assert.match(
      hover(model, { line: 12, character: 1 })!.markdown,
      /^\*\*Malte\*\*: 2 turns, 17 words, 74 % of the episode's words/,
    );
    assert.match(
      hover(model, { line: 3, character: 1 })!.markdown,
      /^\*\*Neuigkeiten\*\*: 0:01:10 to 0:02:05, 0:55 long, 2 turns, 11 words\n\n> Dann fangen wir an/,
    );
    assert.equal(hover(model, { line: 13, character: 12 }), undefined);
  });
});
