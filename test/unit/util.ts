/** Helpers for core tests: transcripts written as readable lines in the test. */
import {
  analyze,
  DEFAULT_SETTINGS,
  readSettings,
  type Finding,
  type Settings,
} from '../../server/src/core';

export function lines(...ls: string[]): string {
  return ls.join('\n');
}

export function settings(raw: Record<string, unknown> = {}): Settings {
  const { settings, problems } = readSettings(raw);
  if (problems.length) throw new Error(problems.join('; '));
  return settings;
}

export function findings(text: string, s: Settings = DEFAULT_SETTINGS): readonly Finding[] {
  return analyze(text, s).findings;
}

/** Findings of one code as `line:col code message` strings (1-based). */
export function codes(text: string, code?: string, s: Settings = DEFAULT_SETTINGS): string[] {
  return findings(text, s)
    .filter((f) => !code || f.code === code)
    .map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`);
}

/** A short, correct episode used as a base by many tests. */
export const CLEAN = lines(
  'Generated Shownotes',
  'Chapters',
  '0:00:00 Begrüßung',
  '0:01:10 Neuigkeiten',
  'Long Summary',
  'Malte und Stefan sprechen über Neuigkeiten. Stefan hat Kaffee mitgebracht.',
  'Brief Summary',
  'Kurz gesagt: Stefan und Malte.',
  'Tags',
  'Podcast, Verwaltung',
  'Transcript',
  'Begrüßung',
  'Malte:',
  '[0:05] Hallo und herzlich willkommen. Ich bin Malte.',
  'Stefan:',
  '[0:20] Hallo Malte, ich bin Stefan.',
  'Neuigkeiten',
  'Malte:',
  '[1:12] Dann fangen wir an.',
  'Weiter geht es.',
  '[1:40] Noch ein Absatz.',
  'Stefan:',
  '[2:05] Danke.',
);

/**
 * Two speakers whose labels are right and whose names the recogniser
 * misspelt in the text ('Thorsten', 'Stefan'), as in the real episode.
 */
export const NAMES_EPISODE = lines(
  'Transcript',
  'Torsten:',
  '[0:01] Hallo, ich bin Thorsten. Und mit mir ist Stefan.',
  'Stephan:',
  '[0:05] Hallo Thorsten.',
  'Torsten:',
  '[0:09] Schön, dass du da bist, Stefan.',
  'Stephan:',
  '[0:12] Gern.',
);
