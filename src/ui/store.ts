import { create } from 'zustand';
import { adaptIntensities } from '../scenario/adaptIntensities';
import { defaultScenario } from '../scenario/defaults';
import { LIMITS } from '../scenario/limits';
import type { CompareArm, Scenario } from '../scenario/scenario';
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
import type { DigitisedCurve } from '../scenario/digitisedCurves';
import { DEFAULT_STUDY_ID, STUDIES, getStudy } from '../data';

/**
 * The one store, in three slices: the scenario (what the URL encodes), the view (tabs,
 * presentation mode, focus), and messages. Derived numbers (model spec, trace, fit table) are
 * computed from the scenario in hooks, never stored twice; the simulation results come from the
 * worker client. Playback time lives in the clock (src/ui/playback.ts), not here.
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

/** A message for the user: what happened, with the problems that were fixed on the way. */
export interface Notice {
  id: number;
  kind: 'info' | 'warning';
  title: string;
  problems: ScenarioProblem[];
}

export interface ScenarioSlice {
  scenario: Scenario;
  /** Loads a study (and arm) with its fitted defaults, keeping seed and view options. */
  loadStudy: (studyId: string, armId?: string) => void;
  /** Replaces the whole scenario (URL, saved scenario, import); problems become a notice. */
  setScenario: (scenario: Scenario, problems?: ScenarioProblem[], title?: string) => void;
  /** Sets one intensity (per year) of one piece; values are clamped by the caller's control. */
  setIntensity: (param: ParameterId, piece: number, value: number, arm?: 'A' | 'B') => void;
  /** Replaces all intensities (after a fit). */
  setIntensities: (intensities: Intensities) => void;
  /** Back to the study's fitted intensities. */
  resetIntensities: () => void;
  /** Updates plain fields (seed, n, horizon, replicates, speed, censoring, views…). */
  patch: (fields: Partial<Omit<Scenario, 'study' | 'arm' | 'intensities' | 'template'>>) => void;
  /** Changes the model structure, carrying intensities over. */
  setTemplate: (template: TemplateOptions) => void;
  /** Sets custom targets (null = the study's own). */
  setTargets: (targets: Target[] | null) => void;
  /** Turns the two-arm comparison on or off. */
  setCompare: (on: boolean) => void;
  /** Updates arm B's label, n or common-random-numbers flag (no-op without a comparison). */
  patchCompare: (fields: Partial<Pick<CompareArm, 'label' | 'n' | 'crn'>>) => void;
}

export interface ViewSlice {
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
  /** Digitised KM figures the Fit button fits beside the figures (reconstructed patients). */
  curves: DigitisedCurve[];
  /** Adds a curve, or replaces the one with the same id. */
  putCurve: (curve: DigitisedCurve) => void;
  removeCurve: (id: string) => void;
}

export interface MessageSlice {
  notices: Notice[];
  notify: (n: Omit<Notice, 'id'>) => void;
  dismiss: (id: number) => void;
}

export type AppState = ScenarioSlice & ViewSlice & MessageSlice;

const initialStudy = getStudy(DEFAULT_STUDY_ID) ?? STUDIES[0]!;

let noticeId = 0;

let overlayId = 0;

/** The app store. Tests reset it with `useApp.setState(useApp.getInitialState(), true)`. */
export const useApp = create<AppState>()((set, get) => ({
  scenario: defaultScenario(initialStudy),
  loadStudy: (studyId, armId = '') => {
    const study = getStudy(studyId);
    if (!study) return;
    const prev = get().scenario;
    // A trial with arms (and no arm chosen) opens as a comparison of its arms.
    const next = defaultScenario(study, armId, true);
    next.seed = prev.seed;
    next.speed = prev.speed;
    next.relapseView = prev.relapseView;
    next.cycle = prev.cycle;
    next.replicates = prev.replicates;
    // Show the difference charts when the trial opens as a comparison.
    set(next.compare ? { scenario: next, tab: 'compare' } : { scenario: next });
  },
  setScenario: (scenario, problems = [], title) => {
    set({ scenario });
    if (problems.length > 0) {
      get().notify({ kind: 'warning', title: title ?? 'Some settings were replaced', problems });
    }
  },
  setIntensity: (param, piece, value, arm = 'A') => {
    if (!Number.isFinite(value) || value < 0) return;
    const s = get().scenario;
    const from = arm === 'B' ? s.compare?.intensities : s.intensities;
    if (!from || piece >= (from[param]?.length ?? 0)) return;
    const values = [...from[param]!];
    values[piece] = value;
    const intensities = { ...from, [param]: values };
    set({
      scenario:
        arm === 'B' && s.compare
          ? { ...s, compare: { ...s.compare, intensities } }
          : { ...s, intensities },
    });
  },
  setIntensities: (intensities) => set({ scenario: { ...get().scenario, intensities } }),
  resetIntensities: () => {
    const s = get().scenario;
    const study = getStudy(s.study);
    if (!study) return;
    const d = defaultScenario(study, s.arm);
    const same = sameTemplate(d.template, s.template);
    set({
      scenario: {
        ...s,
        intensities: same ? d.intensities : adaptIntensities(d.intensities, s.template),
        compare: s.compare ? { ...s.compare, intensities: structuredClone(d.intensities) } : null,
      },
    });
  },
  patch: (fields) => set({ scenario: { ...get().scenario, ...fields } }),
  setTemplate: (template) => {
    const s = get().scenario;
    set({
      scenario: {
        ...s,
        template,
        intensities: adaptIntensities(s.intensities, template),
        compare: s.compare
          ? { ...s.compare, intensities: adaptIntensities(s.compare.intensities, template) }
          : null,
      },
    });
  },
  setTargets: (targets) => set({ scenario: { ...get().scenario, targets } }),
  setCompare: (on) => {
    const s = get().scenario;
    if (on === (s.compare !== null)) return;
    set({
      scenario: {
        ...s,
        compare: on
          ? { label: 'Arm B', intensities: structuredClone(s.intensities), n: s.n, crn: false }
          : null,
      },
    });
  },

  patchCompare: (fields) => {
    const s = get().scenario;
    if (!s.compare) return;
    const { n, label, crn } = fields;
    if (n !== undefined && !(Number.isInteger(n) && n >= LIMITS.n.min && n <= LIMITS.n.max)) return;
    const next = { ...s.compare };
    if (n !== undefined) next.n = n;
    if (label !== undefined) next.label = label.slice(0, LIMITS.labelLength.max);
    if (crn !== undefined) next.crn = crn;
    set({ scenario: { ...s, compare: next } });
  },

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
  curves: [],
  putCurve: (curve) => set({ curves: [...get().curves.filter((c) => c.id !== curve.id), curve] }),
  removeCurve: (id) => set({ curves: get().curves.filter((c) => c.id !== id) }),

  notices: [],
  notify: (n) => set({ notices: [...get().notices, { ...n, id: ++noticeId }] }),
  dismiss: (id) => set({ notices: get().notices.filter((x) => x.id !== id) }),
}));
