/**
 * Every layout through the server, as an editor drives it: the document is
 * opened under whatever language id the editor gave it (Plain Text for a
 * `.vtt` another extension may own), and the server reads it by its name and
 * content: findings, the outline, the speaker quick fix, renaming a speaker
 * and the semantic tokens, each editing the layout's own syntax.
 */
import { strict as assert } from 'node:assert';
import type { Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/core';
import { LspClient } from './lspClient';

interface Case {
  readonly file: string;
  readonly languageId: string;
  readonly text: string;
  /** Where 'Thorsten' is, and where a 'Torsten' label's name is (0-based line, column). */
  readonly thorsten: [number, number];
  readonly label: [number, number];
}

const CASES: readonly Case[] = [
  {
    file: 'episode.vtt',
    languageId: 'plaintext',
    text: 'WEBVTT\n\n00:00.000 --> 00:03.000\n<v Torsten>Hallo, ich bin Thorsten.\n\n00:03.000 --> 00:05.000\n<v Ben>Hallo.\n\n00:05.000 --> 00:07.000\n<v Torsten>Gut.\n',
    thorsten: [3, 26],
    label: [3, 3],
  },
  {
    file: 'episode.srt',
    languageId: 'plaintext',
    // (A `Name:` prefix is a voice when the file uses it twice: Ben speaks twice.)
    text: '1\n00:00:00,000 --> 00:00:03,000\nTorsten: Hallo, ich bin Thorsten.\n\n2\n00:00:03,000 --> 00:00:04,000\nBen: Hallo.\n\n3\n00:00:04,000 --> 00:00:05,000\nBen: Ja.\n\n4\n00:00:05,000 --> 00:00:07,000\nTorsten: Gut.\n',
    thorsten: [2, 24],
    label: [2, 0],
  },
  {
    file: 'otter.txt',
    languageId: 'transcript',
    text: 'Torsten  0:00\nHallo, ich bin Thorsten.\n\nBen  0:03\nHallo.\n\nTorsten  0:05\nGut.\n',
    thorsten: [1, 15],
    label: [0, 0],
  },
  {
    file: 'rev.md',
    languageId: 'markdown',
    text: 'Torsten (00:00):\nHallo, ich bin Thorsten.\n\nBen (00:03):\nHallo.\n\nTorsten (00:05):\nGut.\n',
    thorsten: [1, 15],
    label: [0, 0],
  },
  {
    file: 'lines.txt',
    languageId: 'transcript',
    text: '[00:00:00] Torsten: Hallo, ich bin Thorsten.\n[00:00:03] Ben: Hallo.\n[00:00:05] Torsten: Gut.\n',
    thorsten: [0, 35],
    label: [0, 11],
  },
];

const apply = (text: string, edit: WorkspaceEdit | null | undefined) => {
  const change = edit?.documentChanges?.[0];
  assert.ok(change && 'edits' in change, 'a text document edit');
  return applyEdits(text, change.edits as TextEdit[]);
};

describe('language server: every layout, read by its name and content', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  for (const c of CASES) {
    it(`${c.file} (opened as ${c.languageId}): findings, outline, quick fix, rename, tokens`, async () => {
      const uri = `file:///layouts/${c.file}`;
      await client.open(uri, c.text, c.languageId);
      const d: Diagnostic[] = await client.diagnostics(uri);
      assert.deepEqual(
        d.map((x) => [x.code, x.range.start.line, x.range.start.character]),
        [['speaker-name-in-text', ...c.thorsten]],
      );

      const symbols = await client.symbols(uri);
      assert.deepEqual(
        symbols.map((s) => s.name.split(' ')[0]),
        ['Torsten', 'Ben', 'Torsten'],
      );

      const actions = await client.codeActions(uri, d[0].range, d);
      const respell = actions.find((a) => a.title.startsWith('Respell'));
      assert.equal(respell?.title, "Respell 'Thorsten' as 'Torsten' (1 place)");
      assert.equal(apply(c.text, respell.edit), c.text.replace('Thorsten', 'Torsten'));

      const renamed = await client.at<WorkspaceEdit>('textDocument/rename', uri, ...c.label, {
        newName: 'Thorben',
      });
      assert.equal(apply(c.text, renamed), c.text.replace(/Torsten(?=[>:( \]]|\s+\d)/g, 'Thorben'));

      const tokens = await client.semanticTokens(uri);
      assert.ok(tokens.data.length >= 5 * 5, 'names and times marked');
    });
  }
});
