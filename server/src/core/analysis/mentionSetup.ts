/**
 * What the check of names in the text (`mentions.ts`) needs before it reads
 * any text: the words of the speakers' names, the known words, the roster's
 * misspellings, and what each word of the text is heard as. Made again only
 * when the names or the settings change.
 */
import { isRoleName, nameKey, nameParts, phonetic, soundsLike, variantOf } from '../names';
import type { Settings } from '../settings';
import { isLower } from './mentionPlaces';
import { wordFilterFor, type WordFilter } from './nameWords';

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

export interface Part {
  readonly part: string;
  readonly speaker: string;
  readonly labels: number;
}

/**
 * Whether a word of the text may be a name at all: not an acronym (`JSON`),
 * and written capitalised at least as often as in lower case (`Well` at the
 * start of a sentence is `well`); a lower-case spelling counts when the text
 * also has it capitalised (`thorsten` beside `Thorsten`).
 */
export function looksLikeName(word: string, count: (w: string) => number): boolean {
  if (word.length >= 2 && word === word.toUpperCase()) return false;
  const lower = word.toLowerCase();
  const capital = word.charAt(0).toUpperCase() + word.slice(1);
  if (isLower(word))
    return word.length >= 4 && count(capital) > 0 && count(capital) >= count(lower);
  return count(capital) >= count(lower);
}

/** What a word of the text is heard as: a roster misspelling, or like a word of a name. */
export interface Heard {
  readonly wrong?: Part;
  readonly like?: Part;
}

/**
 * What `word` is heard as, before its counts are asked: a roster
 * misspelling, else (unless a known word) the word of a name it sounds like
 * that has the most labels.
 */
export function hear(
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
export const MAX_HEARD = 100_000;

/** A cache of `hear` for these names, known words and misspellings (the last one kept). */
export function soundsLikeFor(
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
export interface Setup {
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

export function setupFor(input: MentionInput): Setup | undefined {
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
