/**
 * What each curve of the three charts is, in one place: its chart, its name (the direct label at
 * the line's end), its colour, a sentence explaining it, and when it is shown by default. Written
 * as plain data with no React so it can move into the scenario's catalogue of curves
 * (src/scenario) when that exists; the charts, the legend and "How this works" read it from here.
 *
 * Colours are from the Okabe–Ito palette or the lanes' darker text colours (≥ 3:1 on white for
 * lines), so a curve that counts a lane's patients has that lane's colour.
 */
import { countOf } from '../../scenario/wording';

/** The three small multiples. */
export type ChartId = 'os' | 'remission' | 'relapse';

/** Every curve a chart can show (the ids of the model's curves, plus survivors' remission). */
export type ChartCurveId =
  | 'os'
  | 'inRemission'
  | 'everRemitted'
  | 'inRemissionSurvivors'
  | 'relapseCif'
  | 'relapseKm'
  | 'relapsedAmongRemitted';

/** One curve of the catalogue. */
export interface CurveInfo {
  id: ChartCurveId;
  chart: ChartId;
  /** Direct label and menu name, e.g. "In remission". */
  label: string;
  /** Line and marker colour (published points on this curve share it). */
  color: string;
  /** One sentence: what the curve counts. */
  explain: string;
}

/** The catalogue, in the order the charts' menus list them. */
export const CURVES: readonly CurveInfo[] = [
  {
    id: 'os',
    chart: 'os',
    label: 'Alive',
    color: '#0072B2',
    explain: 'Share of all patients still alive (Kaplan–Meier for the trial).',
  },
  {
    id: 'inRemission',
    chart: 'remission',
    label: 'In remission',
    color: '#00704F',
    explain: 'Share of all enrolled patients in remission at that moment (the Remission lane).',
  },
  {
    id: 'everRemitted',
    chart: 'remission',
    label: 'Ever remitted',
    color: '#0072B2',
    explain: 'Share who have reached remission at least once, whatever happened afterwards.',
  },
  {
    id: 'inRemissionSurvivors',
    chart: 'remission',
    label: 'In remission, of survivors',
    color: '#B35900',
    explain: 'Share of the patients still alive who are in remission (a survivors-only figure).',
  },
  {
    id: 'relapseCif',
    chart: 'relapse',
    label: 'Relapsed',
    color: '#9C3F7E',
    explain:
      'Cumulative incidence: the share of all patients who have relapsed, with death competing.',
  },
  {
    id: 'relapseKm',
    chart: 'relapse',
    label: '1 − KM',
    color: '#B35900',
    explain:
      '1 − Kaplan–Meier treats a death as if the patient could still relapse later, so it overstates relapse when death competes.',
  },
  {
    id: 'relapsedAmongRemitted',
    chart: 'relapse',
    label: 'Among remitters',
    color: '#0072B2',
    explain: 'Share of the patients who ever remitted that have relapsed since.',
  },
];

/** A curve's catalogue entry. */
export function curveInfo(id: ChartCurveId): CurveInfo {
  return CURVES.find((c) => c.id === id)!;
}

/** The words of the legend and the tooltips, each with the sentence that explains it. */
export const CURVE_WORDS = {
  trial: {
    label: 'This trial',
    explain:
      'One simulated trial of this size and seed: the patients you see moving, estimated as the paper would (Kaplan–Meier, cumulative incidence, proportions). It grows with the playhead.',
  },
  expected: {
    label: 'Expected course',
    explain:
      'What the model predicts for a very large cohort (the exact cohort trace): the average course that each trial wobbles around.',
  },
  range: {
    label: (replicates: number) => `95% range of ${countOf(replicates, 'trial')}`,
    explain:
      'Where 95% of replicate trials of the same size fall under the same model: how far chance alone moves a trial of this size.',
  },
  ci: {
    label: 'KM 95% interval',
    explain:
      'The confidence interval this one trial would report for its Kaplan–Meier curve (Greenwood, log scale): a statement from one trial’s data, not the spread over trials.',
  },
  published: {
    label: 'Published figure',
    explain:
      'A figure the paper reports (k of n) with its Wilson 95% interval, drawn as a target from the start; hollow when the model lies outside the interval.',
  },
} as const;

/**
 * The curves a chart shows by default: its main curve, plus each curve that carries a figure the
 * study fitted (so every fitted target has its curve), at most two per chart.
 */
export function defaultCurves(
  chart: ChartId,
  main: ChartCurveId,
  fittedOn: ReadonlySet<ChartCurveId>,
): ChartCurveId[] {
  const out: ChartCurveId[] = [main];
  for (const c of CURVES) {
    if (c.chart === chart && c.id !== main && fittedOn.has(c.id) && out.length < 2) out.push(c.id);
  }
  return out;
}
