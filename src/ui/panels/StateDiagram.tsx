import { useEffect, useMemo, useState } from 'react';
import { parametersOf, PARAMETER_INFO, type ParameterId } from '../../model/markov/template';
import type { Cohort, ModelSpec } from '../../model/types';
import { createDotLayout } from '../cohort/dotLayout';
import { LANE_COLORS, LANE_LABELS, LANE_TEXT_COLORS } from '../palette';
import type { PlaybackClock } from '../playback';
import { monthlyProbability } from '../sliderScale';
import { formatPercent } from '../../scenario/format';
import { useApp } from '../store';

/** Box centres in the diagram's 760 × 330 drawing (Setosa-style: states left to right). */
const NODES: Record<string, { x: number; y: number }> = {
  active: { x: 95, y: 90 },
  remission: { x: 380, y: 90 },
  relapse: { x: 665, y: 90 },
  dead: { x: 380, y: 270 },
};
const BOX_W = 150;
const BOX_H = 64;

/**
 * Each transition's lanes, its sideways offset (two arrows between one pair run apart) and the
 * side of its label (+1 or −1 along the arrow's left normal): labels go outside the triangle of
 * death arrows and away from a twin arrow.
 */
const EDGE_ENDS: Record<ParameterId, [string, string, number, number]> = {
  remission: ['active', 'remission', 0, -1],
  remissionComplete: ['active', 'remission', -16, -1],
  remissionPartial: ['active', 'remission', 16, 1],
  relapse: ['remission', 'relapse', -14, -1],
  reRemission: ['relapse', 'remission', -14, -1],
  deathActive: ['active', 'dead', 0, 1],
  deathRemission: ['remission', 'dead', 0, -1],
  deathRelapse: ['relapse', 'dead', 0, -1],
};

/**
 * Arrow width (px) for a flow: the share of the cohort taking this arrow per month at the
 * playhead (patients in the source box × the one-month probability ÷ n). Square-root scaled so a
 * trickle stays visible and the main flow stands out; 1.5–14 px.
 */
export function flowWidth(share: number): number {
  if (!(share > 0)) return 1.5;
  return Math.min(14, 1.5 + 70 * Math.sqrt(share));
}

/** Where an arrow from box a to box b starts and ends: on the boxes' edges, shifted by `off`. */
function edgeLine(a: { x: number; y: number }, b: { x: number; y: number }, off: number) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const nx = (-dy / len) * off;
  const ny = (dx / len) * off;
  // Distance from a box centre to its edge along the direction of the arrow.
  const edge = (ux: number, uy: number) =>
    Math.min(
      Math.abs(ux) > 1e-9 ? BOX_W / 2 / Math.abs(ux) : Infinity,
      Math.abs(uy) > 1e-9 ? BOX_H / 2 / Math.abs(uy) : Infinity,
    ) + 6;
  const ux = dx / len;
  const uy = dy / len;
  const d = edge(ux, uy);
  return {
    x1: a.x + ux * d + nx,
    y1: a.y + uy * d + ny,
    x2: b.x - ux * (d + 4) + nx,
    y2: b.y - uy * (d + 4) + ny,
  };
}

/** The rate of a piecewise intensity at time t (months), given the breakpoints (months). */
function rateAt(values: readonly number[] | undefined, breakpoints: readonly number[], t: number) {
  if (!values || values.length === 0) return 0;
  let piece = 0;
  while (piece < breakpoints.length && t >= breakpoints[piece]!) piece++;
  return values[Math.min(piece, values.length - 1)] ?? 0;
}

/**
 * The state diagram: one box per lane with its live count at the playhead, one arrow per
 * transition labelled with its rate per year and its one-month probability (if it were the only
 * way out), as thick as the flow of patients along it right now. Clicking (or Enter on) an arrow
 * focuses its slider.
 */
export function StateDiagram({
  cohort,
  spec,
  clock,
}: {
  cohort: Cohort | null;
  spec: ModelSpec;
  clock: PlaybackClock;
}) {
  const scenario = useApp((s) => s.trial);
  const focusSlider = useApp((s) => s.focusSlider);
  const params = parametersOf(scenario.template);

  // The lanes' counts exactly as the cohort view shows them: a dot layout of no size.
  const counter = useMemo(
    () => (cohort ? createDotLayout(cohort, spec, { width: 1, height: 1 }) : null),
    [cohort, spec],
  );
  const [time, setTime] = useState(clock.time);
  useEffect(() => clock.subscribe((t) => setTime(Math.round(t * 10) / 10)), [clock]);
  const counts = useMemo(() => {
    const out: Record<string, number> = {};
    if (!counter) return out;
    counter.update(time);
    counter.lanes.forEach((l, i) => (out[l.id] = counter.counts[i]!));
    return out;
  }, [counter, time]);
  const n = cohort?.n ?? 0;
  const breakpoints = scenario.template.breakpoints;

  return (
    <svg
      className="state-diagram"
      viewBox="0 0 760 330"
      role="group"
      aria-label={`State diagram at ${time.toFixed(1)} months: click a transition to adjust it`}
    >
      <defs>
        <marker
          id="state-arrow"
          viewBox="0 0 10 10"
          refX="8"
          refY="5"
          markerWidth="4"
          markerHeight="4"
          markerUnits="strokeWidth"
          orient="auto"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#333" />
        </marker>
      </defs>
      {params.map((p) => {
        const [a, b, off, side] = EDGE_ENDS[p];
        const A = NODES[a]!;
        const B = NODES[b]!;
        const rate = rateAt(scenario.intensities[p], breakpoints, time);
        const prob = monthlyProbability(rate);
        const share = n > 0 ? ((counts[a] ?? 0) * prob) / n : 0;
        const { x1, y1, x2, y2 } = edgeLine(A, B, off);
        const perYear = `${+rate.toPrecision(3)}/yr`;
        const perMonth = `${formatPercent(prob, 2)}/mo`;
        // The label (two short lines) sits beside the arrow's middle, on its side.
        const len = Math.hypot(x2 - x1, y2 - y1) || 1;
        const dx = (-(y2 - y1) / len) * side;
        const dy = ((x2 - x1) / len) * side;
        const sideways = Math.abs(dx) > 0.5;
        const anchor = sideways ? (dx > 0 ? 'start' : 'end') : 'middle';
        const dist = sideways ? 16 : 24;
        const lx = (x1 + x2) / 2 + dx * dist;
        const ly = (y1 + y2) / 2 + dy * dist;
        const name = `${PARAMETER_INFO[p].label}: ${perYear} ${perMonth}`;
        return (
          <g
            key={p}
            className="edge"
            role="button"
            tabIndex={0}
            aria-label={name}
            data-testid={`edge-${p}`}
            onClick={() => focusSlider(p)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                focusSlider(p);
              }
            }}
          >
            <title>{`${name}. Click to adjust its slider.`}</title>
            <line x1={x1} y1={y1} x2={x2} y2={y2} stroke="transparent" strokeWidth={22} />
            <line
              className="edge-line"
              x1={x1}
              y1={y1}
              x2={x2}
              y2={y2}
              stroke="#333"
              strokeWidth={flowWidth(share)}
              markerEnd="url(#state-arrow)"
            />
            <text
              x={lx}
              y={ly - 9}
              textAnchor={anchor}
              dominantBaseline="middle"
              fontSize={15}
              fill="#1a1a1a"
              stroke="#ffffff"
              strokeWidth={4}
              paintOrder="stroke"
            >
              <tspan x={lx}>{perYear}</tspan>
              <tspan x={lx} dy={18}>
                {perMonth}
              </tspan>
            </text>
          </g>
        );
      })}
      {Object.entries(NODES).map(([lane, c]) => (
        <g key={lane} data-testid={`state-${lane}`}>
          <rect
            x={c.x - BOX_W / 2}
            y={c.y - BOX_H / 2}
            width={BOX_W}
            height={BOX_H}
            rx={10}
            fill="#ffffff"
            stroke={LANE_COLORS[lane]}
            strokeWidth={4}
          />
          <text
            x={c.x}
            y={c.y - 8}
            textAnchor="middle"
            fontSize={18}
            fontWeight={600}
            fill={LANE_TEXT_COLORS[lane]}
          >
            {LANE_LABELS[lane]}
          </text>
          <text x={c.x} y={c.y + 19} textAnchor="middle" fontSize={18} fill="#1a1a1a">
            {counter ? `${counts[lane] ?? 0} of ${n}` : '…'}
          </text>
        </g>
      ))}
    </svg>
  );
}
