import type { FitRow } from '../derived';
import { formatPercent } from '../../scenario/format';

/**
 * The fit table in one line, under the charts: how many published figures the expected course
 * meets, each figure as a chip (✓ inside its 95% interval, ✗ outside) with its numbers on hover,
 * and a button to the full table.
 */
export function FitSummary({
  rows,
  onOpenTable,
}: {
  rows: readonly FitRow[];
  onOpenTable: () => void;
}) {
  const judged = rows.filter((r) => r.supported);
  const inside = judged.filter((r) => r.inside).length;
  return (
    <div className="fit-summary" data-testid="fit-summary">
      <span className="fit-summary-head">
        {judged.length === 0
          ? 'No published figures to compare with.'
          : `Fit: ${inside} of ${judged.length} published figures inside their 95% interval`}
      </span>
      <ul className="fit-chips" aria-label="Published figures">
        {judged.map((r) => (
          <li
            key={r.id}
            className={r.inside ? 'fit-chip inside' : 'fit-chip outside'}
            title={`${r.label}: published ${r.k}/${r.n} = ${formatPercent(r.observed)} (95% interval ${formatPercent(r.lower)}–${formatPercent(r.upper)}); expected course ${formatPercent(r.model)}`}
          >
            {r.id} <span aria-hidden="true">{r.inside ? '✓' : '✗'}</span>
            <span className="visually-hidden">{r.inside ? ' inside' : ' outside'}</span>
          </li>
        ))}
      </ul>
      <button type="button" className="link-button" onClick={onOpenTable}>
        Fit table
      </button>
    </div>
  );
}
