/**
 * The speaker check's count of name-like words in the prose, found by a fast
 * search (indexOf per initial, Latin-1 words measured by table), against a
 * reference written here from the filter's definition: a word of a prose
 * span (letters and marks with apostrophes inside; not a quote at either
 * end, nor a final possessive 's), starting with a character of the
 * initials, upper case, as many code points long as the filter allows. The
 * places of a word are found by the same definition of a word.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { proseWordCounts, wordFilterFor } from '../../server/src/core/analysis/nameWords';
import { proseWordRanges } from '../../server/src/core/analysis/wordPlaces';
import { parse } from '../../server/src/core';
import { lines } from './util';
import { NAMES, transcriptArb, WORDS } from '../reliability/gen';

/**
 * A word, written out here: letters and marks, and an apostrophe followed by
 * a letter, unless it is an `s` that ends the word.
 */
const WORD_REFERENCE = String.raw`[\p{L}\p{M}]+(?:['’](?!s(?![\p{L}\p{M}]))[\p{L}\p{M}]+)*`;

function referenceCounts(
  text: string,
  names: readonly string[],
  anyCase = false,
): [string, number][] {
  const filter = wordFilterFor(names, anyCase);
  if (!filter) return [];
  const model = parse(text);
  const initials = new Set([...filter.initials].flatMap((c) => [...c]));
  const counts = new Map<string, number>();
  for (let i = 0; i < model.prose.length; i++) {
    const line = model.text.line(model.prose.lines[i]);
    const run = new RegExp(WORD_REFERENCE, 'gu');
    run.lastIndex = model.prose.starts[i];
    for (let m = run.exec(line); m; m = run.exec(line)) {
      const w = m[0];
      // The filter's expression puts the initials in one character class.
      const initial = initials.has(String.fromCodePoint(w.codePointAt(0)!));
      const upper = anyCase || w[0] !== w[0].toLowerCase();
      // The expression bounds the length in code points; the tally also
      // wants three UTF-16 units.
      const points = [...w].length;
      const long = points >= filter.minLength && points <= filter.maxLength && w.length >= 3;
      if (initial && upper && long) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return [...counts];
}

function fastCounts(text: string, names: readonly string[], anyCase = false): [string, number][] {
  const filter = wordFilterFor(names, anyCase);
  if (!filter) return [];
  const out: [string, number][] = [];
  proseWordCounts(parse(text), filter).forEach(1, (w, n) => out.push([w, n]));
  return out;
}

/** Prose full of near spellings, in many scripts, with apostrophes and marks. */
const proseWord = fc.oneof(
  fc.constantFrom(...WORDS, ...NAMES),
  fc.constantFrom('Thorsten', 'Stefans', 'Torsten’s', "D'Artagnan", 'Zoë', 'Zoe\u0308', 'Søren'),
  // Quotes, possessives and apostrophes next to other apostrophes or letters.
  fc.constantFrom(
    "'Stefan'",
    "Stefan's",
    "Stefan''s",
    '’Torsten’',
    "Stefan'sche",
    "x'Stefan",
    "'s",
    "Stefan's\u0308",
  ),
  fc.constantFrom('Mähne', 'Straße', 'ŚŁOWO', 'Ñandú', 'Ærø', 'Σωκράτης', 'İzmir', 'ǅemal'),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const proseLine = fc.array(proseWord, { minLength: 1, maxLength: 12 }).map((ws) => ws.join(' '));

const textAndNames = fc
  .tuple(transcriptArb, fc.array(proseLine, { maxLength: 6 }))
  .map(([text, extra]) => {
    // The extra prose after the first stamped paragraph, so it is body prose.
    const lines = text.split('\n');
    const at = lines.findIndex((l) => /^\[\d/.test(l));
    if (at >= 0) lines.splice(at + 1, 0, ...extra);
    const joined = lines.join('\n');
    return { text: joined, names: [...new Set(parse(joined).labels.map((l) => l.name))] };
  });

describe('name-like words in the prose', () => {
  it('counts what the filter describes, in order of first occurrence (fast-check)', () => {
    fc.assert(
      fc.property(textAndNames, ({ text, names }) => {
        assert.deepEqual(fastCounts(text, names), referenceCounts(text, names));
      }),
      { numRuns: 400 },
    );
  });

  it('counts lower-case words too when asked, line by line, through a sequence of edits (fast-check)', () => {
    // The counts are kept per line between analyses (an edit changes a line
    // or two): after each edit they must be what a fresh count gives.
    const edit = fc.record({
      line: fc.nat(),
      at: fc.nat(),
      cut: fc.nat({ max: 6 }),
      insert: fc.oneof(proseWord, fc.constantFrom('\n', ' ', 'thorsten ', '[0:09] ', 'Anna:\n')),
    });
    fc.assert(
      fc.property(textAndNames, fc.array(edit, { maxLength: 8 }), ({ text, names }, edits) => {
        let now = text;
        assert.deepEqual(fastCounts(now, names, true), referenceCounts(now, names, true));
        for (const e of edits) {
          const ls = now.split('\n');
          const i = e.line % ls.length;
          // By code point: a cut through a surrogate pair would make a lone
          // surrogate, which the filter (built from a name's first UTF-16
          // unit) and this reference (by code point) read differently.
          const points = [...ls[i]];
          const at = e.at % (points.length + 1);
          ls[i] = [...points.slice(0, at), e.insert, ...points.slice(at + e.cut)].join('');
          now = ls.join('\n');
          assert.deepEqual(fastCounts(now, names, true), referenceCounts(now, names, true));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('counts a name, its near spellings and words with umlauts, apostrophes and marks', () => {
    const text = [
      'Transcript',
      'Stefan:',
      "[0:01] Stefan, Stephan und Stefans Torsten’s Thorsten D'Artagnan Straße Zoë Zoe\u0308.",
      'Stephan:',
      '[0:05] Stefan? STEFAN stefan Stefanie-Stefan Thorsten',
    ].join('\n');
    const names = ['Stefan', 'Stephan'];
    assert.deepEqual(fastCounts(text, names), referenceCounts(text, names));
    const counts = new Map(fastCounts(text, names));
    assert.equal(counts.get('Stefan'), 3); // not 'STEFAN', 'stefan', 'Stefans', 'Stefanie'
    assert.equal(counts.get('Stephan'), 1);
    assert.equal(counts.get('Straße'), 1);
  });

  it("counts a name in quotes and with the possessive 's, not with other apostrophes", () => {
    const text = [
      'Transcript',
      'Stephan:',
      "[0:01] 'Stefan' und ‚Stefan‘, Stefan's Idee, Stefan’s Buch, Stefan'sche Regel, x'Stefan.",
    ].join('\n');
    const names = ['Stefan', 'Stephan'];
    assert.deepEqual(fastCounts(text, names), referenceCounts(text, names));
    // 'Stefan'sche' is one word, too long to spell the names; 'x'Stefan' one too.
    assert.deepEqual(fastCounts(text, names), [['Stefan', 4]]);
  });

  it('finds every place a word stands whole in the prose, as a word reading of each line does (fast-check)', () => {
    const reference = (text: string, word: string) => {
      const model = parse(text);
      const out: string[] = [];
      for (let i = 0; i < model.prose.length; i++) {
        const line = model.text.line(model.prose.lines[i]);
        const re = new RegExp(WORD_REFERENCE, 'gu');
        re.lastIndex = model.prose.starts[i];
        for (let m = re.exec(line); m; m = re.exec(line))
          if (m[0] === word) out.push(`${model.prose.lines[i]}:${m.index}`);
      }
      return out;
    };
    const fast = (text: string, word: string) =>
      proseWordRanges(parse(text), word).map((r) => `${r.start.line}:${r.start.character}`);
    fc.assert(
      fc.property(
        textAndNames,
        fc.constantFrom('Tim', 'Stefan', 'Zoë', 'Thorsten'),
        ({ text }, w) => {
          assert.deepEqual(fast(text, w), reference(text, w));
        },
      ),
      { numRuns: 400 },
    );
    // A letter outside the Basic Multilingual Plane (two UTF-16 units) before the word.
    const text = lines('Transcript', 'Anna:', '[0:01] 𝐀Tim sagt Tim.');
    assert.deepEqual(fast(text, 'Tim'), ['2:18']);
    assert.deepEqual(reference(text, 'Tim'), ['2:18']);
  });
});
