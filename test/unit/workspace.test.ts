import { strict as assert } from 'node:assert';
import { analyze, fuzzyMatch, summarize, WorkspaceIndex } from '../../server/src/core';
import { CLEAN, lines } from './util';

function episode(n: number, host = 'Malte'): string {
  return lines(
    'Chapters',
    `0:00:00 Folge ${n}`,
    'Transcript',
    `Folge ${n}`,
    `${host}:`,
    '[0:01] Hallo.',
    'Stefan:',
    '[0:05] Hi.',
  );
}

describe('workspace index', () => {
  it('keeps names, titles and places of each episode, not the text', () => {
    const s = summarize('file:///a.transcript', CLEAN);
    assert.deepEqual(
      s.speakers.map((x) => [x.name, x.labels]),
      [
        ['Malte', 2],
        ['Stefan', 2],
      ],
    );
    assert.deepEqual(
      s.chapters.map((c) => [c.title, c.range.start.line]),
      [
        ['Begrüßung', 11],
        ['Neuigkeiten', 16],
      ],
    );
    assert.ok(!JSON.stringify(s).includes('Hallo'), 'no text kept');
  });

  it('finds chapters and speakers across episodes', () => {
    const index = new WorkspaceIndex();
    for (let i = 1; i <= 5; i++) index.set(summarize(`file:///ep${i}.transcript`, episode(i)));
    assert.equal(index.symbols('folge 3').length, 1);
    assert.equal(index.symbols('malte').length, 5);
    assert.equal(index.symbols('').length, 15);
    assert.ok(fuzzyMatch('osds', 'Open Source / Digitale Souveränität'));
    assert.ok(!fuzzyMatch('xyz', 'Open Source'));
    assert.equal(index.symbols('malte')[0].detail, 'ep1.transcript, 1 turn');
    index.delete('file:///ep1.transcript');
    assert.equal(index.symbols('malte').length, 4);
  });

  it('flags a label used here but spelt otherwise in many other episodes', () => {
    const index = new WorkspaceIndex();
    for (let i = 1; i <= 41; i++) index.set(summarize(`file:///ep${i}.transcript`, episode(i)));
    const here = 'file:///ep42.transcript';
    const text = episode(42, 'Malthe');
    const { findings } = analyze(text, undefined, { otherEpisodes: index.speakerEpisodes(here) });
    assert.deepEqual(
      findings.map((f) => f.message),
      ["'Malthe' here (1 label); 'Malte' in 41 other episodes"],
    );
    assert.equal(findings[0].fixes![0].title, "Rename speaker 'Malthe' to 'Malte' (1 label)");
    // A name this episode shares with many others is not flagged.
    assert.deepEqual(
      analyze(episode(42), undefined, { otherEpisodes: index.speakerEpisodes(here) }).findings,
      [],
    );
  });
});
