/**
 * Finds the roster of a transcript on disk, for the language server and the
 * CLI alike (so the editor and CI agree): `transcript-roster.json` in the
 * transcript's folder and each folder above it, up to the workspace folder
 * (or, without one, the repository root: the first folder with `.git`), or
 * a roster that says `"root": true`; and the show's RSS feed, named by a
 * roster or a setting, or found under a usual name (`feed.xml`, …) in the
 * same folders.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
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
} from './core/roster';

export interface LoadedRoster {
  readonly roster: Roster;
  /** The roster files read, nearest first. */
  readonly files: readonly string[];
  /** The feed read, if any. */
  readonly feed?: string;
  /** One message per problem, naming the file. */
  readonly problems: readonly string[];
}

export interface RosterOptions {
  /** The last folder to look in (a workspace folder). */
  readonly stopAt?: string;
  /** A feed named by a setting or option (absolute, or relative to `stopAt` or the working folder). */
  readonly feed?: string;
}

/** A small regular file's text, or undefined when there is none (or it is too large). */
export async function readSmall(
  file: string,
  problems: string[],
  maxBytes = MAX_ROSTER_BYTES,
): Promise<string | undefined> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return undefined;
    if (stat.size > maxBytes) {
      problems.push(`${file}: larger than ${maxBytes >> 20} MB; not read`);
      return undefined;
    }
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') problems.push(`${file}: ${(e as Error).message}`);
    return undefined;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.stat(p);
    return true;
  } catch {
    return false;
  }
}

/** The folders to look in, nearest first. */
async function folders(transcript: string, stopAt?: string): Promise<string[]> {
  let dir = path.dirname(path.resolve(transcript));
  const out = [dir];
  if (stopAt) {
    const stop = path.resolve(stopAt);
    const rel = path.relative(stop, dir);
    // Outside the stop folder: the transcript's own folder only.
    if (rel.startsWith('..') || path.isAbsolute(rel)) return out;
    while (dir !== stop) out.push((dir = path.dirname(dir)));
    return out;
  }
  while (!(await exists(path.join(dir, '.git')))) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    out.push((dir = parent));
  }
  return out;
}

/** Reads the roster files and the feed that apply to `transcript`. Never throws. */
export async function loadRoster(
  transcript: string,
  options: RosterOptions = {},
): Promise<LoadedRoster> {
  const problems: string[] = [];
  const rosters: Roster[] = [];
  const files: string[] = [];
  let feed = options.feed ? path.resolve(options.stopAt ?? process.cwd(), options.feed) : undefined;
  const dirs = await folders(transcript, options.stopAt);
  for (const dir of dirs) {
    const file = path.join(dir, ROSTER_FILE);
    const text = await readSmall(file, problems);
    if (text === undefined) continue;
    const read = readRosterFile(text);
    for (const p of read.problems) problems.push(`${file}: ${p}`);
    rosters.push(read);
    files.push(file);
    if (!feed && read.feed) feed = path.resolve(dir, read.feed);
    if (read.root) break;
  }
  if (!feed) {
    search: for (const dir of dirs)
      for (const name of FEED_FILES)
        if (await exists(path.join(dir, name))) {
          feed = path.join(dir, name);
          break search;
        }
  }
  if (feed) {
    const xml = await readSmall(feed, problems);
    if (xml !== undefined) {
      const people = readFeedPeople(xml, path.basename(transcript));
      for (const p of people.problems) problems.push(`${feed}: ${p}`);
      rosters.push(rosterFromPeople(people.people));
    } else if (options.feed) problems.push(`${feed}: no such feed`);
  }
  return {
    roster: rosters.length ? mergeRosters(rosters) : EMPTY_ROSTER,
    files,
    feed,
    problems,
  };
}
