import type { Target } from '../model/types';
import type { Trial } from '../scenario/scenario';
import { simulateScenarioSteps, type ArmResult, type ScenarioResult } from '../scenario/simulation';
import type { Job } from './simScheduler';

/**
 * Replicates per batch: the scheduler looks for newer work between batches, so a batch should
 * take a few tens of milliseconds whatever the trial's size: at most 10 replicates, and about
 * 10,000 simulated patients (a 10,000-patient trial checks after every replicate; the default 81
 * patients after every 10, where a batch takes about 2 ms).
 */
export function replicateBatch(trial: Pick<Trial, 'n' | 'compare'>): number {
  const n = Math.max(trial.n, trial.compare?.n ?? 0);
  return Math.max(1, Math.min(10, Math.floor(10_000 / Math.max(1, n))));
}

/** Both arms so far (a partial result: the cohort's curves, the bands of the replicates done). */
export type Arms = { A: ArmResult; B: ArmResult | null };
/** A finished simulation (with two arms: the difference, the comparison and the power too). */
export type Simulated = ScenarioResult;

/** A trial's simulation as a scheduler job (worker and main-thread fallback run the same). */
export function simulationJob(trial: Trial, targets: Target[]): Job<Arms, Simulated> {
  return function* () {
    const steps = simulateScenarioSteps(trial, targets, replicateBatch(trial));
    for (;;) {
      const s = steps.next();
      if (s.done) return s.value;
      const step = s.value;
      yield {
        label: step.stage,
        done: step.done,
        total: step.total,
        first: step.stage === 'cohort',
        partial: step.partial,
      };
    }
  };
}
