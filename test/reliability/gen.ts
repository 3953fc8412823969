/**
 * Generators for the reliability tests: fast-check arbitraries of real-looking
 * transcripts and of their mutations, arbitrary strings (lone surrogates
 * included), and the deterministic hostile corpus (built in memory, never
 * committed as files).
 */
import fc from 'fast-check';

// ---------------------------------------------------------------------------
// Pools of names, titles and words: umlauts, emoji, right-to-left scripts,
// combining marks, astral letters (surrogate pairs), near spellings.

/** Speaker names, with the near spellings the speaker check looks for. */
export const NAMES = [
  'Malte',
  'Malt',
  'Stefan',
  'Stephan',
  'Torsten',
  'Thorsten',
  'Jürgen',
  'Jürgen.',
  'Zoë',
  'Zoe\u0308',
  'Dr. Jana Albers',
  'Änne',
  'Mart',
  'Martin',
  'Anna',
  'Anna-Off',
  'Anna (Telefon)',
  'Speaker 1',
  'Speaker 2',
  'SPEAKER_00',
  'محمد',
  'מרים',
  'דוד כהן',
  'Ολγα',
  '李雷',
  '😀 Fan',
  '👩‍💻 Ada',
  '𝔄𝔫𝔫𝔞',
  'Ñoño',
  'ß',
  'İlkay',
];

export const TITLES = [
  'Begrüßung',
  'Neues aus den Kommunen',
  'Open Data im Rathaus',
  'Open Source / Digitale Souveränität',
  'Fragen 🤔 aus der Community',
  'שאלות ותשובות',
  'أسئلة وأجوبة',
  'Verabschiedung',
  'Ende',
  '𝔈𝔫𝔡𝔢',
  'İstanbul',
  'ǅemal und ẞ',
];

export const WORDS = [
  'Hallo',
  'und',
  'herzlich',
  'willkommen',
  'Stefan',
  'Stefan.',
  'Thorsten',
  'Malte,',
  'Jürgen',
  'Straße',
  'Öffentlichkeit',
  'Ärger',
  'über',
  'Daten:',
  'Unterstützer:innendank',
  'Und zwar:',
  '😀',
  '👍🏽',
  '🇩🇪',
  'שלום',
  'مرحبا',
  'e\u0301',
  '𝔄',
  '[Musik]',
  '(lacht)',
  '…',
  '–',
  '12:30',
  'Open',
  'Data',
];

// ---------------------------------------------------------------------------
// Times in every written style.

const pad2 = (n: number) => String(n).padStart(2, '0');

export type StampStyle = 'm:ss' | 'mm:ss' | 'h:mm:ss' | '0:mm:ss';

/** A body stamp `[...]` for `seconds`, in a style, with 0 to 3 fraction digits. */
export function stampText(seconds: number, style: StampStyle, frac = 0): string {
  return `[${clockText(seconds, style, frac)}]`;
}

export function clockText(seconds: number, style: StampStyle, frac = 0): string {
  const scale = 10 ** frac;
  const total = Math.round(seconds * scale);
  const whole = Math.floor(total / scale);
  const f = frac ? `.${String(total % scale).padStart(frac, '0')}` : '';
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  if (style === '0:mm:ss' || h > 0) return `${h}:${pad2(m)}:${pad2(s)}${f}`;
  if (style === 'mm:ss') return `${pad2(m)}:${pad2(s)}${f}`;
  if (style === 'h:mm:ss') return `${h}:${pad2(m)}:${pad2(s)}${f}`;
  return `${m}:${pad2(s)}${f}`;
}

/** A chapter time as lists write it: `H:MM:SS`, `HH:MM:SS` or `MM:SS`. */
export function chapterTimeText(seconds: number, style: 'H:MM:SS' | 'HH:MM:SS' | 'MM:SS'): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  if (style === 'MM:SS' && h === 0) return `${pad2(m)}:${pad2(s)}`;
  if (style === 'HH:MM:SS') return `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
  return `${h}:${pad2(m)}:${pad2(s)}`;
}

/** Bracketed things at a line's start that are not valid times, and overflowing ones. */
export const BAD_STAMPS = [
  '[1:5]',
  '[12:60]',
  '[ 1:05]',
  '[1:05 ]',
  '[1.05]',
  '[1:2:3:4]',
  '[1:05',
  '[:05]',
  '[99999999999:59]',
  '[1e400:00]',
  `[${'9'.repeat(400)}:00]`,
  `[0:00:${'5'.repeat(400)}]`,
  '[0:00.1234]',
  '[-1:00]',
  '[１:００]',
  '[',
  '[]',
  '[[0:01]]',
];

// ---------------------------------------------------------------------------
// Structured transcripts.

export interface TranscriptSpec {
  readonly title: boolean;
  readonly chapters: readonly { seconds: number; title: string; style: string }[];
  readonly summaries: boolean;
  readonly tags: boolean;
  readonly transcriptHeader: boolean;
  /** The speakers of the episode; turns pick from them by index. */
  readonly cast: readonly string[];
  readonly turns: readonly {
    speaker: number;
    paragraphs: readonly { gap: number; words: string[]; extra?: string[] }[];
    blankAfterLabel: boolean;
  }[];
  readonly headingStyle: readonly ('exact' | 'case' | 'space' | 'missing')[];
  readonly stampStyle: StampStyle;
  readonly frac: number;
}

const wordsArb = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 8 });

/** Spellings of one person, as machines and people write them. */
const VARIANTS = [
  ['Stefan', 'Stephan'],
  ['Malte', 'Malt'],
  ['Torsten', 'Thorsten'],
  ['Martin', 'Mart'],
  ['Anna', 'Anna.'],
  ['Jürgen', 'Jürgen.'],
  ['Zoë', 'Zoe\u0308'],
  ['İlkay', 'Ilkay'],
  ['Dr. Jana Albers', 'Dr. Jana Alber'],
];

const nameArb = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NAMES) },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
      .filter((s) => /^[^\s[:][^:\r\n]*$/.test(s)),
  },
);

export const transcriptSpecArb: fc.Arbitrary<TranscriptSpec> = fc.record({
  title: fc.boolean(),
  chapters: fc.array(
    fc.record({
      seconds: fc.nat({ max: 3600 }),
      title: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...TITLES) },
        {
          weight: 1,
          arbitrary: fc
            .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
            .filter((s) => s.trim() !== '' && !/[\r\n]/.test(s)),
        },
      ),
      style: fc.constantFrom('H:MM:SS', 'HH:MM:SS', 'MM:SS'),
    }),
    { maxLength: 6 },
  ),
  summaries: fc.boolean(),
  tags: fc.boolean(),
  transcriptHeader: fc.boolean(),
  cast: fc
    .tuple(fc.constantFrom(...VARIANTS), fc.array(nameArb, { maxLength: 3 }))
    .map(([pair, others]) => [...pair, ...others]),
  turns: fc.array(
    fc.record({
      speaker: fc.nat({ max: 4 }),
      paragraphs: fc.array(
        fc.record(
          {
            gap: fc.nat({ max: 600 }),
            words: wordsArb,
            extra: fc.array(fc.constantFrom(...WORDS), { maxLength: 5 }),
          },
          { requiredKeys: ['gap', 'words'] },
        ),
        { maxLength: 3 },
      ),
      blankAfterLabel: fc.boolean(),
    }),
    { maxLength: 12 },
  ),
  headingStyle: fc.array(fc.constantFrom('exact', 'case', 'space', 'missing'), {
    minLength: 6,
    maxLength: 6,
  }),
  stampStyle: fc.constantFrom('m:ss', 'mm:ss', 'h:mm:ss', '0:mm:ss'),
  frac: fc.constantFrom(0, 0, 0, 1, 2, 3),
});

function respellHeading(title: string, how: 'exact' | 'case' | 'space' | 'missing'): string {
  if (how === 'case') {
    const upper = title.toUpperCase();
    return upper !== title ? upper : title.toLowerCase();
  }
  if (how === 'space') return title.replace(/ /g, '  ');
  return title;
}

/** The lines of a transcript from a spec (joined later with some line break). */
export function transcriptLines(spec: TranscriptSpec): string[] {
  const out: string[] = [];
  const chapters = [...spec.chapters].sort((a, b) => a.seconds - b.seconds);
  if (spec.title) out.push('Generated Shownotes');
  if (chapters.length > 0) {
    out.push('Chapters');
    for (const c of chapters)
      out.push(`${chapterTimeText(c.seconds, c.style as 'H:MM:SS')} ${c.title}`);
  }
  const nameOf = (t: { speaker: number }) => spec.cast[t.speaker % spec.cast.length];
  const names = [...new Set(spec.turns.map(nameOf))];
  if (spec.summaries) {
    out.push('Long Summary');
    out.push(`${names.join(' und ')} sprechen über ${chapters.map((c) => c.title).join(', ')}.`);
    out.push('Brief Summary');
    out.push(`Kurz: ${names.slice(0, 2).join(', ')}. Hallo Stefan, hallo Thorsten.`);
  }
  if (spec.tags) {
    out.push('Tags');
    out.push('Podcast, Verwaltung, 😀, شبكة');
  }
  if (spec.transcriptHeader || out.length > 0) out.push('Transcript');
  let t = 0;
  let next = 0;
  for (const turn of spec.turns) {
    out.push(`${nameOf(turn)}:`);
    if (turn.blankAfterLabel) out.push('');
    for (const p of turn.paragraphs) {
      t += p.gap;
      while (next < chapters.length && chapters[next].seconds <= t) {
        const how = spec.headingStyle[next % spec.headingStyle.length];
        if (how !== 'missing') out.push(respellHeading(chapters[next].title, how));
        next++;
      }
      out.push(`${stampText(t, spec.stampStyle, spec.frac)} ${p.words.join(' ')}`.trimEnd());
      if (p.extra && p.extra.length > 0) out.push(p.extra.join(' '));
    }
  }
  return out;
}

export const EOLS = ['\n', '\r\n', '\r'] as const;

/** Joins lines, each followed by its own line break (the last one optionally without). */
export function joinLines(
  lines: readonly string[],
  eols: readonly string[],
  final: boolean,
): string {
  let s = '';
  for (let i = 0; i < lines.length; i++) {
    s += lines[i];
    if (i < lines.length - 1 || final) s += eols[i % eols.length];
  }
  return s;
}

/** A valid-looking transcript with one line break style throughout. */
export const transcriptArb: fc.Arbitrary<string> = fc
  .tuple(transcriptSpecArb, fc.constantFrom(...EOLS), fc.boolean(), fc.boolean())
  .map(
    ([spec, eol, final, bom]) =>
      (bom ? '\uFEFF' : '') + joinLines(transcriptLines(spec), [eol], final),
  );

// ---------------------------------------------------------------------------
// Arbitrary strings, weighted towards what the parser looks at.

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** One unit of hostile text: structure characters, white space of every kind, lone surrogates. */
export const hostileUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: loneSurrogate },
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      '\n',
      '\r',
      '\r\n',
      '[',
      ']',
      ':',
      '.',
      ' ',
      '\t',
      '\v',
      '\f',
      '\u00a0',
      '\u2028',
      '\u2029',
      '\u0085',
      '\uFEFF',
      '\0',
      '0',
      '1',
      '5',
      '9',
      'A',
      'ä',
      '😀',
      '\u200f',
      '\u0301',
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'Transcript',
      'Chapters',
      'Tags',
      'Long Summary',
      'Generated Shownotes',
      '0:00:00 ',
      '[0:01] ',
      '[1:00:00]',
      'Anna:',
      'Stefan:',
      'Stephan:',
      ...BAD_STAMPS,
      ...TITLES,
    ),
  },
);

/** Arbitrary text: code units of every kind, lone surrogates included. */
export const hostileTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: hostileUnit, maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'binary-ascii', maxLength: 300 }),
  // Long first lines: ranges clipped at some length must not split a pair.
  fc
    .tuple(fc.nat({ max: 260 }), fc.string({ unit: hostileUnit, maxLength: 40 }))
    .map(([n, tail]) => 'x'.repeat(n) + '😀'.repeat(30) + tail),
);

// ---------------------------------------------------------------------------
// Mutations of real-looking transcripts.

export type Mutation =
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'delete'; a: number }
  | { kind: 'duplicate'; a: number; b: number }
  | { kind: 'stamp'; a: number; text: string }
  | { kind: 'insert'; a: number; at: number; text: string }
  | { kind: 'line'; a: number; text: string };

const randomStamp = fc.oneof(
  fc
    .tuple(
      fc.nat({ max: 200 * 3600 }),
      fc.constantFrom<StampStyle>('m:ss', 'mm:ss', 'h:mm:ss', '0:mm:ss'),
      fc.nat({ max: 3 }),
    )
    .map(([s, style, frac]) => stampText(s, style, frac)),
  fc.constantFrom(...BAD_STAMPS),
  fc
    .tuple(fc.nat({ max: 99999 }), fc.nat({ max: 99 }), fc.option(fc.nat({ max: 99 })))
    .map(([a, b, c]) => `[${a}:${pad2(b)}${c === null ? '' : `:${pad2(c)}`}]`),
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), a: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('stamp' as const), a: fc.nat(), text: randomStamp }),
  fc.record({
    kind: fc.constant('insert' as const),
    a: fc.nat(),
    at: fc.nat(),
    text: fc.string({ unit: hostileUnit, minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('line' as const),
    a: fc.nat(),
    text: fc.oneof(
      fc.constantFrom(
        '',
        'Transcript',
        'Chapters',
        'Tags',
        'Long Summary',
        ...NAMES.map((n) => `${n}:`),
        ...TITLES,
        ...TITLES.map((t) => `0:10:00 ${t}`),
      ),
      randomStamp.map((s) => `${s} Hallo Stefan`),
    ),
  }),
);

export function mutate(lines: readonly string[], mutations: readonly Mutation[]): string[] {
  const out = [...lines];
  for (const m of mutations) {
    const n = out.length;
    if (n === 0) {
      if (m.kind === 'line') out.push(m.text);
      continue;
    }
    const a = m.a % n;
    switch (m.kind) {
      case 'swap': {
        const b = m.b % n;
        [out[a], out[b]] = [out[b], out[a]];
        break;
      }
      case 'delete':
        out.splice(a, 1);
        break;
      case 'duplicate':
        out.splice(m.b % (n + 1), 0, out[a]);
        break;
      case 'stamp':
        out[a] = `${m.text} ${out[a].replace(/^\s*\[[^\]]*\]?\s*/, '')}`.trimEnd();
        break;
      case 'insert': {
        const at = m.at % (out[a].length + 1);
        out[a] = out[a].slice(0, at) + m.text + out[a].slice(at);
        break;
      }
      case 'line':
        out.splice(a, 0, m.text);
        break;
    }
  }
  return out;
}

/** A real-looking transcript, mutated: swaps, deletions, duplicates, random stamps and Unicode, mixed line breaks. */
export const mutatedTranscriptArb: fc.Arbitrary<string> = fc
  .tuple(
    transcriptSpecArb,
    fc.array(mutationArb, { maxLength: 8 }),
    fc.array(fc.constantFrom(...EOLS), { minLength: 1, maxLength: 5 }),
    fc.boolean(),
  )
  .map(([spec, mutations, eols, final]) =>
    joinLines(mutate(transcriptLines(spec), mutations), eols, final),
  );

/** Any of the three: clean transcripts, mutated ones, arbitrary strings. */
export const anyTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: transcriptArb },
  { weight: 4, arbitrary: mutatedTranscriptArb },
  { weight: 3, arbitrary: hostileTextArb },
);

/** Raw settings as an editor might hand them over, wrong values included. */
export const rawSettingsArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      speakers: fc.array(
        fc.oneof(
          fc.constantFrom(...NAMES),
          fc.record({
            name: fc.constantFrom(...NAMES),
            aliases: fc.array(fc.constantFrom(...NAMES), { maxLength: 2 }),
          }),
          fc.string({ unit: hostileUnit, maxLength: 6 }),
        ),
        { maxLength: 3 },
      ),
      chapterTimeTolerance: fc.oneof(fc.nat({ max: 100 }), fc.constant(0), fc.double()),
      findings: fc.dictionary(
        fc.constantFrom('speaker-spelling', 'timestamp-order', 'chapter-heading-missing', 'x'),
        fc.boolean(),
      ),
    },
    { requiredKeys: [] },
  ),
);

// ---------------------------------------------------------------------------
// Deterministic generation (the hostile corpus and long transcripts).

/** A small seeded PRNG (mulberry32): the same corpus on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPEAKERS = ['Malte', 'Stefan', 'Stephan', 'Dr. Jana Albers', 'Jürgen', 'محمد'];
const PROSE = [
  'Ja',
  'herzlich',
  'willkommen',
  'zur',
  'Folge',
  'Stefan',
  'Öffentlichkeit',
  'Verwaltung',
  'Daten',
  'und',
  'die',
  'Schnittstellen',
  'für',
  'alle',
  'Kommunen',
  'genau',
  '😀',
  'שלום',
  'das',
  'ist',
  'richtig',
  'Open',
  'Source',
];

/**
 * A long, well-formed episode: a chapter list, summaries, tags and a body of
 * speaker turns with rising stamps, until `targetChars` or `maxSeconds`.
 */
export function longTranscript(opts: {
  targetChars?: number;
  maxSeconds?: number;
  chapters?: number;
  seed?: number;
  eol?: string;
}): string {
  const random = rng(opts.seed ?? 1);
  const eol = opts.eol ?? '\n';
  const target = opts.targetChars ?? Infinity;
  const maxSeconds = opts.maxSeconds ?? Infinity;
  const chapterCount = opts.chapters ?? 40;
  const span = Number.isFinite(maxSeconds) ? maxSeconds : Math.max(3600, (target / 110) * 9);
  const chapters = Array.from({ length: chapterCount }, (_, i) => ({
    seconds: Math.floor((span * i) / chapterCount),
    title: `${TITLES[i % TITLES.length]} ${i + 1}`,
  }));
  const parts: string[] = ['Generated Shownotes', 'Chapters'];
  for (const c of chapters) parts.push(`${chapterTimeText(c.seconds, 'H:MM:SS')} ${c.title}`);
  parts.push(
    'Long Summary',
    'Malte und Stefan sprechen mit Dr. Jana Albers über Daten. Hallo Stefan.',
    'Brief Summary',
    'Stefan und Malte.',
    'Tags',
    'Podcast, Verwaltung, Daten',
    'Transcript',
  );
  let size = parts.reduce((n, p) => n + p.length + eol.length, 0);
  const chunks: string[] = [parts.join(eol)];
  let t = 0;
  let next = 0;
  let speaker = -1;
  while (size < target && t < maxSeconds) {
    const lines: string[] = [];
    while (next < chapters.length && chapters[next].seconds <= t)
      lines.push(chapters[next++].title);
    let who = Math.floor(random() * SPEAKERS.length);
    if (who === speaker) who = (who + 1) % SPEAKERS.length;
    speaker = who;
    lines.push(`${SPEAKERS[who]}:`);
    const paragraphs = 1 + Math.floor(random() * 3);
    for (let p = 0; p < paragraphs; p++) {
      const n = 6 + Math.floor(random() * 14);
      const words: string[] = [];
      for (let w = 0; w < n; w++) words.push(PROSE[Math.floor(random() * PROSE.length)]);
      lines.push(`${stampText(t, 'm:ss')} ${words.join(' ')}`);
      t += 3 + Math.floor(random() * 12);
    }
    const chunk = lines.join(eol);
    chunks.push(chunk);
    size += chunk.length + eol.length;
  }
  return chunks.join(eol);
}

export interface HostileInput {
  /** Short name used in test titles. */
  readonly name: string;
  /** The text as an editor holds it. */
  readonly text: () => string;
  /** The bytes on disk, when they are not the text's UTF-8 (the binary file). */
  readonly bytes?: () => Buffer;
  /** Tens of megabytes: skipped when RELIABILITY_SKIP_LARGE=1. */
  readonly large?: boolean;
}

/** The hostile inputs to run: all, or without the large ones when RELIABILITY_SKIP_LARGE=1. */
export function hostileInputs(): readonly HostileInput[] {
  return process.env.RELIABILITY_SKIP_LARGE === '1' ? HOSTILE.filter((h) => !h.large) : HOSTILE;
}

function binaryBytes(): Buffer {
  const random = rng(7);
  const b = Buffer.alloc(1 << 20);
  for (let i = 0; i < b.length; i++) b[i] = random() < 0.3 ? 0 : Math.floor(random() * 256);
  return b;
}

function manySpeakers(n: number): string {
  // Distinct, name-like labels without digits (digits short-cut the name comparison).
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ne',
    'ru',
    'sa',
    'te',
    'vo',
    'bü',
    'zä',
    'fi',
    'go',
    'ha',
    'jo',
    'pe',
    'wu',
  ];
  const out = ['Transcript'];
  for (let i = 0; i < n; i++) {
    let name = '';
    for (let k = i, j = 0; j < 5; j++, k = Math.floor(k / 16)) name += syllables[k % 16];
    name = name[0].toUpperCase() + name.slice(1);
    out.push(`${name}:`, `${stampText(i, 'm:ss')} Hallo zusammen`);
  }
  return out.join('\n');
}

function manyChapters(n: number): string {
  const out = ['Chapters'];
  for (let i = 0; i < n; i++) out.push(`${chapterTimeText(i * 10, 'H:MM:SS')} Kapitel ${i + 1}`);
  out.push('Transcript');
  for (let i = 0; i < n; i++)
    out.push(
      `Kapitel ${i + 1}`,
      i % 2 ? 'Malte:' : 'Stefan:',
      `${stampText(i * 10 + 1, 'm:ss')} Weiter geht es`,
    );
  return out.join('\n');
}

function overflowingTimes(): string {
  const big = '9'.repeat(400);
  const out = [
    'Chapters',
    `${big}:00:00 Sehr spät`,
    '99999999999:59:59 Auch spät',
    '1e400:00 Exponent',
    `0:00:00 Anfang`,
    'Transcript',
    'Anfang',
  ];
  for (let i = 0; i < 200; i++) {
    out.push(
      'Malte:',
      '[99999999999:59] Das ist spät',
      '[1e400:00] Exponent',
      `[${big}:00] Vierhundert Ziffern`,
      `[${big}:00:00] Stunden`,
      `[0:${big}] Sekunden`,
      `[${big}:59.999] Bruch`,
      `[${i}:00] Normal`,
      'Stefan:',
      `[${'1'.repeat(17)}:00] Siebzehn Ziffern`,
    );
  }
  return out.join('\n');
}

function whitespaceZoo(): string {
  const lines = [
    'Chapters\u2028',
    '0:00:00 Begrüßung',
    '0:00:30\tTab Titel',
    'Transcript',
    'Begrüßung\u2029',
    'Malte:\u2028',
    '[0:01]\tHallo\u000bWelt\u000cund\u2028mehr',
    '\u000b\u000c\t Stefan:\t',
    '[0:05] Hallo\u2029Malte',
    'Anna\u2028Bert:',
    '[0:09] Zwei\u2028Namen',
    '\f[0:10] Formfeed',
    '\v\tMalte:',
    '\u00a0[0:12] NBSP',
    '[0:13]\u2028[0:14] Stamp after LS',
    'Stefan:\u2029Malte:',
    '[0:20] Ende\u0085NEL',
  ];
  // Every break LSP knows, in turn; U+2028/U+2029/U+0085 are ordinary characters.
  return joinLines(lines, ['\n', '\r\n', '\r'], false).repeat(300);
}

function duplicatedSections(copies: number): string {
  const block = [
    'Generated Shownotes',
    'Chapters',
    '0:00:00 Begrüßung',
    '0:01:00 Ende',
    'Long Summary',
    'Malte und Stefan.',
    'Tags',
    'Podcast',
    'Transcript',
    'Begrüßung',
    'Malte:',
    '[0:05] Hallo Stefan.',
    'Stephan:',
    '[0:30] Hallo Malte.',
    'Ende',
  ];
  const out: string[] = [];
  for (let i = 0; i < copies; i++) out.push(...block);
  return out.join('\n');
}

/** Builds each text once per process (the server and CLI tests share the 50 MB one). */
function once(build: () => string): () => string {
  let text: string | undefined;
  return () => (text ??= build());
}

/** The hostile corpus. Sizes are part of the names used in test titles. */
export const HOSTILE: readonly HostileInput[] = [
  { name: 'empty file', text: () => '' },
  { name: 'only a BOM', text: () => '\uFEFF' },
  {
    name: 'binary file (1 MB, NUL bytes)',
    text: () => binaryBytes().toString('utf8'),
    bytes: binaryBytes,
  },
  {
    name: '50 MB transcript',
    text: once(() => longTranscript({ targetChars: 50_000_000, chapters: 400 })),
    large: true,
  },
  {
    name: 'single 5 MB line',
    text: () => `[0:01] ${'Hallo Stefan und Malte 😀 '.repeat(200_000)}`,
  },
  { name: '100,000 speakers', text: once(() => manySpeakers(100_000)) },
  { name: '10,000 chapters', text: () => manyChapters(10_000) },
  { name: 'overflowing times', text: overflowingTimes },
  {
    name: 'label of 10,000 characters',
    text: () =>
      ['Transcript', `${'Ä'.repeat(10_000)}:`, '[0:01] Hallo', 'Malte:', '[0:02] Hallo'].join('\n'),
  },
  { name: 'tabs, FF, VT, U+2028/U+2029', text: whitespaceZoo },
  {
    name: 'deeply repeated [',
    text: () =>
      ['Transcript', '['.repeat(1_000_000), ...Array(20_000).fill(`${'['.repeat(50)}0:01] x`)].join(
        '\n',
      ),
  },
  { name: '1 MB line of :', text: () => `Transcript\nMalte:\n[0:01] x\n${':'.repeat(1_000_000)}` },
  { name: 'sections duplicated 5,000 times', text: () => duplicatedSections(5_000) },
];

/**
 * A transcript of `n` labels (about 19 characters a turn: 300,000 make 5.7
 * MB), 7 in 15 of them 'Stefen' beside 'Stefan': one rename fix with more
 * edits than a call's arguments may hold.
 */
export function manyLabelsOneMisspelt(n: number): string {
  const out = ['Transcript'];
  for (let i = 0; i < n; i++)
    out.push(i % 15 < 13 ? 'Stefan:' : 'Stefen:', `${stampText(i, 'm:ss')} Ja`);
  return `${out.join('\n')}\n`;
}

/** Podcasting 2.0 JSON chapters, `n` of them, every other one silent (`"toc": false`: a warning each). */
export function manyJsonChapters(n: number): string {
  const chapters = [];
  for (let i = 0; i < n; i++)
    chapters.push({ startTime: i, title: `Kapitel ${i}`, toc: i % 2 === 0 });
  return JSON.stringify({ version: '1.2.0', chapters });
}
