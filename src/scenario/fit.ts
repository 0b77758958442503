import type { StudyPreset } from '../data';
import { calibrationOptions } from './calibrationPlan';
import type { CalibrationOptions, CalibrationResult } from '../model/calibrate/calibrate';
import type { LogLikTerm } from '../model/calibrate/reconstructedLikelihood';
import { fittable, supportsQuantity } from '../model/estimate/proportions';
import {
  buildModel,
  sameTemplate,
  type Intensities,
  type ParameterId,
} from '../model/markov/template';
import type { Trial } from './scenario';

/**
 * Intensity sets drawn from what the published figures allow, seeded from the scenario seed: the
 * browser's bands and the CLI's `--fit` draw the same number, so they print the same draws.
 */
export const FIT_DRAWS = 200;

/**
 * What a fit calibrates: the one decision behind the browser's Fit button, the CLI's `--fit` and
 * scripts/fit-presets.ts, so all three give the same intensities for the same scenario.
 *
 * - A trial with the study's own structure and no typed-in figures fits the study's calibration
 *   plan (its fixed, tied and piecewise intensities and borrowed values: `calibrationOptions`).
 * - Otherwise the plan does not hold (it is written for the study's own structure and figures):
 *   every intensity of the trial's structure is free, fitted to the trial's figures (or the
 *   study's primary ones).
 * - Figures the structure cannot express (complete or partial remission without split remission),
 *   and figures read at each patient's own follow-up (which depend on the study design, not
 *   modelled by the calibrator), are left out and named.
 * - Digitised curves (`terms`: the likelihood of their reconstructed patients) are fitted beside
 *   the figures; with curves, a study without figures can be fitted to them alone.
 */
export interface FitPlan {
  options: CalibrationOptions;
  /** Where the figures come from: the study's plan, or the trial's own (typed-in) list. */
  targetSource: 'study' | 'scenario';
  /** Ids of figures left out: the structure cannot express them, or they cannot be fitted. */
  left: string[];
}

/** Plans the fit of a trial of a built-in study; throws an Error saying why there is nothing to fit. */
export function planFit(
  trial: Pick<Trial, 'template' | 'intensities' | 'targets'>,
  study: StudyPreset,
  terms: readonly LogLikTerm[] = [],
): FitPlan {
  const curves = terms.length > 0;
  if (trial.targets && trial.targets.length === 0 && !curves)
    throw new Error('The scenario has an empty target list (t=): there is nothing to fit.');
  const plan = calibrationOptions(study);
  const wanted = trial.targets ?? plan.targets;
  if (wanted.length === 0 && !curves)
    throw new Error(`Study ${study.id} has no calibration targets: there is nothing to fit.`);
  const spec = buildModel(trial.template, trial.intensities);
  const targets = wanted.filter((t) => supportsQuantity(spec, t.quantity) && fittable(t.quantity));
  const left = wanted.filter((t) => !targets.includes(t)).map((t) => t.id);
  if (targets.length === 0 && !curves)
    throw new Error('None of the figures can be expressed by this model structure.');
  const ownPlan = sameTemplate(trial.template, study.template) && !trial.targets;
  const options: CalibrationOptions = ownPlan ? plan : { template: trial.template, targets };
  return {
    options: curves ? { ...options, extraTerms: [...terms] } : options,
    targetSource: trial.targets ? 'scenario' : 'study',
    left,
  };
}

/** Rounds intensities (per year) to four significant digits, as the presets store them. */
export function roundIntensities(intensities: Intensities): Intensities {
  const out: Intensities = {};
  for (const [k, v] of Object.entries(intensities) as [ParameterId, number[]][]) {
    out[k] = v.map((x) => (x === 0 ? 0 : Number(x.toPrecision(4))));
  }
  return out;
}

/**
 * The intensities a fit puts into the scenario: the calibration's, to four significant digits
 * (links stay short and readable, and the presets store theirs the same way).
 */
export function fittedIntensities(result: Pick<CalibrationResult, 'intensities'>): Intensities {
  return roundIntensities(result.intensities);
}
