/**
 * Neovim (Debian's 0.7.2, headless) as a second real LSP client.
 *
 * runNeovimLsp() writes a Lua script into a fresh run folder under
 * <repo>/.e2e/runs/, runs `nvim --headless -n -i NONE -u NONE -c 'luafile …'`
 * (HOME, XDG_* and TMPDIR pointed into the run folder), and returns what the
 * script saw as JSON: the published diagnostics, Neovim's view of them, the
 * documentSymbol answer and the result of optional Lua checks.
 *
 * Only Neovim 0.7 APIs are used: vim.lsp.start_client, buf_attach_client,
 * buf_request_sync, vim.wait, vim.diagnostic.get, vim.json.encode.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRunDir, findExecutable, runProcess } from './harness.js';

export interface NeovimLspOptions {
  /** The language server's JS entry, started as `node <serverPath> ...serverArgs`. */
  serverPath: string;
  /** Arguments after serverPath (default ["--stdio"]). */
  serverArgs?: string[];
  /**
   * The file to open: a path (absolute, or relative to the working
   * directory), or a file to write into the run's workspace folder.
   */
  file: string | { path: string; content: string };
  /** Other files to write into the run's workspace folder (relative path → content). */
  workspaceFiles?: Record<string, string>;
  /** Filetype to set on the buffer (Neovim runs with -u NONE: nothing is detected). */
  filetype?: string;
  /**
   * What to wait for before asking for symbols: "published" (default) waits for
   * a publishDiagnostics notification for the file (even an empty one),
   * "nonempty" until Neovim holds at least one diagnostic for it, "none" waits not.
   */
  waitForDiagnostics?: 'published' | 'nonempty' | 'none';
  /**
   * Lua statements run last, as the body of `function(ctx) … end`; the
   * returned value is JSON-encoded into result.checks. ctx has: bufnr,
   * client_id, client, uri, text_document (a TextDocumentIdentifier),
   * timeout, result (what was collected so far), and
   * request(method, params) → the server's result (raises on an LSP error,
   * a timeout, or a method the server's capabilities do not announce).
   * Example: `return ctx.request('textDocument/hover', { textDocument =
   * ctx.text_document, position = { line = 0, character = 2 } })`
   */
  luaChecks?: string;
  /** Sent as initializationOptions. */
  initializationOptions?: unknown;
  /** Returned for workspace/configuration requests (Neovim's `settings`). */
  settings?: Record<string, unknown>;
  /** Timeout of each LSP wait inside Neovim, in ms (default 10000). */
  timeout?: number;
  /** Timeout of the whole Neovim run, in ms (default 60000). */
  processTimeout?: number;
  /** Keep the run folder (also with E2E_KEEP_RUNS=1). */
  keepRunDir?: boolean;
}

/** A diagnostic as vim.diagnostic.get() returns it (0-based lines and columns). */
export interface NeovimDiagnostic {
  lnum: number;
  col: number;
  end_lnum?: number;
  end_col?: number;
  severity: number;
  message: string;
  source?: string;
  code?: string | number;
  [key: string]: unknown;
}

export interface NeovimLspResult {
  /** The textDocument/publishDiagnostics params received, in order (LSP shapes). */
  published: { uri: string; version?: number; diagnostics: unknown[] }[];
  /** vim.diagnostic.get(bufnr) after the wait. */
  diagnostics: NeovimDiagnostic[];
  /** The textDocument/documentSymbol result (null if none). */
  symbols: unknown[] | null;
  /** What luaChecks returned (null if none). */
  checks: unknown;
  /** The server's capabilities from its initialize answer. */
  serverCapabilities: Record<string, unknown>;
  /** How long the Neovim process ran, ms. */
  durationMs: number;
  /** Neovim's LSP log (warnings and errors). */
  lspLog: string;
}

const LUA = String.raw`
local function read_file(p)
  local f = assert(io.open(p, 'r'))
  local s = f:read('*a')
  f:close()
  return s
end
local cfg = vim.fn.json_decode(read_file(os.getenv('E2E_NVIM_CONFIG')))
local encode = (vim.json and vim.json.encode) or vim.fn.json_encode
local result = { errors = {}, published = {}, diagnostics = {}, symbols = vim.NIL, checks = vim.NIL,
  serverCapabilities = vim.NIL }
local client_id

local function finish()
  if client_id then
    pcall(vim.lsp.stop_client, client_id)
    vim.wait(3000, function() return vim.lsp.client_is_stopped(client_id) end, 20)
  end
  local ok, json = pcall(encode, result)
  if not ok then
    json = encode({ errors = { 'could not encode the result: ' .. tostring(json) } })
  end
  local f = assert(io.open(cfg.output, 'w'))
  f:write(json)
  f:close()
  vim.cmd('qa!')
end

local function main()
  vim.lsp.set_log_level(cfg.logLevel)
  client_id = vim.lsp.start_client({
    name = 'e2e',
    cmd = cfg.cmd,
    root_dir = cfg.rootDir,
    init_options = cfg.initializationOptions,
    settings = cfg.settings,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, res, ctx, config)
        table.insert(result.published, res)
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, res, ctx, config)
      end,
    },
  })
  if not client_id then error('vim.lsp.start_client failed') end
  vim.cmd('edit ' .. vim.fn.fnameescape(cfg.file))
  local bufnr = vim.api.nvim_get_current_buf()
  if cfg.filetype ~= vim.NIL and cfg.filetype ~= nil then vim.bo[bufnr].filetype = cfg.filetype end
  if not vim.lsp.buf_attach_client(bufnr, client_id) then error('buf_attach_client failed') end
  local client = vim.lsp.get_client_by_id(client_id)
  if not vim.wait(cfg.timeout, function() return client.initialized or client.is_stopped() end, 20)
    or not client.initialized then
    error('the server did not initialize within ' .. cfg.timeout .. ' ms')
  end
  result.serverCapabilities = client.server_capabilities
  local fname = vim.api.nvim_buf_get_name(bufnr)
  local uri = vim.uri_from_bufnr(bufnr)

  local function published_for_buffer()
    for _, p in ipairs(result.published) do
      if vim.uri_to_fname(p.uri) == fname then return true end
    end
    return false
  end
  if cfg.waitForDiagnostics == 'published' then
    if not vim.wait(cfg.timeout, published_for_buffer, 20) then
      table.insert(result.errors, 'no publishDiagnostics for ' .. uri .. ' within ' .. cfg.timeout .. ' ms')
    end
  elseif cfg.waitForDiagnostics == 'nonempty' then
    if not vim.wait(cfg.timeout, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then
      table.insert(result.errors, 'no diagnostics for ' .. uri .. ' within ' .. cfg.timeout .. ' ms')
    end
  end
  result.diagnostics = vim.diagnostic.get(bufnr)

  local text_document = { uri = uri }
  local function request(method, params)
    if not client.supports_method(method) then
      error(method .. ': not supported by the server (per its capabilities)')
    end
    local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, cfg.timeout)
    if not responses then error(method .. ': ' .. tostring(err)) end
    local r = responses[client_id]
    if not r then error(method .. ': no answer from the server') end
    if r.error then error(method .. ': ' .. encode(r.error)) end
    if r.result == nil then return vim.NIL end
    return r.result
  end

  if client.server_capabilities.documentSymbolProvider then
    result.symbols = request('textDocument/documentSymbol', { textDocument = text_document })
  end

  if cfg.luaChecks ~= vim.NIL and cfg.luaChecks ~= nil then
    local chunk, load_err = loadstring('local ctx = ...\n' .. cfg.luaChecks, 'luaChecks')
    if not chunk then error('luaChecks: ' .. load_err) end
    local value = chunk({ bufnr = bufnr, client_id = client_id, client = client, uri = uri,
      text_document = text_document, timeout = cfg.timeout, result = result, request = request })
    if value == nil then value = vim.NIL end
    result.checks = value
  end
end

local ok, err = xpcall(main, debug.traceback)
if not ok then table.insert(result.errors, tostring(err)) end
finish()
`;

/** Neovim's version line, e.g. "NVIM v0.7.2", or undefined when it is not installed. */
export function neovimVersion(): string | undefined {
  const nvim = findExecutable('nvim');
  if (!nvim) return undefined;
  // Even `nvim --version` creates $XDG_CACHE_HOME/nvim/log: keep it in a run folder.
  const run = createRunDir('nvim-version');
  try {
    const out = spawnSync(nvim, ['--version'], { encoding: 'utf8', env: run.env }).stdout ?? '';
    return out.split('\n')[0] || undefined;
  } finally {
    run.remove();
  }
}

/** Runs Neovim headless as an LSP client of the server on one file; see NeovimLspOptions. */
export async function runNeovimLsp(options: NeovimLspOptions): Promise<NeovimLspResult> {
  const nvim = findExecutable('nvim');
  if (!nvim) throw new Error('nvim not found on PATH: run bash test/e2e/setup.sh');
  const run = createRunDir('nvim');
  let ok = false;
  try {
    const workspace = path.join(run.root, 'workspace');
    fs.mkdirSync(workspace, { recursive: true });
    for (const [rel, content] of Object.entries(options.workspaceFiles ?? {})) {
      const p = path.join(workspace, rel);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
    }
    let file: string;
    if (typeof options.file === 'string') {
      file = path.resolve(options.file);
    } else {
      file = path.join(workspace, options.file.path);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, options.file.content);
    }
    const output = path.join(run.root, 'result.json');
    const luaFile = path.join(run.root, 'check.lua');
    const configFile = path.join(run.root, 'config.json');
    fs.writeFileSync(luaFile, LUA);
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        cmd: [
          process.execPath,
          path.resolve(options.serverPath),
          ...(options.serverArgs ?? ['--stdio']),
        ],
        rootDir: typeof options.file === 'string' ? path.dirname(file) : workspace,
        file,
        filetype: options.filetype ?? null,
        waitForDiagnostics: options.waitForDiagnostics ?? 'published',
        luaChecks: options.luaChecks ?? null,
        initializationOptions: options.initializationOptions ?? null,
        settings: options.settings ?? {},
        timeout: options.timeout ?? 10_000,
        logLevel: 'WARN',
        output,
      }),
    );
    const started = Date.now();
    const proc = await runProcess(
      nvim,
      [
        '--headless',
        '-n',
        '-i',
        'NONE',
        '-u',
        'NONE',
        '-c',
        `luafile ${luaFile.replace(/([\\ ])/g, '\\$1')}`,
      ],
      {
        cwd: workspace,
        env: { ...run.env, E2E_NVIM_CONFIG: configFile },
        timeout: options.processTimeout ?? 60_000,
      },
    );
    const durationMs = Date.now() - started;
    const lspLogFile = path.join(run.env.XDG_CACHE_HOME!, 'nvim', 'lsp.log');
    const lspLog = fs.existsSync(lspLogFile) ? fs.readFileSync(lspLogFile, 'utf8') : '';
    const context = () =>
      `nvim exit ${proc.code}${proc.signal ? ` (${proc.signal})` : ''}\n--- stdout\n${proc.stdout}\n--- stderr\n${proc.stderr}\n--- lsp.log\n${lspLog}`;
    if (!fs.existsSync(output)) throw new Error(`Neovim wrote no result.\n${context()}`);
    const raw = JSON.parse(fs.readFileSync(output, 'utf8')) as Record<string, unknown>;
    const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
    const errors = list<string>(raw.errors);
    if (errors.length)
      throw new Error(`Neovim LSP run failed:\n${errors.join('\n')}\n${context()}`);
    ok = true;
    return {
      published: list<NeovimLspResult['published'][number]>(raw.published).map((p) => ({
        ...p,
        diagnostics: list(p.diagnostics),
      })),
      diagnostics: list<NeovimDiagnostic>(raw.diagnostics),
      symbols: raw.symbols == null ? null : list(raw.symbols),
      checks: raw.checks ?? null,
      serverCapabilities: (raw.serverCapabilities ?? {}) as Record<string, unknown>,
      durationMs,
      lspLog,
    };
  } finally {
    const keep =
      options.keepRunDir || process.env.E2E_KEEP_RUNS || (!ok && process.env.E2E_KEEP_FAILED_RUNS);
    if (keep) run.keep();
    else run.remove();
  }
}
