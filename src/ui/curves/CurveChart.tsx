// Over 400 lines on purpose: one chart's drawing, playhead, growth clip, labels and tooltip share
// its scales and refs; everything computable without the DOM is in chartGeometry.ts.
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { PlaybackClock } from '../playback';
import type { ChartSpec } from './chartTypes';
import {
  MISSING,
  areaPath,
  bandMedianRows,
  bandRows,
  chartLayout,
  chartScales,
  formatMonthTick,
  formatMonths,
  formatValue,
  formatValueTick,
  linePath,
  markerPath,
  pointGeometry,
  seriesBandRows,
  seriesRows,
  valueAt,
  type PointGeometry,
} from './chartGeometry';
import { describeChart, legendEntries, pointLabel } from './chartDescription';
import { CurveLegend } from './CurveLegend';
import { estimateLabelWidth, placeEndLabels, type PixelLine } from './endLabels';
import './curves.css';

/** Props of {@link CurveChart}. */
/** Path strings of one series or band, with the inputs they were built from. */
interface CachedPaths {
  inputs: unknown[];
  paths: [string, string];
}

export interface CurveChartProps {
  /** What to draw. */
  spec: ChartSpec;
  /** The shared playback clock; the playhead follows it without re-rendering React. */
  clock: PlaybackClock;
  /** Fixed SVG width (px). Omitted: fill the container's width (ResizeObserver). */
  width?: number;
  /** Fixed SVG height (px). Omitted: width × `aspect`. */
  height?: number;
  /** Height / width when `height` is omitted. @default 0.58 (≈ 380 × 220) */
  aspect?: number;
  /** Time axis end (months), overriding `spec.xMax` so small multiples share one axis. */
  xMax?: number;
  /** Show this chart's own legend (a panel shows one shared legend instead). @default true */
  showLegend?: boolean;
  /**
   * Take the height the layout gives the plot (CSS) instead of width × aspect: the chart is
   * measured in both directions, so a screen-filling layout decides the size. @default false
   */
  fill?: boolean;
  /** The chart's own options (e.g. which curves), shown on its caption line. */
  options?: ReactNode;
  /** Smallest chart text (px), e.g. 20 in presentation mode. @default 14 */
  minFontSize?: number;
}

/** Width used before the first measurement (and in server rendering). */
const DEFAULT_WIDTH = 380;
/** Time after the pointer leaves a marker before its tooltip hides: long enough to reach it. */
const HIDE_DELAY_MS = 150;

type Active = { id: string; via: 'hover' | 'focus' | 'toggle' } | null;

/**
 * One curve chart: gridlines, axes, bands, curves, published figures with their intervals, a
 * playhead with a readout of each curve's value, and a legend. d3 computes scales and paths in
 * `useMemo`; React owns every element; the playhead is moved imperatively from the clock.
 *
 * Accessibility: the drawing is an SVG `role="img"` named by its <title> and described by a
 * <desc> summarising every curve and figure. The published markers are interactive, so they
 * live in a second, overlaid SVG (`role="group"`): inside `role="img"` their roles would be
 * hidden (ARIA: img has presentational children; axe flags it as nested-interactive). Each
 * marker is a focusable `role="button"` whose name gives the figure and its interval; hover,
 * focus or Enter shows its tooltip, Escape hides it.
 *
 * @example
 * <CurveChart spec={survivalSpec} clock={clock} />
 */
export function CurveChart({
  spec,
  clock,
  width: fixedWidth,
  height: fixedHeight,
  aspect = 0.58,
  xMax: xMaxOverride,
  showLegend = true,
  fill = false,
  options,
  minFontSize,
}: CurveChartProps) {
  const uid = useId();
  // An id usable inside url(#…): React's ids contain characters a CSS url() would need escaped.
  const clipId = `grow${uid.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const titleId = `${uid}-title`;
  const descId = `${uid}-desc`;
  const tipId = `${uid}-tip`;

  const boxRef = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState<number | null>(null);
  const [measuredHeight, setMeasuredHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = boxRef.current;
    if (fixedWidth !== undefined || !el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      const w = Math.round(box?.width ?? 0);
      if (w > 0) setMeasured((old) => (old === w ? old : w));
      const h = Math.round(box?.height ?? 0);
      if (fill && h > 0) setMeasuredHeight((old) => (old === h ? old : h));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [fixedWidth, fill]);

  const width = fixedWidth ?? measured ?? DEFAULT_WIDTH;
  const height =
    fixedHeight ?? (fill && measuredHeight ? measuredHeight : Math.round(width * aspect));
  const xMax = xMaxOverride ?? spec.xMax;
  const percent = spec.percent ?? false;

  const layout = useMemo(
    () => chartLayout(width, height, xMax, minFontSize),
    [width, height, xMax, minFontSize],
  );
  const scales = useMemo(
    () => chartScales(layout, xMax, spec.yMax ?? 1, spec.yMin ?? 0),
    [layout, xMax, spec.yMax, spec.yMin],
  );
  const fs = layout.fontSize;
  const plotTop = layout.margin.top;
  const plotBottom = layout.margin.top + layout.plotHeight;
  const plotLeft = layout.margin.left;
  const plotRight = layout.margin.left + layout.plotWidth;

  // Paths are cached by the identity of their data arrays: while a slider moves, only the model
  // lines get new arrays, and the simulated curves (a 10,000-patient Kaplan–Meier is ~40 KB of
  // path data) are not rebuilt until the worker sends new ones.
  const pathCache = useRef(new WeakMap<object, CachedPaths>());
  const paths = useMemo(() => {
    const cached = (data: object, inputs: unknown[], build: () => [string, string]) => {
      const hit = pathCache.current.get(data);
      if (
        hit &&
        hit.inputs.length === inputs.length &&
        hit.inputs.every((v, i) => v === inputs[i])
      ) {
        return hit.paths;
      }
      const built = build();
      pathCache.current.set(data, { inputs, paths: built });
      return built;
    };
    return {
      bands: spec.bands.map((b) => {
        const kind = b.kind ?? 'line';
        const [area, median] = cached(b.lower, [b.x, b.upper, b.median, kind, xMax, scales], () => [
          areaPath(bandRows(b, xMax), kind, scales),
          linePath(bandMedianRows(b, xMax), kind, scales),
        ]);
        return { band: b, area, median };
      }),
      series: spec.series.map((s) => {
        const inputs = [
          s.x,
          s.lower,
          s.upper,
          s.kind,
          s.start?.x,
          s.start?.y,
          s.xEnd,
          xMax,
          scales,
        ];
        const [area, line] = cached(s.y, inputs, () => {
          // A series' own interval is drawn as its two edges, dotted, not shaded: it must not
          // look like the shaded range of replicate trials.
          const rows = seriesBandRows(s, xMax);
          const edges =
            rows.length > 0
              ? `${linePath(
                  rows.map((r) => [r[0]!, r[1]!]),
                  s.kind,
                  scales,
                )}${linePath(
                  rows.map((r) => [r[0]!, r[2]!]),
                  s.kind,
                  scales,
                )}`
              : '';
          return [edges, linePath(seriesRows(s, xMax), s.kind, scales)];
        });
        return { series: s, area, line };
      }),
    };
  }, [spec.bands, spec.series, xMax, scales]);

  const points = useMemo(() => {
    const placed = spec.points
      .map((p) => ({ point: p, geo: pointGeometry(p, scales), name: pointLabel(p, percent) }))
      .filter((d): d is typeof d & { geo: PointGeometry } => d.geo !== null);
    // Figures at the same time (e.g. three 5-year figures) stand side by side, not on top of
    // each other, so each marker and whisker stays visible and clickable.
    const step = Math.round(fs * 0.8) + 4;
    const byX = new Map<number, typeof placed>();
    for (const d of placed) {
      const key = Math.round(d.geo.cx);
      byX.set(key, [...(byX.get(key) ?? []), d]);
    }
    for (const group of byX.values()) {
      if (group.length < 2) continue;
      // The rightmost marker stays on its time; the others step left (the axis ends there).
      group.forEach((d, i) => {
        d.geo = { ...d.geo, cx: d.geo.cx - (group.length - 1 - i) * step };
      });
    }
    return placed;
  }, [spec.points, scales, percent, fs]);

  // Censoring ticks: one per distinct censoring time, at the curve's value there (px).
  const censorMarks = useMemo(
    () =>
      spec.series.flatMap((s) => {
        if (!s.censorX || s.censorX.length === 0) return [];
        // One tick per place it is drawn (to the tenth of a pixel the path is written with): a
        // million patients have some 600,000 censoring times but only thousands of places.
        const seen = new Set<string>();
        const marks: { x: number; y: number }[] = [];
        for (let i = 0; i < s.censorX.length; i++) {
          const t = s.censorX[i]!;
          if (!(t <= xMax)) continue;
          const v = valueAt(s, t);
          if (!Number.isFinite(v)) continue;
          const x = scales.x(t);
          const y = scales.y(v);
          const key = `${x.toFixed(1)},${y.toFixed(1)}`;
          if (seen.has(key)) continue;
          seen.add(key);
          marks.push({ x, y });
        }
        return [{ id: s.id, color: s.color, marks }];
      }),
    [spec.series, scales, xMax],
  );
  const censorClipId = `censor${clipId}`;
  const censorClipRef = useRef<SVGRectElement>(null);

  const desc = useMemo(() => describeChart(spec, xMax), [spec, xMax]);
  const markerSize = Math.round(fs * 0.8);
  const hitRadius = Math.max(12, markerSize);
  const strokeWidth = Math.max(2, +(fs / 7).toFixed(1));

  // Direct labels end left of any published marker near the end of the axis.
  const labelRight = Math.min(
    layout.margin.left + layout.plotWidth - 4,
    ...points
      .filter((d) => d.geo.cx > layout.margin.left + layout.plotWidth - fs * 4)
      .map((d) => d.geo.cx - markerSize / 2 - 6),
  );
  // Direct labels at the lines' right ends (the last value drawn), each where it sits on no line
  // and no other label; one with no free place is left to the legend (see endLabels.ts).
  const endLabels = useMemo(() => {
    const lines: PixelLine[] = spec.series.map((s) => ({
      kind: s.kind,
      points: seriesRows(s, xMax).map((r) => [scales.x(r[0]!), scales.y(r[1]!)] as const),
    }));
    const wanted = spec.series
      .filter((s) => s.endLabel)
      .map((s) => {
        const rows = seriesRows(s, xMax).filter((r) => Number.isFinite(r[1]!));
        const last = rows[rows.length - 1];
        return { s, y: last ? scales.y(last[1]!) : NaN };
      })
      .filter((d) => Number.isFinite(d.y));
    const ys = placeEndLabels(
      wanted.map((d) => ({ lineEndY: d.y, width: estimateLabelWidth(d.s.endLabel!, fs) })),
      lines,
      {
        right: labelRight,
        top: layout.margin.top + fs * 0.8,
        bottom: layout.margin.top + layout.plotHeight - 4,
        fontSize: fs,
        // Two arms: the legend names each arm's colour, so a crowded label may go.
        mayDrop: (spec.colorKeys?.length ?? 0) > 0,
      },
    );
    return wanted.flatMap((d, i) => {
      const y = ys[i];
      return y == null ? [] : [{ id: d.s.id, text: d.s.endLabel!, color: d.s.color, y }];
    });
  }, [spec.series, spec.colorKeys, xMax, scales, layout, fs, labelRight]);
  const legend = useMemo(() => legendEntries([spec]), [spec]);
  // The readout gives this trial's values at the playhead (the expected course is on the chart
  // and in the fit summary); lines without a role (imported curves) are read out too.
  const readout = useMemo(
    () =>
      spec.series
        .map((s, i) => ({ s, i }))
        .filter(({ s }) => s.role === undefined || s.role === 'trial'),
    [spec.series],
  );

  // ---- Playhead: written straight to the DOM on every clock tick, never through React state.
  const playheadRef = useRef<SVGLineElement>(null);
  const growRef = useRef<SVGRectElement>(null);
  const timeRef = useRef<HTMLSpanElement>(null);
  const valueRefs = useRef<(HTMLSpanElement | null)[]>([]);
  useEffect(() => {
    const lineEl = playheadRef.current;
    const growEl = growRef.current;
    const timeEl = timeRef.current;
    const series = spec.series;
    const shown: string[] = [];
    const update = (t: number) => {
      const tt = Number.isFinite(t) ? Math.min(Math.max(t, 0), scales.xMax) : 0;
      const px = String(+scales.x(tt).toFixed(2));
      if (lineEl && lineEl.getAttribute('x1') !== px) {
        lineEl.setAttribute('x1', px);
        lineEl.setAttribute('x2', px);
        // What this trial shows is drawn only up to the playhead: the clip ends there (half a
        // stroke further, so a step's vertical edge at the playhead is not cut in two).
        growEl?.setAttribute('width', String(Math.max(0, +px + strokeWidth / 2)));
      }
      // Censoring marks appear as the playhead passes them (a tick sits on its time, ±3 px). Set
      // outside the test above: the marks' clip may mount after the playhead last moved.
      const censorWidth = String(Math.max(0, +px + 3));
      const censorEl = censorClipRef.current;
      if (censorEl && censorEl.getAttribute('width') !== censorWidth)
        censorEl.setAttribute('width', censorWidth);
      const label = formatMonths(t);
      if (timeEl && timeEl.textContent !== label) timeEl.textContent = label;
      series.forEach((s, i) => {
        const text = formatValue(valueAt(s, t), percent);
        const el = valueRefs.current[i];
        if (el && shown[i] !== text) {
          el.textContent = text;
          shown[i] = text;
        }
      });
    };
    update(clock.time);
    const unsubscribe = clock.subscribe(update);
    return () => {
      unsubscribe();
    };
  }, [clock, scales, spec.series, percent, strokeWidth]);

  // ---- Tooltip: hover, keyboard focus or Enter shows it; Escape or leaving hides it.
  const [active, setActive] = useState<Active>(null);
  const hideTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cancelHide = useCallback(() => clearTimeout(hideTimer.current), []);
  const hideSoon = useCallback(() => {
    clearTimeout(hideTimer.current);
    hideTimer.current = setTimeout(
      () => setActive((a) => (a?.via === 'hover' ? null : a)),
      HIDE_DELAY_MS,
    );
  }, []);
  useEffect(() => () => clearTimeout(hideTimer.current), []);
  useEffect(() => {
    if (!active) return;
    // Escape must dismiss a tooltip wherever focus is (WCAG 1.4.13), so listen on the document;
    // only while one is open, and without swallowing Escape for anything else.
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') setActive(null);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active]);

  const onPointKey = (id: string) => (e: KeyboardEvent<SVGGElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      setActive((a) => (a?.id === id ? null : { id, via: 'toggle' }));
    }
  };

  const activePoint = active ? points.find((d) => d.point.id === active.id) : undefined;

  // The tooltip is placed in the viewport (position: fixed) beside its marker, on whichever side
  // has room, and clamped so all of it stays on screen.
  const tipRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const tip = tipRef.current;
    const box = boxRef.current;
    if (!tip || !box || !activePoint) return;
    const r = box.getBoundingClientRect();
    const ax = r.left + activePoint.geo.cx;
    const ay = r.top + activePoint.geo.cy;
    const vw = document.documentElement.clientWidth || window.innerWidth;
    const vh = document.documentElement.clientHeight || window.innerHeight;
    const w = tip.offsetWidth;
    const h = tip.offsetHeight;
    const m = 8;
    const off = 14;
    let left = ax + off + w <= vw - m ? ax + off : ax - off - w;
    let top = ay + off + h <= vh - m ? ay + off : ay - off - h;
    left = Math.min(Math.max(left, m), Math.max(m, vw - m - w));
    top = Math.min(Math.max(top, m), Math.max(m, vh - m - h));
    tip.style.left = `${Math.round(left)}px`;
    tip.style.top = `${Math.round(top)}px`;
  }, [activePoint, width, height]);

  return (
    // The HTML text follows the axis text size, so presentation mode scales it too.
    <figure
      className={fill ? 'curve-chart curve-chart--fill' : 'curve-chart'}
      data-testid={`curve-chart-${spec.id}`}
      style={{ fontSize: `${fs}px` }}
    >
      <figcaption className="curve-chart-caption">
        <span className="curve-chart-title">{spec.title}</span>
        {options}
        {/* The playhead time sits on the caption line, where a short title leaves room, so the
            readout below fits one line at small-multiple size. */}
        <span className="curve-readout-time" ref={timeRef}>
          {formatMonths(clock.time)}
        </span>
      </figcaption>
      {readout.length > 0 && (
        // The readout is plain text, not a live region: announcing it every frame would drown
        // a screen reader. Its values are set by the clock effect above.
        <p className="curve-readout" data-testid="curve-readout">
          {readout.map(({ s, i }) => (
            <span key={s.id} className="curve-readout-item">
              <svg
                className="curve-swatch"
                width="18"
                height="10"
                viewBox="0 0 18 10"
                aria-hidden="true"
              >
                <line
                  x1="1"
                  x2="17"
                  y1="5"
                  y2="5"
                  stroke={s.color}
                  strokeWidth="3"
                  strokeDasharray={s.dash}
                />
              </svg>
              {s.role === 'trial' ? (s.endLabel ?? s.label.replace(/, this trial$/, '')) : s.label}{' '}
              <span
                className="curve-readout-value"
                data-series-id={s.id}
                ref={(el) => {
                  valueRefs.current[i] = el;
                }}
              >
                {MISSING}
              </span>
            </span>
          ))}
        </p>
      )}
      <div
        className={fill ? 'curve-chart-plot curve-chart-plot--fill' : 'curve-chart-plot'}
        ref={boxRef}
        style={fill ? undefined : { height }}
      >
        <svg
          className="curve-chart-svg"
          role="img"
          aria-labelledby={titleId}
          aria-describedby={descId}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          fontSize={fs}
        >
          <title id={titleId}>{spec.title}</title>
          <desc id={descId}>{desc}</desc>
          <defs>
            <clipPath id={clipId}>
              <rect ref={growRef} x={0} y={0} width={plotLeft} height={height} />
            </clipPath>
          </defs>

          <g className="curve-grid">
            {scales.yTicks.map((v) => (
              <line key={`y${v}`} x1={plotLeft} x2={plotRight} y1={scales.y(v)} y2={scales.y(v)} />
            ))}
            {scales.xTicks.map((m) => (
              <line key={`x${m}`} x1={scales.x(m)} x2={scales.x(m)} y1={plotTop} y2={plotBottom} />
            ))}
          </g>

          <g className="curve-axis">
            <line x1={plotLeft} x2={plotRight} y1={plotBottom} y2={plotBottom} />
            <line x1={plotLeft} x2={plotLeft} y1={plotTop} y2={plotBottom} />
            {scales.yTicks.map((v) => (
              <text
                key={`yl${v}`}
                x={plotLeft - 6}
                y={scales.y(v)}
                textAnchor="end"
                dominantBaseline="middle"
              >
                {formatValueTick(v, percent)}
              </text>
            ))}
            {scales.xTicks.map((m) => (
              <text key={`xl${m}`} x={scales.x(m)} y={plotBottom + fs + 4} textAnchor="middle">
                {formatMonthTick(m, layout.verboseTicks)}
              </text>
            ))}
            <text className="curve-axis-label" x={0} y={fs}>
              {spec.yLabel}
            </text>
            <text
              className="curve-axis-label"
              x={(plotLeft + plotRight) / 2}
              y={height - 6}
              textAnchor="middle"
            >
              {spec.xLabel}
            </text>
          </g>

          <g className="curve-bands">
            {paths.bands.map(({ band, area, median }) => (
              <g key={band.id}>
                <path
                  d={area}
                  fill={band.color}
                  fillOpacity={0.16}
                  data-testid="curve-band"
                  data-band-id={band.id}
                />
                {median ? (
                  <path
                    d={median}
                    fill="none"
                    stroke={band.color}
                    strokeWidth={1.5}
                    strokeDasharray="2 3"
                  />
                ) : null}
              </g>
            ))}
          </g>

          {/* Zero line of a difference chart: above the bands, under the curves. */}
          {(scales.yMin ?? 0) < 0 && (
            <line
              className="curve-zero"
              data-testid="curve-zero"
              x1={plotLeft}
              x2={plotRight}
              y1={scales.y(0)}
              y2={scales.y(0)}
            />
          )}

          <g className="curve-series" fill="none" strokeWidth={strokeWidth}>
            {paths.series.map(({ series, line, area }) => {
              const path = (
                <path
                  key={series.id}
                  d={line}
                  stroke={series.color}
                  strokeDasharray={series.dash}
                  strokeLinejoin="round"
                  data-testid="curve-series"
                  data-series-id={series.id}
                  data-role={series.role}
                  // The trial is the bold story; the expected course a thinner, fainter guide.
                  {...(series.role === 'expected'
                    ? { strokeOpacity: 0.8, strokeWidth: Math.max(1.5, strokeWidth * 0.75) }
                    : series.role === 'trial'
                      ? { strokeWidth: strokeWidth * 1.3 }
                      : {})}
                />
              );
              const interval = area ? (
                <path
                  key={`${series.id}-ci`}
                  d={area}
                  stroke={series.color}
                  strokeWidth={1.5}
                  strokeDasharray="1 3"
                  strokeLinecap="round"
                  data-testid="curve-series-band"
                  data-series-id={series.id}
                />
              ) : null;
              // This trial grows with the playhead: its line and interval are clipped there.
              return series.role === 'trial' ? (
                <g key={series.id} clipPath={`url(#${clipId})`} data-testid="curve-grow">
                  {interval}
                  {path}
                </g>
              ) : (
                [interval, path]
              );
            })}
          </g>

          <g className="curve-end-labels" fontWeight={600}>
            {endLabels.map((l) => (
              <text
                key={l.id}
                x={labelRight}
                y={l.y}
                textAnchor="end"
                fill={l.color}
                stroke="#ffffff"
                strokeWidth={4}
                strokeLinejoin="round"
                paintOrder="stroke"
                data-testid="curve-end-label"
              >
                {l.text}
              </text>
            ))}
          </g>

          {censorMarks.length > 0 && (
            <>
              <clipPath id={censorClipId}>
                <rect ref={censorClipRef} x={0} y={0} width={0} height={height} />
              </clipPath>
              <g clipPath={`url(#${censorClipId})`} data-testid="censor-marks">
                {censorMarks.map((c) => (
                  <path
                    key={c.id}
                    data-series-id={c.id}
                    stroke={c.color}
                    strokeWidth={1.5}
                    fill="none"
                    d={c.marks.map((m) => `M${m.x.toFixed(1)},${(m.y - 4).toFixed(1)}v8`).join('')}
                  />
                ))}
              </g>
            </>
          )}

          <line
            ref={playheadRef}
            className="curve-playhead"
            data-testid="curve-playhead"
            x1={plotLeft}
            x2={plotLeft}
            y1={plotTop}
            y2={plotBottom}
          />
        </svg>

        {points.length > 0 && (
          <svg
            className="curve-points"
            role="group"
            aria-label={`Published figures: ${spec.title}`}
            width={width}
            height={height}
            viewBox={`0 0 ${width} ${height}`}
          >
            {points.map(({ point, geo, name }) => {
              const hollow = point.inside === false;
              const isActive = active?.id === point.id;
              return (
                <g
                  key={point.id}
                  className="curve-point"
                  role="button"
                  tabIndex={0}
                  aria-label={name}
                  aria-describedby={isActive ? tipId : undefined}
                  data-testid="curve-point"
                  data-point-id={point.id}
                  onMouseEnter={() => {
                    cancelHide();
                    setActive((a) => (a?.id === point.id ? a : { id: point.id, via: 'hover' }));
                  }}
                  onMouseLeave={hideSoon}
                  onFocus={() => setActive({ id: point.id, via: 'focus' })}
                  onBlur={() => setActive((a) => (a?.id === point.id ? null : a))}
                  onKeyDown={onPointKey(point.id)}
                >
                  <g stroke={point.color} strokeWidth={2}>
                    <line x1={geo.cx} x2={geo.cx} y1={geo.top} y2={geo.bottom} />
                    <line x1={geo.cx - geo.cap} x2={geo.cx + geo.cap} y1={geo.top} y2={geo.top} />
                    <line
                      x1={geo.cx - geo.cap}
                      x2={geo.cx + geo.cap}
                      y1={geo.bottom}
                      y2={geo.bottom}
                    />
                  </g>
                  <path
                    transform={`translate(${geo.cx},${geo.cy})`}
                    d={markerPath(point.shape, markerSize)}
                    fill={hollow ? '#ffffff' : point.color}
                    stroke={hollow ? point.color : '#ffffff'}
                    strokeWidth={hollow ? 2.5 : 1.5}
                  />
                  <circle
                    className="curve-point-ring"
                    cx={geo.cx}
                    cy={geo.cy}
                    r={markerSize / 2 + 5}
                  />
                  {/* An invisible, larger target: a 10-px marker is hard to hit on a projector. */}
                  <rect
                    className="curve-point-hit"
                    x={geo.cx - hitRadius}
                    y={Math.min(geo.top, geo.cy - hitRadius)}
                    width={hitRadius * 2}
                    height={
                      Math.max(geo.bottom, geo.cy + hitRadius) -
                      Math.min(geo.top, geo.cy - hitRadius)
                    }
                  />
                </g>
              );
            })}
          </svg>
        )}

        {activePoint && (
          <div
            id={tipId}
            ref={tipRef}
            role="tooltip"
            className="curve-tooltip"
            data-testid="curve-tooltip"
            onMouseEnter={cancelHide}
            onMouseLeave={hideSoon}
          >
            <p className="curve-tooltip-title">
              <span
                className="curve-tooltip-swatch"
                style={{ background: activePoint.point.color }}
                aria-hidden="true"
              />
              {activePoint.point.tooltip.title}
            </p>
            {activePoint.point.curveLabel && (
              <p className="curve-tooltip-value">
                Target for the curve “{activePoint.point.curveLabel}”
              </p>
            )}
            {activePoint.point.tooltip.lines.map((line, i) => (
              <p key={i} className="curve-tooltip-line">
                {line}
              </p>
            ))}
          </div>
        )}
      </div>
      {showLegend && <CurveLegend entries={legend} />}
    </figure>
  );
}
