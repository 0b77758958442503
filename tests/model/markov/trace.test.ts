import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatorMatrix } from '../../../src/model/markov/generator';
import { identity, matMul, vecMat } from '../../../src/model/numeric/linalg';
import { matrixExp } from '../../../src/model/markov/matrixExp';
import { DEFAULT_TEMPLATE_OPTIONS, buildModel } from '../../../src/model/markov/template';
import {
  cohortTrace,
  occupanciesAt,
  occupancyAt,
  transitionMatrix,
} from '../../../src/model/markov/trace';
import type { ModelSpec, StateDef } from '../../../src/model/types';

const state = (id: string): StateDef => ({
  id,
  label: id,
  lane: id,
  alive: true,
  inRemission: false,
  everRemitted: false,
  everRelapsed: false,
});

/** Two states A ⇄ B: A → B at λ, B → A at μ (per year). */
const twoState = (lambda: number[], mu: number[], breakpoints: number[] = []): ModelSpec => ({
  states: [state('A'), state('B')],
  transitions: [
    { from: 0, to: 1, ratesPerYear: lambda, parameter: 'l' },
    { from: 1, to: 0, ratesPerYear: mu, parameter: 'm' },
  ],
  breakpoints,
  initialState: 0,
});

const template = (breakpoints: number[] = []) => {
  const k = breakpoints.length + 1;
  const r = (...v: number[]) => (v.length === k ? v : Array<number>(k).fill(v[0]!));
  return buildModel(
    { ...DEFAULT_TEMPLATE_OPTIONS, breakpoints, reRemission: true },
    {
      remission: r(0.3, 0.9, 0.4).slice(0, k),
      relapse: r(0, 0.2, 0.1).slice(0, k),
      reRemission: r(0.5),
      deathActive: r(0.05),
      deathRemission: r(0.01),
      deathRelapse: r(0.08, 0.05, 0.3).slice(0, k),
    },
  );
};

const row = (tr: { occupancy: Float64Array; nStates: number }, i: number) =>
  Array.from(tr.occupancy.subarray(i * tr.nStates, (i + 1) * tr.nStates));

/** Independent oracle: e_init · Π exp(Q_p·Δ_p/12) over the pieces of [0, t]. */
const direct = (spec: ModelSpec, t: number): number[] => {
  let v: number[] = spec.states.map((_, i) => (i === spec.initialState ? 1 : 0));
  const edges = [0, ...spec.breakpoints.filter((b) => b < t), t];
  for (let p = 0; p + 1 < edges.length; p++) {
    v = vecMat(v, matrixExp(generatorMatrix(spec, p), (edges[p + 1]! - edges[p]!) / 12));
  }
  return v;
};

describe('cohortTrace', () => {
  it('equals the two-state closed form at every month', () => {
    const lambda = 0.7;
    const mu = 0.2;
    const tr = cohortTrace(twoState([lambda], [mu]), { horizonMonths: 60 });
    expect(tr.times.length).toBe(61);
    expect(tr.nStates).toBe(2);
    for (let i = 0; i <= 60; i++) {
      expect(tr.times[i]).toBe(i);
      const years = i / 12;
      const pB = (lambda / (lambda + mu)) * -Math.expm1(-(lambda + mu) * years);
      const [a, b] = row(tr, i);
      expect(Math.abs(b! - pB)).toBeLessThan(1e-14);
      expect(Math.abs(a! - (1 - pB))).toBeLessThan(1e-14);
    }
  });

  it('is exact when a breakpoint falls between output times', () => {
    const spec = template([6.5, 20.25]);
    const tr = cohortTrace(spec, { horizonMonths: 36, stepMonths: 1 });
    for (let i = 0; i < tr.times.length; i++) {
      const want = direct(spec, tr.times[i]!);
      row(tr, i).forEach((v, s) => expect(Math.abs(v - want[s]!)).toBeLessThan(1e-14));
    }
  });

  it('is exact when a breakpoint falls on an output time', () => {
    const spec = template([6, 24]);
    const tr = cohortTrace(spec, { horizonMonths: 60, stepMonths: 3 });
    for (let i = 0; i < tr.times.length; i++) {
      const want = direct(spec, tr.times[i]!);
      row(tr, i).forEach((v, s) => expect(Math.abs(v - want[s]!)).toBeLessThan(1e-14));
    }
  });

  it('ends at the horizon when it is not a multiple of the step', () => {
    const spec = template([6.5]);
    const tr = cohortTrace(spec, { horizonMonths: 10, stepMonths: 3 });
    expect(Array.from(tr.times)).toEqual([0, 3, 6, 9, 10]);
    const want = direct(spec, 10);
    row(tr, 4).forEach((v, s) => expect(Math.abs(v - want[s]!)).toBeLessThan(1e-14));
    // A horizon that is a multiple up to rounding is not duplicated.
    const fine = cohortTrace(spec, { horizonMonths: 60, stepMonths: 0.1 });
    expect(fine.times.length).toBe(601);
    expect(fine.times[600]).toBe(60);
    expect(cohortTrace(spec, { horizonMonths: 0 }).times.length).toBe(1);
  });

  it('uses the defaults of 60 months by 1 month and starts in the initial state', () => {
    const spec = template();
    const tr = cohortTrace(spec);
    expect(tr.times.length).toBe(61);
    expect(row(tr, 0)).toEqual(spec.states.map((_, i) => (i === spec.initialState ? 1 : 0)));
    // Active is left at remission + death = 0.35 per year, nothing returns to it.
    for (let i = 0; i <= 60; i++) {
      expect(row(tr, i)[spec.initialState]!).toBeCloseTo(Math.exp((-0.35 * i) / 12), 14);
    }
  });

  it('keeps every row a distribution (sums to 1, entries in [0, 1])', () => {
    const tr = cohortTrace(template([3, 7.5, 13]), { horizonMonths: 61.3, stepMonths: 0.7 });
    for (let i = 0; i < tr.times.length; i++) {
      const r = row(tr, i);
      expect(Math.abs(r.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-13);
      for (const v of r) expect(v >= 0 && v <= 1).toBe(true);
    }
  });

  it('rejects a bad step or horizon and an invalid spec', () => {
    expect(() => cohortTrace(template(), { stepMonths: 0 })).toThrow(/stepMonths/);
    expect(() => cohortTrace(template(), { horizonMonths: -1 })).toThrow(/horizonMonths/);
    const bad = template();
    bad.transitions[0]!.ratesPerYear[0] = NaN;
    expect(() => cohortTrace(bad)).toThrow(/transition Active → Remission \(piece 1\)/);
  });
});

describe('occupancyAt', () => {
  it('agrees with the trace and with the direct product', () => {
    const spec = template([6.5, 20.25]);
    const tr = cohortTrace(spec, { horizonMonths: 60 });
    for (const t of [0, 1, 6.5, 7, 20.25, 33.3, 60]) {
      const v = Array.from(occupancyAt(spec, t));
      const want = direct(spec, t);
      v.forEach((x, s) => expect(Math.abs(x - want[s]!)).toBeLessThan(1e-14));
      if (Number.isInteger(t)) {
        row(tr, t).forEach((x, s) => expect(Math.abs(x - v[s]!)).toBeLessThan(1e-14));
      }
    }
  });
});

describe('occupanciesAt', () => {
  it('carries the cohort from time to time and agrees with occupancyAt at each time', () => {
    const spec = buildModel(
      { splitRemission: false, reRemission: true, breakpoints: [6, 24] },
      {
        remission: [1.2, 0.6, 0.3],
        relapse: [0, 0.4, 0.2],
        reRemission: [0.5, 0.5, 0.5],
        deathActive: [0.1, 0.05, 0.05],
        deathRemission: [0.01, 0.01, 0.02],
        deathRelapse: [0.2, 0.2, 0.1],
      },
    );
    const times = [0, 3, 6, 6, 12.5, 24, 60];
    const got = occupanciesAt(spec, times);
    times.forEach((t, i) => {
      const want = occupancyAt(spec, t);
      want.forEach((w, s) =>
        expect(Math.abs(got[i]![s]! - w), `t ${t} state ${s}`).toBeLessThan(1e-14),
      );
    });
  });

  it('rejects decreasing times, naming them', () => {
    const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, {
      remission: [1],
      relapse: [0.1],
      deathActive: [0.1],
      deathRemission: [0.1],
      deathRelapse: [0.1],
    });
    expect(() => occupanciesAt(spec, [12, 6])).toThrow(/must not decrease: 6 follows 12/);
  });
});

describe('transitionMatrix', () => {
  it('is the identity over an empty interval and the product over pieces otherwise', () => {
    const spec = template([6, 18]);
    expect(transitionMatrix(spec, 4, 4)).toEqual(identity(spec.states.length));
    const q = [0, 1, 2].map((p) => generatorMatrix(spec, p));
    const want = matMul(
      matMul(matrixExp(q[0]!, 2 / 12), matrixExp(q[1]!, 12 / 12)),
      matrixExp(q[2]!, 5 / 12),
    );
    const got = transitionMatrix(spec, 4, 23);
    got.forEach((r, i) => r.forEach((v, j) => expect(v).toBeCloseTo(want[i]![j]!, 14)));
    expect(() => transitionMatrix(spec, 5, 4)).toThrow(/must not be before/);
  });

  it('satisfies Chapman–Kolmogorov across breakpoints: P(a,c) = P(a,b)·P(b,c)', () => {
    const spec = template([6.5, 20.25]);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 60, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (ts) => {
          const [a, b, c] = [...ts].sort((x, y) => x - y) as [number, number, number];
          const lhs = transitionMatrix(spec, a, c);
          const rhs = matMul(transitionMatrix(spec, a, b), transitionMatrix(spec, b, c));
          return lhs.every((r, i) => r.every((v, j) => Math.abs(v - rhs[i]![j]!) < 1e-14));
        },
      ),
      { numRuns: 100 },
    );
  });
});
