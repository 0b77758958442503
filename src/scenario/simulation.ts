import { estimateCurves, monthlyGrid, type CohortEstimates } from '../model/estimate/curves';
import { replicateDifference, type DifferenceSummary } from '../model/simulate/difference';
import { simulateCohort, type SamplerVersion } from '../model/simulate/microsim';
import { crudeProportion, supportsQuantity, type Proportion } from '../model/estimate/proportions';
import {
  runReplicates,
  type ReplicateCurves,
  type ReplicateSummary,
} from '../model/simulate/replicates';
import { followUpDesign, type Trial } from './scenario';
import { buildModel } from '../model/markov/template';
import type { Cohort, ModelSpec, StudyDesign, Target } from '../model/types';

/**
 * The whole simulation of a scenario, one pipeline shared by the browser's worker and the Node
 * CLI so that both print the same numbers: scenario → model → cohort (+ replicates) → estimates.
 *
 * Streams (see random.ts): arm A's cohort is `seed/cohort`, its replicate r `seed/replicate/r`;
 * arm B appends `B` to both, unless common random numbers are on, in which case arm B uses arm
 * A's streams and only the parameters differ.
 */

/** What one arm's simulation needs. Times in months. */
export interface ArmInput {
  spec: ModelSpec;
  n: number;
  horizonMonths: number;
  seed: string;
  design?: StudyDesign;
  replicates: number;
  targets: Target[];
  /** Stream suffix: [] for arm A (and arm B with common random numbers), ['B'] for arm B. */
  streamSuffix: (string | number)[];
  /** Sampler version (the scenario's, see microsim.ts). */
  sampler: SamplerVersion;
}

/** One arm's simulated cohort, its estimates, replicate bands and crude target values. */
export interface ArmResult {
  cohort: Cohort;
  estimates: CohortEstimates;
  replicates: ReplicateSummary;
  /** Crude proportion of each target in this cohort (absent where the model cannot express it). */
  crude: ({ id: string } & Proportion)[];
}

/**
 * Simulates one arm: the shown cohort (stream `cohort`), its curves on the monthly grid to the
 * horizon (months), the replicate bands (streams `replicate/r`) and the crude target figures.
 */
export function simulateArm(input: ArmInput): ArmResult {
  return simulateArmKeeping(input, false).result;
}

/** `simulateArm`, optionally also handing back every replicate's curves (to pair two arms). */
function simulateArmKeeping(
  input: ArmInput,
  keepCurves: boolean,
): { result: ArmResult; curves: ReplicateCurves | undefined } {
  const grid = monthlyGrid(input.horizonMonths);
  const cohort = simulateCohort(input.spec, {
    n: input.n,
    horizonMonths: input.horizonMonths,
    seed: input.seed,
    stream: ['cohort', ...input.streamSuffix],
    design: input.design,
    sampler: input.sampler,
  });
  const estimates = estimateCurves(cohort, input.spec, grid);
  const { curves, ...replicates } = runReplicates(input.spec, {
    n: input.n,
    horizonMonths: input.horizonMonths,
    replicates: input.replicates,
    seed: input.seed,
    grid,
    design: input.design,
    targets: input.targets,
    streamSuffix: input.streamSuffix,
    keepCurves,
    sampler: input.sampler,
  });
  const crude = input.targets
    .filter((t) => supportsQuantity(input.spec, t.quantity) && t.time <= input.horizonMonths)
    .map((t) => ({ id: t.id, ...crudeProportion(cohort, input.spec, t.quantity, t.time) }));
  return { result: { cohort, estimates, replicates, crude }, curves };
}

/**
 * The inputs of both arms of a scenario (arm B only with a comparison; its stream suffix is
 * ['B'], or [] with common random numbers). Times in months, intensities per year.
 */
export function armInputs(scenario: Trial, targets: Target[]): { A: ArmInput; B: ArmInput | null } {
  const design = followUpDesign(scenario);
  const A: ArmInput = {
    spec: buildModel(scenario.template, scenario.intensities),
    n: scenario.n,
    horizonMonths: scenario.horizon,
    seed: scenario.seed,
    design,
    replicates: scenario.replicates,
    targets,
    streamSuffix: [],
    sampler: scenario.sampler,
  };
  const c = scenario.compare;
  const B: ArmInput | null = c
    ? {
        ...A,
        spec: buildModel(scenario.template, c.intensities),
        n: c.n,
        streamSuffix: c.crn ? [] : ['B'],
      }
    : null;
  return { A, B };
}

/**
 * Simulates a scenario (times in months): arm A, and when the scenario compares two arms, arm B
 * and the difference B − A with its band over paired replicate trials (`replicateDifference`).
 */
export function simulateScenario(
  scenario: Trial,
  targets: Target[],
): { A: ArmResult; B: ArmResult | null; diff: DifferenceSummary | null } {
  const { A, B } = armInputs(scenario, targets);
  if (!B) return { A: simulateArm(A), B: null, diff: null };
  // Both arms keep their replicates' curves, so the paired difference reuses them.
  const { result: a, curves: curvesA } = simulateArmKeeping(A, true);
  const { result: b, curves: curvesB } = simulateArmKeeping(B, true);
  // B − A over paired replicate trials on the same streams as the arms' own replicates.
  const diff = replicateDifference(A.spec, B.spec, {
    nA: A.n,
    nB: B.n,
    horizonMonths: A.horizonMonths,
    replicates: A.replicates,
    seed: A.seed,
    crn: scenario.compare?.crn ?? true,
    grid: a.estimates.grid,
    design: A.design,
    observed: { A: a.estimates.values, B: b.estimates.values },
    pairs: { A: curvesA!, B: curvesB! },
    sampler: A.sampler,
  });
  return { A: a, B: b, diff };
}
