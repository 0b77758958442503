import type { StudyDesign } from '../model/types';
import {
  parametersOf,
  type Intensities,
  type ParameterId,
  type TemplateOptions,
} from '../model/markov/template';
import { SAMPLER_VERSION } from '../model/simulate/samplerVersion';
import type { Scenario } from './scenario';

/**
 * What the scenario needs to know about a study preset (a subset of src/data's StudyPreset):
 * horizon and design times in months, fitted intensities per year.
 */
export interface StudyDefaults {
  id: string;
  horizonMonths: number;
  template: TemplateOptions;
  fitted: Intensities | null;
  design: { n: number; arms: { id: string; label: string; n: number }[]; studyDesign: StudyDesign };
}

/** Fallback intensities (per year) used when a study has no fitted values. */
export const FALLBACK_RATE: Record<ParameterId, number> = {
  remission: 0.3,
  remissionComplete: 0.2,
  remissionPartial: 0.1,
  relapse: 0.1,
  reRemission: 0.2,
  deathActive: 0.05,
  deathRemission: 0.01,
  deathRelapse: 0.05,
};

/**
 * The default scenario of a study (and arm, default '' = the whole study): its fitted intensities
 * (per year; `FALLBACK_RATE` without a fit), n, horizon and design (months), seed 'lupus',
 * 200 replicates, censoring on, speed 1, relapse view 'cif', 1-month cycle, playhead at 0.
 * With `compareArms` (default false), a trial with several arms and no arm chosen opens as a
 * comparison of its first two arms (A = the first, B = the second, same intensities: the single
 * vs double MSCT trial reported "no remarkable differences").
 */
export function defaultScenario(study: StudyDefaults, armId = '', compareArms = false): Scenario {
  const arm = study.design.arms.find((a) => a.id === armId);
  const pieces = study.template.breakpoints.length + 1;
  const intensities: Intensities = {};
  for (const p of parametersOf(study.template)) {
    intensities[p] = study.fitted?.[p]?.slice() ?? new Array<number>(pieces).fill(FALLBACK_RATE[p]);
  }
  const scenario: Scenario = {
    study: study.id,
    arm: arm ? arm.id : '',
    template: { ...study.template, breakpoints: [...study.template.breakpoints] },
    intensities,
    targets: null,
    seed: 'lupus',
    n: arm ? arm.n : study.design.n,
    horizon: study.horizonMonths,
    replicates: 200,
    censoring: true,
    design: { ...study.design.studyDesign },
    speed: 1,
    relapseView: 'cif',
    cycle: 1,
    at: 0,
    compare: null,
    sampler: SAMPLER_VERSION,
  };
  const [a, b] = study.design.arms;
  if (compareArms && !arm && a && b) {
    scenario.arm = a.id;
    scenario.n = a.n;
    scenario.compare = {
      label: b.label,
      intensities: structuredClone(intensities),
      n: b.n,
      crn: false,
    };
  }
  return scenario;
}
