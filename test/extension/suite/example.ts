/**
 * What examples/episode.txt holds and what the extension finds in it, as the
 * e2e and protocol tests state it (lines and columns 1-based).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  diagnosticsWhen,
  EXAMPLE,
  keys,
  openTranscript,
  setText,
  clearWorkspaceSettings,
} from './helpers';

/** The text's 'Stefan' (summaries and body) that the recogniser misspelt. */
export const STEFAN_PLACES = ['13:54', '14:28', '16:1', '19:11', '26:46', '26:60', '97:89'];
export const STEPHAN_LABEL_LINES = [27, 33, 39, 44, 48, 54, 65, 73, 83, 89, 94, 108];
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
export const STEFAN_MESSAGE =
  "'Stefan' looks like a misspelling of 'Stephan': speaker 'Stephan' (12 labels); the text spells it 'Stefan' 7 times";
export const MALT_MESSAGE = "'Malt' (1 label) looks like a misspelling of 'Malte' (11 labels)";
/** 'Stefan' as a word of the text (not inside another word). */
export const STEFAN_WORD = /(?<![\p{L}\p{M}])Stefan(?![\p{L}\p{M}])/gu;

export const isBaseline = (d: vscode.Diagnostic[]) =>
  JSON.stringify(keys(d)) === JSON.stringify(EXPECTED_FINDINGS);

export interface Example {
  doc: vscode.TextDocument;
  /** The example's text as shipped. */
  text: string;
  uri: vscode.Uri;
}

let original: string | undefined;

/**
 * The example open in an editor, as shipped (any edit of an earlier test
 * undone), no workspace settings, and its findings arrived.
 */
export async function freshExample(): Promise<Example> {
  await clearWorkspaceSettings();
  const doc = await openTranscript(EXAMPLE);
  original ??= doc.getText();
  await setText(doc, original);
  await diagnosticsWhen(doc.uri, isBaseline, 'the baseline findings');
  assert.equal(doc.languageId, 'transcript');
  return { doc, text: original, uri: doc.uri };
}
