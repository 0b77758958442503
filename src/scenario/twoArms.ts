import { getStudy, type StudyPreset } from '../data';
import { PARAMETER_INFO, parametersOf, type ParameterId } from '../model/markov/template';
import type { Scenario } from './scenario';

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
export function armRateSources(scenario: Scenario): ArmRateSource[] {
  const study = getStudy(scenario.study);
  const params = parametersOf(scenario.template);
  const arms = study?.design.arms ?? [];
  const labelA = arms.find((a) => a.id === scenario.arm)?.label ?? 'Arm A';
  const out: ArmRateSource[] = [];
  const describe = (
    arm: 'A' | 'B',
    label: string,
    n: number,
    rates: Scenario['intensities'],
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
