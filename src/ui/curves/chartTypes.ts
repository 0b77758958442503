/**
 * What a curve chart draws, independent of where the numbers come from (a Kaplan–Meier fit, a
 * cohort trace, replicate percentiles, a study's published figures). The chart never computes
 * statistics; it only draws these columns. Times are in months, values in the y unit of the chart
 * (fractions 0..1 for proportions, shown as % when `percent` is set).
 *
 * Missing values are NaN (e.g. Kaplan–Meier bounds where the survival is 0): paths break there and
 * no "NaN" ever reaches the screen.
 */

/** A curve: a step function (Kaplan–Meier, crude proportions) or a polyline (cohort trace). */
export interface StepSeries {
  /** Stable id; rendered as `data-series-id` on the path for browser tests. */
  id: string;
  /** Name in the legend and the playhead readout. */
  label: string;
  /** Stroke colour (use `CURVE_COLORS` from `src/ui/palette.ts`). */
  color: string;
  /** SVG `stroke-dasharray`, e.g. `'6 3'`, so curves differ by more than colour. */
  dash?: string;
  /**
   * `'step'`: right-continuous step function, y[i] holds from x[i] until x[i + 1] (Kaplan–Meier
   * convention: the value just after the event time). `'line'`: straight lines between points.
   */
  kind: 'step' | 'line';
  /** Times (months), increasing. */
  x: ArrayLike<number>;
  /** Values at `x`; NaN marks a gap. */
  y: ArrayLike<number>;
  /** Lower bound at `x` (optional): drawn with `upper` as a translucent band, stepped for `'step'`. */
  lower?: ArrayLike<number>;
  /** Upper bound at `x` (optional). */
  upper?: ArrayLike<number>;
  /** Legend name of the lower–upper band. @default `${label}, 95% CI` */
  bandLabel?: string;
  /**
   * A point before `x[0]` the curve starts from, e.g. Kaplan–Meier's (0, 1): the estimator only
   * lists event times, but S(t) = 1 on [0, first event).
   */
  start?: { x: number; y: number };
  /**
   * Where the curve ends (months). A step curve holds its last value up to here (a Kaplan–Meier
   * curve runs flat to the last follow-up time, not just to the last event). Default: the last x.
   * `valueAt` is NaN after this time.
   */
  xEnd?: number;
  /**
   * What the line stands for, which sets its legend entry and drawing: `'trial'` (this simulated
   * trial: drawn only up to the playhead, legend "This trial"), `'expected'` (the model's course:
   * the whole horizon, legend "Expected course"). Without a role the line has its own legend entry
   * (an imported curve, a difference).
   */
  role?: 'trial' | 'expected';
  /** Direct label written at the line's right end (the curve's name), when there is room. */
  endLabel?: string;
  /**
   * Censoring times (months) to mark on a step curve with a small vertical tick, as survival
   * figures do; revealed up to the playhead. Optional.
   */
  censorX?: ArrayLike<number>;
}

/** A confidence or percentile band (e.g. 2.5–97.5% of replicate trials), with an optional median. */
export interface Band {
  /** Stable id; rendered as `data-band-id`. */
  id: string;
  /** Name in the legend. */
  label: string;
  /** Fill colour (drawn translucent). */
  color: string;
  /** How to join grid points. @default 'line' */
  kind?: 'step' | 'line';
  /** Times (months), increasing. */
  x: ArrayLike<number>;
  /** Lower edge at `x`; NaN marks a gap. */
  lower: ArrayLike<number>;
  /** Upper edge at `x`; NaN marks a gap. */
  upper: ArrayLike<number>;
  /** Optional centre line (e.g. the replicate median), drawn thin and dashed. */
  median?: ArrayLike<number>;
  /** `'range'`: the spread over replicate trials (shown in full from the start, not grown). */
  role?: 'range';
  /** The sentence a hover on its legend entry shows. */
  explain?: string;
}

/** A figure a paper reports, drawn as a marker with its (Wilson) interval as a whisker. */
export interface PublishedPoint {
  /** Stable id (e.g. a figure's target id, "A1"). */
  id: string;
  /** What the figure is, e.g. "5-year overall survival". */
  label: string;
  /** Time (months). */
  x: number;
  /** Value (fraction). */
  y: number;
  /** Lower end of the 95% interval (fraction; clamped to the axis). */
  lower: number;
  /** Upper end of the 95% interval. */
  upper: number;
  /** Marker colour. */
  color: string;
  /** Marker shape, so several published sources differ by more than colour. @default 'circle' */
  shape?: 'circle' | 'diamond' | 'square';
  /**
   * Whether the figure lies inside the simulated band: filled marker when true or unset, hollow
   * when false (the legend explains it).
   */
  inside?: boolean;
  /** Events k of n, quoted in the accessible name as "(k/n)" when both are given. */
  k?: number;
  /** Denominator n. */
  n?: number;
  /** The curve the figure sits on (its direct label), e.g. "In remission". */
  curveLabel?: string;
  /** Shown on hover and keyboard focus: a heading and lines (citation, the exact sentence). */
  tooltip: { title: string; lines: string[] };
}

/** One small multiple: its axes and everything drawn in it. */
export interface ChartSpec {
  /** Stable id (used for element ids). */
  id: string;
  /** Caption above the chart and the SVG's <title>, e.g. "Overall survival". */
  title: string;
  /** Y axis label, e.g. "Alive". */
  yLabel: string;
  /** X axis label, e.g. "Months since transplant". */
  xLabel: string;
  /** Right end of the time axis (months). A panel overrides it so all multiples share it. */
  xMax: number;
  /** Top of the y axis. @default 1 */
  yMax?: number;
  /**
   * Bottom of the y axis. @default 0. Below 0 (e.g. a difference between arms) the chart also
   * draws a zero line.
   */
  yMin?: number;
  /** Show y values as percentages (0.84 → "84%"). @default false */
  percent?: boolean;
  /** Curves, drawn in order (last on top). */
  series: StepSeries[];
  /** Bands, drawn under the curves. */
  bands: Band[];
  /** Published figures, drawn on top as focusable markers. */
  points: PublishedPoint[];
  /** Legend entry for the markers. @default 'Published figure (95% CI)' */
  pointsLabel?: string;
  /** What each colour stands for when colours name groups (the arms of a comparison). */
  colorKeys?: { label: string; color: string }[];
  /** Name of each line role in the legend (with its explanation on hover). */
  roleLabels?: Partial<Record<'trial' | 'expected' | 'ci', { label: string; explain: string }>>;
  /** Explanation of the markers' legend entry. */
  pointsExplain?: string;
}

/**
 * An empty chart of shares (shown as %) over months since transplant, from 0 to `xMax`: what the
 * spec builders (the curves, the differences between arms) fill with series, bands and points.
 */
export function emptyShareChart(
  id: string,
  title: string,
  yLabel: string,
  xMax: number,
): ChartSpec {
  return {
    id,
    title,
    yLabel,
    xLabel: 'Months since transplant',
    xMax,
    percent: true,
    series: [],
    bands: [],
    points: [],
  };
}
