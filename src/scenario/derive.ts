import { getStudy } from '../data';
import type { StudyPreset } from '../data';
import {
  quantityFromOccupancy,
  relapsedDuringFollowUpModel,
  supportsQuantity,
} from '../model/estimate/proportions';
import { followUpDesign, type Trial } from './scenario';
import { buildModel } from '../model/markov/template';
import { cohortTrace, occupancyAt } from '../model/markov/trace';
import type { ModelSpec, PublishedFigure, StudyDesign, Target, Trace } from '../model/types';
import { wilsonInterval } from '../model/estimate/wilson';
import { fitRow, type FitRow as CalibrationFitRow } from '../model/calibrate/fitRows';
import type { ArmResult } from './simulation';

/**
 * Numbers derived from the scenario on the main thread, synchronously, so they follow a slider
 * drag within a frame: the expanded model, its cohort trace and the model value of every target.
 * (The microsimulation and the replicates run in the worker.)
 *
 * This module is free of React so that Node (the CLI in src/cli/simulate.ts, tests) computes the
 * fit table and the trace exactly as the browser does; `useDerived` in derived.ts wraps it.
 */

/**
 * One row of the fit table, the one fit-row type: calibration's row (published k/n, Wilson 95%
 * interval, model value, `inside` by `insideInterval`) with what the table shows about it.
 */
export type FitRow = CalibrationFitRow & {
  quantity: Target['quantity'];
  role: PublishedFigure['role'] | 'custom';
  /** The published figure behind the row (absent for typed-in targets). */
  figure?: PublishedFigure;
  /** False when the model cannot express the quantity (then `model` is NaN). */
  supported: boolean;
};

/** A fit row joined with one arm's simulation (null where there is none). */
export type SimulatedFitRow = FitRow & {
  /** The crude figure in the shown cohort (value null when it cannot be computed). */
  simulated: { k: number; n: number; value: number | null } | null;
  /** 2.5%, 50%, 97.5% of the crude figure over the replicate trials. */
  replicates: { lower: number; median: number; upper: number; count: number } | null;
};

/**
 * Joins fit rows with an arm's simulated results: the crude figure in the shown cohort and its
 * distribution over the replicate trials (null before the worker has answered, or where it
 * could not compute the figure).
 */
export function withSimulation(
  rows: readonly FitRow[],
  arm: Pick<ArmResult, 'crude' | 'replicates'> | null,
): SimulatedFitRow[] {
  const crude = new Map(arm?.crude.map((c) => [c.id, c]));
  const reps = new Map(arm?.replicates.targets.map((t) => [t.id, t]));
  return rows.map((r) => {
    const c = crude.get(r.id);
    const d = reps.get(r.id);
    return {
      ...r,
      simulated: c ? { k: c.k, n: c.n, value: c.empty ? null : c.value } : null,
      replicates:
        d && d.count > 0
          ? { lower: d.lower, median: d.median, upper: d.upper, count: d.count }
          : null,
    };
  });
}

/** The targets a scenario is compared with: its custom list, or the study's k/n figures. */
export function scenarioTargets(
  scenario: Pick<Trial, 'targets'>,
  study: StudyPreset | undefined,
): { target: Target; figure?: PublishedFigure }[] {
  if (scenario.targets) return scenario.targets.map((target) => ({ target }));
  return (study?.figures ?? [])
    .filter((f) => f.role !== 'context')
    .map((f) => ({ target: f, figure: f }));
}

/**
 * Model value and Wilson interval of each target under a model. `design` is the follow-up the
 * simulation uses (undefined: everyone followed to the horizon); only figures read at each
 * patient's own follow-up (`relapsedDuringFollowUp`) depend on it.
 */
export function fitRows(
  spec: ModelSpec,
  targets: { target: Target; figure?: PublishedFigure }[],
  design?: StudyDesign,
  horizonMonths = Infinity,
): FitRow[] {
  const cache = new Map<number, Float64Array>();
  const occ = (t: number) => {
    let o = cache.get(t);
    if (!o) cache.set(t, (o = occupancyAt(spec, t)));
    return o;
  };
  return targets.map(({ target: t, figure }) => {
    const supported = supportsQuantity(spec, t.quantity);
    const model = !supported
      ? NaN
      : t.quantity.kind === 'relapsedDuringFollowUp'
        ? relapsedDuringFollowUpModel(spec, t.time, design, horizonMonths)
        : quantityFromOccupancy(
            spec,
            occ(t.time),
            t.quantity.kind === 'newRelapses' ? occ(t.quantity.fromMonth) : undefined,
            t.quantity,
          );
    return {
      ...fitRow(t, model, wilsonInterval(t.k, t.n)),
      quantity: t.quantity,
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
  rows: FitRow[];
  specB: ModelSpec | null;
  traceB: Trace | null;
}

/** Computes the derived numbers of a scenario (pure; used by the hook and by tests). */
export function deriveScenario(scenario: Trial): Derived {
  const study = getStudy(scenario.study);
  const spec = buildModel(scenario.template, scenario.intensities);
  const trace = cohortTrace(spec, { horizonMonths: scenario.horizon, stepMonths: 1 });
  const design = followUpDesign(scenario);
  const rows = fitRows(spec, scenarioTargets(scenario, study), design, scenario.horizon);
  let specB: ModelSpec | null = null;
  let traceB: Trace | null = null;
  if (scenario.compare) {
    specB = buildModel(scenario.template, scenario.compare.intensities);
    traceB = cohortTrace(specB, { horizonMonths: scenario.horizon, stepMonths: 1 });
  }
  return { study, spec, trace, rows, specB, traceB };
}
