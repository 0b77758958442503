import type { CurveId, TraceCurveId } from '../../model/estimate/curves';
import { CURVES, DIFFERENCE_CURVES } from '../../scenario/curves';
import type { DifferenceSummary } from '../../model/simulate/difference';
import type { ModelSpec, Trace } from '../../model/types';
import { emptyShareChart, type ChartSpec } from '../curves/chartTypes';
import { traceLine } from '../curves/curveSpecs';
import { CURVE_COLORS } from '../palette';
import { countOf, hasRange } from '../../scenario/wording';

/**
 * The "Difference B − A" small multiples: for survival, ever remitted and relapsed, the
 * difference between the two shown cohorts (steps), the model's exact difference (the two cohort
 * traces, dashed) and the 95% range of the difference over paired replicate trials (shaded), on
 * a value axis symmetric about a zero line. React-free, so it is unit-tested in Node.
 */

/** The three difference panels (from the curve catalogue): the simulated curve and its trace line. */
export const DIFFERENCE_PANELS: readonly {
  id: string;
  title: string;
  curve: CurveId;
  trace: TraceCurveId;
}[] = DIFFERENCE_CURVES.map((curve) => ({
  id: `diff-${CURVES[curve].panel}`,
  title: `${CURVES[curve].short}, B − A`,
  curve,
  trace: CURVES[curve].trace!,
}));

/**
 * Half the height of a value axis symmetric about 0 that holds every finite value given: at
 * least 5 points, rounded up to 5 points below 50%, to 10 points above, at most 100%.
 */
export function symmetricLimit(...columns: ArrayLike<number>[]): number {
  let m = 0;
  for (const c of columns)
    for (let i = 0; i < c.length; i++) {
      const v = Math.abs(c[i]!);
      if (Number.isFinite(v) && v > m) m = v;
    }
  const step = m > 0.5 ? 0.1 : 0.05;
  // The small epsilon keeps 0.1 from rounding up to 0.15 through 0.1/0.05 = 2.0000000000000004.
  const limit = Math.ceil(m / step - 1e-9) * step;
  return Math.min(1, Math.max(0.05, +limit.toFixed(2)));
}

/** B − A of two trace lines (same grid, months). */
function traceDifference(
  a: { spec: ModelSpec; trace: Trace },
  b: { spec: ModelSpec; trace: Trace },
  which: (typeof DIFFERENCE_PANELS)[number]['trace'],
): Float64Array {
  const la = traceLine(a.spec, a.trace, which);
  const lb = traceLine(b.spec, b.trace, which);
  const out = new Float64Array(Math.min(la.length, lb.length));
  for (let i = 0; i < out.length; i++) out[i] = lb[i]! - la[i]!;
  return out;
}

/** Inputs of `buildDifferenceSpecs`. */
export interface DifferenceInputs {
  /** Simulated difference (null while the worker runs). */
  diff: DifferenceSummary | null;
  /** Arm A's model and cohort trace. */
  a: { spec: ModelSpec; trace: Trace };
  /** Arm B's model and cohort trace. */
  b: { spec: ModelSpec; trace: Trace };
  /** Time axis end (months). */
  horizon: number;
}

/** The three difference charts (survival, ever remitted, relapsed), each symmetric about 0. */
export function buildDifferenceSpecs(inp: DifferenceInputs): ChartSpec[] {
  const { diff, a, b, horizon } = inp;
  return DIFFERENCE_PANELS.map((p) => {
    const model = traceDifference(a, b, p.trace);
    const spec = emptyShareChart(p.id, p.title, 'Difference', horizon);
    const columns: ArrayLike<number>[] = [model];
    if (diff) {
      const band = diff.bands[p.curve];
      if (hasRange(diff.replicates)) {
        spec.bands.push({
          id: `${p.id}-band`,
          label: `95% range, ${countOf(diff.replicates, 'paired replicate trial')}${diff.crn ? ' (common random numbers)' : ''}`,
          color: CURVE_COLORS.band,
          kind: 'step',
          x: diff.grid,
          lower: band.lower,
          upper: band.upper,
        });
        columns.push(band.lower, band.upper);
      }
      spec.series.push({
        id: `${p.id}-sim`,
        label: 'Simulated pair',
        color: CURVE_COLORS.simulated,
        kind: 'step',
        x: diff.grid,
        y: diff.observed[p.curve],
      });
      columns.push(diff.observed[p.curve]);
    }
    spec.series.push({
      id: `${p.id}-model`,
      label: 'Model',
      color: CURVE_COLORS.trace,
      dash: '6 4',
      kind: 'line',
      x: a.trace.times,
      y: model,
    });
    const limit = symmetricLimit(...columns);
    spec.yMin = -limit;
    spec.yMax = limit;
    return spec;
  });
}
