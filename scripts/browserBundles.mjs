// The browser bundles (VS Code for the Web): the client for the web worker
// extension host and the language server for its own web worker. A Node
// built-in must never reach them: Node's modules are left out of the bundle
// (not resolved), and `nodeBuiltinsIn` fails the build naming each import of
// one and the file that imports it, as well as any module a package's
// `browser` field switched off (an empty stand-in that would fail at run time).
import { builtinModules } from 'node:module';

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Imports of Node built-ins (or switched-off modules) in an esbuild metafile. */
export function nodeBuiltinsIn(metafile) {
  const found = [];
  for (const [file, input] of Object.entries(metafile.inputs)) {
    if (file.startsWith('(disabled):'))
      found.push(`${file.slice('(disabled):'.length)} (switched off)`);
    for (const imp of input.imports ?? []) {
      const name = imp.path.replace(/^node:/, '').split('/')[0];
      if (BUILTINS.has(imp.path) || (imp.external && BUILTINS.has(name)))
        found.push(`${imp.path} imported by ${file}`);
    }
  }
  return found;
}

/** esbuild options for a browser bundle; Node built-ins stay out so that the check can name them. */
export function browserOptions(common) {
  return {
    ...common,
    platform: 'browser',
    target: 'es2022',
    mainFields: ['browser', 'module', 'main'],
    external: [...BUILTINS, ...(common.external ?? [])],
    metafile: true,
  };
}

/** Throws when a browser build's metafile shows a Node built-in. */
export function assertNoNodeBuiltins(outfile, metafile) {
  const found = nodeBuiltinsIn(metafile);
  if (found.length > 0)
    throw new Error(
      `${outfile} must run in a browser, but it imports Node built-ins:\n  ${found.join('\n  ')}`,
    );
}
