import type { CsvProblem, CurvePoint } from '../../scenario/csv';
import type { ScenarioProblem } from '../../scenario/problems';
import type { ChartSpec, StepSeries } from '../curves/chartTypes';
import type { Overlay, OverlayPanel } from '../store';
import { PANELS } from '../../scenario/curves';

/**
 * Imported (digitised) curves drawn over the survival, remission or relapse chart: the store
 * keeps them as points, these helpers turn them into chart series and their file's problems into
 * messages. React-free, so they are unit-tested in Node.
 */

/** The panels a curve can be imported onto, with their names in the menu. */
export const OVERLAY_PANELS: readonly { id: OverlayPanel; label: string }[] = PANELS.map((p) => ({
  id: p.id,
  label: p.short,
}));

/** A panel's name in the import menu and the list of imported curves. */
export function overlayPanelLabel(panel: OverlayPanel): string {
  return OVERLAY_PANELS.find((p) => p.id === panel)?.label ?? panel;
}

/**
 * Colours of imported curves, in turn: not used by the simulator's own lines, ≥ 4.5:1 on white,
 * and dashed, so they differ from the simulated curves by more than colour.
 */
export const OVERLAY_COLORS = ['#6A3D9A', '#B2182B', '#2B6F77', '#5C5C00'] as const;

/** The chart series of an imported curve (straight lines between the digitised points). */
export function overlaySeries(o: Overlay, index = 0): StepSeries {
  const pts: readonly CurvePoint[] = o.points;
  const withBand = pts.some((p) => p.lower !== undefined && p.upper !== undefined);
  const series: StepSeries = {
    id: `overlay-${o.id}`,
    label: `Imported: ${o.label}`,
    bandLabel: `Imported: ${o.label}, interval`,
    color: OVERLAY_COLORS[index % OVERLAY_COLORS.length]!,
    dash: '5 2 1 2',
    kind: 'line',
    x: Float64Array.from(pts, (p) => p.time),
    y: Float64Array.from(pts, (p) => p.value),
  };
  if (withBand) {
    series.lower = Float64Array.from(pts, (p) => p.lower ?? NaN);
    series.upper = Float64Array.from(pts, (p) => p.upper ?? NaN);
  }
  return series;
}

/** The charts with each imported curve added on top of its panel (the specs are not mutated). */
export function withOverlays(
  specs: readonly ChartSpec[],
  overlays: readonly Overlay[],
): ChartSpec[] {
  if (overlays.length === 0) return [...specs];
  return specs.map((spec) => {
    const mine = overlays
      .map((o, i) => ({ o, i }))
      .filter(({ o }) => o.panel === spec.id && o.points.length > 0);
    if (mine.length === 0) return spec;
    return { ...spec, series: [...spec.series, ...mine.map(({ o, i }) => overlaySeries(o, i))] };
  });
}

/**
 * A digitised file's problems as message lines, each naming its line ("line 7"; "file" for the
 * whole file) and what was done about it.
 */
export function curveFileProblems(problems: readonly CsvProblem[]): ScenarioProblem[] {
  return problems.map((p) => ({
    field: p.line > 0 ? `line ${p.line}` : 'file',
    message: p.message,
    used: /no data points/.test(p.message)
      ? 'nothing imported'
      : /ignored|read as|rest skipped/.test(p.message)
        ? 'the rest as noted'
        : 'nothing from this line (skipped)',
  }));
}
