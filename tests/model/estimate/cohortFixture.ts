/**
 * Small helpers for building `Cohort` objects by hand (typed-array columns) and for a plain,
 * self-contained simulation used to check crude proportions against exact occupancies.
 * Deliberately independent of src/model/microsim.ts and trace.ts.
 */

import type { Cohort, ModelSpec } from '../../../src/model/types';

/** One patient: [months, state id] events starting with the initial state at 0, and follow-up. */
export interface PatientPath {
  path: [number, string][];
  followUp: number;
}

/** The code of the state with this id (throws if the model has none). */
export function code(spec: ModelSpec, id: string): number {
  const i = spec.states.findIndex((s) => s.id === id);
  if (i < 0) throw new Error(`No state "${id}".`);
  return i;
}

/**
 * Eight hand-written patients of the default template (months), shared by the cohortQueries and
 * proportions tests. P6 is censored at 24 before its relapse at 50; P7 at 12 before its death.
 */
export const EIGHT_PATIENTS: PatientPath[] = [
  {
    path: [
      [0, 'active'],
      [5, 'remission'],
      [20, 'relapse'],
    ],
    followUp: 60,
  }, // P0
  {
    path: [
      [0, 'active'],
      [3, 'remission'],
    ],
    followUp: 60,
  }, // P1
  {
    path: [
      [0, 'active'],
      [10, 'dead_never_remitted'],
    ],
    followUp: 60,
  }, // P2
  { path: [[0, 'active']], followUp: 60 }, // P3
  {
    path: [
      [0, 'active'],
      [8, 'remission'],
      [30, 'relapse'],
      [40, 'dead_relapsed'],
    ],
    followUp: 60,
  }, // P4
  {
    path: [
      [0, 'active'],
      [6, 'remission'],
      [15, 'dead_remitted'],
    ],
    followUp: 60,
  }, // P5
  {
    path: [
      [0, 'active'],
      [4, 'remission'],
      [50, 'relapse'],
    ],
    followUp: 24,
  }, // P6: relapse unseen
  {
    path: [
      [0, 'active'],
      [30, 'dead_never_remitted'],
    ],
    followUp: 12,
  }, // P7: death unseen
];

/** Builds the typed-array cohort of hand-written paths. */
export function makeCohort(spec: ModelSpec, patients: PatientPath[], horizon = 60): Cohort {
  const n = patients.length;
  const offsets = new Uint32Array(n + 1);
  patients.forEach((p, i) => (offsets[i + 1] = offsets[i]! + p.path.length));
  const total = offsets[n]!;
  const eventTime = new Float64Array(total);
  const eventState = new Uint8Array(total);
  patients.forEach((p, i) =>
    p.path.forEach(([t, id], j) => {
      eventTime[offsets[i]! + j] = t;
      eventState[offsets[i]! + j] = code(spec, id);
    }),
  );
  return {
    n,
    horizon,
    offsets,
    eventTime,
    eventState,
    followUp: Float64Array.from(patients, (p) => p.followUp),
    entry: new Float64Array(n),
  };
}

/** mulberry32: a tiny seeded uniform generator in (0, 1) for tests. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/**
 * Plain continuous-time simulation of a constant-rate model (first time piece only): competing
 * exponential waiting times. `followUp(p)` gives each patient's censoring time (default horizon).
 */
export function simulateConstant(
  spec: ModelSpec,
  n: number,
  horizon: number,
  seed: number,
  followUp: (uniform: () => number) => number = () => horizon,
): Cohort {
  const u = mulberry32(seed);
  const out = spec.states.map((_, s) =>
    spec.transitions
      .filter((tr) => tr.from === s && tr.ratesPerYear[0]! > 0)
      .map((tr) => ({ to: tr.to, rate: tr.ratesPerYear[0]! / 12 })),
  );
  const times: number[] = [];
  const states: number[] = [];
  const offsets = new Uint32Array(n + 1);
  const fu = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    let s = spec.initialState;
    let t = 0;
    times.push(0);
    states.push(s);
    for (;;) {
      let best = Infinity;
      let to = -1;
      for (const e of out[s]!) {
        const w = -Math.log(u()) / e.rate;
        if (w < best) {
          best = w;
          to = e.to;
        }
      }
      if (to < 0 || t + best > horizon) break;
      t += best;
      s = to;
      times.push(t);
      states.push(s);
    }
    offsets[p + 1] = times.length;
    fu[p] = followUp(u);
  }
  return {
    n,
    horizon,
    offsets,
    eventTime: Float64Array.from(times),
    eventState: Uint8Array.from(states),
    followUp: fu,
    entry: new Float64Array(n),
  };
}

/**
 * Exact-enough occupancy of a constant-rate model at `t` months: the Kolmogorov forward
 * equations p' = pQ integrated by classical RK4 with 2000 steps (error far below 1e-9 here).
 */
export function occupancyAt(spec: ModelSpec, t: number): Float64Array {
  const m = spec.states.length;
  const q = new Float64Array(m * m);
  for (const tr of spec.transitions) {
    const r = tr.ratesPerYear[0]! / 12;
    q[tr.from * m + tr.to]! += r;
    q[tr.from * m + tr.from]! -= r;
  }
  const f = (p: Float64Array): Float64Array => {
    const d = new Float64Array(m);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) d[j]! += p[i]! * q[i * m + j]!;
    return d;
  };
  let p = new Float64Array(m);
  p[spec.initialState] = 1;
  const steps = 2000;
  const h = t / steps;
  const axpy = (a: Float64Array, k: Float64Array, c: number) => a.map((v, i) => v + c * k[i]!);
  for (let s = 0; s < steps; s++) {
    const k1 = f(p);
    const k2 = f(axpy(p, k1, h / 2));
    const k3 = f(axpy(p, k2, h / 2));
    const k4 = f(axpy(p, k3, h));
    p = p.map((v, i) => v + (h / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!));
  }
  return p;
}
