import type { CurveId, TraceCurveId } from '../model/estimate/curves';

/**
 * The catalogue of curves: which panels the screen has, and for every simulated curve
 * (`CURVE_IDS`, estimated in src/model/estimate/curves.ts) its name, its panel and the model
 * (cohort-trace) line it is read against. The charts, the exports (overlay panels), the CLI and
 * the comparison all read it; a new curve is added here, in `CURVE_IDS` and in `estimateCurves`.
 */

/** The chart panels, in screen order. */
export const PANELS = [
  { id: 'os', title: 'Overall survival', short: 'Survival', yLabel: 'Alive' },
  { id: 'remission', title: 'Remission', short: 'Remission', yLabel: 'Share of patients' },
  { id: 'relapse', title: 'Relapse', short: 'Relapse', yLabel: 'Share of patients' },
] as const;

/** One of the chart panels. */
export type PanelId = (typeof PANELS)[number]['id'];

/** What the catalogue says about one simulated curve. */
export interface CurveInfo {
  /** Full title with the estimator, as in tables. */
  title: string;
  /** Short name, as in legends and the comparison. */
  short: string;
  panel: PanelId;
  /** The model's line of the same quantity, or null when the model has none (1 − KM). */
  trace: TraceCurveId | null;
}

/** Every simulated curve (months on x, shares 0–1 on y). */
export const CURVES: Readonly<Record<CurveId, CurveInfo>> = {
  os: { title: 'Overall survival (Kaplan–Meier)', short: 'Survival', panel: 'os', trace: 'alive' },
  everRemitted: {
    title: 'Ever remitted (Aalen–Johansen, death competing)',
    short: 'Ever remitted',
    panel: 'remission',
    trace: 'everRemitted',
  },
  inRemission: {
    title: 'In remission (point prevalence among those followed)',
    short: 'In remission',
    panel: 'remission',
    trace: 'inRemission',
  },
  relapseCif: {
    title: 'Relapse, cumulative incidence (death competing)',
    short: 'Relapsed',
    panel: 'relapse',
    trace: 'everRelapsed',
  },
  relapseKm: {
    title: 'Relapse, 1 − Kaplan–Meier (death censored; overstates)',
    short: '1 − KM',
    panel: 'relapse',
    trace: null,
  },
  relapsedAmongRemitted: {
    title: 'Relapsed among the remitted (crude, among those followed)',
    short: 'Among remitters',
    panel: 'relapse',
    trace: 'relapsedAmongRemitted',
  },
};

/** The curves the comparison shows as B − A: one per panel, each with a model line. */
export const DIFFERENCE_CURVES = [
  'os',
  'everRemitted',
  'relapseCif',
] as const satisfies readonly CurveId[];
