/**
 * Shared types of the model core.
 *
 * Units, once and for all:
 * - **time is in months** since transplant (the unit every published figure uses);
 * - **intensities (transition rates) are per year**, as clinicians quote them; the engine divides
 *   by 12 where it meets time in months (see `RATE_YEARS_PER_MONTH`).
 */

/** Months per year: an intensity per year times this is an intensity per month. */
export const RATE_YEARS_PER_MONTH = 1 / 12;

/** What a state means for the quantities papers report (history is encoded in the state). */
export interface StateFlags {
  /** Not dead. */
  alive: boolean;
  /** Currently in remission (complete or partial). */
  inRemission: boolean;
  /** Has been in remission at some time up to now (history). */
  everRemitted: boolean;
  /** Has relapsed at some time up to now (history). */
  everRelapsed: boolean;
  /** Currently in complete remission (only meaningful when remission is split). */
  inComplete?: boolean;
  /** Currently in partial remission (only meaningful when remission is split). */
  inPartial?: boolean;
}

/** One state of the (possibly expanded) state space. Its index in `ModelSpec.states` is its code. */
export interface StateDef extends StateFlags {
  /** Stable identifier, e.g. `active`, `remission`, `relapse`, `dead_after_remission`. */
  id: string;
  /** Human label, e.g. "Dead (had remitted)". */
  label: string;
  /**
   * The lane a patient in this state is drawn in (states that differ only by history share a
   * lane: every `dead_*` state is drawn in the lane `dead`).
   */
  lane: string;
}

/**
 * One allowed transition. `ratesPerYear` holds one intensity (per year) for each piece of time
 * defined by `ModelSpec.breakpoints` (so its length is `breakpoints.length + 1`).
 */
export interface TransitionSpec {
  /** Index of the origin state. */
  from: number;
  /** Index of the destination state. */
  to: number;
  /** Intensity per year in each time piece. */
  ratesPerYear: number[];
  /**
   * Which user-facing parameter drives this transition (several expanded transitions share one:
   * death from `remission` and death from `relapse` both follow the parameter `death`).
   */
  parameter: string;
}

/**
 * A multi-state model: states, transitions, piecewise-constant intensities (per year) changing at
 * `breakpoints` (months since transplant), and the initial state.
 */
export interface ModelSpec {
  states: StateDef[];
  transitions: TransitionSpec[];
  /** Times (months since transplant) where intensities change; strictly increasing, > 0. */
  breakpoints: number[];
  /** Index of the state every patient starts in at time 0. */
  initialState: number;
}

/** Expected state occupancy over time (the cohort trace). */
export interface Trace {
  /** Output times in months, starting at 0. */
  times: Float64Array;
  /** Number of states. */
  nStates: number;
  /** Occupancy, row-major: `occupancy[i * nStates + s]` is the share in state `s` at `times[i]`. */
  occupancy: Float64Array;
}

/**
 * A simulated cohort as typed-array columns (no objects per patient).
 * Patient `p`'s path is the events `offsets[p] .. offsets[p+1]-1`: at `eventTime[e]` (months since
 * that patient's transplant) the patient entered `eventState[e]`. The first event of every patient
 * is the initial state at time 0. Paths are simulated to `horizon`, then observed only up to
 * `followUp[p]` (administrative censoring and loss to follow-up).
 */
export interface Cohort {
  n: number;
  /** Months simulated. */
  horizon: number;
  offsets: Uint32Array;
  eventTime: Float64Array;
  eventState: Uint8Array;
  /** Months of follow-up per patient (≤ horizon); Infinity-free, equal to horizon when uncensored. */
  followUp: Float64Array;
  /** Calendar month of transplant, counted from the start of accrual (0 when no design is given). */
  entry: Float64Array;
}

/** Study design that produces censoring. All times in months. */
export interface StudyDesign {
  /** Length of the uniform accrual window (months); 0 = everyone enters at once. */
  accrualMonths: number;
  /** Data cut-off measured from the start of accrual (months); follow-up = cutoff − entry. */
  cutoffMonths: number;
  /** Loss to follow-up, per year (exponential); 0 = none. */
  lossPerYear: number;
}

/**
 * What a published figure measures, in model terms. Every figure a paper reports maps to one of
 * these; docs/data.md gives each study's definitions and traps. Times in months.
 */
export type Quantity =
  /** Share alive at `time` (overall survival). */
  | { kind: 'survival' }
  /**
   * Share *in* a set of states at `time` (point prevalence). `which` picks remission (CR or PR),
   * complete or partial remission, or still active (never remitted, alive). `denominator`:
   * everyone enrolled (the dead count as not in it) or the survivors at `time`.
   */
  | {
      kind: 'inState';
      which: 'remission' | 'complete' | 'partial' | 'active' | 'relapse';
      denominator: 'enrolled' | 'survivors';
    }
  /** Share that has ever entered remission by `time` (crude cumulative incidence, all enrolled). */
  | { kind: 'everRemitted' }
  /** Among those who ever remitted by `time`, the share that has relapsed by `time` (crude). */
  | { kind: 'relapsedAmongRemitted' }
  /**
   * New (first) relapses in the interval (`fromMonth`, `time`] divided by a denominator:
   * everyone enrolled, those alive at `fromMonth` (still followed), or those who had ever
   * remitted by `time` (responders).
   */
  | {
      kind: 'newRelapses';
      fromMonth: number;
      denominator: 'enrolled' | 'alive-at-start' | 'ever-remitted';
    }
  /**
   * Among everyone enrolled, the share whose first relapse came during their own follow-up (and
   * by `time` at the latest): "23% (20/87) relapsed" of a cohort followed for different lengths
   * of time. It depends on the study's follow-up, so its model value needs the design.
   */
  | { kind: 'relapsedDuringFollowUp' };

/**
 * Where a figure comes from: `paper`, quoted from the abstract of the study's own publication;
 * `found`, quoted from another publication or a public copy of one (its page in `sourceUrl`);
 * `derived`, arithmetic on published figures (a sum, a percentage's denominator).
 */
export type FigureSource = 'paper' | 'found' | 'derived';

/** How a figure is used. */
export type FigureRole =
  /** Fitted by the preset's calibration. */
  | 'primary'
  /** Shown and checked against, not fitted. */
  | 'validation'
  /** Shown for context only (different cohort or endpoint). */
  | 'context';

/** A reported k/n figure with its definition and provenance; `time` in months since transplant. */
export interface PublishedFigure {
  /** Target id (the table in docs/data.md), e.g. `F1`. Unique across all studies. */
  id: string;
  /** Short label for tables and tooltips, e.g. "5-year overall survival". */
  label: string;
  quantity: Quantity;
  /** Months since transplant at which the figure is read. */
  time: number;
  /** Numerator as published. */
  k: number;
  /** Denominator as published. */
  n: number;
  /** The figure as printed, e.g. "84% (68/81)". */
  published: string;
  /** The exact sentence (or table fragment) it comes from. */
  sentence: string;
  source: FigureSource;
  /**
   * The publication quoted, named by its citation: authors, journal, year and DOI or PMID (the
   * page it was read on when it has neither), as `shortCitation` in src/data/citation.ts writes it.
   */
  sourceRef: string;
  /** The public page the sentence was read on, when it is not the study's own abstract. */
  sourceUrl?: string;
  role: FigureRole;
  /** Caveats: ambiguous definitions, conflicts, small denominators. */
  notes?: string;
}

/** A k/n target for calibration (a published figure, or one typed in by a user); time in months. */
export type Target = Pick<PublishedFigure, 'id' | 'label' | 'quantity' | 'time' | 'k' | 'n'>;
