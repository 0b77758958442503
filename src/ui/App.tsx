import { replicatesUsed } from '../scenario/replicateBudget';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { withSimulation } from '../scenario/derive';
import { CohortCanvas } from './cohort/CohortCanvas';
import { RateControls } from './controls/RateControls';
import { SimulationControls } from './controls/SimulationControls';
import { StructureControls } from './controls/StructureControls';
import { StudyPicker } from './controls/StudyPicker';
import { CurvePanel } from './curves/CurvePanel';
import { buildChartSpecs } from './curves/curveSpecs';
import { useDerived } from './derived';
import { Notices } from './Notices';
import { useCurrentUncertainty, useFitIntervals, useUncertainty } from './uncertainty';
import { PanelBoundary } from './PanelBoundary';
import { PlayBar } from './PlayBar';
import { requestCalibration } from './simClient';
import { useApp, useSim, type Tab } from './store';
import { useKeyboardShortcuts, useNoStickyFocus } from './useKeyboardShortcuts';
import { ShortcutsDialog } from './ShortcutsDialog';
import { FitSummary } from './panels/FitSummary';
import { ChartMenu } from './curves/ChartMenu';
import { useChartChoices } from './curves/chartChoices';
import { shownCurves } from './curves/curveSpecs';
import type { PanelId } from '../scenario/curves';
import { ShareBar } from './ShareBar';
import { armALabel, armTitle } from './compare/armLabels';
import { ARM_COLORS } from './palette';
import { SurvivalSummary } from './survival/SurvivalSummary';
import { useWithOverlays } from './export/useWithOverlays';
import {
  CompareControls,
  DifferenceCharts,
  DigitisedCurvePanel,
  ExportMenu,
  FitTable,
  FitUncertaintyPanel,
  HowItWorks,
  PanelLoading,
  StateDiagram,
  TargetEditor,
  TransitionMatrices,
} from './lazyPanels';
import { countOf } from '../scenario/wording';

const TABS: { id: Tab; label: string }[] = [
  { id: 'fit', label: 'Fit table' },
  { id: 'matrix', label: 'Transition matrix & diagram' },
  { id: 'targets', label: 'Targets' },
  { id: 'curve', label: 'Digitised KM curve' },
  { id: 'compare', label: 'Compare arms' },
  { id: 'how', label: 'How this works' },
];

/** The main screen: top bar, controls column, animated cohort and curves, tabs below. */
export function App() {
  const scenario = useApp((s) => s.trial);
  const relapseView = useApp((s) => s.view.relapseView);
  const tab = useApp((s) => s.tab);
  const setTab = useApp((s) => s.setTab);
  const presentation = useApp((s) => s.presentation);
  const setPresentation = useApp((s) => s.setPresentation);
  const derived = useDerived();
  const sim = useSim();
  // The one owner of the playhead and the speed (its horizon follows the trial's, see store.ts).
  const clock = useApp((s) => s.clock);
  const [fitting, setFitting] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const chartChoices = useChartChoices();

  useKeyboardShortcuts(clock);
  useNoStickyFocus();

  // The worker gets the trial from simSync.ts (started in main.tsx), when the trial changes.

  const fitRows = useMemo(() => withSimulation(derived.rows, sim.A), [derived.rows, sim.A]);

  const uncertain = useCurrentUncertainty();
  const awayFromFit = !useFitIntervals().atFit;
  const bandsShown = useUncertainty((s) => s.shown);
  const specs = useMemo(
    () =>
      buildChartSpecs({
        uncertainty: uncertain
          ? { drawTraces: uncertain.drawTraces, predictive: uncertain.predictive, awayFromFit }
          : null,
        bandsShown: uncertain ? bandsShown : 'trial',
        spec: derived.spec,
        trace: derived.trace,
        rows: derived.rows,
        horizon: scenario.horizon,
        relapseView: relapseView,
        sim: sim.A && sim.A.cohort.horizon === scenario.horizon ? sim.A : null,
        specB: derived.specB,
        traceB: derived.traceB,
        simB: sim.B && sim.B.cohort.horizon === scenario.horizon ? sim.B : null,
        labelA: derived.study?.design.arms.find((a) => a.id === scenario.arm)?.label ?? 'A',
        labelB: scenario.compare?.label,
        choices: chartChoices,
      }),
    [
      chartChoices,
      derived,
      sim.A,
      sim.B,
      scenario.horizon,
      relapseView,
      scenario.arm,
      scenario.compare?.label,
      uncertain,
      awayFromFit,
      bandsShown,
    ],
  );

  const shownSpecs = useWithOverlays(specs);
  const shown = useMemo(
    () => shownCurves(derived.rows, relapseView, chartChoices.curves),
    [derived.rows, relapseView, chartChoices.curves],
  );
  const openFitTable = () => {
    setTab('fit');
    requestAnimationFrame(() =>
      document.getElementById('details')?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
    );
  };

  const onFit = useCallback(async () => {
    setFitting(true);
    try {
      // Loaded on demand: the fit's summaries (draws, predictive bands) are not first-screen code.
      const { fitStoreScenario } = await import('./fitAction');
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
  // Escape leaves presentation mode also where the browser refused full screen.
  useEffect(() => {
    if (!presentation) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('dialog[open]')) setPresentation(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presentation, setPresentation]);

  const study = derived.study;
  const twoArms = Boolean(sim.A && sim.B && derived.specB && scenario.compare);
  const presentButton = (
    <button
      type="button"
      className="present"
      onClick={togglePresentation}
      aria-pressed={presentation}
    >
      {presentation ? 'Exit presentation' : 'Presentation mode'}
    </button>
  );
  return (
    <div ref={rootRef} className={`app${presentation ? ' presentation' : ''}`}>
      {/* The main view fills the screen exactly (cohort, play bar, charts, fit summary); the
          details below it are reached by scrolling or from the fit summary. */}
      <div className="main-view" data-testid="main-view">
        <header className="topbar">
          <h1>Patient trajectory simulator</h1>
          <StudyPicker />
          {study && <p className="study-name">{study.shortName}</p>}
          <ShareBar />
          <ExportMenu specs={shownSpecs} />
          <button
            type="button"
            className="shortcuts-button"
            onClick={() => setShortcutsOpen(true)}
            aria-keyshortcuts="?"
          >
            Keys ?
          </button>
          {presentButton}
        </header>
        <Notices />
        <div className="layout">
          <aside className="controls" aria-label="Controls">
            <p className="intro">
              Each square is one patient. Press <strong>Play</strong> (or Space) to watch them move
              between states as the model predicts, against the published figures.
            </p>
            <PanelBoundary name="intensity controls">
              <RateControls onFit={() => void onFit()} fitting={fitting} />
            </PanelBoundary>
            <PanelBoundary name="comparison controls">
              <CompareControls />
            </PanelBoundary>
            <PanelBoundary name="simulation controls">
              <SimulationControls />
            </PanelBoundary>
            <PanelBoundary name="structure controls">
              <StructureControls />
            </PanelBoundary>
          </aside>
          <main className="centre">
            <section className="cohort-area" aria-labelledby="cohort-heading">
              <h2 id="cohort-heading" className="visually-hidden">
                Simulated patients
              </h2>
              <div className={twoArms ? 'cohort-box two-arms' : 'cohort-box'}>
                {sim.A && sim.B && derived.specB && scenario.compare ? (
                  // Two arms: paired lanes, arm A above arm B, each with its own counts.
                  <>
                    <div className="cohort-arm" data-testid="cohort-arm-A">
                      <p className="cohort-arm-label">
                        <span className="arm-chip" style={{ background: ARM_COLORS.A }} />
                        {armTitle('A', armALabel(scenario))} ({sim.A.cohort.n} patients)
                      </p>
                      <PanelBoundary name="patients view">
                        <CohortCanvas cohort={sim.A.cohort} spec={derived.spec} clock={clock} />
                      </PanelBoundary>
                    </div>
                    <div className="cohort-arm" data-testid="cohort-arm-B">
                      <p className="cohort-arm-label">
                        <span className="arm-chip" style={{ background: ARM_COLORS.B }} />
                        {armTitle('B', scenario.compare.label)} ({sim.B.cohort.n} patients)
                      </p>
                      <PanelBoundary name="patients view">
                        <CohortCanvas cohort={sim.B.cohort} spec={derived.specB} clock={clock} />
                      </PanelBoundary>
                    </div>
                  </>
                ) : sim.A ? (
                  <PanelBoundary name="patients view">
                    <CohortCanvas cohort={sim.A.cohort} spec={derived.spec} clock={clock} />
                  </PanelBoundary>
                ) : (
                  <p className="loading" role="status">
                    Simulating {countOf(scenario.n, 'patient')}…
                  </p>
                )}
              </div>
              <PlayBar clock={clock}>{presentation ? presentButton : null}</PlayBar>
            </section>
            <section className="curves-area" aria-labelledby="curves-heading">
              <h2 id="curves-heading" className="visually-hidden">
                Curves
              </h2>
              <PanelBoundary name="curves">
                <CurvePanel
                  specs={shownSpecs}
                  clock={clock}
                  sharedLegend={false}
                  fill
                  label="Survival, remission and relapse curves"
                  {...(presentation ? { minFontSize: 20 } : {})}
                  chartOptions={(s) =>
                    s.id in shown ? (
                      <ChartMenu chart={s.id as PanelId} shown={shown[s.id as PanelId]} />
                    ) : null
                  }
                />
              </PanelBoundary>
              <PanelBoundary name="at-risk table">
                <SurvivalSummary clock={clock} />
              </PanelBoundary>
            </section>
            <div className="summary-line">
              <FitSummary rows={derived.rows} onOpenTable={openFitTable} />
              <p className="sim-status" role="status" aria-live="polite">
                {sim.status === 'error'
                  ? `Simulation failed: ${sim.error}`
                  : sim.status === 'running'
                    ? `Updating the simulation…${sim.progress ? ` ${sim.progress.label} ${sim.progress.done}/${sim.progress.total}` : ''}`
                    : sim.status === 'ready'
                      ? `${countOf(scenario.n, 'patient')}, ${countOf(replicatesUsed(Math.max(scenario.n, scenario.compare?.n ?? 0), scenario.replicates), 'trial')}, seed “${scenario.seed}”`
                      : ''}
              </p>
            </div>
          </main>
        </div>
      </div>
      <ShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
      <section className="tabs" id="details" aria-label="Details">
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
          <PanelBoundary key={tab} name={`${TABS.find((t) => t.id === tab)?.label ?? tab} tab`}>
            <PanelLoading>
              {tab === 'fit' && (
                <>
                  <FitTable rows={fitRows} replicates={scenario.replicates} spec={derived.spec} />
                  <FitUncertaintyPanel spec={derived.spec} cohort={sim.A?.cohort ?? null} />
                </>
              )}
              {tab === 'matrix' && (
                <div className="matrix-tab">
                  <StateDiagram cohort={sim.A?.cohort ?? null} spec={derived.spec} clock={clock} />
                  <TransitionMatrices spec={derived.spec} />
                </div>
              )}
              {tab === 'targets' && (
                <TargetEditor rows={derived.rows} onFit={() => void onFit()} fitting={fitting} />
              )}
              {tab === 'curve' && <DigitisedCurvePanel />}
              {tab === 'compare' && <DifferenceCharts clock={clock} />}
              {tab === 'how' && <HowItWorks />}
            </PanelLoading>
          </PanelBoundary>
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
