/**
 * The built language server (dist/server.js, `npm run build` or `npm run
 * package`) under a second real client: Neovim 0.7, headless, on
 * examples/episode.txt with filetype `transcript`. Neovim knows nothing of
 * the project: what it receives is what any LSP client would.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './harness.js';
import { neovimVersion, runNeovimLsp, type NeovimLspResult } from './neovim.js';

const SERVER = path.join(repoRoot(), 'dist', 'server.js');
const EPISODE = path.join(repoRoot(), 'examples', 'episode.txt');

interface Symbol {
  name: string;
  detail?: string;
  kind: number;
  range: { start: { line: number } };
  selectionRange: { start: { line: number } };
  children?: Symbol[];
}

/** code@line (1-based) of what vim.diagnostic.get() holds, sorted. */
function keys(result: NeovimLspResult): string[] {
  return result.diagnostics.map((d) => `${d.code}@${d.lnum + 1}`).sort();
}

describe('The built server in Neovim (examples/episode.txt)', function () {
  let result: NeovimLspResult;

  before(async function () {
    assert.ok(
      fs.existsSync(SERVER),
      `${SERVER} is missing: run npm run package (or npm run build)`,
    );
    assert.ok(neovimVersion(), 'nvim is not installed: run bash test/e2e/setup.sh');
    result = await runNeovimLsp({
      serverPath: SERVER,
      file: { path: 'episode.txt', content: fs.readFileSync(EPISODE, 'utf8') },
      filetype: 'transcript',
      waitForDiagnostics: 'nonempty',
      luaChecks: `
        return {
          filetype = vim.bo[ctx.bufnr].filetype,
          hover = ctx.request('textDocument/hover', { textDocument = ctx.text_document,
            position = { line = 36, character = 2 } }),
        }
      `,
    });
  });

  it('receives the 14 findings with their codes, places and severities', function () {
    // The consistent 'Stephan:' labels get none; the text's 'Stefan' (7 places) does.
    const stefan = ['13:54', '14:28', '16:1', '19:11', '26:46', '26:60', '97:89'];
    assert.deepEqual(
      keys(result),
      [
        'chapter-time-mismatch@8',
        'chapter-heading-missing@9',
        ...stefan.map((p) => `speaker-name-in-text@${p.split(':')[0]}`),
        'speaker-spelling@41',
        'chapter-heading-mismatch@50',
        'timestamp-malformed@63',
        'timestamp-order@77',
        'speaker-turn-empty@93',
      ].sort(),
    );
    const errors = result.diagnostics.filter((d) => d.severity === 1); // ERROR
    const warnings = result.diagnostics.filter((d) => d.severity === 2); // WARN
    assert.deepEqual(errors.map((d) => d.code).sort(), ['timestamp-malformed', 'timestamp-order']);
    assert.equal(warnings.length, 12);
    for (const d of result.diagnostics) assert.equal(d.source, 'transcript');
    const inText = result.diagnostics.filter((d) => d.code === 'speaker-name-in-text');
    // The finding covers the word. vim.diagnostic counts 0-based bytes ("über"
    // before the Stefan of line 97 is 5 bytes); the core counts characters.
    const lines = fs.readFileSync(EPISODE, 'utf8').split('\n');
    const byte = (line: number, char: number) =>
      Buffer.byteLength(lines[line - 1]!.slice(0, char - 1)) + 1;
    assert.deepEqual(
      inText.map((d) => `${d.lnum + 1}:${d.col + 1}-${d.end_col! + 1}`).sort(),
      stefan
        .map((p) => p.split(':').map(Number) as [number, number])
        .map(([l, c]) => `${l}:${byte(l, c)}-${byte(l, c + 6)}`)
        .sort(),
    );
    assert.ok(byte(97, 89) !== 89, 'line 97 has a wide character before Stefan');
    for (const d of inText)
      assert.equal(
        d.message,
        "'Stefan' looks like a misspelling of 'Stephan': speaker 'Stephan' (12 labels); the text spells it 'Stefan' 7 times",
      );
    const malt = result.diagnostics.find((d) => d.lnum === 40)!;
    assert.equal(malt.code, 'speaker-spelling');
    assert.equal(malt.message, "'Malt' (1 label) looks like a misspelling of 'Malte' (11 labels)");
    // Published once per version, for the buffer's file, with the same 14.
    const last = result.published[result.published.length - 1]!;
    assert.match(last.uri, /episode\.txt$/);
    assert.equal(last.diagnostics.length, 14);
  });

  it('receives the outline: sections, and under Transcript the chapters with their turns', function () {
    const symbols = result.symbols as Symbol[];
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Generated Shownotes', 'Chapters', 'Long Summary', 'Brief Summary', 'Tags', 'Transcript'],
    );
    const transcript = symbols.find((s) => s.name === 'Transcript')!;
    assert.equal(transcript.range.start.line, 21);
    const chapters = transcript.children ?? [];
    assert.deepEqual(
      chapters.map((c) => c.name),
      [
        'Begrüßung',
        'Neues aus den Kommunen',
        'Open Data im Rathaus',
        'Datenqualität und Metadaten',
        'Schnittstellen für alle',
        'Lizenzen und Nutzungsbedingungen',
        'Fragen aus der Community',
        'Empfehlungen',
        'Verabschiedung',
      ],
    );
    // A chapter starts at its heading in the body.
    assert.equal(chapters[3]!.selectionRange.start.line, 63);
    assert.deepEqual(
      (chapters[0]!.children ?? []).map((t) => t.name),
      ['Malte 0:03', 'Stephan 0:11', 'Malte 0:18', 'Dr. Jana Albers 0:24', 'Stephan 0:31'],
    );
    const turns = chapters.flatMap((c) => c.children ?? []);
    assert.equal(turns.length, 38, 'one turn per label');
    for (const c of chapters) assert.ok((c.children ?? []).length > 0, `turns under ${c.name}`);
    // The empty turn is there too, without a time.
    assert.ok(turns.some((t) => t.name === 'Malte' && t.range.start.line === 92));
  });

  it('answers other requests (hover on a timestamp)', function () {
    const checks = result.checks as { filetype: string; hover: { contents: { value: string } } };
    assert.equal(checks.filetype, 'transcript');
    assert.match(checks.hover.contents.value, /in chapter \*\*Neues aus den Kommunen\*\*/);
  });
});
