import { lazy, Suspense, type ReactNode } from 'react';

/**
 * Panels the first screen does not show, loaded on demand (issue 14: the first-screen script
 * stays small, so the first curves come sooner). Each is a separate chunk: the tabs load when
 * their tab is opened (the fit table, the default tab below the main view, just after the first
 * render); the export and saved-scenario menus of the top bar and the comparison controls at the
 * foot of the controls column load just after the first render, while a plain stand-in of the
 * same name shows. Calibration runs in the worker
 * (and its main-thread fallback is a dynamic import in simClient.ts).
 *
 * The single-file build inlines these chunks (vite-plugin-singlefile), so it still works offline
 * from file://.
 */

const LazyCompareControls = lazy(() =>
  import('./compare/ComparePanel').then((m) => ({ default: m.CompareControls })),
);
export const FitTable = lazy(() =>
  import('./panels/FitTable').then((m) => ({ default: m.FitTable })),
);
export const FitUncertaintyPanel = lazy(() =>
  import('./panels/FitUncertainty').then((m) => ({ default: m.FitUncertaintyPanel })),
);
export const TargetEditor = lazy(() =>
  import('./panels/TargetEditor').then((m) => ({ default: m.TargetEditor })),
);
export const DifferenceCharts = lazy(() =>
  import('./compare/DifferenceCharts').then((m) => ({ default: m.DifferenceCharts })),
);
export const TransitionMatrices = lazy(() =>
  import('./panels/TeachingPanel').then((m) => ({ default: m.TransitionMatrices })),
);
export const StateDiagram = lazy(() =>
  import('./panels/StateDiagram').then((m) => ({ default: m.StateDiagram })),
);
export const DigitisedCurvePanel = lazy(() =>
  import('./panels/DigitisedCurvePanel').then((m) => ({ default: m.DigitisedCurvePanel })),
);
export const HowItWorks = lazy(() =>
  import('./panels/HowItWorks').then((m) => ({ default: m.HowItWorks })),
);
const LazyExportMenu = lazy(() =>
  import('./export/ExportMenu').then((m) => ({ default: m.ExportMenu })),
);
const LazyArmTests = lazy(() =>
  import('./survival/ArmTests').then((m) => ({ default: m.ArmTests })),
);
const LazySavedScenarios = lazy(() =>
  import('./SavedScenarios').then((m) => ({ default: m.SavedScenarios })),
);

/** What a tab shows while its panel loads (a few milliseconds from disk or cache). */
export function PanelLoading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<p className="loading">Loading…</p>}>{children}</Suspense>;
}

/** The export / import menu; a closed menu of the same name until its code has loaded. */
export function ExportMenu(props: Parameters<typeof LazyExportMenu>[0]) {
  return (
    <Suspense
      fallback={
        <details className="export-menu">
          <summary>Export / import</summary>
        </details>
      }
    >
      <LazyExportMenu {...props} />
    </Suspense>
  );
}

/** The saved-scenarios menu; a closed menu of the same name until its code has loaded. */
export function SavedScenarios() {
  return (
    <Suspense
      fallback={
        <details className="saved">
          <summary>Saved scenarios</summary>
        </details>
      }
    >
      <LazySavedScenarios />
    </Suspense>
  );
}

/** The two-arm comparison controls; their heading until their code has loaded. */
export function CompareControls() {
  return (
    <Suspense
      fallback={
        <section className="panel compare-controls">
          <h2>Two-arm comparison</h2>
        </section>
      }
    >
      <LazyCompareControls />
    </Suspense>
  );
}

/** The log-rank and hazard-ratio lines under the curves (two arms only); nothing while loading. */
export function ArmTests(props: Parameters<typeof LazyArmTests>[0]) {
  return (
    <Suspense fallback={null}>
      <LazyArmTests {...props} />
    </Suspense>
  );
}
