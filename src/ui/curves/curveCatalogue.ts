/**
 * The charts' side of the catalogue of curves (src/scenario/curves.ts, which says what curves exist,
 * their panels, names and explanations): each curve's colour, the words of the legend, and which
 * curves a chart shows by default.
 *
 * Colours are from the Okabe–Ito palette or the lanes' darker text colours (≥ 3:1 on white for
 * lines), so a curve that counts a lane's patients has that lane's colour.
 */
import { CURVE_LIST, type ChartCurveId, type CurveInfo, type PanelId } from '../../scenario/curves';
import { countOf } from '../../scenario/wording';

/** Line and marker colour of each curve (published points on a curve share it). */
const CURVE_COLOR: Readonly<Record<ChartCurveId, string>> = {
  os: '#0072B2',
  inRemission: '#00704F',
  everRemitted: '#0072B2',
  inRemissionSurvivors: '#B35900',
  relapseCif: '#9C3F7E',
  relapseKm: '#B35900',
  relapsedAmongRemitted: '#0072B2',
};

/** A curve of the catalogue as the charts draw it: its entry and its colour. */
export interface ChartCurve extends CurveInfo {
  /** Line and marker colour (published points on this curve share it). */
  color: string;
}

/** The catalogue's curves with their colours, in the order the charts' menus list them. */
export const CHART_CURVES: readonly ChartCurve[] = CURVE_LIST.map((c) => ({
  ...c,
  color: CURVE_COLOR[c.id],
}));

/** A curve's catalogue entry with its colour. */
export function curveInfo(id: ChartCurveId): ChartCurve {
  return CHART_CURVES.find((c) => c.id === id)!;
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
  chart: PanelId,
  main: ChartCurveId,
  fittedOn: ReadonlySet<ChartCurveId>,
): ChartCurveId[] {
  const out: ChartCurveId[] = [main];
  for (const c of CURVE_LIST) {
    if (c.panel === chart && c.id !== main && fittedOn.has(c.id) && out.length < 2) out.push(c.id);
  }
  return out;
}
