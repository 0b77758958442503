import { useMemo, type ReactNode } from 'react';
import type { PlaybackClock } from '../playback';
import type { ChartSpec } from './chartTypes';
import { legendEntries } from './chartDescription';
import { CurveChart } from './CurveChart';
import { CurveLegend } from './CurveLegend';
import './curves.css';

/** Props of {@link CurvePanel}. */
export interface CurvePanelProps {
  /** One chart per spec, left to right. */
  specs: readonly ChartSpec[];
  /** The one clock all playheads follow. */
  clock: PlaybackClock;
  /** Shared time axis end (months). @default the largest `xMax` of the specs */
  xMax?: number;
  /** Charts per row. @default specs.length (all side by side) */
  columns?: number;
  /** Fixed SVG height of every chart (px). Omitted: width × `aspect`. */
  chartHeight?: number;
  /** Height / width of each chart when `chartHeight` is omitted. @default 0.58 */
  aspect?: number;
  /** One legend under the panel instead of one per chart (saves height). @default true */
  sharedLegend?: boolean;
  /** Legends off altogether (the caller shows its own key; the readouts name each line). @default false */
  noLegend?: boolean;
  /** Accessible name of the panel. @default 'Curves' */
  label?: string;
  /** Panel options (e.g. toggles for bands or the cohort trace), shown above the charts. */
  children?: ReactNode;
  /** Each chart fills the height the layout gives it (see `CurveChart`'s `fill`). */
  fill?: boolean;
  /** Smallest chart text (px), e.g. 20 in presentation mode. @default 14 */
  minFontSize?: number;
  /** Options shown on one chart's caption line (e.g. which curves it draws). */
  chartOptions?: (spec: ChartSpec) => ReactNode;
}

/**
 * Small multiples: the charts side by side with one time axis (the largest `xMax` unless given)
 * and one playhead (the same clock), plus an options slot and a shared legend.
 *
 * @example
 * <CurvePanel specs={[survival, remission, relapse]} clock={clock}>
 *   <label><input type="checkbox" … /> Replicate band</label>
 * </CurvePanel>
 */
export function CurvePanel({
  specs,
  clock,
  xMax,
  columns,
  chartHeight,
  aspect,
  sharedLegend = true,
  noLegend = false,
  label = 'Curves',
  children,
  fill = false,
  chartOptions,
  minFontSize,
}: CurvePanelProps) {
  const sharedXMax = useMemo(() => {
    if (xMax !== undefined && Number.isFinite(xMax) && xMax > 0) return xMax;
    const finite = specs.map((s) => s.xMax).filter((v) => Number.isFinite(v) && v > 0);
    return finite.length > 0 ? Math.max(...finite) : 60;
  }, [specs, xMax]);
  const legend = useMemo(() => (sharedLegend ? legendEntries(specs) : []), [specs, sharedLegend]);
  const cols = Math.max(1, Math.round(columns ?? specs.length));

  return (
    <section className={fill ? 'curve-panel curve-panel--fill' : 'curve-panel'} aria-label={label}>
      {children !== undefined && children !== null && (
        <div className="curve-panel-options">{children}</div>
      )}
      <div
        className="curve-panel-grid"
        style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))` }}
      >
        {specs.map((spec) => (
          <CurveChart
            key={spec.id}
            spec={spec}
            clock={clock}
            xMax={sharedXMax}
            showLegend={!sharedLegend && !noLegend}
            fill={fill}
            {...(minFontSize !== undefined ? { minFontSize } : {})}
            options={chartOptions?.(spec)}
            {...(chartHeight !== undefined ? { height: chartHeight } : {})}
            {...(aspect !== undefined ? { aspect } : {})}
          />
        ))}
      </div>
      {sharedLegend && !noLegend && <CurveLegend entries={legend} />}
    </section>
  );
}
