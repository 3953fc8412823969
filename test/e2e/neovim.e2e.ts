/**
 * Neovim as a headless LSP client. For now it proves the helper against a
 * stand-in server (fixtures/stub-lsp-server.mjs); the project's real server
 * (dist/server.js, built by `npm run build`) gets its scenarios here later.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { repoRoot } from './harness.js';
import { neovimVersion, runNeovimLsp } from './neovim.js';

const STUB_SERVER = path.join(repoRoot(), 'test', 'e2e', 'fixtures', 'stub-lsp-server.mjs');

describe('Neovim LSP client helper (stand-in server)', function () {
  before(function () {
    const version = neovimVersion();
    assert.ok(version, 'nvim is not installed: run bash test/e2e/setup.sh');
    assert.match(version, /^NVIM v0\.\d+/);
  });

  it('collects diagnostics and document symbols', async function () {
    const result = await runNeovimLsp({
      serverPath: STUB_SERVER,
      file: { path: 'episode.txt', content: 'Generated Shownotes\nsecond line\n' },
    });
    assert.equal(result.published.length >= 1, true);
    assert.equal(result.diagnostics.length, 1);
    const [diag] = result.diagnostics;
    assert.equal(diag!.message, 'Stub: first line inspected');
    assert.equal(diag!.severity, 2); // vim.diagnostic.severity.WARN
    assert.equal(diag!.lnum, 0);
    assert.equal(diag!.col, 0);
    assert.equal(diag!.end_col, 'Generated Shownotes'.length);
    assert.deepEqual(result.symbols, [
      {
        name: 'First line',
        kind: 15, // SymbolKind.String
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 19 } },
        selectionRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 19 } },
      },
    ]);
    assert.equal(result.serverCapabilities.documentSymbolProvider, true);
  });

  it('runs Lua checks with ctx.request', async function () {
    const result = await runNeovimLsp({
      serverPath: STUB_SERVER,
      file: { path: 'notes/a.txt', content: 'x\n' },
      filetype: 'transcript',
      waitForDiagnostics: 'nonempty',
      luaChecks: `
        local symbols = ctx.request('textDocument/documentSymbol', { textDocument = ctx.text_document })
        return { filetype = vim.bo[ctx.bufnr].filetype, count = #symbols, first = symbols[1].name }
      `,
    });
    assert.deepEqual(result.checks, { filetype: 'transcript', count: 1, first: 'First line' });
  });

  it('reports a request the server does not support as an error', async function () {
    await assert.rejects(
      runNeovimLsp({
        serverPath: STUB_SERVER,
        file: { path: 'a.txt', content: 'x\n' },
        luaChecks: `return ctx.request('textDocument/hover', {
          textDocument = ctx.text_document, position = { line = 0, character = 0 } })`,
      }),
      /textDocument\/hover: not supported by the server/,
    );
  });

  it('reports a failing Lua check as an error', async function () {
    await assert.rejects(
      runNeovimLsp({
        serverPath: STUB_SERVER,
        file: { path: 'a.txt', content: 'x\n' },
        luaChecks: `error('deliberate failure in a check')`,
      }),
      /deliberate failure in a check/,
    );
  });

  it('reports a server that does not start', async function () {
    await assert.rejects(
      runNeovimLsp({
        serverPath: path.join(repoRoot(), 'test', 'e2e', 'fixtures', 'does-not-exist.mjs'),
        file: { path: 'a.txt', content: 'x\n' },
        timeout: 3_000,
      }),
      /did not initialize|start_client/,
    );
  });
});
