/**
 * The browser bundles (VS Code for the Web) hold no Node built-in: the build
 * check names any that creeps in, and the bundles `npm run build` wrote pass it.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..');

interface Checks {
  browserOptions(common: BuildOptions): BuildOptions;
  nodeBuiltinsIn(metafile: Metafile): string[];
  assertNoNodeBuiltins(outfile: string, metafile: Metafile): void;
}
const checks = (): Promise<Checks> =>
  import(path.join(ROOT, 'scripts', 'browserBundles.mjs')) as Promise<Checks>;

async function metafileOf(entry: string, options: BuildOptions = {}): Promise<Metafile> {
  const { browserOptions } = await checks();
  const result = await build({
    ...browserOptions({ bundle: true, format: 'cjs', logLevel: 'silent', ...options }),
    entryPoints: [entry],
    write: false,
    outfile: 'out.js',
  });
  return result.metafile!;
}

describe('browser bundles', function () {
  this.timeout(60_000);

  it('names every Node built-in a browser bundle imports, and the file importing it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'transcript-bundle-'));
    try {
      writeFileSync(
        path.join(dir, 'helper.ts'),
        "import { readFileSync } from 'fs';\nexport const r = readFileSync;\n",
      );
      writeFileSync(
        path.join(dir, 'entry.ts'),
        "import * as path from 'node:path';\nimport { r } from './helper';\nexport const x = [path.sep, r];\n",
      );
      const { nodeBuiltinsIn, assertNoNodeBuiltins } = await checks();
      const meta = await metafileOf(path.join(dir, 'entry.ts'));
      const found = nodeBuiltinsIn(meta);
      assert.equal(found.length, 2, found.join('\n'));
      assert.ok(
        found.some((f) => /^node:path imported by .*entry\.ts$/.test(f)),
        found.join('\n'),
      );
      assert.ok(
        found.some((f) => /^fs imported by .*helper\.ts$/.test(f)),
        found.join('\n'),
      );
      assert.throws(
        () => assertNoNodeBuiltins('dist/web/x.js', meta),
        /dist\/web\/x\.js must run in a browser[^]*node:path imported by/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const [entry, format] of [
    ['client/src/browser.ts', 'cjs'],
    ['server/src/browserMain.ts', 'iife'],
  ] as const) {
    it(`finds none in ${entry}`, async () => {
      const { nodeBuiltinsIn } = await checks();
      const meta = await metafileOf(path.join(ROOT, entry), {
        format,
        external: ['vscode'],
        mainFields: ['browser', 'module', 'main'],
      });
      assert.deepEqual(nodeBuiltinsIn(meta), []);
      // The core and the server's pieces are in it; the disk reader is not.
      const inputs = Object.keys(meta.inputs);
      assert.ok(
        inputs.some((f) => f.endsWith('server/src/core/analysis/analyze.ts')),
        'the core is bundled',
      );
      assert.ok(
        !inputs.some((f) => f.endsWith('server/src/files/node.ts')),
        'files/node.ts left out',
      );
    });
  }

  it('leaves no require() of a Node built-in in the built bundles', () => {
    const builtins = new Set(builtinModules);
    for (const file of ['dist/web/client.js', 'dist/web/server.js']) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      const required = [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
      const node = required.filter((r) => r.startsWith('node:') || builtins.has(r.split('/')[0]!));
      assert.deepEqual(node, [], `${file} requires ${node.join(', ')}`);
      if (file.endsWith('client.js'))
        assert.ok(required.includes('vscode'), 'the client requires vscode');
    }
  });
});
