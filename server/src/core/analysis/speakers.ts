/**
 * The speaker checks. Who is right when names disagree: the roster (what the
 * producer vouches for) outranks the labels, and a label spelt one way
 * throughout outranks the text, which comes from speech recognition and
 * cannot hear how a name is spelt.
 *
 * - `speaker-spelling`: a label that is a near spelling of a roster name, or
 *   a minority label beside a much more frequent one (`Malt` beside `Malte`).
 * - `speaker-name-in-text`: a word in the text (body, summaries, chapter
 *   titles) that is a near spelling of a speaker's name: the recogniser's
 *   misspelling, repaired toward the label.
 */
import {
  SEVERITY,
  type Finding,
  type Fix,
  type RelatedInformation,
  type Severity,
} from '../findings';
import type { SpeakerLabel, TranscriptModel } from '../model';
import { compoundParts, isRoleName, nameKey, nameParts, variantOf } from '../names';
import type { RosterChange } from '../roster';
import type { Settings } from '../settings';
import type { Range } from '../text';
import { textMentions, type Mentions } from './mentions';
import { labelCandidates } from './labelCandidates';

export const ACCEPT_SPEAKER_COMMAND = 'transcript.acceptSpeaker';
/** Adds a name to the roster: `{ kind: 'misspelling' | 'ignore', name, speaker? }`. */
export const ADD_TO_ROSTER_COMMAND = 'transcript.addToRoster';

/** A roster change a quick fix asks the editor to make. */
export type RosterEdit = Exclude<RosterChange, { kind: 'speaker' }>;

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

function labelsCount(n: number): string {
  return n === 1 ? '1 label' : `${n} labels`;
}

function places(n: number): string {
  return n === 1 ? '1 place' : `${n} places`;
}

/** A minority label is renamed unattended when the other spelling has this many times its labels. */
export const SAFE_LABEL_RATIO = 5;
/** Below this ratio two label spellings are close to even: both directions are offered. */
const EVEN_RATIO = 2;
/** A name used in this many other episodes is an established spelling. */
const ESTABLISHED = 3;

/** What the rest of the workspace says: in how many other episodes each speaker name has labels. */
export interface SpeakerContext {
  readonly otherEpisodes?: ReadonlyMap<string, number>;
}

/** Why a label is thought misspelt, and toward which name. */
interface LabelVerdict {
  readonly name: string;
  readonly message: string;
  readonly related?: RelatedInformation;
  /** Applied by fix-all and `transcript fix`. */
  readonly safe: boolean;
  /** Offered first (not when two spellings are close to even). */
  readonly preferred: boolean;
  /** Renaming the other way, when the evidence is close to even. */
  readonly reverse?: boolean;
  /** The name is another label's: accepting this one as right accepts that one too. */
  readonly distinct?: boolean;
}

/** The roster as the checks use it: canonical names by key. */
class RosterIndex {
  /** Exact names and aliases: never reported. */
  readonly accepted = new Set<string>();
  /** Keys of wrong spellings → the speaker's name. */
  readonly wrong = new Map<string, string>();
  readonly ignoreWords = new Set<string>();
  readonly ignorePhrases: string[] = [];

  constructor(readonly settings: Settings) {
    for (const s of settings.speakers) {
      this.accepted.add(s.name);
      for (const a of s.aliases) this.accepted.add(a);
      for (const m of s.misspellings) if (m !== s.name) this.wrong.set(nameKey(m), s.name);
    }
    for (const i of settings.ignoreNames) {
      const key = nameKey(i);
      if (!key) continue;
      if (key.includes(' ')) this.ignorePhrases.push(key);
      else this.ignoreWords.add(key);
    }
  }

  /** The roster speaker `name` is a near spelling of (not one of its own spellings). */
  nearSpeaker(name: string): string | undefined {
    for (const s of this.settings.speakers)
      if ([s.name, ...s.aliases].some((n) => variantOf(name, n) !== undefined)) return s.name;
    return undefined;
  }
}

const rosters = new WeakMap<Settings, RosterIndex>();

export function speakerFindings(
  model: TranscriptModel,
  settings: Settings,
  context: SpeakerContext = {},
): Finding[] {
  if (model.labels.length === 0 && settings.speakers.length === 0) return [];
  const byName = labelsByName(model.labels);
  let roster = rosters.get(settings);
  if (!roster) rosters.set(settings, (roster = new RosterIndex(settings)));
  const labels = (name: string) => byName.get(name)?.length ?? 0;
  const renameLabels = (from: string, to: string): Fix => {
    const list = byName.get(from) ?? [];
    return {
      title: `Rename speaker '${from}' to '${to}' (${labelsCount(list.length)})`,
      edits: list.map((l) => ({ range: l.nameRange, newText: to })),
    };
  };

  // The labels' verdicts and findings, kept while the labels, the settings
  // and the other episodes are the same (an edit in prose keeps them), unless
  // the text broke a tie between two labels.
  let labelMade = labelsMade.get(model.labels);
  if (labelMade?.settings !== settings || labelMade.episodes !== context.otherEpisodes) {
    const used = { text: false };
    const verdicts = labelVerdicts(model, byName, roster, context, used);
    const made: Finding[] = [];
    for (const [name, v] of verdicts) {
      const fixes = new LabelFixes(
        name,
        v,
        () => renameLabels(name, v.name),
        () => renameLabels(v.name, name),
      );
      const related = v.related ? [v.related] : undefined;
      const list = byName.get(name)!;
      for (let i = 0; i < list.length; i++)
        made.push(
          new LazyFinding('speaker-spelling', list[i].nameRange, v.message, related, () =>
            fixes.forLabel(i),
          ),
        );
    }
    // The names the text is checked against: every label not itself thought
    // misspelt (the parts of a compound label each), and the roster's names.
    const speakers = new Map<string, number>();
    for (const name of byName.keys()) {
      if (verdicts.has(name) || isRoleName(name) || /\d/.test(name)) continue;
      for (const one of compoundParts(name) ?? [name])
        speakers.set(one, (speakers.get(one) ?? 0) + labels(name));
    }
    for (const s of settings.speakers)
      if (!speakers.has(s.name)) speakers.set(s.name, labels(s.name));
    labelMade = {
      settings,
      episodes: context.otherEpisodes,
      findings: made,
      speakers,
      // Spellings never reported: every label's and every roster name's words.
      known: [...byName.keys(), ...roster.accepted],
    };
    if (!used.text) labelsMade.set(model.labels, labelMade);
  }
  const findings: Finding[] = labelMade.findings.slice();
  const { speakers, known } = labelMade;
  const mentions = textMentions(model, { speakers, roster, known });
  for (const m of mentions) {
    // A group of mentions the text check kept from the previous text (see
    // `textMentions`) has the same findings while the labels are the same.
    let made = mentionFindings.get(m);
    if (made?.labels !== model.labels) {
      const list: Finding[] = [];
      addMentionFindings(list, m, byName, renameLabels);
      mentionFindings.set(m, (made = { labels: model.labels, findings: list }));
    }
    for (const f of made.findings) findings.push(f);
  }
  return findings;
}

/** The label findings per label list, with what else they were made from (see `speakerFindings`). */
const labelsMade = new WeakMap<
  readonly SpeakerLabel[],
  {
    readonly settings: Settings;
    readonly episodes: SpeakerContext['otherEpisodes'];
    readonly findings: readonly Finding[];
    readonly speakers: ReadonlyMap<string, number>;
    readonly known: readonly string[];
  }
>();

/** Each group's findings, with the labels they were made with. */
const mentionFindings = new WeakMap<
  Mentions,
  { readonly labels: readonly SpeakerLabel[]; readonly findings: readonly Finding[] }
>();

/** The labels by name, in text order, kept per label list (a model `reread` made shares its list). */
const byNameOf = new WeakMap<
  readonly SpeakerLabel[],
  ReadonlyMap<string, readonly SpeakerLabel[]>
>();

function labelsByName(
  labels: readonly SpeakerLabel[],
): ReadonlyMap<string, readonly SpeakerLabel[]> {
  let byName = byNameOf.get(labels);
  if (!byName) {
    const made = new Map<string, SpeakerLabel[]>();
    for (const label of labels) {
      const list = made.get(label.name);
      if (list) list.push(label);
      else made.set(label.name, [label]);
    }
    byNameOf.set(labels, (byName = made));
  }
  return byName;
}

/** Each label name thought misspelt, with the name it should be. */
function labelVerdicts(
  model: TranscriptModel,
  byName: ReadonlyMap<string, readonly SpeakerLabel[]>,
  roster: RosterIndex,
  context: SpeakerContext,
  /** Set when the text's spellings decided a verdict (the result then depends on the prose). */
  used: { text: boolean },
): Map<string, LabelVerdict> {
  const labels = (name: string) => byName.get(name)?.length ?? 0;
  const episodes = context.otherEpisodes;
  const first = (name: string) => byName.get(name)![0].line;
  /**
   * Which of two label spellings is more credible: more labels, then more
   * other episodes, then the text's spelling (only to break a tie), then
   * the one used first.
   */
  let text: ((name: string) => number) | undefined;
  const textCount = (name: string) => {
    used.text = true;
    return (text ??= textCounter(model, byName.keys()))(name);
  };
  const credibility = (a: string, b: string) =>
    labels(a) - labels(b) ||
    (episodes?.get(a) ?? 0) - (episodes?.get(b) ?? 0) ||
    textCount(a) - textCount(b) ||
    first(b) - first(a);

  const candidates = labelCandidates([...byName.keys()]);
  const out = new Map<string, LabelVerdict>();
  for (const name of byName.keys()) {
    if (roster.accepted.has(name) || compoundParts(name)) continue;
    const own = labelsCount(labels(name));
    const wrongOf = roster.wrong.get(nameKey(name));
    if (wrongOf !== undefined && wrongOf !== name) {
      out.set(name, {
        name: wrongOf,
        message: `'${name}' (${own}) is listed in the roster as a misspelling of '${wrongOf}'`,
        safe: true,
        preferred: true,
      });
      continue;
    }
    const known = roster.nearSpeaker(name);
    if (known !== undefined) {
      out.set(name, {
        name: known,
        message: `'${name}' (${own}) is a near spelling of the known speaker '${known}' (roster)`,
        safe: false,
        preferred: true,
      });
      continue;
    }

    let best: string | undefined;
    for (const other of candidates(name)) {
      if (other === name || compoundParts(other)) continue;
      if (isRoleName(name) && isRoleName(other)) continue;
      const variant = variantOf(name, other);
      if (!variant) continue;
      if (variant === 'truncation' && labels(other) < 3 * labels(name)) continue;
      if (credibility(other, name) > 0 && (!best || credibility(other, best) > 0)) best = other;
    }
    if (best) {
      const ratio = labels(best) / labels(name);
      const even = ratio < EVEN_RATIO;
      const why =
        labels(best) > labels(name)
          ? 'has more labels'
          : (episodes?.get(best) ?? 0) > (episodes?.get(name) ?? 0)
            ? 'is used in more other episodes'
            : textCount(best) > textCount(name)
              ? `is how the text spells it (${times(textCount(best))})`
              : 'is used first';
      out.set(name, {
        name: best,
        message: even
          ? `'${name}' (${own}) and '${best}' (${labelsCount(labels(best))}) are near spellings of one name used about as often; '${best}' ${why}: check which is right`
          : `'${name}' (${own}) looks like a misspelling of '${best}' (${labelsCount(labels(best))})`,
        related: { range: byName.get(best)![0].nameRange, message: `'${best}' is used here` },
        safe: ratio >= SAFE_LABEL_RATIO,
        preferred: !even,
        reverse: even,
        distinct: true,
      });
      continue;
    }

    if (episodes && episodes.size > 0) {
      const mine = episodes.get(name) ?? 0;
      let established: string | undefined;
      for (const [other, count] of episodes) {
        if (other === name || byName.has(other) || count < ESTABLISHED || count <= 3 * mine)
          continue;
        if (!variantOf(name, other)) continue;
        if (!established || count > episodes.get(established)!) established = other;
      }
      if (established) {
        const count = episodes.get(established)!;
        out.set(name, {
          name: established,
          message: `'${name}' here (${own}${mine ? `, ${mine} other ${mine === 1 ? 'episode' : 'episodes'}` : ''}); '${established}' in ${count} other episodes`,
          safe: false,
          preferred: true,
        });
      }
    }
  }
  return out;
}

/**
 * How often the text spells a name exactly so (only to break ties between
 * labels): one pass over the prose, counting only the label names.
 */
function textCounter(model: TranscriptModel, names: Iterable<string>): (name: string) => number {
  const wanted = new Set<string>();
  for (const name of names) {
    const parts = nameParts(name);
    if (parts.length === 1 && parts[0] === name) wanted.add(name);
  }
  const counts = new Map<string, number>();
  if (wanted.size > 0) {
    const { text, prose } = model;
    const word = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;
    for (let i = 0; i < prose.length; i++) {
      const line = text.line(prose.lines[i]);
      word.lastIndex = prose.starts[i];
      for (let m = word.exec(line); m; m = word.exec(line))
        if (wanted.has(m[0])) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
    }
  }
  return (name) => counts.get(name) ?? 0;
}

/** One finding per place of a misspelt name in the text; the fixes are shared by the spelling. */
function addMentionFindings(
  findings: Finding[],
  m: Mentions,
  byName: ReadonlyMap<string, readonly SpeakerLabel[]>,
  renameLabels: (from: string, to: string) => Fix,
): void {
  const labelList = byName.get(m.speaker);
  // A name heard only in compound labels (`Anna & Ben`) counts those.
  const own = labelList ? labelsCount(labelList.length) : `${labelsCount(m.labels)}, with others`;
  const evidence = m.fromRoster ? (m.labels > 0 ? `the roster and ${own}` : 'the roster') : own;
  const forms = [...m.forms].map(([form, n]) => `'${form}' ${times(n)}`).join(', ');
  const message = (form: string) =>
    `'${form}' looks like a misspelling of '${m.part}': speaker '${m.speaker}' (${evidence}); the text spells it ${forms}`;
  const messages = new Map<string, string>();
  const related = labelList
    ? [{ range: labelList[0].nameRange, message: `speaker '${m.speaker}' is labelled here` }]
    : undefined;
  // Renaming the speaker after the text changes only the misspelt word of the name.
  const renamed = m.listed
    ? undefined
    : m.speaker
        .split(/(\s+)/)
        .map((w) => (w === m.part ? m.capitalised : w))
        .join('');
  const fixes = new MentionFixes(
    m,
    labelList && renamed ? () => renameLabels(m.speaker, renamed) : undefined,
  );
  for (let i = 0; i < m.places.length; i++) {
    const form = m.formAt[i];
    let text = messages.get(form);
    if (text === undefined) messages.set(form, (text = message(form)));
    findings.push(
      new LazyFinding('speaker-name-in-text', m.places[i], text, related, () => fixes.forPlace(i)),
    );
  }
}

/** The repairs of one misspelt label name, made when an editor first asks for them. */
class LabelFixes {
  private made: { all: Fix; reverse?: Fix; accept: Fix } | undefined;

  constructor(
    private readonly name: string,
    private readonly verdict: LabelVerdict,
    /** One edit per label of the name, in the order of its findings. */
    private readonly rename: () => Fix,
    private readonly renameBack: () => Fix,
  ) {}

  /** The fixes of the finding on the name's `i`-th label. */
  forLabel(i: number): readonly Fix[] {
    if (!this.made) {
      const rename = this.rename();
      this.made = {
        all: {
          title: rename.title,
          edits: rename.edits,
          preferred: this.verdict.preferred,
          safe: this.verdict.safe,
        },
        reverse: this.verdict.reverse ? this.renameBack() : undefined,
        accept: this.verdict.distinct
          ? {
              // Both, or the other name becomes a near spelling of the accepted one.
              title: `Accept '${this.name}' as a known speaker, another person than '${this.verdict.name}'`,
              edits: [],
              command: { id: ACCEPT_SPEAKER_COMMAND, args: [this.name, [this.verdict.name]] },
            }
          : {
              title: `Accept '${this.name}' as a known speaker`,
              edits: [],
              command: { id: ACCEPT_SPEAKER_COMMAND, args: [this.name, []] },
            },
      };
    }
    const { all, reverse, accept } = this.made;
    const fixes: Fix[] = [all];
    // The rename's edit of this label is the same edit: shared, not made again.
    if (all.edits.length > 1)
      fixes.push({
        title: `Change only this label to '${this.verdict.name}'`,
        edits: [all.edits[i]],
      });
    if (reverse) fixes.push(reverse);
    fixes.push(accept);
    return fixes;
  }
}

/** The repairs of one misspelt name in the text, shared by its places. */
class MentionFixes {
  private made: { all: Fix; reverse?: Fix; roster?: Fix; ignore: Fix } | undefined;

  constructor(
    private readonly m: Mentions,
    private readonly renameSpeaker: (() => Fix) | undefined,
  ) {}

  forPlace(i: number): readonly Fix[] {
    const m = this.m;
    if (!this.made) {
      const shown = [...m.forms.keys()].map((f) => `'${f}'`).join('/');
      const reverse = this.renameSpeaker?.();
      this.made = {
        all: {
          title: `Respell ${shown} as '${m.part}' (${places(m.places.length)})`,
          edits: m.places.map((range) => ({ range, newText: m.part })),
          preferred: true,
          safe: m.safe,
        },
        reverse: reverse && { title: `${reverse.title} instead`, edits: reverse.edits },
        roster: m.listed
          ? undefined
          : {
              title: `Add '${m.capitalised}' to the roster as a misspelling of '${m.speaker}'`,
              edits: [],
              command: {
                id: ADD_TO_ROSTER_COMMAND,
                args: [
                  { kind: 'misspelling', name: m.capitalised, speaker: m.speaker } as RosterEdit,
                ],
              },
            },
        ignore: {
          title: `Ignore '${m.capitalised}': another name, not '${m.part}'`,
          edits: [],
          command: {
            id: ADD_TO_ROSTER_COMMAND,
            args: [{ kind: 'ignore', name: m.capitalised } as RosterEdit],
          },
        },
      };
    }
    const { all, reverse, roster, ignore } = this.made;
    const fixes: Fix[] = [all];
    if (all.edits.length > 1)
      fixes.push({ title: `Respell only this one as '${m.part}'`, edits: [all.edits[i]] });
    if (reverse) fixes.push(reverse);
    if (roster) fixes.push(roster);
    fixes.push(ignore);
    return fixes;
  }
}

/**
 * A speaker finding whose fixes are made when first asked for: publishing
 * diagnostics after every edit needs none of them, and one name may have
 * thousands of places sharing one set of repairs.
 */
class LazyFinding implements Finding {
  readonly severity: Severity;
  private made: readonly Fix[] | undefined;

  constructor(
    readonly code: 'speaker-spelling' | 'speaker-name-in-text',
    readonly range: Range,
    readonly message: string,
    readonly related: readonly RelatedInformation[] | undefined,
    private readonly make: () => readonly Fix[],
  ) {
    this.severity = SEVERITY[code];
  }

  get fixes(): readonly Fix[] {
    return (this.made ??= this.make());
  }
}
