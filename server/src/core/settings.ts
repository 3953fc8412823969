/**
 * Settings: a typed object with defaults, validated from whatever the editor
 * or command line hands in. A wrong value is reported and replaced by its
 * default; it never throws.
 */
import { FINDING_CODES, type FindingCode } from './findings';

export interface KnownSpeaker {
  readonly name: string;
  /** Other spellings accepted for the same person (no finding, no fix). */
  readonly aliases: readonly string[];
}

export interface Settings {
  readonly speakers: readonly KnownSpeaker[];
  /** Seconds a listed chapter time may lie outside the stamps around its heading. */
  readonly chapterTimeTolerance: number;
  /** Which findings are reported. */
  readonly findings: Readonly<Record<FindingCode, boolean>>;
}

export const DEFAULT_SETTINGS: Settings = {
  speakers: [],
  chapterTimeTolerance: 10,
  findings: Object.fromEntries(FINDING_CODES.map((c) => [c, true])) as Record<FindingCode, boolean>,
};

export interface SettingsResult {
  readonly settings: Settings;
  /** One message per value that was wrong and replaced by its default. */
  readonly problems: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads the `transcript` settings section (`{speakers, chapterTimeTolerance,
 * findings}`), as VS Code hands it over.
 */
export function readSettings(raw: unknown): SettingsResult {
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings: DEFAULT_SETTINGS, problems };
  if (!isRecord(raw)) {
    problems.push('transcript settings must be an object; using the defaults');
    return { settings: DEFAULT_SETTINGS, problems };
  }

  const speakers: KnownSpeaker[] = [];
  if (raw.speakers !== undefined) {
    if (!Array.isArray(raw.speakers)) {
      problems.push('transcript.speakers must be a list of names; ignoring it');
    } else {
      raw.speakers.forEach((s, i) => {
        if (typeof s === 'string' && s.trim()) speakers.push({ name: s.trim(), aliases: [] });
        else if (isRecord(s) && typeof s.name === 'string' && s.name.trim()) {
          const aliases = Array.isArray(s.aliases)
            ? s.aliases.filter((a): a is string => typeof a === 'string' && a.trim() !== '')
            : [];
          if (s.aliases !== undefined && !Array.isArray(s.aliases))
            problems.push(`transcript.speakers[${i}].aliases must be a list of names; ignoring it`);
          speakers.push({ name: s.name.trim(), aliases: aliases.map((a) => a.trim()) });
        } else {
          problems.push(
            `transcript.speakers[${i}] must be a name or {"name", "aliases"}; ignoring it`,
          );
        }
      });
    }
  }

  let chapterTimeTolerance = DEFAULT_SETTINGS.chapterTimeTolerance;
  if (raw.chapterTimeTolerance !== undefined) {
    const t = raw.chapterTimeTolerance;
    if (typeof t === 'number' && Number.isFinite(t) && t >= 0) chapterTimeTolerance = t;
    else
      problems.push(
        `transcript.chapterTimeTolerance must be a number of seconds (0 or more); using ${chapterTimeTolerance}`,
      );
  }

  const findings = { ...DEFAULT_SETTINGS.findings };
  if (raw.findings !== undefined) {
    if (!isRecord(raw.findings)) {
      problems.push('transcript.findings must be an object of finding codes to true/false');
    } else {
      for (const [code, on] of Object.entries(raw.findings)) {
        if (!(FINDING_CODES as readonly string[]).includes(code)) {
          problems.push(`transcript.findings: unknown finding code '${code}'`);
        } else if (typeof on !== 'boolean') {
          problems.push(`transcript.findings.${code} must be true or false; using true`);
        } else {
          findings[code as FindingCode] = on;
        }
      }
    }
  }

  return { settings: { speakers, chapterTimeTolerance, findings }, problems };
}
