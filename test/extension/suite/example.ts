/**
 * What examples/episode.txt holds and what the extension finds in it (the
 * findings themselves are stated once, in test/example.ts, for the e2e too).
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

import { EXPECTED_FINDINGS } from '../../example';

export {
  EXPECTED_ERRORS,
  EXPECTED_FINDINGS,
  STEFAN_PLACES,
  STEPHAN_LABEL_LINES,
} from '../../example';
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
