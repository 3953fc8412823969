/**
 * A mocha reporter for the extension host: mocha's spec output on the console
 * (the desktop runner shows it) and every test's outcome in the JSON file named
 * by $TRANSCRIPT_TEST_RESULTS, which the runners read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { RESULTS_ENV, type TestResult, type TestResults } from './results';

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } =
  Mocha.Runner.constants;

export class JsonFileReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const tests: TestResult[] = [];
    runner.on(EVENT_TEST_PASS, (test) =>
      tests.push({ fullTitle: test.fullTitle(), state: 'passed', duration: test.duration }),
    );
    runner.on(EVENT_TEST_FAIL, (test, error: Error) =>
      tests.push({
        fullTitle: test.fullTitle(),
        state: 'failed',
        duration: test.duration,
        error: error?.stack ?? String(error),
      }),
    );
    runner.on(EVENT_TEST_PENDING, (test) =>
      tests.push({
        fullTitle: test.fullTitle(),
        state: 'pending',
        note: (test as Mocha.Test & { skipReason?: string }).skipReason,
      }),
    );
    runner.once(EVENT_RUN_END, () => {
      const file = process.env[RESULTS_ENV];
      if (!file) return;
      const results: TestResults = {
        passed: tests.filter((t) => t.state === 'passed').length,
        failed: tests.filter((t) => t.state === 'failed').length,
        pending: tests.filter((t) => t.state === 'pending').length,
        tests,
      };
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(results, null, 2));
    });
  }
}
