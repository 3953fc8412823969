// Shows the product on the example we ship: the findings, then the outline.
import { spawnSync } from 'node:child_process';

const example = 'examples/episode.txt';
const run = (args) => spawnSync(process.execPath, ['dist/cli.js', ...args], { stdio: 'inherit' });

console.log(`\n== transcript check ${example}\n`);
run(['check', example]);
console.log(`\n== transcript outline ${example}\n`);
run(['outline', example]);
console.log(`
Next:
  npm test                                  run the tests
  code --install-extension podcast-transcripts.vsix   use it in desktop VS Code
  node dist/cli.js fix --help               repair what can be repaired safely
`);
