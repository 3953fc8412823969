import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { at, REAL_EPISODE, setText, waitFor } from './helpers';
import { freshExample, STEPHAN_LABEL_LINES } from './example';

type Symbol = vscode.DocumentSymbol;

/** The chapter titles of the example's Chapters section, in order. */
function chapterTitles(doc: vscode.TextDocument): string[] {
  const titles: string[] = [];
  for (let i = 2; i < 11; i++) titles.push(doc.lineAt(i).text.replace(/^\d+:\d\d:\d\d /, ''));
  return titles;
}

const exec = <T>(command: string, ...args: unknown[]) =>
  vscode.commands.executeCommand<T>(command, ...args);

describe('navigation and editing features on the example (vscode.execute…Provider)', function () {
  it('returns the outline: sections, the chapters under Transcript, the turns under each chapter', async function () {
    const { uri, doc } = await freshExample();
    const symbols = await exec<Symbol[]>('vscode.executeDocumentSymbolProvider', uri);
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Generated Shownotes', 'Chapters', 'Long Summary', 'Brief Summary', 'Tags', 'Transcript'],
    );
    const transcript = symbols[5]!;
    const titles = chapterTitles(doc);
    assert.deepEqual(
      transcript.children.map((c) => c.name),
      titles,
    );
    assert.deepEqual(
      transcript.children[0]!.children.map((t) => t.name),
      ['Malte 0:03', 'Stephan 0:11', 'Malte 0:18', 'Dr. Jana Albers 0:24', 'Stephan 0:31'],
    );
    const labels = doc
      .getText()
      .split('\n')
      .slice(22)
      .filter((l) => /^[^[\s:][^:]*:$/.test(l)).length;
    assert.equal(
      transcript.children.reduce((n, c) => n + c.children.length, 0),
      labels,
      'one turn per label',
    );
    // Choosing a chapter goes to its heading in the body.
    const data = transcript.children.find((c) => c.name === 'Datenqualität und Metadaten')!;
    assert.equal(data.selectionRange.start.line + 1, 64);
    assert.equal(doc.lineAt(63).text, 'Datenqualität und Metadaten');
  });

  it('renames a speaker in all of its labels and refuses on prose', async function () {
    const { uri, doc } = await freshExample();
    const edit = await exec<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      uri,
      new vscode.Position(26, 2),
      'Stefan',
    );
    const edits = edit.get(uri);
    assert.deepEqual(
      edits.map((e) => [at(e.range), e.newText]),
      STEPHAN_LABEL_LINES.map((l) => [`${l}:1-${l}:8`, 'Stefan']),
    );
    assert.ok(edits.every((e) => doc.getText(e.range) === 'Stephan'));
    await assert.rejects(
      Promise.resolve(
        exec('vscode.executeDocumentRenameProvider', uri, new vscode.Position(25, 3), 'X'),
      ),
      /Only speaker names can be renamed/,
    );
  });

  it("lists a speaker's labels as references", async function () {
    const { uri } = await freshExample();
    const refs = await exec<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      uri,
      new vscode.Position(26, 2),
    );
    assert.deepEqual(
      refs.map((r) => r.range.start.line + 1).sort((a, b) => a - b),
      STEPHAN_LABEL_LINES,
    );
  });

  it('goes from a chapter entry to its heading and back', async function () {
    const { uri, doc } = await freshExample();
    const there = await exec<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      uri,
      new vscode.Position(2, 10),
    );
    const target = (l: vscode.Location | vscode.LocationLink) =>
      'targetUri' in l ? (l.targetSelectionRange ?? l.targetRange) : l.range;
    assert.equal(there.length, 1);
    assert.equal(target(there[0]!).start.line + 1, 23);
    assert.equal(doc.lineAt(22).text, 'Begrüßung');
    const back = await exec<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      uri,
      new vscode.Position(22, 2),
    );
    assert.deepEqual(
      back.map((l) => `${target(l).start.line + 1}:${target(l).start.character + 1}`),
      ['3:9'],
    );
  });

  it('folds sections, chapters and turns: one range for each symbol of the outline', async function () {
    const { uri } = await freshExample();
    const ranges = await exec<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
    const symbols = await exec<Symbol[]>('vscode.executeDocumentSymbolProvider', uri);
    // Outer symbols first: a chapter whose heading is missing starts at its first turn.
    const expected = new Map<number, number>();
    const walk = (list: Symbol[]) => {
      for (const s of list) {
        if (s.range.end.line > s.range.start.line && !expected.has(s.range.start.line))
          expected.set(s.range.start.line, s.range.end.line);
        walk(s.children);
      }
    };
    walk(symbols);
    const folds = ranges.map((r) => `${r.start + 1}-${r.end + 1}`);
    assert.deepEqual(
      folds,
      [...expected].sort(([a], [b]) => a - b).map(([a, b]) => `${a + 1}-${b + 1}`),
    );
    // The chapter 'Neues aus den Kommunen': heading on line 35, its turns up to line 49.
    assert.ok(folds.includes('35-49'));
    assert.ok(folds.includes('22-116'), 'the Transcript section');
  });

  it('expands the selection from a word to its turn, chapter, section', async function () {
    const { uri } = await freshExample();
    const [sel] = await exec<vscode.SelectionRange[]>('vscode.executeSelectionRangeProvider', uri, [
      new vscode.Position(25, 47),
    ]);
    const chain: string[] = [];
    for (let s: vscode.SelectionRange | undefined = sel; s; s = s.parent) chain.push(at(s.range));
    // The word, its line, its turn, its chapter, the Transcript section, the document.
    assert.deepEqual(chain, [
      '26:46-26:52',
      '26:1-26:67',
      '24:1-26:67',
      '23:1-34:80',
      '22:1-116:59',
      '1:1-116:59',
    ]);
  });

  it('completes a speaker label on an empty body line, and the missing chapter heading', async function () {
    const { uri, doc, text } = await freshExample();
    const real = (await vscode.workspace.findFiles('*.txt')).some((u) =>
      u.path.endsWith(REAL_EPISODE),
    );
    // Most turns here first, then most other episodes of the workspace, then
    // by name; not the misspelt 'Malt'. Then the chapter that has no heading.
    const also = real ? ', 1 other episode' : '';
    const twelve: [string, string][] = [
      ['Stephan:', `12 turns here${also}`],
      ['Dr. Jana Albers:', '12 turns here'],
    ];
    if (!real) twelve.reverse();
    const expected = [
      ...twelve,
      ['Malte:', `11 turns here${also}`],
      ['Hörerin:', '1 turn here'],
      ['Malte & Stephan:', '1 turn here'],
      ...(real ? [['Torsten:', '1 other episode']] : []),
      ['Fragen aus der Community', 'chapter heading (0:20:45), not yet in the body'],
    ];
    const lines = text.split('\n');
    lines.splice(23, 0, '');
    await setText(doc, lines.join('\n'));
    let items: unknown[] = [];
    try {
      // The workspace index follows file events (earlier tests removed their
      // files): ask until it has caught up, then compare.
      await waitFor(async () => {
        const list = await exec<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          uri,
          new vscode.Position(23, 0),
        );
        items = list.items.map((i) => [
          typeof i.label === 'string' ? i.label : i.label.label,
          i.detail,
        ]);
        return JSON.stringify(items) === JSON.stringify(expected);
      }, 'the expected completions').catch(() => undefined);
    } finally {
      await setText(doc, text);
    }
    assert.deepEqual(items, expected);
  });

  it('hovers a timestamp and a label', async function () {
    const { uri } = await freshExample();
    const hoverText = async (line: number, character: number) => {
      const hovers = await exec<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        new vscode.Position(line, character),
      );
      return hovers.flatMap((h) =>
        h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')),
      );
    };
    assert.deepEqual(await hoverText(36, 2), [
      '[2:15] in chapter **Neues aus den Kommunen** (0:02:15), 0:00 after it starts',
    ]);
    // The numbers are the statistics' (see the Show Statistics test).
    assert.deepEqual(await hoverText(23, 1), [
      "**Malte**: 12 turns, 151 words, 25 % of the episode's words, about 2:24 of talking",
    ]);
    assert.deepEqual(await hoverText(25, 12), [], 'nothing on prose');
  });

  it('marks the body chapter headings with semantic tokens', async function () {
    const { uri, doc } = await freshExample();
    const legend = await exec<vscode.SemanticTokensLegend>(
      'vscode.provideDocumentSemanticTokensLegend',
      uri,
    );
    assert.deepEqual(legend.tokenTypes, ['chapterHeading', 'speaker', 'timestamp']);
    const tokens = await exec<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', uri);
    const decoded: string[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [dl, dc, len, type] = Array.from(tokens.data.slice(i, i + 4));
      line += dl;
      char = dl === 0 ? char + dc : dc;
      decoded.push(
        `${line + 1}:${char + 1} ${legend.tokenTypes[type]} ${doc.lineAt(line).text.slice(char, char + len)}`,
      );
    }
    // Every heading of a listed chapter (none for 'Fragen aus der Community', which has none).
    assert.deepEqual(decoded, [
      '23:1 chapterHeading Begrüßung',
      '35:1 chapterHeading Neues aus den Kommunen',
      '50:1 chapterHeading Open Data Im Rathaus',
      '64:1 chapterHeading Datenqualität und Metadaten',
      '72:1 chapterHeading Schnittstellen für alle',
      '85:1 chapterHeading Lizenzen und Nutzungsbedingungen',
      '103:1 chapterHeading Empfehlungen',
      '110:1 chapterHeading Verabschiedung',
    ]);
  });
});
