// Bundles the VS Code client, the language server and the CLI with esbuild,
// for Node; and the client and the server again for the browser (VS Code for
// the Web), failing when a Node built-in reaches a browser bundle.
// With --tests, also the extension-host test suite (test/extension/) into
// dist/test/extension.js, which VS Code's extension host requires.
import { build } from 'esbuild';
import { mkdir, readFile } from 'node:fs/promises';
import { assertNoNodeBuiltins, browserOptions } from './browserBundles.mjs';

const pkg = JSON.parse(await readFile('package.json', 'utf8'));

const production = process.argv.includes('--production');
const tests = process.argv.includes('--tests');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  minify: production,
  logLevel: 'warning',
  // ES modules first: jsonc-parser's UMD build loads its parts with a
  // require() that a bundle cannot resolve.
  mainFields: ['module', 'main'],
};

/** A browser bundle, checked for Node built-ins. */
async function browserBuild(options) {
  const result = await build(browserOptions({ ...common, ...options }));
  assertNoNodeBuiltins(options.outfile, result.metafile);
}

await mkdir('dist/web', { recursive: true });
await Promise.all([
  browserBuild({
    entryPoints: ['client/src/browser.ts'],
    outfile: 'dist/web/client.js',
    external: ['vscode'],
  }),
  browserBuild({
    entryPoints: ['server/src/browserMain.ts'],
    outfile: 'dist/web/server.js',
    format: 'iife',
  }),
  build({
    ...common,
    entryPoints: ['client/src/node.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
  }),
  build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  build({
    ...common,
    entryPoints: ['cli/src/cli.ts'],
    outfile: 'dist/cli.js',
    define: { PACKAGE_VERSION: JSON.stringify(pkg.version) },
  }),
  tests &&
    build({
      ...common,
      entryPoints: ['test/extension/index.ts'],
      outfile: 'dist/test/extension.js',
      // mocha is loaded from node_modules at run time: its reporters and
      // interfaces are found by name, which a bundle cannot do.
      external: ['vscode', 'mocha'],
    }),
]);
const built = [
  'dist/client.js',
  'dist/server.js',
  'dist/cli.js',
  'dist/web/client.js',
  'dist/web/server.js',
];
if (tests) built.push('dist/test/extension.js');
console.log(`built ${built.join(', ')}${production ? ' (minified)' : ''}`);
