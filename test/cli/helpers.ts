/** Helpers for the CLI tests: run the built `dist/cli.js` as a user does, and check its output. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = 'dist/cli.js';
export const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node dist/cli.js ...args` from the repository root. */
export function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 15000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The non-empty lines of an output. */
export function outLines(s: string): string[] {
  return s.split('\n').filter((l) => l !== '');
}

/** Neither a JavaScript stack trace nor the CLI's own "internal error" report. */
export function assertNoCrash(r: Run): void {
  assert.doesNotMatch(r.stderr, /^\s+at .+(\(|:\d+:\d+)/m, `stack trace on stderr:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error|TypeError|RangeError|ReferenceError/);
}

/** A fresh temporary folder, and files written into it. */
export class TempDir {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-cli-'));

  /** A new empty folder inside the temporary one (to list it alone after a fix). */
  folder(name: string): string {
    const dir = path.join(this.root, name);
    fs.mkdirSync(dir);
    return dir;
  }

  /** Writes `content` to `name` (relative to the temporary folder) and returns its absolute path. */
  write(name: string, content: string | Buffer): string {
    const file = path.join(this.root, name);
    fs.writeFileSync(file, content);
    return file;
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** `s` with CRLF line endings, a trailing CRLF and a UTF-8 byte order mark in front. */
export function crlfWithBom(s: string): Buffer {
  return Buffer.concat([BOM, Buffer.from(`${s.replace(/\n/g, '\r\n')}\r\n`, 'utf8')]);
}

// ---- The ESLint JSON format -------------------------------------------------

export interface EslintFix {
  range: [number, number];
  text: string;
}

export interface EslintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  fix?: EslintFix;
  suggestions?: { desc: string; fix: EslintFix }[];
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  errorCount: number;
  warningCount: number;
}

export function applyFix(text: string, fix: EslintFix): string {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

/** The 0-based offset of a 1-based line and column in `text` (CR counts as a character). */
export function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  assert.ok(line >= 1 && line <= lines.length, `line ${line} outside the text`);
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i].length + 1;
  assert.ok(column >= 1 && column <= lines[line - 1].length + 1, `column ${column} outside line`);
  return offset + column - 1;
}

function assertFix(fix: EslintFix, text: string, where: string): void {
  assert.ok(Array.isArray(fix.range) && fix.range.length === 2, `${where}: range`);
  const [start, end] = fix.range;
  assert.ok(Number.isInteger(start) && Number.isInteger(end), `${where}: integer offsets`);
  assert.ok(0 <= start && start <= end && end <= text.length, `${where}: [${start}, ${end}]`);
  assert.equal(typeof fix.text, 'string', `${where}: text`);
}

/**
 * Checks one result against the ESLint shape, with offsets inside `text`
 * (the file's text without its BOM) and 1-based positions inside the file.
 */
export function assertEslintResult(r: EslintResult, text: string): void {
  assert.equal(typeof r.filePath, 'string');
  assert.ok(path.isAbsolute(r.filePath), `filePath ${r.filePath} is not absolute`);
  assert.ok(Array.isArray(r.messages));
  assert.equal(r.errorCount, r.messages.filter((m) => m.severity === 2).length, 'errorCount');
  assert.equal(r.warningCount, r.messages.filter((m) => m.severity === 1).length, 'warningCount');
  r.messages.forEach((m, i) => {
    const where = `${path.basename(r.filePath)} message ${i} (${m.ruleId})`;
    assert.match(String(m.ruleId), /^[a-z]+(-[a-z]+)+$/, `${where}: ruleId`);
    assert.ok(m.severity === 1 || m.severity === 2, `${where}: severity ${m.severity}`);
    assert.ok(typeof m.message === 'string' && m.message.length > 0, `${where}: message`);
    assert.ok(m.endLine !== undefined && m.endColumn !== undefined, `${where}: end position`);
    const start = offsetOf(text, m.line, m.column);
    const end = offsetOf(text, m.endLine, m.endColumn);
    assert.ok(start <= end, `${where}: start after end`);
    assert.ok(Array.isArray(m.suggestions), `${where}: suggestions`);
    for (const s of m.suggestions) {
      assert.ok(typeof s.desc === 'string' && s.desc.length > 0, `${where}: desc`);
      assertFix(s.fix, text, `${where} '${s.desc}'`);
    }
    if (m.fix) assertFix(m.fix, text, `${where} fix`);
  });
}
