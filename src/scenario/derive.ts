import { getStudy } from '../data';
import type { StudyPreset } from '../data';
import { quantityFromOccupancy, supportsQuantity } from '../model/estimate/proportions';
import type { Scenario } from './scenario';
import { buildModel } from '../model/markov/template';
import { cohortTrace, occupancyAt } from '../model/markov/trace';
import type { ModelSpec, PublishedFigure, Target, Trace } from '../model/types';
import { wilsonInterval } from '../model/estimate/wilson';

/**
 * Numbers derived from the scenario on the main thread, synchronously, so they follow a slider
 * drag within a frame: the expanded model, its cohort trace and the model value of every target.
 * (The microsimulation and the replicates run in the worker.)
 *
 * This module is free of React so that Node (the CLI in src/cli/simulate.ts, tests) computes the
 * fit table and the trace exactly as the browser does; `useDerived` in derived.ts wraps it.
 */

/** One row of the fit table (the simulated columns are filled from the worker's replicates). */
export interface FitRowView {
  id: string;
  label: string;
  time: number;
  quantity: Target['quantity'];
  k: number;
  n: number;
  observed: number;
  lower: number;
  upper: number;
  /** Model value from the cohort trace (NaN when the model cannot express the quantity). */
  model: number;
  inside: boolean;
  role: PublishedFigure['role'] | 'custom';
  /** The published figure behind the row (absent for typed-in targets). */
  figure?: PublishedFigure;
  supported: boolean;
}

/** The targets a scenario is compared with: its custom list, or the study's k/n figures. */
export function scenarioTargets(
  scenario: Scenario,
  study: StudyPreset | undefined,
): { target: Target; figure?: PublishedFigure }[] {
  if (scenario.targets) return scenario.targets.map((target) => ({ target }));
  return (study?.figures ?? [])
    .filter((f) => f.role !== 'context')
    .map((f) => ({ target: f, figure: f }));
}

/** Model value and Wilson interval of each target under a model. */
export function fitRows(
  spec: ModelSpec,
  targets: { target: Target; figure?: PublishedFigure }[],
): FitRowView[] {
  const cache = new Map<number, Float64Array>();
  const occ = (t: number) => {
    let o = cache.get(t);
    if (!o) cache.set(t, (o = occupancyAt(spec, t)));
    return o;
  };
  return targets.map(({ target: t, figure }) => {
    const { lower, upper } = wilsonInterval(t.k, t.n);
    const supported = supportsQuantity(spec, t.quantity);
    const model = supported
      ? quantityFromOccupancy(
          spec,
          occ(t.time),
          t.quantity.kind === 'newRelapses' ? occ(t.quantity.fromMonth) : undefined,
          t.quantity,
        )
      : NaN;
    return {
      id: t.id,
      label: t.label,
      time: t.time,
      quantity: t.quantity,
      k: t.k,
      n: t.n,
      observed: t.k / t.n,
      lower,
      upper,
      model,
      inside: Number.isFinite(model) && model >= lower - 1e-12 && model <= upper + 1e-12,
      role: figure ? figure.role : 'custom',
      figure,
      supported,
    };
  });
}

/** The derived view of the current scenario (memoised per scenario change). */
export interface Derived {
  study: StudyPreset | undefined;
  spec: ModelSpec;
  trace: Trace;
  rows: FitRowView[];
  specB: ModelSpec | null;
  traceB: Trace | null;
}

/** Computes the derived numbers of a scenario (pure; used by the hook and by tests). */
export function deriveScenario(scenario: Scenario): Derived {
  const study = getStudy(scenario.study);
  const spec = buildModel(scenario.template, scenario.intensities);
  const trace = cohortTrace(spec, { horizonMonths: scenario.horizon, stepMonths: 1 });
  const rows = fitRows(spec, scenarioTargets(scenario, study));
  let specB: ModelSpec | null = null;
  let traceB: Trace | null = null;
  if (scenario.compare) {
    specB = buildModel(scenario.template, scenario.compare.intensities);
    traceB = cohortTrace(specB, { horizonMonths: scenario.horizon, stepMonths: 1 });
  }
  return { study, spec, trace, rows, specB, traceB };
}
