import { useMemo, useState } from 'react';
import { generatorMatrix, pieceBounds } from '../../model/markov/generator';
import { matrixExp } from '../../model/markov/matrixExp';
import { naiveTransitionMatrix } from '../../model/markov/naive';
import { LIMITS } from '../../scenario/scenario';
import { parametersOf, PARAMETER_INFO, type ParameterId } from '../../model/markov/template';
import type { ModelSpec } from '../../model/types';
import { LANE_COLORS, LANE_LABELS } from '../palette';
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
  const cycle = useApp((s) => s.scenario.cycle);
  const patch = useApp((s) => s.patch);
  const breakpoints = useApp((s) => s.scenario.template.breakpoints);
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
          onChange={(e) => patch({ cycle: Number(e.currentTarget.value) })}
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

const NODES: Record<string, { x: number; y: number }> = {
  active: { x: 70, y: 60 },
  remission: { x: 250, y: 60 },
  relapse: { x: 430, y: 60 },
  dead: { x: 250, y: 190 },
};

const EDGE_ENDS: Record<ParameterId, [string, string, number]> = {
  remission: ['active', 'remission', 0],
  remissionComplete: ['active', 'remission', -14],
  remissionPartial: ['active', 'remission', 14],
  relapse: ['remission', 'relapse', -12],
  reRemission: ['relapse', 'remission', 12],
  deathActive: ['active', 'dead', 0],
  deathRemission: ['remission', 'dead', 0],
  deathRelapse: ['relapse', 'dead', 0],
};

/** Edge width (px) for an intensity per year: logarithmic, 1–12 px. */
export function edgeWidth(rate: number): number {
  if (!(rate > 0)) return 0.75;
  return Math.min(12, Math.max(1, 1 + 2.2 * (Math.log10(rate) + 3)));
}

/**
 * The state diagram: lanes as nodes, transitions as edges whose width follows the intensity.
 * Clicking (or Enter on) an edge focuses its slider.
 */
export function StateDiagram() {
  const scenario = useApp((s) => s.scenario);
  const focusSlider = useApp((s) => s.focusSlider);
  const params = parametersOf(scenario.template);
  return (
    <svg
      className="state-diagram"
      viewBox="0 0 500 240"
      role="group"
      aria-label="State diagram: click a transition to adjust it"
    >
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="5"
          markerHeight="5"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#333" />
        </marker>
      </defs>
      {params.map((p) => {
        const [a, b, off] = EDGE_ENDS[p];
        const A = NODES[a]!;
        const B = NODES[b]!;
        const rate = scenario.intensities[p]?.reduce((m, v) => Math.max(m, v), 0) ?? 0;
        const dx = B.x - A.x;
        const dy = B.y - A.y;
        const len = Math.hypot(dx, dy);
        const nx = (-dy / len) * off;
        const ny = (dx / len) * off;
        const shrink = 48 / len;
        const x1 = A.x + dx * shrink + nx;
        const y1 = A.y + dy * shrink + ny;
        const x2 = B.x - dx * shrink + nx;
        const y2 = B.y - dy * shrink + ny;
        const label = `${PARAMETER_INFO[p].label}: ${scenario.intensities[p]?.join(', ') ?? '0'} per year`;
        return (
          <g
            key={p}
            className="edge"
            role="button"
            tabIndex={0}
            aria-label={`${label}. Press Enter to adjust.`}
            onClick={() => focusSlider(p)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                focusSlider(p);
              }
            }}
          >
            <title>{label}</title>
            <line x1={x1} y1={y1} x2={x2} y2={y2} stroke="transparent" strokeWidth={16} />
            <line
              x1={x1}
              y1={y1}
              x2={x2}
              y2={y2}
              stroke="#333"
              strokeWidth={edgeWidth(rate)}
              markerEnd="url(#arrow)"
            />
          </g>
        );
      })}
      {Object.entries(NODES).map(([lane, n]) => (
        <g key={lane} aria-hidden="true">
          <rect x={n.x - 48} y={n.y - 20} width={96} height={40} rx={8} fill={LANE_COLORS[lane]} />
          <text
            x={n.x}
            y={n.y + 6}
            textAnchor="middle"
            fontSize={16}
            fill={lane === 'dead' ? '#fff' : '#1a1a1a'}
          >
            {LANE_LABELS[lane]}
          </text>
        </g>
      ))}
    </svg>
  );
}
