/**
 * Speakers' names as the text spells them: every word of the prose, the
 * summaries and the chapter titles that sounds like a word of a speaker's
 * name but is spelt otherwise (`Thorsten`, `thorsten` for the label
 * `Torsten`), grouped by spelling, with every place. What is made before any
 * text is read (the names' words, what a word is heard as) is in
 * `mentionSetup.ts`; the titles' words, the roster's phrases and the rules
 * that leave a place alone are in `mentionPlaces.ts`. This file groups the
 * spellings, describes each group, and keeps its results for the next edit.
 */
import type { TranscriptModel } from '../model';
import { nameKey, soundsTheSame } from '../names';
import { detach } from '../scan';
import { comparePositions, type LineIndex, type Range } from '../text';
import {
  anotherPerson,
  ignored,
  inIdentifier,
  isLower,
  phrasePlaces,
  sentenceStart,
  titleWords,
  wouldBeLabel,
} from './mentionPlaces';
import {
  hear,
  looksLikeName,
  MAX_HEARD,
  setupFor,
  soundsLikeFor,
  type Heard,
  type MentionInput,
  type Part,
  type RosterWords,
  type Setup,
} from './mentionSetup';
import { proseWordCounts } from './nameWords';
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
    for (const r of found) add(model.text.textIn(r), target, r, true);
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
  const textAt = (r: Range) => model.text.textIn(r);
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
