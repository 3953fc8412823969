/** Reading and writing transcript files without ever damaging them. */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export interface TranscriptFile {
  readonly path: string;
  /** The text without its byte order mark. */
  readonly text: string;
  readonly bom: boolean;
  /** The bytes as read, to detect a change on disk before writing. */
  readonly bytes: Buffer;
  /** The bytes are valid UTF-8 (otherwise the file is never rewritten). */
  readonly validUtf8: boolean;
}

export class FileError extends Error {}

export async function readTranscript(file: string): Promise<TranscriptFile> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw new FileError(`${file}: is a directory`);
    bytes = await fs.readFile(file);
  } catch (e) {
    if (e instanceof FileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new FileError(
      code === 'ENOENT'
        ? `${file}: no such file`
        : code === 'EACCES'
          ? `${file}: permission denied`
          : `${file}: cannot be read (${code ?? (e as Error).message})`,
    );
  }
  const bom = bytes.subarray(0, 3).equals(UTF8_BOM);
  const body = bom ? bytes.subarray(3) : bytes;
  const text = body.toString('utf8');
  const validUtf8 = Buffer.from(text, 'utf8').equals(body);
  return { path: file, text, bom, bytes, validUtf8 };
}

/**
 * Puts `bytes` at `target` through a temporary file beside it and a rename,
 * keeping an existing file's mode. A file with hard links gets the bytes
 * copied in once they are safely on disk (a rename would split the links).
 * On any error the target is untouched and no temporary file is left.
 */
async function replaceFile(target: string, bytes: Buffer, shownAs: string): Promise<void> {
  const existing = await fs.stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new FileError(`${shownAs}: is a directory`);
  const tmp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await fs.writeFile(tmp, bytes, existing ? { mode: existing.mode } : {});
    if (existing && existing.nlink > 1) {
      await fs.copyFile(tmp, target);
      await fs.rm(tmp, { force: true });
    } else {
      await fs.rename(tmp, target);
    }
  } catch (e) {
    await fs.rm(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such folder' : (code ?? (e as Error).message);
    throw new FileError(`${shownAs}: could not be written (${why}); left unchanged`);
  }
}

/** Writes a new or existing file atomically; a symbolic link's target is written. */
export async function writeAtomically(target: string, content: string): Promise<void> {
  const real = await fs.realpath(target).catch(() => target);
  await replaceFile(real, Buffer.from(content, 'utf8'), target);
}

/**
 * Replaces a transcript's text atomically, keeping its byte order mark, and
 * refuses when the file changed on disk since it was read or is not valid
 * UTF-8. Links are kept: a symbolic link's target is replaced.
 */
export async function writeTranscript(file: TranscriptFile, text: string): Promise<void> {
  if (!file.validUtf8)
    throw new FileError(`${file.path}: not valid UTF-8; left unchanged so that no byte is lost`);
  const target = await fs.realpath(file.path).catch(() => file.path);
  const now = await fs.readFile(target).catch(() => undefined);
  if (!now || !now.equals(file.bytes))
    throw new FileError(`${file.path}: changed on disk while it was being fixed; left unchanged`);
  const out = Buffer.concat([file.bom ? UTF8_BOM : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
  await replaceFile(target, out, file.path);
}
