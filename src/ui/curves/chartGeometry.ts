// Over 400 lines on purpose: one idea, where things go on a chart (layout, scales, ticks, rows and
// paths, markers); what the chart says in words is in chartDescription.ts.
/**
 * The maths of a curve chart, kept free of React and the DOM so it is unit-tested in Node: the
 * layout for a size, d3 scales, tick choice and labels, SVG path strings for curves and bands,
 * marker and whisker geometry, the value of a curve at the playhead, and the y-axis top.
 *
 * Conventions: x in months from 0, y in the chart's unit (fractions for proportions). Missing
 * values are NaN; every formatter here turns them into "—", never "NaN".
 */
import { bisectRight } from 'd3-array';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import {
  area,
  curveLinear,
  curveStepAfter,
  line,
  symbol,
  symbolCircle,
  symbolDiamond,
  symbolSquare,
} from 'd3-shape';
import type { Band, ChartSpec, PublishedPoint, StepSeries } from './chartTypes';
import { MISSING, formatPercent } from '../../scenario/format';

/** Shown for a missing value (NaN, ±Infinity) wherever a number would be. */
export { MISSING };

/** Pixel box of a chart: the SVG size, the font size, and the plot area inside the margins. */
export interface ChartLayout {
  width: number;
  height: number;
  /** Axis text size (px): ≥ 14 so small multiples stay readable on a 1366×768 projector. */
  fontSize: number;
  margin: { top: number; right: number; bottom: number; left: number };
  plotWidth: number;
  plotHeight: number;
  /** Whether x tick labels also give years ("60 mo (5 y)"); only where there is room. */
  verboseTicks: boolean;
}

/** The d3 scales of one chart plus the ticks chosen for its size. */
export interface ChartScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  xTicks: number[];
  yTicks: number[];
  xMax: number;
  yMax: number;
  /** Bottom of the value axis: 0 for proportions, negative for differences. @default 0 */
  yMin?: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

/** Smallest axis text (px). 14 px is the floor for text read from the back of a lecture hall. */
export const MIN_FONT_PX = 14;
/** Largest axis text (px), reached in presentation mode. */
export const MAX_FONT_PX = 22;

/**
 * The layout for an SVG of `width` × `height` px. The font grows with the chart but never below
 * `minFont` (default {@link MIN_FONT_PX}; presentation mode asks for 20); margins are in font
 * units so labels always fit.
 * The y label sits horizontally above the axis rather than rotated beside it: it reads more
 * easily and costs height, not the width that three side-by-side charts lack.
 */
export function chartLayout(
  width: number,
  height: number,
  xMax = 60,
  minFont = MIN_FONT_PX,
): ChartLayout {
  const w = Number.isFinite(width) && width > 0 ? width : 380;
  const h = Number.isFinite(height) && height > 0 ? height : 220;
  const floor = Number.isFinite(minFont) ? Math.max(MIN_FONT_PX, minFont) : MIN_FONT_PX;
  const fontSize = Math.round(clamp(Math.min(w / 40, h / 16), floor, Math.max(MAX_FONT_PX, floor)));
  const left = Math.round(fontSize * 2.6 + 8);
  const top = Math.round(fontSize * 1.6);
  const bottom = Math.round(fontSize * 2.4 + 12);
  // Decide on verbose labels from the compact layout, then make room for the last one, which
  // is centred on the right edge.
  const compactRight = Math.round(fontSize * 1.2);
  const compactWidth = Math.max(1, w - left - compactRight);
  const ticks = monthTicks(xMax, compactWidth, fontSize);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : 0;
  const spacing = xMax > 0 ? (compactWidth * step) / xMax : 0;
  const verboseTicks = spacing >= fontSize * 6.5;
  const right = verboseTicks ? Math.round(fontSize * 3.2) : compactRight;
  return {
    width: w,
    height: h,
    fontSize,
    margin: { top, right, bottom, left },
    plotWidth: Math.max(1, w - left - right),
    plotHeight: Math.max(1, h - top - bottom),
    verboseTicks,
  };
}

/** Tick steps (months) for horizons of two years or more: whole years, so ticks read as years. */
const YEAR_STEPS = [12, 24, 36, 60, 120, 240];
/** Tick steps (months) for short horizons. */
const MONTH_STEPS = [1, 2, 3, 6, 12];

/**
 * Ticks for the time axis 0..xMax (months). From two years on they fall on whole years (0, 12,
 * 24, …), never on months that read as arbitrary; the step grows until labels are at least ~3.2
 * font sizes apart.
 */
export function monthTicks(xMax: number, plotWidth: number, fontSize = MIN_FONT_PX): number[] {
  if (!(xMax > 0) || !Number.isFinite(xMax)) return [0];
  const minSpacing = fontSize * 3.2;
  const maxTicks = Math.max(2, Math.floor(plotWidth / minSpacing) + 1);
  const steps = xMax >= 24 ? YEAR_STEPS : MONTH_STEPS;
  let step = steps[steps.length - 1]!;
  for (const s of steps) {
    if (Math.floor(xMax / s) + 1 <= maxTicks) {
      step = s;
      break;
    }
  }
  const out: number[] = [];
  for (let m = 0; m <= xMax + 1e-9; m += step) out.push(m);
  return out;
}

/** A time tick label: "60", or "60 mo (5 y)" when verbose and the month is a whole year. */
export function formatMonthTick(months: number, verbose = false): string {
  if (!Number.isFinite(months)) return MISSING;
  const m = +months.toFixed(2);
  if (!verbose || m === 0) return String(m);
  const years = m / 12;
  return Number.isInteger(years) ? `${m} mo (${years} y)` : `${m} mo`;
}

/**
 * Ticks for the value axis yMin..yMax (yMin default 0), at least ~2.2 font sizes apart (d3's
 * 1-2-5 steps).
 */
export function valueTicks(
  yMax: number,
  plotHeight: number,
  fontSize = MIN_FONT_PX,
  yMin = 0,
): number[] {
  const bottom = Number.isFinite(yMin) ? yMin : 0;
  const top = yMax > bottom && Number.isFinite(yMax) ? yMax : bottom + 1;
  const count = Math.max(1, Math.floor(plotHeight / (fontSize * 2.2)));
  // A negative zero tick would read "-0%".
  return scaleLinear()
    .domain([bottom, top])
    .ticks(count)
    .map((v) => (v === 0 ? 0 : v));
}

/** A value tick label: "20%" (percent) or "0.2". */
export function formatValueTick(v: number, percent = false): string {
  if (!Number.isFinite(v)) return MISSING;
  return percent ? formatPercent(v, 1, true) : String(+v.toFixed(3));
}

/**
 * A value for reading: "80.7%" (percent, `digits` after the point) or "0.807"; "—" when missing.
 * @param digits Decimals of the percentage. @default 1
 */
export function formatValue(v: number, percent = false, digits = 1): string {
  if (!Number.isFinite(v)) return MISSING;
  return percent ? formatPercent(v, digits) : v.toFixed(digits + 2);
}

/** A time for reading: "24.0 mo"; "—" when missing. */
export function formatMonths(t: number): string {
  return Number.isFinite(t) ? `${t.toFixed(1)} mo` : MISSING;
}

/**
 * The x and y scales for a layout. x maps 0..xMax months onto the plot width; y maps yMin..yMax
 * (yMin default 0; below 0 for a difference)
 * upwards and clamps, so a value a little outside the axis is drawn on its edge, not outside the
 * plot. (x is not clamped: curves are cut at xMax by {@link clipRows} instead, which keeps the
 * shape of a step right.)
 */
export function chartScales(layout: ChartLayout, xMax: number, yMax = 1, yMin = 0): ChartScales {
  const xm = xMax > 0 && Number.isFinite(xMax) ? xMax : 1;
  const y0 = Number.isFinite(yMin) ? yMin : 0;
  const ym = yMax > y0 && Number.isFinite(yMax) ? yMax : y0 + 1;
  const { margin, plotWidth, plotHeight, fontSize } = layout;
  const x = scaleLinear()
    .domain([0, xm])
    .range([margin.left, margin.left + plotWidth]);
  const y = scaleLinear()
    .domain([y0, ym])
    .range([margin.top + plotHeight, margin.top])
    .clamp(true);
  return {
    x,
    y,
    xTicks: monthTicks(xm, plotWidth, fontSize),
    yTicks: valueTicks(ym, plotHeight, fontSize, y0),
    xMax: xm,
    yMax: ym,
    yMin: y0,
  };
}

/** A row of data: [x, value₁, value₂, …]. A row with any non-finite value is a gap. */
export type Row = number[];

export const rowDefined = (r: Row) => {
  for (let i = 1; i < r.length; i++) if (!Number.isFinite(r[i]!)) return false;
  return true;
};

/**
 * Rows for a path from columns: an optional start row, one row per x, and for step functions the
 * rows that keep the shape of a right-continuous function around gaps and at the end.
 *
 * - Step, gap at x[i] (value NaN): the previous value still holds up to x[i], so a row
 *   [x[i], previous…] is added before the gap row. Without it d3's `.defined` would stop the
 *   stair at x[i − 1] and lose the last flat stretch (e.g. a Kaplan–Meier band before S hits 0).
 * - Step with `xEnd` past the last x: the last value holds to `xEnd` (last follow-up).
 * - Rows with a non-finite x are dropped.
 */
export function buildRows(
  kind: 'step' | 'line',
  x: ArrayLike<number>,
  columns: ArrayLike<number>[],
  start?: Row,
  xEnd?: number,
): Row[] {
  const rows: Row[] = [];
  if (start && Number.isFinite(start[0]!)) rows.push(start);
  const n = Math.min(x.length, ...columns.map((c) => c.length));
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    if (!Number.isFinite(xi)) continue;
    const row: Row = [xi];
    for (const c of columns) row.push(c[i]!);
    const prev = rows[rows.length - 1];
    // A start row at or after the first x is superseded by the data.
    if (prev && prev === start && xi <= prev[0]!) rows.pop();
    const last = rows[rows.length - 1];
    if (kind === 'step' && last && rowDefined(last) && !rowDefined(row) && xi > last[0]!) {
      rows.push([xi, ...last.slice(1)]);
    }
    rows.push(row);
  }
  const last = rows[rows.length - 1];
  if (
    kind === 'step' &&
    last &&
    xEnd !== undefined &&
    Number.isFinite(xEnd) &&
    xEnd > last[0]! &&
    rowDefined(last)
  ) {
    rows.push([xEnd, ...last.slice(1)]);
  }
  return rows;
}

/**
 * Cuts rows to the time window [x0, x1]: a step function keeps the value that holds at the cut;
 * a line is interpolated there. What lies outside the window is dropped, so no path leaves the
 * plot area horizontally.
 */
export function clipRows(rows: Row[], kind: 'step' | 'line', x0: number, x1: number): Row[] {
  const out: Row[] = [];
  let before: Row | undefined; // last row left of x0
  for (const r of rows) {
    const x = r[0]!;
    if (x < x0) {
      before = r;
      continue;
    }
    if (before && x > x0) {
      // Enter the window: the value at x0.
      if (kind === 'step') out.push([x0, ...before.slice(1)]);
      else out.push(interpolateRow(before, r, x0));
    }
    before = undefined;
    if (x > x1) {
      const prev = out[out.length - 1];
      if (prev && prev[0]! < x1) {
        if (kind === 'step') out.push([x1, ...prev.slice(1)]);
        else out.push(interpolateRow(prev, r, x1));
      }
      return out;
    }
    out.push(r);
  }
  return out;
}

function interpolateRow(a: Row, b: Row, x: number): Row {
  const xa = a[0]!;
  const xb = b[0]!;
  const f = xb === xa ? 0 : (x - xa) / (xb - xa);
  const row: Row = [x];
  // NaN on either side stays NaN: a gap is not bridged.
  for (let i = 1; i < a.length; i++) row.push(a[i]! + f * (b[i]! - a[i]!));
  return row;
}

/** Rows of a series' curve: [x, y], clipped to 0..xMax. */
export function seriesRows(series: StepSeries, xMax: number): Row[] {
  const start = series.start ? [series.start.x, series.start.y] : undefined;
  const rows = buildRows(series.kind, series.x, [series.y], start, series.xEnd);
  return clipRows(rows, series.kind, 0, xMax);
}

/** Rows of a series' interval band: [x, lower, upper] (from `start` at zero width), or none. */
export function seriesBandRows(series: StepSeries, xMax: number): Row[] {
  if (!series.lower || !series.upper) return [];
  const s = series.start;
  const start = s ? [s.x, s.y, s.y] : undefined;
  const rows = buildRows(series.kind, series.x, [series.lower, series.upper], start, series.xEnd);
  return clipRows(rows, series.kind, 0, xMax);
}

/** Rows of a band: [x, lower, upper], clipped to 0..xMax. */
export function bandRows(band: Band, xMax: number): Row[] {
  const kind = band.kind ?? 'line';
  return clipRows(buildRows(kind, band.x, [band.lower, band.upper]), kind, 0, xMax);
}

/** Rows of a band's median line: [x, median], or none. */
export function bandMedianRows(band: Band, xMax: number): Row[] {
  if (!band.median) return [];
  const kind = band.kind ?? 'line';
  return clipRows(buildRows(kind, band.x, [band.median]), kind, 0, xMax);
}

// Two decimals of a pixel are invisible and keep path strings short (series are redrawn
// whenever a slider moves).
const DIGITS = 2;

/**
 * SVG path data for a curve: stepped (d3 `curveStepAfter`, right-continuous) or straight, broken
 * at NaN values (d3 `.defined`). Empty string when nothing is drawable.
 */
export function linePath(rows: Row[], kind: 'step' | 'line', scales: ChartScales): string {
  const gen = line<Row>()
    .defined(rowDefined)
    .x((r) => scales.x(r[0]!))
    .y((r) => scales.y(r[1]!))
    .curve(kind === 'step' ? curveStepAfter : curveLinear)
    .digits(DIGITS);
  return gen(rows) ?? '';
}

/**
 * SVG path data for a band between rows' [x, lower, upper]: one closed area ("M…Z") per stretch
 * without NaN; stepped for step functions. Empty string when nothing is drawable.
 */
export function areaPath(rows: Row[], kind: 'step' | 'line', scales: ChartScales): string {
  const gen = area<Row>()
    .defined(rowDefined)
    .x((r) => scales.x(r[0]!))
    .y0((r) => scales.y(r[1]!))
    .y1((r) => scales.y(r[2]!))
    .curve(kind === 'step' ? curveStepAfter : curveLinear)
    .digits(DIGITS);
  return gen(rows) ?? '';
}

/** Pixel geometry of a published point: marker centre and its whisker (interval) ends. */
export interface PointGeometry {
  id: string;
  cx: number;
  cy: number;
  /** Pixel y of the upper interval end (clamped to the plot). Equals `cy` when unknown. */
  top: number;
  /** Pixel y of the lower interval end (clamped to the plot). Equals `cy` when unknown. */
  bottom: number;
  /** Half-width of the whisker caps (px). */
  cap: number;
}

/**
 * Where to draw a published point, or null when it cannot be placed (non-finite x or y, or a time
 * outside 0..xMax: a 5-year figure on a 4-year axis is left out rather than pinned to the edge,
 * which would misstate its time). Interval ends are clamped to yMin..yMax; NaN ends collapse to the
 * point.
 */
export function pointGeometry(p: PublishedPoint, scales: ChartScales): PointGeometry | null {
  if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return null;
  if (p.x < 0 || p.x > scales.xMax) return null;
  const yMin = scales.yMin ?? 0;
  const cy = scales.y(clamp(p.y, yMin, scales.yMax));
  const end = (v: number) => (Number.isFinite(v) ? scales.y(clamp(v, yMin, scales.yMax)) : cy);
  const a = end(p.upper);
  const b = end(p.lower);
  return {
    id: p.id,
    cx: scales.x(p.x),
    cy,
    top: Math.min(a, b, cy),
    bottom: Math.max(a, b, cy),
    cap: 5,
  };
}

/** SVG path data for a marker of `shape`, centred on (0, 0), of about `size` px across. */
export function markerPath(shape: PublishedPoint['shape'], size: number): string {
  const type =
    shape === 'diamond' ? symbolDiamond : shape === 'square' ? symbolSquare : symbolCircle;
  // d3 sizes symbols by area; a diamond looks small at equal area, so it gets a little more.
  const areaPx = (shape === 'diamond' ? 1.3 : 1) * ((Math.PI * size * size) / 4);
  return symbol(type, areaPx).digits(DIGITS)() ?? '';
}

/**
 * The value of a series at time `t` (months), as the playhead readout shows it.
 *
 * - Step: right-continuous, y[i] on [x[i], x[i + 1]); `start.y` before x[0].
 * - Line: linear between the neighbouring points.
 * - NaN before the curve starts (`start.x`, else x[0]), after it ends (`xEnd`, else the last x),
 *   at a NaN value, and for a NaN `t`.
 */
export function valueAt(series: StepSeries, t: number): number {
  if (!Number.isFinite(t)) return NaN;
  const { x, y, start } = series;
  const n = Math.min(x.length, y.length);
  const first = start ? start.x : n > 0 ? x[0]! : NaN;
  const lastX = n > 0 ? x[n - 1]! : start ? start.x : NaN;
  const end = series.xEnd !== undefined && series.xEnd > lastX ? series.xEnd : lastX;
  if (!(t >= first) || !(t <= end)) return NaN;
  // Index of the last x ≤ t (−1 if none); x is increasing.
  const i = bisectRight(x, t, 0, n) - 1;
  if (series.kind === 'step' || i >= n - 1) {
    if (i < 0) return start ? start.y : NaN;
    // Past the last x only a step function holds its value (to xEnd); a line stops.
    if (series.kind === 'line' && t > x[i]!) return NaN;
    return y[i]!;
  }
  const x1 = x[i + 1]!;
  const y1 = y[i + 1]!;
  const x0 = i < 0 ? (start ? start.x : NaN) : x[i]!;
  const y0 = i < 0 ? (start ? start.y : NaN) : y[i]!;
  if (t === x0) return y0;
  return x1 === x0 ? y1 : y0 + ((t - x0) / (x1 - x0)) * (y1 - y0);
}

/**
 * The top of a value axis that fits the data: the largest value drawn (curves, bands, published
 * intervals) with a little headroom, rounded up to a tidy step (5% below 20%, 10% below 60%), and
 * 100% once the data pass 60% (a survival curve keeps its full axis). Never below 5%.
 */
export function fittedTop(spec: Pick<ChartSpec, 'series' | 'bands' | 'points'>): number {
  let max = 0;
  const scan = (a: ArrayLike<number> | undefined) => {
    if (!a) return;
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (Number.isFinite(v) && v > max) max = v;
    }
  };
  for (const s of spec.series) {
    scan(s.y);
    scan(s.upper);
    if (s.start && Number.isFinite(s.start.y)) max = Math.max(max, s.start.y);
  }
  for (const b of spec.bands) scan(b.upper);
  for (const p of spec.points) {
    if (Number.isFinite(p.upper)) max = Math.max(max, p.upper);
    if (Number.isFinite(p.y)) max = Math.max(max, p.y);
  }
  const want = max * 1.05;
  if (want > 0.6) return 1;
  const step = want <= 0.2 ? 0.05 : 0.1;
  return Math.max(0.05, +(Math.ceil(want / step - 1e-9) * step).toFixed(2));
}
