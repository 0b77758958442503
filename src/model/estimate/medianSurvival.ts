import { kaplanMeier, type KaplanMeier } from './kaplanMeier';

/**
 * Median survival (or any quantile) with its 95% interval, exactly as R's
 * `quantile(survfit(Surv(time, status) ~ 1), 0.5)` and `print(survfit(...))` give them with the
 * defaults (`conf.type = "log"`); R survival `R/quantile.survfit.R` (`doquant`, `findq`).
 *
 * - The median is the smallest time at which S(t) ≤ 0.5.
 * - Where S(t) equals 0.5 exactly (within √ε ≈ 1.5e-8) over a flat stretch, it is the midpoint
 *   of that stretch: halfway between the time S reaches 0.5 and the next event time, or the last
 *   follow-up time when there is no later event.
 * - The interval's ends are the same rule applied to the lower and upper 95% curves
 *   (Brookmeyer & Crowley 1982 in R's form): the lower end is where the lower curve crosses 0.5,
 *   the upper end where the upper curve does.
 * - Not reached (the curve stays above 0.5): NaN, which R prints as NA; the app says "not
 *   reached".
 */

/** A quantile of a survival curve and its 95% interval, in the times' unit (months here). */
export interface SurvivalQuantile {
  /** The probability p: the time at which 1 − S reaches p (0.5 for the median). */
  p: number;
  /** The quantile; NaN when the curve never gets down to 1 − p (R: NA, "not reached"). */
  value: number;
  /** Lower end of the 95% interval, from the lower confidence curve; NaN when not reached. */
  lower: number;
  /** Upper end, from the upper confidence curve; NaN when not reached (common at small n). */
  upper: number;
}

/** R's tolerance in `quantile.survfit`: `sqrt(.Machine$double.eps)`. */
const TOLERANCE = Math.sqrt(Number.EPSILON);

/**
 * R's `findq`: the smallest x where the increasing step function y (with y = 0 at x[0]) reaches
 * p, taking the midpoint of a stretch where y equals p within the tolerance. `xmax` is the last
 * follow-up time. NaN entries of y (confidence limits where S = 0) are skipped as R's `approx`
 * skips NA.
 */
function findQuantile(x: number[], y: number[], p: number, xmax: number): number {
  let maxY = -Infinity;
  for (const v of y) if (!Number.isNaN(v) && v > maxY) maxY = v;
  if (maxY < p) return NaN;
  // Keep the first x of each distinct y (R: `duplicated(y)`; NaN counts as one value).
  const xs: number[] = [];
  const ys: number[] = [];
  let seenNaN = false;
  const seen = new Set<number>();
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (Number.isNaN(v)) {
      if (seenNaN) continue;
      seenNaN = true;
    } else {
      if (seen.has(v)) continue;
      seen.add(v);
    }
    xs.push(x[i]!);
    ys.push(v);
  }
  // R: approx(y ± tol, 1:n, p, method = "constant", f = 1): the first index whose knot is ≥ p,
  // NA when p lies outside the knots (NaN knots dropped).
  const index = (shift: number): number => {
    let first = -1;
    let last = -1;
    for (let i = 0; i < ys.length; i++) {
      if (Number.isNaN(ys[i]!)) continue;
      if (first < 0) first = i;
      last = i;
    }
    if (first < 0 || p < ys[first]! + shift || p > ys[last]! + shift) return -1;
    for (let i = 0; i < ys.length; i++) {
      if (!Number.isNaN(ys[i]!) && ys[i]! + shift >= p) return i;
    }
    return -1;
  };
  const i1 = index(TOLERANCE);
  const i2 = index(-TOLERANCE);
  let quant = i1 >= 0 && i2 >= 0 ? (xs[i1]! + xs[i2]!) / 2 : NaN;
  if (p === 0) quant = xs[0]!;
  const yn = ys[ys.length - 1]!;
  if (!Number.isNaN(yn) && Math.abs(p - yn) < TOLERANCE) {
    quant = i1 >= 0 ? (xs[i1]! + xmax) / 2 : NaN;
  }
  return quant;
}

/**
 * The p-quantile of a Kaplan–Meier curve and its 95% interval (R's `quantile.survfit`).
 * `lastTime` is the largest observed time, event or censoring (R's last `time` of the survfit).
 * Start time 0.
 */
export function survivalQuantile(km: KaplanMeier, lastTime: number, p = 0.5): SurvivalQuantile {
  if (!(p >= 0 && p <= 1)) throw new Error(`survivalQuantile: p must be in [0, 1], got ${p}.`);
  const x = [0, ...km.time];
  const curve = (s: number[]): number[] => [0, ...s.map((v) => 1 - v)];
  const xmax = Math.max(lastTime, km.time.length > 0 ? km.time[km.time.length - 1]! : 0);
  return {
    p,
    value: findQuantile(x, curve(km.survival), p, xmax),
    lower: findQuantile(x, curve(km.lower), p, xmax),
    upper: findQuantile(x, curve(km.upper), p, xmax),
  };
}

/**
 * Median survival with its 95% interval from right-censored data (`time` ≥ 0 in any unit,
 * `event` 1 = event, 0 = censored), as R prints for `survfit(Surv(time, event) ~ 1)`.
 */
export function medianSurvival(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
): SurvivalQuantile {
  const km = kaplanMeier(time, event);
  let last = 0;
  for (let i = 0; i < time.length; i++) if (time[i]! > last) last = time[i]!;
  return survivalQuantile(km, last, 0.5);
}
