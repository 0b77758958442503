/**
 * Memory of a simulated cohort, reported and bounded before it is simulated (issue 14: a million
 * patients in the browser, and a limit that gives a clear message instead of an out-of-memory
 * crash).
 *
 * A cohort is typed-array columns (types.ts `Cohort`): per patient an offset (Uint32, 4 bytes),
 * a follow-up and an entry time (Float64, 8 + 8), and per event row a time (Float64, 8) and a
 * state code (Uint8, 1); every patient has one row for the initial state plus one per
 * transition. The expected number of transitions per patient by the horizon is
 * ∫₀ᴴ Σᵢ pᵢ(t) λᵢ(t) dt (occupancy of state i times its total exit rate), computed from the exact
 * cohort trace by the trapezoid rule on a grid fine enough for the fastest exit rate.
 */
import { cohortTrace, occupancyAt } from '../markov/trace';
import { RATE_YEARS_PER_MONTH, type Cohort, type ModelSpec } from '../types';

/** Bytes per patient besides its event rows: offset 4, follow-up 8, entry 8. */
export const BYTES_PER_PATIENT = 20;

/** Bytes per event row: time (Float64) 8 + state (Uint8) 1. */
export const BYTES_PER_EVENT = 9;

/**
 * Default limit of one cohort's columns (bytes): 512 MiB. A browser tab usually gets a few GB;
 * the simulation needs up to about twice the final size while its event buffers grow, and the
 * curves and the page need the rest.
 */
export const MAX_COHORT_BYTES = 512 * 2 ** 20;

/** Bytes held by a cohort's columns (its typed arrays' byte lengths). */
export function cohortBytes(c: Cohort): number {
  return (
    c.offsets.byteLength +
    c.eventTime.byteLength +
    c.eventState.byteLength +
    c.followUp.byteLength +
    c.entry.byteLength
  );
}

/** Total exit rate per month of every state in every piece, `rate[piece][state]`. */
function exitRates(spec: ModelSpec): Float64Array[] {
  const pieces = spec.breakpoints.length + 1;
  const out = Array.from({ length: pieces }, () => new Float64Array(spec.states.length));
  for (const tr of spec.transitions) {
    for (let p = 0; p < pieces; p++) {
      out[p]![tr.from]! += (tr.ratesPerYear[p] ?? 0) * RATE_YEARS_PER_MONTH;
    }
  }
  return out;
}

/**
 * Expected event rows per patient by `horizonMonths` (months): 1 (the initial state) plus the
 * expected number of transitions. Accurate to about 0.1% (trapezoid rule with at least 200 steps
 * and at most 0.05 expected exits of the fastest state per step).
 */
export function expectedEventsPerPatient(spec: ModelSpec, horizonMonths: number): number {
  if (!Number.isFinite(horizonMonths) || horizonMonths <= 0) {
    throw new Error(`"horizonMonths" must be a finite number > 0, got ${horizonMonths}.`);
  }
  const rates = exitRates(spec);
  let fastest = 0;
  for (const r of rates) for (const x of r) fastest = Math.max(fastest, x);
  const steps = Math.min(20_000, Math.max(200, Math.ceil((horizonMonths * fastest) / 0.05)));
  const trace = cohortTrace(spec, { horizonMonths, stepMonths: horizonMonths / steps });
  const S = trace.nStates;
  const bps = spec.breakpoints;
  /** Expected exits per month at occupancy `occ` (from `at`) under the rates of `piece`. */
  const flow = (occ: ArrayLike<number>, at: number, piece: number) => {
    let f = 0;
    const r = rates[piece]!;
    for (let s = 0; s < S; s++) f += occ[at + s]! * r[s]!;
    return f;
  };
  const occ = trace.occupancy;
  let piece = 0;
  let total = 0;
  for (let i = 0; i + 1 < trace.times.length; i++) {
    let t0 = trace.times[i]!;
    const t1 = trace.times[i + 1]!;
    let f0 = flow(occ, i * S, piece);
    // An interval with a breakpoint inside is split there (exact occupancy at the breakpoint),
    // so each part is integrated under its own rates.
    while (piece < bps.length && bps[piece]! < t1) {
      const b = bps[piece]!;
      const atB = occupancyAt(spec, b);
      total += ((f0 + flow(atB, 0, piece)) / 2) * (b - t0);
      piece++;
      t0 = b;
      f0 = flow(atB, 0, piece);
    }
    total += ((f0 + flow(occ, (i + 1) * S, piece)) / 2) * (t1 - t0);
  }
  return 1 + total;
}

/** What a cohort is expected to hold (bytes), from `cohortMemory`. */
export interface CohortMemory {
  /** Expected event rows per patient (the initial one included). */
  eventsPerPatient: number;
  /** Expected bytes per patient of the finished cohort. */
  bytesPerPatient: number;
  /** Expected bytes of the finished cohort. */
  bytes: number;
  /**
   * Expected peak while simulating (bytes): the growing event buffers (at least 4 rows per
   * patient, doubled when full) and their exact-length copy exist together at the end.
   */
  peakBytes: number;
}

/** Expected memory of a cohort of `n` patients of `spec` over `horizonMonths` (months). */
export function cohortMemory(spec: ModelSpec, n: number, horizonMonths: number): CohortMemory {
  const events = expectedEventsPerPatient(spec, horizonMonths);
  const bytesPerPatient = BYTES_PER_PATIENT + BYTES_PER_EVENT * events;
  const buffer = Math.max(Math.min(spec.states.length, 4), 2 * events);
  return {
    eventsPerPatient: events,
    bytesPerPatient,
    bytes: n * bytesPerPatient,
    peakBytes: n * (BYTES_PER_PATIENT + BYTES_PER_EVENT * (events + buffer)),
  };
}

/**
 * A message naming the field when a cohort of `n` patients over `horizonMonths` (months) is
 * expected to pass `limitBytes` at its peak (default `MAX_COHORT_BYTES`), else null. Call it before
 * simulating: the simulation would fail late, or the tab run out of memory.
 */
export function cohortMemoryProblem(
  spec: ModelSpec,
  n: number,
  horizonMonths: number,
  limitBytes = MAX_COHORT_BYTES,
): string | null {
  const m = cohortMemory(spec, n, horizonMonths);
  if (m.peakBytes <= limitBytes) return null;
  const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
  const fits = Math.floor(limitBytes / (m.peakBytes / n));
  return (
    `"n": ${n.toLocaleString('en-US')} patients over ${horizonMonths} months need about ` +
    `${mb(m.peakBytes)} while simulating (${m.eventsPerPatient.toFixed(1)} events, ` +
    `${Math.round(m.bytesPerPatient)} bytes per patient); the limit is ${mb(limitBytes)}, ` +
    `enough for about ${fits.toLocaleString('en-US')} patients.`
  );
}
