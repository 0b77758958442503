import { parametersOf, PARAMETER_INFO, type ParameterId } from '../../model/markov/template';
import { useApp } from '../store';
import { RateSlider } from './RateSlider';
import { useRefuseTyped } from './fields';
import { formatInterval, intervalOf, useFitIntervals, type IntervalsState } from '../uncertainty';

/** Labels of the time pieces, e.g. ["0–6 mo", "after 6 mo"]. */
export function pieceLabels(breakpoints: readonly number[]): string[] {
  if (breakpoints.length === 0) return [''];
  return breakpoints
    .map((b, i) => `${i === 0 ? 0 : breakpoints[i - 1]}–${b} mo`)
    .concat(`after ${breakpoints[breakpoints.length - 1]} mo`);
}

/** The id of the slider for a parameter's piece (the state diagram focuses it). */
export const sliderId = (arm: 'A' | 'B', param: ParameterId, piece: number) =>
  `rate-${arm}-${param}-${piece}`;

/**
 * One slider per transition intensity (per year), grouped by transition, for arm A (and arm B
 * in the comparison), with reset and fit actions.
 */
export function RateControls({ onFit, fitting }: { onFit: () => void; fitting: boolean }) {
  const scenario = useApp((s) => s.trial);
  const setIntensity = useApp((s) => s.setIntensity);
  const reset = useApp((s) => s.resetIntensities);
  const focusParam = useApp((s) => s.focusParam);
  const focusRequest = useApp((s) => s.focusRequest);
  const params = parametersOf(scenario.template);
  const pieces = pieceLabels(scenario.template.breakpoints);
  const arms: ('A' | 'B')[] = scenario.compare ? ['A', 'B'] : ['A'];
  // What the figures allow: worked out in the background for the trial's fit (issue 16).
  const fitIntervals = useFitIntervals();

  const invalid = useRefuseTyped();

  return (
    <section className="panel rates" aria-labelledby="rates-heading">
      <h2 id="rates-heading">Transition intensities</h2>
      <p className="hint">Per year. Drag, or type a number and press Enter.</p>
      <p
        className="rate-status hint"
        aria-live="polite"
        data-status={fitIntervals.status}
        title={statusLine(fitIntervals)}
      >
        {statusLine(fitIntervals)}
      </p>
      <div className="rate-actions">
        <button type="button" onClick={reset}>
          Reset to fitted
        </button>
        <button type="button" onClick={onFit} disabled={fitting} aria-busy={fitting}>
          {fitting ? 'Fitting…' : 'Fit to published figures'}
        </button>
      </div>
      {params.map((p) => (
        <fieldset key={p} className="rate-group">
          <legend>
            {PARAMETER_INFO[p].from} → {PARAMETER_INFO[p].to}
          </legend>
          {arms.map((arm) => {
            const values =
              (arm === 'A' ? scenario.intensities[p] : scenario.compare?.intensities[p]) ?? [];
            return values.map((v, piece) => (
              <RateSlider
                key={`${arm}-${piece}`}
                id={sliderId(arm, p, piece)}
                label={[
                  arms.length > 1 ? (arm === 'A' ? 'A' : 'B') : '',
                  PARAMETER_INFO[p].label,
                  pieces[piece] ?? '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
                value={v}
                focus={
                  focusParam === p && arm === 'A' && piece === values.length - 1 ? focusRequest : 0
                }
                interval={arm === 'A' ? sliderInterval(fitIntervals, p, piece, v) : undefined}
                onChange={(x) => setIntensity(p, piece, x, arm)}
                onInvalid={invalid}
              />
            ));
          })}
        </fieldset>
      ))}
    </section>
  );
}

/** The line under the hint: where the intervals stand and what they are the intervals of. */
function statusLine(s: IntervalsState): string {
  if (s.status === 'computing') return 'Working out what the published figures allow…';
  // The full reason is in the fit view's "What the published figures allow" (and the title).
  if (s.status === 'none')
    return /nothing to fit/.test(s.reason ?? '')
      ? 'No intervals: these figures give nothing to fit.'
      : `No intervals: ${s.reason ?? 'no fit'}`;
  // A what-if away from the fit is a one-way sensitivity analysis: it is not new evidence, so
  // the intervals (and the rates' band) stay those of the fit to the figures.
  return s.atFit
    ? 'Under each fitted value: the 95% interval the published figures allow.'
    : 'Your values differ from the fit: the intervals are the fit’s, not your values’.';
}

/**
 * The interval line under one slider of arm A: the interval (at the fitted value), or the fit's
 * value and interval (moved away; `outside` when the value lies beyond it), "not fitted" for a
 * value the fit holds fixed, and a short "computing" while the worker works (the line keeps its
 * height throughout, so nothing below it moves).
 */
function sliderInterval(
  s: IntervalsState,
  p: ParameterId,
  piece: number,
  value: number,
): { text: string; outside?: boolean } {
  if (s.status === 'computing') return { text: '95%: computing…' };
  if (!s.fit) return { text: '' };
  const iv = intervalOf(s.fit.intervals, p, piece);
  if (!iv) return { text: 'not fitted (fixed or held)' };
  if (Math.abs(value - iv.estimate) <= 1e-3 * iv.estimate) return { text: formatInterval(iv) };
  return {
    text: `fit ${iv.estimate.toPrecision(2)}, ${formatInterval(iv)}`,
    outside: value < iv.lower || value > iv.upper,
  };
}
