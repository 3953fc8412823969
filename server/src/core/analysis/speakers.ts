/**
 * The speaker check: a label that is a near spelling of a more credible name
 * for the same person (another label, a configured speaker, or how the text
 * itself spells the name). Evidence is counted on both sides and shown.
 */
import { SEVERITY, type Finding, type Fix, type RelatedInformation } from '../findings';
import type { SpeakerLabel, TranscriptModel } from '../model';
import { isSingleWordName, nameKey, phonetic, variantOf } from '../names';
import type { Settings } from '../settings';
import type { Range } from '../text';
import { NO_WORDS, proseWordCounts, proseWordRanges, wordFilterFor } from './nameWords';

export const ACCEPT_SPEAKER_COMMAND = 'transcript.acceptSpeaker';

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

function labelsCount(n: number): string {
  return n === 1 ? '1 label' : `${n} labels`;
}

interface Suggestion {
  readonly kind: 'configured' | 'label' | 'workspace' | 'text';
  readonly name: string;
  readonly message: string;
  readonly related?: { range: Range; message: string };
  /** The reverse repair, when the evidence points both ways (made when first asked for). */
  readonly reverse?: () => Fix;
}

/** Above this many distinct names, one-letter typos are only looked for among names of a kind. */
const PAIRWISE_LIMIT = 2000;

/**
 * The other labels a name may be a variant of, without comparing every pair
 * (100,000 speakers must not take hours): names with the same key, the same
 * sound code, names the key is the start of, and for typos names of nearly
 * the same length starting with the same letter.
 */
function labelCandidates(names: readonly string[]): (name: string) => Iterable<string> {
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

/** What the rest of the workspace says: in how many other episodes each speaker name has labels. */
export interface SpeakerContext {
  readonly otherEpisodes?: ReadonlyMap<string, number>;
}

/** A name used in this many other episodes is an established spelling. */
const ESTABLISHED = 3;

export function speakerFindings(
  model: TranscriptModel,
  settings: Settings,
  context: SpeakerContext = {},
): Finding[] {
  if (model.labels.length === 0) return [];
  const byName = new Map<string, SpeakerLabel[]>();
  for (const label of model.labels) {
    const list = byName.get(label.name);
    if (list) list.push(label);
    else byName.set(label.name, [label]);
  }
  const accepted = new Set<string>();
  for (const s of settings.speakers) {
    accepted.add(s.name);
    for (const a of s.aliases) accepted.add(a);
  }
  const filter = wordFilterFor([...byName.keys(), ...accepted]);
  const words = filter ? proseWordCounts(model, filter) : NO_WORDS;
  const text = (name: string) => words.count(name);
  const labels = (name: string) => byName.get(name)?.length ?? 0;
  /**
   * Which spelling is more credible: the one the text itself uses more often
   * (people say and write their names right; the labels repeat one machine
   * decision), then the one on more labels, then the one used first.
   */
  const credibility = (a: string, b: string) =>
    text(a) - text(b) || labels(a) - labels(b) || byName.get(b)![0].line - byName.get(a)![0].line;

  const renameLabels = (from: string, to: string): Fix => {
    const list = byName.get(from) ?? [];
    return {
      title: `Rename speaker '${from}' to '${to}' (${labelsCount(list.length)})`,
      edits: list.map((l) => ({ range: l.nameRange, newText: to })),
    };
  };

  const candidates = labelCandidates([...byName.keys()]);
  // Prose words by sound code, built on first use: a spelling in the text
  // must sound like the label, so only words of the same code are compared.
  let byCode: Map<string, string[]> | undefined;
  const wordsByCode = () => {
    if (!byCode) {
      const codes = new Map<string, string[]>();
      words.forEach(2, (word) => {
        const code = phonetic(nameKey(word));
        const list = codes.get(code);
        if (list) list.push(word);
        else codes.set(code, [word]);
      });
      byCode = codes;
    }
    return byCode;
  };

  const suggest = (name: string): Suggestion | undefined => {
    for (const s of settings.speakers) {
      if ([s.name, ...s.aliases].some((n) => variantOf(name, n) !== undefined)) {
        return {
          kind: 'configured',
          name: s.name,
          message: `'${name}' (${labelsCount(labels(name))}) is a near spelling of the known speaker '${s.name}' (transcript.speakers)`,
        };
      }
    }

    let best: string | undefined;
    for (const other of candidates(name)) {
      if (other === name) continue;
      const variant = variantOf(name, other);
      if (!variant) continue;
      if (variant === 'truncation' && labels(other) < 3 * labels(name)) continue;
      if (credibility(other, name) > 0 && (!best || credibility(other, best) > 0)) best = other;
    }
    if (best) {
      const first = byName.get(best)![0];
      const bothWays = labels(name) > labels(best) || text(name) > text(best);
      const mentions = (n: string) => (text(n) ? `, ${times(text(n))} in the text` : '');
      return {
        kind: 'label',
        name: best,
        message: `'${name}' (${labelsCount(labels(name))}${mentions(name)}) looks like a misspelling of '${best}' (${labelsCount(labels(best))}${mentions(best)})`,
        related: { range: first.nameRange, message: `'${best}' is used here` },
        reverse: bothWays ? () => renameLabels(best, name) : undefined,
      };
    }

    const episodes = context.otherEpisodes;
    if (episodes && episodes.size > 0) {
      const own = episodes.get(name) ?? 0;
      let established: string | undefined;
      for (const [other, count] of episodes) {
        if (other === name || byName.has(other) || count < ESTABLISHED || count <= 3 * own)
          continue;
        if (!variantOf(name, other)) continue;
        if (!established || count > episodes.get(established)!) established = other;
      }
      if (established) {
        const count = episodes.get(established)!;
        return {
          kind: 'workspace',
          name: established,
          message: `'${name}' here (${labelsCount(labels(name))}${own ? `, ${own} other ${own === 1 ? 'episode' : 'episodes'}` : ''}); '${established}' in ${count} other episodes`,
        };
      }
    }

    if (!isSingleWordName(name)) return undefined;
    let bestWord: string | undefined;
    for (const word of wordsByCode().get(phonetic(nameKey(name))) ?? []) {
      const count = text(word);
      if (count < 2 || count <= text(name) || byName.has(word)) continue;
      if (Math.abs(word.length - name.length) > 2) continue;
      if (variantOf(name, word, false) !== 'phonetic') continue;
      if (!bestWord || count > text(bestWord)) bestWord = word;
    }
    if (!bestWord) return undefined;
    const places = proseWordRanges(model, bestWord);
    const own = text(name) ? `, '${name}' ${times(text(name))}` : '';
    return {
      kind: 'text',
      name: bestWord,
      message: `'${name}' (${labelsCount(labels(name))}) is spelt '${bestWord}' ${times(text(bestWord))} in the text${own}`,
      related: places[0] && { range: places[0], message: `'${bestWord}' in the text` },
      reverse: () => ({
        title: `Respell '${bestWord}' as '${name}' in the text (${places.length} ${places.length === 1 ? 'place' : 'places'})`,
        edits: places.map((r) => ({ range: r, newText: name })),
      }),
    };
  };

  const findings: Finding[] = [];
  for (const [name, list] of byName) {
    if (accepted.has(name)) continue;
    const s = suggest(name);
    if (!s) continue;
    const fixes = new SpellingFixes(name, s, () => renameLabels(name, s.name));
    // What all labels of the name share is made once (a name may have
    // thousands of labels).
    const related = s.related ? [s.related] : undefined;
    for (let i = 0; i < list.length; i++)
      findings.push(new SpellingFinding(list[i].nameRange, s.message, related, fixes, i));
  }
  return findings;
}

/**
 * The repairs of one misspelt name, made when an editor first asks for the
 * fixes of one of its findings: publishing diagnostics after every edit needs
 * none of them, and a name may have thousands of labels.
 */
class SpellingFixes {
  private all: Fix | undefined;
  private accept: Fix | undefined;
  private reverse: Fix | undefined;

  constructor(
    private readonly name: string,
    private readonly suggestion: Suggestion,
    /** One edit per label of the name, in the order of its findings. */
    private readonly rename: () => Fix,
  ) {}

  /** The fixes of the finding on the name's `i`-th label. */
  forLabel(i: number): readonly Fix[] {
    if (!this.all) {
      const rename = this.rename();
      this.all = { title: rename.title, edits: rename.edits, preferred: true, safe: true };
      this.accept = {
        title: `Accept '${this.name}' as a known speaker`,
        edits: [],
        command: { id: ACCEPT_SPEAKER_COMMAND, args: [this.name] },
      };
      this.reverse = this.suggestion.reverse?.();
    }
    const fixes: Fix[] = [this.all];
    // The rename's edit of this label is the same edit: shared, not made again.
    if (this.all.edits.length > 1)
      fixes.push({
        title: `Change only this label to '${this.suggestion.name}'`,
        edits: [this.all.edits[i]],
      });
    if (this.reverse) fixes.push(this.reverse);
    fixes.push(this.accept!);
    return fixes;
  }
}

/** A speaker-spelling finding whose fixes are made when first asked for. */
class SpellingFinding implements Finding {
  readonly code = 'speaker-spelling';
  readonly severity = SEVERITY['speaker-spelling'];
  private made: readonly Fix[] | undefined;

  constructor(
    readonly range: Range,
    readonly message: string,
    readonly related: readonly RelatedInformation[] | undefined,
    private readonly repairs: SpellingFixes,
    private readonly label: number,
  ) {}

  get fixes(): readonly Fix[] {
    return (this.made ??= this.repairs.forLabel(this.label));
  }
}
