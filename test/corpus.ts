/**
 * The real episode beside the checkout (`../shared/corpus/`). The suites
 * that check it run only where it is; where it is not, they are left out
 * and one note at the end of the run says so (once, not once per suite).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const CORPUS_EPISODE = path.resolve(
  __dirname,
  '..',
  '..',
  'shared',
  'corpus',
  'egovernment-podcast-153.txt',
);

const left: string[] = [];

/** `describe(title, …)` on the real episode, when it is beside the checkout. */
export function describeCorpus(title: string, body: (file: string) => void): void {
  if (existsSync(CORPUS_EPISODE)) describe(title, () => body(CORPUS_EPISODE));
  else left.push(title);
}

after(() => {
  if (left.length === 0) return;
  console.log(
    `\n  note: ../shared/corpus/${path.basename(CORPUS_EPISODE)} is not beside this checkout; ` +
      `${left.length} real-episode ${left.length === 1 ? 'suite' : 'suites'} left out: ${left.join('; ')}`,
  );
});
