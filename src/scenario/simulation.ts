import {
  compareArms,
  endpointData,
  ENDPOINT_IDS,
  riskTableTimes,
  summariseEndpoint,
  type ArmEndpointSummary,
  type EndpointComparison,
  type EndpointId,
} from '../model/estimate/armComparison';
import { estimateCurves, monthlyGrid, type CohortEstimates } from '../model/estimate/curves';
import {
  powerByArmSize,
  powerCurveSizes,
  replicatePower,
  type EndpointPower,
  type PowerCurve,
} from '../model/simulate/power';
import { replicateDifference, type DifferenceSummary } from '../model/simulate/difference';
import { simulateCohort, type SamplerVersion } from '../model/simulate/microsim';
import { crudeProportion, supportsQuantity, type Proportion } from '../model/estimate/proportions';
import {
  replicateSteps,
  runReplicates,
  type ReplicateCurves,
  type ReplicateSummary,
} from '../model/simulate/replicates';
import { followUpDesign, type Trial } from './scenario';
import { replicatesUsed } from './replicateBudget';
import { cohortMemoryProblem } from '../model/simulate/memory';
import { buildModel } from '../model/markov/template';
import type { Cohort, ModelSpec, StudyDesign, Target } from '../model/types';
import { runSteps } from '../model/numeric/runSteps';

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
  /**
   * Per time-to-event endpoint of the shown cohort: events, median with its 95% interval and the
   * number-at-risk table at `riskTableTimes(horizon)` (months).
   */
  endpoints: Record<EndpointId, ArmEndpointSummary>;
}

/** Patients above which a cohort's memory is checked before it is simulated (the old cap). */
const LARGE_COHORT = 10_000;

/**
 * Simulates one arm: the shown cohort (stream `cohort`), its curves on the monthly grid to the
 * horizon (months), the replicate bands (streams `replicate/r`) and the crude target figures.
 */
export function simulateArm(input: ArmInput): ArmResult {
  return runSteps(armSteps(input, false, Infinity)).result;
}

/**
 * A point between batches of a scenario's simulation: where a worker may stop for newer work or
 * post what it has (`partial`: arm results with the bands of the replicates done so far).
 */
export interface SimulationStep {
  stage: 'cohort' | 'replicates';
  /** Replicates done and to do over both arms. */
  done: number;
  total: number;
  /** The results so far (computed only when called); null while arm B is still under way. */
  partial: () => { A: ArmResult; B: ArmResult | null } | null;
}

/**
 * One arm, in steps: yields the cohort's result (replicate bands still empty) and then after
 * every `batch` replicates; returns the arm, optionally also handing back every replicate's
 * curves (to pair two arms).
 */
function* armSteps(
  input: ArmInput,
  keepCurves: boolean,
  batch: number,
): Generator<
  // The arm so far is computed only when asked for: summarising the bands after every batch
  // cost more than the replicates themselves (200 trials: ~10× the final summary).
  { result: () => ArmResult; done: number },
  { result: ArmResult; curves: ReplicateCurves | undefined },
  void
> {
  const grid = monthlyGrid(input.horizonMonths);
  // Above the sizes the app always allowed, the expected memory is checked before simulating, so
  // that a too-large cohort gives a message naming n instead of an out-of-memory crash (the
  // replicates are simulated one at a time, each the size of this cohort).
  if (input.n > LARGE_COHORT) {
    const problem = cohortMemoryProblem(input.spec, input.n, input.horizonMonths);
    if (problem) throw new Error(problem);
  }
  const cohort = simulateCohort(input.spec, {
    n: input.n,
    horizonMonths: input.horizonMonths,
    seed: input.seed,
    stream: ['cohort', ...input.streamSuffix],
    design: input.design,
    sampler: input.sampler,
  });
  const estimates = estimateCurves(cohort, input.spec, grid);
  const crude = input.targets
    .filter((t) => supportsQuantity(input.spec, t.quantity) && t.time <= input.horizonMonths)
    .map((t) => ({ id: t.id, ...crudeProportion(cohort, input.spec, t.quantity, t.time) }));
  const reps = replicateSteps(
    input.spec,
    {
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
    },
    batch,
  );
  const riskTimes = riskTableTimes(input.horizonMonths);
  const endpoints = {} as Record<EndpointId, ArmEndpointSummary>;
  for (const id of ENDPOINT_IDS) {
    endpoints[id] = summariseEndpoint(endpointData(cohort, input.spec, id), riskTimes);
  }
  const withBands = (replicates: ReplicateSummary): ArmResult => ({
    cohort,
    estimates,
    replicates,
    crude,
    endpoints,
  });
  if (batch < Infinity) {
    // The cohort's own curves first: a summary of zero replicates (bands all NaN).
    const none = runReplicates(input.spec, { ...input, replicates: 0, grid });
    yield { result: () => withBands(none), done: 0 };
  }
  for (;;) {
    const s = reps.next();
    if (s.done) {
      const { curves, ...replicates } = s.value;
      return { result: withBands(replicates), curves };
    }
    const { summary, done } = s.value;
    yield { result: () => withBands(summary()), done };
  }
}

/**
 * The inputs of both arms of a scenario (arm B only with a comparison; its stream suffix is
 * ['B'], or [] with common random numbers). Times in months, intensities per year.
 */
export function armInputs(scenario: Trial, targets: Target[]): { A: ArmInput; B: ArmInput | null } {
  const design = followUpDesign(scenario);
  const c = scenario.compare;
  const A: ArmInput = {
    spec: buildModel(scenario.template, scenario.intensities),
    n: scenario.n,
    horizonMonths: scenario.horizon,
    seed: scenario.seed,
    design,
    // Both arms run the same number (their replicates are paired), capped by the larger arm.
    replicates: replicatesUsed(Math.max(scenario.n, c?.n ?? 0), scenario.replicates),
    targets,
    streamSuffix: [],
    sampler: scenario.sampler,
  };
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

/** A simulated scenario: each arm, and with two arms how they compare. */
export interface ScenarioResult {
  A: ArmResult;
  B: ArmResult | null;
  /** B − A of every curve with its band over paired replicate trials. */
  diff: DifferenceSummary | null;
  /** The shown pair of cohorts compared per endpoint: log-rank, hazard ratio, medians, risk tables. */
  comparison: Record<EndpointId, EndpointComparison> | null;
  /**
   * Power of a trial of these sizes per endpoint: the share of the replicate pairs (independent
   * patients in each arm, whatever `crn` says) with log-rank p < 0.05, with its Wilson interval.
   */
  power: EndpointPower | null;
}

/**
 * Simulates a scenario (times in months): arm A, and when the scenario compares two arms, arm B,
 * the difference B − A with its band over paired replicate trials (`replicateDifference`), the
 * two shown cohorts' log-rank test and hazard ratio, and the power over the replicate pairs.
 */
export function simulateScenario(scenario: Trial, targets: Target[]): ScenarioResult {
  return runSteps(simulateScenarioSteps(scenario, targets, Infinity));
}

/**
 * `simulateScenario` in steps: yields after the shown cohort(s) and after every `batch`
 * replicates of each arm (see `SimulationStep`); the result is the same whatever the batch.
 */
export function* simulateScenarioSteps(
  scenario: Trial,
  targets: Target[],
  batch: number,
): Generator<SimulationStep, ScenarioResult, void> {
  const { A, B } = armInputs(scenario, targets);
  const total = A.replicates + (B ? B.replicates : 0);
  const a = yield* armProgress(armSteps(A, B !== null, batch), 0, total, (result) =>
    B ? null : { A: result(), B: null },
  );
  if (!B) return { A: a.result, B: null, diff: null, comparison: null, power: null };
  // Both arms keep their replicates' curves, so the paired difference reuses them.
  // Arm A's full result and arm B's so far.
  const b = yield* armProgress(armSteps(B, true, batch), A.replicates, total, (result) => ({
    A: a.result,
    B: result(),
  }));
  // B − A over paired replicate trials on the same streams as the arms' own replicates.
  const diff = replicateDifference(A.spec, B.spec, {
    nA: A.n,
    nB: B.n,
    horizonMonths: A.horizonMonths,
    replicates: A.replicates,
    seed: A.seed,
    crn: scenario.compare?.crn ?? false,
    grid: a.result.estimates.grid,
    design: A.design,
    observed: { A: a.result.estimates.values, B: b.result.estimates.values },
    pairs: { A: a.curves!, B: b.curves! },
    sampler: A.sampler,
  });
  const comparison = compareArms(
    { cohort: a.result.cohort, spec: A.spec },
    { cohort: b.result.cohort, spec: B.spec },
    riskTableTimes(A.horizonMonths),
  );
  const power = replicatePower(A.spec, B.spec, A.n, B.n, powerOptions(A));
  return { A: a.result, B: b.result, diff, comparison, power };
}

/**
 * Passes an arm's steps on as the scenario's: its replicates counted after `before` of `total`,
 * and what a partial result shows (`partial`, given the arm so far).
 */
function* armProgress(
  steps: ReturnType<typeof armSteps>,
  before: number,
  total: number,
  partial: (result: () => ArmResult) => { A: ArmResult; B: ArmResult | null } | null,
): Generator<SimulationStep, { result: ArmResult; curves: ReplicateCurves | undefined }, void> {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
    const { result, done } = s.value;
    yield {
      stage: done === 0 ? 'cohort' : 'replicates',
      done: before + done,
      total,
      partial: () => partial(result),
    };
  }
}

function powerOptions(A: ArmInput) {
  return {
    horizonMonths: A.horizonMonths,
    replicates: A.replicates,
    seed: A.seed,
    design: A.design,
    sampler: A.sampler,
  };
}

/**
 * Power against the number of patients per arm for a comparison (null without one): the same
 * replicate pairs as `simulateScenario`'s power, at the sizes of `powerCurveSizes` (the trial's
 * own arm sizes included). Costs R × 2 × 500 simulated patients, so it is asked for separately.
 */
export function scenarioPowerCurve(scenario: Trial): PowerCurve | null {
  const { A, B } = armInputs(scenario, []);
  if (!B) return null;
  return powerByArmSize(A.spec, B.spec, powerCurveSizes(A.n, B.n), powerOptions(A));
}
