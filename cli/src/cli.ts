#!/usr/bin/env node
/**
 * `transcript`: the same checks as the editor, from the command line.
 *   transcript check [--format text|json] FILE...   exit 1 on errors, 2 on bad usage
 *   transcript fix FILE...                           apply the safe fixes in place
 *   transcript outline FILE...                       chapters and speaker turns
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import * as path from 'node:path';
import {
  analyze,
  fixAllText,
  readSettings,
  FINDING_CODES,
  outline,
  parse,
  type Finding,
  type OutlineNode,
  type Settings,
} from '../../server/src/core';
import { fatalResult, toEslintResult, type EslintResult } from './eslintFormat';
import { FileError, readTranscript, writeTranscript } from './files';

declare const PACKAGE_VERSION: string | undefined;

interface CheckOptions {
  format: 'text' | 'json';
  speaker: string[];
  tolerance?: number;
  disable: string[];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError('expected a number of seconds, 0 or more');
  return n;
}

function settingsFrom(opts: CheckOptions): Settings {
  const findings: Record<string, boolean> = {};
  for (const code of opts.disable) {
    if (!(FINDING_CODES as readonly string[]).includes(code))
      throw new UsageError(`unknown finding code '${code}' (known: ${FINDING_CODES.join(', ')})`);
    findings[code] = false;
  }
  return readSettings({
    speakers: opts.speaker,
    chapterTimeTolerance: opts.tolerance,
    findings,
  }).settings;
}

class UsageError extends Error {}

function formatText(file: string, findings: readonly Finding[]): string[] {
  return findings.map(
    (f) =>
      `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code} ${f.message}`,
  );
}

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

async function check(files: string[], opts: CheckOptions, io: Io): Promise<number> {
  const settings = settingsFrom(opts);
  let exit = 0;
  const results: EslintResult[] = [];
  let errors = 0;
  let warnings = 0;
  let notes = 0;
  let checked = 0;
  for (const file of files) {
    let text: string;
    try {
      text = (await readTranscript(file)).text;
    } catch (e) {
      if (!(e instanceof FileError)) throw e;
      io.err(`transcript: ${e.message}`);
      if (opts.format === 'json') results.push(fatalResult(path.resolve(file), e.message));
      exit = 2;
      continue;
    }
    const { findings } = analyze(text, settings);
    checked++;
    errors += findings.filter((f) => f.severity === 'error').length;
    warnings += findings.filter((f) => f.severity === 'warning').length;
    notes += findings.filter((f) => f.severity === 'information').length;
    if (opts.format === 'json') results.push(toEslintResult(path.resolve(file), text, findings));
    else for (const line of formatText(file, findings)) io.out(line);
  }
  if (opts.format === 'json') io.out(JSON.stringify(results, null, 2));
  else {
    const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    const parts = [count(errors, 'error', 'errors'), count(warnings, 'warning', 'warnings')];
    if (notes > 0) parts.push(count(notes, 'note', 'notes'));
    io.err(`${parts.join(', ')} in ${count(checked, 'file', 'files')}`);
  }
  if (exit === 0 && errors > 0) exit = 1;
  return exit;
}

async function fix(files: string[], opts: CheckOptions, io: Io): Promise<number> {
  const settings = settingsFrom(opts);
  let exit = 0;
  for (const file of files) {
    try {
      const read = await readTranscript(file);
      const { text, applied } = fixAllText(read.text, settings);
      if (text === read.text) {
        io.out(`${file}: nothing to fix`);
      } else {
        await writeTranscript(read, text);
        io.out(`${file}: ${applied.length} ${applied.length === 1 ? 'fix' : 'fixes'} applied`);
        for (const title of applied) io.out(`  - ${title}`);
      }
      const left = analyze(text, settings).findings;
      const errors = left.filter((f) => f.severity === 'error').length;
      if (left.length > 0)
        io.out(
          `  ${left.length} left to fix by hand (${errors} errors): run 'transcript check ${file}'`,
        );
      if (errors > 0 && exit === 0) exit = 1;
    } catch (e) {
      if (!(e instanceof FileError)) throw e;
      io.err(`transcript: ${e.message}`);
      exit = 2;
    }
  }
  return exit;
}

function outlineLines(nodes: readonly OutlineNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.name}${n.detail ? `  ${n.detail}` : ''}  (line ${n.selectionRange.start.line + 1})`,
    ...outlineLines(n.children, depth + 1),
  ]);
}

async function printOutline(files: string[], io: Io): Promise<number> {
  let exit = 0;
  for (const file of files) {
    try {
      const { text } = await readTranscript(file);
      if (files.length > 1) io.out(`${file}:`);
      for (const line of outlineLines(outline(parse(text)))) io.out(line);
    } catch (e) {
      if (!(e instanceof FileError)) throw e;
      io.err(`transcript: ${e.message}`);
      exit = 2;
    }
  }
  return exit;
}

function addCheckOptions(cmd: Command): Command {
  return cmd
    .option('--speaker <name>', 'a known speaker name (repeatable)', collect, [])
    .option('--tolerance <seconds>', 'chapter time tolerance in seconds (default 10)', seconds)
    .option('--disable <code>', 'do not report this finding code (repeatable)', collect, []);
}

export async function main(argv: string[], io: Io): Promise<number> {
  let exit = 0;
  const program = new Command('transcript')
    .description('Check and fix podcast transcripts (Auphonic / Whisper exports).')
    .version(typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError();

  addCheckOptions(
    program
      .command('check')
      .description('report findings as file:line:column: severity code message')
      .argument('<files...>', 'transcript files')
      .addOption(
        new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
      ),
  ).action(async (files: string[], opts: CheckOptions) => {
    exit = await check(files, opts, io);
  });

  addCheckOptions(
    program
      .command('fix')
      .description('apply the safe fixes in place and say what changed')
      .argument('<files...>', 'transcript files'),
  ).action(async (files: string[], opts: CheckOptions) => {
    exit = await fix(files, { ...opts, format: 'text' }, io);
  });

  program
    .command('outline')
    .description('print the chapters and speaker turns, with their lines')
    .argument('<files...>', 'transcript files')
    .action(async (files: string[]) => {
      exit = await printOutline(files, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(`transcript: ${e.message}`);
      return 2;
    }
    throw e;
  }
  return exit;
}

if (require.main === module) {
  const io: Io = {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(
        `transcript: internal error: ${e instanceof Error ? e.message : String(e)}\n`,
      );
      process.exitCode = 2;
    },
  );
}
