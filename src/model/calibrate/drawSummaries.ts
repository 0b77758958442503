/**
 * What the parameter draws mean for the course of the disease: a band around the expected course
 * (the cohort trace of every drawn intensity set, pointwise percentiles) and intervals for the
 * expected time in each state. This band is the uncertainty of the rates themselves ("how sure
 * are we of these rates?"), not the trial-to-trial chance of the replicate band ("how much does a
 * trial of this size wobble?"); both together are the predictive band.
 */
import { quantile } from 'd3-array';
import { quantityFromTrace } from '../estimate/proportions';
import { buildModel, LANES, type Intensities, type TemplateOptions } from '../markov/template';
import { timeInState } from '../markov/timeInState';
import { cohortTrace } from '../markov/trace';
import { CURVE_IDS, estimateCurves, type CurveId } from '../estimate/curves';
import { simulateCohort } from '../simulate/microsim';
import { bandsOf, type BandValues } from '../simulate/replicates';
import type { ModelSpec, Quantity, StudyDesign } from '../types';
import { pointwiseBand, type DrawBand } from './pointwiseBand';
import { runSteps } from '../numeric/runSteps';

export { pointwiseBand, type DrawBand };

/**
 * The pointwise `level` band (default 95%) of a quantity's expected course over the drawn
 * intensity sets, at 0, step, …, horizon (months).
 */
export function parameterBand(
  template: TemplateOptions,
  sets: readonly Intensities[],
  quantity: Quantity,
  horizonMonths: number,
  stepMonths = 1,
  level = 0.95,
): DrawBand {
  if (sets.length === 0) throw new Error('parameterBand: no parameter draws (sets is empty).');
  const curves = sets.map((s) => {
    const spec = buildModel(template, s);
    const tr = cohortTrace(spec, { horizonMonths, stepMonths });
    return Array.from(tr.times, (t) => quantityFromTrace(spec, tr, quantity, t));
  });
  const times = Array.from(
    cohortTrace(buildModel(template, sets[0]!), { horizonMonths, stepMonths }).times,
  );
  return pointwiseBand(times, curves, level);
}

/** Expected months in one display lane up to the horizon, at the fit and over the draws. */
export interface LaneTime {
  lane: (typeof LANES)[number];
  /** At the fitted intensities (months). */
  months: number;
  /** 2.5% and 97.5% over the parameter draws (months); null without draws. */
  lower: number | null;
  upper: number | null;
}

/** Time in each lane and life-years alive, with intervals from the draws. */
export interface TimeInStateSummary {
  horizonMonths: number;
  lanes: LaneTime[];
  /** Expected years alive up to the horizon (restricted mean survival time, years). */
  lifeYears: { years: number; lower: number | null; upper: number | null };
}

/** Months per lane (the expanded states summed by their display lane). */
function laneMonths(spec: ModelSpec, horizonMonths: number): Record<string, number> {
  const t = timeInState(spec, horizonMonths);
  const out: Record<string, number> = Object.fromEntries(LANES.map((l) => [l, 0]));
  spec.states.forEach((s, i) => {
    out[s.lane] = (out[s.lane] ?? 0) + t[i]!;
  });
  return out;
}

/**
 * Expected time in each lane (active, remission, relapse, dead) up to `horizonMonths` and
 * life-years alive, exactly integrated from the trace (`markov/timeInState.ts`) at the fitted
 * intensities, with 95% intervals over the parameter draws (none when `sets` is empty).
 */
export function timeInStateSummary(
  template: TemplateOptions,
  fitted: Intensities,
  sets: readonly Intensities[],
  horizonMonths: number,
): TimeInStateSummary {
  const at = laneMonths(buildModel(template, fitted), horizonMonths);
  const draws = sets.map((s) => laneMonths(buildModel(template, s), horizonMonths));
  const range = (f: (r: Record<string, number>) => number) =>
    draws.length === 0
      ? { lower: null, upper: null }
      : {
          lower: quantile(draws.map(f), 0.025)!,
          upper: quantile(draws.map(f), 0.975)!,
        };
  const alive = (r: Record<string, number>) => (horizonMonths - r.dead!) / 12;
  return {
    horizonMonths,
    lanes: LANES.map((lane) => ({ lane, months: at[lane]!, ...range((r) => r[lane]!) })),
    lifeYears: { years: alive(at), ...range(alive) },
  };
}

/** Options of {@link predictiveBands}. Times in months. */
export interface PredictiveOptions {
  /** Patients per trial. */
  n: number;
  horizonMonths: number;
  /** The scenario seed: trial r draws from the stream `seed / predictive / r`. */
  seed: string;
  /** Output grid (months), as the replicate bands'. */
  grid: Float64Array;
  /** Study design (censoring), as the replicate trials'. */
  design?: StudyDesign;
}

/**
 * The predictive band: one simulated trial of the study's size per drawn intensity set (trial r
 * under set r, stream `seed / predictive / r`), each estimated as the paper would, then the
 * 2.5–97.5% percentiles per grid time — both kinds of uncertainty at once: the rates are not
 * known, and a trial of this size wobbles around its rates.
 */
export function predictiveBands(
  template: TemplateOptions,
  sets: readonly Intensities[],
  options: PredictiveOptions,
): Record<CurveId, BandValues> {
  return runSteps(predictiveBandSteps(template, sets, options));
}

/**
 * {@link predictiveBands}, yielding after every `batch` simulated trials (`done` of `total`), so
 * a worker can run it between other work and drop it.
 */
export function* predictiveBandSteps(
  template: TemplateOptions,
  sets: readonly Intensities[],
  options: PredictiveOptions,
  batch = 10,
): Generator<{ done: number; total: number }, Record<CurveId, BandValues>> {
  const R = sets.length;
  const G = options.grid.length;
  const store = new Map<CurveId, Float64Array>();
  for (const id of CURVE_IDS) store.set(id, new Float64Array(R * G));
  for (let r = 0; r < R; r++) {
    if (r > 0 && r % batch === 0) yield { done: r, total: R };
    const spec = buildModel(template, sets[r]!);
    const cohort = simulateCohort(spec, {
      n: options.n,
      horizonMonths: options.horizonMonths,
      seed: options.seed,
      stream: ['predictive', r],
      design: options.design,
    });
    const est = estimateCurves(cohort, spec, options.grid);
    for (const id of CURVE_IDS) store.get(id)!.set(est.values[id], r * G);
  }
  return bandsOf(store, R, G);
}
