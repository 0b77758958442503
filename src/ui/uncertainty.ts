import { create } from 'zustand';
import { useApp } from './store';
import type { CalibrationResult, IntensityInterval } from '../model/calibrate/calibrate';
import {
  predictiveBands,
  timeInStateSummary,
  type TimeInStateSummary,
} from '../model/calibrate/drawSummaries';
import { monthlyGrid, type CurveId } from '../model/estimate/curves';
import { cohortTrace } from '../model/markov/trace';
import type { BandValues } from '../model/simulate/replicates';
import type { ModelSpec, StudyDesign, Trace } from '../model/types';
import { buildModel, type ParameterId, type TemplateOptions } from '../model/markov/template';
import type { Target } from '../model/types';

/**
 * What the published figures allow, from the last fit (issue 16): the fitted values' 95%
 * profile-likelihood intervals, the seeded parameter draws' band around the expected course and
 * the time in each state with its interval. Kept apart from the scenario store: it is a result of
 * the Fit button, valid while the structure, the figures and the seed stay those it was fitted
 * to (`key`), whatever the sliders do afterwards.
 */
export interface FitUncertainty {
  /** The structure, figures and seed the fit used (JSON): shown only while they still hold. */
  key: string;
  seed: string;
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

/** Which band the charts show: the rates' uncertainty, a trial's wobble, or both. */
export type BandShown = 'rates' | 'trial' | 'both';

interface UncertaintyState {
  fit: FitUncertainty | null;
  shown: BandShown;
  setFit: (fit: FitUncertainty | null) => void;
  setShown: (shown: BandShown) => void;
}

export const useUncertainty = create<UncertaintyState>((set) => ({
  fit: null,
  shown: 'both',
  setFit: (fit) => set({ fit }),
  setShown: (shown) => set({ shown }),
}));

/** The key of a fit: structure, figures and seed. */
export const uncertaintyKey = (
  template: TemplateOptions,
  targets: readonly Target[] | null,
  seed: string,
): string => JSON.stringify({ template, targets, seed });

/** Draws the Fit button asks for (seeded from the scenario seed). */
export const FIT_DRAWS = 200;

/** Summarises a fit's intervals and draws for the screen (bands to `horizon` months). */
export function summariseFit(
  result: CalibrationResult,
  template: TemplateOptions,
  trial: { horizon: number; n: number; seed: string; design: StudyDesign | undefined },
  key: string,
): FitUncertainty | null {
  const horizon = trial.horizon;
  if (!result.intervals || !result.draws) return null;
  const sets = result.draws.sets;
  return {
    key,
    seed: result.draws.seed,
    intervals: result.intervals,
    drawCount: sets.length,
    effectiveSize: result.draws.effectiveSize,
    proposals: result.draws.proposals,
    drawTraces: sets.map((set) => {
      const spec = buildModel(template, set);
      return { spec, trace: cohortTrace(spec, { horizonMonths: horizon, stepMonths: 1 }) };
    }),
    predictive: (() => {
      const grid = monthlyGrid(horizon);
      const b = predictiveBands(template, sets, {
        n: trial.n,
        horizonMonths: horizon,
        seed: trial.seed,
        grid,
        design: trial.design,
      });
      return { grid, bands: b };
    })(),
    timeInState: timeInStateSummary(template, result.intensities, sets, horizon),
  };
}

/**
 * The interval of one slider (parameter, piece) among a fit's intervals: names are `parameter`,
 * `parameter[i]` (piece i, 1-based) or tied groups `a=b`.
 */
export function intervalOf(
  intervals: readonly IntensityInterval[],
  parameter: ParameterId,
  piece: number,
): IntensityInterval | undefined {
  return intervals.find((iv) => {
    const m = /^(.*?)(?:\[(\d+)\])?$/.exec(iv.name);
    if (!m) return false;
    const members = m[1]!.split('=');
    return members.includes(parameter) && (m[2] === undefined || Number(m[2]) - 1 === piece);
  });
}

/** "95%: 0.105–0.191" with search-range ends as "≤"/"≥" and a weak flag. */
export function formatInterval(iv: IntensityInterval): string {
  const f = (x: number) => x.toPrecision(2);
  const lo = `${iv.lowerAtSearchEnd ? '≤ ' : ''}${f(iv.lower)}`;
  const hi = `${iv.upperAtSearchEnd ? '≥ ' : ''}${f(iv.upper)}`;
  return `95%: ${lo}–${hi}${iv.weaklyIdentified ? ' (weakly identified)' : ''}`;
}

/** The last fit's uncertainty while the scenario still has its structure, figures and seed. */
export function useCurrentUncertainty(): FitUncertainty | null {
  const scenario = useApp((s) => s.trial);
  const fit = useUncertainty((s) => s.fit);
  return fit && fit.key === uncertaintyKey(scenario.template, scenario.targets, scenario.seed)
    ? fit
    : null;
}
