import { chiSquareSf } from '../numeric/distributions';

/**
 * The log-rank test of two groups, as R's `survdiff(Surv(time, status) ~ group)` computes it with
 * its default `rho = 0` (Mantel 1966; Peto & Peto 1972; R survival `src/survdiff2.c`,
 * `R/survdiff.R`).
 *
 * At each distinct event time t with n at risk (times ≥ t, so censorings tied with events are
 * still at risk), d events, and n₁ of those at risk in group 1:
 *
 *     E₁ += d · n₁ / n
 *     V  += d · (n₁ / n) · (1 − n₁ / n) · (n − d) / (n − 1)      (hypergeometric, n > 1)
 *
 * and χ² = (O₁ − E₁)² / V on 1 degree of freedom. Group 0's O − E is minus group 1's, with the
 * same variance, so the statistic does not depend on which group is called 1.
 */

/** A two-group log-rank test. Counts are patients; times are in the caller's unit (months here). */
export interface LogRankTest {
  /** Patients per group [group 0, group 1]. */
  n: [number, number];
  /** Observed events per group (R's `obs`). */
  observed: [number, number];
  /** Expected events per group under equal hazards (R's `exp`). */
  expected: [number, number];
  /** Variance of O₁ − E₁ (R's `var[2, 2]`; `var[1, 1]` is the same). */
  variance: number;
  /** (O₁ − E₁)² / V; NaN when V = 0 (no events, or nobody at risk in one group at every event). */
  chiSquare: number;
  /** Degrees of freedom: 1. */
  df: 1;
  /** P(χ²₁ ≥ chiSquare), R's `pchisq(chisq, 1, lower.tail = FALSE)`; NaN when chiSquare is NaN. */
  pValue: number;
}

/**
 * Log-rank test of group 1 against group 0 from right-censored data: `time` ≥ 0 (any unit),
 * `event` 1 = event, 0 = censored, `group` 0 or 1. Errors name the first offending entry.
 */
export function logRank(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  group: ArrayLike<number>,
): LogRankTest {
  const N = time.length;
  if (event.length !== N || group.length !== N) {
    throw new Error(
      `logRank: time, event and group must have the same length, got ${N}, ${event.length} and ${group.length}.`,
    );
  }
  const n: [number, number] = [0, 0];
  const observed: [number, number] = [0, 0];
  for (let i = 0; i < N; i++) {
    const t = time[i]!;
    const e = event[i]!;
    const g = group[i]!;
    if (!Number.isFinite(t) || t < 0) {
      throw new Error(`logRank: time[${i}] must be a finite number ≥ 0, got ${t}.`);
    }
    if (e !== 0 && e !== 1) {
      throw new Error(`logRank: event[${i}] must be 0 (censored) or 1 (event), got ${e}.`);
    }
    if (g !== 0 && g !== 1) throw new Error(`logRank: group[${i}] must be 0 or 1, got ${g}.`);
    n[g]++;
    observed[g] += e;
  }

  // Walk the times from the latest down, so the risk sets (times ≥ t) grow by accumulation.
  const order = sortedOrder(time);
  let atRisk = 0;
  let atRisk1 = 0;
  let expected1 = 0;
  let variance = 0;
  for (let k = N - 1; k >= 0;) {
    const t = time[order[k]!]!;
    let d = 0;
    for (; k >= 0 && time[order[k]!] === t; k--) {
      const i = order[k]!;
      atRisk++;
      atRisk1 += group[i]!;
      d += event[i]!;
    }
    if (d === 0) continue;
    const share = atRisk1 / atRisk;
    expected1 += d * share;
    if (atRisk > 1) variance += (d * share * (1 - share) * (atRisk - d)) / (atRisk - 1);
  }
  const totalEvents = observed[0] + observed[1];
  const expected: [number, number] = [totalEvents - expected1, expected1];
  const diff = observed[1] - expected1;
  const chiSquare = variance > 0 ? (diff * diff) / variance : NaN;
  return {
    n,
    observed,
    expected,
    variance,
    chiSquare,
    df: 1,
    pValue: chiSquareSf(chiSquare, 1),
  };
}

/** Indices 0..n−1 ordered by increasing `values` (ties in index order). */
export function sortedOrder(values: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => values[a]! - values[b]! || a - b);
}
