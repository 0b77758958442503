/**
 * How many replicate trials a run simulates at a given cohort size (issue 14: a million patients
 * in the browser). Each replicate is a whole trial of n patients, so 200 replicates of a
 * million-patient trial would be 200 million simulated patients (minutes in the worker, for a
 * band a million patients make thinner than a line). Replicates × patients per arm is capped
 * at `MAX_SIMULATED_PATIENTS`; the scenario keeps the number asked for (its link is unchanged)
 * and the screen says how many were run instead.
 */
import { formatCount } from './format';

/**
 * Replicates × patients per arm and run. 10,000,000 keeps every scenario the app allowed before
 * issue 14 (10,000 patients × 1,000 replicates) as it was, and leaves 10 replicate trials at a
 * million patients (enough for a band of 2.5–97.5 percentiles to be drawn, as a sketch).
 */
export const MAX_SIMULATED_PATIENTS = 10_000_000;

/** Replicate trials run for `asked` replicates of trials of `n` patients (the larger arm's n). */
export function replicatesUsed(n: number, asked: number): number {
  if (!(n > 0)) return asked;
  return Math.min(asked, Math.floor(MAX_SIMULATED_PATIENTS / n));
}

/**
 * The sentence that says the cap was applied (null when every replicate asked for is run):
 * names the field, the value asked for and the value used instead.
 */
export function replicatesNote(n: number, asked: number): string | null {
  const used = replicatesUsed(n, asked);
  if (used === asked) return null;
  const f = formatCount;
  return (
    `Replicate trials: ${f(asked)} trials of ${f(n)} patients would be ${f(asked * n)} ` +
    `simulated patients; ${f(used)} ${used === 1 ? 'is' : 'are'} run instead ` +
    `(at most ${f(MAX_SIMULATED_PATIENTS)} per run).`
  );
}
