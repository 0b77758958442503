import type { CalibrationOptions } from '../model/calibrate/calibrate';
import { parametersOf, type Intensities } from '../model/markov/template';
import type { Target } from '../model/types';
import { fixedIntensities, getStudy } from '../data';
import type { StudyPreset } from '../data';

/**
 * A study's calibration plan as options for `calibrate`: its primary targets (or the given
 * ones), its fixed pieces, tied and piecewise parameters, and, for studies that report too
 * little, the intensities borrowed from another study's fitted values (every parameter outside
 * `freeParameters` is pinned to them).
 */
export function calibrationOptions(study: StudyPreset, targets?: Target[]): CalibrationOptions {
  const plan = study.calibration;
  const fixed: Intensities = fixedIntensities(study);
  if (plan.borrowFrom && plan.freeParameters) {
    const from = getStudy(plan.borrowFrom.studyId);
    const borrowed = from?.fitted;
    if (!borrowed)
      throw new Error(
        `Study ${study.id} borrows from ${plan.borrowFrom.studyId}, which has no fitted values.`,
      );
    const pieces = study.template.breakpoints.length + 1;
    for (const p of parametersOf(study.template)) {
      if (plan.freeParameters.includes(p) || fixed[p]) continue;
      const v = borrowed[p];
      if (v) fixed[p] = Array.from({ length: pieces }, (_, i) => v[Math.min(i, v.length - 1)]!);
    }
  }
  const ids = new Set(plan.targetIds);
  return {
    template: study.template,
    targets: targets ?? study.figures.filter((f) => ids.has(f.id)),
    fixed,
    tied: plan.tied?.map((t) => t.parameters),
    piecewise: plan.piecewise,
  };
}
