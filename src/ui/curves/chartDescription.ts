/**
 * What a chart says in words, kept free of React and the DOM: the legend's rows (one per
 * encoding, not per curve), the accessible name of a published point and the text alternative
 * of the whole chart for its SVG <desc>.
 */
import type { ChartSpec, PublishedPoint } from './chartTypes';
import {
  formatMonthTick,
  formatMonths,
  formatValue,
  rowDefined,
  seriesRows,
} from './chartGeometry';
import { formatPercent, formatPercentRange } from '../../scenario/format';

/**
 * The accessible name of a published point, e.g. "Published: 5-year overall survival 84%
 * (68/81), 95% CI 74.5–90.4%".
 */
export function pointLabel(p: PublishedPoint, percent = true): string {
  const value = percent ? formatPercent(p.y, 1, true) : formatValue(p.y, false);
  const kn =
    p.k !== undefined && p.n !== undefined && Number.isFinite(p.k) && Number.isFinite(p.n)
      ? ` (${p.k}/${p.n})`
      : '';
  const hasCi = Number.isFinite(p.lower) && Number.isFinite(p.upper);
  const ci = !hasCi
    ? ''
    : percent
      ? `, 95% CI ${formatPercentRange(p.lower, p.upper)}`
      : `, 95% CI ${formatValue(p.lower)}–${formatValue(p.upper)}`;
  return `Published: ${p.label} ${value}${kn}${ci}`;
}

/**
 * A text summary of a chart for its SVG <desc>: the axes, each curve's last value, each band and
 * each published figure. Written for a screen reader, so it says what a sighted reader would see.
 */
export function describeChart(spec: ChartSpec, xMax = spec.xMax): string {
  const pct = spec.percent ?? false;
  const parts: string[] = [
    `${spec.yLabel} against ${spec.xLabel.toLowerCase()}, 0 to ${formatMonthTick(xMax)} months.`,
  ];
  for (const s of spec.series) {
    const rows = seriesRows(s, xMax).filter(rowDefined);
    const last = rows[rows.length - 1];
    parts.push(
      last
        ? `${s.label}: ${formatValue(last[1]!, pct)} at ${formatMonths(last[0]!)}.`
        : `${s.label}: no data.`,
    );
  }
  for (const b of spec.bands) parts.push(`Shaded band: ${b.label}.`);
  const shown = spec.points.filter((p) => Number.isFinite(p.x) && p.x >= 0 && p.x <= xMax);
  for (const p of shown) {
    const where =
      p.inside === undefined ? '' : p.inside ? ', inside the band' : ', outside the band';
    parts.push(`${pointLabel(p, pct)} at ${formatMonths(p.x)}${where}.`);
  }
  const hidden = spec.points.length - shown.length;
  if (hidden > 0) parts.push(`${hidden} published figure(s) beyond the time axis not shown.`);
  return parts.join(' ');
}

/** One legend row: what the swatch looks like and what it names. */
export interface LegendEntry {
  key: string;
  label: string;
  /**
   * `'interval'`: a confidence interval drawn as two dotted edges (unlike a shaded band);
   * `'key'`: what a colour stands for (an arm), a solid chip.
   */
  kind: 'key' | 'line' | 'band' | 'point' | 'interval';
  color: string;
  dash?: string;
  /** Marker shapes of every published point this row names (one swatch each). */
  shapes?: NonNullable<PublishedPoint['shape']>[];
  /** Also show a hollow marker (some published figure lies outside the model's interval). */
  hollow?: boolean;
  /** The sentence shown on hover: what the word means. */
  explain?: string;
}

/** Swatch colour of a legend row that stands for lines of several colours. */
export const NEUTRAL_SWATCH = '#4d4d4d';

/**
 * Legend rows for one or several charts. Lines with a role are named by their role, once ("This
 * trial", "Expected course"), whatever curve they draw: the curves themselves are named by direct
 * labels at their ends, so a chart's legend explains the encodings in at most four rows (this
 * trial, expected course, range of trials, published figure) however many curves it shows. Lines
 * without a role (imported curves, differences) and bands each get their own row; the published
 * markers get one row, showing every marker shape used and a hollow marker when a figure lies
 * outside its interval. A row that stands for several colours gets a neutral swatch.
 */
export function legendEntries(specs: readonly ChartSpec[]): LegendEntry[] {
  const out = new Map<string, LegendEntry>();
  const add = (e: Omit<LegendEntry, 'key'>) => {
    const key = [e.kind, e.label, e.dash ?? ''].join('|');
    const seen = out.get(key);
    if (!seen) {
      out.set(key, { key, ...e, ...(e.shapes ? { shapes: [...e.shapes] } : {}) });
      return;
    }
    if (seen.color !== e.color) seen.color = NEUTRAL_SWATCH;
    if (e.hollow) seen.hollow = true;
    if (seen.shapes && e.shapes) {
      for (const s of e.shapes) if (!seen.shapes.includes(s)) seen.shapes.push(s);
    }
  };
  for (const spec of specs) {
    for (const k of spec.colorKeys ?? []) add({ kind: 'key', label: k.label, color: k.color });
    for (const b of spec.bands) {
      add({
        kind: 'band',
        label: b.label,
        color: b.color,
        ...(b.explain ? { explain: b.explain } : {}),
      });
    }
    for (const s of spec.series) {
      const named = s.role ? spec.roleLabels?.[s.role] : undefined;
      add({
        kind: 'line',
        label: named?.label ?? s.label,
        color: s.color,
        ...(s.dash ? { dash: s.dash } : {}),
        ...(named ? { explain: named.explain } : {}),
      });
      if (s.lower && s.upper) {
        const ci = spec.roleLabels?.ci;
        add({
          kind: 'interval',
          label: ci?.label ?? s.bandLabel ?? `${s.label}, 95% CI`,
          color: s.color,
          ...(ci ? { explain: ci.explain } : {}),
        });
      }
    }
    const pointsLabel = spec.pointsLabel ?? 'Published figure (95% CI)';
    for (const p of spec.points) {
      add({
        kind: 'point',
        label: pointsLabel,
        color: p.color,
        shapes: [p.shape ?? 'circle'],
        ...(p.inside === false ? { hollow: true } : {}),
        ...(spec.pointsExplain ? { explain: spec.pointsExplain } : {}),
      });
    }
  }
  // Reading order: which colour is which arm, the trial, its expected course, the range of
  // trials, intervals, the targets.
  const rank = (e: LegendEntry) => {
    const r = { key: -1, line: 0, band: 2, interval: 3, point: 4 }[e.kind];
    return e.kind === 'line' && e.dash ? r + 1 : r;
  };
  return [...out.values()].sort((a, b) => rank(a) - rank(b));
}
