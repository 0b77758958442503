import {
  firstEntryData,
  overallSurvivalData,
  stateMasks,
  timeToRemissionData,
} from './cohortQueries';
import { cumulativeIncidence, type CumulativeIncidence } from './cumulativeIncidence';
import { kaplanMeier, survivalOnGrid, type KaplanMeier } from './kaplanMeier';
import type { Cohort, ModelSpec, Trace } from '../types';

/**
 * The curves the simulator draws, estimated from one simulated cohort the way a paper would
 * estimate them from its patients (with their censoring). All on the time axis "months since
 * transplant".
 *
 * - `os`: overall survival, Kaplan–Meier.
 * - `everRemitted`: share who have reached remission by t, Aalen–Johansen with death before
 *   remission competing (1 − KM would overstate it).
 * - `inRemission`: share in remission at t among the patients followed to t (point prevalence).
 * - `relapseCif`: share of all patients who have relapsed by t, Aalen–Johansen with death before
 *   relapse competing; `relapseKm`: the same by 1 − Kaplan–Meier with death censored, which
 *   overstates it (the teaching comparison).
 * - `relapsedAmongRemitted`: relapsed by t among those who remitted by t, crude (the papers'
 *   "24% (9/37)"), among patients followed to t.
 */
export const CURVE_IDS = [
  'os',
  'everRemitted',
  'inRemission',
  'relapseCif',
  'relapseKm',
  'relapsedAmongRemitted',
] as const;

/** One of the curves of `CURVE_IDS`. */
export type CurveId = (typeof CURVE_IDS)[number];

/** Each curve sampled on the grid (months). */
export type CurveValues = Record<CurveId, Float64Array>;

/**
 * The output grid in months: 0, step, 2·step, …, and `horizonMonths` itself as the last point
 * (also when it is not a multiple of the step). `step` in months, default 1 (monthly).
 */
export function monthlyGrid(horizonMonths: number, step = 1): Float64Array {
  const m = Math.floor(horizonMonths / step + 1e-9);
  const last = m * step < horizonMonths - 1e-9 ? 1 : 0;
  const g = new Float64Array(m + 1 + last);
  for (let i = 0; i <= m; i++) g[i] = i * step;
  // Exactly the horizon, not m·step rounded (0.1·3 = 0.30000000000000004 would lie past a
  // follow-up of 0.3 and leave the last point with no one followed).
  g[last ? m + 1 : m] = horizonMonths;
  return g;
}

/**
 * Samples row `row` of a cumulative incidence on a grid of months (0 before the first event
 * time); writes into `out` when given (default: a new array).
 */
export function incidenceOnGrid(
  cif: CumulativeIncidence,
  row: number,
  grid: ArrayLike<number>,
  out = new Float64Array(grid.length),
): Float64Array {
  const inc = cif.incidence[row];
  let j = -1;
  for (let g = 0; g < grid.length; g++) {
    const t = grid[g]!;
    while (j + 1 < cif.time.length && cif.time[j + 1]! <= t) j++;
    out[g] = j < 0 || !inc ? 0 : inc[j]!;
  }
  return out;
}

/**
 * Point prevalences on the grid among patients followed to each time: in remission, and
 * relapsed among the remitted. One pass over each patient's events (months).
 */
function prevalenceOnGrid(
  cohort: Cohort,
  spec: ModelSpec,
  grid: ArrayLike<number>,
): { inRemission: Float64Array; relapsedAmongRemitted: Float64Array } {
  const { inRemission, everRemitted, everRelapsed } = stateMasks(spec);
  const G = grid.length;
  const followed = new Float64Array(G);
  const inRem = new Float64Array(G);
  const remitted = new Float64Array(G);
  const relapsed = new Float64Array(G);
  const { n, offsets, eventTime, eventState, followUp } = cohort;
  for (let p = 0; p < n; p++) {
    const fu = followUp[p]!;
    let e = offsets[p]!;
    const end = offsets[p + 1]!;
    for (let g = 0; g < G; g++) {
      const t = grid[g]!;
      if (t > fu) break;
      while (e + 1 < end && eventTime[e + 1]! <= t) e++;
      const s = eventState[e]!;
      followed[g]!++;
      if (inRemission[s]) inRem[g]!++;
      if (everRemitted[s]) {
        remitted[g]!++;
        if (everRelapsed[s]) relapsed[g]!++;
      }
    }
  }
  const a = new Float64Array(G);
  const b = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    a[g] = followed[g]! > 0 ? inRem[g]! / followed[g]! : NaN;
    b[g] = remitted[g]! > 0 ? relapsed[g]! / remitted[g]! : NaN;
  }
  return { inRemission: a, relapsedAmongRemitted: b };
}

/** The full estimates of one cohort (step functions with intervals, times in months), for drawing. */
export interface CohortEstimates {
  /** Overall survival, Kaplan–Meier with Greenwood log-scale 95% intervals. */
  os: KaplanMeier;
  /** Remission (cause 1) vs death first (cause 2), Aalen–Johansen. */
  remission: CumulativeIncidence;
  /** First relapse (cause 1) vs death first (cause 2), Aalen–Johansen. */
  relapse: CumulativeIncidence;
  /** First relapse with death censored: 1 − this is the naive "1 − KM" relapse curve. */
  relapseKm: KaplanMeier;
  /** Every curve on the grid. */
  values: CurveValues;
  grid: Float64Array;
}

/**
 * Estimates every curve from one simulated cohort (months since transplant), as a study would:
 * Kaplan–Meier, Aalen–Johansen and crude proportions among the patients followed.
 */
export function estimateCurves(
  cohort: Cohort,
  spec: ModelSpec,
  grid: Float64Array,
): CohortEstimates {
  const masks = stateMasks(spec);
  const osData = overallSurvivalData(cohort, spec);
  const os = kaplanMeier(osData.time, osData.event);
  const remData = timeToRemissionData(cohort, spec);
  const remission = cumulativeIncidence(remData.cif.time, remData.cif.cause, [1, 2]);
  const relData = firstEntryData(cohort, spec, masks.everRelapsed);
  const relapse = cumulativeIncidence(relData.time, relData.cause, [1, 2]);
  const relapseKm = kaplanMeier(relData.time, relData.event);
  const prev = prevalenceOnGrid(cohort, spec, grid);
  const relapseKmValues = survivalOnGrid(relapseKm, grid);
  for (let g = 0; g < relapseKmValues.length; g++) relapseKmValues[g] = 1 - relapseKmValues[g]!;
  const values: CurveValues = {
    os: survivalOnGrid(os, grid),
    everRemitted: incidenceOnGrid(remission, 0, grid),
    inRemission: prev.inRemission,
    relapseCif: incidenceOnGrid(relapse, 0, grid),
    relapseKm: relapseKmValues,
    relapsedAmongRemitted: prev.relapsedAmongRemitted,
  };
  return { os, remission, relapse, relapseKm, values, grid };
}

/** The expected (cohort-trace) curves: shares of everyone enrolled, and one conditional share. */
export type TraceCurveId =
  'alive' | 'everRemitted' | 'inRemission' | 'everRelapsed' | 'relapsedAmongRemitted';

/**
 * The trace quantities on the trace's rows, as the browser's trace lines sum them: share alive,
 * ever remitted, alive in remission, ever relapsed (all of the enrolled), and relapsed among the
 * ever-remitted (NaN while nobody has remitted).
 */
export function traceCurves(spec: ModelSpec, trace: Trace): Record<TraceCurveId, Float64Array> {
  const m = stateMasks(spec);
  const S = trace.nStates;
  const T = trace.times.length;
  const values: Record<TraceCurveId, Float64Array> = {
    alive: new Float64Array(T),
    everRemitted: new Float64Array(T),
    inRemission: new Float64Array(T),
    everRelapsed: new Float64Array(T),
    relapsedAmongRemitted: new Float64Array(T),
  };
  for (let i = 0; i < T; i++) {
    let alive = 0;
    let inRem = 0;
    let ever = 0;
    let rel = 0;
    for (let s = 0; s < S; s++) {
      const o = trace.occupancy[i * S + s]!;
      if (m.alive[s]) alive += o;
      if (m.inRemission[s] && m.alive[s]) inRem += o;
      if (m.everRemitted[s]) ever += o;
      if (m.everRelapsed[s]) rel += o;
    }
    values.alive[i] = alive;
    values.everRemitted[i] = ever;
    values.inRemission[i] = inRem;
    values.everRelapsed[i] = rel;
    values.relapsedAmongRemitted[i] = ever > 0 ? rel / ever : NaN;
  }
  return values;
}
