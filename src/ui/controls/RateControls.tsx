import { parametersOf, PARAMETER_INFO, type ParameterId } from '../../model/markov/template';
import type { ScenarioProblem } from '../../scenario/problems';
import { useApp } from '../store';
import { RateSlider } from './RateSlider';
import { formatInterval, intervalOf, uncertaintyKey, useUncertainty } from '../uncertainty';

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
  const notify = useApp((s) => s.notify);
  const params = parametersOf(scenario.template);
  const pieces = pieceLabels(scenario.template.breakpoints);
  const arms: ('A' | 'B')[] = scenario.compare ? ['A', 'B'] : ['A'];
  const uncertain = useUncertainty((s) => s.fit);
  // Intervals of the last fit, while the structure, figures and seed are those it fitted.
  const intervals =
    uncertain &&
    uncertain.key === uncertaintyKey(scenario.template, scenario.targets, scenario.seed)
      ? uncertain.intervals
      : null;

  const invalid = (problem: ScenarioProblem) =>
    notify({ kind: 'warning', title: 'A typed value was not used', problems: [problem] });

  return (
    <section className="panel rates" aria-labelledby="rates-heading">
      <h2 id="rates-heading">Transition intensities</h2>
      <p className="hint">Per year. Drag, or type a number and press Enter.</p>
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
                interval={(() => {
                  const iv = arm === 'A' && intervals ? intervalOf(intervals, p, piece) : undefined;
                  return iv ? formatInterval(iv) : undefined;
                })()}
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
