import { useState } from 'react';
import {
  fitTableToCsv,
  parseDigitisedCurve,
  patientsCsvParts,
  survivalToCsv,
} from '../../scenario/csv';
import { withSimulation } from '../../scenario/derive';
import { LIMITS } from '../../scenario/limits';
import { armALabel } from '../compare/armLabels';
import { legendEntries } from '../curves/chartDescription';
import type { ChartSpec } from '../curves/chartTypes';
import { useDerived } from '../derived';
import { downloadBlob, downloadText, readPickedFile } from '../download';
import { FileButton } from '../FileButton';
import { useSim } from '../store';
import { currentScenario, useApp, type OverlayPanel } from '../store';
import { useCurrentUncertainty } from '../uncertainty';
import { chartSvgParts, pageFontFamily, svgToPng } from './exportDom';
import { exportFileName, readScenarioFile, scenarioFileText, uncertaintyCsv } from './fileFormats';
import { curveFileProblems, OVERLAY_PANELS, overlayPanelLabel } from './overlays';
import { assembleSvg } from './svgExport';
import './export.css';
import { countOf } from '../../scenario/wording';

/** A patient table larger than this (bytes) is downloaded with a notice saying its size. */
const LARGE_EXPORT_BYTES = 20e6;

/** Where the curves to export are drawn on the page. */
const CURVES_SELECTOR = '.curves-area';

/**
 * The "Export / import" menu of the top bar: the curves as SVG or PNG, the simulated patients and
 * the fit table as CSV, the scenario as JSON; a digitised curve (CSV) drawn over a chart, and a
 * scenario file opened. File contents are only ever shown as text.
 *
 * @example
 * <ExportMenu specs={shownSpecs} />
 */
export function ExportMenu({ specs }: { specs: readonly ChartSpec[] }) {
  const scenario = useApp((s) => s.trial);
  const setScenario = useApp((s) => s.setScenario);
  const notify = useApp((s) => s.notify);
  const overlays = useApp((s) => s.overlays);
  const addOverlay = useApp((s) => s.addOverlay);
  const removeOverlay = useApp((s) => s.removeOverlay);
  const derived = useDerived();
  const sim = useSim();
  const [panel, setPanel] = useState<OverlayPanel>('os');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  const fail = (title: string, err: unknown, used = 'nothing changed') =>
    notify({
      kind: 'warning',
      title,
      problems: [
        { field: 'file', message: err instanceof Error ? err.message : String(err), used },
      ],
    });

  /** Saves one CSV export, named after the scenario and what it holds. */
  const saveCsv = (text: string, what: string) =>
    downloadText(text, exportFileName(scenario, what, 'csv'), 'text/csv');

  const curvesSvg = () => {
    const root = document.querySelector(CURVES_SELECTOR);
    const parts = root ? chartSvgParts(root) : [];
    if (parts.length === 0) throw new Error('No curves are drawn yet.');
    const c = scenario.compare;
    const arms = c
      ? ` Arm A: ${armALabel(scenario)} (${countOf(scenario.n, 'patient')}); arm B: ${c.label} (${countOf(c.n, 'patient')}${c.crn ? ', common random numbers' : ''}).`
      : ` ${countOf(scenario.n, 'patient')}.`;
    return assembleSvg(parts, {
      title: `${derived.study?.shortName ?? scenario.study}: survival, remission and relapse`,
      subtitle: `Simulated with seed “${scenario.seed}”, ${countOf(scenario.replicates, 'replicate trial')}.${arms}`,
      legend: legendEntries(specs),
      fontFamily: pageFontFamily(root as Element),
    });
  };

  const exportSvg = () => {
    try {
      const { svg } = curvesSvg();
      downloadText(svg, exportFileName(scenario, 'curves', 'svg'), 'image/svg+xml');
    } catch (err) {
      fail('Could not export the curves', err);
    }
  };

  const exportPng = async () => {
    setBusy(true);
    try {
      const { svg, width, height } = curvesSvg();
      const png = await svgToPng(svg, width, height);
      downloadBlob(png, exportFileName(scenario, 'curves', 'png'));
    } catch (err) {
      fail('Could not export the curves as PNG', err);
    } finally {
      setBusy(false);
    }
  };

  const exportPatients = () => {
    if (!sim.A) return;
    // The same table as `npm run simulate -- --patients` (arms A and B with a comparison).
    const B =
      sim.B && derived.specB && scenario.compare
        ? { cohort: sim.B.cohort, spec: derived.specB }
        : null;
    // Written in parts handed to the Blob unjoined: a million patients make about 90 MB of text,
    // which one string built from row arrays could not hold without exhausting the tab.
    const parts = patientsCsvParts({ cohort: sim.A.cohort, spec: derived.spec }, B);
    const blob = new Blob(parts, { type: 'text/csv;charset=utf-8' });
    downloadBlob(blob, exportFileName(scenario, 'patients', 'csv'));
    const patients = sim.A.cohort.n + (B ? B.cohort.n : 0);
    if (blob.size > LARGE_EXPORT_BYTES) {
      notify({
        kind: 'info',
        title: `The patient table of ${patients.toLocaleString('en-US')} patients is ${Math.round(blob.size / 1e6).toLocaleString('en-US')} MB`,
        problems: [],
      });
    }
  };

  const exportSurvival = () => {
    if (!sim.A) return;
    const arms = [{ label: armALabel(scenario), endpoints: sim.A.endpoints }];
    if (sim.B && scenario.compare)
      arms.push({ label: scenario.compare.label || 'B', endpoints: sim.B.endpoints });
    saveCsv(survivalToCsv(arms, sim.comparison, sim.power), 'survival');
  };

  const exportFit = () => {
    const rows = withSimulation(derived.rows, sim.A);
    saveCsv(fitTableToCsv(rows), 'fit-table');
  };

  const uncertain = useCurrentUncertainty();
  const exportUncertainty = () => {
    if (!uncertain) return;
    saveCsv(uncertaintyCsv(uncertain), 'uncertainty');
  };

  const exportScenario = () =>
    downloadText(
      // Digitised curves travel in the file (too long for a link).
      scenarioFileText(currentScenario(), useApp.getState().curves),
      exportFileName(scenario, 'scenario', 'json'),
      'application/json',
    );

  const importCurve = async (file: File) => {
    try {
      const { points, problems } = parseDigitisedCurve(await readPickedFile(file));
      const label = (name.trim() || file.name.replace(/\.[^.]*$/, '')).slice(
        0,
        LIMITS.labelLength.max,
      );
      const where = overlayPanelLabel(panel);
      if (points.length > 0) {
        addOverlay({ panel, label, points });
        setName('');
      }
      if (points.length === 0 || problems.length > 0) {
        notify({
          kind: 'warning',
          title:
            points.length > 0
              ? `Imported “${label}” (${points.length} points) onto ${where}; some lines of ${file.name} were not used as they are`
              : `Nothing imported from ${file.name}`,
          problems: curveFileProblems(problems),
        });
      } else {
        notify({
          kind: 'info',
          title: `Imported “${label}” (${points.length} points) onto ${where}`,
          problems: [],
        });
      }
    } catch (err) {
      fail(`Could not import ${file.name}`, err);
    }
  };

  const importScenario = async (file: File) => {
    try {
      const r = readScenarioFile(await readPickedFile(file));
      if (!r.ok) {
        fail(`Could not open ${file.name}`, new Error(`${file.name} ${r.message}`));
        return;
      }
      setScenario(r.scenario, r.problems, `${file.name}: some settings were replaced`);
      for (const c of r.curves ?? []) useApp.getState().putCurve(c);
      if (r.problems.length === 0)
        notify({ kind: 'info', title: `Opened the scenario in ${file.name}`, problems: [] });
    } catch (err) {
      fail(`Could not open ${file.name}`, err);
    }
  };

  const noSim = !sim.A;
  return (
    <details className="export-menu" data-testid="export-menu">
      <summary>Export / import</summary>
      <div className="export-body">
        <fieldset>
          <legend>Export</legend>
          <button type="button" data-testid="export-svg" onClick={exportSvg} disabled={noSim}>
            Curves (SVG)
          </button>
          <button
            type="button"
            data-testid="export-png"
            onClick={() => void exportPng()}
            disabled={noSim || busy}
            aria-busy={busy}
          >
            Curves (PNG)
          </button>
          <button
            type="button"
            data-testid="export-patients"
            onClick={exportPatients}
            disabled={noSim}
          >
            Simulated patients (CSV)
          </button>
          <button
            type="button"
            data-testid="export-survival"
            onClick={exportSurvival}
            disabled={noSim}
          >
            Medians, at-risk tables, log-rank, HR, power (CSV)
          </button>
          <button type="button" data-testid="export-fit" onClick={exportFit}>
            Fit table (CSV)
          </button>
          {uncertain && (
            <button type="button" data-testid="export-uncertainty" onClick={exportUncertainty}>
              Intervals and time in state (CSV)
            </button>
          )}
          <button type="button" data-testid="export-scenario" onClick={exportScenario}>
            Scenario (JSON)
          </button>
        </fieldset>

        <fieldset>
          <legend>Import a digitised curve</legend>
          <p className="hint">
            CSV of <code>time,value[,lower,upper]</code>: months, and proportions or percentages.
          </p>
          <div className="export-row">
            <label htmlFor="overlay-panel">Draw on</label>
            <select
              id="overlay-panel"
              value={panel}
              onChange={(e) => setPanel(e.currentTarget.value as OverlayPanel)}
            >
              {OVERLAY_PANELS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
          <div className="export-row">
            <label htmlFor="overlay-name">Name</label>
            <input
              id="overlay-name"
              type="text"
              value={name}
              maxLength={LIMITS.labelLength.max}
              placeholder="the file name"
              onChange={(e) => setName(e.currentTarget.value)}
            />
          </div>
          <FileButton
            label="Choose CSV…"
            testId="import-curve"
            accept=".csv,.tsv,.txt,text/csv,text/plain"
            onFile={importCurve}
          />
          {overlays.length > 0 && (
            <ul className="overlay-list" aria-label="Imported curves">
              {overlays.map((o) => (
                <li key={o.id}>
                  <span>
                    {o.label} ({overlayPanelLabel(o.panel)}, {o.points.length} points)
                  </span>{' '}
                  <button
                    type="button"
                    onClick={() => removeOverlay(o.id)}
                    aria-label={`Remove imported curve ${o.label}`}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
        </fieldset>

        <fieldset>
          <legend>Open a scenario file</legend>
          <FileButton
            label="Choose JSON…"
            testId="import-scenario"
            accept=".json,application/json"
            onFile={importScenario}
          />
        </fieldset>
      </div>
    </details>
  );
}
