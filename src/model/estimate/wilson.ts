/**
 * Wilson score interval for a binomial proportion k/n (Wilson 1927, JASA 22:209–212).
 *
 * It is the interval docs/data.md and the fit table quote for every published k/n, and the one
 * R gives with `prop.test(k, n, correct = FALSE)$conf.int` or
 * `binom::binom.confint(k, n, method = "wilson")`. Unlike the Wald interval it never leaves [0, 1]
 * and stays sensible for k = 0, k = n and the small denominators (6, 12, 13, 16) in the studies.
 */

import { normalQuantile, Z_975 } from '../numeric/distributions';

/** A two-sided confidence interval for a proportion, both ends as fractions in [0, 1]. */
export interface ProportionInterval {
  /** Lower end, a fraction in [0, 1] (0 exactly when k = 0). */
  lower: number;
  /** Upper end, a fraction in [0, 1] (1 exactly when k = n). */
  upper: number;
}

/**
 * Wilson score interval for k successes out of n.
 *
 * With p̂ = k/n and z = Φ⁻¹((1 + level)/2), the interval is the set of p with
 * |p̂ − p| ≤ z·√(p(1−p)/n), i.e. (Wilson 1927; Newcombe 1998, Stat Med 17:857, method 3)
 *
 *     centre = (p̂ + z²/(2n)) / (1 + z²/n)
 *     half   = z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/(4n²))
 *
 * @param k Number of successes (an integer, 0 ≤ k ≤ n).
 * @param n Number of trials (an integer > 0).
 * @param level Two-sided confidence level, strictly between 0 and 1. @default 0.95
 * @returns `{ lower, upper }` as fractions (not percent).
 * @throws Error naming the offending field (`k`, `n` or `level`) when an argument is invalid.
 */
export function wilsonInterval(k: number, n: number, level = 0.95): ProportionInterval {
  if (!Number.isInteger(n) || n <= 0) {
    throw new Error(`wilsonInterval: n must be an integer > 0, got ${n}.`);
  }
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new Error(`wilsonInterval: k must be an integer with 0 ≤ k ≤ n (n = ${n}), got ${k}.`);
  }
  if (!Number.isFinite(level) || level <= 0 || level >= 1) {
    throw new Error(`wilsonInterval: level must be strictly between 0 and 1, got ${level}.`);
  }
  // The default level uses the exact constant so that 95% intervals do not depend on the
  // accuracy of the quantile approximation.
  const z = level === 0.95 ? Z_975 : normalQuantile(0.5 + level / 2);
  const p = k / n;
  const z2n = (z * z) / n;
  const denom = 1 + z2n;
  const centre = (p + z2n / 2) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // At k = 0 (k = n) the end is exactly 0 (1) in exact arithmetic; rounding would leave ±1e-17.
  const lower = k === 0 ? 0 : Math.max(0, centre - half);
  const upper = k === n ? 1 : Math.min(1, centre + half);
  return { lower, upper };
}

/**
 * Whether a model value lies in an interval, ends included, with 1e-12 of slack for the rounding
 * of values computed two ways; false for NaN (a quantity the model cannot express). The one
 * "inside" of every fit table (calibration, browser, CLI, exports).
 */
export function insideInterval(value: number, { lower, upper }: ProportionInterval): boolean {
  return Number.isFinite(value) && value >= lower - 1e-12 && value <= upper + 1e-12;
}
