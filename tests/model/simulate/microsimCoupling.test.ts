import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateCohort } from '../../../src/model/simulate/microsim';
import {
  clockHash,
  hashUniform,
  patientHash,
  streamKeyWords,
} from '../../../src/model/simulate/random';
import type { Cohort, ModelSpec, StateDef, StudyDesign } from '../../../src/model/types';

/**
 * The guarantees (a)–(e) of sampler version 2 (see the header of src/model/simulate/microsim.ts),
 * checked by fast-check over random models (2–8 states, random transitions, 0–3 breakpoints,
 * rates that are zero in some pieces), random seeds and random cohort sizes.
 */

type Path = [time: number, state: number][];

/** Every patient's path as [time, state] pairs (the initial state at 0 first). */
function paths(c: Cohort): Path[] {
  const out: Path[] = [];
  for (let p = 0; p < c.n; p++) {
    const path: Path = [];
    for (let e = c.offsets[p]!; e < c.offsets[p + 1]!; e++)
      path.push([c.eventTime[e]!, c.eventState[e]!]);
    out.push(path);
  }
  return out;
}

const state = (i: number): StateDef => ({
  id: `s${i}`,
  label: `State ${i}`,
  lane: `s${i}`,
  alive: true,
  inRemission: false,
  everRemitted: false,
  everRelapsed: false,
});

/** A random model: states, a random set of transitions, piecewise rates per year. */
const modelArb: fc.Arbitrary<ModelSpec> = fc
  .record({
    S: fc.integer({ min: 2, max: 8 }),
    breakpoints: fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { maxLength: 3 }),
  })
  .chain(({ S, breakpoints }) => {
    const pairs: [number, number][] = [];
    for (let a = 0; a < S; a++) for (let b = 0; b < S; b++) if (a !== b) pairs.push([a, b]);
    const pieces = breakpoints.length + 1;
    // Zero in some pieces (a transition that switches on or off), up to 3 per year otherwise.
    const rate = fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 3, noNaN: true }));
    const transitionArb = fc.record({
      pair: fc.constantFrom(...pairs),
      rates: fc.array(rate, { minLength: pieces, maxLength: pieces }),
    });
    return fc
      .uniqueArray(transitionArb, { minLength: 1, maxLength: 16, selector: (t) => t.pair.join() })
      .map((trs): ModelSpec => ({
        states: Array.from({ length: S }, (_, i) => state(i)),
        transitions: trs.map((t) => ({
          from: t.pair[0],
          to: t.pair[1],
          ratesPerYear: t.rates,
          parameter: `p${t.pair.join('_')}`,
        })),
        breakpoints: [...breakpoints].sort((x, y) => x - y),
        initialState: 0,
      }));
  });

const runArb = fc.record({
  seed: fc.string({ maxLength: 12 }),
  n: fc.integer({ min: 1, max: 40 }),
  horizon: fc.integer({ min: 6, max: 150 }),
});

/** The model with transition `index`'s rates replaced by `rates` (per year). */
function withRates(spec: ModelSpec, index: number, rates: number[]): ModelSpec {
  return {
    ...spec,
    transitions: spec.transitions.map((t, i) => (i === index ? { ...t, ratesPerYear: rates } : t)),
  };
}

/** Start and end (months) of piece `k` of a model. */
function pieceSpan(spec: ModelSpec, k: number): [number, number] {
  return [k === 0 ? 0 : spec.breakpoints[k - 1]!, spec.breakpoints[k] ?? Infinity];
}

/**
 * The first moment a path is in state `a` while time lies in one of `spans` (Infinity if
 * never), up to the horizon.
 */
function firstExposure(path: Path, a: number, spans: [number, number][], horizon: number): number {
  let first = Infinity;
  for (let i = 0; i < path.length; i++) {
    const [enter, s] = path[i]!;
    if (s !== a) continue;
    const leave = i + 1 < path.length ? path[i + 1]![0] : horizon;
    for (const [start, end] of spans) {
      const from = Math.max(enter, start);
      if (from < Math.min(leave, end)) first = Math.min(first, from);
    }
  }
  return first;
}

/** The part of a path strictly before `t`, and the state at `t` (its last event at or before). */
function until(path: Path, t: number): { before: Path; at: number } {
  let at = path[0]![1];
  for (const [time, s] of path) if (time <= t) at = s;
  return { before: path.filter(([time]) => time < t), at };
}

/** Time of the patient's first direct a → b transition (Infinity if none). */
function firstTransition(path: Path, a: number, b: number): number {
  for (let i = 1; i < path.length; i++) {
    if (path[i - 1]![1] === a && path[i]![1] === b) return path[i]![0];
  }
  return Infinity;
}

const changeArb = (spec: ModelSpec) =>
  fc.record({
    index: fc.nat({ max: spec.transitions.length - 1 }),
    changed: fc.array(fc.boolean(), {
      minLength: spec.breakpoints.length + 1,
      maxLength: spec.breakpoints.length + 1,
    }),
    factor: fc.oneof(fc.constant(0), fc.double({ min: 0.05, max: 20, noNaN: true })),
    added: fc.double({ min: 0, max: 3, noNaN: true }),
  });

const RUNS = { numRuns: 150 };

describe('sampler version 2: what changing one intensity may move', () => {
  it('(a) a path is unchanged up to the first moment in a during a changed piece', () => {
    fc.assert(
      fc.property(
        modelArb.chain((spec) => fc.tuple(fc.constant(spec), changeArb(spec))),
        runArb,
        ([spec, ch], run) => {
          const tr = spec.transitions[ch.index]!;
          const rates = tr.ratesPerYear.map((r, k) =>
            ch.changed[k] ? r * ch.factor + ch.added : r,
          );
          const other = withRates(spec, ch.index, rates);
          const opts = { n: run.n, horizonMonths: run.horizon, seed: run.seed };
          const before = paths(simulateCohort(spec, opts));
          const after = paths(simulateCohort(other, opts));
          const spans = ch.changed.flatMap((c, k) =>
            c && rates[k] !== tr.ratesPerYear[k] ? [pieceSpan(spec, k)] : [],
          );
          for (let p = 0; p < run.n; p++) {
            const t = firstExposure(before[p]!, tr.from, spans, run.horizon);
            // Symmetric: the moment is the same seen from either model.
            expect(firstExposure(after[p]!, tr.from, spans, run.horizon)).toBe(t);
            if (t === Infinity) {
              expect(after[p]).toEqual(before[p]);
            } else {
              expect(until(after[p]!, t)).toEqual(until(before[p]!, t));
            }
          }
        },
      ),
      RUNS,
    );
  });

  it('(b) patients who never enter a are identical event for event', () => {
    fc.assert(
      fc.property(
        modelArb.chain((spec) => fc.tuple(fc.constant(spec), changeArb(spec))),
        runArb,
        ([spec, ch], run) => {
          const tr = spec.transitions[ch.index]!;
          // Every piece of a → b changes.
          const other = withRates(
            spec,
            ch.index,
            tr.ratesPerYear.map((r) => r * ch.factor + ch.added + 0.01),
          );
          const opts = { n: run.n, horizonMonths: run.horizon, seed: run.seed };
          const before = paths(simulateCohort(spec, opts));
          const after = paths(simulateCohort(other, opts));
          for (let p = 0; p < run.n; p++) {
            const entersA = before[p]!.some(([, s]) => s === tr.from);
            expect(after[p]!.some(([, s]) => s === tr.from)).toBe(entersA);
            if (!entersA) expect(after[p]).toEqual(before[p]);
          }
        },
      ),
      RUNS,
    );
  });

  it('(c) raising q_ab never delays the first a → b, lowering it never brings it forward', () => {
    fc.assert(
      fc.property(
        modelArb.chain((spec) => fc.tuple(fc.constant(spec), changeArb(spec))),
        runArb,
        ([spec, ch], run) => {
          const tr = spec.transitions[ch.index]!;
          // Raised in the chosen pieces (by a factor ≥ 1 plus a non-negative amount).
          const raised = tr.ratesPerYear.map((r, k) =>
            ch.changed[k] ? r * Math.max(1, ch.factor) + ch.added : r,
          );
          const opts = { n: run.n, horizonMonths: run.horizon, seed: run.seed };
          const low = paths(simulateCohort(spec, opts));
          const high = paths(simulateCohort(withRates(spec, ch.index, raised), opts));
          // Lowering is the same statement read from the raised model back to the original.
          for (let p = 0; p < run.n; p++) {
            const tLow = firstTransition(low[p]!, tr.from, tr.to);
            const tHigh = firstTransition(high[p]!, tr.from, tr.to);
            expect(tHigh).toBeLessThanOrEqual(tLow);
          }
        },
      ),
      RUNS,
    );
  });
});

describe('sampler version 2: patients that do not depend on the cohort', () => {
  const designArb: fc.Arbitrary<StudyDesign> = fc
    .record({
      accrualMonths: fc.double({ min: 0, max: 60, noNaN: true }),
      extra: fc.double({ min: 0, max: 100, noNaN: true }),
      lossPerYear: fc.double({ min: 0, max: 2, noNaN: true }),
    })
    .map((d) => ({
      accrualMonths: d.accrualMonths,
      cutoffMonths: d.accrualMonths + d.extra,
      lossPerYear: d.lossPerYear,
    }));

  it('(d) the first n patients of n + 1 are those of n; a design never moves a path', () => {
    fc.assert(
      fc.property(
        modelArb,
        runArb,
        designArb,
        fc.integer({ min: 1, max: 30 }),
        (spec, run, d, k) => {
          const opts = { n: run.n, horizonMonths: run.horizon, seed: run.seed };
          const small = paths(simulateCohort(spec, opts));
          const large = paths(simulateCohort(spec, { ...opts, n: run.n + k }));
          expect(large.slice(0, run.n)).toEqual(small);
          const designed = simulateCohort(spec, { ...opts, design: d });
          expect(paths(designed)).toEqual(small);
        },
      ),
      RUNS,
    );
  });

  it('(e) with common random numbers, arm B’s patient i is arm A’s patient i with B’s rates', () => {
    fc.assert(
      fc.property(
        modelArb.chain((spec) => fc.tuple(fc.constant(spec), changeArb(spec), changeArb(spec))),
        runArb,
        ([spec, c1, c2], run) => {
          // Arm B: two transitions changed in some pieces.
          let specB = spec;
          for (const ch of [c1, c2]) {
            const tr = specB.transitions[ch.index]!;
            const rates = tr.ratesPerYear.map((r, k) =>
              ch.changed[k] ? r * ch.factor + ch.added : r,
            );
            specB = withRates(specB, ch.index, rates);
          }
          const opts = { n: run.n, horizonMonths: run.horizon, seed: run.seed };
          const armA = paths(simulateCohort(spec, opts));
          const armB = paths(simulateCohort(specB, opts));
          // Patient i's identity is their clocks: each arm's patient i is the slow reference
          // patient built from patient i's clocks of the shared stream under that arm's rates.
          const key = streamKeyWords(run.seed, ['cohort']);
          for (let p = 0; p < run.n; p++) {
            expectSamePath(armA[p]!, referencePatient(spec, key, p, run.horizon));
            expectSamePath(armB[p]!, referencePatient(specB, key, p, run.horizon));
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

/**
 * The slow, obvious reference of one version-2 patient: competing clocks, each fired when its
 * integrated intensity reaches −Math.log(U) for the patient's uniform U of (a, b, stay), walked
 * piece by piece with plain arrays. Shares only the clock numbers (random.ts) with the engine.
 */
function referencePatient(
  spec: ModelSpec,
  key: [number, number, number],
  p: number,
  horizon: number,
): Path {
  const ph = patientHash(key, p);
  const ends = [...spec.breakpoints, Infinity].map((e) => Math.min(e, horizon));
  const stays = new Map<number, number>();
  const path: Path = [[0, spec.initialState]];
  let s = spec.initialState;
  let t = 0;
  for (;;) {
    const occ = stays.get(s) ?? 0;
    stays.set(s, occ + 1);
    const exits = spec.transitions.filter((tr) => tr.from === s);
    const left = exits.map((tr) => -Math.log(hashUniform(clockHash(key, ph, s, tr.to, occ))));
    let piece = ends.findIndex((e) => t < e);
    if (piece < 0) return path;
    let fired: { time: number; to: number } | null = null;
    while (fired === null && piece < ends.length && t < horizon) {
      const end = ends[piece]!;
      let best = Infinity;
      let to = -1;
      exits.forEach((tr, i) => {
        const q = tr.ratesPerYear[piece]! / 12;
        if (q > 0 && t + left[i]! / q < best) {
          best = t + left[i]! / q;
          to = tr.to;
        }
      });
      if (best < end) fired = { time: best, to };
      else {
        exits.forEach((tr, i) => {
          left[i] = Math.max(0, left[i]! - (tr.ratesPerYear[piece]! / 12) * (end - t));
        });
        t = end;
        piece++;
      }
    }
    if (fired === null) return path;
    t = fired.time;
    s = fired.to;
    path.push([t, s]);
  }
}

/** Same states at the same times (to 1e-9 relative: the engine's log is a table, not Math.log). */
function expectSamePath(actual: Path, expected: Path): void {
  expect(actual.map(([, s]) => s)).toEqual(expected.map(([, s]) => s));
  actual.forEach(([t], i) => {
    expect(Math.abs(t - expected[i]![0])).toBeLessThanOrEqual(1e-9 * Math.max(1, t));
  });
}
