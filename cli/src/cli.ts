#!/usr/bin/env node
/**
 * `transcript`: the same checks as the editor, from the command line.
 *   transcript check [--format text|json] FILE...   exit 1 on errors, 2 on bad usage
 *   transcript fix FILE...                           apply the safe fixes in place
 *   transcript outline FILE...                       chapters and speaker turns
 *   transcript shift --by -12 [--from 0:31:00] FILE  move timestamps, in place
 *   transcript stats [--format json] FILE...         per speaker and per chapter
 *   transcript export --to vtt|srt|json|html|chapters-json|psc|mp4chaps FILE [-o OUT]
 *   transcript import FILE [--chapters FILE] [-o OUT]
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import * as path from 'node:path';
import { LAYOUTS, type Layout } from '../../server/src/core/readers';
import {
  analyze,
  fixAllText,
  readSettings,
  withRoster,
  ROSTER_FILE,
  FINDING_CODES,
  applyEdits,
  formatChapterTime,
  outline,
  parse,
  parseOffset,
  shiftTimestamps,
  statistics,
  statisticsMarkdown,
  type Finding,
  type OutlineNode,
  type Statistics,
  type Settings,
} from '../../server/src/core';
import { EXPORT_FORMATS } from '../../server/src/core/formats';
import { fatalResult, toEslintResult, type EslintResult } from './eslintFormat';
import {
  exportCommand,
  importCommand,
  type ExportCommandOptions,
  type ImportCommandOptions,
} from './formats';
import { FileError, readTranscript, writeTranscript } from './files';
import { loadRoster, loadSideChapters } from '../../server/src/files/node';

declare const PACKAGE_VERSION: string | undefined;

interface CheckOptions {
  format: 'text' | 'json';
  speaker: string[];
  ignoreName: string[];
  /** false with --no-roster: no roster files, no feed. */
  roster: boolean;
  feed?: string;
  tolerance?: number;
  readingSpeed?: number;
  disable: string[];
  /** fix: write read-only files too. */
  force?: boolean;
  /** The layout to read, instead of deciding by extension and content. */
  layout?: Layout;
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

function charactersPerSecond(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError('expected a number of characters per second, 0 or more');
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
    ignoreNames: opts.ignoreName,
    chapterTimeTolerance: opts.tolerance,
    readingSpeed: opts.readingSpeed,
    findings,
  }).settings;
}

/**
 * The settings for one file: the options, then the roster files and feed
 * found from the file's folder up (as the editor finds them). A problem in
 * a roster is said once.
 */
function rosterSettings(
  base: Settings,
  opts: CheckOptions,
  io: Io,
): (file: string) => Promise<Settings> {
  const said = new Set<string>();
  return async (file) => {
    if (opts.roster === false) return base;
    const loaded = await loadRoster(file, { feed: opts.feed });
    for (const p of loaded.problems) {
      if (said.has(p)) continue;
      said.add(p);
      io.err(`transcript: roster: ${p}`);
    }
    return withRoster(base, loaded.roster);
  };
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
  const settingsOf = rosterSettings(settingsFrom(opts), opts, io);
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
    const { findings } = analyze(text, await settingsOf(file), {
      fileName: file,
      layout: opts.layout,
      sideChapters: await loadSideChapters(file),
    });
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
  const settingsOf = rosterSettings(settingsFrom(opts), opts, io);
  let exit = 0;
  for (const file of files) {
    try {
      const read = await readTranscript(file);
      const settings = await settingsOf(file);
      const as = {
        fileName: file,
        layout: opts.layout,
        sideChapters: await loadSideChapters(file),
      };
      const { text, applied } = fixAllText(read.text, settings, as);
      if (text === read.text) {
        io.out(`${file}: nothing to fix`);
      } else {
        await writeTranscript(read, text, { force: opts.force });
        io.out(`${file}: ${applied.length} ${applied.length === 1 ? 'fix' : 'fixes'} applied`);
        for (const title of applied) io.out(`  - ${title}`);
      }
      const left = analyze(text, settings, as).findings;
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

async function printOutline(files: string[], layout: Layout | undefined, io: Io): Promise<number> {
  let exit = 0;
  for (const file of files) {
    try {
      const { text } = await readTranscript(file);
      if (files.length > 1) io.out(`${file}:`);
      const sideChapters = await loadSideChapters(file);
      for (const line of outlineLines(
        outline(parse(text, { fileName: file, layout, sideChapters })),
      ))
        io.out(line);
    } catch (e) {
      if (!(e instanceof FileError)) throw e;
      io.err(`transcript: ${e.message}`);
      exit = 2;
    }
  }
  return exit;
}

interface ShiftOptions {
  layout?: Layout;
  by: string;
  from?: string;
  force?: boolean;
}

async function shift(file: string, opts: ShiftOptions, io: Io): Promise<number> {
  const offset = parseOffset(opts.by);
  if (offset === undefined)
    throw new UsageError(
      `--by '${opts.by}' is not an offset: write seconds or a time with a sign, such as -12, +1:30 or -0:00:05`,
    );
  let from = 0;
  if (opts.from !== undefined) {
    const t = parseOffset(opts.from);
    if (t === undefined || t < 0 || /^\s*[+-]/.test(opts.from))
      throw new UsageError(`--from '${opts.from}' is not a time such as 0:31:00`);
    from = t;
  }
  try {
    const read = await readTranscript(file);
    const model = parse(read.text, { fileName: file, layout: opts.layout });
    const r = shiftTimestamps(model, offset, { fromSeconds: from });
    if (!r.ok) {
      io.err(`transcript: ${file}: ${r.message}`);
      return 1;
    }
    if (r.edits.length === 0) {
      io.out(`${file}: no timestamps at or after ${formatChapterTime(from)}`);
      return 0;
    }
    await writeTranscript(read, applyEdits(read.text, r.edits), { force: opts.force });
    io.out(
      `${file}: shifted ${r.stamps} ${r.stamps === 1 ? 'timestamp' : 'timestamps'} and ${r.chapters} chapter ${r.chapters === 1 ? 'time' : 'times'} by ${opts.by}`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof FileError)) throw e;
    io.err(`transcript: ${e.message}`);
    return 2;
  }
}

async function stats(
  files: string[],
  opts: { format: 'markdown' | 'json'; layout?: Layout },
  io: Io,
): Promise<number> {
  let exit = 0;
  // A Map, so that a file named `__proto__` is a key like any other.
  const all = new Map<string, Statistics>();
  for (const file of files) {
    try {
      const { text } = await readTranscript(file);
      const sideChapters = await loadSideChapters(file);
      const s = statistics(parse(text, { fileName: file, layout: opts.layout, sideChapters }));
      if (opts.format === 'json') all.set(file, s);
      else io.out(statisticsMarkdown(s, path.basename(file)));
    } catch (e) {
      if (!(e instanceof FileError)) throw e;
      io.err(`transcript: ${e.message}`);
      exit = 2;
    }
  }
  if (opts.format === 'json')
    io.out(
      JSON.stringify(
        files.length === 1 ? (all.get(files[0]) ?? null) : Object.fromEntries(all),
        null,
        2,
      ),
    );
  return exit;
}

function addCheckOptions(cmd: Command): Command {
  return cmd
    .option(
      '--speaker <name>',
      'a known speaker name, added to the roster (repeatable)',
      collect,
      [],
    )
    .option(
      '--ignore-name <name>',
      'a name or phrase never reported as a misspelt speaker name (repeatable)',
      collect,
      [],
    )
    .option('--feed <file>', "the show's RSS feed, for its <podcast:person> names")
    .option('--no-roster', `do not read ${ROSTER_FILE} files or a feed`)
    .option('--tolerance <seconds>', 'chapter time tolerance in seconds (default 10)', seconds)
    .option(
      '--reading-speed <cps>',
      'report cues asking for more characters per second than this (cue files; default off)',
      charactersPerSecond,
    )
    .option('--disable <code>', 'do not report this finding code (repeatable)', collect, [])
    .addOption(layoutOption());
}

/** `--layout`: read the files in this layout, whatever their extension and first lines. */
function layoutOption(): Option {
  return new Option(
    '--layout <layout>',
    'read as this layout (default: by extension, then by the first lines)',
  ).choices([...LAYOUTS]);
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
      .option('--force', 'also rewrite read-only files (they stay read-only)')
      .argument('<files...>', 'transcript files'),
  ).action(async (files: string[], opts: CheckOptions) => {
    exit = await fix(files, { ...opts, format: 'text' }, io);
  });

  program
    .command('shift')
    .description('move every timestamp and chapter time at or after a time by an offset, in place')
    .requiredOption('--by <offset>', 'signed offset: -12, +1:30, -0:00:05')
    .option('--from <time>', 'only times at or after this one (default: all)')
    .option('--force', 'also rewrite a read-only file (it stays read-only)')
    .addOption(layoutOption())
    .argument('<file>', 'transcript file')
    .action(async (file: string, opts: ShiftOptions) => {
      exit = await shift(file, opts, io);
    });

  program
    .command('stats')
    .description('turns, words, talking time and share per speaker; length per chapter')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['markdown', 'json'])
        .default('markdown'),
    )
    .addOption(layoutOption())
    .argument('<files...>', 'transcript files')
    .action(async (files: string[], opts: { format: 'markdown' | 'json'; layout?: Layout }) => {
      exit = await stats(files, opts, io);
    });

  program
    .command('export')
    .description('write the transcript or its chapters in a publishing format')
    .addOption(
      new Option('--to <format>', 'target format')
        .choices([...EXPORT_FORMATS])
        .makeOptionMandatory(),
    )
    .option('-o, --output <file>', 'write here (atomically) instead of to standard output')
    .option('--force', 'export even when the transcript has errors; write a read-only output')
    .option('--line-width <n>', 'wrap cue lines at this width (WebVTT 65, SRT 32)')
    .option('--episode-length <seconds>', 'where the last cue ends')
    .option(
      '--chapters-track <file>',
      'with --to vtt: also write the chapters as a WebVTT chapters track',
    )
    .argument('<file>', 'transcript file')
    .action(async (file: string, opts: ExportCommandOptions) => {
      exit = await exportCommand(file, opts, io);
    });

  program
    .command('import')
    .description(
      'make a transcript from WebVTT, SRT or Podcasting 2.0 JSON (detected from content)',
    )
    .option(
      '--chapters <file>',
      'a chapters file: Podcasting 2.0 JSON, Podlove Simple Chapters or mp4chaps',
    )
    .option(
      '--paragraphs <how>',
      'cues (default): a stamped paragraph per cue (every start kept); pauses: one paragraph per pause',
    )
    .option('--pause <seconds>', 'the gap between cues that makes a pause (default 2)')
    .option('-o, --output <file>', 'write here (atomically) instead of to standard output')
    .option('--force', 'write the output file even when it is read-only')
    .argument('<file>', 'the file to import')
    .action(async (file: string, opts: ImportCommandOptions) => {
      exit = await importCommand(file, opts, io);
    });

  program
    .command('outline')
    .description('print the chapters and speaker turns, with their lines')
    .addOption(layoutOption())
    .argument('<files...>', 'transcript files')
    .action(async (files: string[], opts: { layout?: Layout }) => {
      exit = await printOutline(files, opts.layout, io);
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

/**
 * A line writer for a standard stream that goes quiet once the reader is gone
 * (`transcript fix *.txt | head -1`): the remaining files are still worked on,
 * with no stack trace about a broken pipe.
 */
function lineWriter(stream: NodeJS.WriteStream): (line: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
    closed = true;
  });
  return (line) => {
    if (!closed) stream.write(`${line}\n`);
  };
}

if (require.main === module) {
  const io: Io = { out: lineWriter(process.stdout), err: lineWriter(process.stderr) };
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
