/**
 * `transcript export` and `transcript import`: publishing formats from the
 * command line. The commands themselves are wired in cli.ts; these functions
 * do the work and return the exit code:
 *   0  done
 *   1  the content stopped it (export: the transcript has errors; import: not a
 *      format we read, or a chapters file we cannot read); the message says why
 *   2  bad usage, or a file that cannot be read or written
 */
import {
  EXPORT_FORMATS,
  exportTranscript,
  FORMAT_INFO,
  importTranscript,
  isExportFormat,
} from '../../server/src/core/formats';
import { fileIdentity, FileError, readTranscript, writeAtomically } from './files';
import { loadSideChapters } from '../../server/src/files/node';

export interface FormatsIo {
  out(s: string): void;
  err(s: string): void;
}

export interface ExportCommandOptions {
  /** vtt, srt, json, html, chapters-json, psc or mp4chaps. */
  to: string;
  /** Write here (atomically) instead of to stdout. */
  output?: string;
  /** Export even when the transcript has errors, and write a read-only output file. */
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
  /** Write a read-only output file. */
  force?: boolean;
}

class UsageError extends Error {}

/** The longest episode `--episode-length` accepts: 1000 hours, in seconds. */
export const MAX_EPISODE_SECONDS = 3_600_000;

/** A number option, written as a plain decimal number (no exponent, no hexadecimal). */
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
  if (
    (typeof value === 'string' && !/^\s*\+?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) ||
    !Number.isFinite(n) ||
    !ok(n)
  )
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

/**
 * Refuses to write `output` when it is the same file as `other`: compared as
 * files (device and inode, links followed), so a symbolic or hard link or a
 * path through a linked folder is caught; two new names that differ only in
 * case or Unicode normalisation are refused too (one file on macOS and Windows).
 * Devices and FIFOs (`/dev/null`) may be named twice.
 */
async function refuseSameFile(output: string, other: string, message: string): Promise<void> {
  const [a, b] = await Promise.all([fileIdentity(output), fileIdentity(other)]);
  if (!a.regular || !b.regular) return;
  if (a.key === b.key) throw new UsageError(`${output}: ${message}`);
  if (a.folded === b.folded)
    throw new UsageError(
      `${output}: differs from ${other} only in case, which names one file on macOS and Windows; choose another name`,
    );
}

async function deliver(
  content: string,
  output: string | undefined,
  what: string,
  io: FormatsIo,
  force: boolean | undefined,
): Promise<void> {
  if (output === undefined) {
    io.out(content.replace(/\n$/, ''));
    return;
  }
  const wrote = await writeAtomically(output, content, { force });
  // Onto a stream (`-o /dev/stdout`) the note must not mix with the content.
  (wrote === 'stream' ? io.err : io.out).call(io, `${output}: written (${what})`);
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
      (n) => n >= 0 && n <= MAX_EPISODE_SECONDS,
      `a number of seconds from 0 to ${MAX_EPISODE_SECONDS} (1000 hours)`,
    );
    if (opts.output !== undefined)
      await refuseSameFile(
        opts.output,
        file,
        'is the transcript itself; choose another output file',
      );
    const track = opts.chaptersTrack;
    if (track !== undefined) {
      if (opts.to !== 'vtt') throw new UsageError('--chapters-track goes with --to vtt');
      await refuseSameFile(track, file, 'is the transcript itself; choose another chapters file');
      if (opts.output !== undefined)
        await refuseSameFile(
          track,
          opts.output,
          'is also the --output file; choose another chapters file',
        );
    }
    const text = await readText(file);
    const r = exportTranscript(text, opts.to, {
      force: opts.force,
      lineWidth,
      episodeLength,
      chaptersTrack: track !== undefined,
      fileName: file,
      sideChapters: await loadSideChapters(file),
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
        const wrote = await writeAtomically(track, r.chaptersTrack, { force: opts.force });
        // Beside the track on standard output, the note goes to standard error.
        const note = `${track}: written (WebVTT chapters track)`;
        if (opts.output === undefined || wrote === 'stream') io.err(note);
        else io.out(note);
      }
    }
    await deliver(r.content, opts.output, FORMAT_INFO[opts.to].description, io, opts.force);
    return 0;
  });
}

export function importCommand(
  file: string,
  opts: ImportCommandOptions,
  io: FormatsIo,
): Promise<number> {
  return guarded(io, async () => {
    if (opts.output !== undefined) {
      await refuseSameFile(
        opts.output,
        file,
        'is the file being imported; choose another output file',
      );
      if (opts.chapters !== undefined)
        await refuseSameFile(
          opts.output,
          opts.chapters,
          'is the chapters file; choose another output file',
        );
    }
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
    await deliver(r.text, opts.output, 'transcript', io, opts.force);
    return 0;
  });
}
