import { overallSurvivalData } from '../../model/estimate/cohortQueries';
import type { StudyPreset } from '../../data';
import { traceCurves } from '../../model/estimate/curves';
import type { ArmResult } from '../../scenario/simulation';
import type { ModelSpec, Quantity, Trace } from '../../model/types';
import type { FitRowView } from '../derived';
import { CURVE_COLORS } from '../palette';
import { formatPercent } from '../sliderScale';
import type { Band, ChartSpec, PublishedPoint, StepSeries } from './chartTypes';

/**
 * Turns model outputs into the three small multiples (survival, remission, relapse). Each
 * published point is drawn on the panel whose curves measure the same quantity, next to the
 * model line of that quantity: "in remission at 5 years" (a prevalence) next to the prevalence
 * line, "ever remitted" next to the cumulative incidence, "24% of remitters relapsed" next to the
 * relapsed-among-remitters line. Figures that are not a point on a curve (new relapses in an
 * interval) are in the fit table only.
 */

/** Which trace quantity each point kind sits on. */
type TraceQuantity =
  | 'alive'
  | 'everRemitted'
  | 'inRemission'
  | 'inRemissionSurvivors'
  | 'everRelapsed'
  | 'relapsedAmongRemitted';

/** The trace line of a quantity (months on x). */
export function traceLine(spec: ModelSpec, trace: Trace, which: TraceQuantity): Float64Array {
  const c = traceCurves(spec, trace);
  if (which !== 'inRemissionSurvivors') return c[which];
  return c.inRemission.map((v, i) => (c.alive[i]! > 0 ? v / c.alive[i]! : NaN));
}

function pointPanel(
  q: Quantity,
): { panel: 'os' | 'remission' | 'relapse'; line: TraceQuantity } | null {
  switch (q.kind) {
    case 'survival':
      return { panel: 'os', line: 'alive' };
    case 'everRemitted':
      return { panel: 'remission', line: 'everRemitted' };
    case 'relapsedAmongRemitted':
      return { panel: 'relapse', line: 'relapsedAmongRemitted' };
    case 'inState':
      if (q.which !== 'remission') return null;
      return {
        panel: 'remission',
        line: q.denominator === 'enrolled' ? 'inRemission' : 'inRemissionSurvivors',
      };
    default:
      return null;
  }
}

const SHAPES: Record<TraceQuantity, PublishedPoint['shape']> = {
  alive: 'circle',
  everRemitted: 'diamond',
  inRemission: 'circle',
  inRemissionSurvivors: 'square',
  everRelapsed: 'circle',
  relapsedAmongRemitted: 'diamond',
};

/** A published point with its tooltip (citation and sentence). */
function toPoint(
  row: FitRowView,
  study: StudyPreset | undefined,
  line: TraceQuantity,
): PublishedPoint {
  const f = row.figure;
  const lines: string[] = [];
  if (f) {
    lines.push(`Published: ${f.published}`);
    lines.push(`“${f.sentence}”`);
    lines.push(
      `Source: ${f.source === 'seed' ? 'seed document' : f.source === 'found' ? 'found publication' : 'derived'} ${f.sourceRef}`,
    );
    if (study)
      lines.push(
        `${study.citation.authors[0] ?? ''} et al., ${study.citation.journal} ${study.citation.year}`,
      );
    if (f.notes) lines.push(`Note: ${f.notes}`);
  } else {
    lines.push(`Typed in: ${row.k}/${row.n}`);
  }
  lines.push(
    `Model: ${formatPercent(row.model)} (${row.inside ? 'inside' : 'outside'} the 95% interval)`,
  );
  return {
    id: row.id,
    label: row.label,
    x: row.time,
    y: row.observed,
    lower: row.lower,
    upper: row.upper,
    color: CURVE_COLORS.published,
    shape: SHAPES[line],
    inside: row.inside,
    k: row.k,
    n: row.n,
    tooltip: { title: `${row.id}: ${row.label}`, lines },
  };
}

/** Options of `buildChartSpecs`. */
export interface ChartInputs {
  spec: ModelSpec;
  trace: Trace;
  rows: FitRowView[];
  study: StudyPreset | undefined;
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
}

const ARM_B_COLOR = '#7A4F00';

/** Builds the survival, remission and relapse charts. */
export function buildChartSpecs(inp: ChartInputs): ChartSpec[] {
  const { spec, trace, rows, study, horizon, sim, relapseView } = inp;
  const grid = sim?.estimates.grid;
  const arms = inp.specB && inp.traceB ? ` (${inp.labelA ?? 'A'})` : '';
  const withB = (id: string) => `${id}-B`;

  const os: ChartSpec = {
    id: 'os',
    title: 'Overall survival',
    yLabel: 'Alive',
    xLabel: 'Months since transplant',
    xMax: horizon,
    percent: true,
    series: [],
    bands: [],
    points: [],
  };
  const remission: ChartSpec = {
    ...os,
    id: 'remission',
    title: 'Remission',
    yLabel: 'Share of patients',
    series: [],
    bands: [],
    points: [],
  };
  const relapse: ChartSpec = {
    ...os,
    id: 'relapse',
    title: 'Relapse',
    yLabel: 'Share of patients',
    series: [],
    bands: [],
    points: [],
  };

  const band = (
    id: string,
    label: string,
    b: ArmResult['replicates']['bands']['os'],
    color: string,
  ): Band => ({
    id,
    label,
    color,
    kind: 'step',
    x: grid!,
    lower: b.lower,
    upper: b.upper,
  });

  const addArm = (
    armSpec: ModelSpec,
    armTrace: Trace,
    armSim: ArmResult | null | undefined,
    suffix: string,
    key: (id: string) => string,
    color: string,
    traceColor: string,
  ) => {
    const reps = armSim?.replicates.replicates ?? 0;
    if (armSim && grid) {
      const e = armSim.estimates;
      if (reps > 0) {
        os.bands.push(
          band(
            key('os-band'),
            `${reps} replicate trials, 95% range${suffix}`,
            armSim.replicates.bands.os,
            CURVE_COLORS.band,
          ),
        );
        remission.bands.push(
          band(
            key('ever-band'),
            `${reps} replicate trials, 95% range${suffix}`,
            armSim.replicates.bands.everRemitted,
            CURVE_COLORS.band,
          ),
        );
        remission.bands.push(
          band(
            key('inrem-band'),
            `In remission: ${reps} trials, 95% range${suffix}`,
            armSim.replicates.bands.inRemission,
            '#9AD0B9',
          ),
        );
        relapse.bands.push(
          band(
            key('rel-band'),
            `${reps} replicate trials, 95% range${suffix}`,
            relapseView === 'cif'
              ? armSim.replicates.bands.relapseCif
              : armSim.replicates.bands.relapseKm,
            CURVE_COLORS.band,
          ),
        );
      }
      os.series.push({
        id: key('os-km'),
        label: `Simulated (KM)${suffix}`,
        bandLabel: `KM 95% CI${suffix}`,
        color,
        kind: 'step',
        x: e.os.time,
        y: e.os.survival,
        lower: e.os.lower,
        upper: e.os.upper,
        start: { x: 0, y: 1 },
        xEnd: horizon,
        censorX: censoringTimes(armSim.cohort, armSpec),
      });
      remission.series.push({
        id: key('ever-sim'),
        label: `Ever remitted, sim.${suffix}`,
        color,
        kind: 'step',
        x: grid,
        y: e.values.everRemitted,
      });
      remission.series.push({
        id: key('inrem-sim'),
        label: `In remission, sim.${suffix}`,
        color: '#00704F',
        kind: 'step',
        x: grid,
        y: e.values.inRemission,
      });
      const primary: StepSeries = {
        id: key(relapseView === 'cif' ? 'rel-cif' : 'rel-km'),
        label:
          relapseView === 'cif'
            ? `Relapsed, sim. (CIF)${suffix}`
            : `Relapsed, sim. (1 − KM)${suffix}`,
        color,
        kind: 'step',
        x: grid,
        y: relapseView === 'cif' ? e.values.relapseCif : e.values.relapseKm,
      };
      const other: StepSeries = {
        id: key(relapseView === 'cif' ? 'rel-km' : 'rel-cif'),
        label: relapseView === 'cif' ? `1 − KM (overstates)${suffix}` : `CIF${suffix}`,
        color: CURVE_COLORS.alternative,
        dash: '2 3',
        kind: 'step',
        x: grid,
        y: relapseView === 'cif' ? e.values.relapseKm : e.values.relapseCif,
      };
      relapse.series.push(primary, other, {
        id: key('rar-sim'),
        label: `Among remitters, sim.${suffix}`,
        color: '#9C3F7E',
        kind: 'step',
        x: grid,
        y: e.values.relapsedAmongRemitted,
      });
    }
    const line = (id: string, label: string, q: TraceQuantity, dash = '6 4'): StepSeries => ({
      id: key(id),
      label: `${label}${suffix}`,
      color: traceColor,
      dash,
      kind: 'line',
      x: armTrace.times,
      y: traceLine(armSpec, armTrace, q),
    });
    os.series.push(line('os-trace', 'Model', 'alive'));
    remission.series.push(line('ever-trace', 'Ever remitted, model', 'everRemitted'));
    remission.series.push(line('inrem-trace', 'In remission, model', 'inRemission', '1 3'));
    if (rows.some((r) => r.quantity.kind === 'inState' && r.quantity.denominator === 'survivors')) {
      remission.series.push(
        line('inrems-trace', 'Among survivors, model', 'inRemissionSurvivors', '8 3 2 3'),
      );
    }
    relapse.series.push(line('rel-trace', 'Relapsed, model', 'everRelapsed'));
    relapse.series.push(
      line('rar-trace', 'Among remitters, model', 'relapsedAmongRemitted', '1 3'),
    );
  };

  addArm(spec, trace, sim, arms, (id) => id, CURVE_COLORS.simulated, CURVE_COLORS.trace);
  if (inp.specB && inp.traceB) {
    addArm(
      inp.specB,
      inp.traceB,
      inp.simB,
      ` (${inp.labelB ?? 'B'})`,
      withB,
      ARM_B_COLOR,
      ARM_B_COLOR,
    );
    // Arm B shows only its main lines: a second full set would bury both arms.
    const keepB = new Set([
      'os-km',
      'os-trace',
      'ever-sim',
      'ever-trace',
      'rel-cif',
      'rel-km',
      'rel-trace',
      'os-band',
      'ever-band',
      'rel-band',
    ]);
    const primaryRelapse = relapseView === 'cif' ? 'rel-cif' : 'rel-km';
    const keep = (id: string) => {
      if (!id.endsWith('-B')) return true;
      const base = id.slice(0, -2);
      if (base === 'rel-cif' || base === 'rel-km') return base === primaryRelapse;
      return keepB.has(base);
    };
    for (const c of [os, remission, relapse]) {
      c.series = c.series.filter((x) => keep(x.id));
      c.bands = c.bands.filter((x) => keep(x.id));
    }
  }

  const panels = { os, remission, relapse };
  for (const r of rows) {
    if (!r.supported || r.time > horizon) continue;
    const where = pointPanel(r.quantity);
    if (!where) continue;
    panels[where.panel].points.push(toPoint(r, study, where.line));
  }
  return [os, remission, relapse];
}

/** The times (months) at which patients of a cohort are censored for overall survival, for the KM's tick marks. */
function censoringTimes(cohort: ArmResult['cohort'], spec: ModelSpec): Float64Array {
  const { time, event } = overallSurvivalData(cohort, spec);
  const out: number[] = [];
  for (let i = 0; i < time.length; i++) if (event[i] === 0) out.push(time[i]!);
  return Float64Array.from(out);
}
