import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TargetDistribution } from '../model/simulate/replicates';
import { CohortCanvas } from './cohort/CohortCanvas';
import { RateControls } from './controls/RateControls';
import { SimulationControls } from './controls/SimulationControls';
import { StructureControls } from './controls/StructureControls';
import { StudyPicker } from './controls/StudyPicker';
import { CurvePanel } from './curves/CurvePanel';
import { buildChartSpecs } from './curves/curveSpecs';
import { scenarioTargets, useDerived } from './derived';
import { Notices } from './Notices';
import { FitTable } from './panels/FitTable';
import { HowItWorks } from './panels/HowItWorks';
import { TargetEditor } from './panels/TargetEditor';
import { StateDiagram, TransitionMatrices } from './panels/TeachingPanel';
import { createClock } from './playback';
import { PlayBar } from './PlayBar';
import { requestCalibration, requestSimulation, useSim } from './simClient';
import { useApp, type Tab } from './store';
import { fitStoreScenario } from './fitAction';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { ShareBar } from './ShareBar';
import { armALabel, armTitle, CompareControls, DifferenceCharts } from './compare/ComparePanel';
import { SurvivalSummary } from './survival/SurvivalSummary';
import { ExportMenu, useWithOverlays } from './export/ExportMenu';

const TABS: { id: Tab; label: string }[] = [
  { id: 'fit', label: 'Fit table' },
  { id: 'matrix', label: 'Transition matrix & diagram' },
  { id: 'targets', label: 'Targets' },
  { id: 'compare', label: 'Compare arms' },
  { id: 'how', label: 'How this works' },
];

/** The main screen: top bar, controls column, animated cohort and curves, tabs below. */
export function App() {
  const scenario = useApp((s) => s.scenario);
  const tab = useApp((s) => s.tab);
  const setTab = useApp((s) => s.setTab);
  const presentation = useApp((s) => s.presentation);
  const setPresentation = useApp((s) => s.setPresentation);
  const patch = useApp((s) => s.patch);
  const derived = useDerived();
  const sim = useSim();
  const [clock] = useState(() => createClock({ horizon: scenario.horizon }));
  const [fitting, setFitting] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  useKeyboardShortcuts(clock);

  // Clock follows the scenario's horizon, speed and playhead.
  useEffect(() => clock.setHorizon(scenario.horizon), [clock, scenario.horizon]);
  useEffect(() => clock.setSpeed(scenario.speed), [clock, scenario.speed]);
  useEffect(() => {
    if (!clock.playing && Math.abs(clock.time - scenario.at) > 1e-9) clock.setTime(scenario.at);
  }, [clock, scenario.at]);

  // Ask the worker for a new simulation whenever the scenario changes (debounced there).
  const targets = useMemo(
    () => scenarioTargets(scenario, derived.study).map((t) => t.target),
    [scenario, derived.study],
  );
  const first = useRef(true);
  useEffect(() => {
    requestSimulation(scenario, targets, first.current);
    first.current = false;
  }, [scenario, targets]);

  const simMap = useMemo(() => {
    if (!sim.A) return null;
    return new Map<string, TargetDistribution>(sim.A.replicates.targets.map((t) => [t.id, t]));
  }, [sim.A]);

  const specs = useMemo(
    () =>
      buildChartSpecs({
        spec: derived.spec,
        trace: derived.trace,
        rows: derived.rows,
        study: derived.study,
        horizon: scenario.horizon,
        relapseView: scenario.relapseView,
        sim: sim.A && sim.A.cohort.horizon === scenario.horizon ? sim.A : null,
        specB: derived.specB,
        traceB: derived.traceB,
        simB: sim.B && sim.B.cohort.horizon === scenario.horizon ? sim.B : null,
        labelA: derived.study?.design.arms.find((a) => a.id === scenario.arm)?.label ?? 'A',
        labelB: scenario.compare?.label,
      }),
    [
      derived,
      sim.A,
      sim.B,
      scenario.horizon,
      scenario.relapseView,
      scenario.arm,
      scenario.compare?.label,
    ],
  );

  const shownSpecs = useWithOverlays(specs);

  const onFit = useCallback(async () => {
    setFitting(true);
    try {
      await fitStoreScenario(requestCalibration);
    } finally {
      setFitting(false);
    }
  }, []);

  // Presentation mode: larger type, and full screen when the browser allows it.
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement) setPresentation(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [setPresentation]);
  const togglePresentation = () => {
    const on = !presentation;
    setPresentation(on);
    if (on) void rootRef.current?.requestFullscreen?.().catch(() => undefined);
    else if (document.fullscreenElement) void document.exitFullscreen();
  };

  const study = derived.study;
  return (
    <div ref={rootRef} className={`app${presentation ? ' presentation' : ''}`}>
      <header className="topbar">
        <h1>Patient trajectory simulator</h1>
        <StudyPicker />
        <ShareBar />
        <ExportMenu specs={shownSpecs} />
        <button
          type="button"
          className="present"
          onClick={togglePresentation}
          aria-pressed={presentation}
        >
          {presentation ? 'Exit presentation' : 'Presentation mode'}
        </button>
      </header>
      <p className="intro">
        Each square is one patient. Press <strong>Play</strong> (or space) to watch them move
        between states as the model predicts; the curves set them against the published figures
        (orange).
      </p>
      <Notices />
      <div className="layout">
        <aside className="controls" aria-label="Controls">
          <RateControls onFit={() => void onFit()} fitting={fitting} />
          <CompareControls />
          <SimulationControls />
          <StructureControls />
        </aside>
        <main className="centre">
          <section className="cohort-area" aria-labelledby="cohort-heading">
            <h2 id="cohort-heading" className="visually-hidden">
              Simulated patients
            </h2>
            <div className={sim.A && sim.B && derived.specB ? 'cohort-box two-arms' : 'cohort-box'}>
              {sim.A && sim.B && derived.specB && scenario.compare ? (
                <>
                  <div className="cohort-arm" data-testid="cohort-arm-A">
                    <p className="cohort-arm-label">
                      {armTitle('A', armALabel(scenario))} ({sim.A.cohort.n} patients)
                    </p>
                    <CohortCanvas cohort={sim.A.cohort} spec={derived.spec} clock={clock} />
                  </div>
                  <div className="cohort-arm" data-testid="cohort-arm-B">
                    <p className="cohort-arm-label">
                      {armTitle('B', scenario.compare.label)} ({sim.B.cohort.n} patients)
                    </p>
                    <CohortCanvas cohort={sim.B.cohort} spec={derived.specB} clock={clock} />
                  </div>
                </>
              ) : sim.A ? (
                <CohortCanvas cohort={sim.A.cohort} spec={derived.spec} clock={clock} />
              ) : (
                <p className="loading" role="status">
                  Simulating {scenario.n} patients…
                </p>
              )}
            </div>
            <PlayBar clock={clock} />
            <p className="sim-status" role="status" aria-live="polite">
              {sim.status === 'error'
                ? `Simulation failed: ${sim.error}`
                : sim.status === 'running'
                  ? 'Updating the simulation…'
                  : sim.status === 'ready'
                    ? `${scenario.n} patients, ${scenario.replicates} replicate trials, seed “${scenario.seed}”${study ? ` · ${study.shortName}` : ''}`
                    : ''}
            </p>
          </section>
          <section className="curves-area" aria-labelledby="curves-heading">
            <h2 id="curves-heading" className="visually-hidden">
              Curves
            </h2>
            <CurvePanel
              specs={shownSpecs}
              clock={clock}
              noLegend
              label="Survival, remission and relapse curves"
            >
              <fieldset className="relapse-view">
                <legend>Relapse curve</legend>
                <label>
                  <input
                    type="radio"
                    name="relapse-view"
                    checked={scenario.relapseView === 'cif'}
                    onChange={() => patch({ relapseView: 'cif' })}
                  />{' '}
                  cumulative incidence (death competing)
                </label>
                <label>
                  <input
                    type="radio"
                    name="relapse-view"
                    checked={scenario.relapseView === 'km'}
                    onChange={() => patch({ relapseView: 'km' })}
                  />{' '}
                  1 − Kaplan–Meier
                </label>
              </fieldset>
            </CurvePanel>
            <SurvivalSummary clock={clock} />
            <p className="curve-key">
              Key: solid steps = this simulated trial; dashed and dotted lines = the model (expected
              course); shaded = 95% range over {scenario.replicates} replicate trials of{' '}
              {scenario.n} patients; orange markers = published figures with their Wilson 95%
              interval (hollow when the model lies outside it; hover or focus for the source
              sentence).
            </p>
          </section>
        </main>
      </div>
      <section className="tabs" aria-label="Details">
        <div role="tablist" aria-label="Details">
          {TABS.map((t) => (
            <button
              key={t.id}
              id={`tab-${t.id}`}
              role="tab"
              type="button"
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
              onKeyDown={(e) => {
                const i = TABS.findIndex((x) => x.id === t.id);
                const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                if (d) {
                  const next = TABS[(i + d + TABS.length) % TABS.length]!;
                  setTab(next.id);
                  document.getElementById(`tab-${next.id}`)?.focus();
                }
              }}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0}>
          {tab === 'fit' && (
            <FitTable rows={derived.rows} simulated={simMap} replicates={scenario.replicates} />
          )}
          {tab === 'matrix' && (
            <div className="matrix-tab">
              <TransitionMatrices spec={derived.spec} />
              <StateDiagram />
            </div>
          )}
          {tab === 'targets' && (
            <TargetEditor rows={derived.rows} onFit={() => void onFit()} fitting={fitting} />
          )}
          {tab === 'compare' && <DifferenceCharts clock={clock} />}
          {tab === 'how' && <HowItWorks />}
        </div>
      </section>
      <footer className="footer">
        {study && (
          <p>
            Data: {study.citation.authors.slice(0, 3).join(', ')} et al. {study.citation.title}.{' '}
            {study.citation.journal} {study.citation.year}. Every figure shown comes with its source
            sentence (hover a point).
          </p>
        )}
      </footer>
    </div>
  );
}
