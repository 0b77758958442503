import { useMemo, useState } from 'react';
import { generatorMatrix, pieceBounds } from '../../model/markov/generator';
import { matrixExp } from '../../model/markov/matrixExp';
import { naiveTransitionMatrix } from '../../model/markov/naive';
import { LIMITS } from '../../scenario/limits';
import type { ModelSpec } from '../../model/types';
import { useApp } from '../store';
import { pieceLabels } from '../controls/RateControls';

/** Differences at least this large are highlighted (probability units). */
export const HIGHLIGHT = 0.0005;

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : '—');

/**
 * The transition matrix for one cycle, computed exactly (matrix exponential of the generator)
 * and by the naive per-transition formula 1 − e^(−r·Δt), with the differences highlighted.
 */
export function TransitionMatrices({ spec }: { spec: ModelSpec }) {
  const cycle = useApp((s) => s.view.cycle);
  const setView = useApp((s) => s.setView);
  const breakpoints = useApp((s) => s.trial.template.breakpoints);
  const [piece, setPiece] = useState(0);
  const p = Math.min(piece, breakpoints.length);
  const { exact, naive, maxErr, negative } = useMemo(() => {
    const qYear = generatorMatrix(spec, p);
    const dtYears = cycle / 12;
    const exact = matrixExp(qYear, dtYears);
    const naive = naiveTransitionMatrix(qYear, dtYears);
    let maxErr = 0;
    let negative = false;
    naive.forEach((row, i) =>
      row.forEach((v, j) => {
        maxErr = Math.max(maxErr, Math.abs(v - exact[i]![j]!));
        if (i === j && v < 0) negative = true;
      }),
    );
    return { exact, naive, maxErr, negative };
  }, [spec, p, cycle]);
  const names = spec.states.map((s) => s.label);
  const bounds = pieceBounds(spec);

  return (
    <div className="teaching">
      <div className="teaching-controls">
        <label htmlFor="cycle-select">Cycle length</label>
        <select
          id="cycle-select"
          value={cycle}
          onChange={(e) => setView({ cycle: Number(e.currentTarget.value) })}
        >
          {[0.25, 1, 3, 6, 12, 24]
            .filter((c) => c >= LIMITS.cycle.min && c <= LIMITS.cycle.max)
            .map((c) => (
              <option key={c} value={c}>
                {c === 0.25 ? '1 week' : `${c} month${c === 1 ? '' : 's'}`}
              </option>
            ))}
        </select>
        {bounds.length > 1 && (
          <>
            <label htmlFor="piece-select">Time piece</label>
            <select
              id="piece-select"
              value={p}
              onChange={(e) => setPiece(Number(e.currentTarget.value))}
            >
              {pieceLabels(breakpoints).map((l, i) => (
                <option key={l} value={i}>
                  {l}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      <p>
        Exact: <code>P(Δt) = exp(Q·Δt)</code>, which lets a patient remit <em>and</em> die within
        one cycle and keeps competing transitions consistent. Naive: each transition on its own,{' '}
        <code>p = 1 − e^(−r·Δt)</code>. Largest difference: <strong>{maxErr.toFixed(5)}</strong>
        {negative
          ? ' — and a diagonal entry is negative: the naive matrix is not a valid transition matrix at this cycle length.'
          : '.'}{' '}
        Cells that differ by ≥ {HIGHLIGHT} are marked.
      </p>
      {spec.states.length > new Set(spec.states.map((st) => st.lane)).size && (
        <p className="expanded-states">
          Why {spec.states.length} states for {new Set(spec.states.map((st) => st.lane)).size}{' '}
          boxes: the papers ask about history (“ever remitted”, “relapsed among those who
          remitted”), so the model remembers it — a patient who dies after a remission sits in a
          different “Dead (…)” state from one who died without remitting, while the diagram and the
          lanes show them together.
        </p>
      )}
      <div className="matrices">
        {(['exact', 'naive'] as const).map((kind) => {
          const m = kind === 'exact' ? exact : naive;
          return (
            <table key={kind} className="matrix">
              <caption>
                {kind === 'exact' ? 'Matrix exponential (exact)' : 'Naive per-transition'}
              </caption>
              <thead>
                <tr>
                  <th scope="col">from \ to</th>
                  {names.map((n) => (
                    <th scope="col" key={n}>
                      {n}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {m.map((row, i) => (
                  <tr key={i}>
                    <th scope="row">{names[i]}</th>
                    {row.map((v, j) => {
                      const diff = Math.abs(v - exact[i]![j]!);
                      const mark = kind === 'naive' && diff >= HIGHLIGHT;
                      return (
                        <td
                          key={j}
                          className={mark ? 'differs' : undefined}
                          title={mark ? `differs by ${diff.toFixed(5)}` : undefined}
                        >
                          {fmt(v)}
                          {mark ? ' *' : ''}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })}
      </div>
    </div>
  );
}
