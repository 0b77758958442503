/**
 * The cohort trace: expected state occupancy over time, with no randomness. Exact for
 * piecewise-constant intensities: over an interval inside one piece P = exp(Q·Δt), and an interval
 * that crosses breakpoints is the product of one such matrix per piece (Chapman–Kolmogorov).
 * Times are in MONTHS; the spec's intensities are per YEAR, so each Δt in months is multiplied by
 * `RATE_YEARS_PER_MONTH` before it meets Q.
 */
import { generatorFlat, validateSpec } from './generator';
import { fromFlat, matMulFlat, vecMatFlat } from '../numeric/linalg';
import { matrixExpFlat } from './matrixExp';
import { RATE_YEARS_PER_MONTH, type ModelSpec, type Trace } from '../types';

/** Options of `cohortTrace`. */
export interface TraceOptions {
  /** Last output time, in months. @default 60 */
  horizonMonths?: number;
  /** Spacing of output times, in months. @default 1 */
  stepMonths?: number;
}

/** Validated generators of every piece (per year, flat) and the breakpoints (months). */
interface Prepared {
  n: number;
  q: Float64Array[];
  breakpoints: readonly number[];
}

function prepare(spec: ModelSpec): Prepared {
  validateSpec(spec);
  const q: Float64Array[] = [];
  for (let p = 0; p <= spec.breakpoints.length; p++) q.push(generatorFlat(spec, p));
  return { n: spec.states.length, q, breakpoints: spec.breakpoints };
}

function checkTime(name: string, t: number): void {
  if (!Number.isFinite(t) || t < 0) {
    throw new Error(`${name} must be a finite number of months ≥ 0, got ${t}.`);
  }
}

/** Index of the piece containing time t (months): the number of breakpoints ≤ t. */
function pieceIndex(breakpoints: readonly number[], t: number): number {
  let p = 0;
  while (p < breakpoints.length && breakpoints[p]! <= t) p++;
  return p;
}

/**
 * Calls `visit(piece, Δmonths)` for each piece-segment of [from, to] (from ≤ to), in time order.
 * Zero-length segments are skipped.
 */
function forEachSegment(
  m: Prepared,
  from: number,
  to: number,
  visit: (piece: number, dtMonths: number) => void,
): void {
  let p = pieceIndex(m.breakpoints, from);
  let a = from;
  while (a < to) {
    const end = p < m.breakpoints.length ? Math.min(m.breakpoints[p]!, to) : to;
    if (end > a) visit(p, end - a);
    a = end;
    p++;
  }
}

/**
 * The exact transition matrix P(from, to) between two times in months (0 ≤ from ≤ to): entry
 * (i, j) is the probability of being in state j at `toMonth` given state i at `fromMonth`. Crosses
 * breakpoints by multiplying exp(Q_p·Δt_p) over the pieces (Δt in years = months / 12). Validates
 * the spec.
 */
export function transitionMatrix(spec: ModelSpec, fromMonth: number, toMonth: number): number[][] {
  checkTime('fromMonth', fromMonth);
  checkTime('toMonth', toMonth);
  if (toMonth < fromMonth) {
    throw new Error(`toMonth (${toMonth}) must not be before fromMonth (${fromMonth}).`);
  }
  const m = prepare(spec);
  const n = m.n;
  let p: Float64Array = new Float64Array(n * n);
  for (let i = 0; i < n; i++) p[i * n + i] = 1;
  let tmp: Float64Array = new Float64Array(n * n);
  forEachSegment(m, fromMonth, toMonth, (piece, dt) => {
    matMulFlat(p, matrixExpFlat(m.q[piece]!, n, dt * RATE_YEARS_PER_MONTH), n, tmp);
    [p, tmp] = [tmp, p];
  });
  return fromFlat(p, n);
}

/** v ← v·P(from, to), through every piece in between (v has length n; uses `scratch`). */
function propagate(m: Prepared, v: Float64Array, from: number, to: number, scratch: Float64Array) {
  forEachSegment(m, from, to, (piece, dt) => {
    vecMatFlat(v, matrixExpFlat(m.q[piece]!, m.n, dt * RATE_YEARS_PER_MONTH), m.n, scratch);
    v.set(scratch);
  });
}

/**
 * The expected state occupancy at time `tMonths` (≥ 0) of a cohort that starts in
 * `spec.initialState` at 0: a new `Float64Array` indexed by state code. Costs one 6×6-sized matrix
 * exponential per piece crossed (microseconds), so calibration can call it freely.
 */
export function occupancyAt(spec: ModelSpec, tMonths: number): Float64Array {
  checkTime('tMonths', tMonths);
  const m = prepare(spec);
  const v = new Float64Array(m.n);
  v[spec.initialState] = 1;
  propagate(m, v, 0, tMonths, new Float64Array(m.n));
  return v;
}

/**
 * The expected occupancy at each of the non-decreasing times `timesMonths` (≥ 0), one new
 * `Float64Array` per time: the cohort is carried from one time to the next, so k times cost
 * the exponentials of the segments between them rather than k traces from 0 (calibration asks
 * for its targets' distinct times thousands of times). Validates the spec once.
 */
export function occupanciesAt(spec: ModelSpec, timesMonths: readonly number[]): Float64Array[] {
  const m = prepare(spec);
  const v = new Float64Array(m.n);
  v[spec.initialState] = 1;
  const scratch = new Float64Array(m.n);
  let previous = 0;
  return timesMonths.map((t, i) => {
    checkTime(`timesMonths[${i}]`, t);
    if (t < previous) {
      throw new Error(`timesMonths must not decrease: ${t} follows ${previous}.`);
    }
    propagate(m, v, previous, t, scratch);
    previous = t;
    return Float64Array.from(v);
  });
}

/**
 * The cohort trace: expected occupancy at 0, step, 2·step, …, and at `horizonMonths` itself even
 * when it is not a multiple of the step (all in months; defaults: horizon 60, step 1). Exact: one
 * P(step) = exp(Q·step/12) is computed per piece and reused; only an interval that straddles a
 * breakpoint (or the short last one) gets its own product of exponentials. The hot loop is a flat
 * row-vector × matrix product per output time.
 */
export function cohortTrace(spec: ModelSpec, options: TraceOptions = {}): Trace {
  const horizon = options.horizonMonths ?? 60;
  const step = options.stepMonths ?? 1;
  checkTime('horizonMonths', horizon);
  if (!Number.isFinite(step) || step <= 0) {
    throw new Error(`stepMonths must be a finite number of months > 0, got ${step}.`);
  }
  const m = prepare(spec);
  const n = m.n;
  const bps = m.breakpoints;

  // Output times i·step (computed by multiplication, not accumulated), then the horizon itself
  // unless the last multiple already is it up to rounding (e.g. 0.1·600 vs 60).
  const tol = 1e-9 * step;
  let k = Math.floor(horizon / step);
  if ((k + 1) * step - horizon <= tol) k++;
  const snap = Math.abs(k * step - horizon) <= tol;
  const count = snap ? k + 1 : k + 2;
  const times = new Float64Array(count);
  for (let i = 0; i <= k; i++) times[i] = i * step;
  times[count - 1] = horizon;

  const occ = new Float64Array(count * n);
  occ[spec.initialState] = 1;
  const stepCache: (Float64Array | undefined)[] = [];
  const v = new Float64Array(n);
  const scratch = new Float64Array(n);
  let nextBp = 0; // index of the first breakpoint > the current interval's start
  for (let i = 0; i + 1 < count; i++) {
    const a = times[i]!;
    const b = times[i + 1]!;
    while (nextBp < bps.length && bps[nextBp]! <= a) nextBp++;
    const straddles = nextBp < bps.length && bps[nextBp]! < b;
    const src = i * n;
    const dst = src + n;
    if (!straddles && i < k) {
      // A whole step inside one piece: the cached P(step) of that piece.
      let p = stepCache[nextBp];
      if (!p) {
        p = matrixExpFlat(m.q[nextBp]!, n, step * RATE_YEARS_PER_MONTH);
        stepCache[nextBp] = p;
      }
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let l = 0; l < n; l++) s += occ[src + l]! * p[l * n + j]!;
        occ[dst + j] = s;
      }
    } else {
      v.set(occ.subarray(src, dst));
      propagate(m, v, a, b, scratch);
      occ.set(v, dst);
    }
  }
  return { times, nStates: n, occupancy: occ };
}
