/**
 * The extension-host test entry (bundled to dist/test/extension.js): VS Code's
 * extension host requires it and calls run(), in desktop VS Code
 * (@vscode/test-electron) as in code-server (test/extension/run.ts).
 */
import Mocha from 'mocha';
import { JsonFileReporter } from './reporter';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: JsonFileReporter, timeout: 60_000, color: false });
  // The suites are in this bundle: give them mocha's globals, then load them
  // (the bundle evaluates each module on its import).
  mocha.suite.emit('pre-require', globalThis, 'extension-tests', mocha);
  await import('./suite/language.test.js');
  await import('./suite/findings.test.js');
  await import('./suite/actions.test.js');
  await import('./suite/navigation.test.js');
  await import('./suite/commands.test.js');
  await import('./suite/cueFiles.test.js');
  await import('./suite/virtualWorkspace.test.js');
  await import('./suite/realEpisode.test.js');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension test(s) failed`);
}
