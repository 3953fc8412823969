/**
 * `transcript export` and `transcript import`: publishing formats from the
 * command line. The commands themselves are wired in cli.ts; these functions
 * do the work and return the exit code:
 *   0  done
 *   1  the content stopped it (export: the transcript has errors; import: not a
 *      format we read, or a chapters file we cannot read); the message says why
 *   2  bad usage, or a file that cannot be read or written
 */
import * as path from 'node:path';
import {
  EXPORT_FORMATS,
  exportTranscript,
  FORMAT_INFO,
  importTranscript,
  isExportFormat,
} from '../../server/src/core/formats';
import { FileError, readTranscript, writeAtomically } from './files';

export interface FormatsIo {
  out(s: string): void;
  err(s: string): void;
}

export interface ExportCommandOptions {
  /** vtt, srt, json, html, chapters-json, psc or mp4chaps. */
  to: string;
  /** Write here (atomically) instead of to stdout. */
  output?: string;
  /** Export even when the transcript has errors. */
  force?: boolean;
  lineWidth?: number;
  /** Seconds. */
  episodeLength?: number;
  /** WebVTT only: also write the chapters as a WebVTT chapters track to this file. */
  chaptersTrack?: string;
}

export interface ImportCommandOptions {
  /** A chapters file: Podcasting 2.0 JSON chapters, Podlove Simple Chapters, mp4chaps or WebVTT. */
  chapters?: string;
  output?: string;
  /** `cues` (default): a stamped paragraph per cue start second. `pauses`: one paragraph per pause. */
  paragraphs?: string;
  /** Seconds between two cues that make a pause (default 2). */
  pause?: number;
}

class UsageError extends Error {}

function number(
  value: number | string | undefined,
  option: string,
  ok: (n: number) => boolean,
  expected: string,
): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (typeof value === 'string' && value.trim() === '')
    throw new UsageError(`${option}: expected ${expected}`);
  if (!Number.isFinite(n) || !ok(n))
    throw new UsageError(`${option}: expected ${expected}, got '${value}'`);
  return n;
}

async function readText(file: string): Promise<string> {
  const read = await readTranscript(file);
  if (!read.validUtf8)
    throw new FileError(
      `${file}: not valid UTF-8; convert it to UTF-8 first so that no character is lost`,
    );
  return read.text;
}

function sameFile(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

async function deliver(
  content: string,
  output: string | undefined,
  what: string,
  io: FormatsIo,
): Promise<void> {
  if (output === undefined) {
    io.out(content.replace(/\n$/, ''));
    return;
  }
  await writeAtomically(output, content);
  io.out(`${output}: written (${what})`);
}

async function guarded(io: FormatsIo, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UsageError || e instanceof FileError) {
      io.err(`transcript: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

export function exportCommand(
  file: string,
  opts: ExportCommandOptions,
  io: FormatsIo,
): Promise<number> {
  return guarded(io, async () => {
    if (!isExportFormat(opts.to))
      throw new UsageError(`unknown format '${opts.to}' (known: ${EXPORT_FORMATS.join(', ')})`);
    const lineWidth = number(
      opts.lineWidth,
      '--line-width',
      (n) => n >= 1,
      'a number of characters, 1 or more',
    );
    const episodeLength = number(
      opts.episodeLength,
      '--episode-length',
      (n) => n >= 0,
      'a number of seconds, 0 or more',
    );
    if (opts.output !== undefined && sameFile(opts.output, file))
      throw new UsageError(`${opts.output}: is the transcript itself; choose another output file`);
    const track = opts.chaptersTrack;
    if (track !== undefined) {
      if (opts.to !== 'vtt') throw new UsageError('--chapters-track goes with --to vtt');
      if (sameFile(track, file))
        throw new UsageError(`${track}: is the transcript itself; choose another chapters file`);
      if (opts.output !== undefined && sameFile(track, opts.output))
        throw new UsageError(`${track}: is also the --output file; choose another chapters file`);
    }
    const text = await readText(file);
    const r = exportTranscript(text, opts.to, {
      force: opts.force,
      lineWidth,
      episodeLength,
      chaptersTrack: track !== undefined,
    });
    if (!r.ok) {
      io.err(`transcript: ${file}: ${r.message}`);
      return 1;
    }
    for (const w of r.warnings) io.err(`transcript: ${file}: warning: ${w}`);
    if (track !== undefined) {
      if (r.chaptersTrack === undefined) {
        io.err(`transcript: ${file}: no chapters: ${track} not written`);
      } else {
        await writeAtomically(track, r.chaptersTrack);
        // Beside the track on standard output, the note goes to standard error.
        const note = `${track}: written (WebVTT chapters track)`;
        if (opts.output === undefined) io.err(note);
        else io.out(note);
      }
    }
    await deliver(r.content, opts.output, FORMAT_INFO[opts.to].description, io);
    return 0;
  });
}

export function importCommand(
  file: string,
  opts: ImportCommandOptions,
  io: FormatsIo,
): Promise<number> {
  return guarded(io, async () => {
    if (opts.output !== undefined && sameFile(opts.output, file))
      throw new UsageError(
        `${opts.output}: is the file being imported; choose another output file`,
      );
    if (
      opts.output !== undefined &&
      opts.chapters !== undefined &&
      sameFile(opts.output, opts.chapters)
    )
      throw new UsageError(`${opts.output}: is the chapters file; choose another output file`);
    const paragraphs = opts.paragraphs ?? 'cues';
    if (paragraphs !== 'cues' && paragraphs !== 'pauses')
      throw new UsageError(`--paragraphs: expected cues or pauses, got '${paragraphs}'`);
    const pause = number(opts.pause, '--pause', (n) => n >= 0, 'a number of seconds, 0 or more');
    const content = await readText(file);
    const chapters = opts.chapters === undefined ? undefined : await readText(opts.chapters);
    const r = importTranscript(content, { chapters, paragraphs, pause });
    if (!r.ok) {
      io.err(`transcript: ${file}: ${r.message}`);
      return 1;
    }
    for (const w of r.warnings) io.err(`transcript: ${file}: warning: ${w}`);
    await deliver(r.text, opts.output, 'transcript', io);
    return 0;
  });
}
