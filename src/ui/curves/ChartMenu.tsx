import { useApp } from '../store';
import { useChartChoices } from './chartChoices';
import { CHART_CURVES, CURVE_WORDS } from './curveCatalogue';
import { mainCurve } from './curveSpecs';
import type { ChartCurveId, PanelId } from '../../scenario/curves';

/**
 * A chart's own menu on its caption line: which further curves it draws (each named and
 * explained), the full 0–100% axis, and on the relapse chart how relapse is measured. It opens
 * over the chart and never moves the layout.
 */
export function ChartMenu({ chart, shown }: { chart: PanelId; shown: readonly ChartCurveId[] }) {
  const choices = useChartChoices();
  const relapseView = useApp((s) => s.view.relapseView);
  const setView = useApp((s) => s.setView);
  const main = mainCurve(chart, relapseView);
  const extras = CHART_CURVES.filter((c) => c.panel === chart && c.id !== main);
  const idBase = `chart-menu-${chart}`;
  return (
    <details className="chart-menu" data-testid={`chart-menu-${chart}`}>
      <summary>Curves</summary>
      <div className="chart-menu-body">
        {chart === 'relapse' && (
          <fieldset>
            <legend>Relapse measured as</legend>
            {(
              [
                ['cif', 'relapseCif'],
                ['km', 'relapseKm'],
              ] as const
            ).map(([view, id]) => {
              const c = CHART_CURVES.find((x) => x.id === id)!;
              return (
                <label key={view} title={c.explain}>
                  <input
                    type="radio"
                    name={`${idBase}-measure`}
                    checked={relapseView === view}
                    onChange={() => setView({ relapseView: view })}
                  />{' '}
                  {view === 'cif' ? 'Cumulative incidence' : '1 − Kaplan–Meier'}
                </label>
              );
            })}
          </fieldset>
        )}
        {extras.map((c) => (
          <label key={c.id} title={c.explain}>
            <input
              type="checkbox"
              checked={shown.includes(c.id)}
              onChange={(e) => choices.setCurve(c.id, e.currentTarget.checked)}
            />{' '}
            <span
              className="chart-menu-swatch"
              style={{ background: c.color }}
              aria-hidden="true"
            />
            {c.id === 'relapseKm' || c.id === 'relapseCif'
              ? `Also ${c.id === 'relapseKm' ? '1 − Kaplan–Meier' : 'cumulative incidence'}`
              : c.label}
          </label>
        ))}
        {chart === 'os' && (
          <label title={CURVE_WORDS.ci.explain}>
            <input
              type="checkbox"
              checked={choices.kmInterval}
              onChange={(e) => choices.setKmInterval(e.currentTarget.checked)}
            />{' '}
            {CURVE_WORDS.ci.label}
          </label>
        )}
        <label title="The value axis runs 0–100% instead of fitting the data.">
          <input
            type="checkbox"
            checked={choices.fullAxis[chart] ?? false}
            onChange={(e) => choices.setFullAxis(chart, e.currentTarget.checked)}
          />{' '}
          Axis 0–100%
        </label>
      </div>
    </details>
  );
}
