import { CURVE_IDS, type CurveId, type TraceCurveId } from '../model/estimate/curves';

/**
 * The catalogue of curves, the one list of them: which panels the screen has, and for every curve
 * a chart can show (the simulated curves `CURVE_IDS`, estimated in src/model/estimate/curves.ts,
 * and remission among survivors) its panel, its names, the sentence that explains it and the
 * model (cohort-trace) line it is read against. The charts (src/ui/curves/curveCatalogue.ts adds
 * only their colours), the exports (overlay panels), the CLI and the comparison all read it; a
 * new curve is added here, in `CURVE_IDS` and in `estimateCurves`.
 */

/** The chart panels, in screen order. */
export const PANELS = [
  { id: 'os', title: 'Overall survival', short: 'Survival', yLabel: 'Alive' },
  { id: 'remission', title: 'Remission', short: 'Remission', yLabel: 'Share of patients' },
  { id: 'relapse', title: 'Relapse', short: 'Relapse', yLabel: 'Share of patients' },
] as const;

/** One of the chart panels. */
export type PanelId = (typeof PANELS)[number]['id'];

/** Every curve a chart can show: the simulated curves, plus remission among survivors. */
export type ChartCurveId = CurveId | 'inRemissionSurvivors';

/** What the catalogue says about one curve. */
export interface CurveInfo {
  id: ChartCurveId;
  panel: PanelId;
  /** Direct label at the line's end and name in the charts' menus, e.g. "In remission". */
  label: string;
  /** Full title with the estimator, as in tables. */
  title: string;
  /** Short name, as in legends and the comparison. */
  short: string;
  /**
   * The model's line of the same quantity in `traceCurves`, or null when it has none (1 − KM has
   * no model line at all; remission among survivors is the ratio of two, drawn by the charts).
   */
  trace: TraceCurveId | null;
  /** One sentence: what the curve counts. */
  explain: string;
}

/** The catalogue: every curve (months on x, shares 0–1 on y), in the order the charts' menus list them. */
export const CURVE_LIST: readonly CurveInfo[] = [
  {
    id: 'os',
    panel: 'os',
    label: 'Alive',
    title: 'Overall survival (Kaplan–Meier)',
    short: 'Survival',
    trace: 'alive',
    explain: 'Share of all patients still alive (Kaplan–Meier for the trial).',
  },
  {
    id: 'inRemission',
    panel: 'remission',
    label: 'In remission',
    title: 'In remission (point prevalence among those followed)',
    short: 'In remission',
    trace: 'inRemission',
    explain: 'Share of all enrolled patients in remission at that moment (the Remission lane).',
  },
  {
    id: 'everRemitted',
    panel: 'remission',
    label: 'Ever remitted',
    title: 'Ever remitted (Aalen–Johansen, death competing)',
    short: 'Ever remitted',
    trace: 'everRemitted',
    explain: 'Share who have reached remission at least once, whatever happened afterwards.',
  },
  {
    id: 'inRemissionSurvivors',
    panel: 'remission',
    label: 'In remission, of survivors',
    title: 'In remission among survivors (point prevalence among those alive)',
    short: 'In remission, of survivors',
    trace: null,
    explain: 'Share of the patients still alive who are in remission (a survivors-only figure).',
  },
  {
    id: 'relapseCif',
    panel: 'relapse',
    label: 'Relapsed',
    title: 'Relapse, cumulative incidence (death competing)',
    short: 'Relapsed',
    trace: 'everRelapsed',
    explain:
      'Cumulative incidence: the share of all patients who have relapsed, with death competing.',
  },
  {
    id: 'relapseKm',
    panel: 'relapse',
    label: '1 − KM',
    title: 'Relapse, 1 − Kaplan–Meier (death censored; overstates)',
    short: '1 − KM',
    trace: null,
    explain:
      '1 − Kaplan–Meier treats a death as if the patient could still relapse later, so it overstates relapse when death competes.',
  },
  {
    id: 'relapsedAmongRemitted',
    panel: 'relapse',
    label: 'Among remitters',
    title: 'Relapsed among the remitted (crude, among those followed)',
    short: 'Among remitters',
    trace: 'relapsedAmongRemitted',
    explain: 'Share of the patients who ever remitted that have relapsed since.',
  },
];

/** A curve's catalogue entry. */
export function curveInfo(id: ChartCurveId): CurveInfo {
  return CURVE_LIST.find((c) => c.id === id)!;
}

/** Every simulated curve (`CURVE_IDS`) by id: the catalogue's entries the model estimates. */
export const CURVES: Readonly<Record<CurveId, CurveInfo>> = Object.fromEntries(
  CURVE_IDS.map((id) => [id, curveInfo(id)]),
) as Record<CurveId, CurveInfo>;

/** The curves the comparison shows as B − A: one per panel, each with a model line. */
export const DIFFERENCE_CURVES = [
  'os',
  'everRemitted',
  'relapseCif',
] as const satisfies readonly CurveId[];
