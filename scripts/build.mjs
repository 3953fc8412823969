// Bundles the VS Code client, the language server and the CLI with esbuild.
// With --tests, also the extension-host test suite (test/extension/) into
// dist/test/extension.js, which VS Code's extension host requires.
import { build } from 'esbuild';
import { mkdir, readFile } from 'node:fs/promises';

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

await mkdir('dist', { recursive: true });
await Promise.all([
  build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
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
const built = ['dist/client.js', 'dist/server.js', 'dist/cli.js'];
if (tests) built.push('dist/test/extension.js');
console.log(`built ${built.join(', ')}${production ? ' (minified)' : ''}`);
