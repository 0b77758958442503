/**
 * A simulated study and its "published figure" for the reconstruction tests: patients from a known
 * model (seeded), their Kaplan–Meier curve read at a few dozen points with digitising noise, and
 * the numbers at risk at yearly times, as a reader of the paper would have them.
 */

import { kaplanMeier, type KaplanMeier } from '../../../src/model/estimate/kaplanMeier';
import { overallSurvivalData } from '../../../src/model/estimate/cohortQueries';
import {
  buildModel,
  DEFAULT_TEMPLATE_OPTIONS,
  type Intensities,
} from '../../../src/model/markov/template';
import { simulateCohort } from '../../../src/model/simulate/microsim';
import { createStream } from '../../../src/model/simulate/random';
import type { AtRiskRow, DigitisedPoint } from '../../../src/model/reconstruct/digitised';

/** The known model: constant intensities per year. */
export const TRUTH: Required<
  Pick<Intensities, 'remission' | 'relapse' | 'deathActive' | 'deathRemission' | 'deathRelapse'>
> = {
  remission: [0.5],
  relapse: [0.3],
  deathActive: [0.45],
  deathRemission: [0.2],
  deathRelapse: [0.6],
};

export interface SimulatedFigure {
  /** The true patients (months; 1 = death). */
  time: Float64Array;
  event: Uint8Array;
  km: KaplanMeier;
  curve: DigitisedPoint[];
  atRisk: AtRiskRow[];
  /** Digitised times, sorted (months): the spacing around a time is the horizontal tolerance. */
  clicks: number[];
  events: number;
}

/**
 * `n` patients over 24 months of accrual, cut-off at 60 months, 5%/year lost (median survival
 * about 2 years, as in many trials that publish a KM figure); the KM of overall
 * survival read at `points` step corners at roughly even times, each read off by up to
 * ±0.1 months and ±0.005 in survival (half a percentage point: a pixel or two on a printed
 * figure), so some points climb above the one before.
 */
export function simulatedFigure(
  seed: string,
  n: number,
  points: number,
  truth: Intensities = TRUTH,
): SimulatedFigure {
  const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, truth);
  const cohort = simulateCohort(spec, {
    n,
    horizonMonths: 60,
    seed,
    design: { accrualMonths: 24, cutoffMonths: 60, lossPerYear: 0.05 },
  });
  const { time, event } = overallSurvivalData(cohort, spec);
  const km = kaplanMeier(time, event);
  // A reader clicks along the curve at roughly even times, on the corner of the step there
  // (the foot of the last drop, or the flat part when nothing dropped since the last click),
  // each read a little off.
  const rng = createStream(seed, 'digitise');
  const curve: DigitisedPoint[] = [];
  const end = km.time[km.time.length - 1]!;
  let previous = -1;
  for (let j = 1; j <= points; j++) {
    const tau = (j / points) * end;
    const i = km.time.findLastIndex((x) => x <= tau);
    const at = i > previous ? km.time[i]! : tau;
    previous = i;
    const read = at + (rng.next() - 0.5) * 0.2;
    const s = (i < 0 ? 1 : km.survival[i]!) + (rng.next() - 0.5) * 0.01;
    curve.push({ time: Math.max(0, read), survival: Math.min(1, Math.max(0, s)), line: j });
  }
  const clicks = curve.map((p) => p.time).sort((a, b) => a - b);
  const atRisk: AtRiskRow[] = [];
  for (let y = 0; y * 12 <= (clicks[clicks.length - 1] ?? 0); y++) {
    let k = 0;
    for (const x of time) if (x >= y * 12) k++;
    atRisk.push({ time: y * 12, atRisk: k, line: y + 1 });
  }
  let events = 0;
  for (const e of event) events += e;
  return { time, event, km, curve, atRisk, clicks, events };
}

/** The KM median: first time the curve is at or below 0.5 (NaN if never), as R's survfit. */
export function kmMedian(km: KaplanMeier): number {
  const i = km.survival.findIndex((s) => s <= 0.5);
  return i < 0 ? NaN : km.time[i]!;
}

/** The width of the gap between the digitised times around `t` (months). */
export function spacingAt(clicks: readonly number[], t: number): number {
  const j = clicks.findIndex((x) => x > t);
  if (j < 0) return 0;
  return clicks[j]! - (j > 0 ? clicks[j - 1]! : 0);
}
