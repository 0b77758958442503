import { wilsonInterval } from './wilson';

/**
 * Power estimated by simulation: the share of replicate trials whose test rejects at level α,
 * with the Wilson 95% interval of that share as its Monte Carlo uncertainty (the replicates are
 * independent Bernoulli trials of "this trial rejects").
 */

/** The share of trials that reject, as a proportion with its Monte Carlo interval. */
export interface PowerEstimate {
  /** Trials whose p-value is < α. */
  rejected: number;
  /** Trials run (a trial whose test could not be computed counts as not rejecting). */
  trials: number;
  /** rejected / trials, a fraction (NaN when no trials were run). */
  power: number;
  /** Wilson 95% interval of the share (NaN when no trials were run). */
  lower: number;
  upper: number;
  /** The level α. */
  alpha: number;
}

/**
 * Share of `pValues` below `alpha` (default 0.05) with its Wilson 95% interval. A NaN p-value
 * (no events, nothing to compare) counts as a trial that did not detect the difference, as it
 * would in a real trial.
 */
export function rejectionShare(pValues: ArrayLike<number>, alpha = 0.05): PowerEstimate {
  if (!(alpha > 0 && alpha < 1)) {
    throw new Error(`rejectionShare: alpha must be strictly between 0 and 1, got ${alpha}.`);
  }
  const trials = pValues.length;
  let rejected = 0;
  for (let i = 0; i < trials; i++) if (pValues[i]! < alpha) rejected++;
  if (trials === 0) return { rejected, trials, power: NaN, lower: NaN, upper: NaN, alpha };
  const ci = wilsonInterval(rejected, trials);
  return { rejected, trials, power: rejected / trials, lower: ci.lower, upper: ci.upper, alpha };
}
