/**
 * Where the check of names in the text (`mentions.ts`) looks besides the
 * prose, and which places of a spelling it keeps: the words of chapter
 * titles and headings, phrases of the roster, and the rules that leave a
 * place alone (an ignored phrase, an address, someone else's first name or
 * surname, a line that would become a label).
 */
import type { TranscriptModel } from '../model';
import { isTitle, nameKey, nameParts, soundsLike } from '../names';
import { range, type Range } from '../text';
import type { Part } from './mentionSetup';
import { WORD } from './wordFilter';

/** The word starts with a lower-case letter. */
export function isLower(word: string): boolean {
  const c = word[0];
  return c === c.toLowerCase() && c !== c.toUpperCase();
}

export interface Titled {
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

export function titleWords(model: TranscriptModel): TitleWords {
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
export function ignored(model: TranscriptModel, r: Range, phrases: readonly string[]): boolean {
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
export function phrasePlaces(
  model: TranscriptModel,
  key: string,
  titled: readonly Titled[],
): Range[] {
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
export function anotherPerson(model: TranscriptModel, r: Range, target: Part): boolean {
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
export function wouldBeLabel(
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
export function sentenceStart(model: TranscriptModel, r: Range): boolean {
  const before = model.text.line(r.start.line).slice(0, r.start.character).trimEnd();
  return before === '' || /[.!?…:;"“„«»(\]\-–—]$/.test(before);
}

/** The word is part of an address or identifier (`…/Stefan`, `stefan@…`, `Stefan_x`, `Stefan2`). */
export function inIdentifier(model: TranscriptModel, r: Range): boolean {
  const line = model.text.line(r.start.line);
  const before = line.charAt(r.start.character - 1);
  const after = line.charAt(r.end.character);
  if (/[/@_\\#=\d]/.test(before) || /[/@_\d]/.test(after)) return true;
  // `stefan.example.org`: a dot with a letter right after it.
  return after === '.' && /[\p{L}\d]/u.test(line.charAt(r.end.character + 1));
}
