import { overallSurvivalData } from '../../model/estimate/cohortQueries';
import { sourceLine } from '../../data/citation';
import { traceCurves, type TraceCurveId } from '../../model/estimate/curves';
import type { ArmResult } from '../../scenario/simulation';
import type { ModelSpec, Quantity, Trace } from '../../model/types';
import type { FitRow } from '../derived';
import { ARM_COLORS } from '../palette';
import { formatPercent } from '../../scenario/format';
import { hasRange } from '../../scenario/wording';
import type { ChartChoices } from './chartChoices';
import { fittedTop } from './chartGeometry';
import { drawnSteps } from './thinSteps';
import {
  emptyShareChart,
  type ChartSpec,
  type PublishedPoint,
  type StepSeries,
} from './chartTypes';
import type { CurveId } from '../../model/estimate/curves';
import type { BandValues } from '../../model/simulate/replicates';
import { pointwiseBand, type DrawBand } from '../../model/calibrate/pointwiseBand';
import {
  CHART_CURVES,
  CURVE_WORDS,
  curveInfo,
  defaultCurves,
  type ChartCurve,
} from './curveCatalogue';
import { PANELS, type ChartCurveId, type PanelId } from '../../scenario/curves';

/**
 * Turns model outputs into the three small multiples (survival, remission, relapse). Each
 * published point is drawn on the panel whose curves measure the same quantity, next to the
 * model line of that quantity: "in remission at 5 years" (a prevalence) next to the prevalence
 * line, "ever remitted" next to the cumulative incidence, "24% of remitters relapsed" next to the
 * relapsed-among-remitters line. Figures that are not a point on a curve (new relapses in an
 * interval) are in the fit table only.
 */

/** A model (trace) line: one of `traceCurves`, or remission among survivors (the ratio of two). */
type TraceQuantity = TraceCurveId | 'inRemissionSurvivors';

/** The trace line of a quantity (months on x). */
export function traceLine(spec: ModelSpec, trace: Trace, which: TraceQuantity): Float64Array {
  const c = traceCurves(spec, trace);
  if (which !== 'inRemissionSurvivors') return c[which];
  return c.inRemission.map((v, i) => (c.alive[i]! > 0 ? v / c.alive[i]! : NaN));
}

/** The chart curve a published figure sits on, or null when it is not a point on a curve. */
export function curveOfQuantity(q: Quantity): ChartCurveId | null {
  switch (q.kind) {
    case 'survival':
      return 'os';
    case 'everRemitted':
      return 'everRemitted';
    case 'relapsedAmongRemitted':
      return 'relapsedAmongRemitted';
    case 'inState':
      if (q.which !== 'remission') return null;
      return q.denominator === 'enrolled' ? 'inRemission' : 'inRemissionSurvivors';
    default:
      return null;
  }
}

/**
 * The model (trace) line a chart curve is drawn against: the catalogue's, and for remission among
 * survivors the ratio the charts compute (`traceLine`); null for 1 − KM (an estimator's bias has
 * no model line).
 */
export function traceQuantityOf(id: ChartCurveId): TraceQuantity | null {
  return id === 'inRemissionSurvivors' ? 'inRemissionSurvivors' : curveInfo(id).trace;
}

/** A published point with its tooltip: k/n and its interval, the exact sentence, its source. */
function toPoint(row: FitRow, curve: ChartCurve): PublishedPoint {
  const f = row.figure;
  const lines: string[] = [];
  lines.push(
    `${row.k}/${row.n} = ${formatPercent(row.observed)}, Wilson 95% interval ${formatPercent(row.lower)}–${formatPercent(row.upper)}, at ${row.time} months`,
  );
  if (f) {
    lines.push(`“${f.sentence}”`);
    lines.push(`Source: ${sourceLine(f)}`);
    if (f.notes) lines.push(`Note: ${f.notes}`);
  } else {
    lines.push('Typed in by hand (Targets tab).');
  }
  lines.push(
    `Expected course: ${formatPercent(row.model)} (${row.inside ? 'inside' : 'outside'} the interval)`,
  );
  return {
    id: row.id,
    label: row.label,
    x: row.time,
    y: row.observed,
    lower: row.lower,
    upper: row.upper,
    color: curve.color,
    shape: 'circle',
    inside: row.inside,
    k: row.k,
    n: row.n,
    curveLabel: curve.label,
    tooltip: { title: `${row.id}: ${row.label}`, lines },
  };
}

/** Options of `buildChartSpecs`. */
export interface ChartInputs {
  spec: ModelSpec;
  trace: Trace;
  rows: FitRow[];
  horizon: number;
  relapseView: 'cif' | 'km';
  /** Simulation of arm A (null while the worker runs for the first time). */
  sim: ArmResult | null;
  /** Arm B, for the comparison view. */
  specB?: ModelSpec | null;
  traceB?: Trace | null;
  simB?: ArmResult | null;
  labelA?: string;
  labelB?: string;
  /** The charts' view choices (extra curves, full axes, the KM interval). @default defaults */
  choices?: Pick<ChartChoices, 'curves' | 'fullAxis' | 'kmInterval'>;
  /**
   * What the published figures allow (issue 16), from the last fit: the cohort trace of every
   * drawn rate set, and the predictive bands (one trial per drawn rate set) on `grid`; and which
   * band arm A's curves get: the rates' uncertainty, the replicate trials' range, or both at once
   * (predictive). @default no uncertainty, the replicate trials' range
   */
  uncertainty?: {
    drawTraces: readonly { spec: ModelSpec; trace: Trace }[];
    predictive: { grid: Float64Array; bands: Record<CurveId, BandValues> };
    /** The sliders differ from the fit: the bands are the fit's, and their labels say so. */
    awayFromFit?: boolean;
  } | null;
  bandsShown?: 'rates' | 'trial' | 'both';
}

/** Pointwise 2.5–97.5% of a trace quantity over the drawn rate sets' traces. */
function rateBand(draws: readonly { spec: ModelSpec; trace: Trace }[], q: TraceQuantity): DrawBand {
  return pointwiseBand(
    draws[0]!.trace.times,
    draws.map((d) => traceLine(d.spec, d.trace, q)),
  );
}

const EXPECTED_DASH = '6 4';

/** The main curve of each chart: the one story it tells by default. */
export function mainCurve(chart: PanelId, relapseView: 'cif' | 'km'): ChartCurveId {
  return chart === 'os'
    ? 'os'
    : chart === 'remission'
      ? 'inRemission'
      : relapseView === 'cif'
        ? 'relapseCif'
        : 'relapseKm';
}

/** The curves each chart shows: its defaults (main curve and fitted figures' curves) and choices. */
export function shownCurves(
  rows: readonly FitRow[],
  relapseView: 'cif' | 'km',
  chosen: Partial<Record<ChartCurveId, boolean>> = {},
): Record<PanelId, ChartCurveId[]> {
  const fitted = new Set<ChartCurveId>();
  for (const r of rows) {
    const c = r.supported && r.role === 'primary' ? curveOfQuantity(r.quantity) : null;
    if (c) fitted.add(c);
  }
  const out = {} as Record<PanelId, ChartCurveId[]>;
  for (const chart of ['os', 'remission', 'relapse'] as const) {
    const main = mainCurve(chart, relapseView);
    const defaults = new Set(defaultCurves(chart, main, fitted));
    out[chart] = CHART_CURVES.filter(
      (c) => c.panel === chart && (c.id === main || (chosen[c.id] ?? defaults.has(c.id))),
    ).map((c) => c.id);
  }
  return out;
}

/** Builds the survival, remission and relapse charts. */
export function buildChartSpecs(inp: ChartInputs): ChartSpec[] {
  const { spec, trace, rows, horizon, sim, relapseView } = inp;
  const choices = inp.choices ?? { curves: {}, fullAxis: {}, kmInterval: false };
  const shown = shownCurves(rows, relapseView, choices.curves);
  const twoArms = !!(inp.specB && inp.traceB);
  const roleLabels: ChartSpec['roleLabels'] = {
    trial: CURVE_WORDS.trial,
    expected: CURVE_WORDS.expected,
    ci: CURVE_WORDS.ci,
  };
  const base = (id: PanelId, title: string, yLabel: string): ChartSpec => ({
    ...emptyShareChart(id, title, yLabel, horizon),
    pointsLabel: CURVE_WORDS.published.label,
    pointsExplain: CURVE_WORDS.published.explain,
    roleLabels,
  });
  // The panels' titles and axis labels come from the scenario's catalogue.
  const charts = Object.fromEntries(
    PANELS.map((p) => [p.id, base(p.id, p.title, p.yLabel)]),
  ) as Record<PanelId, ChartSpec>;

  // Old ids are kept for tests and exports: `${SIM_ID[c]}`, `${TRACE_ID[c]}`, `${BAND_ID[c]}`.
  const SIM_ID: Record<ChartCurveId, string> = {
    os: 'os-km',
    inRemission: 'inrem-sim',
    everRemitted: 'ever-sim',
    inRemissionSurvivors: 'inrems-sim',
    relapseCif: 'rel-cif',
    relapseKm: 'rel-km',
    relapsedAmongRemitted: 'rar-sim',
  };
  const TRACE_ID: Record<ChartCurveId, string> = {
    os: 'os-trace',
    inRemission: 'inrem-trace',
    everRemitted: 'ever-trace',
    inRemissionSurvivors: 'inrems-trace',
    relapseCif: 'rel-trace',
    relapseKm: 'relkm-trace',
    relapsedAmongRemitted: 'rar-trace',
  };
  const BAND_ID: Record<ChartCurveId, string> = {
    os: 'os-band',
    inRemission: 'inrem-band',
    everRemitted: 'ever-band',
    inRemissionSurvivors: 'inrems-band',
    relapseCif: 'rel-band',
    relapseKm: 'relkm-band',
    relapsedAmongRemitted: 'rar-band',
  };

  const addCurve = (
    c: ChartCurve,
    armSpec: ModelSpec,
    armTrace: Trace,
    armSim: ArmResult | null | undefined,
    arm: '' | 'A' | 'B',
    color: string,
  ) => {
    const chart = charts[c.panel];
    const key = (id: string) => (arm === 'B' ? `${id}-B` : id);
    const suffix = arm ? ` (${arm === 'A' ? (inp.labelA ?? 'A') : (inp.labelB ?? 'B')})` : '';
    const name = `${c.label}${suffix}`;
    const g = armSim?.estimates.grid;
    const armReps = armSim?.replicates.replicates ?? 0;
    const modelCurve = c.id === 'inRemissionSurvivors' ? null : c.id;
    const u = arm !== 'B' ? inp.uncertainty : null;
    const shownBand = u ? (inp.bandsShown ?? 'trial') : 'trial';
    // Away from the fit the band stays the fit's (what the figures allow does not move with a
    // what-if): "(fit)" in the legend, and this sentence in its explanation.
    const away = u?.awayFromFit
      ? ' The rates are drawn around the fit, not around your slider values.'
      : '';
    const q = traceQuantityOf(c.id);
    if (u && shownBand === 'rates' && q && u.drawTraces.length > 0) {
      // The rates' uncertainty alone: the expected course under each drawn rate set.
      const b = rateBand(u.drawTraces, q);
      chart.bands.push({
        id: key(`${BAND_ID[c.id]}-rates`),
        label: `95% over ${u.drawTraces.length} drawn rate sets${u.awayFromFit ? ' (fit)' : ''}`,
        explain: `Where the expected course lies for 95% of the rate sets the published figures allow: how sure we are of the rates themselves.${away}`,
        role: 'range',
        color,
        kind: 'line',
        x: b.times,
        lower: b.lower,
        upper: b.upper,
      });
    } else if (u && shownBand === 'both' && modelCurve) {
      // Both at once: one trial of this size under each drawn rate set (predictive).
      const b = u.predictive.bands[modelCurve];
      chart.bands.push({
        id: key(`${BAND_ID[c.id]}-predictive`),
        label: `95% of trials under drawn rates${u.awayFromFit ? ' (fit)' : ''}`,
        explain: `One trial of this size simulated under each drawn rate set: the rates are uncertain and a trial wobbles, both at once (the predictive range).${away}`,
        role: 'range',
        color,
        kind: 'step',
        x: u.predictive.grid,
        lower: b.lower,
        upper: b.upper,
      });
    } else if (armSim && g && modelCurve && hasRange(armReps)) {
      // A single trial (or none) is not a range: no band below 2 replicate trials.
      const b = armSim.replicates.bands[modelCurve];
      chart.bands.push({
        id: key(BAND_ID[c.id]),
        label: CURVE_WORDS.range.label(armReps),
        explain: CURVE_WORDS.range.explain,
        role: 'range',
        color,
        kind: 'step',
        x: g,
        lower: b.lower,
        upper: b.upper,
      });
    }
    if (q) {
      chart.series.push({
        id: key(TRACE_ID[c.id]),
        label: `${name}, expected`,
        role: 'expected',
        color,
        dash: EXPECTED_DASH,
        kind: 'line',
        x: armTrace.times,
        y: traceLine(armSpec, armTrace, q),
        endLabel: name,
      });
    }
    if (armSim && g && modelCurve) {
      const e = armSim.estimates;
      const km = drawnSteps(e.os, horizon);
      const trial: StepSeries = {
        id: key(SIM_ID[c.id]),
        label: `${name}, this trial`,
        role: 'trial',
        color,
        kind: 'step',
        x: modelCurve === 'os' ? km.time : g,
        y: modelCurve === 'os' ? km.survival : e.values[modelCurve],
        ...(q ? {} : { endLabel: name }),
      };
      if (modelCurve === 'os') {
        trial.start = { x: 0, y: 1 };
        trial.xEnd = horizon;
        // Censoring ticks, as a survival figure marks them (revealed with the playhead).
        trial.censorX = censoringTimes(armSim.cohort, armSpec);
        if (choices.kmInterval) {
          trial.lower = km.lower;
          trial.upper = km.upper;
          trial.bandLabel = CURVE_WORDS.ci.label;
        }
      }
      chart.series.push(trial);
    }
  };

  for (const chart of ['os', 'remission', 'relapse'] as const) {
    for (const id of shown[chart]) {
      const c = curveInfo(id);
      addCurve(c, spec, trace, sim, twoArms ? 'A' : '', twoArms ? ARM_COLORS.A : c.color);
    }
    // Arm B shows only each chart's main curve: a second full set would bury both arms.
    if (inp.specB && inp.traceB) {
      const c = curveInfo(mainCurve(chart, relapseView));
      addCurve(c, inp.specB, inp.traceB, inp.simB, 'B', ARM_COLORS.B);
    }
  }

  for (const r of rows) {
    if (!r.supported || r.time > horizon) continue;
    const id = curveOfQuantity(r.quantity);
    if (!id) continue;
    const c = curveInfo(id);
    if (!shown[c.panel].includes(id)) continue;
    charts[c.panel].points.push(toPoint(r, twoArms ? { ...c, color: ARM_COLORS.A } : c));
  }
  for (const chart of Object.values(charts)) {
    // Two arms: colour names the arm, so the legend says which colour is which.
    if (twoArms) {
      chart.colorKeys = [
        { label: inp.labelA ?? 'A', color: ARM_COLORS.A },
        { label: inp.labelB ?? 'B', color: ARM_COLORS.B },
      ];
    }
    chart.yMax = choices.fullAxis[chart.id as PanelId] ? 1 : fittedTop(chart);
  }
  return [charts.os, charts.remission, charts.relapse];
}

/** The times (months) at which patients of a cohort are censored for overall survival, for the KM's tick marks. */
function censoringTimes(cohort: ArmResult['cohort'], spec: ModelSpec): Float64Array {
  // Cached per cohort: the array's identity keeps the chart's tick marks from being rebuilt on
  // every slider input, and a million patients take a pass worth not repeating.
  const hit = censoringCache.get(cohort);
  if (hit && hit.spec === spec) return hit.times;
  const times = censoredOs(cohort, spec);
  censoringCache.set(cohort, { spec, times });
  return times;
}

const censoringCache = new WeakMap<ArmResult['cohort'], { spec: ModelSpec; times: Float64Array }>();

function censoredOs(cohort: ArmResult['cohort'], spec: ModelSpec): Float64Array {
  const { time, event } = overallSurvivalData(cohort, spec);
  const out: number[] = [];
  for (let i = 0; i < time.length; i++) if (event[i] === 0) out.push(time[i]!);
  return Float64Array.from(out);
}
