/**
 * Deliberately slow, obvious references for testing `src/model/microsim.ts` (hesim's habit of
 * checking the fast engine against a plain one):
 * - `referenceSimulate`: one object per patient, competing exponentials (one waiting time per
 *   transition out of the current state, keep the smallest), `Math.log` of uniforms from a seeded
 *   stream, piece by piece. Nothing is precomputed or shared with the fast code except the
 *   uniform stream itself.
 * - `exactOccupancy`: the expected state occupancy by uniformization (Jensen's method:
 *   P(Δ) = Σₖ Poisson(k; ΛΔ) · (I + Q/Λ)ᵏ), piece by piece, summed until the Poisson tail is
 *   below 1e-17. Exact up to rounding, with no dependency on the matrix-exponential code.
 * - `templateOccupancy`: closed forms for the default (acyclic, constant-rate) template, to check
 *   `exactOccupancy` itself.
 * - `stateAt`, `occupancyAt`, `fnv1a`: reading a simulated cohort.
 */

import { createStream } from '../../../src/model/simulate/random';
import type { Cohort, ModelSpec } from '../../../src/model/types';

export interface RefEvent {
  time: number;
  state: number;
}
export interface RefPatient {
  events: RefEvent[];
}

/** The transitions out of `state` with a positive rate in `piece`, as rates per month. */
function ratesFrom(spec: ModelSpec, state: number, piece: number): { to: number; rate: number }[] {
  return spec.transitions
    .filter((tr) => tr.from === state && tr.ratesPerYear[piece]! > 0)
    .map((tr) => ({ to: tr.to, rate: tr.ratesPerYear[piece]! / 12 }));
}

/** The slow reference simulator (competing exponentials, objects per patient). */
export function referenceSimulate(
  spec: ModelSpec,
  n: number,
  horizonMonths: number,
  seed: string,
  ...path: (string | number)[]
): RefPatient[] {
  const stream = createStream(seed, ...path);
  const ends = [...spec.breakpoints, Infinity];
  const patients: RefPatient[] = [];
  for (let p = 0; p < n; p++) {
    const patient: RefPatient = { events: [{ time: 0, state: spec.initialState }] };
    let state = spec.initialState;
    let time = 0;
    let piece = 0;
    while (time < horizonMonths) {
      const pieceEnd = Math.min(ends[piece]!, horizonMonths);
      const exits = ratesFrom(spec, state, piece);
      let best = Infinity;
      let bestTo = -1;
      for (const { to, rate } of exits) {
        const w = -Math.log(stream.next()) / rate;
        if (w < best) {
          best = w;
          bestTo = to;
        }
      }
      if (time + best >= pieceEnd) {
        if (pieceEnd >= horizonMonths) break;
        time = pieceEnd;
        piece++;
        continue;
      }
      time += best;
      state = bestTo;
      patient.events.push({ time, state });
    }
    patients.push(patient);
  }
  return patients;
}

/** The state of a reference patient at month t. */
export function refStateAt(patient: RefPatient, t: number): number {
  let s = patient.events[0]!.state;
  for (const e of patient.events) {
    if (e.time <= t) s = e.state;
    else break;
  }
  return s;
}

/** Share of reference patients in each state at month t. */
export function refOccupancyAt(patients: RefPatient[], nStates: number, t: number): number[] {
  const counts = new Array<number>(nStates).fill(0);
  for (const p of patients) counts[refStateAt(p, t)]!++;
  return counts.map((c) => c / patients.length);
}

/** State of cohort patient p at month t (the last event at or before t). */
export function stateAt(cohort: Cohort, p: number, t: number): number {
  let s = cohort.eventState[cohort.offsets[p]!]!;
  for (let e = cohort.offsets[p]!; e < cohort.offsets[p + 1]!; e++) {
    if (cohort.eventTime[e]! <= t) s = cohort.eventState[e]!;
    else break;
  }
  return s;
}

/** Share of the cohort in each state at month t. */
export function occupancyAt(cohort: Cohort, nStates: number, t: number): number[] {
  const counts = new Array<number>(nStates).fill(0);
  for (let p = 0; p < cohort.n; p++) counts[stateAt(cohort, p, t)]!++;
  return counts.map((c) => c / cohort.n);
}

/** Expected occupancy at month t by uniformization, piece by piece. */
export function exactOccupancy(spec: ModelSpec, t: number): number[] {
  const S = spec.states.length;
  let pi = new Array<number>(S).fill(0);
  pi[spec.initialState] = 1;
  const starts = [0, ...spec.breakpoints];
  for (let piece = 0; piece < starts.length; piece++) {
    const a = starts[piece]!;
    if (a >= t) break;
    const b = Math.min(piece + 1 < starts.length ? starts[piece + 1]! : Infinity, t);
    const dt = b - a;
    const Q = Array.from({ length: S }, () => new Array<number>(S).fill(0));
    for (const tr of spec.transitions) {
      const r = tr.ratesPerYear[piece]! / 12;
      Q[tr.from]![tr.to]! += r;
      Q[tr.from]![tr.from]! -= r;
    }
    const lambda = Math.max(1e-300, ...Q.map((row, i) => -row[i]!));
    // Uniformized jump chain P = I + Q/Λ.
    const P = Q.map((row, i) => row.map((q, j) => (i === j ? 1 : 0) + q / lambda));
    let term = [...pi];
    let weight = Math.exp(-lambda * dt);
    const out = term.map((v) => v * weight);
    let mass = weight;
    for (let k = 1; 1 - mass > 1e-17 && k < 10_000; k++) {
      const next = new Array<number>(S).fill(0);
      for (let i = 0; i < S; i++) {
        for (let j = 0; j < S; j++) next[j]! += term[i]! * P[i]![j]!;
      }
      term = next;
      weight *= (lambda * dt) / k;
      mass += weight;
      for (let j = 0; j < S; j++) out[j]! += term[j]! * weight;
    }
    pi = out;
  }
  return pi;
}

/**
 * Closed-form occupancy of the default template (states active, remission, relapse, dead never
 * remitted, dead remitted, dead relapsed) with constant intensities per year, for distinct exit
 * rates: a chain of three exponential stages with exits to death.
 */
export function templateOccupancy(
  r: {
    remission: number;
    relapse: number;
    deathActive: number;
    deathRemission: number;
    deathRelapse: number;
  },
  t: number,
): number[] {
  const m = 1 / 12;
  const lr = r.remission * m;
  const ll = r.relapse * m;
  const dA = r.deathActive * m;
  const dR = r.deathRemission * m;
  const dL = r.deathRelapse * m;
  const a = lr + dA;
  const b = ll + dR;
  const c = dL;
  const ea = Math.exp(-a * t);
  const eb = Math.exp(-b * t);
  const ec = Math.exp(-c * t);
  const active = ea;
  const remission = (lr / (b - a)) * (ea - eb);
  const relapse =
    lr * ll * (ea / ((b - a) * (c - a)) + eb / ((a - b) * (c - b)) + ec / ((a - c) * (b - c)));
  const deadNever = (dA / a) * (1 - ea);
  // ∫₀ᵗ remission(u) du, times the death rate from remission.
  const deadRemitted = dR * (lr / (b - a)) * ((1 - ea) / a - (1 - eb) / b);
  const deadRelapsed = 1 - active - remission - relapse - deadNever - deadRemitted;
  return [active, remission, relapse, deadNever, deadRemitted, deadRelapsed];
}

/** FNV-1a (32-bit) over the bytes of every column of a cohort, and n and horizon. */
export function fnv1a(cohort: Cohort): number {
  let h = 0x811c9dc5;
  const feed = (view: ArrayBufferView): void => {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    for (let i = 0; i < bytes.length; i++) {
      h ^= bytes[i]!;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  feed(new Float64Array([cohort.n, cohort.horizon]));
  feed(cohort.offsets);
  feed(cohort.eventTime);
  feed(cohort.eventState);
  feed(cohort.followUp);
  feed(cohort.entry);
  return h >>> 0;
}

/** Largest |z| of a two-sample comparison of proportions (pooled standard error). */
export function twoSampleZ(p1: number, n1: number, p2: number, n2: number): number {
  const p = (p1 * n1 + p2 * n2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  return se === 0 ? (p1 === p2 ? 0 : Infinity) : Math.abs(p1 - p2) / se;
}

/** Two-sample Kolmogorov–Smirnov distance between two samples (ties handled jointly). */
export function ksDistance(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const a = Float64Array.from(x).sort();
  const b = Float64Array.from(y).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const v = Math.min(a[i]!, b[j]!);
    while (i < a.length && a[i]! <= v) i++;
    while (j < b.length && b[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}
