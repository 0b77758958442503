/** The shapes of the CLI's `--json` output (NaN and ±Infinity written as null). */
import type { Citation } from '../data';
import type { CurveId } from '../model/estimate/curves';
import type { Scenario } from '../scenario/scenario';
import type { ScenarioProblem } from '../scenario/problems';
import type { EndpointId } from '../model/estimate/armComparison';
import type { CoxBinaryFit } from '../model/estimate/coxBinary';
import type { ArmRateSource, DifferenceMode } from '../scenario/twoArms';
import type { Intensities } from '../model/markov/template';
import type { FitRow } from '../scenario/derive';

/** A fit row (`SimulatedFitRow`) as the JSON output writes it: NaN as null, figure as text. */
export interface JsonFitRow {
  id: string;
  label: string;
  /** Months since transplant. */
  time: number;
  k: number;
  n: number;
  observed: number | null;
  /** Wilson 95% interval. */
  lower: number | null;
  upper: number | null;
  /** Model value from the cohort trace (null when the structure cannot express it). */
  model: number | null;
  inside: boolean;
  supported: boolean;
  role: FitRow['role'];
  /** The figure as printed, e.g. "84% (68/81)" (study figures only). */
  published: string | null;
  /** Crude value in the shown cohort, or null when not computable (beyond the horizon, n/a). */
  simulated: { k: number; n: number; value: number | null } | null;
  /** 2.5%, 50%, 97.5% of the crude value over the replicate trials, or null. */
  replicates: {
    lower: number | null;
    median: number | null;
    upper: number | null;
    count: number;
  } | null;
}

/** The model trace's curves in the JSON output. */
export interface JsonTrace {
  /** Months of the trace rows. */
  times: number[];
  alive: (number | null)[];
  everRemitted: (number | null)[];
  inRemission: (number | null)[];
  everRelapsed: (number | null)[];
  relapsedAmongRemitted: (number | null)[];
}

/** One arm's curves in the JSON output. */
export interface JsonCurves {
  /** Months of the grid every simulated curve and band is sampled on. */
  grid: number[];
  simulated: Record<CurveId, (number | null)[]>;
  bands: Record<
    CurveId,
    { lower: (number | null)[]; median: (number | null)[]; upper: (number | null)[] }
  >;
  trace: JsonTrace;
}

/** One arm's summary of one time-to-event endpoint in the JSON output (months). */
export interface JsonArmEndpoint {
  /** "overall survival" or "time to first remission". */
  name: string;
  n: number;
  events: number;
  /** Median with its 95% interval (R survfit); null where not reached. */
  median: { value: number | null; lower: number | null; upper: number | null };
  /** Number at risk, events and censored at each time (R summary(survfit, times)). */
  riskTable: { times: number[]; atRisk: number[]; events: number[]; censored: number[] };
}

/** Arm B in the JSON output. */
export interface JsonCompare {
  label: string;
  n: number;
  crn: boolean;
  intensities: Intensities;
  fit: JsonFitRow[];
  curves: JsonCurves;
  endpoints: Record<EndpointId, JsonArmEndpoint>;
}

/** The two arms compared on one endpoint in the JSON output (full precision). */
export interface JsonEndpointComparison {
  endpoint: EndpointId;
  name: string;
  /** Log-rank test of B against A (R survdiff). */
  logRank: {
    chiSquare: number | null;
    df: 1;
    pValue: number | null;
    observed: [number, number];
    expected: [number | null, number | null];
    variance: number | null;
  };
  /** Hazard ratio of B against A: Cox, Efron ties, Wald 95% interval (R summary(coxph)). */
  hazardRatio: {
    estimability: CoxBinaryFit['estimability'];
    estimate: number | null;
    lower: number | null;
    upper: number | null;
    coef: number | null;
    se: number | null;
    waldP: number | null;
    likelihoodRatio: number | null;
    likelihoodRatioP: number | null;
    score: number | null;
    scoreP: number | null;
  };
  /** Share of the replicate pairs (independent patients) with log-rank p < alpha, Wilson 95% interval. */
  power: {
    proportion: number | null;
    lower: number | null;
    upper: number | null;
    rejected: number;
    trials: number;
    alpha: number;
  } | null;
}

/** How the two arms compare, in the JSON output. */
export interface JsonComparison {
  /** How chance enters the difference band: independent patients or the same patients. */
  differenceMode: { id: DifferenceMode; name: string; question: string; caption: string };
  /** Where each arm's intensities come from. */
  rateSources: ArmRateSource[];
  /** Computed on the shown cohorts of both arms (the patients `--patients` prints). */
  endpoints: JsonEndpointComparison[];
}

/** The whole `--json` output of a simulation run. */
export interface JsonReport {
  scenario: Scenario;
  query: string;
  problems: ScenarioProblem[];
  study: {
    id: string;
    shortName: string;
    title: string;
    citation: Citation;
    /** The citation as one line, with DOI and PMID. */
    reference: string;
  };
  intensities: Intensities;
  replicates: number;
  fit: JsonFitRow[];
  curves: JsonCurves;
  /** Arm A's time-to-event endpoints: median and number-at-risk table. */
  endpoints: Record<EndpointId, JsonArmEndpoint>;
  compare: JsonCompare | null;
  /** Log-rank, hazard ratio and power per endpoint (with a comparison only). */
  comparison: JsonComparison | null;
}
