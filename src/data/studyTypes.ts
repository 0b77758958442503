/**
 * The shape of a built-in study preset: one published study with its citation, its design, every
 * figure it reports (with the sentence each comes from), what the preset assumes, and which
 * figures its calibration fits.
 *
 * `src/data/` depends on nothing but model *types*: every import here is `import type`.
 * Times are in months since transplant; intensities are per year (see `src/model/types.ts`).
 */
import type { FigureRole, FigureSource, PublishedFigure, StudyDesign } from '../model/types';
import type { Intensities, ParameterId, TemplateOptions } from '../model/markov/template';

/** A bibliographic reference, as far as the abstract and the public pages found give it. */
export interface Citation {
  /** Authors as "Surname Initials", in published order; a truncated list ends with "et al.". */
  authors: string[];
  /** Article (or abstract) title. */
  title: string;
  /** Journal or meeting, abbreviated as usually cited, e.g. "Ann Rheum Dis". */
  journal: string;
  /** Year of the issue (e-pub and citation years are discussed in `note` when they differ). */
  year: number;
  /** Volume, e.g. "69" or "76 (Suppl 2)". */
  volume?: string;
  /** Issue number, e.g. "8". */
  issue?: string;
  /** Pages or article number, e.g. "1423-1429" or "273291". */
  pages?: string;
  /** DOI without the resolver prefix, e.g. "10.1136/ard.2009.123463". */
  doi?: string;
  /** PubMed id, only when a source states it. */
  pmid?: string;
  /** The public page the record was read on, when it is not the publisher's own. */
  url?: string;
  /** Caveats: errata, conflicting years, unverified identifiers, where the author list comes from. */
  note?: string;
}

/** One arm of a study (a single-arm study has one). */
export interface StudyArm {
  /** Short, URL-safe id, e.g. `single`, `double`, `all`. */
  id: string;
  /** Human label, e.g. "Single MSCT". */
  label: string;
  /** Patients in the arm. */
  n: number;
  /** Infusion schedule of this arm in words, e.g. "one infusion of 1 × 10^6 MSC/kg". */
  infusions: string;
}

/** Design of a study: who was treated, how, when, and how long they were followed. */
export interface StudyDesignInfo {
  /** Patients enrolled (the sum of the arms). */
  n: number;
  /** The arms; their `n` add up to `n`. */
  arms: StudyArm[];
  /** MSC source as published, e.g. "allogeneic bone marrow". */
  cellSource: string;
  /** Dose per infusion as published, or where it comes from when the abstract is silent. */
  dose: string;
  /** Infusion schedule as published. */
  schedule: string;
  /**
   * Published enrolment window as ISO dates (`YYYY-MM-DD`, or `YYYY-MM` when only the month is
   * given), or `null` when no source gives it.
   */
  accrual: { start: string; end: string } | null;
  /** Follow-up exactly as published, e.g. "mean 17.2 ± 9.5 months". */
  followUp: string;
  /**
   * Censoring design fed to the simulator (months). Where enrolment dates or follow-up are not
   * published, the values are chosen to reproduce the published denominators, and the preset's
   * `assumptions` say so.
   */
  studyDesign: StudyDesign;
  /**
   * Published numbers of patients still followed at landmark months (e.g. 83 → 39 → 12 → 6 at
   * 12/24/36/48 months), when a paper gives them. Lets the app compare the simulated follow-up
   * with the real one.
   */
  followedAt?: { month: number; n: number }[];
}

/** One time point of a continuous measure (display only, never a calibration target). */
export interface ContinuousPoint {
  /** Months since transplant (0 = baseline). */
  time: number;
  /** Mean as published. */
  mean: number;
  /** Standard deviation as published. */
  sd: number;
  /** Patients measured, or `null` when the source does not say. */
  n: number | null;
}

/** A continuous outcome reported as mean ± SD over time (SLEDAI, proteinuria): display only. */
export interface ContinuousFigure {
  /** Target id (the table in docs/data.md), e.g. `A3`, `D10`. Unique across all studies. */
  id: string;
  /** Short label, e.g. "SLEDAI". */
  label: string;
  /** Unit, e.g. "score" or "mg/24 h". */
  unit: string;
  /** Who was measured, e.g. "all patients" or "patients with lupus nephritis". */
  population: string;
  /** Time points in increasing time. */
  points: ContinuousPoint[];
  /** The exact sentence the values come from. */
  sentence: string;
  source: FigureSource;
  /** The publication quoted, cited (see `PublishedFigure.sourceRef`). */
  sourceRef: string;
  /** The public page the sentence was read on, when it is not the study's own abstract. */
  sourceUrl?: string;
  /** Caveats (units as printed, paired analyses, unknown n). */
  notes?: string;
}

/** What kind of non-k/n statement a {@link QualitativeFigure} is. */
export type QualitativeKind =
  /** A verbal finding without numbers, e.g. "no remarkable differences". */
  | 'qualitative'
  /** A quantity the paper does not report (kept so nobody invents it). */
  | 'not-reported'
  /** A safety count that is not an all-cause outcome (e.g. treatment-related deaths). */
  | 'safety'
  /** An arithmetic identity between published counts that the data must satisfy. */
  | 'consistency'
  /** A figure from another cohort or population, not expressible as k/n. */
  | 'context';

/**
 * A reported statement that is not a k/n figure of a model quantity. These are shown, never
 * fitted, and never stand in for a survival, remission or relapse figure.
 */
export interface QualitativeFigure {
  /** Target id (the table in docs/data.md), e.g. `B1`, `C3`, `F7`. Unique across all studies. */
  id: string;
  /** Short label. */
  label: string;
  kind: QualitativeKind;
  /** What the statement says, in plain words. */
  statement: string;
  /** Months since transplant the statement refers to, or `null` when not tied to one time. */
  time: number | null;
  /** A count attached to the statement (e.g. 0 treatment-related deaths of 16). */
  count?: { k: number; n: number; published: string };
  /** Named counts for a consistency check (e.g. ever remitted 37, relapsed 9, in remission 28). */
  tally?: Record<string, number>;
  /** The exact sentence, or `null` when the quantity is not reported at all. */
  sentence: string | null;
  source: FigureSource;
  /** The publication quoted, cited (see `PublishedFigure.sourceRef`). */
  sourceRef: string;
  /** The public page the sentence was read on, when it is not the study's own abstract. */
  sourceUrl?: string;
  role: FigureRole;
  /** Caveats. */
  notes?: string;
}

/** An individual event with its day, as listed in a paper's table (e.g. a death on day 192). */
export interface ReportedEvent {
  /** Days since the first infusion. */
  day: number;
  /** What happened. */
  event: 'death';
  /** Patients at risk just before the event (assumes no censoring before it). */
  atRiskBefore: number;
  /** Patient label as printed in the table, e.g. "pt 27". */
  patient: string;
  /** The publication listing the event, cited (see `PublishedFigure.sourceRef`). */
  sourceRef: string;
  /** The public page of the table, when there is one. */
  sourceUrl?: string;
  /** Caveats (e.g. conflicting tables). */
  notes?: string;
}

/** A template intensity held fixed during calibration. */
export interface FixedIntensity {
  parameter: ParameterId;
  /** 0-based time piece; all pieces when absent. */
  piece?: number;
  /** The value it is held at, per year. */
  ratePerYear: number;
  /** Why (which published statement implies it). */
  reason: string;
}

/** Which published figures a preset's calibration fits, and how the parameters are constrained. */
export interface CalibrationPlan {
  /** Ids of the figures fitted (their `role` is `primary`); may be empty when nothing is fit. */
  targetIds: string[];
  /** Why these figures and not the others (conflicts, redundancy, identifiability). */
  rationale: string;
  /**
   * Parameters the calibration may move. When absent, every parameter of the template is free
   * except those in `fixed`; parameters not listed take their values from `borrowFrom`.
   */
  freeParameters?: ParameterId[];
  /** Intensities held at a stated value because a published statement implies it. */
  fixed?: FixedIntensity[];
  /**
   * Groups of parameters constrained to one common value (in every piece), because the data
   * cannot tell them apart (e.g. death while active vs death after relapse).
   */
  tied?: { parameters: ParameterId[]; reason: string }[];
  /**
   * Parameters that may differ between time pieces; all others are constant across pieces.
   * When absent, every parameter may vary by piece.
   */
  piecewise?: ParameterId[];
  /**
   * When the study reports too little to fit all parameters: the preset whose fitted intensities
   * supply the parameters not fitted here. Its template must have the same structure.
   */
  borrowFrom?: { studyId: string; reason: string };
}

/** One built-in study. */
export interface StudyPreset {
  /** Short, URL-safe id used in scenario links, e.g. `followup2018`. */
  id: string;
  /** Short name for the study picker, e.g. "Wang 2018 (5-year follow-up)". */
  shortName: string;
  /** One-line description, e.g. "Allogeneic BM/UC MSCT in refractory SLE: 5-year follow-up". */
  title: string;
  /** The publication the preset is built on; its abstract is quoted by the `paper` figures. */
  citation: Citation;
  /** Other publications (of the same or an overlapping cohort) that supply `found` figures. */
  relatedCitations: Citation[];
  /** Design and the censoring design used by the simulator. */
  design: StudyDesignInfo;
  /** Default display horizon (months). */
  horizonMonths: number;
  /** Model structure used for this study. */
  template: TemplateOptions;
  /**
   * Every k/n figure of the study (and context figures of overlapping cohorts), each mapped to a
   * model quantity. Ids are unique across all studies and match the table in docs/data.md.
   */
  figures: PublishedFigure[];
  /** Means ± SD over time (display only). */
  continuousFigures: ContinuousFigure[];
  /** Statements that are not k/n figures: qualitative findings, non-reports, safety counts. */
  qualitative: QualitativeFigure[];
  /** Individual events listed in a table (e.g. death days for Kaplan–Meier steps). */
  reportedEvents?: ReportedEvent[];
  /** What the preset assumes beyond the published text, and why. */
  assumptions: string[];
  /** Which figures are fitted and how. */
  calibration: CalibrationPlan;
  /**
   * Calibrated intensities (per year, one value per time piece), or `null` until the
   * calibration has been run and its result stored here.
   */
  fitted: Intensities | null;
}

/** A published figure together with the study it belongs to (see `ALL_FIGURES`). */
export type StudyFigure = PublishedFigure & { studyId: string };
