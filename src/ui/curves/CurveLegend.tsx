import type { LegendEntry } from './chartDescription';
import { markerPath } from './chartGeometry';

/** Props of {@link CurveLegend}. */
export interface CurveLegendProps {
  /** Rows from `legendEntries`. */
  entries: readonly LegendEntry[];
}

/** Horizontal distance between marker shapes in one swatch (px). */
const SHAPE_STEP = 16;

const swatchWidth = (e: LegendEntry) =>
  e.kind === 'point'
    ? 24 + Math.max(0, (e.shapes?.length ?? 1) - 1 + (e.hollow ? 1 : 0)) * SHAPE_STEP
    : 24;

/**
 * The legend of one chart or a panel: an HTML list, so it wraps, reflows and is read as a list.
 * Swatches repeat the chart's encodings (colour, dash, shape, fill) and are hidden from assistive
 * technology; the text names each one.
 */
export function CurveLegend({ entries }: CurveLegendProps) {
  if (entries.length === 0) return null;
  return (
    <ul className="curve-legend" aria-label="Legend">
      {entries.map((e) => (
        // The explanation shows on hover; it is also the item's description for screen readers.
        <li key={e.key} className="curve-legend-item" title={e.explain}>
          <svg
            className="curve-swatch"
            width={swatchWidth(e)}
            height="14"
            viewBox={`0 0 ${swatchWidth(e)} 14`}
            aria-hidden="true"
          >
            {e.kind === 'line' && (
              <line
                x1="1"
                x2="23"
                y1="7"
                y2="7"
                stroke={e.color}
                strokeWidth="3"
                strokeDasharray={e.dash}
              />
            )}
            {e.kind === 'key' && <rect x="1" y="1" width="22" height="12" rx="3" fill={e.color} />}
            {e.kind === 'band' && (
              <rect x="1" y="1" width="22" height="12" fill={e.color} fillOpacity={0.3} />
            )}
            {e.kind === 'interval' && (
              <g stroke={e.color} strokeWidth="1.5" strokeDasharray="1 3" strokeLinecap="round">
                <line x1="1" x2="23" y1="2" y2="2" />
                <line x1="1" x2="23" y1="12" y2="12" />
              </g>
            )}
            {e.kind === 'point' &&
              (e.shapes ?? ['circle']).map((shape, i) => (
                <g key={shape} transform={`translate(${12 + i * SHAPE_STEP},7)`}>
                  <line x1="0" x2="0" y1="-7" y2="7" stroke={e.color} strokeWidth="2" />
                  <path d={markerPath(shape, 10)} fill={e.color} stroke="#ffffff" strokeWidth={1} />
                </g>
              ))}
            {e.kind === 'point' && e.hollow && (
              <g transform={`translate(${12 + (e.shapes?.length ?? 1) * SHAPE_STEP},7)`}>
                <line x1="0" x2="0" y1="-7" y2="7" stroke={e.color} strokeWidth="2" />
                <path
                  d={markerPath('circle', 10)}
                  fill="#ffffff"
                  stroke={e.color}
                  strokeWidth={2}
                />
              </g>
            )}
          </svg>
          {e.label}
          {e.explain && <span className="visually-hidden">: {e.explain}</span>}
        </li>
      ))}
    </ul>
  );
}
