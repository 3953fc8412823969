/** Which labels a label may be a variant of, without comparing every pair. */
import { nameKey, phonetic } from '../names';

/** Above this many distinct names, one-letter typos are only looked for among names of a kind. */
const PAIRWISE_LIMIT = 2000;

/**
 * The other labels a name may be a variant of, without comparing every pair
 * (100,000 speakers must not take hours): names with the same key, the same
 * sound code, names the key is the start of, and for typos names of nearly
 * the same length starting with the same letter.
 */
export function labelCandidates(names: readonly string[]): (name: string) => Iterable<string> {
  if (names.length <= 64) return () => names;
  const keyed = names.map((name) => ({ name, key: nameKey(name) }));
  const group = (f: (k: string) => string) => {
    const map = new Map<string, string[]>();
    for (const { name, key } of keyed) {
      const g = f(key);
      const list = map.get(g);
      if (list) list.push(name);
      else map.set(g, [name]);
    }
    return map;
  };
  const byKey = group((k) => k);
  const byCode = group((k) => phonetic(k));
  const byStart = group((k) => `${k.charAt(0)}${k.length}`);
  const sorted = [...keyed].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return (name) => {
    const key = nameKey(name);
    // A sound code shared by hundreds of names (digits and punctuation do not
    // sound) says nothing about any two of them.
    const sounding = byCode.get(phonetic(key)) ?? [];
    const out = new Set<string>([
      ...(byKey.get(key) ?? []),
      ...(sounding.length <= 256 ? sounding : []),
    ]);
    // Names that start with this key (truncation): a run in key order.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].key < key) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length && sorted[i].key.startsWith(key) && out.size < 256; i++)
      out.add(sorted[i].name);
    for (const d of [-1, 0, 1]) {
      const same = byStart.get(`${key.charAt(0)}${key.length + d}`) ?? [];
      if (names.length <= PAIRWISE_LIMIT || same.length <= 64) for (const n of same) out.add(n);
    }
    return out;
  };
}
