/**
 * Speaker names: labels outrank the recogniser's text (issue 13). The roster
 * (settings.speakers) outranks the labels; a label spelt one way throughout
 * is the producer's decision; a near spelling in the text is the
 * recogniser's error and gets its own finding (`speaker-name-in-text`).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { toEslintResult } from '../../cli/src/eslintFormat';
import {
  analyze,
  applyEdits,
  fixAllText,
  SAFE_LABEL_RATIO,
  type Finding,
  type Range,
  type Settings,
} from '../../server/src/core';
import { variantOf } from '../../server/src/core/names';
import { describeCorpus } from '../corpus';
import { findings, lines, settings } from './util';

function turns(...speakers: string[]): string[] {
  return speakers.flatMap((s, i) => [`${s}:`, `[${i}:00] Ein paar Worte.`]);
}

function byCode(code: string, text: string, s: Settings = settings()): readonly Finding[] {
  return findings(text, s).filter((f) => f.code === code);
}
const spelling = (text: string, s?: Settings) => byCode('speaker-spelling', text, s);
const mentions = (text: string, s?: Settings) => byCode('speaker-name-in-text', text, s);

/** The word a finding stands on. */
function wordAt(text: string, r: Range): string {
  return text.split('\n')[r.start.line].slice(r.start.character, r.end.character);
}

/** Each fix as `[title, preferred, safe]`. */
function fixesOf(f: Finding): [string, boolean, boolean][] {
  return (f.fixes ?? []).map((x) => [x.title, x.preferred === true, x.safe === true]);
}

function labelLines(text: string): string[] {
  return text.split('\n').filter((l) => /^[^[\s][^[]*:$/.test(l));
}

describe('speaker names: labels outrank the text', () => {
  describe('the roster', () => {
    const roster = settings({ speakers: [{ name: 'Malte', misspellings: ['Malthe', 'Maltie'] }] });

    it('corrects a label listed as a misspelling, as a safe fix, even when it is the majority', () => {
      const text = lines(...turns('Malthe', 'Malthe', 'Malthe', 'Malte', 'Ben'));
      const f = spelling(text, roster);
      assert.deepEqual(
        f.map((x) => x.range.start.line),
        [0, 2, 4],
      );
      assert.equal(
        f[0].message,
        "'Malthe' (3 labels) is listed in the roster as a misspelling of 'Malte'",
      );
      assert.deepEqual(fixesOf(f[0]), [
        ["Rename speaker 'Malthe' to 'Malte' (3 labels)", true, true],
        ["Change only this label to 'Malte'", false, false],
        ["Accept 'Malthe' as a known speaker", false, false],
      ]);
      const fixed = fixAllText(text, roster);
      assert.deepEqual(fixed.applied, ["Rename speaker 'Malthe' to 'Malte' (3 labels)"]);
      assert.equal(fixed.text, text.replaceAll('Malthe:', 'Malte:'));
      // Without the roster the three labels are the majority and stay.
      assert.equal(fixAllText(text, settings()).text, text);
    });

    it('corrects a misspelling listed in the roster in the text, as a safe fix', () => {
      const text = lines(...turns('Malte', 'Ben'), 'Ben:', '[9:00] Hallo Malthe und Maltie.');
      const f = mentions(text, roster);
      assert.deepEqual(
        f.map((x) => wordAt(text, x.range)),
        ['Malthe', 'Maltie'],
      );
      assert.equal(
        f[0].message,
        "'Malthe' looks like a misspelling of 'Malte': speaker 'Malte' (the roster and 1 label); the text spells it 'Malthe' once",
      );
      assert.deepEqual(fixesOf(f[0])[0], ["Respell 'Malthe' as 'Malte' (1 place)", true, true]);
      assert.equal(
        fixAllText(text, roster).text,
        text.replace('Malthe und Maltie', 'Malte und Malte'),
      );
    });

    // Lower-case mentions count ('thorsten'), a listed misspelling too.
    it('corrects a roster misspelling written in lower case in the text', () => {
      const text = lines(...turns('Malte', 'Ben'), 'Ben:', '[9:00] Hallo maltie.');
      assert.deepEqual(
        mentions(text, roster).map((x) => [wordAt(text, x.range), fixesOf(x)[0]]),
        [['maltie', ["Respell 'maltie' as 'Malte' (1 place)", true, true]]],
      );
    });

    // A label's spelling is known, except a listed misspelling: fix-all needs one round.
    it('corrects a roster misspelling in the text also while a label still has it', () => {
      const text = lines(...turns('Malthe', 'Malte'), 'Ben:', '[9:00] Hallo Malthe.');
      assert.deepEqual(
        mentions(text, roster).map((x) => [x.range.start.line, wordAt(text, x.range)]),
        [[5, 'Malthe']],
      );
    });

    it('prefers a known speaker over a near-spelt label, but does not apply it unattended', () => {
      const s = settings({ speakers: ['Stefan'] });
      const text = lines(...turns('Stephan', 'Stephan', 'Stephan', 'Malte'));
      const f = spelling(text, s);
      assert.equal(f.length, 3);
      for (const x of f)
        assert.equal(
          x.message,
          "'Stephan' (3 labels) is a near spelling of the known speaker 'Stefan' (roster)",
        );
      assert.deepEqual(fixesOf(f[0]), [
        ["Rename speaker 'Stephan' to 'Stefan' (3 labels)", true, false],
        ["Change only this label to 'Stefan'", false, false],
        ["Accept 'Stephan' as a known speaker", false, false],
      ]);
      assert.equal(fixAllText(text, s).text, text, 'fix-all leaves the labels');
    });
  });

  describe('label against label', () => {
    it('renames a minority label unattended only at five times the labels', () => {
      assert.equal(SAFE_LABEL_RATIO, 5);
      const at = (n: number) => {
        const text = lines(...turns(...Array<string>(n).fill('Malte'), 'Malthe'));
        const f = spelling(text);
        assert.equal(f.length, 1, `${n}:1`);
        assert.equal(
          f[0].message,
          `'Malthe' (1 label) looks like a misspelling of 'Malte' (${n} labels)`,
        );
        assert.deepEqual(f[0].related?.[0].range.start.line, 0);
        return { f: f[0], fixed: fixAllText(text, settings()).text, text };
      };
      const five = at(5);
      assert.deepEqual(fixesOf(five.f), [
        ["Rename speaker 'Malthe' to 'Malte' (1 label)", true, true],
        ["Accept 'Malthe' as a known speaker, another person than 'Malte'", false, false],
      ]);
      assert.equal(five.fixed, five.text.replace('Malthe:', 'Malte:'));
      for (const n of [2, 3, 4]) {
        const below = at(n);
        assert.deepEqual(fixesOf(below.f), [
          ["Rename speaker 'Malthe' to 'Malte' (1 label)", true, false],
          ["Accept 'Malthe' as a known speaker, another person than 'Malte'", false, false],
        ]);
        assert.equal(below.fixed, below.text, `${n}:1 is offered, not applied`);
      }
    });

    it('says when two spellings are close to even (< 2x), offers both directions and prefers none', () => {
      const text = lines(...turns('Malte', 'Malte', 'Malte', 'Malthe', 'Malthe'));
      const f = spelling(text);
      assert.deepEqual(
        f.map((x) => x.range.start.line),
        [6, 8],
      );
      assert.equal(
        f[0].message,
        "'Malthe' (2 labels) and 'Malte' (3 labels) are near spellings of one name used about as often; 'Malte' has more labels: check which is right",
      );
      assert.deepEqual(fixesOf(f[0]), [
        ["Rename speaker 'Malthe' to 'Malte' (2 labels)", false, false],
        ["Change only this label to 'Malte'", false, false],
        ["Rename speaker 'Malte' to 'Malthe' (3 labels)", false, false],
        ["Accept 'Malthe' as a known speaker, another person than 'Malte'", false, false],
      ]);
      assert.equal(fixAllText(text, settings()).text, text);
    });

    it('lets the text break a tie between label spellings, but only as a suggestion', () => {
      const text = lines(
        ...turns('Stephan', 'Stefan'),
        'Malte:',
        '[9:00] Hallo Stefan und Stefan.',
      );
      const f = spelling(text);
      assert.equal(f.length, 1);
      assert.equal(f[0].range.start.line, 0, 'the spelling the text does not use is flagged');
      assert.match(
        f[0].message,
        /^'Stephan' \(1 label\) and 'Stefan' \(1 label\) are near spellings/,
      );
      assert.ok(fixesOf(f[0]).every(([, preferred, safe]) => !preferred && !safe));
      assert.equal(mentions(text).length, 0, 'a label spelling is never a misspelling in the text');
    });
  });

  describe('text against label', () => {
    const text = lines(
      ...turns('Torsten', 'Malte', 'Torsten'),
      'Malte:',
      '[9:00] Hallo Thorsten, sagt thorsten. Und Thorsten.',
    );

    it('flags each place, lower case too, with the label as related information', () => {
      const f = mentions(text);
      assert.deepEqual(
        f.map((x) => [x.range.start.line, x.range.start.character, wordAt(text, x.range)]),
        [
          [7, 13, 'Thorsten'],
          [7, 28, 'thorsten'],
          [7, 42, 'Thorsten'],
        ],
      );
      const evidence =
        "speaker 'Torsten' (2 labels); the text spells it 'Thorsten' 2 times, 'thorsten' once";
      assert.equal(f[0].message, `'Thorsten' looks like a misspelling of 'Torsten': ${evidence}`);
      assert.equal(f[1].message, `'thorsten' looks like a misspelling of 'Torsten': ${evidence}`);
      for (const x of f) {
        assert.equal(x.severity, 'warning');
        assert.deepEqual(
          x.related?.map((r) => [r.range, r.message]),
          [
            [
              { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } },
              "speaker 'Torsten' is labelled here",
            ],
          ],
        );
      }
      assert.equal(spelling(text).length, 0);
    });

    it("flags a name in quotes and with the possessive 's, and respells only the name", () => {
      const quoted = lines(
        ...turns('Torsten', 'Malte', 'Torsten'),
        'Malte:',
        "[9:00] Er sagte 'Thorsten' und meinte Thorsten's Idee, nicht Thorsten’s Buch.",
      );
      assert.deepEqual(
        mentions(quoted).map((x) => wordAt(quoted, x.range)),
        ['Thorsten', 'Thorsten', 'Thorsten'],
      );
      assert.equal(
        fixAllText(quoted, settings()).text.split('\n')[7],
        "[9:00] Er sagte 'Torsten' und meinte Torsten's Idee, nicht Torsten’s Buch.",
      );
    });

    it('offers respell-all (preferred, safe), only-this-one, rename-instead (never preferred), roster and ignore', () => {
      const f = mentions(text);
      assert.deepEqual(fixesOf(f[1]), [
        ["Respell 'Thorsten'/'thorsten' as 'Torsten' (3 places)", true, true],
        ["Respell only this one as 'Torsten'", false, false],
        ["Rename speaker 'Torsten' to 'Thorsten' (2 labels) instead", false, false],
        ["Add 'Thorsten' to the roster as a misspelling of 'Torsten'", false, false],
        ["Ignore 'Thorsten': another name, not 'Torsten'", false, false],
      ]);
      const [all, one, instead, roster, ignore] = f[1].fixes!;
      assert.equal(
        applyEdits(text, all.edits),
        text.replace('Thorsten, sagt thorsten. Und Thorsten', 'Torsten, sagt Torsten. Und Torsten'),
      );
      assert.equal(all, f[0].fixes![0], 'the places share one fix');
      assert.deepEqual(one.edits, [{ range: f[1].range, newText: 'Torsten' }]);
      assert.equal(applyEdits(text, instead.edits), text.replaceAll('Torsten:', 'Thorsten:'));
      assert.deepEqual([roster.edits, ignore.edits], [[], []]);
      assert.deepEqual(roster.command, {
        id: 'transcript.addToRoster',
        args: [{ kind: 'misspelling', name: 'Thorsten', speaker: 'Torsten' }],
      });
      assert.deepEqual(ignore.command, {
        id: 'transcript.addToRoster',
        args: [{ kind: 'ignore', name: 'Thorsten' }],
      });
      // One place: no "only this one".
      const single = lines(...turns('Torsten', 'Malte'), 'Malte:', '[9:00] Hallo Thorsten.');
      assert.deepEqual(
        fixesOf(mentions(single)[0]).map(([t]) => t),
        [
          "Respell 'Thorsten' as 'Torsten' (1 place)",
          "Rename speaker 'Torsten' to 'Thorsten' (1 label) instead",
          "Add 'Thorsten' to the roster as a misspelling of 'Torsten'",
          "Ignore 'Thorsten': another name, not 'Torsten'",
        ],
      );
      const fixed = fixAllText(text, settings());
      assert.deepEqual(fixed.applied, ["Respell 'Thorsten'/'thorsten' as 'Torsten' (3 places)"]);
      assert.deepEqual(labelLines(fixed.text), labelLines(text));
    });

    it('counts the parts of a full-name label: Ana and Schmitt are mentions of Anna Schmidt', () => {
      const t = lines(
        ...turns('Dr. Anna Schmidt', 'Ben', 'Dr. Anna Schmidt'),
        'Ben:',
        '[9:00] Danke Ana, danke Frau Schmitt. Anna Schmidt hat recht.',
      );
      const f = mentions(t);
      assert.deepEqual(
        f.map((x) => [wordAt(t, x.range), x.message]),
        [
          [
            'Ana',
            "'Ana' looks like a misspelling of 'Anna': speaker 'Dr. Anna Schmidt' (2 labels); the text spells it 'Ana' once",
          ],
          [
            'Schmitt',
            "'Schmitt' looks like a misspelling of 'Schmidt': speaker 'Dr. Anna Schmidt' (2 labels); the text spells it 'Schmitt' once",
          ],
        ],
      );
      assert.deepEqual(
        f.map((x) => fixesOf(x)[0]),
        [
          ["Respell 'Ana' as 'Anna' (1 place)", true, true],
          ["Respell 'Schmitt' as 'Schmidt' (1 place)", true, true],
        ],
      );
      assert.equal(
        fixAllText(t, settings()).text,
        t.replace('Danke Ana, danke Frau Schmitt', 'Danke Anna, danke Frau Schmidt'),
      );
    });

    it('includes chapter titles and summaries', () => {
      const t = lines(
        'Generated Shownotes',
        'Chapters',
        '0:00:00 Hallo Stefan',
        'Long Summary',
        'Malte und Stefan reden.',
        'Brief Summary',
        'Kurz: stefan.',
        'Transcript',
        'Hallo Stefan',
        ...turns('Stephan', 'Malte', 'Stephan'),
      );
      assert.deepEqual(
        mentions(t).map((x) => [x.range.start.line, x.range.start.character, wordAt(t, x.range)]),
        [
          [2, 14, 'Stefan'],
          [4, 10, 'Stefan'],
          [6, 6, 'stefan'],
          [8, 6, 'Stefan'],
        ],
      );
      const fixed = fixAllText(t, settings()).text;
      assert.equal(fixed.match(/stefan/gi), null);
      assert.deepEqual(labelLines(fixed), labelLines(t));
    });
  });

  describe('not misspellings', () => {
    it('compound labels: neither a misspelling nor misspelt, and their voices count', () => {
      const t = lines(
        ...turns(
          'Anna',
          'Ben',
          'Anna+Ben',
          'Anna & Ben',
          'Anna und Ben',
          'Anna/Ben',
          'Anna',
          'Ben',
        ),
        'Anna:',
        '[9:00] Ich bin Anna, das ist Ben.',
      );
      assert.deepEqual(spelling(t), []);
      assert.deepEqual(mentions(t), []);
      assert.equal(fixAllText(t, settings()).text, t);
      // The voices of compound labels are speakers the text is checked against.
      const only = lines(...turns('Anna+Ben', 'Anna & Ben'), 'Anna+Ben:', '[9:00] Hallo Ana.');
      assert.deepEqual(spelling(only), []);
      assert.deepEqual(
        mentions(only).map((x) => [wordAt(only, x.range), fixesOf(x)[0]]),
        [['Ana', ["Respell 'Ana' as 'Anna' (1 place)", true, true]]],
      );
    });

    it('role labels against their inflected forms in the text', () => {
      const t = lines(
        ...turns('Moderatorin', 'Gast', 'Moderatorin', 'Hörerin', 'Gast'),
        'Gast:',
        '[9:00] Liebe Moderatorinnen, liebe Gäste und Hörerinnen und Hörer, hallo Moderatorin.',
      );
      assert.deepEqual(spelling(t), []);
      assert.deepEqual(mentions(t), []);
      assert.equal(fixAllText(t, settings()).text, t);
    });

    it('numbered voices and -Off / (Telefon) voices', () => {
      const t = lines(
        ...turns(
          'Anna',
          'Anna-Off',
          'Anna (Telefon)',
          'Anna',
          'Speaker 1',
          'Speaker 2',
          'Speaker 1',
          'Guide 1',
          'Guide 2',
          'SPEAKER_00',
          'SPEAKER_01',
        ),
        'Speaker 1:',
        '[9:00] Hallo Speakers, Guides, Speaker und Anna.',
      );
      assert.deepEqual(spelling(t), []);
      assert.deepEqual(mentions(t), []);
    });

    it('ignoreNames: a single word, and a phrase that protects only itself', () => {
      const t = lines(
        ...turns('Stephan', 'Malte', 'Stephan'),
        'Malte:',
        '[9:00] Hallo Stefan. Heute bei uns: Stefan Müller, und stefan müller sagt: Stefan!',
      );
      assert.equal(mentions(t).length, 4);
      const phrase = settings({ ignoreNames: ['Stefan Müller'] });
      assert.deepEqual(
        mentions(t, phrase).map((x) => x.range.start.character),
        [13, 75],
        "'Stefan Müller' is protected (any case); a lone 'Stefan' is still flagged",
      );
      assert.equal(
        fixesOf(mentions(t, phrase)[0])[0][0],
        "Respell 'Stefan' as 'Stephan' (2 places)",
      );
      assert.equal(
        fixAllText(t, phrase).text,
        t.replace('Hallo Stefan.', 'Hallo Stephan.').replace('sagt: Stefan!', 'sagt: Stephan!'),
      );
      assert.deepEqual(mentions(t, settings({ ignoreNames: ['Stefan'] })), []);
      assert.deepEqual(mentions(t, settings({ ignoreNames: ['stefan'] })), []);
    });
  });

  describe('what is certain enough to apply unattended', () => {
    it('respells a spelling read out as the label is (th/t, ph/f, doubled letters, accents, dt/t)', () => {
      for (const [label, word] of [
        ['Torsten', 'Thorsten'],
        ['Stephan', 'Stefan'],
        ['Matthias', 'Mathias'],
        ['Schmidt', 'Schmitt'],
        ['José', 'Jose'],
        ['Müller', 'Mueller'],
      ]) {
        const text = lines(
          ...turns(label, 'Ben', label),
          'Ben:',
          `[9:00] Danke, ${word}, wirklich.`,
        );
        const f = mentions(text);
        assert.equal(f.length, 1, `${word} → ${label}`);
        assert.deepEqual(fixesOf(f[0])[0], [
          `Respell '${word}' as '${label}' (1 place)`,
          true,
          true,
        ]);
        assert.equal(fixAllText(text, settings()).text, text.replace(word, label));
      }
    });

    it('offers, but does not apply, a near spelling that sounds different (Malta, Jena, Kerl, Carolin)', () => {
      for (const [label, word] of [
        ['Malte', 'Malta'],
        ['Jana', 'Jena'],
        ['Karl', 'Kerl'],
        ['Caroline', 'Carolin'],
        ['Stephan', 'Steffen'],
        ['Christiane', 'Christian'],
      ]) {
        const text = lines(...turns(label, 'Ben'), 'Ben:', `[9:00] Wie in ${word}, sagt er.`);
        const f = mentions(text);
        assert.equal(f.length, 1, `${word} is reported`);
        assert.deepEqual(
          fixesOf(f[0])[0],
          [`Respell '${word}' as '${label}' (1 place)`, true, false],
          `${word} → ${label} is offered first, not applied`,
        );
        assert.equal(fixAllText(text, settings()).text, text, `${word} stays unattended`);
      }
    });

    it('leaves a respelling toward a name on one label only to the user (a clip, a caller)', () => {
      const text = lines(...turns('John Cleese', 'Ben', 'Ben'), 'Ben:', '[9:00] Danke, Jon.');
      const f = mentions(text);
      assert.deepEqual(fixesOf(f[0])[0], ["Respell 'Jon' as 'John' (1 place)", true, false]);
      assert.equal(fixAllText(text, settings()).text, text);
    });

    it('does not take the first name of someone else for a speaker (Jon Hoyt beside John Smith)', () => {
      const text = lines(
        ...turns('John Smith', 'Ben', 'John Smith'),
        'Ben:',
        '[9:00] Jon Hoyt sagt das, und Jon Smith auch. Danke, Jon. Frau Smyth Müller.',
      );
      assert.deepEqual(
        mentions(text).map((x) => wordAt(text, x.range)),
        ['Jon', 'Jon', 'Smyth'],
      );
    });

    it('does not take the surname of someone else for a speaker (Rahul Verma, Hal Varian beside Amit Varma)', () => {
      const text = lines(
        ...turns('Amit Varma', 'Ben', 'Amit Varma'),
        'Ben:',
        '[9:00] Mein Gast Rahul Verma, und Hal Varian. Willkommen, Amit Verma. Danke, Frau Verma.',
      );
      const t = text.split('\n')[7];
      assert.deepEqual(
        mentions(text).map((x) => x.range.start.character),
        [t.indexOf('Verma.'), t.lastIndexOf('Verma')],
      );
    });

    it('says in the ESLint JSON who applies all places: transcript fix for a safe fix, the editor otherwise', () => {
      const text = lines(
        ...turns('Malte', 'Ben', 'Malte'),
        'Ben:',
        '[9:00] Malta und Malta, Malthe und Malthe.',
      );
      const result = toEslintResult('x.txt', text, analyze(text, settings()).findings);
      const titles = new Set(
        result.messages.flatMap((m) => (m.suggestions ?? []).map((x) => x.desc)),
      );
      assert.ok(
        titles.has(
          "Respell 'Malta' as 'Malte' (2 places): this place (the editor's quick fix does all 2)",
        ),
        [...titles].join('\n'),
      );
      assert.ok(
        titles.has(
          "Respell 'Malthe' as 'Malte' (2 places): this place ('transcript fix' does all 2)",
        ),
      );
    });

    it('applies a roster misspelling of several words to the text (Matthias rein → Matthias Fein)', () => {
      const s = settings({
        speakers: [{ name: 'Matthias Fein', misspellings: ['Matthias rein'] }],
      });
      const text = lines(
        ...turns('Ben', 'Ben'),
        'Ben:',
        '[9:00] Wie Matthias rein sagt, und  matthias REIN sagt es auch. Matthias reine Lehre.',
      );
      const f = mentions(text, s);
      assert.deepEqual(
        f.map((x) => wordAt(text, x.range)),
        ['Matthias rein', 'matthias REIN'],
      );
      assert.deepEqual(fixesOf(f[0]), [
        ["Respell 'Matthias rein'/'matthias REIN' as 'Matthias Fein' (2 places)", true, true],
        ["Respell only this one as 'Matthias Fein'", false, false],
        ["Ignore 'Matthias rein': another name, not 'Matthias Fein'", false, false],
      ]);
      assert.equal(
        fixAllText(text, s).text,
        text.replace('Matthias rein', 'Matthias Fein').replace('matthias REIN', 'Matthias Fein'),
      );
    });
  });

  describe('edge cases found in review', () => {
    it('role labels outside the built-in list against their forms in the text (Expertin, Autorin)', () => {
      const text = lines(
        ...turns('Expertin', 'Autorin', 'Expertin'),
        'Autorin:',
        '[9:00] Die Experten und ein Experte, Autoren und Autorinnen.',
      );
      assert.deepEqual(mentions(text), []);
    });

    it("renaming a full-name speaker after the text changes only that word ('Anna Schmidt' → 'Anna Schmitt')", () => {
      const t = lines(...turns('Anna Schmidt', 'Ben'), 'Ben:', '[9:00] Danke, Frau Schmitt.');
      const rename = fixesOf(mentions(t)[0]).find(([title]) => title.startsWith('Rename'));
      assert.deepEqual(rename, [
        "Rename speaker 'Anna Schmidt' to 'Anna Schmitt' (1 label) instead",
        false,
        false,
      ]);
    });

    it('a name heard only in compound labels cites those labels, not "0 labels"', () => {
      const t = lines(...turns('Anna & Ben', 'Anna & Ben', 'Carl'), 'Carl:', '[9:00] Danke, Ana.');
      assert.equal(
        mentions(t)[0].message,
        "'Ana' looks like a misspelling of 'Anna': speaker 'Anna' (2 labels, with others); the text spells it 'Ana' once",
      );
    });

    it('an ignored phrase is found after a character whose lower case is longer (İ)', () => {
      const s = settings({ ignoreNames: ['Stefan Müller'] });
      const t = lines(
        ...turns('Stephan', 'Ben'),
        'Ben:',
        '[9:00] İİİİ und Stefan Müller, dann Stefan.',
      );
      assert.deepEqual(
        mentions(t, s).map((x) => x.range.start.character),
        [t.split('\n')[5].lastIndexOf('Stefan')],
      );
    });

    it('leaves a prose line that respelling would turn into a speaker label', () => {
      // 'Thorsten:' followed by another label is prose; 'Torsten:' there would be a label.
      const t = lines(
        'Torsten:',
        '[0:00] Hallo.',
        'Thorsten:',
        'Ben:',
        '[0:10] Danke Thorsten.',
        'Torsten:',
        '[0:20] Gern.',
      );
      const f = mentions(t);
      assert.deepEqual(
        f.map((x) => x.range.start.line),
        [4],
      );
      const fixed = fixAllText(t, settings()).text;
      assert.equal(fixed, t.replace('Danke Thorsten', 'Danke Torsten'));
      assert.equal(analyze(fixed, settings()).model.labels.length, 3);
    });

    it("'Accept' on a minority label accepts the other spelling too: both are people, nothing is left flagged", () => {
      const text = lines(...turns('Malte', 'Malte', 'Malte', 'Malte', 'Malte', 'Malt'));
      const accept = spelling(text)[0].fixes!.find((x) => x.command);
      assert.deepEqual(accept?.command, {
        id: 'transcript.acceptSpeaker',
        args: ['Malt', ['Malte']],
      });
      assert.deepEqual(spelling(text, settings({ speakers: ['Malt', 'Malte'] })), []);
    });
  });

  describeCorpus('the real episode (shared corpus)', (corpus) => {
    const text = readFileSync(corpus, 'utf8');

    it('ESLint JSON stays small (< 100 KB): each fix is its own place, suggestions distinct', () => {
      const { findings: fs } = analyze(text);
      const result = toEslintResult(corpus, text, fs);
      const size = JSON.stringify(result).length;
      assert.ok(size < 100_000, `${size} bytes`);
      const offset = (line: number, column: number) =>
        text
          .split('\n')
          .slice(0, line - 1)
          .reduce((n, l) => n + l.length + 1, 0) +
        column -
        1;
      const names = result.messages.filter((m) => m.ruleId === 'speaker-name-in-text');
      assert.equal(names.length, 17);
      for (const m of result.messages) {
        const at: [number, number] = [offset(m.line, m.column), offset(m.endLine!, m.endColumn!)];
        if (m.fix) assert.ok(m.fix.range[0] <= at[0] && m.fix.range[1] >= at[1], m.message);
        // Speaker fixes are local; a heading's other fix edits the chapter list on purpose.
        for (const s of m.ruleId?.startsWith('speaker-') ? (m.suggestions ?? []) : [])
          assert.ok(s.fix.range[0] <= at[1] && s.fix.range[1] >= at[0], `${s.desc} is local`);
        const fixes = (m.suggestions ?? []).map((s) => JSON.stringify(s.fix));
        assert.equal(new Set(fixes).size, fixes.length, 'no suggestion twice');
      }
      for (const m of names) {
        assert.deepEqual(m.fix!.range, [
          offset(m.line, m.column),
          offset(m.endLine!, m.endColumn!),
        ]);
        assert.ok(/^(Stephan|Torsten)$/.test(m.fix!.text));
      }
    });
  });

  describe('property: no unattended or preferred fix changes a majority label', () => {
    const FAMILIES = [
      ['Stephan', 'Stefan', 'Steffan'],
      ['Torsten', 'Thorsten', 'Torstn'],
      ['Malte', 'Malthe', 'Malt'],
      ['Anna', 'Ana', 'Anne'],
    ];
    const variant = fc.tuple(fc.nat(FAMILIES.length - 1), fc.nat(2));
    const name = ([f, v]: [number, number]) => FAMILIES[f][v];
    const arb = fc.record({
      labels: fc.array(variant, { minLength: 1, maxLength: 14 }),
      words: fc.array(fc.tuple(variant, fc.boolean()), { maxLength: 8 }),
      roster: fc.array(
        fc.record({ name: variant, misspellings: fc.array(variant, { maxLength: 2 }) }),
        { maxLength: 2 },
      ),
    });

    it('holds for random transcripts of a few names and their variants', () => {
      fc.assert(
        fc.property(arb, ({ labels, words, roster }) => {
          const ls = labels.map(name);
          const body = words.map(([v, lower]) => (lower ? name(v).toLowerCase() : name(v)));
          const text = lines(
            'Transcript',
            ...ls.flatMap((l, i) => [`${l}:`, `[${i}:00] Hallo ${body.slice(i % 3).join(' ')}.`]),
          );
          const s = settings({
            speakers: roster.map((r) => ({
              name: name(r.name),
              misspellings: r.misspellings.map(name),
            })),
          });
          const counts = new Map<string, number>();
          for (const l of ls) counts.set(l, (counts.get(l) ?? 0) + 1);
          // The strict majority among a spelling's near variants.
          const majority = [...counts.keys()].filter((l) => {
            let others = 0;
            for (const [o, n] of counts) if (o !== l && variantOf(l, o) !== undefined) others += n;
            return counts.get(l)! > others;
          });
          // The roster outranks the labels: a spelling it lists as wrong, or a near
          // spelling of another name it lists, may be renamed.
          const protectedNames = majority.filter(
            (l) =>
              !s.speakers.some(
                (k) =>
                  k.misspellings.includes(l) ||
                  (k.name !== l && !k.aliases.includes(l) && variantOf(l, k.name) !== undefined),
              ),
          );
          const { model, findings: fs } = analyze(text, s);
          const ranges = model.labels
            .filter((l) => protectedNames.includes(l.name))
            .map((l) => l.nameRange);
          const touches = (r: Range) =>
            ranges.some(
              (x) =>
                x.start.line === r.start.line &&
                r.start.character <= x.end.character &&
                r.end.character >= x.start.character,
            );
          for (const f of fs)
            for (const fix of f.fixes ?? [])
              if (fix.preferred || fix.safe)
                for (const e of fix.edits)
                  assert.ok(!touches(e.range), `'${fix.title}' changes a majority label`);
          const before = text.split('\n');
          const after = fixAllText(text, s).text.split('\n');
          assert.equal(after.length, before.length);
          for (const r of ranges)
            assert.equal(after[r.start.line], before[r.start.line], 'fix-all changed a label');
        }),
        { numRuns: 300 },
      );
    });
  });
});
