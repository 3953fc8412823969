// Bundles the VS Code client, the language server and the CLI with esbuild.
import { build } from 'esbuild';
import { mkdir, readFile } from 'node:fs/promises';

const pkg = JSON.parse(await readFile('package.json', 'utf8'));

const production = process.argv.includes('--production');
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
]);
console.log(`built dist/client.js, dist/server.js, dist/cli.js${production ? ' (minified)' : ''}`);
