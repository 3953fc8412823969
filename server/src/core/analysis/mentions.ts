/**
 * Speakers' names as the text spells them: every word of the prose, the
 * summaries and the chapter titles that sounds like a word of a speaker's
 * name but is spelt otherwise (`Thorsten`, `thorsten` for the label
 * `Torsten`), grouped by spelling, with every place.
 */
import type { TranscriptModel } from '../model';
import {
  isRoleName,
  isTitle,
  nameKey,
  nameParts,
  phonetic,
  soundsLike,
  soundsTheSame,
  variantOf,
} from '../names';
import { detach } from '../scan';
import type { Settings } from '../settings';
import { comparePositions, range, type LineIndex, type Range } from '../text';
import { proseWordCounts, wordFilterFor, type WordFilter } from './nameWords';
import { carryPlaces, proseWordRanges } from './wordPlaces';

/** One misspelt spelling (ignoring case) of one word of a speaker's name. */
export interface Mentions {
  /** The word of the name it should be: `Torsten`. */
  readonly part: string;
  /** The speaker: a label's name or a roster name (`Anna Schmidt`). */
  readonly speaker: string;
  /** The speaker's labels in this episode, compound labels included. */
  readonly labels: number;
  readonly fromRoster: boolean;
  /** The roster lists this spelling as a misspelling of the speaker. */
  readonly listed: boolean;
  /**
   * Respelling every place is certain: the roster lists the spelling, or it
   * is read out exactly as the name is (`Thorsten`, `Torsten`).
   */
  readonly safe: boolean;
  /** Each spelling found (`Thorsten`, `thorsten`) with its count, most frequent first. */
  readonly forms: ReadonlyMap<string, number>;
  /** The spelling to name in titles, capitalised: `Thorsten`. */
  readonly capitalised: string;
  /** Every place, in text order. */
  readonly places: readonly Range[];
  /** The spelling at each place. */
  readonly formAt: readonly string[];
}

/** What the roster contributes to the text check. */
export interface RosterWords {
  readonly settings: Settings;
  /** Keys of wrong spellings → the speaker's name. */
  readonly wrong: ReadonlyMap<string, string>;
  readonly ignoreWords: ReadonlySet<string>;
  /** Keys of ignored phrases of several words (`stefan müller`). */
  readonly ignorePhrases: readonly string[];
}

export interface MentionInput {
  /** The speakers the text is checked against, with their label counts. */
  readonly speakers: ReadonlyMap<string, number>;
  readonly roster: RosterWords;
  /** Names whose words are right wherever they stand (every label, every roster spelling). */
  readonly known: Iterable<string>;
}

interface Part {
  readonly part: string;
  readonly speaker: string;
  readonly labels: number;
}

const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;

function isLower(word: string): boolean {
  const c = word[0];
  return c === c.toLowerCase() && c !== c.toUpperCase();
}

/**
 * Whether a word of the text may be a name at all: not an acronym (`JSON`),
 * and written capitalised at least as often as in lower case (`Well` at the
 * start of a sentence is `well`); a lower-case spelling counts when the text
 * also has it capitalised (`thorsten` beside `Thorsten`).
 */
function looksLikeName(word: string, count: (w: string) => number): boolean {
  if (word.length >= 2 && word === word.toUpperCase()) return false;
  const lower = word.toLowerCase();
  const capital = word.charAt(0).toUpperCase() + word.slice(1);
  if (isLower(word))
    return word.length >= 4 && count(capital) > 0 && count(capital) >= count(lower);
  return count(capital) >= count(lower);
}

/** What a word of the text is heard as: a roster misspelling, or like a word of a name. */
interface Heard {
  readonly wrong?: Part;
  readonly like?: Part;
}

/**
 * What `word` is heard as, before its counts are asked: a roster
 * misspelling, else (unless a known word) the word of a name it sounds like
 * that has the most labels.
 */
function hear(
  word: string,
  knownKeys: ReadonlySet<string>,
  wrong: ReadonlyMap<string, Part>,
  byCode: ReadonlyMap<string, Part[]>,
): Heard {
  const key = nameKey(word);
  const listed = wrong.get(key);
  if (listed) return { wrong: listed };
  if (knownKeys.has(key)) return {};
  let like: Part | undefined;
  for (const p of byCode.get(phonetic(key)) ?? []) {
    // Names of three letters or fewer sound like too many words.
    if (p.part.length < 4 || !soundsLike(word, p.part)) continue;
    if (!like || p.labels > like.labels) like = p;
  }
  return like ? { like } : {};
}

/** The last `Heard` cache, by what it depends on. */
let lastHeard: { key: string; heard: Map<string, Heard> } | undefined;
const MAX_HEARD = 100_000;

/** A cache of `hear` for these names, known words and misspellings (the last one kept). */
function soundsLikeFor(
  parts: ReadonlyMap<string, Part>,
  knownKeys: ReadonlySet<string>,
  wrong: ReadonlyMap<string, Part>,
): Map<string, Heard> {
  const show = (p: Part) => `${p.part}\u0001${p.speaker}\u0001${p.labels}`;
  const key = [
    [...parts.values()].map(show).join('\u0002'),
    [...knownKeys].join('\u0002'),
    [...wrong].map(([k, p]) => `${k}\u0003${show(p)}`).join('\u0002'),
  ].join('\u0004');
  if (lastHeard?.key !== key || lastHeard.heard.size > MAX_HEARD)
    lastHeard = { key, heard: new Map() };
  return lastHeard.heard;
}

/**
 * What the text check needs of the names, the known words and the roster's
 * misspellings, before it reads any text: made again only when they change
 * (a document's speakers and settings rarely change between two edits).
 */
interface Setup {
  readonly rosterNames: ReadonlySet<string>;
  readonly parts: ReadonlyMap<string, Part>;
  readonly knownKeys: ReadonlySet<string>;
  readonly wrong: ReadonlyMap<string, Part>;
  readonly wrongPhrases: readonly { key: string; target: Part }[];
  readonly byCode: ReadonlyMap<string, Part[]>;
  readonly filter: WordFilter | undefined;
  /** What a group's places are filtered by besides the places and their lines. */
  readonly params: string;
  /** What each word sounds like (see `soundsLikeFor`). */
  heard: Map<string, Heard>;
}

/**
 * The last setup, by the settings object and the speakers and known names it
 * was made for (and the objects they were given in: the same objects need no
 * key made to know they are the same).
 */
let lastSetup:
  | {
      settings: Settings;
      key: string;
      setup: Setup | undefined;
      speakers: MentionInput['speakers'];
      known: MentionInput['known'];
    }
  | undefined;

function setupFor(input: MentionInput): Setup | undefined {
  const { roster, speakers } = input;
  if (
    lastSetup?.settings === roster.settings &&
    lastSetup.speakers === speakers &&
    lastSetup.known === input.known
  )
    return lastSetup.setup;
  const known = [...input.known];
  const key = `${[...speakers].join('\u0001')}\u0002${known.join('\u0001')}`;
  const setup =
    lastSetup?.settings === roster.settings && lastSetup.key === key
      ? lastSetup.setup
      : makeSetup(input, known);
  lastSetup = { settings: roster.settings, key, setup, speakers, known: input.known };
  return setup;
}

function makeSetup(input: MentionInput, known: readonly string[]): Setup | undefined {
  const { roster } = input;
  const rosterNames = new Set(roster.settings.speakers.map((s) => s.name));
  const parts = new Map<string, Part>();
  for (const [speaker, labels] of input.speakers) {
    if (isRoleName(speaker)) continue;
    for (const part of nameParts(speaker)) {
      const key = nameKey(part);
      const had = parts.get(key);
      if (!had || had.labels < labels) parts.set(key, { part, speaker, labels });
    }
  }
  const knownKeys = new Set<string>(roster.ignoreWords);
  for (const name of known) for (const w of name.split(/\s+/)) knownKeys.add(nameKey(w));
  for (const key of parts.keys()) knownKeys.add(key);

  // Wrong spellings of one word, from the roster: toward the word of the name they are nearest.
  const wrong = new Map<string, Part>();
  const wrongPhrases: { key: string; target: Part }[] = [];
  for (const [key, speaker] of roster.wrong) {
    if (key.includes(' ')) {
      // `Matthias rein` for `Matthias Fein`: the whole phrase becomes the whole name.
      const labels = input.speakers.get(speaker) ?? 0;
      wrongPhrases.push({ key, target: { part: speaker, speaker, labels } });
      continue;
    }
    const words = nameParts(speaker);
    // Only toward a word it sounds like: 'Atoc' for 'Manuel Atug' must not become 'Manuel'.
    const part =
      words.length === 1 ? words[0] : words.find((w) => variantOf(key, w, false) !== undefined);
    if (part) wrong.set(key, { part, speaker, labels: input.speakers.get(speaker) ?? 0 });
  }
  if (parts.size === 0 && wrong.size === 0 && wrongPhrases.length === 0) return undefined;

  const byCode = new Map<string, Part[]>();
  for (const p of parts.values()) {
    const code = phonetic(nameKey(p.part));
    const list = byCode.get(code);
    if (list) list.push(p);
    else byCode.set(code, [p]);
  }
  return {
    rosterNames,
    parts,
    knownKeys,
    wrong,
    wrongPhrases,
    byCode,
    filter: wordFilterFor([...[...parts.values()].map((p) => p.part), ...wrong.keys()], true),
    params: [
      roster.ignorePhrases.join('\u0001'),
      known.join('\u0001'),
      [...wrong.keys()].join('\u0001'),
    ].join('\u0002'),
    heard: soundsLikeFor(parts, knownKeys, wrong),
  };
}

export function textMentions(model: TranscriptModel, input: MentionInput): Mentions[] {
  const { roster } = input;
  const setup = setupFor(input);
  if (!setup) return [];
  const { rosterNames, parts, knownKeys, wrong, wrongPhrases, byCode, filter, params } = setup;

  // How often the prose has each word, in either case: an ordinary word is
  // mostly written in lower case (`well`, `even`), a name never is.
  const counts = filter ? proseWordCounts(model, filter) : undefined;
  const count = (w: string) => counts?.count(w) ?? 0;

  const kept = counts?.quietEdit ? keptAfterQuietEdit(model, setup) : undefined;
  if (kept) return kept;

  // What each word sounds like depends only on the names, the known words
  // and the roster's misspellings: kept across analyses while they stay.
  if (setup.heard.size > MAX_HEARD) setup.heard = soundsLikeFor(parts, knownKeys, wrong);
  const soundsLikeCache = setup.heard;
  /** The word of a name `word` misspells, or undefined. */
  const decided = new Map<string, Part | undefined>();
  const heardOf = (word: string): Heard => {
    let heard = soundsLikeCache.get(word);
    if (heard === undefined) {
      heard = hear(word, knownKeys, wrong, byCode);
      soundsLikeCache.set(detach(word), heard);
    }
    return heard;
  };
  const soundsLikeAName = (word: string): boolean => {
    const heard = heardOf(word);
    return heard.wrong !== undefined || heard.like !== undefined;
  };
  const decide = (word: string): Part | undefined => {
    const heard = heardOf(word);
    // Most words sound like no name: decided without the map.
    if (heard.wrong === undefined && heard.like === undefined) return undefined;
    if (decided.has(word)) return decided.get(word);
    // A roster misspelling is wrong wherever it stands, even while a label still spells it so.
    const target =
      heard.wrong ??
      // Asked only of a word that sounds like a name: most words do not.
      (heard.like && looksLikeName(word, count) ? heard.like : undefined);
    decided.set(word, target);
    return target;
  };

  const groups = new Map<
    string,
    { target: Part; forms: string[]; extra: Range[]; inProse: boolean }
  >();
  const add = (word: string, target: Part, place?: Range, inProse = false) => {
    const id = `${target.part}\n${nameKey(word)}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { target, forms: [], extra: [], inProse: false }));
    if (!g.forms.includes(word)) g.forms.push(word);
    if (place) g.extra.push(place);
    g.inProse ||= inProse;
  };

  // What a word sounds like is kept with the cache it is kept in: each
  // word of the prose is heard once while the names stay.
  counts?.forEachKept(1, soundsLikeAName, soundsLikeCache, (word) => {
    const target = decide(word);
    if (target) add(word, target);
  });
  // Chapter titles, listed and as headings: not prose, but the recogniser's words too.
  const { titled, words } = titleWords(model);
  for (const w of words) {
    const target = decide(w.word);
    if (target) add(w.word, target, w.place);
  }

  for (const { key, target } of wrongPhrases) {
    const found = phrasePlaces(model, key, titled);
    for (const r of found) add(textAtRange(model, r), target, r, true);
  }

  const out: Mentions[] = [];
  const made = new Map<string, MadeGroup>();
  const before = groupsByText.get(model.text.editOf?.base ?? model.text);
  for (const [id, { target, forms, extra, inProse }] of groups) {
    const phrase = target.part === target.speaker && target.part.includes(' ');
    const lists = phrase ? [] : forms.map((form) => proseWordRanges(model, form));
    // The same place lists (kept for the text an edit was made from, so
    // none on the edited line: see `proseWordRanges`) and titles give the
    // same result; places from phrases in the prose are found afresh.
    const key = `${params}\u0002${target.speaker}\u0002${target.labels}\u0002${rosterNames.has(target.speaker)}\u0002${extra.map((r) => `${r.start.line}:${r.start.character}:${r.end.character}`).join(',')}`;
    const had = before?.get(id);
    if (
      !inProse &&
      !phrase &&
      had &&
      had.key === key &&
      had.lists.length === lists.length &&
      had.lists.every((l, i) => l === lists[i])
    ) {
      made.set(id, had);
      if (had.result) out.push(had.result);
      continue;
    }
    const result = mentionsOf(
      model,
      target,
      forms,
      extra,
      lists,
      phrase,
      wrong,
      roster,
      input,
      rosterNames,
    );
    if (!inProse && !phrase) made.set(id, { key, lists, result });
    if (result) out.push(result);
  }
  groupsByText.set(model.text, made);
  const forms: string[] = [];
  for (const g of groups.values()) for (const form of g.forms) forms.push(form);
  const { prose, chapters, headings } = model;
  lastMentions.set(model.text, { setup, prose, chapters, headings, out, forms });
  return out;
}

/**
 * The result for a text, with the setup and the parts of the model it was
 * made from. Not the model itself: it holds the text this is kept for, and
 * an entry whose value holds its key lives until a full collection (each
 * keystroke's model, with its copy of the paragraph list, then survived the
 * young generation's collections, which took 6 times as long).
 */
interface MadeMentions {
  readonly setup: Setup;
  readonly prose: TranscriptModel['prose'];
  readonly chapters: TranscriptModel['chapters'];
  readonly headings: TranscriptModel['headings'];
  readonly out: Mentions[];
  /** Every spelling of every group, kept or not. */
  readonly forms: readonly string[];
}

const lastMentions = new WeakMap<LineIndex, MadeMentions>();

/**
 * The result of the text an edit was made from, kept when the edit cannot
 * change it: the same names and settings (one setup), the same prose spans
 * and titles, no phrase of the roster to look for, an edited line that
 * counts the same words as before (`quietEdit`: every count is the same) and
 * has no spelling of any group before or after the edit (so no place is on
 * it: every place stands where it stood). The caches the next edit reads
 * from (the groups, the place lists) are carried over.
 */
function keptAfterQuietEdit(model: TranscriptModel, setup: Setup): Mentions[] | undefined {
  const { text } = model;
  const edit = text.editOf;
  const last = edit && lastMentions.get(edit.base);
  if (
    !edit ||
    !last ||
    last.setup !== setup ||
    setup.wrongPhrases.length > 0 ||
    last.prose !== model.prose ||
    last.chapters !== model.chapters ||
    last.headings !== model.headings
  )
    return undefined;
  const groups = groupsByText.get(edit.base);
  if (!groups) return undefined;
  const before = edit.base.line(edit.line);
  const after = text.line(edit.line);
  for (const form of last.forms)
    if (before.includes(form) || after.includes(form)) return undefined;
  carryPlaces(model, [before, after]);
  groupsByText.set(text, groups);
  lastMentions.set(text, last);
  return last.out;
}

interface Titled {
  readonly line: number;
  readonly from: number;
  readonly text: string;
}

/** The titles of chapters and headings, and their words of three letters or more. */
interface TitleWords {
  readonly titled: readonly Titled[];
  readonly words: readonly { readonly word: string; readonly place: Range }[];
}

/** `titleWords` by the chapters and then the headings they were read from (shared by a reread model). */
const titleWordsOf = new WeakMap<object, WeakMap<object, TitleWords>>();

function titleWords(model: TranscriptModel): TitleWords {
  let byHeadings = titleWordsOf.get(model.chapters);
  if (!byHeadings) titleWordsOf.set(model.chapters, (byHeadings = new WeakMap()));
  let made = byHeadings.get(model.headings);
  if (!made) {
    const titled: Titled[] = [
      ...model.chapters.map((c) => ({
        line: c.line,
        from: c.titleRange.start.character,
        text: c.title,
      })),
      ...model.headings.map((h) => ({ line: h.line, from: h.range.start.character, text: h.text })),
    ];
    const words: { word: string; place: Range }[] = [];
    for (const t of titled)
      for (const m of t.text.matchAll(WORD))
        if (m[0].length >= 3)
          words.push({
            word: m[0],
            place: range(t.line, t.from + m.index, t.from + m.index + m[0].length),
          });
    byHeadings.set(model.headings, (made = { titled, words }));
  }
  return made;
}

/** A group's result (see `textMentions`), by what it was made from. */
interface MadeGroup {
  readonly key: string;
  readonly lists: readonly (readonly Range[])[];
  readonly result: Mentions | undefined;
}

/**
 * The groups made for a text, by their id: a text an edit was made from
 * (see `reread`) lends its results to the edited one.
 */
const groupsByText = new WeakMap<LineIndex, Map<string, MadeGroup>>();

/** The mentions of one group: its places filtered, counted and described; undefined when none is kept. */
function mentionsOf(
  model: TranscriptModel,
  target: Part,
  forms: readonly string[],
  extra: readonly Range[],
  lists: readonly (readonly Range[])[],
  phrase: boolean,
  wrong: ReadonlyMap<string, Part>,
  roster: RosterWords,
  input: MentionInput,
  rosterNames: ReadonlySet<string>,
): Mentions | undefined {
  {
    const places: Range[] = [...extra];
    for (const list of lists) for (const r of list) places.push(r);
    const kept = places.filter(
      (r) =>
        !ignored(model, r, roster.ignorePhrases) &&
        !inIdentifier(model, r) &&
        !anotherPerson(model, r, target) &&
        !wouldBeLabel(model, r, target.part, input.known),
    );
    // A word only ever capitalised where a sentence starts is an ordinary
    // word (`Well, …`); a name is capitalised in the middle of one too.
    const textAt = (r: Range) => textAtRange(model, r);
    const listed = phrase || wrong.has(nameKey(forms[0]));
    if (!listed && !kept.some((r) => !isLower(textAt(r)) && !sentenceStart(model, r)))
      return undefined;
    if (kept.length === 0) return undefined;
    kept.sort((a, b) => comparePositions(a.start, b.start));
    const counts = new Map<string, number>();
    const formAt = kept.map(textAt);
    for (const form of formAt) counts.set(form, (counts.get(form) ?? 0) + 1);
    const sorted = new Map([...counts].sort((a, b) => b[1] - a[1]));
    const upper = [...sorted.keys()].find((f) => !isLower(f));
    const first = [...sorted.keys()][0];
    return {
      part: target.part,
      speaker: target.speaker,
      labels: target.labels,
      fromRoster: rosterNames.has(target.speaker),
      listed,
      // A name on one label only (a clip, a caller) is too little to rewrite the text after.
      safe:
        listed ||
        (soundsTheSame(forms[0], target.part) &&
          (target.labels >= 2 || rosterNames.has(target.speaker))),
      forms: sorted,
      capitalised: upper ?? first.charAt(0).toUpperCase() + first.slice(1),
      places: kept,
      formAt,
    };
  }
}

function textAtRange(model: TranscriptModel, r: Range): string {
  return model.text.line(r.start.line).slice(r.start.character, r.end.character);
}

const phraseExpressions = new Map<string, RegExp>();

/**
 * A phrase of words, in any case, with any white space between them, as a
 * whole (`stefan müller` finds `Stefan  Müller`, not `Stefan Müllers`).
 * Matched on the line itself, not on a lower-cased copy, whose offsets
 * differ where lower-casing changes a length (`İ`).
 */
function phraseExpression(key: string): RegExp {
  let re = phraseExpressions.get(key);
  if (!re) {
    const words = key.split(' ').map((w) => w.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'));
    re = new RegExp(`(?<![\\p{L}\\p{M}\\d])${words.join('\\s+')}(?![\\p{L}\\p{M}\\d])`, 'giu');
    phraseExpressions.set(key, re);
  }
  return re;
}

/** The place lies inside an ignored phrase (`Stefan` in `Stefan Müller`). */
function ignored(model: TranscriptModel, r: Range, phrases: readonly string[]): boolean {
  if (phrases.length === 0) return false;
  const line = model.text.line(r.start.line);
  for (const phrase of phrases) {
    const re = phraseExpression(phrase);
    re.lastIndex = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      if (m.index <= r.start.character && r.end.character <= m.index + m[0].length) return true;
    }
  }
  return false;
}

/** Every place of a phrase (a key of several words) in the prose and in the titles. */
function phrasePlaces(model: TranscriptModel, key: string, titled: readonly Titled[]): Range[] {
  const re = phraseExpression(key);
  const out: Range[] = [];
  const { prose } = model;
  for (let i = 0; i < prose.length; i++) {
    const line = model.text.line(prose.lines[i]);
    re.lastIndex = prose.starts[i];
    for (let m = re.exec(line); m; m = re.exec(line))
      out.push(range(prose.lines[i], m.index, m.index + m[0].length));
  }
  for (const t of titled) {
    re.lastIndex = 0;
    for (let m = re.exec(t.text); m; m = re.exec(t.text))
      out.push(range(t.line, t.from + m.index, t.from + m.index + m[0].length));
  }
  return out;
}

/**
 * The word is the first name of someone else: followed by a surname that is
 * none of the speaker's (`Jon Hoyt`, `Jerrod Engelberg` beside the speaker
 * `Jerod Santo`). Only for speakers whose full name is known.
 */
function anotherPerson(model: TranscriptModel, r: Range, target: Part): boolean {
  const words = nameParts(target.speaker);
  if (words.length < 2) return false;
  const line = model.text.line(r.start.line);
  const isOwn = (w: string) => words.some((x) => nameKey(x) === nameKey(w) || soundsLike(w, x));
  if (target.part !== words[words.length - 1]) {
    const after = /^ (\p{Lu}[\p{L}\p{M}'’-]*)/u.exec(line.slice(r.end.character));
    return after !== null && !isOwn(after[1]);
  }
  // The surname after a first name that is none of the speaker's (`Rahul
  // Verma`, `Hal Varian` beside the speaker `Amit Varma`); not after a title
  // (`Frau Schmitt`) or a capital that only starts the sentence.
  const before = /(?:^|([.!?:;"“„(\]>]\s*)|\s)(\p{Lu}[\p{L}\p{M}'’-]*) $/u.exec(
    line.slice(0, r.start.character),
  );
  if (!before || before.index === 0 || before[1] !== undefined) return false;
  const previous = before[2];
  return !isTitle(previous) && !isOwn(previous);
}

/**
 * Respelling the place would make its line a speaker label: a prose line
 * that is only `Thorsten:` stays prose, but `Torsten:` is a name confirmed
 * elsewhere and would open a turn. Such a place is left alone.
 */
function wouldBeLabel(
  model: TranscriptModel,
  r: Range,
  respelt: string,
  known: Iterable<string>,
): boolean {
  const line = model.text.line(r.start.line);
  if (!/^:\s*$/.test(line.slice(r.end.character))) return false;
  const name = (line.slice(0, r.start.character) + respelt).trim();
  for (const k of known) if (k === name) return true;
  return false;
}

/** Nothing but a sentence's end, an opening quote or a stamp comes before the place on its line. */
function sentenceStart(model: TranscriptModel, r: Range): boolean {
  const before = model.text.line(r.start.line).slice(0, r.start.character).trimEnd();
  return before === '' || /[.!?…:;"“„«»(\]\-–—]$/.test(before);
}

/** The word is part of an address or identifier (`…/Stefan`, `stefan@…`, `Stefan_x`, `Stefan2`). */
function inIdentifier(model: TranscriptModel, r: Range): boolean {
  const line = model.text.line(r.start.line);
  const before = line.charAt(r.start.character - 1);
  const after = line.charAt(r.end.character);
  if (/[/@_\\#=\d]/.test(before) || /[/@_\d]/.test(after)) return true;
  // `stefan.example.org`: a dot with a letter right after it.
  return after === '.' && /[\p{L}\d]/u.test(line.charAt(r.end.character + 1));
}
