/**
 * The property tests of the core, run inside a worker (see supervisor.ts) so
 * that a hang is caught. Each property is time-bounded: it stops after its
 * time limit or its number of runs, whichever comes first, and reports how
 * many cases it ran.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  analyze,
  applyEdits,
  fixAllEdits,
  fixAllText,
  foldingRanges,
  LineIndex,
  outline,
  parse,
  readSettings,
  semanticTokens,
  shiftTimestamps,
  type TranscriptModel,
  type Settings,
  type ShiftScope,
} from '../../server/src/core';
import {
  anyTextArb,
  hostileTextArb,
  mutatedTranscriptArb,
  rawSettingsArb,
  transcriptArb,
  NAMES,
} from './gen';
import {
  checkFix,
  exerciseCore,
  findingsShape,
  fixAllAllowances,
  lostWords,
  ODD_POSITIONS,
  positionsIn,
  splitLines,
} from './invariants';

const fractionsArb = fc.array(
  fc.tuple(
    fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  ),
  { minLength: 1, maxLength: 6 },
);

const episodesArb = fc.option(
  fc.constantFrom(
    new Map([
      ['Stefan', 5],
      ['Thorsten', 4],
    ]),
    new Map([
      ['Malte', 9],
      ['Jürgen', 3],
      ['Stephan', 1],
    ]),
  ),
  { nil: undefined },
);

const settingsArb: fc.Arbitrary<Settings> = rawSettingsArb.map((raw) => readSettings(raw).settings);

const knownSpeakersArb: fc.Arbitrary<Settings> = fc
  .subarray(NAMES, { maxLength: 3 })
  .map((speakers) => readSettings({ speakers }).settings);

const realLookingArb = fc.oneof(transcriptArb, mutatedTranscriptArb);

function totalAndInRange(
  text: string,
  settings: Settings,
  fractions: [number, number][],
  episodes?: ReadonlyMap<string, number>,
): void {
  const positions = [...positionsIn(new LineIndex(text), fractions), ...ODD_POSITIONS];
  let problems: string[];
  try {
    problems = exerciseCore(text, settings, positions, episodes).problems;
  } catch (e) {
    throw new Error(`the core threw: ${e instanceof Error ? e.stack : String(e)}`);
  }
  if (problems.length > 0)
    throw new Error(`invalid ranges (${problems.length}):\n  ${problems.slice(0, 8).join('\n  ')}`);
}

function shapeOf(text: string, settings: Settings) {
  const a = analyze(text, settings);
  const nodes = outline(a.model);
  const strip = (ns: typeof nodes): unknown[] =>
    ns.map((n) => ({
      name: n.name,
      detail: n.detail,
      range: n.range,
      sel: n.selectionRange,
      children: strip(n.children),
    }));
  return {
    findings: findingsShape(a.findings),
    outline: strip(nodes),
    tokens: semanticTokens(a.model),
    folding: foldingRanges(a.model, nodes),
  };
}

function paddingHidden(before: TranscriptModel, after: TranscriptModel): boolean {
  const padded = (t: string) => /^0\d/.test(t);
  const stamps = (m: TranscriptModel) =>
    m.stamps.map((s) =>
      m.text.line(s.line).slice(s.range.start.character + 1, s.range.end.character - 1),
    );
  const chapters = (m: TranscriptModel) => m.chapters.map((c) => c.timeText);
  // Also a kind that mixes padded and unpadded times ([05:00] and [7:00]):
  // an unpadded time that grows a digit cannot tell its style either.
  const mixed = (ts: string[]) => ts.some(padded) && ts.some((t) => /^\d:/.test(t));
  return (
    (stamps(before).some(padded) && !stamps(after).some(padded)) ||
    (chapters(before).some(padded) && !chapters(after).some(padded)) ||
    mixed(stamps(before)) ||
    mixed(chapters(before))
  );
}

type Scope = { kind: 'from'; at: number } | { kind: 'lines'; a: number; b: number };

function shiftRoundTrip(text: string, x: number, scopeSpec: Scope, plusFirst: boolean): void {
  const model = parse(text);
  const lines = model.text.lineCount;
  let scope: ShiftScope;
  let back: ShiftScope;
  if (scopeSpec.kind === 'lines') {
    const a = Math.floor(scopeSpec.a * lines);
    const b = Math.floor(scopeSpec.b * lines);
    scope = back = { lines: [Math.min(a, b), Math.max(a, b)] };
  } else {
    // Shifting back must pick exactly the times that moved: from `at + x` after
    // a shift by +x; a shift by -x first is only round-trippable from 0.
    const at = plusFirst ? Math.floor(scopeSpec.at * 4 * 3600) : 0;
    scope = { fromSeconds: at };
    back = { fromSeconds: at === 0 ? 0 : at + x };
  }
  const first = shiftTimestamps(model, plusFirst ? x : -x, scope);
  if (!first.ok) return; // a shift that would go below zero changes nothing
  const moved = applyEdits(text, first.edits);
  // The documented limit (shift.ts, formatLike): whether times of a kind are
  // padded shows only in those below ten (`[05:00]`); once a shift leaves
  // none of them, the way back cannot know, so such cases are not asserted.
  if (paddingHidden(model, parse(moved))) return;
  const second = shiftTimestamps(parse(moved), plusFirst ? -x : x, back);
  assert.ok(second.ok, `shifting back failed: ${!second.ok && second.message}`);
  const restored = applyEdits(moved, second.edits);
  if (restored !== text) {
    const a = splitLines(text);
    const b = splitLines(restored);
    const i = a.findIndex((l, k) => l !== b[k]);
    assert.fail(
      `shift by ${plusFirst ? '+' : '-'}${x} and back changed line ${i + 1}: ${JSON.stringify(a[i])} -> ${JSON.stringify(splitLines(moved)[i])} -> ${JSON.stringify(b[i])}`,
    );
  }
}

const scopeArb: fc.Arbitrary<Scope> = fc.oneof(
  fc.record({ kind: fc.constant('from' as const), at: fc.constantFrom(0, 0, 0.1, 0.3, 0.5, 0.9) }),
  fc.record({
    kind: fc.constant('lines' as const),
    a: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    b: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  }),
);

export interface PropertyDef {
  /** Short name, printed as `property <name>: N cases`. */
  readonly name: string;
  readonly title: string;
  readonly numRuns: number;
  /** Share of the time budget this property gets. */
  readonly weight: number;
  readonly property: () => fc.IProperty<unknown[]>;
}

type Track = (input: unknown) => void;

/** Wraps a predicate so that the supervisor knows the input being tried. */
function prop<Ts extends [unknown, ...unknown[]]>(
  track: Track,
  arbs: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  predicate: (...args: Ts) => void,
): fc.IProperty<Ts> {
  return fc.property(...arbs, (...args: Ts) => {
    track(args);
    predicate(...args);
  });
}

export function propertyDefs(track: Track): PropertyDef[] {
  return [
    {
      name: 'core-total-on-arbitrary-strings',
      title:
        'the parser and every analysis return (never throw) with ranges inside the document on arbitrary strings, lone surrogates included',
      numRuns: 5000,
      weight: 2,
      property: () =>
        prop(track, [hostileTextArb, settingsArb, fractionsArb, episodesArb], (text, s, fr, ep) =>
          totalAndInRange(text, s, fr, ep),
        ),
    },
    {
      name: 'core-total-on-mutated-transcripts',
      title:
        'the parser and every analysis return (never throw) with ranges inside the document on real-looking transcripts and their mutations',
      numRuns: 5000,
      weight: 2,
      property: () =>
        prop(track, [realLookingArb, settingsArb, fractionsArb, episodesArb], (text, s, fr, ep) =>
          totalAndInRange(text, s, fr, ep),
        ),
    },
    {
      name: 'lf-crlf-same-findings',
      title:
        'the same text with LF or CRLF line breaks yields the same findings, outline, tokens and folding',
      numRuns: 5000,
      weight: 1,
      property: () =>
        prop(track, [anyTextArb, settingsArb], (text, s) => {
          const lines = splitLines(text);
          assert.deepStrictEqual(shapeOf(lines.join('\r\n'), s), shapeOf(lines.join('\n'), s));
        }),
    },
    {
      name: 'quick-fixes-keep-words',
      title:
        'every quick fix changes only the words it is meant to (names renamed, headings, stamps)',
      numRuns: 5000,
      weight: 2,
      property: () =>
        prop(track, [realLookingArb, knownSpeakersArb, episodesArb], (text, s, ep) => {
          const { model, findings } = analyze(text, s, { otherEpisodes: ep });
          for (const f of findings)
            for (const fix of f.fixes ?? []) {
              if (fix.edits.length === 0) continue;
              const problem = checkFix(model, f, fix, { settings: s, otherEpisodes: ep });
              if (problem) assert.fail(problem);
            }
        }),
    },
    {
      name: 'fix-all-keeps-words',
      title:
        'fix-all never removes or reorders a word (it renames, inserts headings, respells headings, repairs stamps)',
      numRuns: 5000,
      weight: 1.5,
      property: () =>
        prop(track, [realLookingArb, knownSpeakersArb], (text, s) => {
          let current = text;
          for (let round = 0; round < 3; round++) {
            const { model, findings } = analyze(current, s);
            const { edits } = fixAllEdits(findings);
            if (edits.length === 0) break;
            const after = applyEdits(current, edits);
            const problem = lostWords(
              model,
              after,
              fixAllAllowances(model, findings, { settings: s }),
            );
            if (problem) assert.fail(`fix-all round ${round + 1}:\n${problem}`);
            current = after;
          }
          assert.equal(current, fixAllText(text, s).text, 'fixAllText differs from its rounds');
        }),
    },
    {
      name: 'fix-all-idempotent',
      title: 'fix-all twice equals fix-all once',
      numRuns: 5000,
      weight: 1,
      property: () =>
        prop(track, [fc.oneof(realLookingArb, hostileTextArb), knownSpeakersArb], (text, s) => {
          const once = fixAllText(text, s).text;
          const twice = fixAllText(once, s).text;
          assert.equal(twice, once);
        }),
    },
    {
      name: 'shift-round-trip',
      title: 'shifting timestamps by +x then -x (whole seconds) gives back the original text',
      numRuns: 5000,
      weight: 1.5,
      property: () =>
        prop(
          track,
          [realLookingArb, fc.integer({ min: 1, max: 30 * 3600 }), scopeArb, fc.boolean()],
          (text, x, scope, plusFirst) => shiftRoundTrip(text, x, scope, plusFirst),
        ),
    },
    {
      name: 'shift-round-trip-fractional',
      title:
        'shifting timestamps by +x then -x gives back the original text for offsets with a fraction (+0.5, +1:02.25)',
      numRuns: 5000,
      weight: 1,
      property: () =>
        prop(
          track,
          [
            realLookingArb,
            fc.integer({ min: 1, max: 3600 * 1000 }).map((ms) => ms / 1000),
            // A rounded time cannot tell which side of `from + x` it came from: all
            // times (from 0) or a selection of lines.
            scopeArb.map((s): Scope => (s.kind === 'from' ? { kind: 'from', at: 0 } : s)),
            fc.boolean(),
          ],
          (text, x, scope, plusFirst) => shiftRoundTrip(text, x, scope, plusFirst),
        ),
    },
  ];
}

export interface PropertyResult {
  readonly name: string;
  readonly numRuns: number;
  readonly interrupted: boolean;
  readonly failed: boolean;
  readonly report?: string;
  readonly slowestMs: number;
  readonly slowestInput: string;
  readonly seed: number;
}

export function runProperty(
  args: { name: string; timeLimitMs: number; seed?: number },
  progress: (data: unknown) => void,
): PropertyResult {
  let current = '';
  let started = 0;
  let slowestMs = 0;
  let slowestInput = '';
  const endCase = () => {
    if (!started) return;
    const ms = performance.now() - started;
    if (ms > slowestMs) {
      slowestMs = ms;
      slowestInput = current;
    }
    started = 0;
  };
  const track: Track = (input) => {
    endCase();
    current = JSON.stringify(input).slice(0, 4000);
    progress(current);
    started = performance.now();
  };
  const def = propertyDefs(track).find((d) => d.name === args.name);
  if (!def) throw new Error(`no property ${args.name}`);
  const details = fc.check(def.property(), {
    numRuns: def.numRuns,
    interruptAfterTimeLimit: args.timeLimitMs,
    markInterruptAsFailure: false,
    seed: args.seed,
  });
  endCase();
  let report: string | undefined;
  if (details.failed) {
    const err = details.errorInstance;
    report = `${fc.defaultReportMessage(details) ?? ''}\n${err instanceof Error && err.stack ? `\nStack:\n${err.stack}` : ''}`;
  }
  return {
    name: def.name,
    numRuns: details.numRuns,
    interrupted: details.interrupted,
    failed: details.failed,
    report,
    slowestMs,
    slowestInput,
    seed: details.seed,
  };
}
