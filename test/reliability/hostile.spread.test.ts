/**
 * Long arrays never go into a call's arguments: `f(...array)` puts every
 * element on the stack and throws 'Maximum call stack size exceeded' from
 * about 125,000 elements. Each place that did so is driven past that here,
 * in the core with arrays of 300,000, and through the built CLI with a
 * 6 MB transcript of 300,000 labels and a chapters file of 300,000
 * chapters. (An eslint rule keeps new spreads out of the sources.)
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { toEslintResult } from '../../cli/src/eslintFormat';
import {
  fixAllEdits,
  outline,
  parse,
  statisticsMarkdown,
  type Finding,
  type Statistics,
  type TextEdit,
} from '../../server/src/core';
import { buildDocument, importTranscript } from '../../server/src/core/formats';
import { assertNoCrash, CLI, ROOT, TempDir } from '../cli/helpers';
import { manyJsonChapters, manyLabelsOneMisspelt, stampText } from './gen';
import { fmt, SCALE } from './measure';

const N = 300_000;

function insertions(n: number, at = { line: 0, character: 1 }): TextEdit[] {
  const edits: TextEdit[] = [];
  for (let i = 0; i < n; i++) edits.push({ range: { start: at, end: at }, newText: 'x' });
  return edits;
}

function findingWith(edits: TextEdit[]): Finding {
  return {
    code: 'speaker-spelling',
    severity: 'warning',
    message: 'a rename of many labels',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    fixes: [{ title: 'Rename', edits, safe: true, preferred: true }],
  };
}

/** `transcript ...args` on the built CLI, within a bound. */
function run(bound: number, ...args: string[]) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: bound,
    killSignal: 'SIGKILL',
  });
  const ms = performance.now() - started;
  console.log(
    `      transcript ${args[0]}: ${r.signal ? `killed after ${fmt(ms)}` : `exit ${r.status} in ${fmt(ms)}`} (bound ${fmt(bound)})`,
  );
  assert.equal(r.signal, null, `'transcript ${args[0]}' did not finish within ${fmt(bound)}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('reliability: no long array spread into a call', function () {
  describe('in the core, 300,000 elements', function () {
    it('fix-all takes a fix of 300,000 edits', () => {
      const { edits, applied } = fixAllEdits([findingWith(insertions(N))]);
      assert.equal(edits.length, N);
      assert.deepEqual(applied, ['Rename']);
    });

    it('the ESLint JSON format merges a fix of 300,000 edits', () => {
      const r = toEslintResult('a.txt', 'ab\n', [findingWith(insertions(N))]);
      assert.deepEqual(r.messages[0].fix, { range: [1, 1], text: 'x'.repeat(N) });
    });

    it('an export of 300,000 cues finds where the last one ends', () => {
      const lines = ['Transcript', 'Malte:'];
      for (let i = 0; i < N; i++) lines.push(`${stampText(i * 2, 'h:mm:ss')} Ja`);
      const doc = buildDocument(parse(lines.join('\n')));
      assert.equal(doc.cues.length, N);
    });

    it('the outline of a transcript without a Transcript header holds its 300,000 turns', () => {
      const lines: string[] = [];
      for (let i = 0; i < N; i++)
        lines.push(i % 2 ? 'Malte:' : 'Stefan:', `${stampText(i, 'm:ss')} Ja`);
      assert.equal(outline(parse(lines.join('\n'))).length, N);
    });

    it('the statistics Markdown lists 300,000 chapters', () => {
      const chapters = Array.from({ length: N }, (_, i) => ({
        title: `Kapitel ${i}`,
        start: i,
        end: i + 1,
        length: 1,
        turns: 1,
        words: 1,
        firstWords: 'Ja',
      }));
      const stats: Statistics = { duration: N, words: N, speakers: [], chapters };
      assert.ok(
        /\| Kapitel 299999 \|/.test(statisticsMarkdown(stats)),
        'the last chapter is listed',
      );
    });

    it('an import with 300,000 chapters, every other one silent', () => {
      const cues = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Malte>Hallo\n';
      const r = importTranscript(cues, { chapters: manyJsonChapters(N) });
      assert.ok(r.ok, r.ok ? '' : r.message);
      assert.equal(r.warnings.filter((w) => /"toc": false/.test(w)).length, N / 2);
      assert.ok(/^83:19:58 Kapitel 299998$/m.test(r.text), 'the last chapter is listed');
    });
  });

  describe('through the CLI', function () {
    const tmp = new TempDir();
    after(() => tmp.remove());

    it(`'transcript fix' on a 6 MB transcript of 300,000 labels renames the 40,000 minority ones`, function () {
      const bound = Math.round(90_000 * SCALE);
      this.timeout(bound + 30_000);
      const text = manyLabelsOneMisspelt(N);
      const file = tmp.write('labels.txt', text);
      const r = run(bound, 'fix', file);
      assertNoCrash(r);
      assert.equal(r.status, 0, r.stderr.slice(0, 500));
      const fixed = fs.readFileSync(file, 'utf8');
      assert.ok(
        fixed === text.replace(/^Stefen:$/gm, 'Stefan:'),
        'every Stefen label renamed, nothing else changed',
      );
    });

    it(`'transcript check --format json' on the 300,000 labels gives each finding its own place`, function () {
      const bound = Math.round(90_000 * SCALE);
      this.timeout(bound + 30_000);
      const file = tmp.write('labels-json.txt', manyLabelsOneMisspelt(N));
      const r = run(bound, 'check', '--format', 'json', file);
      assertNoCrash(r);
      const [result] = JSON.parse(r.stdout) as { messages: { fix?: { text: string } }[] }[];
      assert.equal(result.messages.length, (N * 2) / 15);
      assert.ok(
        result.messages.every((m) => m.fix?.text === 'Stefan'),
        'each fix is its own label',
      );
    });

    it(`'transcript import' with a chapters file of 300,000 chapters`, function () {
      const bound = Math.round(60_000 * SCALE);
      this.timeout(bound + 30_000);
      const cues = tmp.write(
        'cues.vtt',
        'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Malte>Hallo\n',
      );
      const chapters = tmp.write('chapters.json', manyJsonChapters(N));
      const out = `${tmp.root}/imported.txt`;
      const r = run(bound, 'import', cues, '--chapters', chapters, '-o', out);
      assertNoCrash(r);
      assert.equal(r.status, 0, r.stderr.slice(0, 500));
      const text = fs.readFileSync(out, 'utf8');
      assert.ok(/^0:00:00 Kapitel 0$/m.test(text), 'the first chapter is listed');
      assert.ok(/^83:19:58 Kapitel 299998$/m.test(text), 'the last chapter is listed');
    });
  });
});
