/**
 * Grammar tests for syntaxes/transcript.tmLanguage.json, tokenized by VS Code's
 * own engine (see tokenize.ts):
 *
 * - snapshots: every fixtures/NAME.transcript is compared with
 *   snapshots/NAME.snap (UPDATE_SNAPSHOTS=1 rewrites them; review the diff);
 * - key facts: explicit assertions on the scopes other parts rely on;
 * - mutations: each key fact is shown to fail on a deliberately broken copy of
 *   the grammar, so the facts cannot pass vacuously;
 * - corpus: the real episode in ../shared/corpus/ when it is present.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeCorpus } from '../corpus';
import { matchSnapshot, renderSnapshot, UPDATE } from './snapshot';
import {
  GRAMMAR_PATH,
  loadGrammar,
  REPO_ROOT,
  tokenizeText,
  type Token,
  type TokenizedLine,
} from './tokenize';

const FIXTURES = path.join(__dirname, 'fixtures');
const SNAPSHOTS = path.join(__dirname, 'snapshots');
const EXAMPLE = path.join(REPO_ROOT, 'examples', 'episode.txt');

const S = {
  heading: 'markup.heading.section.transcript',
  summary: 'markup.other.summary.transcript',
  body: 'meta.section.body.transcript',
  chapterEntry: 'meta.chapter-entry.transcript',
  chapterTime: 'constant.numeric.time.chapter.transcript',
  chapterTitle: 'entity.name.section.chapter.transcript',
  label: 'meta.speaker-label.transcript',
  speaker: 'entity.name.type.speaker.transcript',
  speakerColon: 'punctuation.separator.speaker.transcript',
  timestamp: 'constant.numeric.timestamp.transcript',
  timestampBegin: 'punctuation.definition.timestamp.begin.transcript',
  timestampEnd: 'punctuation.definition.timestamp.end.transcript',
  invalidTimestamp: 'invalid.illegal.timestamp.transcript',
  tag: 'string.unquoted.tag.transcript',
  tagComma: 'punctuation.separator.tag.transcript',
} as const;

type Tokenize = (text: string) => Promise<TokenizedLine[]>;

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The line's text without a leading BOM and a trailing carriage return. */
function clean(line: string): string {
  return line.replace(/^\uFEFF/, '').replace(/\r$/, '');
}

/** The `occurrence`-th tokenized line whose text (see clean) equals `text`. */
function lineOf(doc: TokenizedLine[], text: string, occurrence = 0): TokenizedLine {
  const found = doc.filter((l) => clean(l.line) === text);
  assert.ok(
    found.length > occurrence,
    `fixture has no line ${JSON.stringify(text)} (occurrence ${occurrence})`,
  );
  return found[occurrence];
}

function describeToken(t: Token): string {
  return `${JSON.stringify(t.text)} [${t.scopes.join(' ')}]`;
}

/** The tokens overlapping the first occurrence of `part` in the line. */
function tokensOver(l: TokenizedLine, part: string): Token[] {
  const start = l.line.indexOf(part);
  assert.ok(start >= 0, `${JSON.stringify(part)} is not in line ${JSON.stringify(l.line)}`);
  const end = start + part.length;
  const result: Token[] = [];
  let column = 0;
  for (const t of l.tokens) {
    const tokenStart = column;
    column += t.text.length;
    if (tokenStart < end && column > start) result.push(t);
  }
  return result;
}

/** Every token over `part` carries `scope`. */
function expectScope(l: TokenizedLine, part: string, scope: string): void {
  for (const t of tokensOver(l, part)) {
    assert.ok(
      t.scopes.includes(scope),
      `${JSON.stringify(part)} in ${JSON.stringify(l.line)}: token ${describeToken(t)} lacks ${scope}`,
    );
  }
}

/** Some token is exactly `text` and carries `scope`. */
function expectToken(l: TokenizedLine, text: string, scope: string): void {
  assert.ok(
    l.tokens.some((t) => t.text === text && t.scopes.includes(scope)),
    `line ${JSON.stringify(l.line)} has no token ${JSON.stringify(text)} with ${scope}; ` +
      `tokens: ${l.tokens.map(describeToken).join(', ')}`,
  );
}

/** No token over `part` carries a scope starting with `prefix`. */
function expectNoScope(l: TokenizedLine, part: string, prefix: string): void {
  for (const t of tokensOver(l, part)) {
    assert.ok(
      !t.scopes.some((s) => s.startsWith(prefix)),
      `${JSON.stringify(part)} in ${JSON.stringify(l.line)}: token ${describeToken(t)} has ${prefix}`,
    );
  }
}

/** The line is a speaker label whose name token is exactly `name`. */
function expectLabel(l: TokenizedLine, name: string): void {
  expectToken(l, name, S.speaker);
  expectToken(l, ':', S.speakerColon);
  expectScope(l, clean(l.line).trim(), S.label);
}

function expectNotLabel(l: TokenizedLine): void {
  expectNoScope(l, clean(l.line), 'meta.speaker-label');
  expectNoScope(l, clean(l.line), 'entity.name.type.speaker');
}

/** `stamp` starts the line and is scoped as a whole timestamp with bracket punctuation. */
function expectTimestamp(l: TokenizedLine, stamp: string): void {
  assert.ok(clean(l.line).trimStart().startsWith(stamp), `line does not start with ${stamp}`);
  expectScope(l, stamp, S.timestamp);
  expectToken(l, '[', S.timestampBegin);
  expectToken(l, ']', S.timestampEnd);
  const rest = clean(l.line).slice(clean(l.line).indexOf(stamp) + stamp.length);
  if (rest.trim()) expectNoScope(l, rest, 'constant.numeric');
}

interface KeyFact {
  name: string;
  check: (tokenize: Tokenize) => Promise<void>;
}

const HEADERS = [
  'Generated Shownotes',
  'Chapters',
  'Long Summary',
  'Brief Summary',
  'Tags',
  'Transcript',
];

const keyFacts: KeyFact[] = [
  {
    name: 'section headers carry markup.heading on the whole line',
    check: async (tokenize) => {
      const doc = await tokenize(fixture('full-episode.transcript'));
      for (const header of HEADERS) expectScope(lineOf(doc, header), header, S.heading);
      const spaced = lineOf(await tokenize(fixture('sections.transcript')), '  Chapters  ');
      expectScope(spaced, '  Chapters  ', S.heading);
    },
  },
  {
    name: 'chapter entries in Chapters: time and title, every time form',
    check: async (tokenize) => {
      const doc = await tokenize(fixture('full-episode.transcript'));
      const entries: Array<[string, string]> = [
        ['0:00:00', 'Intro und Begrüßung'],
        ['01:02:03', 'Zwei Stellen für die Stunde'],
        ['12:30', 'Minuten und Sekunden'],
        ['7:05', 'Einstellige Minute'],
        ['0:31:17.250', 'Mit Millisekunden'],
        ['1:04:57', 'Unterstützer:innendank'],
      ];
      for (const [time, title] of entries) {
        const l = lineOf(doc, `${time} ${title}`);
        expectToken(l, time, S.chapterTime);
        expectToken(l, title, S.chapterTitle);
        expectScope(l, `${time} ${title}`, S.chapterEntry);
      }
    },
  },
  {
    name: 'malformed chapter lines stay unscoped',
    check: async (tokenize) => {
      const doc = await tokenize(fixture('full-episode.transcript'));
      for (const text of [
        '0:1:47 Minute einstellig ist kaputt',
        '0:03:00',
        'Ohne Zeit am Anfang',
      ]) {
        const l = lineOf(doc, text);
        expectNoScope(l, text, 'meta.chapter-entry');
        expectNoScope(l, text, 'constant.numeric');
      }
    },
  },
  {
    name: '0:01:47 in the Long Summary is not a chapter time',
    check: async (tokenize) => {
      const doc = await tokenize(fixture('full-episode.transcript'));
      for (const text of [
        'Ab 0:01:47 geht es um die Newsrückschau mit Malte und Stefan.',
        '0:01:47 Newsrückschau steht hier am Zeilenanfang, ist aber Zusammenfassung.',
      ]) {
        const l = lineOf(doc, text);
        expectScope(l, text, S.summary);
        expectNoScope(l, '0:01:47', 'constant.numeric');
        expectNoScope(l, text, 'meta.chapter-entry');
      }
    },
  },
  {
    name: 'the Brief Summary holds no labels or timestamps',
    check: async (tokenize) => {
      const doc = await tokenize(fixture('full-episode.transcript'));
      const label = lineOf(doc, 'Torsten:', 0);
      expectScope(label, 'Torsten:', S.summary);
      expectNotLabel(label);
      const stamped = lineOf(doc, '[0:51] Auch das ist hier nur Zusammenfassung.');
      expectNoScope(stamped, '[0:51]', 'constant.numeric');
    },
  },
  {
    name: 'tags are strings and commas are punctuation, in Tags only',
    check: async (tokenize) => {
      const doc = await tokenize(fixture('full-episode.transcript'));
      const l = lineOf(doc, 'E-Government, Podcast, Open Source,digitale Souveränität');
      for (const tag of ['E-Government', 'Podcast', 'Open Source', 'digitale Souveränität']) {
        expectToken(l, tag, S.tag);
      }
      assert.equal(
        l.tokens.filter((t) => t.text === ',' && t.scopes.includes(S.tagComma)).length,
        3,
      );
      const notTags = lineOf(
        await tokenize(fixture('sections.transcript')),
        'Tags, sind, hier, keine, Tags',
      );
      expectNoScope(notTags, 'Tags, sind', 'string');
      expectNoScope(notTags, ',', 'punctuation');
    },
  },
  {
    name: 'Torsten: is a speaker label',
    check: async (tokenize) => {
      const doc = await tokenize(fixture('full-episode.transcript'));
      const torsten = lineOf(doc, 'Torsten:', 1);
      expectLabel(torsten, 'Torsten');
      expectScope(torsten, 'Torsten:', S.body);
      expectLabel(lineOf(doc, 'Stephan:'), 'Stephan');
      expectLabel(lineOf(doc, 'Dr. Alessia Neuroni:'), 'Dr. Alessia Neuroni');
    },
  },
  {
    name: 'Unterstützer:innendank is never a label',
    check: async (tokenize) => {
      const doc = await tokenize(fixture('full-episode.transcript'));
      expectNotLabel(lineOf(doc, 'Unterstützer:innendank'));
      expectNotLabel(lineOf(doc, 'Ab jetzt geht es um den Unterstützer:innendank.'));
      expectNotLabel(
        lineOf(await tokenize(fixture('labels.transcript')), 'Unterstützer:innendank'),
      );
    },
  },
  {
    name: 'speaker label forms: which lines are labels and which are not',
    check: async (tokenize) => {
      const doc = await tokenize(fixture('labels.transcript'));
      const sixty = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz01234567';
      const labels: Array<[string, string]> = [
        ['Malte:', 'Malte'],
        ['Speaker 2:', 'Speaker 2'],
        ['SPEAKER_00:', 'SPEAKER_00'],
        ['Dr. Alessia Neuroni:', 'Dr. Alessia Neuroni'],
        ['Jörg-Björn Ünal-Große:', 'Jörg-Björn Ünal-Große'],
        ['  Malte  :', 'Malte'],
        ['Malte:  ', 'Malte'],
        ['Malte [Gast]:', 'Malte [Gast]'],
        ['A:', 'A'],
        [`${sixty}:`, sixty],
      ];
      for (const [line, name] of labels) expectLabel(lineOf(doc, line), name);
      for (const line of [
        'Unterstützer:innendank',
        'Malte: Hallo zusammen',
        'Re: Antwort:',
        '[Malte]:',
        ':',
        'Malte::',
        `${sixty}8:`,
      ]) {
        expectNotLabel(lineOf(doc, line));
      }
    },
  },
  {
    name: '`Und zwar:` alone on a line is highlighted as a label (known limitation)',
    check: async (tokenize) => {
      // A line grammar cannot look at the next line, so it cannot tell this
      // prose line from a label; the server does (a label is followed by a
      // timestamp line). After a timestamp the colon is plain text.
      const doc = await tokenize(fixture('full-episode.transcript'));
      expectLabel(lineOf(doc, 'Und zwar:'), 'Und zwar');
      const stamped = lineOf(doc, '[1:00:37] Und zwar:');
      expectTimestamp(stamped, '[1:00:37]');
      expectNotLabel(stamped);
    },
  },
  {
    name: 'body timestamps: [M:SS], [MM:SS], [H:MM:SS], .mmm',
    check: async (tokenize) => {
      const doc = await tokenize(fixture('full-episode.transcript'));
      expectTimestamp(lineOf(doc, '[0:51] Ja herzlich willkommen.'), '[0:51]');
      expectTimestamp(lineOf(doc, '[59:21] Moin.'), '[59:21]');
      expectTimestamp(lineOf(doc, '[1:00:37] Und zwar:'), '[1:00:37]');
      expectTimestamp(lineOf(doc, '[1:00:37.250] Wie wir bei [12:30] sagten.'), '[1:00:37.250]');
      const ts = await tokenize(fixture('timestamps.transcript'));
      for (const stamp of ['[0:51]', '[59:21]', '[1:00:37]', '[01:00:37]', '[1:00:37.250]']) {
        const l = ts.find((x) => x.line.startsWith(`${stamp} `));
        assert.ok(l, `timestamps fixture has no line starting with ${stamp}`);
        expectTimestamp(l, stamp);
      }
      expectTimestamp(lineOf(ts, '[0:51]ohne Leerzeichen'), '[0:51]');
    },
  },
  {
    name: 'malformed bracketed times at a line start are invalid.illegal.timestamp',
    check: async (tokenize) => {
      const doc = await tokenize(fixture('timestamps.transcript'));
      const malformed = [
        ['[1:5]', 'Sekunde einstellig'],
        ['[12:60]', 'Sekunde zu groß'],
        ['[1:2:3:4]', 'zu viele Felder'],
        ['[ 1:05]', 'Leerzeichen'],
        ['[1:05 ]', 'Leerzeichen hinten'],
        ['[1.05]', 'Punkt statt Doppelpunkt'],
        ['[1:05.5]', 'Bruch zu kurz'],
        ['[123:45]', 'Minuten dreistellig'],
      ];
      for (const [stamp, rest] of malformed) {
        const l = lineOf(doc, `${stamp} ${rest}`);
        expectToken(l, stamp, S.invalidTimestamp);
        expectNoScope(l, stamp, 'constant.numeric');
        expectNoScope(l, rest, 'invalid');
      }
      for (const text of ['[Musik]', '[Lachen] [1:05]']) {
        expectNoScope(lineOf(doc, text), text, 'invalid');
        expectNoScope(lineOf(doc, text), text, 'constant.numeric');
      }
    },
  },
  {
    name: 'a bracketed time inside a sentence is plain text',
    check: async (tokenize) => {
      const doc = await tokenize(fixture('full-episode.transcript'));
      expectNoScope(
        lineOf(doc, '[1:00:37.250] Wie wir bei [12:30] sagten.'),
        '[12:30]',
        'constant',
      );
      const ts = await tokenize(fixture('timestamps.transcript'));
      const l = lineOf(ts, 'Mitten im Satz [1:5] und [1:05] bleibt Text.');
      expectNoScope(l, '[1:5]', 'invalid');
      expectNoScope(l, '[1:05]', 'constant');
    },
  },
  {
    name: 'body lines repeating a chapter title get no grammar scope (semantic tokens do that)',
    check: async (tokenize) => {
      const doc = await tokenize(fixture('full-episode.transcript'));
      const heading = lineOf(doc, 'Intro und Begrüßung');
      assert.deepEqual(
        heading.tokens.map((t) => t.scopes),
        [['text.transcript', S.body]],
      );
      const entryLike = lineOf(doc, '0:01:47 Newsrückschau', 1);
      expectScope(entryLike, '0:01:47 Newsrückschau', S.body);
      expectNoScope(entryLike, '0:01:47 Newsrückschau', 'constant.numeric');
    },
  },
  {
    name: 'a bare transcript (no headers) highlights labels and timestamps',
    check: async (tokenize) => {
      const doc = await tokenize(fixture('bare.transcript'));
      expectLabel(lineOf(doc, 'Malte:'), 'Malte');
      expectLabel(lineOf(doc, 'Speaker 2:'), 'Speaker 2');
      expectTimestamp(lineOf(doc, '[0:03] Hallo und willkommen, heute ohne Shownotes.'), '[0:03]');
      expectNotLabel(lineOf(doc, '[0:09] Danke. Und zwar:'));
      expectToken(lineOf(doc, '[1:5] Hier ist die Zeit kaputt.'), '[1:5]', S.invalidTimestamp);
      const entryLike = lineOf(doc, '0:01:47 Das ist keine Kapitelzeile.');
      expectNoScope(entryLike, '0:01:47', 'constant.numeric');
    },
  },
  {
    name: 'headers switch context, in any order and repeatedly',
    check: async (tokenize) => {
      const doc = await tokenize(fixture('sections.transcript'));
      expectToken(lineOf(doc, '0:00:00 Anfang'), '0:00:00', S.chapterTime);
      expectNoScope(lineOf(doc, 'Chapters:'), 'Chapters:', 'markup.heading');
      const inTags = lineOf(doc, '0:01:47 Keine Kapitelzeile im Tags-Abschnitt');
      expectNoScope(inTags, '0:01:47', 'constant.numeric');
      expectToken(inTags, '0:01:47 Keine Kapitelzeile im Tags-Abschnitt', S.tag);
      expectNotLabel(lineOf(doc, 'Malte:', 0));
      expectLabel(lineOf(doc, 'Malte:', 1), 'Malte');
      expectTimestamp(lineOf(doc, '[0:05] Text.'), '[0:05]');
      expectNotLabel(lineOf(doc, 'Malte:', 2));
      expectNoScope(lineOf(doc, '[0:05] Zusammenfassung, kein Zeitstempel.'), '[0:05]', 'constant');
      expectToken(lineOf(doc, '0:10:00 Zweite Kapitelliste'), '0:10:00', S.chapterTime);
      const notHeader = lineOf(doc, 'Long Summary 2');
      expectNoScope(notHeader, 'Long Summary 2', 'markup.heading');
      expectLabel(lineOf(doc, 'Malte:', 3), 'Malte');
    },
  },
  {
    name: 'CRLF line ends work everywhere',
    check: async (tokenize) => {
      const text = fixture('crlf.transcript');
      assert.ok(text.includes('\r\n'), 'crlf.transcript lost its CRLF line ends');
      const doc = await tokenize(text);
      for (const header of [
        'Generated Shownotes',
        'Chapters',
        'Long Summary',
        'Tags',
        'Transcript',
      ]) {
        expectScope(lineOf(doc, header), header, S.heading);
      }
      const entry = lineOf(doc, '0:01:47 News');
      expectToken(entry, '0:01:47', S.chapterTime);
      expectToken(entry, 'News', S.chapterTitle);
      expectNoScope(lineOf(doc, '0:1:47 kaputt'), '0:1:47 kaputt', 'meta.chapter-entry');
      expectNoScope(lineOf(doc, 'Malte und Stefan sprechen ab 0:01:47.'), '0:01:47', 'constant');
      expectToken(lineOf(doc, 'Podcast, News'), 'News', S.tag);
      expectLabel(lineOf(doc, 'Malte:'), 'Malte');
      expectLabel(lineOf(doc, 'Stephan:'), 'Stephan');
      expectTimestamp(lineOf(doc, '[0:03] Hallo.'), '[0:03]');
      expectToken(lineOf(doc, '[1:5] kaputt'), '[1:5]', S.invalidTimestamp);
      expectNotLabel(lineOf(doc, 'Unterstützer:innendank'));
    },
  },
  {
    name: 'text layouts: Otter headers, Name (00:00): and one line per turn scope the speaker and the time',
    check: async (tokenize) => {
      const otter = await tokenize(fixture('otter.transcript'));
      for (const [line, name, time] of [
        ['Unknown Speaker  0:00', 'Unknown Speaker', '0:00'],
        ['Torsten Frenzel  0:05', 'Torsten Frenzel', '0:05'],
        ['Stephan\t1:02:03', 'Stephan', '1:02:03'],
      ]) {
        expectToken(lineOf(otter, line), name, S.speaker);
        expectToken(lineOf(otter, line), time, S.timestamp);
      }
      const prose = 'Ich bin Thorsten, heute mit Stefan. Das kostet  2:30 Euro.';
      expectNoScope(lineOf(otter, prose), prose, 'entity.name');
      expectNoScope(lineOf(otter, prose), prose, 'constant.numeric');
      expectNoScope(lineOf(otter, 'Transcribed by https://otter.ai'), 'Transcribed', 'entity');

      const rev = await tokenize(fixture('rev.transcript'));
      for (const [line, name] of [
        ['Torsten (00:00):', 'Torsten'],
        ['**Torsten (01:05):** Gut, Stefan.', 'Torsten'],
        ['Stephan (01:10.500) Ja.', 'Stephan'],
      ]) {
        expectToken(lineOf(rev, line), name, S.speaker);
        expectToken(lineOf(rev, line), '(', S.timestampBegin);
      }
      expectNoScope(lineOf(rev, '**Torsten (01:05):** Gut, Stefan.'), 'Gut, Stefan.', 'entity');

      const turns = await tokenize(fixture('turn-lines.transcript'));
      const first = lineOf(turns, '[00:00:00] Torsten: Hallo, ich bin Thorsten.');
      expectToken(first, 'Torsten', S.speaker);
      expectToken(first, ':', S.speakerColon);
      expectScope(first, '[00:00:00]', S.timestamp);
      expectNoScope(first, 'Hallo, ich bin Thorsten.', 'entity');
      expectToken(lineOf(turns, 'Stephan [00:00:20]: Und weiter.'), 'Stephan', S.speaker);
      expectToken(lineOf(turns, '[SPEAKER_00]: Ohne Zeit, Stefan.'), '[SPEAKER_00]', S.speaker);
      expectNotLabel(lineOf(turns, '[00:00:31] kein Name hier'));
    },
  },
  {
    name: 'a UTF-8 BOM before the first line is tolerated',
    check: async (tokenize) => {
      const text = fixture('bom.transcript');
      assert.ok(text.startsWith('\uFEFF'), 'bom.transcript lost its BOM');
      const doc = await tokenize(text);
      expectScope(doc[0], 'Generated Shownotes', S.heading);
      expectToken(lineOf(doc, '0:00:00 Intro'), '0:00:00', S.chapterTime);
      expectLabel(lineOf(doc, 'Malte:'), 'Malte');
      const bare = fixture('bom-bare.transcript');
      assert.ok(bare.startsWith('\uFEFF'), 'bom-bare.transcript lost its BOM');
      const bareDoc = await tokenize(bare);
      expectLabel(bareDoc[0], 'Malte');
      expectTimestamp(bareDoc[1], '[0:03]');
    },
  },
];

describe('transcript grammar', () => {
  describe('snapshots', () => {
    const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.transcript'));

    it('has fixtures', () => assert.ok(fixtures.length >= 5));

    for (const file of fixtures) {
      const snap = path.join(SNAPSHOTS, file.replace(/\.transcript$/, '.snap'));
      it(`${file} matches snapshots/${path.basename(snap)}`, async () => {
        matchSnapshot(snap, renderSnapshot(await tokenizeText(fixture(file))));
      });
    }

    it('has no snapshot without a fixture', () => {
      if (UPDATE) {
        for (const snap of fs.readdirSync(SNAPSHOTS)) {
          if (!fixtures.includes(snap.replace(/\.snap$/, '.transcript'))) {
            fs.rmSync(path.join(SNAPSHOTS, snap));
          }
        }
      }
      const orphans = fs
        .readdirSync(SNAPSHOTS)
        .filter((s) => !fixtures.includes(s.replace(/\.snap$/, '.transcript')));
      assert.deepEqual(orphans, []);
    });
  });

  describe('key facts', () => {
    for (const fact of keyFacts) {
      it(fact.name, () => fact.check((text) => tokenizeText(text)));
    }
  });

  describe('each deliberately broken grammar is caught by a key fact', () => {
    type Rule = Record<string, unknown> & {
      match?: string;
      begin?: string;
      end?: string;
      patterns?: Rule[];
      include?: string;
      captures?: Record<string, { name: string }>;
      beginCaptures?: Record<string, { name: string }>;
    };
    type Grammar = { patterns: Rule[]; repository: Record<string, Rule> };
    const SECTIONS = [
      'chapters-section',
      'long-summary-section',
      'brief-summary-section',
      'tags-section',
      'transcript-section',
    ];

    const mutations: Array<{ name: string; breaks: string; apply: (g: Grammar) => void }> = [
      {
        name: 'header scope only a keyword',
        breaks: 'section headers carry markup.heading on the whole line',
        apply: (g) => {
          for (const s of SECTIONS)
            g.repository[s].beginCaptures = { 0: { name: 'keyword.other' } };
        },
      },
      {
        name: 'single-digit chapter minutes accepted',
        breaks: 'malformed chapter lines stay unscoped',
        apply: (g) => {
          const r = g.repository['chapter-entry'];
          r.match = r.match!.replace(':[0-5]\\d(?::', ':\\d{1,2}(?::');
        },
      },
      {
        name: 'no fraction in chapter times',
        breaks: 'chapter entries in Chapters: time and title, every time form',
        apply: (g) => {
          const r = g.repository['chapter-entry'];
          r.match = r.match!.replace('(?:\\.\\d{3})?', '');
        },
      },
      {
        name: 'chapter entries recognised in the summaries too',
        breaks: '0:01:47 in the Long Summary is not a chapter time',
        apply: (g) => {
          g.repository['long-summary-section'].patterns = [{ include: '#chapter-entry' }];
        },
      },
      {
        name: 'body rules in the summaries too',
        breaks: 'the Brief Summary holds no labels or timestamps',
        apply: (g) => {
          g.repository['brief-summary-section'].patterns = [{ include: '#body' }];
        },
      },
      {
        name: 'tag commas unscoped',
        breaks: 'tags are strings and commas are punctuation, in Tags only',
        apply: (g) => {
          g.repository['tags-section'].patterns!.shift();
        },
      },
      {
        name: 'Otter headers without two spaces before the time, and not at the line end',
        breaks:
          'text layouts: Otter headers, Name (00:00): and one line per turn scope the speaker and the time',
        apply: (g) => {
          const r = g.repository['otter-header'];
          r.match = r.match!.replace('(?: {2,}|\\t)', '[ \\t]+').replace('\\s*$', '');
        },
      },
      {
        name: 'one line per turn: the name unscoped',
        breaks:
          'text layouts: Otter headers, Name (00:00): and one line per turn scope the speaker and the time',
        apply: (g) => {
          delete g.repository['turn-line'].captures!['4'];
        },
      },
      {
        name: 'speaker name scoped entity.name.tag',
        breaks: 'Torsten: is a speaker label',
        apply: (g) => {
          g.repository['speaker-label'].captures!['1'].name = 'entity.name.tag.speaker.transcript';
        },
      },
      {
        name: 'label colon may be followed by more text',
        breaks: 'Unterstützer:innendank is never a label',
        apply: (g) => {
          g.repository['speaker-label'].match = '^[ \\t]*([^\\[:\\s][^:]{0,59})[ \\t]*(:)';
        },
      },
      {
        name: 'no length limit on names',
        breaks: 'speaker label forms: which lines are labels and which are not',
        apply: (g) => {
          const r = g.repository['speaker-label'];
          r.match = r.match!.replace('{0,58}', '*');
        },
      },
      {
        name: 'no speaker labels at all',
        breaks: '`Und zwar:` alone on a line is highlighted as a label (known limitation)',
        apply: (g) => {
          g.repository.body.patterns!.shift();
        },
      },
      {
        name: 'timestamp brackets without punctuation scopes',
        breaks: 'body timestamps: [M:SS], [MM:SS], [H:MM:SS], .mmm',
        apply: (g) => {
          delete g.repository.timestamp.captures!['2'];
        },
      },
      {
        name: 'seconds not limited to 0-59',
        breaks: 'malformed bracketed times at a line start are invalid.illegal.timestamp',
        apply: (g) => {
          const r = g.repository.timestamp;
          r.match = r.match!.replaceAll('[0-5]\\d', '\\d\\d');
        },
      },
      {
        name: 'no malformed-timestamp rule',
        breaks: 'malformed bracketed times at a line start are invalid.illegal.timestamp',
        apply: (g) => {
          g.repository.body.patterns!.pop();
        },
      },
      {
        name: 'timestamps anywhere in a line',
        breaks: 'a bracketed time inside a sentence is plain text',
        apply: (g) => {
          const r = g.repository.timestamp;
          r.match = r.match!.replace('^\\x{FEFF}?[ \\t]*', '');
        },
      },
      {
        name: 'chapter entries recognised in the body',
        breaks:
          'body lines repeating a chapter title get no grammar scope (semantic tokens do that)',
        apply: (g) => {
          g.repository.body.patterns!.push({ include: '#chapter-entry' });
        },
      },
      {
        name: 'no body rules at top level',
        breaks: 'a bare transcript (no headers) highlights labels and timestamps',
        apply: (g) => {
          g.patterns = g.patterns.filter((p) => p.include !== '#body');
        },
      },
      {
        name: 'sections never end',
        breaks: 'headers switch context, in any order and repeatedly',
        apply: (g) => {
          for (const s of SECTIONS) g.repository[s].end = '(?=^NO SUCH HEADER$)';
        },
      },
      {
        name: 'line ends do not allow \\r',
        breaks: 'CRLF line ends work everywhere',
        apply: (g) => {
          const strict = (r: Rule) => {
            for (const key of ['match', 'begin'] as const) {
              if (r[key]) r[key] = r[key].replaceAll('\\s*$', '[ \\t]*$');
            }
          };
          Object.values(g.repository).forEach(strict);
        },
      },
      {
        name: 'no BOM allowance',
        breaks: 'a UTF-8 BOM before the first line is tolerated',
        apply: (g) => {
          for (const r of Object.values(g.repository)) {
            for (const key of ['match', 'begin'] as const) {
              if (r[key]) r[key] = r[key].replace('\\x{FEFF}?', '');
            }
          }
        },
      },
    ];

    it('every key fact has a mutation that breaks it', () => {
      const broken = new Set(mutations.map((m) => m.breaks));
      assert.deepEqual(
        keyFacts.map((f) => f.name).filter((n) => !broken.has(n)),
        [],
      );
    });

    const source = fs.readFileSync(GRAMMAR_PATH, 'utf8');
    for (const mutation of mutations) {
      it(`${mutation.name}: caught by "${mutation.breaks}"`, async () => {
        const fact = keyFacts.find((f) => f.name === mutation.breaks);
        assert.ok(fact, `no key fact named ${mutation.breaks}`);
        const mutated = JSON.parse(source) as Grammar;
        mutation.apply(mutated);
        const mutatedSource = JSON.stringify(mutated);
        assert.notEqual(
          mutatedSource,
          JSON.stringify(JSON.parse(source)),
          'mutation changed nothing',
        );
        const grammar = await loadGrammar(mutatedSource);
        await assert.rejects(
          fact.check((text) => tokenizeText(text, grammar)),
          assert.AssertionError,
        );
      });
    }
  });

  describeCorpus('corpus: egovernment-podcast-153.txt', (CORPUS) => {
    let doc: TokenizedLine[] = [];

    before(async function () {
      doc = await tokenizeText(fs.readFileSync(CORPUS, 'utf8'));
    });

    const has = (l: TokenizedLine, scope: string) => l.tokens.some((t) => t.scopes.includes(scope));

    it('highlights all 124 speaker labels (61 Torsten, 33 Stephan, 30 Malte), all in the body', () => {
      // Counted with: grep -E ':\s*$' egovernment-podcast-153.txt | sort | uniq -c
      const labels = doc.filter((l) => has(l, S.label));
      const byName = new Map<string, number>();
      for (const l of labels) {
        const name = l.tokens.find((t) => t.scopes.includes(S.speaker))?.text ?? '?';
        byName.set(name, (byName.get(name) ?? 0) + 1);
        expectScope(l, clean(l.line), S.body);
      }
      assert.deepEqual(Object.fromEntries(byName), { Torsten: 61, Stephan: 33, Malte: 30 });
      assert.equal(labels.length, 124);
    });

    it('scopes the stamp of every [m:ss] line as a timestamp (144 lines)', () => {
      const stamped = doc.filter((l) => /^\[\d{1,2}:\d\d(?::\d\d)?\]/.test(l.line));
      assert.equal(stamped.length, 144);
      for (const l of stamped) expectTimestamp(l, l.line.slice(0, l.line.indexOf(']') + 1));
      assert.equal(doc.filter((l) => has(l, S.timestamp)).length, 144);
    });

    it('finds the 10 chapter entries and nothing malformed', () => {
      const titles = doc
        .filter((l) => has(l, S.chapterEntry))
        .map((l) => l.tokens.find((t) => t.scopes.includes(S.chapterTitle))?.text);
      assert.deepEqual(titles, [
        'Intro und Begrüßung',
        'Newsrückschau',
        'OZG-Leistung des Monats',
        'Empfehlungen',
        'Offline statt Online',
        'eGovernment und Vertauen',
        'Open Source / Digitale Souveränität',
        'Veranstaltungen',
        'Unterstützer:innendank',
        'Verabschiedung und Outro',
      ]);
      assert.equal(doc.filter((l) => has(l, S.invalidTimestamp)).length, 0);
      assert.equal(doc.filter((l) => has(l, S.heading)).length, 6);
    });
  });

  describe('examples/episode.txt', () => {
    it('tokenizes with its one deliberate malformed timestamp and no chapter entry outside Chapters', async function () {
      const doc = await tokenizeText(fs.readFileSync(EXAMPLE, 'utf8'));
      const invalid = doc.flatMap((l) =>
        l.tokens.filter((t) => t.scopes.includes(S.invalidTimestamp)).map((t) => t.text),
      );
      assert.deepEqual(invalid, ['[12:6]']);
      const entries = doc.filter((l) => l.tokens.some((t) => t.scopes.includes(S.chapterEntry)));
      assert.ok(entries.length >= 5);
      for (const l of entries)
        assert.ok(l.tokens[0].scopes.includes('meta.section.chapters.transcript'));
      assert.ok(doc.filter((l) => l.tokens.some((t) => t.scopes.includes(S.label))).length >= 20);
    });
  });
});
