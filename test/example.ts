/**
 * What examples/episode.txt holds and what the checks find in it (lines and
 * columns 1-based), stated once for the e2e and the extension-host tests.
 * The 12 'Stephan:' labels are consistent and get no finding; the text's
 * 'Stefan' (summaries and body, 7 places) is the recogniser's misspelling.
 */

/** The text's 'Stefan' (summaries and body) that the recogniser misspelt. */
export const STEFAN_PLACES = ['13:54', '14:28', '16:1', '19:11', '26:46', '26:60', '97:89'];
export const STEPHAN_LABEL_LINES = [27, 33, 39, 44, 48, 54, 65, 73, 83, 89, 94, 108];
/** Every finding as code@line, sorted. */
export const EXPECTED_FINDINGS = [
  'chapter-time-mismatch@8',
  'chapter-heading-missing@9',
  ...STEFAN_PLACES.map((p) => `speaker-name-in-text@${p.split(':')[0]}`),
  'speaker-spelling@41',
  'chapter-heading-mismatch@50',
  'timestamp-malformed@63',
  'timestamp-order@77',
  'speaker-turn-empty@93',
].sort();
export const EXPECTED_ERRORS = ['timestamp-malformed@63', 'timestamp-order@77'];
