import type { Target } from '../model/types';
import type { Trial } from '../scenario/scenario';
import { simulateScenarioSteps, type ArmResult, type ScenarioResult } from '../scenario/simulation';
import type { Job } from './simScheduler';

/** Replicates per batch: the scheduler looks for newer work between batches. */
export const REPLICATE_BATCH = 10;

/** Both arms so far (a partial result: the cohort's curves, the bands of the replicates done). */
export type Arms = { A: ArmResult; B: ArmResult | null };
/** A finished simulation (with two arms: the difference, the comparison and the power too). */
export type Simulated = ScenarioResult;

/** A trial's simulation as a scheduler job (worker and main-thread fallback run the same). */
export function simulationJob(trial: Trial, targets: Target[]): Job<Arms, Simulated> {
  return function* () {
    const steps = simulateScenarioSteps(trial, targets, REPLICATE_BATCH);
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
