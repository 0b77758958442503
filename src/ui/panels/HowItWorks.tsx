import { CHART_CURVES, CURVE_WORDS } from '../curves/curveCatalogue';
import { useApp } from '../store';
import { useCurrentUncertainty } from '../uncertainty';

/** The "how this works" tab: the model and the statistics in plain words. */
export function HowItWorks() {
  const replicates = useApp((st) => st.trial.replicates);
  const n = useApp((st) => st.trial.n);
  const fit = useCurrentUncertainty();
  const first = fit?.intervals.find((iv) => !iv.weaklyIdentified);
  const weak = fit?.intervals.filter((iv) => iv.weaklyIdentified).map((iv) => iv.name) ?? [];
  const ly = fit?.timeInState.lifeYears;
  return (
    <div className="how">
      <h3>Reading the charts</h3>
      <p>
        Each chart tells one story; the curves are named at their right ends, and the legend under
        each chart names what the lines and shapes mean:
      </p>
      <dl className="how-words">
        <dt>{CURVE_WORDS.trial.label}</dt>
        <dd>{CURVE_WORDS.trial.explain}</dd>
        <dt>{CURVE_WORDS.expected.label}</dt>
        <dd>{CURVE_WORDS.expected.explain}</dd>
        <dt>{CURVE_WORDS.range.label(replicates)}</dt>
        <dd>{CURVE_WORDS.range.explain}</dd>
        <dt>{CURVE_WORDS.ci.label}</dt>
        <dd>
          {CURVE_WORDS.ci.explain} It is drawn as two dotted edges, the range of trials as a shaded
          band: the first is what one trial reports about itself, the second how much trials differ.
        </dd>
        <dt>{CURVE_WORDS.published.label}</dt>
        <dd>
          {CURVE_WORDS.published.explain} A marker has the colour of the curve it is a target for.
        </dd>
      </dl>
      <p>
        More curves (ever remitted, among survivors, 1 − Kaplan–Meier, among remitters) and the full
        0–100% axis are in each chart’s <em>Curves</em> menu:
      </p>
      <ul>
        {CHART_CURVES.map((c) => (
          <li key={c.id}>
            <strong style={{ color: c.color }}>{c.label}</strong>: {c.explain}
          </li>
        ))}
      </ul>
      <p>
        Each square in the lanes is one patient. A patient who changes state travels along an arc to
        its new lane and lands when the event happens: that is when the counts change, as the curves
        do; a dark frame marks it for a moment. With reduced motion the squares jump.
      </p>
      <h3>From published figures to a model</h3>
      <p>
        Each patient is in one state: <strong>Active</strong> (after transplant, not in remission),{' '}
        <strong>Remission</strong>, <strong>Relapse</strong> or <strong>Dead</strong>. Each arrow
        has an <em>intensity</em>: how many such transitions happen per patient-year among those at
        risk. The model fits the intensities so that the figures the paper reports, each read
        exactly as the paper defines it, are as likely as possible (binomial likelihood).
      </p>
      <h3>“24% relapsed” is not a rate</h3>
      <p>
        “24% (9/37)” counts the patients who relapsed among the 37 who ever remitted, over five
        years, whatever time each had at risk. A rate is per unit of time at risk. The fit table
        compares the model with each figure under the figure’s own definition.
      </p>
      <h3>From a yearly rate to a monthly probability</h3>
      <p>
        With several ways out of a state, the probabilities of one cycle come from the matrix
        exponential <code>P(Δt) = exp(Q·Δt)</code>. The naive <code>1 − e^(−r·Δt)</code> for each
        arrow alone ignores that a patient can leave by another arrow first; the “Transition matrix”
        tab shows the error it makes.
      </p>
      <h3>Why 1 − Kaplan–Meier overstates relapse</h3>
      <p>
        Kaplan–Meier treats a death as if the patient could still relapse later. When death
        competes, the cumulative incidence (Aalen–Johansen) is the share who actually relapse; 1 −
        KM is larger. Tick “Also 1 − Kaplan–Meier” in the relapse chart’s Curves menu to see the
        gap.
      </p>
      <h3>How much a trial of 81 patients wobbles</h3>
      <p>
        The shaded band is the 2.5–97.5% range of the same estimate over many replicate trials of
        the study’s size under the same model. A published point inside the band is plausible under
        the model; change the seed to see another trial of the same size.
      </p>
      <h3>Each patient keeps their own dice</h3>
      <p>
        Every patient has their own random numbers, one for each transition they could make. So a
        slider changes only the patients it can reach: halving the relapse rate moves only patients
        who reached remission, and everyone else keeps their square. Each patient keeps the same
        square in every lane, so you can follow one patient across the lanes.
      </p>
      <h3>Two kinds of uncertainty</h3>
      <p>
        <strong>A trial of this size wobbles:</strong> even if the rates were known exactly, another
        trial of {n} patients would give other curves. The replicate band shows that spread over{' '}
        {replicates} trials simulated with the same rates.
      </p>
      <p>
        <strong>The rates are uncertain:</strong> the rates themselves come from a handful of
        published figures with small denominators, so many sets of rates fit them almost equally
        well. Each fitted intensity gets a 95% interval from the likelihood of the figures (profile
        likelihood), and rate sets drawn from what the figures allow give a second band around the
        expected course.{' '}
        {fit && first
          ? `In the current fit, ${first.name} is ${first.estimate.toPrecision(2)} per year, but the figures allow ${first.lower.toPrecision(2)} to ${first.upper.toPrecision(2)}${ly && ly.lower !== null && ly.upper !== null ? `; expected life-years to ${fit.timeInState.horizonMonths} months are ${ly.years.toFixed(2)}, 95% ${ly.lower.toFixed(2)}–${ly.upper.toFixed(2)} over ${fit.drawCount} drawn rate sets` : ''}.${weak.length ? ` The figures barely inform ${weak.join(', ')}: their intervals reach the end of what was searched, or lean on the weak prior.` : ''}`
          : 'Press “Fit to published figures” to see these numbers for the current study.'}
      </p>
      <p>
        Health economists keep the two apart: the first is sampling variation of a trial, the second
        is what a probabilistic sensitivity analysis varies. “Both” simulates one trial of this size
        under each drawn rate set: the predictive range, how far a new trial could land when the
        rates are not known either; it is wider than either range alone.
      </p>
      <h3>Censoring</h3>
      <p>
        Patients enter the study over an accrual window and are followed until the data cut-off, so
        late entrants are followed for less time. The estimators see this censoring, as the paper’s
        did; hollow dots are patients whose follow-up has ended.
      </p>
    </div>
  );
}
