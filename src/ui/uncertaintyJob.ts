import {
  calibrateSteps,
  type CalibrationOptions,
  type CalibrationResult,
  type IntensityInterval,
} from '../model/calibrate/calibrate';
import {
  predictiveBandSteps,
  timeInStateSummary,
  type TimeInStateSummary,
} from '../model/calibrate/drawSummaries';
import { monthlyGrid, type CurveId } from '../model/estimate/curves';
import { buildModel, type Intensities, type TemplateOptions } from '../model/markov/template';
import { cohortTrace } from '../model/markov/trace';
import type { BandValues } from '../model/simulate/replicates';
import type { ModelSpec, StudyDesign, Trace } from '../model/types';
import { curveTerms, type DigitisedCurve } from '../scenario/digitisedCurves';
import { FIT_DRAWS } from '../scenario/fit';
import type { Trial } from '../scenario/scenario';
import type { Job } from './simScheduler';
import type { UncertaintyKeys } from './uncertaintyKeys';

/**
 * The work behind "what the published figures allow" (issue 16), run in the worker after the
 * trial's own simulation (`idleRunner.ts`): the fit of the trial's figures and curves with 95%
 * profile-likelihood intervals and seeded parameter draws (`calibrateSteps`), then the rates'
 * band (a cohort trace per drawn rate set), the predictive band (one trial of the study's size
 * per drawn set) and the time in each state. Every part yields between small steps, so a newer
 * trial's simulation is never kept waiting for more than one step.
 *
 * Two caches: fits by the fit's inputs (`fitKey`: study, structure, figures, curves, seed), and
 * summaries by those and the trial's size, horizon and censoring (`key`). A slider, the playhead
 * or the speed is in neither: moving them never recomputes anything here.
 */

/** What the published figures allow, as the screen shows it. */
export interface FitUncertainty {
  /** The fit's inputs (study, structure, figures, curves, seed): the intervals hold while they do. */
  fitKey: string;
  /** `fitKey` and the trial's size, horizon and censoring: the bands hold while they do. */
  key: string;
  seed: string;
  /** The fitted intensities (per year, every parameter): what the intervals are the intervals of. */
  intensities: Intensities;
  intervals: IntensityInterval[];
  drawCount: number;
  effectiveSize: number;
  proposals: number;
  /** The cohort trace (monthly, to the horizon) of every drawn rate set: the rates' band. */
  drawTraces: { spec: ModelSpec; trace: Trace }[];
  /**
   * Both kinds at once: one simulated trial of the study's size per drawn rate set, every
   * curve's 2.5–97.5% band on the replicate bands' grid (`grid`).
   */
  predictive: { grid: Float64Array; bands: Record<CurveId, BandValues> };
  timeInState: TimeInStateSummary;
}

/**
 * What the worker is asked: the trial, the fit's plan (`planFit`, made on the main thread, so the
 * worker's script needs neither the study data nor the planning: the first curves wait for
 * that script to load), the curves in the fit, and their keys.
 */
export interface UncertaintyRequest extends UncertaintyKeys {
  trial: Trial;
  /** The planned calibration options, without the curves' terms (functions do not cross). */
  options: Omit<CalibrationOptions, 'extraTerms'>;
  curves: DigitisedCurve[];
}

/** Cached entries kept of each kind (a few: going back and forth between two studies is free). */
const CACHE_SIZE = 4;

/** A step of the work, as the scheduler's jobs yield them. */
type Step = { label: string; done: number; total: number };

/** The planned fit (and the curves' terms) with intervals and draws seeded by `seed`, in steps. */
export function* fitWithIntervals(
  options: Omit<CalibrationOptions, 'extraTerms'>,
  curves: readonly DigitisedCurve[],
  seed: string,
): Generator<Step, { result: CalibrationResult; template: TemplateOptions }> {
  const steps = calibrateSteps({
    ...options,
    extraTerms: curves.length ? curveTerms(curves) : [],
    intervals: true,
    draws: FIT_DRAWS,
    drawSeed: seed,
  });
  for (;;) {
    const s = steps.next();
    if (s.done) return { result: s.value, template: options.template };
    yield { label: s.value.stage, done: s.value.done, total: s.value.total };
  }
}

/** The screen's summary of a fit (bands to the trial's horizon), in steps. */
export function* summariseSteps(
  result: CalibrationResult,
  template: TemplateOptions,
  trial: Pick<Trial, 'horizon' | 'n' | 'seed'> & { design: StudyDesign | undefined },
  keys: UncertaintyKeys,
): Generator<Step, FitUncertainty | null> {
  const horizon = trial.horizon;
  if (!result.intervals || !result.draws) return null;
  const sets = result.draws.sets;
  const drawTraces: FitUncertainty['drawTraces'] = [];
  for (const set of sets) {
    const spec = buildModel(template, set);
    drawTraces.push({ spec, trace: cohortTrace(spec, { horizonMonths: horizon, stepMonths: 1 }) });
    if (drawTraces.length % 50 === 0)
      yield { label: 'rate band', done: drawTraces.length, total: sets.length };
  }
  const grid = monthlyGrid(horizon);
  // About 5,000 simulated patients a step (10 trials of a small study, 1 of a large one).
  const batch = Math.max(1, Math.min(10, Math.floor(5000 / trial.n)));
  const predictive = predictiveBandSteps(
    template,
    sets,
    { n: trial.n, horizonMonths: horizon, seed: trial.seed, grid, design: trial.design },
    batch,
  );
  let bands: Record<CurveId, BandValues>;
  for (;;) {
    const s = predictive.next();
    if (s.done) {
      bands = s.value;
      break;
    }
    yield { label: 'predictive band', ...s.value };
  }
  yield { label: 'time in state', done: 0, total: 1 };
  return {
    ...keys,
    seed: result.draws.seed,
    intensities: result.intensities,
    intervals: result.intervals,
    drawCount: sets.length,
    effectiveSize: result.draws.effectiveSize,
    proposals: result.draws.proposals,
    drawTraces,
    predictive: { grid, bands },
    timeInState: timeInStateSummary(template, result.intensities, sets, horizon),
  };
}

/** {@link summariseSteps} at once (tests and exports). */
export function summariseFit(
  ...args: Parameters<typeof summariseSteps>
): ReturnType<typeof summariseSteps> extends Generator<Step, infer R> ? R : never {
  const steps = summariseSteps(...args);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** The worker's side: the caches and the job of a request. */
export interface UncertaintyWork {
  /** The finished summary of these keys, if cached (then no job is needed). */
  cached: (key: string) => FitUncertainty | null | undefined;
  /** The job of a request: reuses a cached fit of the same `fitKey`. */
  job: (req: UncertaintyRequest) => Job<never, FitUncertainty | null>;
}

/**
 * The caches and jobs (see the module comment). `fit` is the fit in steps (tests count its
 * calls); the worker uses `fitWithIntervals`.
 */
export function createUncertaintyWork(fit = fitWithIntervals): UncertaintyWork {
  const fits = new Map<string, { result: CalibrationResult; template: TemplateOptions }>();
  const summaries = new Map<string, FitUncertainty | null>();
  const remember = <V>(map: Map<string, V>, key: string, value: V) => {
    map.delete(key);
    map.set(key, value);
    while (map.size > CACHE_SIZE) map.delete(map.keys().next().value!);
  };
  return {
    cached: (key) => summaries.get(key),
    job: (req) =>
      function* () {
        let fitted = fits.get(req.fitKey);
        if (!fitted) {
          fitted = yield* fit(req.options, req.curves, req.trial.seed);
          remember(fits, req.fitKey, fitted);
        }
        const { trial } = req;
        const summary = yield* summariseSteps(
          fitted.result,
          fitted.template,
          {
            horizon: trial.horizon,
            n: trial.n,
            seed: trial.seed,
            design: trial.censoring ? trial.design : undefined,
          },
          { fitKey: req.fitKey, key: req.key },
        );
        remember(summaries, req.key, summary);
        return summary;
      },
  };
}
