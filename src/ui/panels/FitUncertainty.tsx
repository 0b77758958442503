import { useMemo } from 'react';
import { simulatedTimeInState } from '../../model/estimate/simulatedTimeInState';
import { LANES } from '../../model/markov/template';
import type { Cohort, ModelSpec } from '../../model/types';
import {
  formatInterval,
  useCurrentUncertainty,
  useFitIntervals,
  useUncertainty,
  type BandShown,
} from '../uncertainty';

const SHOWN: { id: BandShown; label: string }[] = [
  { id: 'rates', label: 'The rates are uncertain' },
  { id: 'trial', label: 'A trial of this size wobbles' },
  { id: 'both', label: 'Both (predictive)' },
];

/** The band switch: which kind of uncertainty the charts shade. */
export function BandSwitch() {
  const shown = useUncertainty((s) => s.shown);
  const setShown = useUncertainty((s) => s.setShown);
  return (
    <fieldset className="band-switch">
      <legend>Shaded band</legend>
      {SHOWN.map((o) => (
        <label key={o.id}>
          <input
            type="radio"
            name="band-shown"
            value={o.id}
            checked={shown === o.id}
            onChange={() => setShown(o.id)}
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The fit view's "what the figures allow": each fitted value's 95% interval, the expected time in
 * each state with its interval over the drawn rates, beside the simulated trial's own values.
 */
export function FitUncertaintyPanel({ spec, cohort }: { spec: ModelSpec; cohort: Cohort | null }) {
  const fit = useCurrentUncertainty();
  const state = useFitIntervals();
  const simulated = useMemo(() => {
    if (!fit || !cohort || cohort.horizon < fit.timeInState.horizonMonths) return null;
    const t = simulatedTimeInState(cohort, spec.states.length, fit.timeInState.horizonMonths);
    const lanes: Record<string, number> = Object.fromEntries(LANES.map((l) => [l, 0]));
    spec.states.forEach((s, i) => (lanes[s.lane] = (lanes[s.lane] ?? 0) + t.mean[i]!));
    return lanes;
  }, [fit, cohort, spec]);
  if (!fit) {
    return (
      <section className="fit-uncertainty" aria-label="What the figures allow">
        <h3>What the published figures allow</h3>
        <p className="hint">
          {state.status === 'none'
            ? `No intervals for this trial: ${state.reason ?? 'nothing to fit'}`
            : 'Working out a 95% interval for every fitted intensity, a band of the expected course over the rates the figures allow, and the time spent in each state (after the trial’s own simulation)…'}
        </p>
      </section>
    );
  }
  const m = (x: number) => x.toFixed(1);
  const h = fit.timeInState.horizonMonths;
  return (
    <section className="fit-uncertainty" aria-label="What the figures allow">
      <h3>What the published figures allow</h3>
      <BandSwitch />
      {!state.atFit && (
        <p className="hint what-if">
          The sliders differ from the fit. Everything here, the intervals and the rates’ and
          predictive bands, is the fit’s: what the published figures allow does not move with a
          what-if. The dashed expected curves and the simulated trial use your values.
        </p>
      )}
      <p className="hint">
        This switch picks what the charts shade around each curve: the range of the expected course
        over {fit.drawCount} rate sets drawn from what the figures allow (a smooth band; effective
        sample size {Math.round(fit.effectiveSize)} of {fit.proposals} weighed proposals), the range
        of replicate trials at the current rates, or both at once, the predictive range: one trial
        of this size under each drawn rate set. The legend names the band shown.
      </p>
      <table className="interval-table">
        <caption>
          95% profile-likelihood intervals of the fitted intensities (per year). “≤” or “≥” marks an
          end of the searched range: the figures do not rule out values beyond it.
        </caption>
        <thead>
          <tr>
            <th scope="col">Fitted value</th>
            <th scope="col">Estimate</th>
            <th scope="col">Interval</th>
          </tr>
        </thead>
        <tbody>
          {fit.intervals.map((iv) => (
            <tr key={iv.name} className={iv.weaklyIdentified ? 'weak' : undefined}>
              <th scope="row">{iv.name}</th>
              <td>{iv.estimate.toPrecision(3)}</td>
              <td>{formatInterval(iv).replace('95%: ', '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="time-in-state-table">
        <caption>
          Expected months in each state to {h} months (exact, from the cohort trace), with the 95%
          range over {fit.drawCount} rate sets drawn from what the figures allow (seed “{fit.seed}
          ”), and the simulated trial’s own average.
        </caption>
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col">Expected</th>
            <th scope="col">Rates uncertain, 95%</th>
            <th scope="col">Simulated trial</th>
          </tr>
        </thead>
        <tbody>
          {fit.timeInState.lanes.map((l) => (
            <tr key={l.lane}>
              <th scope="row">{l.lane}</th>
              <td>{m(l.months)}</td>
              <td>{l.lower === null || l.upper === null ? '—' : `${m(l.lower)}–${m(l.upper)}`}</td>
              <td>{simulated ? m(simulated[l.lane]!) : '—'}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">life-years alive</th>
            <td>{fit.timeInState.lifeYears.years.toFixed(2)}</td>
            <td>
              {fit.timeInState.lifeYears.lower === null || fit.timeInState.lifeYears.upper === null
                ? '—'
                : `${fit.timeInState.lifeYears.lower.toFixed(2)}–${fit.timeInState.lifeYears.upper.toFixed(2)}`}
            </td>
            <td>{simulated ? ((h - simulated.dead!) / 12).toFixed(2) : '—'}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
