import { getStudy, type StudyPreset } from '../data';
import type { CoxBinaryFit } from '../model/estimate/coxBinary';
import type { LogRankTest } from '../model/estimate/logRank';
import type { SurvivalQuantile } from '../model/estimate/medianSurvival';
import type { PowerEstimate } from '../model/estimate/power';
import { PARAMETER_INFO, parametersOf, type ParameterId } from '../model/markov/template';
import type { Trial } from './scenario';

/**
 * What a two-arm comparison says in words, for the screen, the exports and the CLI alike: where
 * each arm's intensities come from, and what the difference band answers in each of its two modes.
 */

/** Where one arm's intensities come from. */
export interface ArmRateSource {
  arm: 'A' | 'B';
  /** The arm's name ("Single MSCT", or what the user typed for arm B). */
  label: string;
  /** Patients in the arm. */
  n: number;
  /** One sentence: which published figures the intensities were fitted to, or that they were set by hand. */
  source: string;
  /** Parameters whose value differs from the study's fitted one (set on the sliders or by the link). */
  changed: ParameterId[];
}

/** The study whose figures the study's fitted intensities come from (itself, or its borrowFrom). */
function fittedFrom(study: StudyPreset): { study: StudyPreset; borrowed: boolean } {
  const own = study.calibration.targetIds.length > 0;
  const from = study.calibration.borrowFrom ? getStudy(study.calibration.borrowFrom.studyId) : null;
  if (!own && from) return { study: from, borrowed: true };
  return { study, borrowed: false };
}

/**
 * Where each arm's intensities come from (arm A always, arm B when comparing). A study that
 * reports no per-arm figures gives both arms the intensities fitted to the whole study, or, when
 * it reports nothing to fit (rct2012), those of the study it borrows from: the sentence says so.
 */
export function armRateSources(scenario: Trial): ArmRateSource[] {
  const study = getStudy(scenario.study);
  const params = parametersOf(scenario.template);
  const arms = study?.design.arms ?? [];
  const labelA = arms.find((a) => a.id === scenario.arm)?.label ?? 'Arm A';
  const out: ArmRateSource[] = [];
  const describe = (
    arm: 'A' | 'B',
    label: string,
    n: number,
    rates: Trial['intensities'],
  ): ArmRateSource => {
    const changed = study?.fitted
      ? params.filter((p) => {
          const a = rates[p] ?? [];
          const b = study.fitted?.[p] ?? [];
          return a.length !== b.length || a.some((v, i) => v !== b[i]);
        })
      : params;
    let base: string;
    if (!study || !study.fitted) {
      base = 'default intensities (no fitted values for this study)';
    } else {
      const from = fittedFrom(study);
      const whose = `${from.study.shortName}`;
      base = from.borrowed
        ? `the intensities fitted to ${whose}, because ${study.shortName} reports no figure to fit${arms.length > 1 ? ' for either arm' : ''}`
        : arms.length > 1
          ? `the intensities fitted to the whole of ${whose} (it reports no per-arm figures)`
          : `the intensities fitted to ${whose}`;
    }
    const hand =
      changed.length === 0
        ? ''
        : changed.length === params.length && study?.fitted
          ? '; every intensity set by hand'
          : `; set by hand: ${changed.map((p) => PARAMETER_INFO[p].label.toLowerCase()).join(', ')}`;
    return { arm, label, n, source: `${base}${hand}.`, changed };
  };
  out.push(describe('A', labelA, scenario.n, scenario.intensities));
  const c = scenario.compare;
  if (c) out.push(describe('B', c.label || 'Arm B', c.n, c.intensities));
  return out;
}

/** The two ways of drawing chance into the difference of two arms. */
export type DifferenceMode = 'independent' | 'crn';

/** Each mode's name, the question it answers and its caption under the difference charts. */
export const DIFFERENCE_MODES: Record<
  DifferenceMode,
  { name: string; question: string; caption: string }
> = {
  independent: {
    name: 'Independent patients in each arm',
    question: 'Could trials of this size show this by chance?',
    caption:
      'Each replicate pair is two trials of different patients, as in a real randomised trial. ' +
      'Where the shaded range covers the zero line, trials of this size could show no difference ' +
      '(or this difference) by chance alone.',
  },
  crn: {
    name: 'The same patients under each treatment',
    question: 'How much of the difference comes from the treatment itself?',
    caption:
      'Each replicate pair is one set of patients run under both treatments (common random ' +
      'numbers): the chance that differs between real arms cancels out, so the narrow range shows ' +
      'the effect of the changed intensities alone. It is not what a trial of two groups sees.',
  },
};

/** The mode of a comparison. */
export function differenceMode(crn: boolean): DifferenceMode {
  return crn ? 'crn' : 'independent';
}

// ---------------------------------------------------------------------------------------------
// The words and numbers of a two-arm comparison, as the screen and the CLI print them.

/** A p-value as a trial report prints it: "p = 0.065", "p < 0.001"; "no test" when there is none. */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return 'no test (no events)';
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p >= 0.1 ? p.toFixed(2) : p.toPrecision(2)}`;
}

/** "log-rank χ² = 3.40 (1 df), p = 0.065", or why there is no test. */
export function formatLogRank(t: LogRankTest): string {
  if (!Number.isFinite(t.chiSquare)) return 'log-rank: no test (no events in either arm)';
  return `log-rank χ² = ${t.chiSquare.toFixed(2)} (1 df), ${formatPValue(t.pValue)}`;
}

/**
 * "HR (B vs A) 2.50, 95% CI 0.92–6.81" (Cox, Efron ties, Wald interval), or why it has no finite
 * estimate (an arm without events).
 */
export function formatHazardRatio(c: CoxBinaryFit): string {
  switch (c.estimability) {
    case 'finite':
      return `HR (B vs A) ${c.hazardRatio.toFixed(2)}, 95% CI ${c.lower.toFixed(2)}–${c.upper.toFixed(2)}`;
    case 'minusInfinity':
      return 'HR (B vs A) not estimable: no events in arm B while arm A had some (HR → 0)';
    case 'plusInfinity':
      return 'HR (B vs A) not estimable: no events in arm A while arm B had some (HR → ∞)';
    default:
      return 'HR not estimable: no events';
  }
}

/** "median 31.0 months (95% CI 18.0–not reached)", or "median not reached". Months. */
export function formatMedian(q: SurvivalQuantile): string {
  const m = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'not reached');
  if (!Number.isFinite(q.value)) {
    return Number.isFinite(q.lower)
      ? `median not reached (95% CI from ${m(q.lower)} months)`
      : 'median not reached';
  }
  return `median ${m(q.value)} months (95% CI ${m(q.lower)}–${m(q.upper)})`;
}

/**
 * "A trial of 30 vs 28 would detect this difference (log-rank p < 0.05) in 12% of 200 trials
 * (95% CI 8–17%)." With `sameArms` (both arms have the same intensities) there is no difference
 * to detect, and the share is the test's false-positive rate: the sentence says so.
 */
export function formatPower(p: PowerEstimate, nA: number, nB: number, sameArms = false): string {
  if (!Number.isFinite(p.power)) return 'Power: no replicate trials (set replicates above 0).';
  const pc = (x: number) => `${Math.round(100 * x)}%`;
  const share = `${pc(p.power)} of ${p.trials} trials (95% CI ${Math.round(100 * p.lower)}–${pc(p.upper)})`;
  if (sameArms) {
    return (
      `Both arms have the same intensities, so there is nothing to detect; still, ` +
      `${pc(p.power)} of ${p.trials} trials of ${nA} vs ${nB} (95% CI ` +
      `${Math.round(100 * p.lower)}–${pc(p.upper)}) reach log-rank p < ${p.alpha} by chance ` +
      `alone: the test's false-positive rate, ${pc(p.alpha)} by design.`
    );
  }
  return `A trial of ${nA} vs ${nB} would detect this difference (log-rank p < ${p.alpha}) in ${share}.`;
}

/** Whether both arms of a comparison have the same intensities (nothing differs but chance). */
export function sameIntensities(scenario: Trial): boolean {
  const c = scenario.compare;
  if (!c) return false;
  return parametersOf(scenario.template).every((p) => {
    const a = scenario.intensities[p] ?? [];
    const b = c.intensities[p] ?? [];
    return a.length === b.length && a.every((v, i) => v === b[i]);
  });
}
