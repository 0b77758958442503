/**
 * Time in each state from a simulated cohort: each patient's months in every state during
 * [0, horizon] read off the whole simulated path (censoring ignored: this is what the simulated
 * patients lived, to set beside the cohort trace's exact restricted means in
 * `markov/timeInState.ts`), averaged over patients, with the standard error of each mean.
 */
import type { Cohort } from '../types';

/** Mean months per patient in each state, and its standard error (SD/√n), indexed by state code. */
export interface SimulatedTimeInState {
  mean: Float64Array;
  se: Float64Array;
}

/**
 * Mean months in each of `nStates` states during [0, `horizonMonths`] over the cohort's patients
 * (`horizonMonths` ≤ the cohort's horizon), with standard errors.
 */
export function simulatedTimeInState(
  cohort: Cohort,
  nStates: number,
  horizonMonths: number,
): SimulatedTimeInState {
  if (!(horizonMonths >= 0 && horizonMonths <= cohort.horizon)) {
    throw new Error(
      `horizonMonths must be in [0, ${cohort.horizon}] (the simulated months), got ${horizonMonths}.`,
    );
  }
  const sum = new Float64Array(nStates);
  const sumSq = new Float64Array(nStates);
  const mine = new Float64Array(nStates);
  for (let p = 0; p < cohort.n; p++) {
    mine.fill(0);
    const end = cohort.offsets[p + 1]!;
    for (let e = cohort.offsets[p]!; e < end; e++) {
      const from = cohort.eventTime[e]!;
      if (from >= horizonMonths) break;
      const to = e + 1 < end ? Math.min(cohort.eventTime[e + 1]!, horizonMonths) : horizonMonths;
      mine[cohort.eventState[e]!]! += to - from;
    }
    for (let s = 0; s < nStates; s++) {
      sum[s]! += mine[s]!;
      sumSq[s]! += mine[s]! * mine[s]!;
    }
  }
  const n = cohort.n;
  const mean = Float64Array.from(sum, (x) => x / n);
  const se = Float64Array.from(sumSq, (x, s) => {
    const variance = n > 1 ? Math.max(0, (x - n * mean[s]! * mean[s]!) / (n - 1)) : 0;
    return Math.sqrt(variance / n);
  });
  return { mean, se };
}
