/** The CLI's plain-text tables: intensities, fit rows, curves, endpoints, intervals, time in state. */
import type { IntensityInterval, ParameterDraws } from '../model/calibrate/calibrate';
import type { TimeInStateSummary } from '../model/calibrate/drawSummaries';
import { CURVE_IDS } from '../model/estimate/curves';
import {
  ENDPOINT_IDS,
  ENDPOINT_NAMES,
  type ArmEndpointSummary,
  type EndpointId,
} from '../model/estimate/armComparison';
import { formatMedian } from '../scenario/twoArms';
import {
  PARAMETER_INFO,
  parametersOf,
  type Intensities,
  type TemplateOptions,
} from '../model/markov/template';
import { formatPercent, formatPercentRange } from '../scenario/format';
import { CURVES } from '../scenario/curves';
import { countOf, hasRange } from '../scenario/wording';
import type { JsonFitRow, JsonCurves } from './jsonReport';

/** Column alignment of {@link renderTable}. */
export type Align = 'left' | 'right';

/**
 * A plain aligned text table: a header row, a rule, the rows. Columns are separated by two
 * spaces; `align` gives each column's alignment (default: left for the first, right after).
 */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly Align[],
): string {
  const width = (s: string): number => [...s].length;
  const widths = headers.map((h, j) => Math.max(width(h), ...rows.map((r) => width(r[j] ?? ''))));
  const cell = (s: string, j: number): string => {
    const pad = ' '.repeat(Math.max(0, widths[j]! - width(s)));
    const a = align?.[j] ?? (j === 0 ? 'left' : 'right');
    return a === 'left' ? s + pad : pad + s;
  };
  const line = (r: readonly string[]): string =>
    headers
      .map((_, j) => cell(r[j] ?? '', j))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Months as shown in tables (integers plain, others with up to 2 decimals). */
export function months(t: number): string {
  return Number.isInteger(t) ? String(t) : String(Number(t.toFixed(2)));
}

/** The intensities table: one row per parameter, one column per time piece (per year). */
export function renderIntensities(template: TemplateOptions, intensities: Intensities): string {
  const bp = template.breakpoints;
  const pieces = bp.length + 1;
  const pieceLabel = (i: number): string => {
    const from = i === 0 ? 0 : bp[i - 1]!;
    const to = i < bp.length ? bp[i] : undefined;
    return to === undefined
      ? i === 0
        ? 'per year'
        : `${months(from)}+ mo`
      : `${months(from)}–${months(to)} mo`;
  };
  const headers = [
    'Parameter',
    'Transition',
    ...Array.from({ length: pieces }, (_, i) => pieceLabel(i)),
  ];
  const rows = parametersOf(template).map((p) => {
    const info = PARAMETER_INFO[p];
    const v = intensities[p] ?? [];
    return [
      p,
      `${info.from} → ${info.to}`,
      ...Array.from({ length: pieces }, (_, i) => {
        const x = v[i];
        return x === undefined ? '—' : String(Number(x.toPrecision(4)));
      }),
    ];
  });
  return renderTable(headers, rows, ['left', 'left']);
}

/** The fit table of an arm: published k/n, Wilson 95%, model, simulated, replicate range. */
export function renderFitTable(rows: readonly JsonFitRow[], replicates: number): string {
  const body = rows.map((r) => [
    r.id,
    r.label,
    months(r.time),
    `${r.k}/${r.n} (${formatPercent(r.observed)})`,
    formatPercentRange(r.lower, r.upper),
    r.supported ? formatPercent(r.model) : 'n/a (split remission)',
    r.simulated ? `${r.simulated.k}/${r.simulated.n} (${formatPercent(r.simulated.value)})` : '—',
    r.replicates && hasRange(replicates)
      ? formatPercentRange(r.replicates.lower, r.replicates.upper)
      : '—',
    r.supported ? (r.inside ? 'yes' : 'NO') : '—',
  ]);
  return renderTable(
    [
      'Id',
      'Figure',
      'Month',
      'Published k/n',
      'Wilson 95%',
      'Model',
      'Simulated (this cohort)',
      hasRange(replicates)
        ? `Replicates 2.5–97.5% (R=${replicates})`
        : `Replicates (R=${replicates}: too few for a range)`,
      'Inside',
    ],
    body,
    ['left', 'left'],
  );
}

/** Grid times shown in the curve tables: every published time within the horizon and every 12 months. */
export function curveTimes(grid: readonly number[], published: readonly number[]): number[] {
  const horizon = grid[grid.length - 1] ?? 0;
  const want = new Set<number>();
  for (let t = 12; t <= horizon + 1e-9; t += 12) want.add(t);
  for (const t of published) if (t > 0 && t <= horizon + 1e-9) want.add(t);
  return [...want].sort((a, b) => a - b);
}

const indexOf = (times: readonly number[], t: number): number =>
  times.findIndex((x) => Math.abs(x - t) < 1e-9);

/**
 * The curve values at the chosen times, one table per curve: the simulated estimate in the shown
 * cohort, the replicate 2.5%/50%/97.5% band and the model trace. Times not on the grid (a
 * published time that is not a whole month) are listed as not on the grid.
 */
export function renderCurves(curves: JsonCurves, times: readonly number[]): string {
  const out: string[] = [];
  for (const id of CURVE_IDS) {
    const { title, trace } = CURVES[id];
    const rows = times.map((t) => {
      const g = indexOf(curves.grid, t);
      const ti = indexOf(curves.trace.times, t);
      const b = curves.bands[id];
      return [
        months(t),
        g < 0 ? 'not on grid' : formatPercent(curves.simulated[id][g]),
        g < 0 ? '—' : formatPercent(b.median[g]),
        g < 0 ? '—' : formatPercentRange(b.lower[g], b.upper[g]),
        trace && ti >= 0 ? formatPercent(curves.trace[trace][ti]) : '—',
      ];
    });
    out.push(
      `${title} [${id}]\n` +
        renderTable(
          ['Month', 'Simulated', 'Replicate median', 'Replicates 2.5–97.5%', 'Model trace'],
          rows,
        ),
    );
  }
  return out.join('\n\n');
}

/** A heading underlined with '=', as the plain-text reports show one. */
export const heading = (s: string): string => `${s}\n${'='.repeat([...s].length)}`;

/** Each endpoint's median and number-at-risk table of one arm, as text (months). */
export function renderEndpoints(endpoints: Record<EndpointId, ArmEndpointSummary>): string {
  const lines: string[] = [];
  for (const id of ENDPOINT_IDS) {
    const e = endpoints[id];
    lines.push(
      `${ENDPOINT_NAMES[id]}: ${countOf(e.events, 'event')} in ${countOf(e.n, 'patient')}, ${formatMedian(e.median)}`,
    );
    const t = e.riskTable;
    lines.push(
      renderTable(
        ['Months', ...t.times.map(String)],
        [
          ['At risk', ...t.atRisk.map(String)],
          ['Events', ...t.events.map(String)],
          ['Censored', ...t.censored.map(String)],
        ],
        ['left', ...t.times.map((): 'right' => 'right')],
      ),
    );
  }
  return lines.join('\n');
}

/** Significant digits for an intensity per year. */
const rate = (x: number) => x.toPrecision(3);

/** The profile-likelihood intervals, one row per fitted value; search-range ends said as such. */
export function renderIntervals(intervals: readonly IntensityInterval[]): string {
  if (intervals.length === 0) return 'Nothing was fitted.';
  const rows = intervals.map((iv) => [
    iv.name,
    rate(iv.estimate),
    `${iv.lowerAtSearchEnd ? '≤ ' : ''}${rate(iv.lower)} – ${iv.upperAtSearchEnd ? '≥ ' : ''}${rate(iv.upper)}`,
    iv.weaklyIdentified
      ? `weakly identified${iv.lowerAtSearchEnd || iv.upperAtSearchEnd ? ': the figures do not rule out the end of the searched range' : ''}`
      : '',
  ]);
  return renderTable(['Fitted value', 'Estimate', '95% interval', 'Note'], rows, ['left', 'left']);
}

/** Time in each lane and life-years, with the draws' intervals. */
export function renderTimeInState(s: TimeInStateSummary, draws: ParameterDraws | null): string {
  const range = (lo: number | null, hi: number | null, f: (x: number) => string) =>
    lo === null || hi === null ? '—' : `${f(lo)} – ${f(hi)}`;
  const m = (x: number) => x.toFixed(1);
  const rows = s.lanes.map((l) => [`months ${l.lane}`, m(l.months), range(l.lower, l.upper, m)]);
  const y = (x: number) => x.toFixed(2);
  rows.push([
    'life-years alive',
    y(s.lifeYears.years),
    range(s.lifeYears.lower, s.lifeYears.upper, y),
  ]);
  const table = renderTable(['Quantity', 'At the fit', '95% over the rates'], rows, ['left']);
  const note = draws
    ? `Intervals over ${draws.sets.length} intensity sets drawn from what the figures allow (seed "${draws.seed}", effective sample size ${Math.round(draws.effectiveSize)} of ${draws.proposals} proposals).`
    : 'No parameter draws.';
  return `${table}\n${note}`;
}
