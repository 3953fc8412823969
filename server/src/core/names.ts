/**
 * Name similarity: is one spelling of a person's name a variant of another?
 * Kölner Phonetik (German sound codes) plus Levenshtein distance, with the
 * exceptions that mark different voices on purpose.
 */
import cologne from 'talisman/phonetics/german/cologne';
import { distance } from 'fastest-levenshtein';
import { detach } from './scan';

const phoneticCache = new Map<string, string>();

export function phonetic(name: string): string {
  let code = phoneticCache.get(name);
  if (code === undefined) {
    code = cologne(name);
    if (phoneticCache.size > 50_000) phoneticCache.clear();
    phoneticCache.set(detach(name), code);
  }
  return code;
}

const keyCache = new Map<string, string>();

/** Lower case, without punctuation or white space at either end. */
export function nameKey(name: string): string {
  // Cached as the sound codes are: the speaker check keys the same words of
  // a document again on every analysis.
  let key = keyCache.get(name);
  if (key === undefined) {
    key = trimPunctuation(name.toLowerCase()).replace(/\s+/g, ' ');
    if (keyCache.size > 50_000) keyCache.clear();
    keyCache.set(detach(name), key);
  }
  return key;
}

const EDGE = /[\s\p{P}]/u;

/**
 * Without white space or punctuation at either end. A loop, not an anchored
 * expression: `[\s\p{P}]+$` is tried at every position of a run and takes
 * quadratic time on a long run of punctuation inside a name.
 */
function trimPunctuation(s: string): string {
  let from = 0;
  let to = s.length;
  while (from < to && EDGE.test(s[from])) from++;
  while (to > from) {
    // A whole code point: a surrogate pair is never white space or punctuation.
    const c = s.charCodeAt(to - 1);
    if (c >= 0xdc00 && c <= 0xdfff) break;
    if (!EDGE.test(s[to - 1])) break;
    to--;
  }
  return s.slice(from, to);
}

const ROLE_SEPARATOR = /^[\s\-_/(,[]/;

export type Variant = 'punctuation' | 'truncation' | 'phonetic' | 'typo';

/**
 * How `a` is a variant spelling of `b`, or undefined when they are different
 * names. Names that differ by a number (`Speaker 1` / `Speaker 2`) or by a role
 * suffix (`Anna` / `Anna-Off`, `Anna (Telefon)`) are different voices.
 */
export function variantOf(a: string, b: string, allowTruncation = true): Variant | undefined {
  if (a === b) return undefined;
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (!ka || !kb) return undefined;
  if (ka === kb) return 'punctuation';
  if (/\d/.test(ka) || /\d/.test(kb)) return undefined;
  const [short, long] = ka.length <= kb.length ? [ka, kb] : [kb, ka];
  if (long.startsWith(short)) {
    if (ROLE_SEPARATOR.test(long.slice(short.length))) return undefined;
    return allowTruncation && short.length >= 3 ? 'truncation' : undefined;
  }
  const d = distance(ka, kb);
  if (d <= Math.max(1, Math.floor(long.length / 3)) && phonetic(ka) === phonetic(kb))
    return 'phonetic';
  if (d === 1 && short.length >= 4 && ka[0] === kb[0]) return 'typo';
  return undefined;
}

/** A single word of letters: such names are also looked for in the prose. */
export function isSingleWordName(name: string): boolean {
  return /^\p{L}[\p{L}\p{M}'’-]*$/u.test(name);
}

/** What joins two voices in one label: `Anna+Ben`, `Anna & Ben`, `Anna und Ben`, `Anna/Ben`. */
const JOINER = /\s*[+&/]\s*|\s+(?:und|and)\s+/iu;

/**
 * The names of a label for two or more voices at once, or undefined for a
 * label of one voice. Such a label is no misspelling of either name.
 */
export function compoundParts(name: string): string[] | undefined {
  if (!JOINER.test(name)) return undefined;
  const parts = name
    .split(JOINER)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.length >= 2 ? parts : undefined;
}

/**
 * Role labels that are ordinary words: their inflected forms in the text
 * (`Moderatorinnen`, `Gäste`) are words, not misspellings of a name.
 */
const ROLE_WORDS = new Set([
  'moderator',
  'moderatorin',
  'moderation',
  'gast',
  'gäste',
  'gastgeber',
  'gastgeberin',
  'host',
  'co-host',
  'cohost',
  'guest',
  'sprecher',
  'sprecherin',
  'übersetzer',
  'übersetzerin',
  'dolmetscher',
  'dolmetscherin',
  'interviewer',
  'interviewerin',
  'erzähler',
  'erzählerin',
  'narrator',
  'speaker',
  'sprecher*in',
  'unknown',
  'unbekannt',
  'redaktion',
  'publikum',
  'audience',
  'zuschauer',
  'zuschauerin',
  'anrufer',
  'anruferin',
  'caller',
  'hörer',
  'hörerin',
  'zuhörer',
  'zuhörerin',
  'listener',
  'reporter',
  'reporterin',
  'stimme',
  'voice',
  'intro',
  'outro',
  'jingle',
]);

/** A label that names a role (`Moderatorin`, `Gast`), not a person. */
export function isRoleName(name: string): boolean {
  return ROLE_WORDS.has(nameKey(name));
}

/** Titles that are part of a name label but never a name (`Dr. Anna Schmidt`). */
const TITLES = new Set([
  'dr',
  'prof',
  'herr',
  'frau',
  'mr',
  'mrs',
  'ms',
  'von',
  'van',
  'der',
  'de',
]);

/** A title that stands before a name (`Dr.`, `Frau`, `Mr`), not a name itself. */
export function isTitle(word: string): boolean {
  return TITLES.has(word.toLowerCase().replace(/\.$/, ''));
}

/**
 * The words of a person's name that the text may mention on their own:
 * `Dr. Anna Schmidt` → `Anna`, `Schmidt`. Words of three letters or more.
 */
export function nameParts(name: string): string[] {
  const out: string[] = [];
  for (const w of name.split(/[\s.]+/)) {
    if (w.length >= 3 && isSingleWordName(w) && !TITLES.has(w.toLowerCase()) && !out.includes(w))
      out.push(w);
  }
  return out;
}

/**
 * German role nouns beyond the built-in list: a stem that ends like an agent
 * noun (`Expert`, `Autor`, `Referent`, `Journalist`, `Sprecher`, `Biolog`)
 * and an inflection (`-in`, `-innen`, `-e`, `-en`, `-n`, `-s` or none).
 */
const ROLE_INFLECTION =
  /^(.{3,}?(?:or|ent|ant|ist|ert|er|eur|log|at|ar|är|zt|eg|ef|ier))(innen|in|en|es|e|n|s)?$/u;

/**
 * The stem of a word that reads as an inflected role noun (`expert` for
 * `expertin`, `experten`, `experte`), or undefined. Two words with the same
 * stem are forms of one word (`Experten` in the text beside the label
 * `Expertin`), not a name and its misspelling.
 */
export function roleStem(key: string): string | undefined {
  return ROLE_INFLECTION.exec(key)?.[1];
}

/**
 * A spelling without what speech cannot tell apart: accents (`José`),
 * umlauts as two letters (`Müller`, `Mueller`), `ph`/`f`, `th`/`t`, `dt`/`t`,
 * `ck`/`k`, `c`/`k` before a, o, u, `tz`/`z`, a silent `h` after a vowel,
 * doubled letters. Vowels and every other letter stay: `Malta` is not
 * `Malte`, `Kerl` is not `Karl`, `Steffen` is not `Stephan`.
 */
export function spokenSpelling(word: string): string {
  return word
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/dt/g, 't')
    .replace(/ck/g, 'k')
    .replace(/c(?=[aou])/g, 'k')
    .replace(/tz/g, 'z')
    .replace(/([aeiou])h(?![aeiouy])/g, '$1')
    .replace(/(.)\1+/g, '$1');
}

/**
 * Two spellings that are read out alike (`Thorsten` and `Torsten`, `Stefan`
 * and `Stephan`): the recogniser picked one of two ways to write the same
 * sound, so writing the label's way is certain. Near spellings that sound
 * different (`Carolin` for `Caroline`, `Malta` beside `Malte`) are offered,
 * not applied unattended.
 */
export function soundsTheSame(a: string, b: string): boolean {
  return spokenSpelling(a) === spokenSpelling(b);
}

/**
 * A word of the text that sounds like a word of a name and is spelt
 * otherwise: the same first letter and sound code and a small edit distance
 * (up to half the length for words of six letters or more that also end
 * alike: `steffen` for `Stephan`), or the name less its last letter
 * (`Carolin` for `Caroline`). A word that starts with the whole name
 * (`Moderatorinnen`, `Maltes`) is an inflected form, not a misspelling.
 * Tried on about 2,000 English and 1 German real transcripts: looser rules
 * took ordinary words for names (`Fresh` for `Feross`, `Well` for `Howell`).
 */
export function soundsLike(word: string, name: string): boolean {
  const kw = nameKey(word);
  const kn = nameKey(name);
  if (!kw || !kn || kw === kn || /\d/.test(kw) || /\d/.test(kn)) return false;
  if (kw.startsWith(kn)) return false;
  const stem = roleStem(kn);
  if (stem !== undefined && roleStem(kw) === stem) return false;
  if (kn.startsWith(kw)) return kn.length - kw.length === 1 && kw.length >= 5;
  if (kw[0] !== kn[0] || phonetic(kw) !== phonetic(kn)) return false;
  const long = Math.max(kw.length, kn.length);
  const d = distance(kw, kn);
  if (d <= Math.max(1, Math.floor(long / 3))) return true;
  return long >= 6 && kw[kw.length - 1] === kn[kn.length - 1] && d <= Math.floor(long / 2);
}
