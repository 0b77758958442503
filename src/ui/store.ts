import { create, type StateCreator } from 'zustand';
import { adaptIntensities } from '../scenario/adaptIntensities';
import { defaultScenario } from '../scenario/defaults';
import { LIMITS } from '../scenario/limits';
import {
  trialOf,
  type CompareArm,
  type Scenario,
  type Trial,
  type View,
} from '../scenario/scenario';
import type { ScenarioProblem } from '../scenario/problems';
import {
  sameTemplate,
  type Intensities,
  type ParameterId,
  type TemplateOptions,
} from '../model/markov/template';
import type { CurvePoint } from '../scenario/csv';
import type { PanelId } from '../scenario/curves';
import type { Target } from '../model/types';
import type { DigitisedCurve, ValueScale } from '../scenario/digitisedCurves';
import type { CurveEndpoint } from '../model/calibrate/reconstructedLikelihood';
import { DEFAULT_STUDY_ID, STUDIES, getStudy } from '../data';
import type { DifferenceSummary } from '../model/simulate/difference';
import type { ArmResult, ScenarioResult } from '../scenario/simulation';
import { createClock, type PlaybackClock } from './playback';

/**
 * The one store, in four slices, each field in exactly one of them:
 * - trial: everything the simulation and the fit depend on (`Trial`), and the digitised curves the
 *   fit reads; simSync.ts sends the trial to the worker when, and only when, it changes;
 * - view: how it is shown (the link's relapse view and cycle length; tab, presentation mode,
 *   focus, overlays and the digitised-curve tab's draft, which no link carries);
 * - playback: the playback clock, the one owner of the playhead and the speed (src/ui/playback.ts);
 *   nothing copies them into the store, the URL writer reads them from the clock;
 * - results: what the worker computed for a trial (written by simClient.ts only).
 * Plus the messages. Derived numbers (model spec, trace, fit table) are computed from the trial in
 * hooks (src/ui/derived.ts), never stored twice.
 */

/** Tabs under the centre area. */
export type Tab = 'fit' | 'matrix' | 'targets' | 'curve' | 'compare' | 'how';

/** The curve panels an imported curve can be drawn on. */
export type OverlayPanel = PanelId;

/** An imported (digitised) curve drawn over one panel: times in months, values 0–1. */
export interface Overlay {
  id: number;
  panel: OverlayPanel;
  label: string;
  points: CurvePoint[];
}

/** What is typed in the digitised-curve tab before "Use in fit": kept while tabs change. */
export interface CurveDraft {
  label: string;
  endpoint: CurveEndpoint;
  scale: 'auto' | ValueScale;
  curveText: string;
  riskText: string;
  eventsText: string;
}

/** The digitised-curve tab's draft when nothing is typed yet. */
export const EMPTY_CURVE_DRAFT: CurveDraft = {
  label: 'Overall survival (digitised)',
  endpoint: 'overallSurvival',
  scale: 'auto',
  curveText: '',
  riskText: '',
  eventsText: '',
};

/** A message for the user: what happened, with the problems that were fixed on the way. */
export interface Notice {
  id: number;
  kind: 'info' | 'warning';
  title: string;
  problems: ScenarioProblem[];
}

/** The view fields a link carries (the playhead and the speed belong to the clock). */
export type LinkView = Omit<View, 'at' | 'speed'>;

export interface TrialSlice {
  trial: Trial;
  /** Loads a study (and arm) with its fitted defaults, keeping seed and replicates. */
  loadStudy: (studyId: string, armId?: string) => void;
  /**
   * Opens a whole scenario (a link, a saved scenario, an imported file): the trial, the view,
   * and, the only way in besides the play bar, its playhead and speed into the clock. Problems
   * become a notice.
   */
  setScenario: (scenario: Scenario, problems?: ScenarioProblem[], title?: string) => void;
  /** Sets one intensity (per year) of one piece; values are clamped by the caller's control. */
  setIntensity: (param: ParameterId, piece: number, value: number, arm?: 'A' | 'B') => void;
  /** Replaces all intensities (after a fit). */
  setIntensities: (intensities: Intensities) => void;
  /** Back to the study's fitted intensities. */
  resetIntensities: () => void;
  /** Updates plain trial fields (seed, n, horizon, replicates, censoring, design…). */
  patch: (fields: Partial<Omit<Trial, 'study' | 'arm' | 'intensities' | 'template'>>) => void;
  /** Changes the model structure, carrying intensities over. */
  setTemplate: (template: TemplateOptions) => void;
  /** Sets custom targets (null = the study's own). */
  setTargets: (targets: Target[] | null) => void;
  /** Turns the two-arm comparison on or off. */
  setCompare: (on: boolean) => void;
  /** Updates arm B's label, n or common-random-numbers flag (no-op without a comparison). */
  patchCompare: (fields: Partial<Pick<CompareArm, 'label' | 'n' | 'crn'>>) => void;
  /**
   * Digitised KM figures the Fit button fits beside the figures (reconstructed patients): the
   * fit depends on them, the simulation does not (they are not part of `Trial`).
   */
  curves: DigitisedCurve[];
  /** Adds a curve, or replaces the one with the same id. */
  putCurve: (curve: DigitisedCurve) => void;
  removeCurve: (id: string) => void;
}

export interface ViewSlice {
  /** The view fields a link carries. */
  view: LinkView;
  setView: (fields: Partial<LinkView>) => void;
  tab: Tab;
  presentation: boolean;
  /** The parameter whose slider should take focus (set by clicking an edge of the diagram). */
  focusParam: ParameterId | null;
  /** Rises with every focus request, so asking twice for the same slider focuses it again. */
  focusRequest: number;
  setTab: (tab: Tab) => void;
  setPresentation: (on: boolean) => void;
  focusSlider: (param: ParameterId | null) => void;
  /** Imported curves shown over the charts (not part of the scenario or the URL). */
  overlays: Overlay[];
  addOverlay: (overlay: Omit<Overlay, 'id'>) => void;
  removeOverlay: (id: number) => void;
  /** The digitised-curve tab's typed input, so that changing tabs keeps it. */
  curveDraft: CurveDraft;
  patchCurveDraft: (fields: Partial<CurveDraft>) => void;
}

export interface PlaybackSlice {
  /**
   * The one owner of the playhead and the speed. Created once with the store and never replaced
   * (the URL writer and the views subscribe to it); its horizon follows the trial's.
   */
  clock: PlaybackClock;
}

/** The simulation of the newest trial, as the worker client reports it. */
export interface SimState {
  status: 'idle' | 'running' | 'ready' | 'error';
  A: ArmResult | null;
  B: ArmResult | null;
  /** B − A of every curve with its band over paired replicate trials (with a comparison). */
  diff: DifferenceSummary | null;
  /** The shown cohorts compared per endpoint (log-rank, hazard ratio), with a comparison. */
  comparison: ScenarioResult['comparison'];
  /** Power over the replicate pairs per endpoint, with a comparison. */
  power: ScenarioResult['power'];
  /** The trial the results belong to. */
  trial: Trial | null;
  error: string | null;
  ms: number;
  /** How far the running simulation is (shown after half a second), null when none. */
  progress: { label: string; done: number; total: number } | null;
}

export interface ResultsSlice {
  /** Written only by simClient.ts (through `useSim.setState`). */
  results: SimState;
}

export interface MessageSlice {
  notices: Notice[];
  notify: (n: Omit<Notice, 'id'>) => void;
  dismiss: (id: number) => void;
}

export type AppState = TrialSlice & ViewSlice & PlaybackSlice & ResultsSlice & MessageSlice;

type SliceCreator<T> = StateCreator<AppState, [], [], T>;

const initialStudy = getStudy(DEFAULT_STUDY_ID) ?? STUDIES[0]!;
const initialScenario = defaultScenario(initialStudy);

let noticeId = 0;

let overlayId = 0;

const trialSlice: SliceCreator<TrialSlice> = (set, get) => {
  // Every change of the trial goes through here: a new object, so that `trial !== prev.trial`
  // is the test of "the trial changed" (simSync.ts, urlSync.ts).
  const setTrial = (trial: Trial) => set({ trial });
  return {
    trial: trialOf(initialScenario),
    loadStudy: (studyId, armId = '') => {
      const study = getStudy(studyId);
      if (!study) return;
      const prev = get().trial;
      // A trial with arms (and no arm chosen) opens as a comparison of its arms.
      const next = trialOf(defaultScenario(study, armId, true));
      next.seed = prev.seed;
      next.replicates = prev.replicates;
      // Show the difference charts when the trial opens as a comparison.
      set(next.compare ? { trial: next, tab: 'compare' } : { trial: next });
      // Another study is another story: it starts at month 0, as a lecturer expects when picking
      // it (the speed stays). A user's choice, so the clock is told; no trial value is copied in.
      get().clock.setTime(0);
    },
    setScenario: (scenario, problems = [], title) => {
      const { relapseView, cycle, at, speed } = scenario;
      // The trial first: its horizon bounds the playhead (the clock follows it at once).
      set({ trial: trialOf(scenario), view: { relapseView, cycle } });
      const { clock } = get();
      clock.setSpeed(speed);
      clock.setTime(at);
      if (problems.length > 0) {
        get().notify({ kind: 'warning', title: title ?? 'Some settings were replaced', problems });
      }
    },
    setIntensity: (param, piece, value, arm = 'A') => {
      if (!Number.isFinite(value) || value < 0) return;
      const s = get().trial;
      const from = arm === 'B' ? s.compare?.intensities : s.intensities;
      if (!from || piece >= (from[param]?.length ?? 0)) return;
      const values = [...from[param]!];
      values[piece] = value;
      const intensities = { ...from, [param]: values };
      setTrial(
        arm === 'B' && s.compare
          ? { ...s, compare: { ...s.compare, intensities } }
          : { ...s, intensities },
      );
    },
    setIntensities: (intensities) => setTrial({ ...get().trial, intensities }),
    resetIntensities: () => {
      const s = get().trial;
      const study = getStudy(s.study);
      if (!study) return;
      const d = defaultScenario(study, s.arm);
      const same = sameTemplate(d.template, s.template);
      setTrial({
        ...s,
        intensities: same ? d.intensities : adaptIntensities(d.intensities, s.template),
        compare: s.compare ? { ...s.compare, intensities: structuredClone(d.intensities) } : null,
      });
    },
    patch: (fields) => setTrial({ ...get().trial, ...fields }),
    setTemplate: (template) => {
      const s = get().trial;
      setTrial({
        ...s,
        template,
        intensities: adaptIntensities(s.intensities, template),
        compare: s.compare
          ? { ...s.compare, intensities: adaptIntensities(s.compare.intensities, template) }
          : null,
      });
    },
    setTargets: (targets) => setTrial({ ...get().trial, targets }),
    setCompare: (on) => {
      const s = get().trial;
      if (on === (s.compare !== null)) return;
      setTrial({
        ...s,
        compare: on
          ? { label: 'Arm B', intensities: structuredClone(s.intensities), n: s.n, crn: false }
          : null,
      });
    },
    patchCompare: (fields) => {
      const s = get().trial;
      if (!s.compare) return;
      const { n, label, crn } = fields;
      if (n !== undefined && !(Number.isInteger(n) && n >= LIMITS.n.min && n <= LIMITS.n.max)) {
        return;
      }
      const next = { ...s.compare };
      if (n !== undefined) next.n = n;
      if (label !== undefined) next.label = label.slice(0, LIMITS.labelLength.max);
      if (crn !== undefined) next.crn = crn;
      setTrial({ ...s, compare: next });
    },
    curves: [],
    putCurve: (curve) => set({ curves: [...get().curves.filter((c) => c.id !== curve.id), curve] }),
    removeCurve: (id) => set({ curves: get().curves.filter((c) => c.id !== id) }),
  };
};

const viewSlice: SliceCreator<ViewSlice> = (set, get) => ({
  view: { relapseView: initialScenario.relapseView, cycle: initialScenario.cycle },
  setView: (fields) => set({ view: { ...get().view, ...fields } }),
  tab: 'fit',
  presentation: false,
  focusParam: null,
  focusRequest: 0,
  setTab: (tab) => set({ tab }),
  setPresentation: (presentation) => set({ presentation }),
  focusSlider: (focusParam) => set({ focusParam, focusRequest: get().focusRequest + 1 }),
  overlays: [],
  addOverlay: (o) => set({ overlays: [...get().overlays, { ...o, id: ++overlayId }] }),
  removeOverlay: (id) => set({ overlays: get().overlays.filter((o) => o.id !== id) }),
  curveDraft: EMPTY_CURVE_DRAFT,
  patchCurveDraft: (fields) => set({ curveDraft: { ...get().curveDraft, ...fields } }),
});

const playbackSlice: SliceCreator<PlaybackSlice> = () => ({
  clock: createClock({ horizon: initialScenario.horizon }),
});

const resultsSlice: SliceCreator<ResultsSlice> = () => ({
  results: {
    status: 'idle',
    A: null,
    B: null,
    diff: null,
    comparison: null,
    power: null,
    trial: null,
    error: null,
    ms: 0,
    progress: null,
  },
});

const messageSlice: SliceCreator<MessageSlice> = (set, get) => ({
  notices: [],
  notify: (n) => set({ notices: [...get().notices, { ...n, id: ++noticeId }] }),
  dismiss: (id) => set({ notices: get().notices.filter((x) => x.id !== id) }),
});

/**
 * The app store. Tests reset it with `useApp.setState(useApp.getInitialState(), true)` (the clock
 * stays the same object; reset its time and speed by hand where a test needs that).
 */
export const useApp = create<AppState>()((...a) => ({
  ...trialSlice(...a),
  ...viewSlice(...a),
  ...playbackSlice(...a),
  ...resultsSlice(...a),
  ...messageSlice(...a),
}));

// The clock's horizon follows the trial's, synchronously, so that a link's playhead is clamped
// to its own horizon (setScenario sets the trial before the time).
useApp.subscribe((state, prev) => {
  if (state.trial.horizon !== prev.trial.horizon) state.clock.setHorizon(state.trial.horizon);
});

/**
 * The whole scenario as a link, a saved scenario or a scenario file holds it: the trial, the
 * link's view, and the clock's playhead and speed as they are now.
 */
export function currentScenario(state: AppState = useApp.getState()): Scenario {
  const { trial, view, clock } = state;
  return { ...trial, ...view, at: clock.time, speed: clock.speed };
}

/**
 * The results slice on its own: `useSim(selector?)` reads it in a component; `useSim.getState()`,
 * `useSim.setState(fields)` (a merge) and `useSim.subscribe` (called only when the results change)
 * serve code outside React, as a zustand store of its own would.
 */
export const useSim = Object.assign(
  function useSim<T = SimState>(select: (r: SimState) => T = (r) => r as T): T {
    return useApp((s) => select(s.results));
  },
  {
    getState: (): SimState => useApp.getState().results,
    setState: (fields: Partial<SimState>): void =>
      useApp.setState((s) => ({ results: { ...s.results, ...fields } })),
    subscribe: (listener: (results: SimState, prev: SimState) => void): (() => void) =>
      useApp.subscribe((s, p) => {
        if (s.results !== p.results) listener(s.results, p.results);
      }),
  },
);
