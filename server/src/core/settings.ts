/**
 * Settings: a typed object with defaults, validated from whatever the editor
 * or command line hands in. A wrong value is reported and replaced by its
 * default; it never throws.
 */
import { FINDING_CODES, type FindingCode } from './findings';
import { mergeRosters, readSpeakerEntry, type Roster } from './roster';

export interface KnownSpeaker {
  readonly name: string;
  /** Other spellings accepted for the same person (no finding, no fix). */
  readonly aliases: readonly string[];
  /** Wrong spellings, always corrected to `name` (labels and text alike, also by fix-all). */
  readonly misspellings: readonly string[];
}

export interface Settings {
  readonly speakers: readonly KnownSpeaker[];
  /** Names and phrases never reported as misspelt in the text (other people, ordinary words). */
  readonly ignoreNames: readonly string[];
  /** Seconds a listed chapter time may lie outside the stamps around its heading. */
  readonly chapterTimeTolerance: number;
  /** Characters per second a cue may ask a reader to read; 0: not checked (`cue-reading-speed`). */
  readonly readingSpeed: number;
  /** Which findings are reported. */
  readonly findings: Readonly<Record<FindingCode, boolean>>;
}

export const DEFAULT_SETTINGS: Settings = {
  speakers: [],
  ignoreNames: [],
  chapterTimeTolerance: 10,
  readingSpeed: 0,
  findings: Object.fromEntries(FINDING_CODES.map((c) => [c, true])) as Record<FindingCode, boolean>,
};

export interface SettingsResult {
  readonly settings: Settings;
  /** One message per value that was wrong and replaced by its default. */
  readonly problems: string[];
}

/**
 * Bounds on what the settings may hold. Settings can come from a folder the
 * user just cloned (`.vscode/settings.json`), so their sizes are limited: far
 * above any podcast's cast, far below what would stall the checks.
 */
export const SETTINGS_LIMITS = {
  /** Known speakers read; the rest are ignored (with one message). */
  speakers: 1000,
  /** Aliases read per speaker. */
  aliases: 50,
  /** Characters in a name or an alias; longer ones are ignored. */
  nameLength: 100,
  /** Messages about wrong values; the rest are counted in one more. */
  problems: 20,
} as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads the `transcript` settings section (`{speakers, ignoreNames,
 * chapterTimeTolerance, findings}`), as VS Code hands it over.
 */
export function readSettings(raw: unknown): SettingsResult {
  const problems: string[] = [];
  let unreported = 0;
  const report = (p: string) => {
    if (problems.length < SETTINGS_LIMITS.problems) problems.push(p);
    else unreported++;
  };
  if (raw === undefined || raw === null) return { settings: DEFAULT_SETTINGS, problems };
  if (!isRecord(raw)) {
    report('transcript settings must be an object; using the defaults');
    return { settings: DEFAULT_SETTINGS, problems };
  }

  const speakers: KnownSpeaker[] = [];
  if (raw.speakers !== undefined) {
    if (!Array.isArray(raw.speakers)) {
      report('transcript.speakers must be a list of names; ignoring it');
    } else {
      const list = raw.speakers.slice(0, SETTINGS_LIMITS.speakers);
      if (raw.speakers.length > list.length)
        report(
          `transcript.speakers has ${raw.speakers.length} entries; using the first ${list.length}`,
        );
      list.forEach((s, i) => {
        const entry = readSpeakerEntry(s, `transcript.speakers[${i}]`, problems);
        if (entry) speakers.push(entry);
      });
    }
  }

  const ignoreNames: string[] = [];
  if (raw.ignoreNames !== undefined) {
    if (!Array.isArray(raw.ignoreNames))
      problems.push('transcript.ignoreNames must be a list of names; ignoring it');
    else
      for (const n of raw.ignoreNames)
        if (typeof n === 'string' && n.trim()) ignoreNames.push(n.trim());
  }

  let chapterTimeTolerance = DEFAULT_SETTINGS.chapterTimeTolerance;
  if (raw.chapterTimeTolerance !== undefined) {
    const t = raw.chapterTimeTolerance;
    if (typeof t === 'number' && Number.isFinite(t) && t >= 0) chapterTimeTolerance = t;
    else
      report(
        `transcript.chapterTimeTolerance must be a number of seconds (0 or more); using ${chapterTimeTolerance}`,
      );
  }

  let readingSpeed = DEFAULT_SETTINGS.readingSpeed;
  if (raw.readingSpeed !== undefined) {
    const v = raw.readingSpeed;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) readingSpeed = v;
    else
      report(
        `transcript.readingSpeed must be a number of characters per second (0 turns it off); using ${readingSpeed}`,
      );
  }

  const findings = { ...DEFAULT_SETTINGS.findings };
  if (raw.findings !== undefined) {
    if (!isRecord(raw.findings)) {
      report('transcript.findings must be an object of finding codes to true/false');
    } else {
      for (const [code, on] of Object.entries(raw.findings)) {
        if (!(FINDING_CODES as readonly string[]).includes(code)) {
          report(`transcript.findings: unknown finding code '${code}'`);
        } else if (typeof on !== 'boolean') {
          report(`transcript.findings.${code} must be true or false; using true`);
        } else {
          findings[code as FindingCode] = on;
        }
      }
    }
  }

  const bounded = withinLimits(speakers, report);
  if (unreported > 0) problems.push(`${unreported} more wrong values in the transcript settings`);
  return {
    settings: {
      speakers: bounded,
      ignoreNames: ignoreNames.slice(0, SETTINGS_LIMITS.speakers),
      chapterTimeTolerance,
      readingSpeed,
      findings,
    },
    problems,
  };
}

/** Drops names longer than the limit and aliases beyond the limits, saying so. */
function withinLimits(
  speakers: readonly KnownSpeaker[],
  report: (problem: string) => void,
): KnownSpeaker[] {
  const { nameLength, aliases: maxAliases } = SETTINGS_LIMITS;
  const out: KnownSpeaker[] = [];
  for (const s of speakers) {
    if (s.name.length > nameLength) {
      report(
        `transcript.speakers: '${s.name.slice(0, 20)}…' is longer than ${nameLength} characters; ignoring it`,
      );
      continue;
    }
    let aliases = s.aliases.filter((a) => a.length <= nameLength);
    if (aliases.length < s.aliases.length)
      report(
        `transcript.speakers: ignoring aliases of '${s.name}' longer than ${nameLength} characters`,
      );
    if (aliases.length > maxAliases) {
      report(
        `transcript.speakers: '${s.name}' has ${aliases.length} aliases; using the first ${maxAliases}`,
      );
      aliases = aliases.slice(0, maxAliases);
    }
    const misspellings = s.misspellings.filter((a) => a.length <= nameLength).slice(0, maxAliases);
    out.push(
      aliases.length === s.aliases.length && misspellings.length === s.misspellings.length
        ? s
        : { name: s.name, aliases, misspellings },
    );
  }
  return out;
}

/**
 * The settings with a roster's names added: the settings' own entries first
 * (they are the most specific), then the roster's.
 */
export function withRoster(settings: Settings, roster: Roster): Settings {
  if (roster.speakers.length === 0 && roster.ignore.length === 0) return settings;
  const merged = mergeRosters([
    { speakers: settings.speakers, ignore: settings.ignoreNames },
    roster,
  ]);
  return { ...settings, speakers: merged.speakers, ignoreNames: merged.ignore };
}
