/**
 * What the CLI promises when it writes files (README, "Command line"), tried
 * where it used to lose a user's file: hard links, aliases of the input,
 * device nodes and FIFOs, text appended meanwhile, mode, owner, read-only
 * files and links. The file-system cases run the built CLI as the unprivileged
 * user `nobody` (setpriv), because root would hide them: root may write a
 * read-only file and replace anything in /dev.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportCommand, importCommand, type FormatsIo } from '../../cli/src/formats';
import { readTranscript, writeTranscript } from '../../cli/src/files';
import { CLEAN } from '../unit/util';
import { assertNoCrash, CLI, cli, ROOT, type Run } from './helpers';

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

/** CLEAN with a heading in lower case: `transcript fix` gives CLEAN back. */
const BROKEN = CLEAN.replace('\nNeuigkeiten\nMalte:', '\nneuigkeiten\nMalte:');

class Capture implements FormatsIo {
  readonly lines: string[] = [];
  readonly errors: string[] = [];
  out(s: string): void {
    this.lines.push(s);
  }
  err(s: string): void {
    this.errors.push(s);
  }
}

describe('writing files (built CLI, as an unprivileged user)', function () {
  this.timeout(60000);
  let root: string;
  let cliCopy: string;

  /**
   * Runs the built CLI with umask 022 in `cwd`: as `nobody` when the tests run
   * as root, else as the (already unprivileged) current user.
   */
  function run(args: string[], cwd = root): Run {
    const command = ['sh', '-c', 'umask 022; exec "$0" "$@"', process.execPath, cliCopy, ...args];
    const [file, ...rest] = isRoot
      ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', ...command]
      : command;
    const r = spawnSync(file, rest, { cwd, encoding: 'utf8', timeout: 20000 });
    if (r.error) throw r.error;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  /** A new folder in the temporary one: owned by nobody (when root), or as given. */
  function folder(name: string, mode = 0o755, owner = NOBODY, group = NOBODY): string {
    const dir = path.join(root, name);
    fs.mkdirSync(dir);
    if (isRoot) fs.chownSync(dir, owner, group);
    fs.chmodSync(dir, mode);
    return dir;
  }

  function file(p: string, content: string, mode = 0o644, owner = NOBODY, group = NOBODY) {
    fs.writeFileSync(p, content);
    if (isRoot) fs.chownSync(p, owner, group);
    fs.chmodSync(p, mode);
    return p;
  }

  /** Skips a test that needs root to set up (files of two users, a mount), saying so. */
  function needsRoot(ctx: Mocha.Context): void {
    if (!isRoot) {
      ctx.test!.title += ' (skipped: setting it up needs root)';
      ctx.skip();
    }
  }

  before(function () {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-writes-'));
    fs.chmodSync(root, 0o755);
    // A copy of the bundle the unprivileged user can surely read.
    cliCopy = path.join(root, 'cli.js');
    fs.copyFileSync(path.join(ROOT, CLI), cliCopy);
    fs.chmodSync(cliCopy, 0o644);
    const probe = run(['--version']);
    assert.equal(probe.status, 0, `the CLI does not run as an unprivileged user: ${probe.stderr}`);
  });

  after(function () {
    fs.rmSync(root, { recursive: true, force: true });
  });

  describe('hard links', function () {
    it('fixes a hard-linked file it may write but does not own in place: both names fixed, owner kept', function () {
      needsRoot(this);
      // A group-writable folder shared by root and nobody's group; the file belongs to root.
      const dir = folder('shared', 0o775, 0, NOBODY);
      const one = file(path.join(dir, 'one.txt'), BROKEN, 0o664, 0, NOBODY);
      const two = path.join(dir, 'two.txt');
      fs.linkSync(one, two);
      const r = run(['fix', one]);
      assertNoCrash(r);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(fs.readFileSync(one, 'utf8'), CLEAN);
      assert.equal(fs.readFileSync(two, 'utf8'), CLEAN);
      const [a, b] = [fs.statSync(one), fs.statSync(two)];
      assert.equal(a.ino, b.ino, 'still one file');
      assert.deepEqual([a.uid, a.gid, a.mode & 0o777], [0, NOBODY, 0o664]);
      assert.deepEqual(fs.readdirSync(dir).sort(), ['one.txt', 'two.txt']);
    });

    it('on a nearly full disk leaves a hard-linked target and its other name whole, and says so', function () {
      needsRoot(this);
      const input = file(path.join(root, 'long.txt'), longTranscript(3000));
      const expected = cli('export', '--to', 'vtt', input).stdout;
      const pages = Math.ceil(Buffer.byteLength(expected) / 4096);
      assert.ok(pages > 40, `the export is big enough (${pages} pages)`);
      const disk = path.join(root, 'disk');
      fs.mkdirSync(disk);
      // Room for the temporary file and half of it again: not enough to also grow the target.
      const size = Math.ceil(pages * 1.5) * 4096;
      const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0777`, 'x', disk]);
      assert.equal(mount.status, 0, `mount a small tmpfs: ${mount.stderr}`);
      try {
        const target = file(path.join(disk, 'ep.vtt'), 'WEBVTT\n\nold\n', 0o664);
        const other = path.join(disk, 'copy.vtt');
        fs.linkSync(target, other);
        const r = run(['export', '--to', 'vtt', input, '-o', target]);
        assertNoCrash(r);
        assert.equal(r.status, 2, r.stdout + r.stderr);
        assert.match(r.stderr, /ep\.vtt: could not be written \(ENOSPC\); left unchanged/);
        assert.equal(fs.readFileSync(target, 'utf8'), 'WEBVTT\n\nold\n');
        assert.equal(fs.readFileSync(other, 'utf8'), 'WEBVTT\n\nold\n');
        assert.equal(fs.statSync(target).ino, fs.statSync(other).ino);
        assert.deepEqual(fs.readdirSync(disk).sort(), ['copy.vtt', 'ep.vtt'], 'no temporary file');

        // With room it is written, in place, through both names.
        fs.rmSync(other);
        fs.writeFileSync(target, 'WEBVTT\n\nold\n');
        fs.linkSync(target, other);
        const wide = spawnSync('mount', ['-o', `remount,size=${size * 3}`, disk]);
        assert.equal(wide.status, 0, `remount: ${wide.stderr}`);
        assert.equal(run(['export', '--to', 'vtt', input, '-o', target]).status, 0);
        assert.equal(fs.readFileSync(other, 'utf8'), expected);
        assert.equal(fs.statSync(target).ino, fs.statSync(other).ino);
      } finally {
        spawnSync('umount', [disk]);
      }
    });
  });

  describe('owner, mode, read-only files and links', function () {
    it('keeps mode bits the umask would strip (0666 stays 0666)', function () {
      const dir = folder('mode');
      const f = file(path.join(dir, 'ep.txt'), BROKEN, 0o666);
      assert.equal(run(['fix', f]).status, 0);
      assert.equal(fs.readFileSync(f, 'utf8'), CLEAN);
      assert.equal(fs.statSync(f).mode & 0o777, 0o666);
    });

    it('keeps the owner of a file in a shared folder that belongs to someone else', function () {
      needsRoot(this);
      const dir = folder('owner', 0o775, 0, NOBODY);
      const f = file(path.join(dir, 'ep.txt'), BROKEN, 0o664, 0, NOBODY);
      const r = run(['fix', f]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(fs.readFileSync(f, 'utf8'), CLEAN);
      const s = fs.statSync(f);
      assert.deepEqual([s.uid, s.gid, s.mode & 0o777], [0, NOBODY, 0o664]);
      assert.deepEqual(fs.readdirSync(dir), ['ep.txt']);
    });

    it('refuses a read-only file unless --force, which keeps it read-only', function () {
      const dir = folder('readonly');
      const f = file(path.join(dir, 'ep.txt'), BROKEN, 0o444);
      const refused = run(['fix', f]);
      assertNoCrash(refused);
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /ep\.txt: is read-only; left unchanged \(--force/);
      assert.equal(fs.readFileSync(f, 'utf8'), BROKEN);

      const shift = run(['shift', '--by', '+1', f]);
      assert.equal(shift.status, 2);
      assert.match(shift.stderr, /is read-only/);
      assert.equal(fs.readFileSync(f, 'utf8'), BROKEN);

      const out = file(path.join(dir, 'ep.vtt'), 'WEBVTT\n', 0o444);
      const exported = run(['export', '--to', 'vtt', '--force', f, '-o', out]);
      assert.equal(exported.status, 0, exported.stderr);
      assert.notEqual(fs.readFileSync(out, 'utf8'), 'WEBVTT\n');

      const forced = run(['fix', '--force', f]);
      assert.equal(forced.status, 0, forced.stderr);
      assert.equal(fs.readFileSync(f, 'utf8'), CLEAN);
      assert.equal(fs.statSync(f).mode & 0o777, 0o444);
    });

    it('-o onto a dangling symbolic link creates its target and keeps the link', function () {
      const dir = folder('dangling');
      const input = file(path.join(dir, 'ep.txt'), CLEAN);
      const link = path.join(dir, 'ep.vtt');
      fs.mkdirSync(path.join(dir, 'out'));
      if (isRoot) fs.chownSync(path.join(dir, 'out'), NOBODY, NOBODY);
      fs.symlinkSync('out/published.vtt', link);
      if (isRoot) fs.lchownSync(link, NOBODY, NOBODY);
      const r = run(['export', '--to', 'vtt', input, '-o', link]);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is still a link');
      assert.equal(fs.readlinkSync(link), 'out/published.vtt');
      assert.match(fs.readFileSync(path.join(dir, 'out', 'published.vtt'), 'utf8'), /^WEBVTT/);
    });
  });

  describe('device nodes, FIFOs and standard output', function () {
    it('-o /dev/null writes nothing anywhere and leaves /dev/null a device', function () {
      const dir = folder('devnull');
      const input = file(path.join(dir, 'ep.txt'), CLEAN);
      const r = run(['export', '--to', 'vtt', input, '-o', '/dev/null']);
      assertNoCrash(r);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(fs.statSync('/dev/null').isCharacterDevice());
      assert.equal(r.stdout, '');
    });

    it('-o /dev/stdout writes to standard output, the note going to standard error', function () {
      const dir = folder('stdout');
      const input = file(path.join(dir, 'ep.txt'), CLEAN);
      const plain = run(['export', '--to', 'srt', input]);
      const r = run(['export', '--to', 'srt', input, '-o', '/dev/stdout']);
      assertNoCrash(r);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, plain.stdout);
      assert.equal(r.stderr, '/dev/stdout: written (SubRip subtitles)\n');
    });

    it('-o onto a FIFO writes into it and leaves it a FIFO', async function () {
      const dir = folder('fifo');
      const input = file(path.join(dir, 'ep.txt'), CLEAN);
      const fifo = path.join(dir, 'pipe');
      assert.equal(spawnSync('mkfifo', ['-m', '0666', fifo]).status, 0);
      // The reader is a child process, so a FIFO nobody ever opens cannot block these tests.
      const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
      let got = '';
      reader.stdout.setEncoding('utf8').on('data', (d: string) => (got += d));
      const closed = new Promise((resolve) => reader.on('close', resolve));
      try {
        const r = run(['export', '--to', 'vtt', input, '-o', fifo]);
        assert.equal(r.status, 0, r.stderr);
        assert.ok(fs.lstatSync(fifo).isFIFO(), 'still a FIFO');
        await closed;
      } finally {
        reader.kill(); // a FIFO that nobody wrote to would keep `cat` waiting
      }
      assert.equal(got, run(['export', '--to', 'vtt', input]).stdout);
      assert.deepEqual(fs.readdirSync(dir).sort(), ['ep.txt', 'pipe']);
    });
  });
});

describe('writing files: aliases of the input', function () {
  let dir: string;
  const at = (name: string, content?: string) => {
    const p = path.join(dir, name);
    if (content !== undefined) fs.writeFileSync(p, content);
    return p;
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-alias-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('export refuses -o and --chapters-track that name the transcript through links', async () => {
    const input = at('ep.txt', CLEAN);
    fs.symlinkSync('ep.txt', at('soft.txt'));
    fs.linkSync(input, at('hard.txt'));
    fs.symlinkSync(dir, at('folder'));
    const aliases = [at('soft.txt'), at('hard.txt'), path.join(dir, 'folder', 'ep.txt')];
    for (const alias of aliases) {
      for (const opts of [
        { to: 'vtt', output: alias },
        { to: 'vtt', chaptersTrack: alias },
      ]) {
        const io = new Capture();
        assert.equal(await exportCommand(input, opts, io), 2, `${JSON.stringify(opts)}`);
        assert.match(io.errors.join('\n'), /is the transcript itself/);
        assert.equal(fs.readFileSync(input, 'utf8'), CLEAN, `${alias} replaced the transcript`);
      }
    }
  });

  it('export refuses a chapters track that is the output under another name, or only another case', async () => {
    const input = at('ep.txt', CLEAN);
    fs.symlinkSync('ep.vtt', at('link.vtt'));
    for (const [output, track, message] of [
      [at('ep.vtt'), at('link.vtt'), /link\.vtt: is also the --output file/],
      [at('ep.vtt'), at('EP.vtt'), /EP\.vtt: differs from .*ep\.vtt only in case/],
    ] as const) {
      const io = new Capture();
      assert.equal(await exportCommand(input, { to: 'vtt', output, chaptersTrack: track }, io), 2);
      assert.match(io.errors.join('\n'), message);
    }
    assert.deepEqual(fs.readdirSync(dir).sort(), ['ep.txt', 'link.vtt']);
  });

  it('import refuses -o that names the imported file or the chapters file through links', async () => {
    const vtt = at('ep.vtt', 'WEBVTT\n\n00:00.000 --> 00:02.000\n<v Malte>Hallo.\n');
    const chapters = at('ch.json', JSON.stringify({ version: '1.2.0', chapters: [] }));
    fs.linkSync(vtt, at('hard.vtt'));
    fs.symlinkSync('ch.json', at('soft.json'));
    for (const [output, message] of [
      [at('hard.vtt'), /is the file being imported/],
      [at('soft.json'), /is the chapters file/],
    ] as const) {
      const io = new Capture();
      assert.equal(await importCommand(vtt, { chapters, output }, io), 2);
      assert.match(io.errors.join('\n'), message);
    }
    assert.match(fs.readFileSync(vtt, 'utf8'), /^WEBVTT/);
    assert.match(fs.readFileSync(chapters, 'utf8'), /^\{"version"/);
  });

  it('refuses to rewrite a transcript that grew while its new text was written (checked before the rename)', async () => {
    const f = at('ep.txt', BROKEN);
    const read = await readTranscript(f);
    // Something appends to the transcript while the temporary file is being written.
    const promises = fs.promises as unknown as Record<string, (...a: unknown[]) => unknown>;
    const saved = { open: promises.open, writeFile: promises.writeFile };
    let appended = false;
    const appendOnTemp = (real: (...a: unknown[]) => unknown) =>
      function (this: unknown, ...args: unknown[]) {
        if (!appended && typeof args[0] === 'string' && args[0].endsWith('.tmp')) {
          appended = true;
          fs.appendFileSync(f, 'Stefan:\n[9:00] Noch etwas.\n');
        }
        return real.apply(this, args);
      };
    promises.open = appendOnTemp(saved.open);
    promises.writeFile = appendOnTemp(saved.writeFile);
    try {
      await assert.rejects(writeTranscript(read, CLEAN), /changed on disk/);
    } finally {
      Object.assign(promises, saved);
    }
    assert.ok(appended, 'the append happened');
    assert.equal(fs.readFileSync(f, 'utf8'), `${BROKEN}Stefan:\n[9:00] Noch etwas.\n`);
    assert.deepEqual(fs.readdirSync(dir), ['ep.txt']);
  });
});

describe('reading and printing (built CLI)', function () {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-io-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps fixing every file when standard output is closed (| head), without a stack trace', async () => {
    const files = ['a.txt', 'b.txt', 'c.txt'].map((n) => path.join(dir, n));
    for (const f of files) fs.writeFileSync(f, BROKEN);
    const child = spawn(process.execPath, [CLI, 'fix', ...files], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy(); // the reader is gone, as after `head -1`
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assertNoCrash({ status, stdout: '', stderr });
    assert.equal(stderr, '');
    assert.equal(status, 0);
    for (const f of files) assert.equal(fs.readFileSync(f, 'utf8'), CLEAN, f);
  });

  it('stats --format json keeps a file named __proto__', () => {
    fs.writeFileSync(path.join(dir, '__proto__'), CLEAN);
    fs.writeFileSync(path.join(dir, 'b.txt'), CLEAN);
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, CLI), 'stats', '--format', 'json', '__proto__', 'b.txt'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const all = JSON.parse(r.stdout) as Record<string, { speakers: unknown[] }>;
    assert.deepEqual(Object.keys(all), ['__proto__', 'b.txt']);
    assert.deepEqual(all['__proto__'], all['b.txt']);
  });

  it('says a UTF-16 file is UTF-16 and should be converted, not that it looks binary', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CLEAN, 'utf16le')]);
    const be = Buffer.from(CLEAN, 'utf16le').swap16();
    const noBom = Buffer.from(CLEAN, 'utf16le');
    for (const [name, bytes, order] of [
      ['le.txt', le, 'little-endian'],
      ['be.txt', be, 'big-endian'],
      ['nobom.txt', noBom, 'little-endian'],
    ] as const) {
      const f = path.join(dir, name);
      fs.writeFileSync(f, bytes);
      for (const command of ['check', 'fix']) {
        const r = cli(command, f);
        assertNoCrash(r);
        assert.equal(r.status, 2, `${command} ${name}`);
        assert.equal(
          r.stderr.split('\n')[0],
          `transcript: ${f}: is UTF-16 (${order}) text: convert it to UTF-8 first (e.g. iconv -f UTF-16 -t UTF-8)`,
        );
        assert.doesNotMatch(r.stdout, /binary/);
      }
      assert.deepEqual(fs.readFileSync(f), bytes);
    }
  });

  it('export refuses an absurd --episode-length with a clear message', () => {
    const f = path.join(dir, 'ep.txt');
    fs.writeFileSync(f, CLEAN);
    for (const value of ['1e308', '3600001', '0x10', 'Infinity']) {
      const r = cli('export', '--to', 'vtt', '--episode-length', value, f);
      assertNoCrash(r);
      assert.equal(r.status, 2, value);
      assert.equal(
        r.stderr,
        `transcript: --episode-length: expected a number of seconds from 0 to 3600000 (1000 hours), got '${value}'\n`,
      );
      assert.equal(r.stdout, '');
    }
    assert.equal(cli('export', '--to', 'vtt', '--episode-length', '3600', f).status, 0);
  });
});

/** A valid transcript of `paragraphs` stamped paragraphs, two speakers taking turns. */
function longTranscript(paragraphs: number): string {
  const lines = ['Transcript', ''];
  for (let i = 0; i < paragraphs; i++) {
    const t = i * 5;
    const stamp = `${Math.floor(t / 3600)}:${String(Math.floor(t / 60) % 60).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
    lines.push(
      i % 2 ? 'Malte:' : 'Stefan:',
      `[${stamp}] Satz ${i} mit ein paar Wörtern darin.`,
      '',
    );
  }
  return lines.join('\n');
}
