import {
  firstEntryData,
  overallSurvivalData,
  stateMasks,
  timeToRemissionData,
} from './cohortQueries';
import { competingOnGrid, type CumulativeIncidence } from './cumulativeIncidence';
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
 * `firstAtOrAfter(t)`: the first index g of the increasing `grid` with grid[g] ≥ t (grid.length
 * if none), for many t. A table over equal cells of the grid's span gives a start at most a step
 * or two short of the answer (exactly for a uniform grid), and a short walk finishes; a binary
 * search per event row cost a million patients about 150 ms.
 */
function gridLocator(grid: ArrayLike<number>): (t: number) => number {
  const G = grid.length;
  if (G === 0) return () => 0;
  const g0 = grid[0]!;
  const span = grid[G - 1]! - g0;
  const cells = 4 * G;
  const scale = span > 0 ? cells / span : 0;
  // cellStart[c]: the first grid index at or after the cell's lower edge.
  const cellStart = new Uint32Array(cells + 1);
  for (let c = 0, g = 0; c <= cells; c++) {
    const edge = g0 + c / scale;
    while (g < G && grid[g]! < edge) g++;
    cellStart[c] = g;
  }
  return (t: number) => {
    if (!(t > g0)) return 0;
    if (t > grid[G - 1]!) return G;
    let g = cellStart[Math.min(cells, Math.floor((t - g0) * scale))]!;
    // The cell's start may lie one index past t when rounding put the edge above t: step back.
    while (g > 0 && grid[g - 1]! >= t) g--;
    while (g < G && grid[g]! < t) g++;
    return g;
  };
}

/**
 * Point prevalences on the increasing grid among patients followed to each time: in remission,
 * and relapsed among the remitted (months).
 *
 * Patient p is followed at the grid times ≤ followUp[p], and its event row e holds at the grid
 * times from its own time up to (not including) the next row's time, so each row adds 1 to a
 * range of grid indices. The ranges go into difference arrays (+1 at the start, −1 at the end)
 * summed once at the end: cost per event row, not per patient × grid time (a million patients ×
 * 121 months took about a second walked point by point). The counts are integers, so the
 * shares equal those of the walk exactly (tests/model/estimate/plainEstimators.ts keeps it).
 */
function prevalenceOnGrid(
  cohort: Cohort,
  spec: ModelSpec,
  grid: ArrayLike<number>,
): { inRemission: Float64Array; relapsedAmongRemitted: Float64Array } {
  const { inRemission, everRemitted, everRelapsed } = stateMasks(spec);
  const G = grid.length;
  const followed = new Float64Array(G + 1);
  const inRem = new Float64Array(G + 1);
  const remitted = new Float64Array(G + 1);
  const relapsed = new Float64Array(G + 1);
  const { n, offsets, eventTime, eventState, followUp } = cohort;
  const firstAtOrAfter = gridLocator(grid);
  const add = (diff: Float64Array, from: number, to: number) => {
    diff[from]!++;
    diff[to]!--;
  };
  for (let p = 0; p < n; p++) {
    // Grid indices followed: those with grid[g] ≤ followUp, i.e. below the first > followUp.
    const fu = followUp[p]!;
    let last = firstAtOrAfter(fu);
    if (last < G && grid[last] === fu) last++;
    if (last === 0) continue;
    add(followed, 0, last);
    const end = offsets[p + 1]!;
    // The first row holds from grid index 0 (before its own time too, as a walk would read it).
    let from = 0;
    for (let e = offsets[p]!; e < end && from < last; e++) {
      const to = e + 1 < end ? Math.min(last, firstAtOrAfter(eventTime[e + 1]!)) : last;
      if (to > from) {
        const s = eventState[e]!;
        if (inRemission[s]) add(inRem, from, to);
        if (everRemitted[s]) {
          add(remitted, from, to);
          if (everRelapsed[s]) add(relapsed, from, to);
        }
        from = to;
      }
    }
  }
  const a = new Float64Array(G);
  const b = new Float64Array(G);
  let f = 0;
  let ir = 0;
  let rm = 0;
  let rl = 0;
  for (let g = 0; g < G; g++) {
    f += followed[g]!;
    ir += inRem[g]!;
    rm += remitted[g]!;
    rl += relapsed[g]!;
    a[g] = f > 0 ? ir / f : NaN;
    b[g] = rm > 0 ? rl / rm : NaN;
  }
  return { inRemission: a, relapsedAmongRemitted: b };
}

/** The estimates of one cohort (times in months), for drawing. */
export interface CohortEstimates {
  /**
   * Overall survival, Kaplan–Meier with Greenwood log-scale 95% intervals: the full step
   * function, since the survival chart draws its every step and its interval.
   */
  os: KaplanMeier;
  /** Every curve on the grid. */
  values: CurveValues;
  grid: Float64Array;
}

/**
 * Estimates every curve from one simulated cohort (months since transplant), as a study would:
 * Kaplan–Meier, Aalen–Johansen and crude proportions among the patients followed.
 *
 * Cost (issue 14: a million patients in the browser): each time column is sorted once
 * (`sortedByCode`), the competing-risks curves are written only on the grid
 * (`competingOnGrid`), and the prevalences cost one step per event row (`prevalenceOnGrid`).
 * tests/model/estimate/curves.test.ts checks the values against the plain estimators of
 * tests/model/estimate/plainEstimators.ts.
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
  const remission = competingOnGrid(remData.cif.time, remData.cif.cause, grid);
  const relData = firstEntryData(cohort, spec, masks.everRelapsed);
  const relapse = competingOnGrid(relData.time, relData.cause, grid);
  const prev = prevalenceOnGrid(cohort, spec, grid);
  const values: CurveValues = {
    os: survivalOnGrid(os, grid),
    everRemitted: remission.incidence,
    inRemission: prev.inRemission,
    relapseCif: relapse.incidence,
    relapseKm: relapse.oneMinusKm,
    relapsedAmongRemitted: prev.relapsedAmongRemitted,
  };
  return { os, values, grid };
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
