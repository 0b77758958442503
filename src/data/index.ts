/**
 * The built-in studies: one preset per published study (see `studyTypes.ts` for the shape) and
 * lookups over them. The cohorts overlap (all from the Nanjing Drum Tower programme): figures of
 * different studies are never pooled as if independent.
 */
import { followup2018 } from './followup2018';
import { fouryear2013 } from './fouryear2013';
import { multicentre2012 } from './multicentre2012';
import { pilot2010 } from './pilot2010';
import { rct2012 } from './rct2012';
import type { Intensities } from '../model/markov/template';
import type { StudyFigure, StudyPreset } from './studyTypes';
import { uc2010 } from './uc2010';

export type * from './studyTypes';
export { followup2018, fouryear2013, multicentre2012, pilot2010, rct2012, uc2010 };

/** Every built-in study, in order of publication. */
export const STUDIES: readonly StudyPreset[] = [
  pilot2010,
  uc2010,
  rct2012,
  multicentre2012,
  fouryear2013,
  followup2018,
];

/** The study a fresh scenario opens with: the 5-year follow-up of 81 patients. */
export const DEFAULT_STUDY_ID = 'followup2018';

/** The study with this id, or `undefined` when there is none. */
export function getStudy(id: string): StudyPreset | undefined {
  return STUDIES.find((s) => s.id === id);
}

/** Every k/n figure of every study (context figures included), each tagged with its study id. */
export const ALL_FIGURES: readonly StudyFigure[] = STUDIES.flatMap((s) =>
  s.figures.map((f) => ({ ...f, studyId: s.id })),
);

/** The figure with this id (ids are unique across studies), or `undefined`. */
export function getFigure(id: string): StudyFigure | undefined {
  return ALL_FIGURES.find((f) => f.id === id);
}

/**
 * The study's calibration constraints in the calibrator's `fixed` form: one array per constrained
 * parameter with one entry per time piece, a number pinning that piece and `NaN` leaving it free
 * (e.g. `{ relapse: [0, NaN] }` for no relapse before month 6). Parameters outside
 * `freeParameters` are *not* included: they come from `borrowFrom`'s fitted intensities.
 */
export function fixedIntensities(study: StudyPreset): Intensities {
  const pieces = study.template.breakpoints.length + 1;
  const out: Intensities = {};
  for (const f of study.calibration.fixed ?? []) {
    const arr = out[f.parameter] ?? new Array<number>(pieces).fill(Number.NaN);
    if (f.piece === undefined) arr.fill(f.ratePerYear);
    else arr[f.piece] = f.ratePerYear;
    out[f.parameter] = arr;
  }
  return out;
}
