import type { StudyDesign, Target } from '../model/types';
import type { Intensities, TemplateOptions } from '../model/markov/template';
import type { SamplerVersion } from '../model/simulate/samplerVersion';

/**
 * A scenario is everything needed to reproduce what the user sees, in two parts: the `Trial`
 * (everything the simulation and the fit depend on) and the `View` (how it is shown). Both travel
 * in the URL, saved scenarios and scenario files, as one flat object (`Scenario = Trial & View`,
 * so links and files written before the split read unchanged); the worker only ever gets the
 * trial, so a change of view never re-simulates. The URL, saved scenarios, JSON import and the
 * CLI all go through `validateScenario`, the one schema at the boundary.
 */
export interface Trial {
  /** Preset id (see src/data), or `custom` for a study typed in by the user. */
  study: string;
  /** Arm id within the study; '' when the study has a single arm. */
  arm: string;
  template: TemplateOptions;
  /** Intensities per year, one value per time piece. */
  intensities: Intensities;
  /** The fitted targets: `null` means the study's own calibration targets. */
  targets: Target[] | null;
  /** Seed of every random stream (see src/model/simulate/random.ts). */
  seed: string;
  /** Patients per simulated cohort. @default the study's n */
  n: number;
  /** Months simulated and shown. @default the study's horizon */
  horizon: number;
  /** Replicate trials for the bands. @default 200 */
  replicates: number;
  /** Apply the study design's staggered entry, cut-off and loss to follow-up. @default true */
  censoring: boolean;
  /** Accrual, cut-off (months) and loss (per year). @default the study's */
  design: StudyDesign;
  /** Second arm for the comparison view, or null. */
  compare: CompareArm | null;
  /**
   * Which microsimulation sampler draws the patients (see src/model/simulate/microsim.ts): 1 only
   * for links made before version 2 (`v=1`), so that they keep their patients. @default 2
   */
  sampler: SamplerVersion;
}

/** How a trial is shown: nothing here changes a simulated number. */
export interface View {
  /** Animation speed multiplier. @default 1 */
  speed: number;
  /** Relapse panel: cumulative incidence with death competing, or 1 − Kaplan–Meier. @default 'cif' */
  relapseView: 'cif' | 'km';
  /** Cycle length (months) of the teaching transition matrix. @default 1 */
  cycle: number;
  /** Playhead position (months). @default 0 */
  at: number;
}

/** A whole scenario: the trial and how it is shown. */
export type Scenario = Trial & View;

/** The fields of `View` (everything else in a scenario belongs to the trial). */
export const VIEW_FIELDS = [
  'speed',
  'relapseView',
  'cycle',
  'at',
] as const satisfies readonly (keyof View)[];

/** The trial part of a scenario (a new object; nested values are shared, not copied). */
export function trialOf(s: Trial & Partial<View>): Trial {
  const { speed: _s, relapseView: _r, cycle: _c, at: _a, ...trial } = s;
  return trial;
}

/** The view part of a scenario. */
export function viewOf(s: Scenario): View {
  return { speed: s.speed, relapseView: s.relapseView, cycle: s.cycle, at: s.at };
}

/**
 * Whether two trials are the same trial (field by field, so that two objects built apart compare
 * equal): the one test of "does this need a new simulation".
 */
export function sameTrial(a: Trial & Partial<View>, b: Trial & Partial<View>): boolean {
  return a === b || JSON.stringify(trialKey(a)) === JSON.stringify(trialKey(b));
}

/**
 * A value with every object's keys in one order, whatever order built it (a link, a preset, a
 * file): two equal trials give the same JSON.
 */
export function canonical(x: unknown): unknown {
  return Array.isArray(x)
    ? x.map(canonical)
    : x !== null && typeof x === 'object'
      ? Object.fromEntries(
          Object.keys(x)
            .sort()
            .map((k) => [k, canonical((x as Record<string, unknown>)[k])]),
        )
      : x;
}

// A canonical form of a trial, without its view.
function trialKey(t: Trial & Partial<View>): unknown {
  return canonical(trialOf(t));
}

/** Arm B of a comparison (arm A is the scenario itself); intensities per year. */
export interface CompareArm {
  label: string;
  intensities: Intensities;
  n: number;
  /** Common random numbers: arm B reuses arm A's random stream, so only the parameters differ. */
  crn: boolean;
}

/** The follow-up the scenario simulates: its study design with censoring on, else none. */
export function followUpDesign(
  scenario: Pick<Scenario, 'censoring' | 'design'>,
): StudyDesign | undefined {
  return scenario.censoring ? scenario.design : undefined;
}
