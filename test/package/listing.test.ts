/**
 * What a new user meets first: the extension's listing (icon, categories,
 * keywords, changelog), what the .vsix ships, and the README's sample output,
 * which must be what `npm run setup` prints.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as Record<string, unknown> & {
  version: string;
  icon: string;
  categories: string[];
  keywords: string[];
};

describe('the listing and the README', function () {
  this.timeout(60_000);

  it('has an icon (128 × 128 PNG), categories, keywords and a banner colour', () => {
    const icon = readFileSync(path.join(ROOT, pkg.icon));
    assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(icon.readUInt32BE(16), 128, 'width');
    assert.equal(icon.readUInt32BE(20), 128, 'height');
    assert.deepEqual(pkg.categories, ['Programming Languages', 'Linters']);
    for (const word of ['podcast', 'transcript', 'webvtt', 'srt', 'otter', 'auphonic'])
      assert.ok(pkg.keywords.includes(word), word);
    // The marketplaces take at most 30 keywords.
    assert.ok(pkg.keywords.length <= 30);
    assert.match(String(pkg.description), /WebVTT, SRT, Otter/);
    assert.deepEqual(pkg.galleryBanner, { color: '#1f3a5f', theme: 'dark' });
  });

  it('has a CHANGELOG whose newest entry is this version', () => {
    const first = /^## \[(\d+\.\d+\.\d+)\]/m.exec(read('CHANGELOG.md'));
    assert.equal(first?.[1], pkg.version);
  });

  // The README's pictures are not shipped: VS Code's details page shows only
  // https images (its webview's policy), so in a .vsix they would be dead weight.
  it('ships only what the extension needs in the .vsix (vsce ls)', () => {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\n').filter(Boolean).sort(), [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/client.js',
      'dist/server.js',
      'dist/web/client.js',
      'dist/web/server.js',
      'docs/icon/icon.png',
      'language-configuration.json',
      'package.json',
      'syntaxes/transcript.tmLanguage.json',
    ]);
  });

  it('shows in the README the output `npm run setup` ends with (the demo), line for line', () => {
    assert.ok(existsSync(path.join(ROOT, 'dist', 'cli.js')), 'built (npm test builds first)');
    const readme = read('README.md');
    const block = /`npm run setup` ends by printing[\s\S]*?\n```\n([\s\S]*?)```/.exec(readme);
    assert.ok(block, 'the sample output block after "`npm run setup` ends by printing"');
    const shown = block[1].split('\n').filter((l) => l !== '');
    const demo = spawnSync(process.execPath, ['scripts/demo.mjs'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(demo.status, 0, demo.stderr);
    const printed = demo.stdout.split('\n').filter((l) => l !== '' && !l.startsWith('=='));
    // The README shows the start of it and says so with "...".
    assert.equal(shown[shown.length - 1], '...');
    const head = shown.slice(0, -1);
    assert.ok(head.length >= 5);
    assert.deepEqual(head, printed.slice(0, head.length));
  });
});
