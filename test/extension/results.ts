/**
 * The result file of an extension-host test run: written by the reporter
 * inside the extension host, read by the runners outside it.
 */
import * as fs from 'node:fs';

/** The environment variable that names the result file for the extension host. */
export const RESULTS_ENV = 'TRANSCRIPT_TEST_RESULTS';

export interface TestResult {
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  /** Milliseconds (passed and failed tests). */
  duration?: number;
  /** The failure's message and stack. */
  error?: string;
  /** Why a pending test was skipped, when it said so. */
  note?: string;
}

export interface TestResults {
  passed: number;
  failed: number;
  pending: number;
  tests: TestResult[];
}

/**
 * Reads the result file and prints one line per test and a closing count.
 * Returns the problems that fail the run: no file, an unreadable one, a failed
 * test, or no test at all.
 */
export function reportResults(file: string): string[] {
  if (!fs.existsSync(file)) return [`no result file: ${file} was not written`];
  let results: TestResults;
  try {
    results = JSON.parse(fs.readFileSync(file, 'utf8')) as TestResults;
  } catch (error) {
    return [`unreadable result file ${file}: ${String(error)}`];
  }
  const mark = { passed: '✓', failed: '✗', pending: '-' } as const;
  for (const t of results.tests) {
    const time = t.duration === undefined ? '' : ` (${t.duration} ms)`;
    console.log(`  ${mark[t.state]} ${t.fullTitle}${time}${t.note ? ` [${t.note}]` : ''}`);
  }
  const failures = results.tests.filter((t) => t.state === 'failed');
  for (const [i, t] of failures.entries()) {
    console.log(`\n  ${i + 1}) ${t.fullTitle}\n${indent(t.error ?? '(no message)')}`);
  }
  console.log(
    `\n${results.passed} passed, ${results.failed} failed` +
      (results.pending ? `, ${results.pending} skipped` : ''),
  );
  const problems = failures.map((t) => `failed: ${t.fullTitle}`);
  if (results.failed !== failures.length)
    problems.push(`${results.failed} failures counted, ${failures.length} listed`);
  if (results.tests.length === 0) problems.push('no test ran');
  return problems;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `     ${l}`)
    .join('\n');
}
