/**
 * Reading and writing transcript files without ever damaging them.
 *
 * What a write guarantees (README "Command line" states the same):
 * - A regular file is replaced through a temporary file beside it that is
 *   written in full and flushed to disk (fsync) first, then renamed over it;
 *   mode bits, owner and group are copied to it before the rename.
 * - A file that cannot be replaced by a rename without losing something (it
 *   has other hard links, or belongs to someone else) is written in place, but
 *   only after the new text is safely in a temporary file beside it; the file
 *   is first grown to the new length (shrunk back on failure, so it is left as
 *   it was), then overwritten, then cut to length. It is never truncated first.
 * - Symbolic links are followed (also a dangling one: its target is created);
 *   the link itself stays.
 * - Device nodes and FIFOs (`/dev/null`) are written in place and never
 *   renamed over; `/dev/stdout`, `/dev/stderr` and `/dev/fd/N` write to that
 *   open file descriptor.
 * - A read-only file is refused unless forced.
 * - When rewriting a transcript, its bytes are compared with what was read
 *   right before the rename (or before the first in-place write).
 */
import { randomBytes } from 'node:crypto';
import { constants, promises as fs, writeSync, type Stats } from 'node:fs';
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

export interface WriteOptions {
  /** Write a read-only file too (its mode stays read-only). */
  force?: boolean;
}

export class FileError extends Error {}

function errno(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/**
 * 'little-endian' or 'big-endian' when `bytes` look like UTF-16 text: a UTF-16
 * byte order mark, or (without one) a NUL in every other byte of the start, as
 * mostly-Latin text has.
 */
export function utf16Order(bytes: Buffer): 'little-endian' | 'big-endian' | undefined {
  if (bytes.length >= 2 && bytes.length % 2 === 0) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'little-endian';
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'big-endian';
  }
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (evenNul === 0 && oddNul >= pairs * 0.9) return 'little-endian';
  if (oddNul === 0 && evenNul >= pairs * 0.9) return 'big-endian';
  return undefined;
}

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
  const order = utf16Order(bytes);
  if (order !== undefined)
    throw new FileError(
      `${file}: is UTF-16 (${order}) text: convert it to UTF-8 first (e.g. iconv -f UTF-16 -t UTF-8)`,
    );
  const bom = bytes.subarray(0, 3).equals(UTF8_BOM);
  const body = bom ? bytes.subarray(3) : bytes;
  const text = body.toString('utf8');
  const validUtf8 = Buffer.from(text, 'utf8').equals(body);
  return { path: file, text, bom, bytes, validUtf8 };
}

/** The open file descriptor a path such as `/dev/stdout` or `/dev/fd/3` names, if it names one. */
export function descriptorPath(target: string): number | undefined {
  if (process.platform === 'win32') return undefined;
  const named: Record<string, number> = { '/dev/stdout': 1, '/dev/stderr': 2 };
  if (target in named) return named[target];
  const m = /^\/(?:dev|proc\/self)\/fd\/(\d{1,9})$/.exec(target);
  return m ? Number(m[1]) : undefined;
}

/** Where a write to `target` goes, symbolic links (also dangling ones) followed. */
type Target =
  | { kind: 'new'; path: string }
  | { kind: 'file'; path: string; stat: Stats }
  | { kind: 'special'; path: string; stat: Stats };

async function resolveTarget(target: string, shownAs: string): Promise<Target> {
  let stat: Stats | undefined;
  try {
    stat = await fs.stat(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new FileError(`${shownAs}: too many symbolic links; not written`);
    if (code !== 'ENOENT')
      throw new FileError(`${shownAs}: could not be written (${errno(e)}); left unchanged`);
  }
  if (stat?.isDirectory()) throw new FileError(`${shownAs}: is a directory`);
  if (stat?.isFile()) return { kind: 'file', path: await fs.realpath(target), stat };
  if (stat) return { kind: 'special', path: target, stat };
  // Nothing there, or a dangling symbolic link: the file to create is at the end of the chain.
  let p = target;
  for (let hops = 0; hops < 40; hops++) {
    const link = await fs.lstat(p).catch(() => undefined);
    if (!link?.isSymbolicLink()) return { kind: 'new', path: p };
    p = path.resolve(path.dirname(p), await fs.readlink(p));
  }
  throw new FileError(`${shownAs}: too many symbolic links; not written`);
}

/**
 * What `file` names, for telling whether two paths are the same file: device
 * and inode of an existing file (links followed), else the real folder and the
 * name. `folded` is the same key with case and Unicode normalisation ignored.
 */
export async function fileIdentity(
  file: string,
): Promise<{ key: string; folded: string; regular: boolean }> {
  const t = await resolveTarget(file, file).catch(() => undefined);
  if (t === undefined || t.kind === 'new') {
    const p = t?.path ?? path.resolve(file);
    const dir = await fs.realpath(path.dirname(p)).catch(() => path.resolve(path.dirname(p)));
    const key = path.join(dir, path.basename(p));
    return { key, folded: key.normalize('NFC').toLowerCase(), regular: true };
  }
  const key = `${t.stat.dev}:${t.stat.ino}`;
  return { key, folded: key, regular: t.kind === 'file' };
}

/** Can a new file carry `stat`'s owner and group? Only then is a rename lossless. */
function canKeepOwner(stat: Stats): boolean {
  if (typeof process.getuid !== 'function' || typeof process.getgid !== 'function') return true;
  const uid = process.getuid();
  if (uid === 0) return true;
  if (stat.uid !== uid) return false;
  return stat.gid === process.getgid() || (process.getgroups?.() ?? []).includes(stat.gid);
}

function tempBeside(file: string): string {
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`,
  );
}

/**
 * Writes `bytes` to a new temporary file beside `file`, flushed to disk, and
 * returns its path. `like`: the file it will replace, whose mode and owner it
 * gets; otherwise `mode` (less the umask).
 */
async function writeTemp(
  file: string,
  bytes: Buffer,
  like: Stats | undefined,
  mode = 0o666,
): Promise<string> {
  const tmp = tempBeside(file);
  // A replacement starts private and gets the old mode once written.
  const handle = await fs.open(tmp, 'wx', like ? 0o600 : mode);
  try {
    await handle.writeFile(bytes);
    if (like) {
      if (process.platform !== 'win32' && !sameOwner(like)) await handle.chown(like.uid, like.gid);
      await handle.chmod(like.mode & 0o7777);
    }
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await handle.close();
  return tmp;
}

function sameOwner(stat: Stats): boolean {
  return (
    typeof process.getuid !== 'function' ||
    typeof process.getgid !== 'function' ||
    (stat.uid === process.getuid() && stat.gid === process.getgid())
  );
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close().catch(() => undefined);
}

class ChangedOnDisk extends Error {}

/** Reads a whole open file from its start. */
async function readAll(handle: fs.FileHandle): Promise<Buffer> {
  const { size } = await handle.stat();
  const buf = Buffer.alloc(size + 1);
  let got = 0;
  for (;;) {
    if (got === buf.length) return readAll(handle); // it grew while being read
    const { bytesRead } = await handle.read(buf, got, buf.length - got, got);
    if (bytesRead === 0) return buf.subarray(0, got);
    got += bytesRead;
  }
}

/** Writes all of `bytes` at offset `at`, or (null) where the stream stands. */
async function writeFully(handle: fs.FileHandle, bytes: Buffer, at: number | null): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const where = at === null ? null : at + done;
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, where);
    done += bytesWritten;
  }
}

/**
 * Writes `bytes` into the regular file `file` in place without ever cutting
 * it short first: the new text goes to a flushed temporary file, then the
 * file grows to the new length (shrunk back on failure), is overwritten and
 * cut to length. A failure part-way keeps the temporary file and says so.
 */
async function writeInPlace(
  file: string,
  bytes: Buffer,
  shownAs: string,
  expected: Buffer | undefined,
): Promise<void> {
  const tmp = await writeTemp(file, bytes, undefined, 0o600);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDWR | constants.O_NOCTTY);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  let old: Buffer;
  try {
    old = await readAll(handle);
    if (expected && !old.equals(expected)) throw new ChangedOnDisk();
    if (bytes.length > old.length) {
      try {
        await writeFully(handle, bytes.subarray(old.length), old.length);
        await handle.sync();
      } catch (e) {
        await handle.truncate(old.length);
        await handle.sync().catch(() => undefined);
        throw e;
      }
    }
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true });
    throw e;
  }
  try {
    await writeFully(handle, bytes.subarray(0, Math.min(old.length, bytes.length)), 0);
    if (bytes.length < old.length) await handle.truncate(bytes.length);
    await handle.sync();
  } catch (e) {
    // The file is partly rewritten: put the old bytes back if the disk lets us, keep the new text.
    let restored = false;
    try {
      await writeFully(handle, old, 0);
      await handle.truncate(old.length);
      await handle.sync();
      restored = true;
    } catch {
      // reported below
    }
    await handle.close().catch(() => undefined);
    throw new FileError(
      `${shownAs}: writing failed part-way (${errno(e)}); ${restored ? 'its old text was put back' : 'it may be damaged'}, and the new text is kept in ${tmp}`,
    );
  }
  await handle.close();
  await fs.rm(tmp, { force: true });
}

/** Writes `bytes` to a device node or FIFO in place (never renames over it). */
async function writeSpecial(target: string, stat: Stats, bytes: Buffer, shownAs: string) {
  if (!stat.isCharacterDevice() && !stat.isFIFO())
    throw new FileError(
      `${shownAs}: is a ${stat.isBlockDevice() ? 'block device' : stat.isSocket() ? 'socket' : 'special file'}; not written`,
    );
  const handle = await fs.open(target, constants.O_WRONLY | constants.O_NOCTTY);
  try {
    await writeFully(handle, bytes, null);
  } finally {
    await handle.close();
  }
}

/** Writes `bytes` to an open file descriptor (`/dev/stdout`), all of them. */
async function writeDescriptor(fd: number, bytes: Buffer): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

function writeError(e: unknown, shownAs: string, unchanged: boolean): FileError {
  if (e instanceof FileError) return e;
  if (e instanceof ChangedOnDisk)
    return new FileError(`${shownAs}: changed on disk while it was being fixed; left unchanged`);
  const code = errno(e);
  const why = code === 'ENOENT' ? 'no such folder' : code;
  return new FileError(
    `${shownAs}: could not be written (${why})${unchanged ? '; left unchanged' : ''}`,
  );
}

/**
 * Puts `bytes` at `target` as the module comment says. `expected`: the bytes
 * the file must still hold (a transcript being rewritten); `transcript`: refuse
 * anything but a regular file.
 */
async function put(
  target: string,
  bytes: Buffer,
  shownAs: string,
  opts: WriteOptions & { expected?: Buffer; transcript?: boolean },
): Promise<'file' | 'stream'> {
  const fd = opts.transcript ? undefined : descriptorPath(target);
  if (fd !== undefined) {
    try {
      await writeDescriptor(fd, bytes);
    } catch (e) {
      throw writeError(e, shownAs, false);
    }
    return 'stream';
  }
  const t = await resolveTarget(target, shownAs);
  if (t.kind === 'special') {
    if (opts.transcript) throw new FileError(`${shownAs}: is not a regular file; not rewritten`);
    try {
      await writeSpecial(t.path, t.stat, bytes, shownAs);
    } catch (e) {
      throw writeError(e, shownAs, false);
    }
    return 'stream';
  }
  if (t.kind === 'new') {
    if (opts.expected) throw writeError(new ChangedOnDisk(), shownAs, true);
    await replaceByRename(t.path, bytes, undefined, undefined, shownAs);
    return 'file';
  }
  const { stat } = t;
  const readOnly =
    (stat.mode & 0o222) === 0 ||
    (await fs.access(t.path, constants.W_OK).then(
      () => false,
      () => true,
    ));
  if (readOnly && !opts.force)
    throw new FileError(
      `${shownAs}: is read-only; left unchanged (--force writes it anyway, keeping its mode)`,
    );
  if (stat.nlink > 1 || !canKeepOwner(stat)) {
    try {
      await writeInPlace(t.path, bytes, shownAs, opts.expected);
    } catch (e) {
      const err = writeError(e, shownAs, true);
      if (!(e instanceof FileError || e instanceof ChangedOnDisk)) {
        const why = stat.nlink > 1 ? 'it has other hard links' : 'it belongs to another user';
        err.message += ` (written in place because ${why})`;
      }
      throw err;
    }
    return 'file';
  }
  await replaceByRename(t.path, bytes, stat, opts.expected, shownAs);
  return 'file';
}

/**
 * Writes `bytes` to a temporary file beside `file` (with `stat`'s mode and
 * owner) and renames it over `file`. With `expected`, the file must still
 * hold exactly that right before the rename: text appended meanwhile is not
 * lost. On any error the temporary file is removed and `file` is as it was.
 */
async function replaceByRename(
  file: string,
  bytes: Buffer,
  stat: Stats | undefined,
  expected: Buffer | undefined,
  shownAs: string,
): Promise<void> {
  let tmp: string | undefined;
  try {
    tmp = await writeTemp(file, bytes, stat);
    if (expected) {
      const now = await fs.readFile(file).catch(() => undefined);
      if (!now || !now.equals(expected)) throw new ChangedOnDisk();
    }
    await fs.rename(tmp, file);
  } catch (e) {
    if (tmp !== undefined) await fs.rm(tmp, { force: true });
    throw writeError(e, shownAs, true);
  }
  await syncFolder(path.dirname(file));
}

/**
 * Writes a new or existing file safely (see the module comment); links are
 * followed. Says whether a file was written or a stream (a device, a FIFO,
 * standard output).
 */
export function writeAtomically(
  target: string,
  content: string,
  opts: WriteOptions = {},
): Promise<'file' | 'stream'> {
  return put(target, Buffer.from(content, 'utf8'), target, opts);
}

/**
 * Replaces a transcript's text, keeping its byte order mark, and refuses when
 * the file changed on disk since it was read or is not valid UTF-8. Links are
 * kept: a symbolic link's target is replaced.
 */
export async function writeTranscript(
  file: TranscriptFile,
  text: string,
  opts: WriteOptions = {},
): Promise<void> {
  if (!file.validUtf8)
    throw new FileError(`${file.path}: not valid UTF-8; left unchanged so that no byte is lost`);
  const out = Buffer.concat([file.bom ? UTF8_BOM : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
  await put(file.path, out, file.path, { ...opts, expected: file.bytes, transcript: true });
}
