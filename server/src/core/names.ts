/**
 * Name similarity: is one spelling of a person's name a variant of another?
 * Kölner Phonetik (German sound codes) plus Levenshtein distance, with the
 * exceptions that mark different voices on purpose.
 */
import cologne from 'talisman/phonetics/german/cologne';
import { distance } from 'fastest-levenshtein';

const phoneticCache = new Map<string, string>();

export function phonetic(name: string): string {
  let code = phoneticCache.get(name);
  if (code === undefined) {
    code = cologne(name);
    if (phoneticCache.size > 50_000) phoneticCache.clear();
    phoneticCache.set(name, code);
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
    key = name
      .toLowerCase()
      .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '')
      .replace(/\s+/g, ' ');
    if (keyCache.size > 50_000) keyCache.clear();
    keyCache.set(name, key);
  }
  return key;
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
