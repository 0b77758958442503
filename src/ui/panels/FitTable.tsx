import { useMemo } from 'react';
import type { ModelSpec } from '../../model/types';
import type { FitRow, SimulatedFitRow } from '../../scenario/derive';
import { curveFitRow, reconstructCurve, type CurveFitRow } from '../../scenario/digitisedCurves';
import { formatPercent } from '../../scenario/format';
import { useApp } from '../store';
import { countOf, hasRange, noRangeReason } from '../../scenario/wording';

const ROLE_LABEL: Record<FitRow['role'], string> = {
  primary: 'fitted',
  validation: 'check',
  context: 'context',
  custom: 'typed in',
};

/**
 * The fit table: each target with its published k/n, Wilson 95% interval, the model's value
 * (cohort trace), the replicate trials' 95% range of the crude figure, and whether each lies
 * where it should.
 */
export function FitTable({
  rows,
  replicates,
  spec,
}: {
  rows: SimulatedFitRow[];
  replicates: number;
  /** The model, for the digitised curves' rows (the model's largest gap to their points). */
  spec?: ModelSpec;
}) {
  const curves = useApp((s) => s.curves);
  const curveRows = useMemo(
    () =>
      spec
        ? curves
            .map((c) => curveFitRow(reconstructCurve(c), spec))
            .filter((r): r is CurveFitRow => r !== null)
        : [],
    [curves, spec],
  );
  if (rows.length === 0 && curveRows.length === 0) {
    return <p>This scenario has no k/n targets. Add some in the “Targets” tab.</p>;
  }
  return (
    <table className="fit-table">
      <caption>
        Published figures against the model. “Inside” means the model value lies in the Wilson 95%
        interval of the published k/n;{' '}
        {hasRange(replicates)
          ? `the simulated range is the 2.5–97.5% range of the same figure over ${countOf(replicates, 'replicate trial')} of this size.`
          : `no simulated range is shown: ${noRangeReason(replicates)}.`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Id</th>
          <th scope="col">Figure</th>
          <th scope="col">Month</th>
          <th scope="col">Published k/n</th>
          <th scope="col">Wilson 95%</th>
          <th scope="col">Model</th>
          <th scope="col">Simulated 95% range</th>
          <th scope="col">Inside</th>
          <th scope="col">Use</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const sim = hasRange(replicates) ? r.replicates : null;
          const plausible = sim ? r.observed >= sim.lower && r.observed <= sim.upper : null;
          return (
            <tr
              key={r.id}
              className={!r.supported ? 'unsupported' : r.inside ? 'inside' : 'outside'}
            >
              <th scope="row">{r.id}</th>
              <td title={r.figure?.sentence}>{r.label}</td>
              <td>{r.time}</td>
              <td>
                {r.k}/{r.n} ({formatPercent(r.observed)})
              </td>
              <td>
                {formatPercent(r.lower)}–{formatPercent(r.upper)}
              </td>
              <td>{r.supported ? formatPercent(r.model) : 'n/a (split remission)'}</td>
              <td>
                {sim
                  ? `${formatPercent(sim.lower)}–${formatPercent(sim.upper)}${plausible ? '' : ' (published outside)'}`
                  : '—'}
              </td>
              <td>{r.supported ? (r.inside ? '✓ yes' : '✗ no') : '—'}</td>
              <td>{ROLE_LABEL[r.role]}</td>
            </tr>
          );
        })}
        {curveRows.map((c) => (
          <tr key={`curve-${c.id}`} className="curve-row">
            <th scope="row">{c.id}</th>
            <td>{c.label}</td>
            <td>whole curve</td>
            <td>
              {c.n} reconstructed patients, {c.events} events
            </td>
            <td>—</td>
            <td>
              largest gap {formatPercent(c.gap)} at {Math.round(c.gapTime * 10) / 10} mo
            </td>
            <td>—</td>
            <td>—</td>
            <td>digitised curve</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
