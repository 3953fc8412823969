/**
 * Finds the roster of a transcript through a `FileAccess`, for the language
 * server and the CLI alike (so the editor and CI agree):
 * `transcript-roster.json` in the transcript's folder and each folder above
 * it, up to the workspace folder (or, without one, the repository root: the
 * first folder with `.git`), or a roster that says `"root": true`; and the
 * show's RSS feed, named by a roster or a setting, or found under a usual
 * name (`feed.xml`, …) in the same folders.
 */
import { URI, Utils } from 'vscode-uri';
import {
  EMPTY_ROSTER,
  FEED_FILES,
  MAX_ROSTER_BYTES,
  mergeRosters,
  readFeedPeople,
  readRosterFile,
  rosterFromPeople,
  ROSTER_FILE,
  type Roster,
} from '../core/roster';
import { baseName, displayName, isInside, normalizeUri, type FileAccess } from './access';

export interface LoadedRoster {
  readonly roster: Roster;
  /** The roster files read, nearest first (as `displayName` names them). */
  readonly files: readonly string[];
  /** The feed read, if any (as `displayName` names it). */
  readonly feed?: string;
  /** One message per problem, naming the file. */
  readonly problems: readonly string[];
}

export interface RosterOptions {
  /** The last folder to look in (a workspace folder), a URI. */
  readonly stopAt?: string;
  /** A feed named by a setting or option: a URI, an absolute path, or relative to `base`. */
  readonly feed?: string;
  /** What a relative `feed` is relative to (a folder URI); `stopAt` when not given. */
  readonly base?: string;
}

/** A small regular file's text, or undefined when there is none (or it is too large). */
export async function readSmall(
  files: FileAccess,
  uri: string,
  problems: string[],
  maxBytes = MAX_ROSTER_BYTES,
): Promise<string | undefined> {
  try {
    const stat = await files.stat(uri);
    if (!stat || stat.type !== 'file') return undefined;
    if (stat.size > maxBytes) {
      problems.push(`${displayName(uri)}: larger than ${maxBytes >> 20} MB; not read`);
      return undefined;
    }
    return await files.readText(uri);
  } catch (e) {
    problems.push(`${displayName(uri)}: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

async function exists(files: FileAccess, uri: string): Promise<boolean> {
  try {
    return (await files.stat(uri)) !== undefined;
  } catch {
    return false;
  }
}

const parent = (uri: string) => normalizeUri(Utils.dirname(URI.parse(uri)).toString());
const join = (folder: string, name: string) =>
  normalizeUri(Utils.joinPath(URI.parse(folder), name).toString());

/** `ref` read against the folder `base`: a URI, an absolute path (of base's scheme) or a relative path. */
export function resolveAgainst(base: string, ref: string): string {
  // A scheme of two letters or more (one letter is a drive: C:\feed.xml).
  if (/^[a-z][a-z0-9+.-]+:/i.test(ref)) return normalizeUri(ref);
  const folder = URI.parse(base);
  if (/^[a-z]:[\\/]/i.test(ref) || ref.startsWith('\\\\'))
    return normalizeUri(URI.file(ref.replace(/\\/g, '/')).toString());
  const slashed = ref.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return normalizeUri(folder.with({ path: slashed }).toString());
  return normalizeUri(Utils.resolvePath(folder, slashed).toString());
}

/** The folders to look in, nearest first. */
async function folders(files: FileAccess, transcript: string, stopAt?: string): Promise<string[]> {
  let dir = parent(transcript);
  const out = [dir];
  if (stopAt) {
    const stop = normalizeUri(stopAt);
    // Outside the stop folder: the transcript's own folder only.
    if (!isInside(dir, stop)) return out;
    while (dir !== stop) {
      const up = parent(dir);
      if (up === dir) break;
      out.push((dir = up));
    }
    return out;
  }
  while (!(await exists(files, join(dir, '.git')))) {
    const up = parent(dir);
    if (up === dir) break;
    out.push((dir = up));
  }
  return out;
}

/** Reads the roster files and the feed that apply to the transcript `uri`. Never throws. */
export async function findRoster(
  files: FileAccess,
  uri: string,
  options: RosterOptions = {},
): Promise<LoadedRoster> {
  const transcript = normalizeUri(uri);
  const problems: string[] = [];
  const rosters: Roster[] = [];
  const read: string[] = [];
  const base = options.base ?? options.stopAt ?? parent(transcript);
  let feed = options.feed ? resolveAgainst(base, options.feed) : undefined;
  const dirs = await folders(files, transcript, options.stopAt);
  for (const dir of dirs) {
    const file = join(dir, ROSTER_FILE);
    const text = await readSmall(files, file, problems);
    if (text === undefined) continue;
    const roster = readRosterFile(text);
    for (const p of roster.problems) problems.push(`${displayName(file)}: ${p}`);
    rosters.push(roster);
    read.push(displayName(file));
    if (!feed && roster.feed) feed = resolveAgainst(dir, roster.feed);
    if (roster.root) break;
  }
  if (!feed) {
    search: for (const dir of dirs)
      for (const name of FEED_FILES)
        if (await exists(files, join(dir, name))) {
          feed = join(dir, name);
          break search;
        }
  }
  if (feed) {
    const xml = await readSmall(files, feed, problems);
    if (xml !== undefined) {
      const people = readFeedPeople(xml, baseName(transcript));
      for (const p of people.problems) problems.push(`${displayName(feed)}: ${p}`);
      rosters.push(rosterFromPeople(people.people));
    } else if (options.feed) problems.push(`${displayName(feed)}: no such feed`);
  }
  return {
    roster: rosters.length ? mergeRosters(rosters) : EMPTY_ROSTER,
    files: read,
    feed: feed && displayName(feed),
    problems,
  };
}
