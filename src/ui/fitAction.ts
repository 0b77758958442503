import type { CalibrationOptions, CalibrationResult } from '../model/calibrate/calibrate';
import { studyOf } from '../scenario/builtIn';
import { fittedIntensities, planFit } from '../scenario/fit';
import { useApp } from './store';
import type { DigitisedCurve } from '../scenario/digitisedCurves';

/**
 * The Fit button: plans the fit of the store's trial with `planFit` (the same decision as the
 * CLI's `--fit`), runs the calibration (in the worker in the app; tests pass `calibrate` itself),
 * puts `fittedIntensities` into the scenario and says what happened in a notice.
 */
export async function fitStoreScenario(
  calibrateIn: (
    options: Omit<CalibrationOptions, 'extraTerms'>,
    curves: DigitisedCurve[],
  ) => Promise<CalibrationResult>,
): Promise<void> {
  const { trial: scenario, setIntensities, notify, curves } = useApp.getState();
  try {
    // The curves' terms are built here only to plan (a study without figures can be fitted to
    // its curves); the calibration builds its own from the curves (functions do not cross to
    // the worker).
    // (Loaded on demand: the reconstruction stays out of the first screen's script.)
    const { curveTerms } = await import('../scenario/digitisedCurves');
    const { options: planned, left } = planFit(scenario, studyOf(scenario), curveTerms(curves));
    const { extraTerms: _terms, ...options } = planned;
    // The intervals and draws of this same fit are worked out in the background for every
    // trial (uncertaintySync.ts): the button only puts the fitted values into the sliders.
    const result = await calibrateIn(options, curves);
    setIntensities(fittedIntensities(result));
    notify({
      kind: result.feasible ? 'info' : 'warning',
      title: result.feasible
        ? `Fitted: ${result.fit.filter((r) => r.inside).length} of ${result.fit.length} figures inside their 95% intervals.${curves.length ? ` Also fitted to the reconstructed patients of: ${curves.map((c) => c.label).join(', ')} (see the fit table).` : ''}${left.length ? ` Not fitted (the structure cannot express them, e.g. complete/partial without split remission, or they are read at each patient's own follow-up): ${left.join(', ')}.` : ''}`
        : `No model of this structure meets these figures together. In conflict: ${result.conflicts.map((g) => g.join(' + ')).join('; ') || 'see the fit table'}.`,
      problems: [],
    });
  } catch (err) {
    notify({
      kind: 'warning',
      title: 'The fit failed',
      problems: [
        {
          field: 'calibration',
          message: err instanceof Error ? err.message : String(err),
          used: 'the current intensities',
        },
      ],
    });
  }
}
