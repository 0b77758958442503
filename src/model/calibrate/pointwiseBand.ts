/**
 * Pointwise percentile bands over several curves, apart from the draws' summaries
 * (drawSummaries.ts) so that the charts can draw a band without loading the simulator.
 */
import { quantile } from 'd3-array';

/** A pointwise band over time. */
export interface DrawBand {
  /** Months. */
  times: number[];
  lower: number[];
  median: number[];
  upper: number[];
}

/**
 * The pointwise `level` band (default 95%) and median of several curves on the same `times`
 * (one array per drawn rate set): the one place the parameter bands take their percentiles.
 * Non-finite values are left out of each time's sample.
 */
export function pointwiseBand(
  times: ArrayLike<number>,
  curves: readonly ArrayLike<number>[],
  level = 0.95,
): DrawBand {
  const lo = (1 - level) / 2;
  const band: DrawBand = { times: Array.from(times), lower: [], median: [], upper: [] };
  for (let i = 0; i < times.length; i++) {
    const col = curves.map((c) => c[i]!).filter((v) => Number.isFinite(v));
    band.lower.push(quantile(col, lo) ?? Number.NaN);
    band.median.push(quantile(col, 0.5) ?? Number.NaN);
    band.upper.push(quantile(col, 1 - lo) ?? Number.NaN);
  }
  return band;
}
