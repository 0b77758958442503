/**
 * Kaplan–Meier estimator with Greenwood standard errors and log-scale confidence intervals,
 * matching R survival's `summary(survfit(Surv(time, event) ~ 1))` with its defaults
 * (`stype = 1`, `conf.type = "log"`, `conf.int = 0.95`, `conf.lower = "usual"`).
 *
 * References: Kaplan & Meier (1958) JASA 53:457; Greenwood (1926) Rep. Public Health Med. Subj.
 * 33; Kalbfleisch & Prentice (2002) *The Statistical Analysis of Failure Time Data*, §1.4;
 * R survival `src/survfitkm.c`, `R/survfitKM.R`, `R/survfit_confint.R`, `R/summary.survfit.R`.
 */

import { Z_975 } from '../numeric/distributions';
import { sortedByCode } from '../numeric/sortTimes';

/** A Kaplan–Meier curve, one entry per distinct time with at least one event. Times in months. */
export interface KaplanMeier {
  /** Distinct event times, increasing (months, or whatever unit the input times are in). */
  time: number[];
  /** Number at risk just before each time: times ≥ t, so censorings tied with events count. */
  nRisk: number[];
  /** Number of events at each time. */
  nEvent: number[];
  /** Survival just after each time, S(t) = Π_{t_j ≤ t} (1 − d_j / n_j). */
  survival: number[];
  /** Greenwood standard error of S(t): S · sqrt(Σ d_j / (n_j (n_j − d_j))); NaN where S = 0. */
  stdErr: number[];
  /** Lower 95% bound, S · exp(−z · se(log S)); NaN where S = 0. */
  lower: number[];
  /** Upper 95% bound, min(1, S · exp(z · se(log S))); NaN where S = 0. */
  upper: number[];
}

/**
 * Checks `time`/`event` the way every estimator here needs: same length, finite times ≥ 0,
 * events coded 0 (censored) or 1 (event). Errors name the first offending index.
 */
function validate(time: ArrayLike<number>, event: ArrayLike<number>): void {
  if (time.length !== event.length) {
    throw new Error(
      `kaplanMeier: time has ${time.length} entries but event has ${event.length}; they must match.`,
    );
  }
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    if (!Number.isFinite(t) || t < 0) {
      throw new Error(`kaplanMeier: time[${i}] must be a finite number ≥ 0, got ${t}.`);
    }
    const e = event[i]!;
    if (e !== 0 && e !== 1) {
      throw new Error(`kaplanMeier: event[${i}] must be 0 (censored) or 1 (event), got ${e}.`);
    }
  }
}

/**
 * Kaplan–Meier estimate of S(t) from right-censored data (times in months; event 1 = event,
 * 0 = censored), exactly as R's `summary(survfit(Surv(time, event) ~ 1))` prints it.
 *
 * - A censoring tied with an event at t is still at risk at t (R's convention: n_j counts times
 *   ≥ t_j).
 * - `stdErr` is the standard error of S (not of log S): R's survfit stores se(log S) =
 *   sqrt(Σ d/(n(n−d))) (Greenwood) and `summary` multiplies it by S.
 * - Where S = 0 (the last at-risk patients all fail) R's C code divides by n − d = 0, so
 *   se(log S) = Inf and summary's std.err = 0 · Inf = NaN; its confidence limits are NA
 *   (`survfit_confint` replaces S = 0 by NA before taking logs). Here both are NaN.
 * - All censored (or empty input): every array is empty.
 *
 * Unlike R, times are not passed through `aeqSurv` (R's `timefix = TRUE` merges times that differ
 * by less than ~1.5e-8 relative); simulated continuous times have no such near-ties.
 *
 * Cost: the times are sorted once, events and censorings apart (`sortedByCode`: native sorts of
 * n numbers in all), and read in one merged pass into arrays sized once. Before issue 14 it
 * sorted n + d numbers and pushed onto growing arrays; tests/model/estimate/plainEstimators.ts
 * keeps that version, and the tests require the same numbers.
 */
export function kaplanMeier(time: ArrayLike<number>, event: ArrayLike<number>): KaplanMeier {
  validate(time, event);
  const n = time.length;
  const [cens, ev] = sortedByCode(time, event, 2) as [Float64Array, Float64Array];
  const nEvents = ev.length;

  // Number of distinct event times, so that the seven output arrays are sized once.
  let m = 0;
  for (let j = 0; j < nEvents; j++) if (j === 0 || ev[j] !== ev[j - 1]) m++;
  const out: KaplanMeier = {
    time: new Array<number>(m),
    nRisk: new Array<number>(m),
    nEvent: new Array<number>(m),
    survival: new Array<number>(m),
    stdErr: new Array<number>(m),
    lower: new Array<number>(m),
    upper: new Array<number>(m),
  };
  let s = 1;
  let greenwood = 0; // Σ d/(n(n−d)) = Var(log S) (Greenwood 1926)
  let c = 0; // censorings before the current time
  let k = 0;
  for (let j = 0; j < nEvents;) {
    const t = ev[j]!;
    const eventsBefore = j;
    let d = 0;
    while (j < nEvents && ev[j] === t) {
      d++;
      j++;
    }
    while (c < cens.length && cens[c]! < t) c++;
    // n_j counts every time ≥ t, censorings tied with the events included (R's convention).
    const atRisk = n - eventsBefore - c;
    s *= (atRisk - d) / atRisk;
    greenwood += d / (atRisk * (atRisk - d)); // Infinity when atRisk === d, as in R
    out.time[k] = t;
    out.nRisk[k] = atRisk;
    out.nEvent[k] = d;
    out.survival[k] = s;
    if (s > 0) {
      const seLog = Math.sqrt(greenwood);
      out.stdErr[k] = s * seLog;
      out.lower[k] = Math.exp(Math.log(s) - Z_975 * seLog);
      out.upper[k] = Math.min(1, Math.exp(Math.log(s) + Z_975 * seLog));
    } else {
      out.stdErr[k] = NaN;
      out.lower[k] = NaN;
      out.upper[k] = NaN;
    }
    k++;
  }
  return out;
}

/**
 * Index of the last entry of the increasing array `times` that is ≤ `t`, or −1 if none
 * (binary search; any time unit, the same for both).
 */
export function lastIndexAtOrBefore(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length; // invariant: answer in [lo − 1, hi − 1]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The Kaplan–Meier step function at time `t` (months): 1 before the first event time, the
 * survival of the last event time ≤ t afterwards (right-continuous, as R's `summary(fit, times)`).
 * Past the last event time it stays at the last value. NaN for a NaN `t`.
 */
export function survivalAt(km: Pick<KaplanMeier, 'time' | 'survival'>, t: number): number {
  if (Number.isNaN(t)) return NaN;
  const i = lastIndexAtOrBefore(km.time, t);
  return i < 0 ? 1 : km.survival[i]!;
}

/**
 * The Kaplan–Meier step function sampled on a grid of times (months): `out[g] =
 * survivalAt(km, grid[g])`. Linear in grid + curve length when the grid is increasing (it falls
 * back to binary search for unsorted grids). Writes into `out` when given.
 */
export function survivalOnGrid(
  km: Pick<KaplanMeier, 'time' | 'survival'>,
  grid: ArrayLike<number>,
  out: Float64Array = new Float64Array(grid.length),
): Float64Array {
  let j = -1; // last event index with time ≤ current grid point
  let prev = -Infinity;
  for (let g = 0; g < grid.length; g++) {
    const t = grid[g]!;
    if (!(t >= prev)) {
      // Unsorted (or NaN) grid point: no merge possible from here on, search directly.
      out[g] = survivalAt(km, t);
      j = Number.isNaN(t) ? j : lastIndexAtOrBefore(km.time, t);
      prev = Number.isNaN(t) ? prev : t;
      continue;
    }
    while (j + 1 < km.time.length && km.time[j + 1]! <= t) j++;
    out[g] = j < 0 ? 1 : km.survival[j]!;
    prev = t;
  }
  return out;
}
