/**
 * The `transcript` command line, run as a user runs it: the built dist/cli.js
 * in a child process, on files in a temporary folder. `npm test` builds first.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeCorpus } from '../corpus';
import { CLEAN } from '../unit/util';
import {
  applyFix,
  assertEslintResult,
  assertNoCrash,
  BOM,
  cli,
  CLI,
  crlfWithBom,
  offsetOf,
  outLines,
  ROOT,
  TempDir,
  type EslintResult,
} from './helpers';

const EXAMPLE = path.join(ROOT, 'examples', 'episode.txt');

/** CLEAN with one warning: a heading that differs from its chapter title in case (line 17). */
const WARN = CLEAN.replace('\nNeuigkeiten\nMalte:', '\nneuigkeiten\nMalte:');
/** CLEAN with a timestamp going backwards on line 21. */
const BACKWARDS = CLEAN.replace('[1:40]', '[0:40]');
/** CLEAN with a malformed timestamp on line 21. */
const MALFORMED = CLEAN.replace('[1:40]', '[12:6]');
/** CLEAN with the second chapter listed at 0:01:30, between [0:20] and [1:12] in the body. */
const LATE = CLEAN.replace('0:01:10 Neuigkeiten', '0:01:30 Neuigkeiten');
/** CLEAN with four things `transcript fix` repairs: fixing it gives REPAIRED. */
const BROKEN = CLEAN.replace('\nBegrüßung\nMalte:', '\nMalte:') // heading missing
  .replace('\nNeuigkeiten\nMalte:', '\nneuigkeiten\nMalte:') // heading in lower case
  .replace(/^Stefan:$/gm, 'Stephan:') // labels spelt one way, the text another
  .replace('[1:40]', '[ 1:40]'); // malformed, a safe repair
/** BROKEN fixed: the consistent 'Stephan' labels stay, the text's 'Stefan' is respelt. */
const REPAIRED = CLEAN.replaceAll('Stefan', 'Stephan');
const BROKEN_TITLES = [
  "Insert the heading 'Begrüßung' above line 12",
  "Respell 'Stefan' as 'Stephan' (4 places)",
  "Change the heading to 'Neuigkeiten' (as in the chapter list)",
  "Change '[ 1:40]' to '[1:40]'",
];
/** Two turns labelled `Torsten`, a name the text never mentions. */
const TORSTEN = [
  'Transcript',
  'Torsten:',
  '[0:05] Hallo zusammen.',
  'Malte:',
  '[0:10] Hallo.',
  'Torsten:',
  '[0:15] Los geht es.',
  '',
].join('\n');

const codesOf = (stdout: string) =>
  new Set(outLines(stdout).map((l) => / (?:error|warning|information) ([a-z-]+) /.exec(l)?.[1]));

describe('transcript (built CLI)', function () {
  const tmp = new TempDir();
  let clean: string;
  let warn: string;
  let backwards: string;
  let malformed: string;

  before(function () {
    assert.ok(
      fs.existsSync(path.join(ROOT, CLI)),
      `${CLI} is missing: run 'npm run build' (npm test does) before these tests`,
    );
    clean = tmp.write('clean.txt', CLEAN);
    warn = tmp.write('warn.txt', WARN);
    backwards = tmp.write('backwards.txt', BACKWARDS);
    malformed = tmp.write('malformed.txt', MALFORMED);
  });

  after(function () {
    tmp.remove();
  });

  describe('check: text output and exit codes', function () {
    it('passes a clean transcript: exit 0, no finding lines, the summary on stderr', function () {
      const r = cli('check', clean);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, '0 errors, 0 warnings in 1 file\n');
      assert.equal(r.status, 0);
    });

    it('reports a warning as FILE:line:col: warning CODE message and still exits 0', function () {
      const r = cli('check', warn);
      assert.deepEqual(outLines(r.stdout), [
        `${warn}:17:1: warning chapter-heading-mismatch Heading 'neuigkeiten' differs from the chapter title 'Neuigkeiten' on line 4 in case or spacing`,
      ]);
      assert.equal(r.stderr, '0 errors, 1 warning in 1 file\n');
      assert.equal(r.status, 0);
    });

    it('exits 1 on a timestamp going backwards', function () {
      const r = cli('check', backwards);
      assert.deepEqual(outLines(r.stdout), [
        `${backwards}:21:1: error timestamp-order [0:40] is earlier than [1:12] on line 19: timestamps must not go back in time`,
      ]);
      assert.equal(r.stderr, '1 error, 0 warnings in 1 file\n');
      assert.equal(r.status, 1);
    });

    it('exits 1 on a malformed timestamp like [12:6]', function () {
      const r = cli('check', malformed);
      assert.deepEqual(outLines(r.stdout), [
        `${malformed}:21:1: error timestamp-malformed '[12:6]' is not a valid timestamp: expected [m:ss] or [h:mm:ss] with minutes and seconds from 00 to 59`,
      ]);
      assert.equal(r.status, 1);
    });

    it('checks several files in order, names each, and sums them up on stderr', function () {
      const rel = path.relative(ROOT, warn); // printed as given, not made absolute
      const r = cli('check', clean, rel, backwards);
      const lines = outLines(r.stdout);
      assert.equal(lines.length, 2);
      assert.match(
        lines[0],
        new RegExp(`^${escapeRe(rel)}:17:1: warning chapter-heading-mismatch `),
      );
      assert.match(lines[1], new RegExp(`^${escapeRe(backwards)}:21:1: error timestamp-order `));
      assert.equal(r.stderr, '1 error, 1 warning in 3 files\n');
      assert.equal(r.status, 1);
    });
  });

  describe('bad usage and unreadable files: exit 2', function () {
    const usage: [string, () => string[], RegExp][] = [
      ['no command', () => [], /^Usage: transcript /m],
      ['an unknown command', () => ['frobnicate', clean], /unknown command 'frobnicate'/],
      ['check without files', () => ['check'], /missing required argument 'files'/],
      ['an unknown option', () => ['check', '--bogus', clean], /unknown option '--bogus'/],
      [
        'an unknown --format value',
        () => ['check', '--format', 'xml', clean],
        /argument 'xml' is invalid\. Allowed choices are text, json/,
      ],
      [
        '--disable with an unknown code',
        () => ['check', '--disable', 'nope', clean],
        /^transcript: unknown finding code 'nope' \(known: timestamp-malformed, .*speaker-spelling/m,
      ],
      [
        'a negative --tolerance',
        () => ['check', '--tolerance', '-1', clean],
        /'-1' is invalid\. expected a number of seconds, 0 or more/,
      ],
    ];
    for (const [what, args, message] of usage) {
      it(`exits 2 on ${what}, with the reason on stderr and nothing on stdout`, function () {
        const r = cli(...args());
        assert.equal(r.status, 2);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, message);
        assertNoCrash(r);
      });
    }

    it('exits 0 for --help and --version, printing to stdout', function () {
      const help = cli('check', '--help');
      assert.equal(help.status, 0);
      assert.match(help.stdout, /^Usage: transcript check \[options\] <files\.\.\.>/);
      const version = cli('--version');
      assert.equal(version.status, 0);
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      assert.equal(version.stdout.trim(), pkg.version);
    });

    it('names a missing file on stderr, still checks the others, and exits 2', function () {
      const missing = path.join(tmp.root, 'missing.txt');
      const r = cli('check', missing, warn, backwards);
      assert.match(r.stderr, new RegExp(`^transcript: ${escapeRe(missing)}: no such file$`, 'm'));
      const lines = outLines(r.stdout);
      assert.equal(lines.length, 2, r.stdout);
      assert.ok(lines[0].startsWith(`${warn}:17:1: warning `));
      assert.ok(lines[1].startsWith(`${backwards}:21:1: error `));
      assert.equal(r.status, 2, 'a file that cannot be read wins over error findings');
      assertNoCrash(r);
    });

    it('says a directory given as FILE is a directory, and exits 2', function () {
      const dir = tmp.folder('a-directory');
      const r = cli('check', dir, clean);
      assert.match(r.stderr, new RegExp(`^transcript: ${escapeRe(dir)}: is a directory$`, 'm'));
      assert.equal(r.stdout, '');
      assert.equal(r.status, 2);
      assertNoCrash(r);
    });

    it('says a path that cannot be read cannot be read, and exits 2', function () {
      // (Permissions cannot stop root, who runs CI; a path through a file can't be read by anyone.)
      const file = tmp.write('plain.txt', CLEAN);
      const through = path.join(file, 'child.txt');
      const r = cli('check', through, clean);
      assert.match(
        r.stderr,
        new RegExp(`^transcript: ${escapeRe(through)}: cannot be read \\(ENOTDIR\\)$`, 'm'),
      );
      assert.equal(r.status, 2);
      assertNoCrash(r);
    });

    it('fix: names a missing file, still fixes the others, and exits 2', function () {
      const dir = tmp.folder('fix-missing');
      const file = path.join(dir, 'broken.txt');
      fs.writeFileSync(file, BROKEN);
      const missing = path.join(dir, 'missing.txt');
      const r = cli('fix', missing, file);
      assert.match(r.stderr, new RegExp(`^transcript: ${escapeRe(missing)}: no such file$`, 'm'));
      assert.equal(fs.readFileSync(file, 'utf8'), REPAIRED);
      assert.equal(r.status, 2);
    });
  });

  describe('check --format json (ESLint format)', function () {
    /** The parsed results of `check --format json`, which must exit with `status`. */
    function json(status: number, ...args: string[]): EslintResult[] {
      const r = cli('check', '--format', 'json', ...args);
      assertNoCrash(r);
      assert.equal(r.stderr, '', 'no summary mixed into JSON mode');
      assert.equal(r.status, status, 'exit code as in the text format');
      return JSON.parse(r.stdout) as EslintResult[];
    }

    it('prints one result per file, with absolute paths, counts and 1-based positions', function () {
      const rel = path.relative(ROOT, warn);
      const results = json(1, clean, rel, malformed);
      assert.deepEqual(
        results.map((r) => r.filePath),
        [clean, warn, malformed],
      );
      for (const [r, text] of results.map((r, i) => [r, [CLEAN, WARN, MALFORMED][i]] as const))
        assertEslintResult(r, text);
      assert.deepEqual(results[0].messages, []);
      const [heading] = results[1].messages;
      assert.deepEqual(
        { ...heading, suggestions: undefined, fix: undefined },
        {
          ruleId: 'chapter-heading-mismatch',
          severity: 1,
          message:
            "Heading 'neuigkeiten' differs from the chapter title 'Neuigkeiten' on line 4 in case or spacing",
          line: 17,
          column: 1,
          endLine: 17,
          endColumn: 12,
          suggestions: undefined,
          fix: undefined,
        },
      );
      assert.equal(results[1].warningCount, 1);
      assert.equal(results[1].errorCount, 0);
      const [bad] = results[2].messages;
      assert.equal(bad.ruleId, 'timestamp-malformed');
      assert.equal(bad.severity, 2);
      assert.deepEqual([bad.line, bad.column, bad.endLine, bad.endColumn], [21, 1, 21, 7]);
      assert.equal(results[2].errorCount, 1);
      assert.deepEqual(json(0, warn), [results[1]], 'warnings only: exit 0');
    });

    it('gives suggestions whose fixes repair the example episode', function () {
      const text = fs.readFileSync(EXAMPLE, 'utf8');
      const [result] = json(1, EXAMPLE);
      assertEslintResult(result, text);
      assert.equal(result.filePath, EXAMPLE);
      assert.equal(result.errorCount, 2);
      assert.equal(result.warningCount, 12);

      // Each 'Stefan' in the text carries the respelling of its own place as
      // its fix; together they respell all 7, and no label changes.
      const stefan = result.messages.filter((m) => m.ruleId === 'speaker-name-in-text');
      assert.equal(stefan.length, 7);
      for (const m of stefan) {
        const respell = m.suggestions!.find((s) => s.desc.startsWith('Respell'))!;
        assert.equal(
          respell.desc,
          "Respell 'Stefan' as 'Stephan' (7 places): this place ('transcript fix' does all 7)",
        );
        assert.deepEqual(respell.fix, {
          range: [offsetOf(text, m.line, m.column), offsetOf(text, m.endLine!, m.endColumn!)],
          text: 'Stephan',
        });
        assert.equal(text.slice(...respell.fix.range), 'Stefan');
        assert.deepEqual(m.fix, respell.fix, 'the safe fix is the respelling of this place');
      }
      const respelt = [...stefan]
        .sort((a, b) => b.fix!.range[0] - a.fix!.range[0])
        .reduce((t, m) => applyFix(t, m.fix!), text);
      assert.equal(respelt, text.replaceAll('Stefan', 'Stephan'));
      assert.notEqual(respelt, text);

      // The heading suggestion fixes the body heading; the other one, the chapter list.
      const heading = result.messages.find((m) => m.ruleId === 'chapter-heading-mismatch')!;
      assert.deepEqual(
        heading.suggestions!.map((s) => applyFix(text, s.fix)),
        [
          text.replace(/^Open Data Im Rathaus$/m, 'Open Data im Rathaus'),
          text.replace('0:07:40 Open Data im Rathaus', '0:07:40 Open Data Im Rathaus'),
        ],
      );
      assert.equal(text.slice(...heading.suggestions![0].fix.range), 'Open Data Im Rathaus');
      assert.equal(
        offsetOf(text, heading.line, heading.column),
        heading.suggestions![0].fix.range[0],
      );
    });

    it('counts offsets in the text without the BOM, CRLF line endings included', function () {
      const bytes = crlfWithBom(BROKEN);
      const file = tmp.write('crlf-bom.txt', bytes);
      const text = bytes.subarray(BOM.length).toString('utf8');
      const [result] = json(1, file);
      assertEslintResult(result, text);
      assert.deepEqual(
        result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`),
        [
          '3:1 chapter-heading-missing',
          '6:11 speaker-name-in-text',
          '6:45 speaker-name-in-text',
          '8:14 speaker-name-in-text',
          '15:29 speaker-name-in-text',
          '16:1 chapter-heading-mismatch',
          '20:1 timestamp-malformed',
        ],
      );
      const [missing, name1, name2, name3, name4, heading, stamp] = result.messages;

      // Edits of the finding's own range start and end exactly where line/column say.
      for (const [m, desc] of [
        [
          name1,
          "Respell 'Stefan' as 'Stephan' (4 places): this place ('transcript fix' does all 4)",
        ],
        [
          name4,
          "Respell 'Stefan' as 'Stephan' (4 places): this place ('transcript fix' does all 4)",
        ],
        [heading, "Change the heading to 'Neuigkeiten' (as in the chapter list)"],
        [stamp, "Change '[ 1:40]' to '[1:40]'"],
      ] as const) {
        const s = m.suggestions!.find((x) => x.desc === desc);
        assert.ok(s, `${m.ruleId} at line ${m.line} offers '${desc}'`);
        assert.deepEqual(s.fix.range, [
          offsetOf(text, m.line, m.column),
          offsetOf(text, m.endLine!, m.endColumn!),
        ]);
      }
      assert.equal(text.slice(...name4.suggestions![0].fix.range), 'Stefan');

      const respelt = [name4, name3, name2, name1].reduce((t, m) => applyFix(t, m.fix!), text);
      assert.equal(respelt, text.replaceAll('Stefan', 'Stephan'));
      assert.equal(respelt.split('Stephan:\r\n').length - 1, 2, 'the labels stay');
      assert.equal(
        applyFix(text, heading.suggestions![0].fix),
        text.replace('\r\nneuigkeiten\r\n', '\r\nNeuigkeiten\r\n'),
      );
      assert.equal(applyFix(text, stamp.suggestions![0].fix), text.replace('[ 1:40]', '[1:40]'));
      assert.equal(
        applyFix(text, missing.suggestions![0].fix),
        text.replace('Transcript\r\nMalte:', 'Transcript\r\nBegrüßung\r\nMalte:'),
        'the inserted heading ends in CRLF too',
      );
    });

    it('reports a missing file as a fatal message in the JSON and exits 2', function () {
      const missing = path.join(tmp.root, 'nope.txt');
      const r = cli('check', '--format', 'json', missing, clean);
      assert.equal(r.status, 2);
      assert.match(r.stderr, new RegExp(`${escapeRe(missing)}: no such file`));
      const results = JSON.parse(r.stdout) as EslintResult[];
      assert.equal(results.length, 2);
      assert.equal(results[0].filePath, missing);
      assert.equal(results[0].errorCount, 1);
      assert.equal(results[0].messages[0].fatal, true);
      assert.equal(results[0].messages[0].severity, 2);
      assert.equal(results[0].messages[0].ruleId, null);
      assert.deepEqual(results[1].messages, []);
    });
  });

  describe('fix', function () {
    it('applies the safe fixes in place, lists them, and a second run has nothing to fix', function () {
      const dir = tmp.folder('fix-crlf-bom');
      const file = path.join(dir, 'episode.transcript');
      fs.writeFileSync(file, crlfWithBom(BROKEN));
      if (process.platform !== 'win32') fs.chmodSync(file, 0o640);
      const before = fs.readdirSync(dir);

      const r = cli('fix', file);
      assert.deepEqual(outLines(r.stdout), [
        `${file}: 4 fixes applied`,
        ...BROKEN_TITLES.map((t) => `  - ${t}`),
      ]);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 0);
      // Every byte outside the repairs is kept: BOM, CRLF, umlauts, the final CRLF.
      assert.deepEqual(fs.readFileSync(file), crlfWithBom(REPAIRED));
      assert.deepEqual(fs.readdirSync(dir), before, 'no temporary file left behind');
      if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o640);

      const again = cli('fix', file);
      assert.deepEqual(outLines(again.stdout), [`${file}: nothing to fix`]);
      assert.equal(again.status, 0);
      assert.deepEqual(fs.readFileSync(file), crlfWithBom(REPAIRED));
      assert.deepEqual(fs.readdirSync(dir), before);
    });

    it('changes only the repaired bytes in a file with mixed line endings and odd spacing', function () {
      const dir = tmp.folder('fix-mixed');
      const original =
        '\ufeffTranscript\r\nMalte:\n[0:05]  Hallo\u00a0Stefan,\tschön.  \r\n' +
        'Stephan:\r\n\r\n[0:20] Hallo Malte. Stefan hier.\nMalte:\r\n[0:30] Gut.\r\nStephan:\n[0:40] Ja.';
      const file = path.join(dir, 'mixed.txt');
      fs.writeFileSync(file, original);
      const r = cli('fix', file);
      assert.deepEqual(outLines(r.stdout), [
        `${file}: 1 fix applied`,
        "  - Respell 'Stefan' as 'Stephan' (2 places)",
      ]);
      assert.equal(r.status, 0);
      assert.equal(
        fs.readFileSync(file).toString('binary'),
        Buffer.from(original.replaceAll('Stefan', 'Stephan')).toString('binary'),
      );
      assert.deepEqual(fs.readdirSync(dir), ['mixed.txt']);
    });

    it('exits 1 when errors remain after fixing, and says how many are left', function () {
      const dir = tmp.folder('fix-example');
      const file = path.join(dir, 'episode.txt');
      const original = fs.readFileSync(EXAMPLE, 'utf8');
      fs.writeFileSync(file, original);
      const r = cli('fix', file);
      assert.deepEqual(outLines(r.stdout), [
        `${file}: 4 fixes applied`,
        "  - Insert the heading 'Fragen aus der Community' above line 96",
        "  - Respell 'Stefan' as 'Stephan' (7 places)",
        "  - Rename speaker 'Malt' to 'Malte' (1 label)",
        "  - Change the heading to 'Open Data im Rathaus' (as in the chapter list)",
        `  4 left to fix by hand (2 errors): run 'transcript check ${file}'`,
      ]);
      assert.equal(r.status, 1);
      const expected = original
        .replaceAll('Stefan', 'Stephan')
        .replace(/^Malt:$/m, 'Malte:')
        .replace(/^Open Data Im Rathaus$/m, 'Open Data im Rathaus')
        .replace(
          'offene Daten sind eine Einladung.\nMalte:',
          'offene Daten sind eine Einladung.\nFragen aus der Community\nMalte:',
        );
      assert.notEqual(expected, original);
      assert.equal(fs.readFileSync(file, 'utf8'), expected);
      assert.deepEqual(fs.readdirSync(dir), ['episode.txt']);

      const again = cli('fix', file);
      assert.equal(outLines(again.stdout)[0], `${file}: nothing to fix`);
      assert.equal(again.status, 1, 'the errors are still there');
      assert.equal(fs.readFileSync(file, 'utf8'), expected);
    });

    it('exits 0 when only warnings without a safe fix remain', function () {
      const file = tmp.write('late.txt', LATE);
      const r = cli('fix', file);
      assert.deepEqual(outLines(r.stdout), [
        `${file}: nothing to fix`,
        `  1 left to fix by hand (0 errors): run 'transcript check ${file}'`,
      ]);
      assert.equal(r.status, 0);
      assert.equal(fs.readFileSync(file, 'utf8'), LATE);
    });

    it('refuses to rewrite a file that is not valid UTF-8: bytes untouched, exit 2', function () {
      const dir = tmp.folder('fix-latin1');
      const file = path.join(dir, 'latin1.txt');
      const bytes = Buffer.from(BROKEN, 'latin1'); // ü and ß as single bytes
      assert.ok(bytes.includes(0xfc));
      fs.writeFileSync(file, bytes);
      const r = cli('fix', file);
      assert.equal(r.status, 2);
      assert.match(
        r.stderr,
        new RegExp(`^transcript: ${escapeRe(file)}: not valid UTF-8; left unchanged`, 'm'),
      );
      assertNoCrash(r);
      assert.deepEqual(fs.readFileSync(file), bytes);
      assert.deepEqual(fs.readdirSync(dir), ['latin1.txt']);
    });

    it('fixes the target of a symbolic link and keeps the link', function () {
      const dir = tmp.folder('fix-symlink');
      const target = path.join(dir, 'real.txt');
      const link = path.join(dir, 'link.txt');
      fs.writeFileSync(target, BROKEN);
      fs.symlinkSync('real.txt', link);
      assert.equal(cli('fix', link).status, 0);
      assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is still a link');
      assert.equal(fs.readFileSync(target, 'utf8'), REPAIRED);
    });

    it('keeps a hard link: both names see the fixed text', function () {
      const dir = tmp.folder('fix-hardlink');
      const one = path.join(dir, 'one.txt');
      const two = path.join(dir, 'two.txt');
      fs.writeFileSync(one, BROKEN);
      fs.linkSync(one, two);
      assert.equal(cli('fix', one).status, 0);
      assert.equal(fs.statSync(one).ino, fs.statSync(two).ino, 'still one file');
      assert.equal(fs.readFileSync(two, 'utf8'), REPAIRED);
      assert.deepEqual(fs.readdirSync(dir).sort(), ['one.txt', 'two.txt']);
    });
  });

  describe('--speaker, --tolerance, --disable', function () {
    it('--speaker NAME makes a near spelling of NAME a finding, offered but not applied by `fix`', function () {
      const file = tmp.write('torsten.txt', TORSTEN);
      const plain = cli('check', file);
      assert.equal(plain.stdout, '', 'no finding without the setting');
      assert.equal(plain.status, 0);

      const r = cli('check', '--speaker', 'Thorsten', file);
      const message =
        "warning speaker-spelling 'Torsten' (2 labels) is a near spelling of the known speaker 'Thorsten' (roster)";
      assert.deepEqual(outLines(r.stdout), [`${file}:2:1: ${message}`, `${file}:6:1: ${message}`]);
      assert.equal(r.status, 0);

      const both = cli('check', '--speaker', 'Thorsten', '--speaker', 'Torsten', file);
      assert.equal(both.stdout, '', 'a name given with --speaker is itself accepted');

      // A near spelling is not proof: only a listed misspelling is renamed unattended.
      const fixed = cli('fix', '--speaker', 'Thorsten', file);
      assert.deepEqual(outLines(fixed.stdout), [
        `${file}: nothing to fix`,
        `  2 left to fix by hand (0 errors): run 'transcript check ${file}'`,
      ]);
      assert.equal(fixed.status, 0);
      assert.equal(fs.readFileSync(file, 'utf8'), TORSTEN);
    });

    it('--speaker accepts that spelling and reports the other one instead', function () {
      const plain = outLines(cli('check', EXAMPLE).stdout);
      assert.equal(plain.filter((l) => l.includes(' speaker-name-in-text ')).length, 7);
      // A roster saying the text's 'Stefan' is right: the 12 'Stephan' labels are flagged
      // toward it, and the text's 'Stefan' no longer is.
      const r = cli('check', '--speaker', 'Stefan', EXAMPLE);
      const lines = outLines(r.stdout);
      assert.equal(lines.filter((l) => l.includes(' speaker-name-in-text ')).length, 0);
      const speakers = lines.filter((l) => l.includes(' speaker-spelling '));
      const stephan = (line: number) =>
        `${EXAMPLE}:${line}:1: warning speaker-spelling 'Stephan' (12 labels) is a near spelling of the known speaker 'Stefan' (roster)`;
      assert.deepEqual(speakers, [
        ...[27, 33, 39].map(stephan),
        `${EXAMPLE}:41:1: warning speaker-spelling 'Malt' (1 label) looks like a misspelling of 'Malte' (11 labels)`,
        ...[44, 48, 54, 65, 73, 83, 89, 94, 108].map(stephan),
      ]);
    });

    it('--tolerance sets how far a chapter time may lie outside its heading', function () {
      const file = tmp.write('tolerance.txt', LATE);
      // Listed at 0:01:30; the first timestamp after the heading is [1:12]: 18 s.
      const def = cli('check', file);
      assert.deepEqual(outLines(def.stdout), [
        `${file}:4:1: warning chapter-time-mismatch Chapter 'Neuigkeiten' is listed at 0:01:30, but its heading on line 17 stands between [0:20] and [1:12] (tolerance 10 s)`,
      ]);
      assert.equal(cli('check', '--tolerance', '18', file).stdout, '');
      assert.match(cli('check', '--tolerance=17', file).stdout, /\(tolerance 17 s\)$/m);
    });

    it('--disable CODE drops that code, is repeatable, and changes the exit code', function () {
      const r = cli('check', '--disable', 'speaker-spelling', EXAMPLE);
      const codes = codesOf(r.stdout);
      assert.ok(!codes.has('speaker-spelling'));
      assert.ok(codes.has('timestamp-malformed') && codes.has('chapter-heading-mismatch'));
      assert.equal(r.status, 1);

      const noErrors = cli(
        'check',
        '--disable',
        'timestamp-malformed',
        '--disable',
        'timestamp-order',
        EXAMPLE,
      );
      assert.doesNotMatch(noErrors.stdout, / error /);
      assert.equal(noErrors.stderr, '0 errors, 12 warnings in 1 file\n');
      assert.equal(noErrors.status, 0);

      const file = tmp.write('disable-fix.txt', BROKEN);
      cli('fix', '--disable', 'speaker-name-in-text', file);
      const text = fs.readFileSync(file, 'utf8');
      assert.equal(text, CLEAN.replace(/^Stefan:$/gm, 'Stephan:'), 'fix leaves disabled codes');
    });
  });

  describe('real transcripts', function () {
    it('finds exactly the planted problems in examples/episode.txt', function () {
      const r = cli('check', EXAMPLE);
      assert.deepEqual([...codesOf(r.stdout)].sort(), [
        'chapter-heading-mismatch',
        'chapter-heading-missing',
        'chapter-time-mismatch',
        'speaker-name-in-text',
        'speaker-spelling',
        'speaker-turn-empty',
        'timestamp-malformed',
        'timestamp-order',
      ]);
      assert.equal(outLines(r.stdout).length, 14);
      assert.ok(
        !r.stdout.includes(`warning speaker-spelling 'Stephan'`),
        'the consistent Stephan labels are not reported',
      );
      assert.ok(
        r.stdout.includes(
          `${EXAMPLE}:13:54: warning speaker-name-in-text 'Stefan' looks like a misspelling of 'Stephan': speaker 'Stephan' (12 labels); the text spells it 'Stefan' 7 times`,
        ),
        "the text's 'Stefan' is",
      );
      assert.equal(r.stderr, '2 errors, 12 warnings in 1 file\n');
      assert.equal(r.status, 1);
    });
  });

  describeCorpus('check on the real episode (shared corpus)', (CORPUS) => {
    it('reports 18 warnings, 17 misspelt names in the text and one heading, none on a label, in the real episode 153', function () {
      const r = cli('check', CORPUS);
      assertNoCrash(r);
      assert.equal(r.status, 0);
      const lines = outLines(r.stdout);
      assert.equal(lines.length, 18);
      assert.ok(lines.every((l) => l.startsWith(`${CORPUS}:`) && l.includes(': warning ')));
      assert.deepEqual([...codesOf(r.stdout)].sort(), [
        'chapter-heading-mismatch',
        'speaker-name-in-text',
      ]);
      const words = (spelling: RegExp) =>
        lines.filter((l) => spelling.test(l.split(' speaker-name-in-text ')[1] ?? '')).length;
      assert.equal(words(/^'[Ss]tefan' looks like a misspelling of 'Stephan'/), 13);
      assert.equal(words(/^'[Tt]horsten' looks like a misspelling of 'Torsten'/), 4);
      assert.equal(r.stderr, '0 errors, 18 warnings in 1 file\n');
    });
  });

  describe('input that is not a transcript', function () {
    it('says a binary file (NUL bytes) looks binary, in one info finding, exit 0', function () {
      const bytes = Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0xff, 0xfe, 0x00, 0x5b, 0x31, 0x3a, 0x0a, 0x80,
      ]);
      const file = tmp.write('image.png', bytes);
      const r = cli('check', file);
      assertNoCrash(r);
      assert.deepEqual(outLines(r.stdout), [
        `${file}:1:1: information not-a-transcript This file looks binary (it contains NUL bytes), not like a transcript`,
      ]);
      assert.equal(r.status, 0);

      // In the JSON an information finding must not count as an error.
      const [result] = JSON.parse(cli('check', '--format', 'json', file).stdout) as EslintResult[];
      assert.deepEqual(
        result.messages.map((m) => [m.ruleId, m.severity]),
        [['not-a-transcript', 1]],
      );
      assert.equal(result.errorCount, 0);

      const fixed = cli('fix', file);
      assertNoCrash(fixed);
      assert.equal(outLines(fixed.stdout)[0], `${file}: nothing to fix`);
      assert.equal(fixed.status, 0);
      assert.deepEqual(fs.readFileSync(file), bytes, 'binary bytes untouched');
    });

    it('checks an empty file quietly: no finding, the summary, exit 0', function () {
      const file = tmp.write('empty.txt', '');
      const r = cli('check', file);
      assertNoCrash(r);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, '0 errors, 0 warnings in 1 file\n');
      assert.equal(r.status, 0);
    });

    it('handles a 5 MB single-line file quickly, with one info finding', function () {
      const file = tmp.write('huge.txt', Buffer.alloc(5 * 1024 * 1024, 'x'));
      const started = Date.now();
      const r = cli('check', file);
      assertNoCrash(r);
      assert.deepEqual(outLines(r.stdout), [
        `${file}:1:1: information not-a-transcript No transcript found: no section headers, speaker labels or [m:ss] timestamps`,
      ]);
      assert.equal(r.status, 0);
      assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    });

    it('handles a 5 MB single timestamped line without findings', function () {
      const file = tmp.write('huge-line.txt', `Malte:\n[0:01] ${'Wort '.repeat(1024 * 1024)}`);
      const r = cli('check', file);
      assertNoCrash(r);
      assert.equal(r.stdout, '');
      assert.equal(r.status, 0);
    });
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
