import type { DigitisedCurve } from '../scenario/digitisedCurves';
import { canonical, type Trial } from '../scenario/scenario';

/**
 * When "what the published figures allow" must be worked out again (issue 16): the fit's inputs
 * and the summary's. Small and pure, for the main thread (the work itself is in the worker,
 * `uncertaintyJob.ts`).
 *
 * - `fitKey`: the study and arm, the structure, the figures, the digitised curves in the fit,
 *   and the seed (the draws are seeded from it). The intervals belong to these.
 * - `key`: `fitKey` and what the bands also depend on: patients per trial (the predictive
 *   band), the horizon and the censoring.
 *
 * The intensities are in neither: the intervals are those of the fit to the figures, whatever
 * the sliders say (moving one is a what-if, not new evidence), and the playhead, the speed and
 * the other view settings are not part of a trial at all.
 */
export interface UncertaintyKeys {
  fitKey: string;
  key: string;
}

/** The fields of a trial the keys read. */
export type KeyedTrial = Pick<
  Trial,
  'study' | 'arm' | 'template' | 'targets' | 'seed' | 'n' | 'horizon' | 'censoring' | 'design'
>;

export function uncertaintyKeys(
  trial: KeyedTrial,
  curves: readonly DigitisedCurve[],
): UncertaintyKeys {
  const { study, arm, template, targets, seed } = trial;
  const fitKey = JSON.stringify(canonical({ study, arm, template, targets, seed, curves }));
  const key = JSON.stringify(
    canonical({
      fitKey,
      n: trial.n,
      horizon: trial.horizon,
      design: trial.censoring ? trial.design : null,
    }),
  );
  return { fitKey, key };
}

/**
 * Whether the sliders are at the fit: every intensity within 0.1% of the fitted one (the fit
 * puts values rounded to four significant digits into the scenario, and presets store theirs
 * the same way).
 */
export function atFit(
  current: Partial<Record<string, readonly number[]>>,
  fitted: Partial<Record<string, readonly number[]>>,
): boolean {
  for (const [p, values] of Object.entries(fitted)) {
    const now = current[p];
    if (!values || !now || now.length !== values.length) return false;
    for (let i = 0; i < values.length; i++) {
      const f = values[i]!;
      const c = now[i]!;
      if (Math.abs(c - f) > 1e-3 * Math.max(Math.abs(f), 1e-12)) return false;
    }
  }
  return true;
}
