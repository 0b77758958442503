/**
 * Expected time in each state up to a horizon (the restricted mean time in state): the integral
 * of the cohort trace, ∫₀ᵀ pₛ(t) dt, computed exactly rather than by a sum over a grid.
 *
 * Within one piece of constant generator Q, the integral of the occupancy over a segment of
 * length Δ is v·∫₀^Δ e^{Qs} ds, and that integral is a block of one matrix exponential (Van Loan
 * 1978, IEEE Trans Automat Control 23:395–404, Theorem 1):
 *
 *     exp( [Q  I] Δ )  =  [ e^{QΔ}   ∫₀^Δ e^{Qs} ds ]
 *          [0  0]         [   0            I       ]
 *
 * so each segment costs one exponential of a 2n×2n matrix, which gives both the integral and the
 * occupancy at the segment's end (carried into the next piece). Times in MONTHS, the spec's
 * intensities per YEAR (Δ is converted with `RATE_YEARS_PER_MONTH`); results in months.
 */
import { generatorFlat, validateSpec } from './generator';
import { matrixExpFlat } from './matrixExp';
import { RATE_YEARS_PER_MONTH, type ModelSpec } from '../types';

/**
 * Expected months in each state during [0, `horizonMonths`] for a cohort that starts in
 * `spec.initialState` at 0, indexed by state code; the entries sum to `horizonMonths` (up to
 * rounding). Validates the spec.
 */
export function timeInState(spec: ModelSpec, horizonMonths: number): Float64Array {
  if (!Number.isFinite(horizonMonths) || horizonMonths < 0) {
    throw new Error(`horizonMonths must be a finite number of months ≥ 0, got ${horizonMonths}.`);
  }
  validateSpec(spec);
  const n = spec.states.length;
  const n2 = 2 * n;
  const v = new Float64Array(n);
  v[spec.initialState] = 1;
  const total = new Float64Array(n);
  const bps = spec.breakpoints;
  let a = 0;
  for (let p = 0; p <= bps.length && a < horizonMonths; p++) {
    const end = p < bps.length ? Math.min(bps[p]!, horizonMonths) : horizonMonths;
    if (end <= a) continue;
    const q = generatorFlat(spec, p);
    // The augmented matrix [Q I; 0 0] (per year), flat 2n×2n.
    const m = new Float64Array(n2 * n2);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) m[i * n2 + j] = q[i * n + j]!;
      m[i * n2 + n + i] = 1;
    }
    const e = matrixExpFlat(m, n2, (end - a) * RATE_YEARS_PER_MONTH);
    const next = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let occ = 0;
      let integral = 0;
      for (let l = 0; l < n; l++) {
        occ += v[l]! * e[l * n2 + j]!;
        integral += v[l]! * e[l * n2 + n + j]!;
      }
      next[j] = occ;
      // The block is in years (the generator's unit); back to months.
      total[j]! += integral / RATE_YEARS_PER_MONTH;
    }
    v.set(next);
    a = end;
  }
  return total;
}

/** Expected years alive during [0, `horizonMonths`] (the restricted mean survival time, in years). */
export function lifeYears(spec: ModelSpec, horizonMonths: number): number {
  const t = timeInState(spec, horizonMonths);
  let months = 0;
  spec.states.forEach((s, i) => {
    if (s.alive) months += t[i]!;
  });
  return months * RATE_YEARS_PER_MONTH;
}
