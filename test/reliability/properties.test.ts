/**
 * Property tests of the core (fast-check), each in a supervised worker: a
 * property stops at its time limit or number of runs and prints how many
 * cases it ran; a case that never returns is caught by the hard deadline.
 *
 * Knobs (environment):
 *   RELIABILITY_PROPERTY_SECONDS  time shared by all the properties (default 15)
 *   RELIABILITY_SEED              replays a run (the seed each property prints)
 *   RELIABILITY_IGNORE            comma-separated parts of range problems not to
 *                                 report, to look past a known bug while exploring
 *   RELIABILITY_TIME_SCALE        multiplies every time bound of the hostile and
 *                                 stress tests (for a slower machine)
 *   RELIABILITY_SKIP_LARGE=1      leaves out the 50 MB transcript (about 40 s of
 *                                 the suite's time over core, server and CLI)
 */
import { strict as assert } from 'node:assert';
import { propertyDefs, type PropertyResult } from './properties';
import { Supervisor } from './supervisor';

const BUDGET_MS = Number(process.env.RELIABILITY_PROPERTY_SECONDS ?? 15) * 1000;
const SEED = process.env.RELIABILITY_SEED ? Number(process.env.RELIABILITY_SEED) : undefined;
/** A single case of these small inputs taking longer than this is a hang in the making. */
const SLOWEST_CASE_MS = 3000;

describe('reliability: properties of the core', function () {
  const supervisor = new Supervisor();
  after(() => supervisor.close());
  const defs = propertyDefs(() => {});
  const weights = defs.reduce((n, d) => n + d.weight, 0);

  for (const def of defs) {
    const limit = Math.round((BUDGET_MS * def.weight) / weights);
    // fast-check stops between cases only: the deadline catches a case that never ends.
    const deadline = limit + 15_000;
    it(`${def.title} (${def.name}, ${limit} ms)`, async function () {
      this.timeout(deadline + 10_000);
      const out = await supervisor.run<PropertyResult>(
        'property',
        { name: def.name, timeLimitMs: limit, seed: SEED },
        deadline,
      );
      if (!out.ok) {
        console.log(`      property ${def.name}: did not terminate (${out.reason})`);
        assert.fail(
          `property ${def.name} ${out.reason === 'timeout' ? 'did not terminate' : 'crashed'}: ${out.message}\nlast input: ${String(out.lastProgress)}`,
        );
      }
      const r = out.value;
      console.log(
        `      property ${def.name}: ${r.numRuns} cases${r.interrupted ? ' (time limit reached)' : ''}, slowest case ${Math.round(r.slowestMs)} ms, seed ${r.seed}`,
      );
      if (r.failed)
        assert.fail(`property ${def.name} failed after ${r.numRuns} cases:\n${r.report}`);
      assert.ok(
        r.slowestMs < SLOWEST_CASE_MS,
        `a case took ${Math.round(r.slowestMs)} ms (bound ${SLOWEST_CASE_MS} ms): ${r.slowestInput}`,
      );
    });
  }
});
