/**
 * The roster: the names a show's producer vouches for, read from a roster
 * file committed with the season (`transcript-roster.json`, JSON with
 * comments) and from the show's RSS feed (Podcasting 2.0 `<podcast:person>`).
 * Reading is pure: the fronts find the files and hand their text in.
 */
import {
  applyEdits,
  modify,
  parse as parseJsonc,
  printParseErrorCode,
  type ParseError,
} from 'jsonc-parser';
import { XMLParser } from 'fast-xml-parser';
import type { KnownSpeaker } from './settings';

/** The roster file's name, looked for in the transcript's folder and every folder above it. */
export const ROSTER_FILE = 'transcript-roster.json';

/** File names taken for the show's feed when no setting names one. */
export const FEED_FILES: readonly string[] = ['feed.xml', 'feed.rss', 'podcast.xml', 'rss.xml'];

/** Larger roster or feed files are not read (a roster is a few dozen names). */
export const MAX_ROSTER_BYTES = 4 << 20;

export interface Roster {
  readonly speakers: readonly KnownSpeaker[];
  /** Names and phrases never reported in the text (other people, ordinary words). */
  readonly ignore: readonly string[];
}

export const EMPTY_ROSTER: Roster = { speakers: [], ignore: [] };

export interface RosterFile extends Roster {
  /** The file says to look no further up (as `.editorconfig`'s `root`). */
  readonly root: boolean;
  /** A feed named by the file, relative to the file's folder. */
  readonly feed?: string;
  /** What was wrong in the file, one message each; the rest is still read. */
  readonly problems: readonly string[];
}

function strings(v: unknown): string[] {
  return Array.isArray(v)
    ? v.filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim())
    : [];
}

/**
 * One speaker entry: a name, or `{ name, aliases?, misspellings? }`.
 * Returns undefined (and a problem) for anything else.
 */
export function readSpeakerEntry(
  entry: unknown,
  where: string,
  problems: string[],
): KnownSpeaker | undefined {
  if (typeof entry === 'string') {
    return entry.trim() ? { name: entry.trim(), aliases: [], misspellings: [] } : undefined;
  }
  if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) {
    const e = entry as Record<string, unknown>;
    if (typeof e.name === 'string' && e.name.trim()) {
      for (const key of ['aliases', 'misspellings'])
        if (e[key] !== undefined && !Array.isArray(e[key]))
          problems.push(`${where}.${key} must be a list of names; ignoring it`);
      return {
        name: e.name.trim(),
        aliases: strings(e.aliases),
        misspellings: strings(e.misspellings),
      };
    }
  }
  problems.push(`${where} must be a name or {"name", "aliases", "misspellings"}; ignoring it`);
  return undefined;
}

/** Reads a roster file's text. Never throws: what cannot be read is a problem. */
export function readRosterFile(text: string): RosterFile {
  const problems: string[] = [];
  const errors: ParseError[] = [];
  const raw: unknown = parseJsonc(text.replace(/^\uFEFF/, ''), errors, {
    allowTrailingComma: true,
  });
  for (const e of errors.slice(0, 3))
    problems.push(`${printParseErrorCode(e.error)} at offset ${e.offset}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    if (errors.length === 0) problems.push('the roster must be an object with "speakers"');
    return { ...EMPTY_ROSTER, root: false, problems };
  }
  const r = raw as Record<string, unknown>;
  const speakers: KnownSpeaker[] = [];
  if (r.speakers !== undefined && !Array.isArray(r.speakers))
    problems.push('"speakers" must be a list');
  else if (Array.isArray(r.speakers))
    r.speakers.forEach((s, i) => {
      const entry = readSpeakerEntry(s, `speakers[${i}]`, problems);
      if (entry) speakers.push(entry);
    });
  if (r.ignore !== undefined && !Array.isArray(r.ignore))
    problems.push('"ignore" must be a list of names');
  return {
    speakers,
    ignore: strings(r.ignore),
    root: r.root === true,
    feed: typeof r.feed === 'string' && r.feed.trim() ? r.feed.trim() : undefined,
    problems,
  };
}

/** A `<podcast:person>` of a feed. */
export interface FeedPerson {
  readonly name: string;
  readonly role: string;
}

export interface FeedPeople {
  /** The channel's people (hosts, mostly) and those of the item for this transcript. */
  readonly people: readonly FeedPerson[];
  readonly problems: readonly string[];
}

function list(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function personsOf(node: unknown): FeedPerson[] {
  if (typeof node !== 'object' || node === null) return [];
  const out: FeedPerson[] = [];
  for (const p of list((node as Record<string, unknown>)['podcast:person'])) {
    const name = typeof p === 'string' ? p : (p as Record<string, unknown>)?.['#text'];
    const role =
      typeof p === 'object' && p !== null ? (p as Record<string, unknown>)['@_role'] : '';
    if (typeof name === 'string' && name.trim())
      out.push({ name: name.trim(), role: typeof role === 'string' ? role : 'host' });
  }
  return out;
}

/** The last path segment of a URL or path, without query, in lower case. */
function baseName(s: string): string {
  const path = s.split(/[?#]/)[0];
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase();
}

/** The file name without its extensions (`ep153.transcript.txt` → `ep153`). */
function stem(name: string): string {
  const dot = name.indexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * The people of a Podcasting 2.0 feed who belong to a transcript: the
 * channel's, and those of the item whose `<podcast:transcript>` (or
 * enclosure) names a file with the transcript's stem. Never throws.
 */
export function readFeedPeople(xml: string, transcriptFile?: string): FeedPeople {
  const problems: string[] = [];
  let doc: unknown;
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      processEntities: true,
      htmlEntities: true,
    }).parse(xml);
  } catch (e) {
    return { people: [], problems: [`not readable as XML: ${(e as Error).message}`] };
  }
  const channel = (doc as { rss?: { channel?: unknown } } | undefined)?.rss?.channel;
  if (typeof channel !== 'object' || channel === null)
    return { people: [], problems: ['not an RSS feed (no <rss><channel>)'] };
  const people = personsOf(channel);
  const want = transcriptFile ? stem(baseName(transcriptFile)) : undefined;
  if (want) {
    for (const item of list((channel as Record<string, unknown>).item)) {
      if (typeof item !== 'object' || item === null) continue;
      const it = item as Record<string, unknown>;
      const urls = [...list(it['podcast:transcript']), ...list(it.enclosure)]
        .map((t) => (t as Record<string, unknown>)?.['@_url'])
        .filter((u): u is string => typeof u === 'string');
      if (urls.some((u) => stem(baseName(u)) === want))
        for (const p of personsOf(it)) people.push(p);
    }
  }
  return { people, problems };
}

/**
 * Several rosters as one, the first the most specific: an entry for a name
 * already known adds its aliases and misspellings to it.
 */
export function mergeRosters(rosters: readonly Roster[]): Roster {
  const byName = new Map<string, { name: string; aliases: string[]; misspellings: string[] }>();
  const ignore: string[] = [];
  for (const r of rosters) {
    for (const s of r.speakers) {
      const known = byName.get(s.name);
      if (!known)
        byName.set(s.name, {
          name: s.name,
          aliases: [...s.aliases],
          misspellings: [...s.misspellings],
        });
      else {
        for (const a of s.aliases) if (!known.aliases.includes(a)) known.aliases.push(a);
        for (const m of s.misspellings)
          if (!known.misspellings.includes(m)) known.misspellings.push(m);
      }
    }
    for (const i of r.ignore) if (!ignore.includes(i)) ignore.push(i);
  }
  return { speakers: [...byName.values()], ignore };
}

/** Feed people as roster entries: each a known name (no aliases, no misspellings). */
export function rosterFromPeople(people: readonly FeedPerson[]): Roster {
  return {
    speakers: people.map((p) => ({ name: p.name, aliases: [], misspellings: [] })),
    ignore: [],
  };
}

/** What "Accept", "Add to the roster as a misspelling" and "Ignore" add. */
export type RosterChange =
  | {
      readonly kind: 'speaker';
      readonly name: string;
      /** Other names to know as well: the near label it is another person than. */
      readonly also?: readonly string[];
    }
  | { readonly kind: 'misspelling'; readonly name: string; readonly speaker?: string }
  | { readonly kind: 'ignore'; readonly name: string };

/** A speakers list as written in a roster file or the `transcript.speakers` setting. */
export type SpeakerEntry = string | { name: string; aliases?: string[]; misspellings?: string[] };

/**
 * The speakers list with a speaker added, or a speaker's entry given one
 * more misspelling; undefined when it already has it.
 */
export function speakersWith(
  current: readonly SpeakerEntry[],
  change: RosterChange,
): SpeakerEntry[] | undefined {
  const list = [...current];
  const nameOf = (e: SpeakerEntry) => (typeof e === 'string' ? e : e?.name);
  if (change.kind === 'ignore') return undefined;
  if (change.kind === 'speaker') {
    const before = list.length;
    for (const name of [change.name, ...(change.also ?? [])])
      if (!list.some((e) => nameOf(e) === name)) list.push(name);
    return list.length > before ? list : undefined;
  }
  const speaker = change.speaker ?? '';
  const i = list.findIndex((e) => nameOf(e) === speaker);
  const old: SpeakerEntry = i >= 0 ? list[i] : speaker;
  const entry = typeof old === 'string' ? { name: old } : { ...old };
  const misspellings = entry.misspellings ?? [];
  if (misspellings.includes(change.name)) return undefined;
  entry.misspellings = [...misspellings, change.name];
  if (i >= 0) list[i] = entry;
  else list.push(entry);
  return list;
}

/**
 * A roster file's text with the change made, its comments and layout kept
 * (jsonc-parser's `modify`); undefined when the roster already has it.
 */
export function rosterTextWith(text: string, change: RosterChange): string | undefined {
  const raw: unknown = parseJsonc(text);
  const root = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as {
    speakers?: unknown;
    ignore?: unknown;
  };
  let path: string[];
  let value: unknown;
  if (change.kind === 'ignore') {
    const ignore = Array.isArray(root.ignore) ? root.ignore : [];
    if (ignore.includes(change.name)) return undefined;
    path = ['ignore'];
    value = [...ignore, change.name];
  } else {
    const speakers = speakersWith(
      Array.isArray(root.speakers) ? (root.speakers as SpeakerEntry[]) : [],
      change,
    );
    if (!speakers) return undefined;
    path = ['speakers'];
    value = speakers;
  }
  const edits = modify(text, path, value, {
    formattingOptions: { insertSpaces: true, tabSize: 2 },
  });
  return applyEdits(text, edits);
}
