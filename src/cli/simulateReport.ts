/**
 * The pure parts of the Node CLI (src/cli/simulate.ts): argument parsing, running a scenario
 * through the browser's code path, shaping the JSON output and rendering the plain-text tables.
 * Nothing here touches the process (argv, stdout, exit codes), so tests import it directly.
 *
 * Code path (the same as the browser's): `decodeScenario` → `scenarioTargets` (src/ui/scenarioView)
 * → `simulateScenario` (microsimulation, estimates, replicate bands, crude figures) and
 * `deriveScenario` (model, cohort trace, fit table).
 */
import { DEFAULT_STUDY_ID, STUDIES } from '../data';
import type { Citation, StudyPreset } from '../data';
import { formatCitation, sourceLine } from '../data/citation';
import {
  calibrate,
  type CalibrationResult,
  type IntensityInterval,
  type ParameterDraws,
} from '../model/calibrate/calibrate';
import { timeInStateSummary, type TimeInStateSummary } from '../model/calibrate/drawSummaries';
import { CURVE_IDS, traceCurves, type CurveId } from '../model/estimate/curves';
import { followUpDesign, type Scenario } from '../scenario/scenario';
import type { ScenarioProblem } from '../scenario/problems';
import {
  armInputs,
  simulateArm,
  simulateScenario,
  type ArmResult,
  type ScenarioResult,
} from '../scenario/simulation';
import { patientsToCsv } from '../scenario/csv';
import {
  ENDPOINT_IDS,
  ENDPOINT_NAMES,
  type ArmEndpointSummary,
  type EndpointId,
} from '../model/estimate/armComparison';
import type { CoxBinaryFit } from '../model/estimate/coxBinary';
import {
  armRateSources,
  DIFFERENCE_MODES,
  differenceMode,
  formatHazardRatio,
  formatLogRank,
  formatMedian,
  formatPower,
  sameIntensities,
  type ArmRateSource,
  type DifferenceMode,
} from '../scenario/twoArms';
import {
  buildModel,
  PARAMETER_INFO,
  parametersOf,
  sameTemplate,
  type Intensities,
  type TemplateOptions,
} from '../model/markov/template';
import type { ModelSpec, Target, Trace } from '../model/types';
import { encodeScenario } from '../scenario/urlCodec';
import { decodeLink, studyOf } from '../scenario/builtIn';
import { fittedIntensities, planFit, type FitPlan } from '../scenario/fit';
import { formatPercent, formatPercentRange } from '../scenario/format';
import { CURVES } from '../scenario/curves';
import {
  curveFitRow,
  curveTerm,
  formatInputMessage,
  reconstructCurve,
  type CurveFitRow,
  type DigitisedCurve,
} from '../scenario/digitisedCurves';
import type { LogLikTerm } from '../model/calibrate/reconstructedLikelihood';
import {
  deriveScenario,
  fitRows,
  withSimulation,
  scenarioTargets,
  type Derived,
  type FitRow,
} from '../scenario/derive';
import { countOf, hasRange } from '../scenario/wording';

// ---------------------------------------------------------------------------------------------
// Arguments

/** The CLI's options after parsing. */
export interface CliOptions {
  /** Query string or URL of the scenario ('' = the default scenario). */
  scenario: string;
  json: boolean;
  fit: boolean;
  /** Print every simulated patient's path as CSV (`patientsToCsv`) instead of the report. */
  patients: boolean;
  help: boolean;
}

/** The result of {@link parseCliArgs}: options, or a usage error naming the argument. */
export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; message: string };

/** Usage text printed by `--help` and after a usage error. */
export const USAGE = `Usage: npm run simulate -- --scenario "<query string, URL or scenario file>" [--json | --fit | --patients]

Runs a scenario in Node with the browser's model code and prints the study, the intensities,
the fit table and the curve values at each published time point and every 12 months.

  --scenario <s>   The scenario: a query string ("study=followup2018", "?v=1&study=…&seed=…")
                   or a full link ("http://…/?v=1&…"). A preset id is enough: "study=<id>".
                   Or a scenario file (JSON, as the browser exports it); it may hold
                   digitised Kaplan–Meier curves, which --fit fits as well.
                   Left out: the default scenario (${DEFAULT_STUDY_ID}).
                   Bad values are reported on stderr with the value used instead.
  --json           Print one JSON object to stdout (full-precision numbers, null for "no value").
  --fit            Calibrate instead: fit the study's targets (or the scenario's own targets)
                   and print the intensities, log-likelihood, convergence, feasibility,
                   conflicts and fit table.
  --patients       Print every simulated patient's path as CSV instead: patient,time_months,state
                   (the initial state at 0, each state entered, "censored" where follow-up
                   ends; full precision), with an arm column (A, B) for a comparison. The same
                   table as the browser's "Simulated patients (CSV)".
  --help, -h       Print this text.

Studies: ${STUDIES.map((s) => s.id).join(', ')}.
Exit codes: 0 done, 1 the run failed, 2 bad command-line arguments.`;

/**
 * Parses the CLI's arguments (after `node script`). `--scenario` takes the next argument or
 * `--scenario=<value>`; anything else unknown, a missing value or a repeated option is an error
 * whose message names the argument.
 */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  const options: CliOptions = {
    scenario: '',
    json: false,
    fit: false,
    patients: false,
    help: false,
  };
  let scenarioSeen = false;
  const flagSeen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    if (name === '--scenario') {
      if (scenarioSeen) return { ok: false, message: 'argument --scenario is given twice' };
      scenarioSeen = true;
      let value: string | undefined;
      if (eq >= 0) value = arg.slice(eq + 1);
      else {
        value = argv[i + 1];
        if (value !== undefined && !value.startsWith('--')) i++;
        else value = undefined;
      }
      if (value === undefined || value.trim() === '')
        return { ok: false, message: 'argument --scenario needs a value (a query string or URL)' };
      options.scenario = value;
    } else if (
      name === '--json' ||
      name === '--fit' ||
      name === '--patients' ||
      name === '--help' ||
      name === '-h'
    ) {
      if (eq >= 0) return { ok: false, message: `argument ${name} takes no value (got "${arg}")` };
      if (flagSeen.has(name)) return { ok: false, message: `argument ${name} is given twice` };
      flagSeen.add(name);
      if (name === '--json') options.json = true;
      else if (name === '--fit') options.fit = true;
      else if (name === '--patients') options.patients = true;
      else options.help = true;
    } else {
      return { ok: false, message: `unknown argument "${arg}"` };
    }
  }
  if (options.patients && (options.json || options.fit))
    return {
      ok: false,
      message: `argument --patients cannot be combined with ${options.json ? '--json' : '--fit'}`,
    };
  return { ok: true, options };
}

/** A decode problem as one warning line (the browser's notice: field, what, value used). */
export function formatProblem(p: ScenarioProblem): string {
  return `warning: ${p.field}: ${p.message}; used ${p.used}.`;
}

// ---------------------------------------------------------------------------------------------
// Running a scenario (the browser's code path)

/** A decoded scenario with everything the browser computes from it. */
export interface ScenarioRun {
  /** The query exactly as given. */
  input: string;
  scenario: Scenario;
  problems: ScenarioProblem[];
  /** The canonical link of the valid scenario (`encodeScenario`). */
  query: string;
  study: StudyPreset;
  /** Targets compared with (custom, or the study's non-context figures). */
  targets: Target[];
  /** Model, cohort trace and fit table (main-thread numbers in the browser). */
  derived: Derived;
  /** Fit table of arm B under arm B's model (null without comparison). */
  rowsB: FitRow[] | null;
  /** Cohort, estimates, replicate bands, crude figures, comparison (worker numbers in the browser). */
  sim: ScenarioResult;
}

/** Runs a scenario query exactly as the browser does (see the module comment). */
export function runScenario(input: string): ScenarioRun {
  const { scenario, problems } = decodeLink(input);
  const study = studyOf(scenario);
  const withFigures = scenarioTargets(scenario, study);
  const targets = withFigures.map((t) => t.target);
  const derived = deriveScenario(scenario);
  const rowsB = derived.specB
    ? fitRows(derived.specB, withFigures, followUpDesign(scenario), scenario.horizon)
    : null;
  const sim = simulateScenario(scenario, targets);
  return {
    input,
    scenario,
    problems,
    query: encodeScenario(scenario),
    study,
    targets,
    derived,
    rowsB,
    sim,
  };
}

/** A decoded scenario calibrated to its targets (`planFit`: the same decision as the Fit button). */
export interface FitRun {
  input: string;
  scenario: Scenario;
  problems: ScenarioProblem[];
  study: StudyPreset;
  /** Where the targets come from. */
  targetSource: FitPlan['targetSource'];
  /** What was calibrated (structure, targets, the plan's fixed and tied values). */
  options: FitPlan['options'];
  /** Figures left out: the structure cannot express them, or they cannot be fitted. */
  left: string[];
  result: CalibrationResult;
  /**
   * Expected time in each lane and life-years to the scenario's horizon, at the fitted
   * intensities, with 95% intervals over the parameter draws (`result.draws`).
   */
  timeInState: TimeInStateSummary;
  /** The intensities the fit puts into the scenario (`fittedIntensities`, as the Fit button). */
  fitted: Intensities;
  /** The scenario with the fitted intensities, as a link. */
  fittedQuery: string;
  /** The digitised curves fitted beside the targets, as fit-table rows at the fitted model. */
  curves: CurveFitRow[];
  /** What the reconstruction of each curve repaired or refused, one line each. */
  curveMessages: string[];
}

/** Parameter draws printed by `--fit` (seeded from the scenario seed). */
export const FIT_DRAWS = 200;

/**
 * Calibrates a scenario as the browser's Fit button does (`planFit`, `fittedIntensities`). Throws
 * when there is nothing to fit (no figures, or none the structure can express).
 */
export function runFit(input: string, curves: readonly DigitisedCurve[] = []): FitRun {
  const { scenario, problems } = decodeLink(input);
  const study = studyOf(scenario);
  // Digitised curves join the fit as likelihood terms of their reconstructed patients.
  const reconstructed = curves.map((c) => reconstructCurve(c));
  const curveMessages = reconstructed.flatMap((r) =>
    r.reconstruction.messages.map((m) => `curve ${r.curve.id}: ${formatInputMessage(m)}`),
  );
  const terms = reconstructed.map(curveTerm).filter((t): t is LogLikTerm => t !== null);
  const { options, targetSource, left } = planFit(scenario, study, terms);
  // Intervals and draws: what the published figures allow, the draws seeded from the scenario
  // seed. Neither changes the fit itself.
  const result = calibrate({
    ...options,
    intervals: true,
    draws: FIT_DRAWS,
    drawSeed: scenario.seed,
  });
  const fitted = fittedIntensities(result);
  const fittedSpec = buildModel(options.template, result.intensities);
  const curveRows = reconstructed
    .map((r) => curveFitRow(r, fittedSpec))
    .filter((r): r is CurveFitRow => r !== null);
  const timeInState = timeInStateSummary(
    options.template,
    result.intensities,
    result.draws?.sets ?? [],
    scenario.horizon,
  );
  return {
    input,
    scenario,
    problems,
    study,
    targetSource,
    options,
    left,
    result,
    fitted,
    fittedQuery: encodeScenario({ ...scenario, intensities: fitted }),
    curves: curveRows,
    curveMessages,
    timeInState,
  };
}

// ---------------------------------------------------------------------------------------------
// JSON shaping

/** A number for JSON: NaN and ±Infinity become null (JSON has no NaN). */
export function jsonNumber(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** A numeric array for JSON (typed arrays become plain arrays, NaN becomes null). */
export function jsonArray(a: ArrayLike<number>): (number | null)[] {
  return Array.from(a, jsonNumber);
}

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

/** The trace quantities, excluding the time column. */

/** Fit rows joined with one arm's crude figures and replicate distributions, for JSON. */
export function shapeFitRows(rows: FitRow[], arm: ArmResult): JsonFitRow[] {
  return withSimulation(rows, arm).map((r) => ({
    id: r.id,
    label: r.label,
    time: r.time,
    k: r.k,
    n: r.n,
    observed: jsonNumber(r.observed),
    lower: jsonNumber(r.lower),
    upper: jsonNumber(r.upper),
    model: jsonNumber(r.model),
    inside: r.inside,
    supported: r.supported,
    role: r.role,
    published: r.figure?.published ?? null,
    simulated: r.simulated && {
      ...r.simulated,
      value: r.simulated.value === null ? null : jsonNumber(r.simulated.value),
    },
    replicates: r.replicates && {
      lower: jsonNumber(r.replicates.lower),
      median: jsonNumber(r.replicates.median),
      upper: jsonNumber(r.replicates.upper),
      count: r.replicates.count,
    },
  }));
}

/** One arm's curves for JSON: simulated estimates, replicate bands and the model trace. */
export function shapeCurves(arm: ArmResult, spec: ModelSpec, trace: Trace): JsonCurves {
  const simulated = {} as JsonCurves['simulated'];
  const bands = {} as JsonCurves['bands'];
  for (const id of CURVE_IDS) {
    simulated[id] = jsonArray(arm.estimates.values[id]);
    const b = arm.replicates.bands[id];
    bands[id] = {
      lower: jsonArray(b.lower),
      median: jsonArray(b.median),
      upper: jsonArray(b.upper),
    };
  }
  const tc = traceCurves(spec, trace);
  return {
    grid: Array.from(arm.estimates.grid),
    simulated,
    bands,
    trace: {
      times: Array.from(trace.times),
      alive: jsonArray(tc.alive),
      everRemitted: jsonArray(tc.everRemitted),
      inRemission: jsonArray(tc.inRemission),
      everRelapsed: jsonArray(tc.everRelapsed),
      relapsedAmongRemitted: jsonArray(tc.relapsedAmongRemitted),
    },
  };
}

/** One arm's endpoints for JSON (NaN → null). */
export function shapeArmEndpoints(
  endpoints: Record<EndpointId, ArmEndpointSummary>,
): Record<EndpointId, JsonArmEndpoint> {
  const out = {} as Record<EndpointId, JsonArmEndpoint>;
  for (const id of ENDPOINT_IDS) {
    const e = endpoints[id];
    out[id] = {
      name: ENDPOINT_NAMES[id],
      n: e.n,
      events: e.events,
      median: {
        value: jsonNumber(e.median.value),
        lower: jsonNumber(e.median.lower),
        upper: jsonNumber(e.median.upper),
      },
      riskTable: {
        times: e.riskTable.times,
        atRisk: e.riskTable.atRisk,
        events: e.riskTable.events,
        censored: e.riskTable.censored,
      },
    };
  }
  return out;
}

/** The comparison of the two arms for JSON (NaN and ±Infinity → null), or null without one. */
export function shapeComparison(run: ScenarioRun): JsonComparison | null {
  const { scenario, sim } = run;
  if (!scenario.compare || !sim.comparison) return null;
  const mode = differenceMode(scenario.compare.crn);
  return {
    differenceMode: { id: mode, ...DIFFERENCE_MODES[mode] },
    rateSources: armRateSources(scenario),
    endpoints: ENDPOINT_IDS.map((id) => {
      const c = sim.comparison![id];
      const p = sim.power?.[id];
      return {
        endpoint: id,
        name: c.name,
        logRank: {
          chiSquare: jsonNumber(c.logRank.chiSquare),
          df: 1,
          pValue: jsonNumber(c.logRank.pValue),
          observed: c.logRank.observed,
          expected: [jsonNumber(c.logRank.expected[0]), jsonNumber(c.logRank.expected[1])],
          variance: jsonNumber(c.logRank.variance),
        },
        hazardRatio: {
          estimability: c.cox.estimability,
          estimate: jsonNumber(c.cox.hazardRatio),
          lower: jsonNumber(c.cox.lower),
          upper: jsonNumber(c.cox.upper),
          coef: jsonNumber(c.cox.coef),
          se: jsonNumber(c.cox.se),
          waldP: jsonNumber(c.cox.waldP),
          likelihoodRatio: jsonNumber(c.cox.likelihoodRatio),
          likelihoodRatioP: jsonNumber(c.cox.likelihoodRatioP),
          score: jsonNumber(c.cox.score),
          scoreP: jsonNumber(c.cox.scoreP),
        },
        power: p
          ? {
              proportion: jsonNumber(p.power),
              lower: jsonNumber(p.lower),
              upper: jsonNumber(p.upper),
              rejected: p.rejected,
              trials: p.trials,
              alpha: p.alpha,
            }
          : null,
      };
    }),
  };
}

/** The `--json` object of a simulation run. */
export function shapeReport(run: ScenarioRun): JsonReport {
  const { scenario, study, derived, sim } = run;
  let compare: JsonCompare | null = null;
  if (scenario.compare && sim.B && derived.specB && derived.traceB && run.rowsB) {
    compare = {
      label: scenario.compare.label,
      n: scenario.compare.n,
      crn: scenario.compare.crn,
      intensities: scenario.compare.intensities,
      fit: shapeFitRows(run.rowsB, sim.B),
      curves: shapeCurves(sim.B, derived.specB, derived.traceB),
      endpoints: shapeArmEndpoints(sim.B.endpoints),
    };
  }
  return {
    scenario,
    query: run.query,
    problems: run.problems,
    study: {
      id: study.id,
      shortName: study.shortName,
      title: study.title,
      citation: study.citation,
      reference: formatCitation(study.citation),
    },
    intensities: scenario.intensities,
    replicates: scenario.replicates,
    fit: shapeFitRows(derived.rows, sim.A),
    curves: shapeCurves(sim.A, derived.spec, derived.trace),
    endpoints: shapeArmEndpoints(sim.A.endpoints),
    compare,
    comparison: shapeComparison(run),
  };
}

/** The `--fit --json` object. */
export function shapeFitReport(run: FitRun): Record<string, unknown> {
  const r = run.result;
  return {
    scenario: run.scenario,
    query: encodeScenario(run.scenario),
    problems: run.problems,
    study: {
      id: run.study.id,
      shortName: run.study.shortName,
      citation: run.study.citation,
      reference: formatCitation(run.study.citation),
    },
    targetSource: run.targetSource,
    calibration: {
      intensities: r.intensities,
      logLik: jsonNumber(r.logLik),
      logLikSaturated: jsonNumber(r.logLikSaturated),
      penalty: jsonNumber(r.penalty),
      deviance: jsonNumber(r.deviance),
      df: r.df,
      // null with 0 degrees of freedom: there is no p-value (see pValueNote).
      pValue: r.pValue === null ? null : jsonNumber(r.pValue),
      pValueNote:
        r.pValue === null
          ? 'no p-value: 0 degrees of freedom (as many fitted values as targets)'
          : null,
      converged: r.converged,
      iterations: r.iterations,
      evaluations: r.evaluations,
      feasible: r.feasible,
      conflicts: r.conflicts,
      free: r.free,
      unidentified: r.unidentified,
      weaklyIdentified: r.weaklyIdentified,
      atBounds: r.atBounds,
      message: r.message,
      intervals: r.intervals,
      draws: r.draws,
      timeInState: run.timeInState,
      fit: r.fit.map((f) => ({
        ...f,
        observed: jsonNumber(f.observed),
        lower: jsonNumber(f.lower),
        upper: jsonNumber(f.upper),
        model: jsonNumber(f.model),
      })),
    },
    left: run.left,
    fitted: run.fitted,
    fittedQuery: run.fittedQuery,
    // Only with curves, so that the output of a link (no curves) keeps its shape.
    ...(run.curves.length > 0 || run.curveMessages.length > 0
      ? {
          curves: run.curves.map((c) => ({
            ...c,
            logLik: jsonNumber(r.extraLogLik.find((e) => e.id === `curve:${c.id}`)?.logLik ?? NaN),
          })),
          curveMessages: run.curveMessages,
        }
      : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Plain-text rendering

/** Column alignment of {@link renderTable}. */
export type Align = 'left' | 'right';

/**
 * A plain aligned text table: a header row, a rule, the rows. Columns are separated by two
 * spaces; `align` gives each column's alignment (default: left for the first, right after).
 */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly Align[],
): string {
  const width = (s: string): number => [...s].length;
  const widths = headers.map((h, j) => Math.max(width(h), ...rows.map((r) => width(r[j] ?? ''))));
  const cell = (s: string, j: number): string => {
    const pad = ' '.repeat(Math.max(0, widths[j]! - width(s)));
    const a = align?.[j] ?? (j === 0 ? 'left' : 'right');
    return a === 'left' ? s + pad : pad + s;
  };
  const line = (r: readonly string[]): string =>
    headers
      .map((_, j) => cell(r[j] ?? '', j))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Months as shown in tables (integers plain, others with up to 2 decimals). */
function months(t: number): string {
  return Number.isInteger(t) ? String(t) : String(Number(t.toFixed(2)));
}

/** The intensities table: one row per parameter, one column per time piece (per year). */
export function renderIntensities(template: TemplateOptions, intensities: Intensities): string {
  const bp = template.breakpoints;
  const pieces = bp.length + 1;
  const pieceLabel = (i: number): string => {
    const from = i === 0 ? 0 : bp[i - 1]!;
    const to = i < bp.length ? bp[i] : undefined;
    return to === undefined
      ? i === 0
        ? 'per year'
        : `${months(from)}+ mo`
      : `${months(from)}–${months(to)} mo`;
  };
  const headers = [
    'Parameter',
    'Transition',
    ...Array.from({ length: pieces }, (_, i) => pieceLabel(i)),
  ];
  const rows = parametersOf(template).map((p) => {
    const info = PARAMETER_INFO[p];
    const v = intensities[p] ?? [];
    return [
      p,
      `${info.from} → ${info.to}`,
      ...Array.from({ length: pieces }, (_, i) => {
        const x = v[i];
        return x === undefined ? '—' : String(Number(x.toPrecision(4)));
      }),
    ];
  });
  return renderTable(headers, rows, ['left', 'left']);
}

/** The fit table of an arm: published k/n, Wilson 95%, model, simulated, replicate range. */
export function renderFitTable(rows: readonly JsonFitRow[], replicates: number): string {
  const body = rows.map((r) => [
    r.id,
    r.label,
    months(r.time),
    `${r.k}/${r.n} (${formatPercent(r.observed)})`,
    formatPercentRange(r.lower, r.upper),
    r.supported ? formatPercent(r.model) : 'n/a (split remission)',
    r.simulated ? `${r.simulated.k}/${r.simulated.n} (${formatPercent(r.simulated.value)})` : '—',
    r.replicates && hasRange(replicates)
      ? formatPercentRange(r.replicates.lower, r.replicates.upper)
      : '—',
    r.supported ? (r.inside ? 'yes' : 'NO') : '—',
  ]);
  return renderTable(
    [
      'Id',
      'Figure',
      'Month',
      'Published k/n',
      'Wilson 95%',
      'Model',
      'Simulated (this cohort)',
      hasRange(replicates)
        ? `Replicates 2.5–97.5% (R=${replicates})`
        : `Replicates (R=${replicates}: too few for a range)`,
      'Inside',
    ],
    body,
    ['left', 'left'],
  );
}

/** Grid times shown in the curve tables: every published time within the horizon and every 12 months. */
export function curveTimes(grid: readonly number[], published: readonly number[]): number[] {
  const horizon = grid[grid.length - 1] ?? 0;
  const want = new Set<number>();
  for (let t = 12; t <= horizon + 1e-9; t += 12) want.add(t);
  for (const t of published) if (t > 0 && t <= horizon + 1e-9) want.add(t);
  return [...want].sort((a, b) => a - b);
}

const indexOf = (times: readonly number[], t: number): number =>
  times.findIndex((x) => Math.abs(x - t) < 1e-9);

/**
 * The curve values at the chosen times, one table per curve: the simulated estimate in the shown
 * cohort, the replicate 2.5%/50%/97.5% band and the model trace. Times not on the grid (a
 * published time that is not a whole month) are listed as not on the grid.
 */
export function renderCurves(curves: JsonCurves, times: readonly number[]): string {
  const out: string[] = [];
  for (const id of CURVE_IDS) {
    const { title, trace } = CURVES[id];
    const rows = times.map((t) => {
      const g = indexOf(curves.grid, t);
      const ti = indexOf(curves.trace.times, t);
      const b = curves.bands[id];
      return [
        months(t),
        g < 0 ? 'not on grid' : formatPercent(curves.simulated[id][g]),
        g < 0 ? '—' : formatPercent(b.median[g]),
        g < 0 ? '—' : formatPercentRange(b.lower[g], b.upper[g]),
        trace && ti >= 0 ? formatPercent(curves.trace[trace][ti]) : '—',
      ];
    });
    out.push(
      `${title} [${id}]\n` +
        renderTable(
          ['Month', 'Simulated', 'Replicate median', 'Replicates 2.5–97.5%', 'Model trace'],
          rows,
        ),
    );
  }
  return out.join('\n\n');
}

/**
 * The page part of a full link (`http://host/path`), so the printed link opens the same page;
 * '' for a bare query string.
 */
export function linkBase(input: string): string {
  const m = /^\s*(https?:\/\/[^?#\s]*)/i.exec(input);
  return m ? m[1]! : '';
}

const heading = (s: string): string => `${s}\n${'='.repeat([...s].length)}`;

/** Each endpoint's median and number-at-risk table of one arm, as text (months). */
export function renderEndpoints(endpoints: Record<EndpointId, ArmEndpointSummary>): string {
  const lines: string[] = [];
  for (const id of ENDPOINT_IDS) {
    const e = endpoints[id];
    lines.push(
      `${ENDPOINT_NAMES[id]}: ${countOf(e.events, 'event')} in ${countOf(e.n, 'patient')}, ${formatMedian(e.median)}`,
    );
    const t = e.riskTable;
    lines.push(
      renderTable(
        ['Months', ...t.times.map(String)],
        [
          ['At risk', ...t.atRisk.map(String)],
          ['Events', ...t.events.map(String)],
          ['Censored', ...t.censored.map(String)],
        ],
        ['left', ...t.times.map((): 'right' => 'right')],
      ),
    );
  }
  return lines.join('\n');
}

/** The human-readable report of a simulation run. */
export function renderReport(report: JsonReport, run: ScenarioRun): string {
  const s = report.scenario;
  const study = run.study;
  const published = run.targets.map((t) => t.time);
  const times = curveTimes(report.curves.grid, published);
  const lines: string[] = [];
  lines.push(heading(`Study: ${study.shortName}`));
  lines.push(study.title);
  lines.push(report.study.reference);
  const arm = s.arm ? study.design.arms.find((a) => a.id === s.arm) : undefined;
  lines.push(
    `Scenario: ${arm ? `arm ${arm.label}, ` : ''}n = ${s.n}, horizon ${s.horizon} months, seed "${s.seed}", ` +
      `${countOf(s.replicates, 'replicate trial')}, censoring ${s.censoring ? `on (accrual ${s.design.accrualMonths} mo, cut-off ${s.design.cutoffMonths} mo, loss ${s.design.lossPerYear}/yr)` : 'off'}`,
  );
  lines.push(`Link: ${linkBase(run.input)}?${report.query}`);
  lines.push('');
  lines.push(heading('Intensities (per year)'));
  lines.push(renderIntensities(s.template, s.intensities));
  lines.push('');
  lines.push(heading('Fit table'));
  lines.push(
    report.fit.length > 0
      ? renderFitTable(report.fit, s.replicates)
      : 'This scenario has no k/n targets.',
  );
  lines.push(
    'Model = cohort trace; Inside = model within the Wilson 95% interval; Simulated = crude figure in the shown cohort.',
  );
  lines.push('');
  lines.push(heading(`Curves (months ${times.join(', ')})`));
  lines.push(renderCurves(report.curves, times));
  lines.push('');
  lines.push(
    heading(
      'Time-to-event endpoints (shown cohort; events and censored since the previous column)',
    ),
  );
  lines.push(renderEndpoints(run.sim.A.endpoints));
  const sourced = run.derived.rows.filter((r) => r.figure);
  if (sourced.length > 0) {
    lines.push('');
    lines.push(heading('Sources of the published figures'));
    lines.push(
      renderTable(
        ['Id', 'As published', 'Source'],
        sourced.map((r) => [r.id, r.figure!.published, sourceLine(r.figure!)]),
        ['left', 'left', 'left'],
      ),
    );
  }
  if (report.compare && s.compare) {
    const c = report.compare;
    lines.push('');
    lines.push(heading(`Arm B: ${c.label} (n = ${c.n}${c.crn ? ', common random numbers' : ''})`));
    lines.push(renderIntensities(s.template, c.intensities));
    lines.push('');
    lines.push(c.fit.length > 0 ? renderFitTable(c.fit, s.replicates) : 'No k/n targets.');
    lines.push('');
    lines.push(renderCurves(c.curves, times));
    if (run.sim.B) {
      lines.push('');
      lines.push(renderEndpoints(run.sim.B.endpoints));
    }
  }
  const cmp = run.sim.comparison;
  if (s.compare && cmp) {
    const mode = DIFFERENCE_MODES[differenceMode(s.compare.crn)];
    lines.push('');
    lines.push(heading('Comparison: arm B against arm A (the shown cohorts)'));
    for (const r of armRateSources(s)) {
      lines.push(`Arm ${r.arm}, ${r.label} (${r.n} patients): ${r.source}`);
    }
    lines.push(`Difference band: ${mode.name}. ${mode.question} ${mode.caption}`);
    for (const id of ENDPOINT_IDS) {
      const c = cmp[id];
      lines.push(`${c.name}: ${formatLogRank(c.logRank)}; ${formatHazardRatio(c.cox)}`);
      const p = run.sim.power?.[id];
      if (p) lines.push(`  ${formatPower(p, s.n, s.compare.n, sameIntensities(s))}`);
    }
  }
  return lines.join('\n');
}

/** Significant digits for an intensity per year. */
const rate = (x: number) => x.toPrecision(3);

/** The profile-likelihood intervals, one row per fitted value; search-range ends said as such. */
export function renderIntervals(intervals: readonly IntensityInterval[]): string {
  if (intervals.length === 0) return 'Nothing was fitted.';
  const rows = intervals.map((iv) => [
    iv.name,
    rate(iv.estimate),
    `${iv.lowerAtSearchEnd ? '≤ ' : ''}${rate(iv.lower)} – ${iv.upperAtSearchEnd ? '≥ ' : ''}${rate(iv.upper)}`,
    iv.weaklyIdentified
      ? `weakly identified${iv.lowerAtSearchEnd || iv.upperAtSearchEnd ? ': the figures do not rule out the end of the searched range' : ''}`
      : '',
  ]);
  return renderTable(['Fitted value', 'Estimate', '95% interval', 'Note'], rows, ['left', 'left']);
}

/** Time in each lane and life-years, with the draws' intervals. */
export function renderTimeInState(s: TimeInStateSummary, draws: ParameterDraws | null): string {
  const range = (lo: number | null, hi: number | null, f: (x: number) => string) =>
    lo === null || hi === null ? '—' : `${f(lo)} – ${f(hi)}`;
  const m = (x: number) => x.toFixed(1);
  const rows = s.lanes.map((l) => [`months ${l.lane}`, m(l.months), range(l.lower, l.upper, m)]);
  const y = (x: number) => x.toFixed(2);
  rows.push([
    'life-years alive',
    y(s.lifeYears.years),
    range(s.lifeYears.lower, s.lifeYears.upper, y),
  ]);
  const table = renderTable(['Quantity', 'At the fit', '95% over the rates'], rows, ['left']);
  const note = draws
    ? `Intervals over ${draws.sets.length} intensity sets drawn from what the figures allow (seed "${draws.seed}", effective sample size ${Math.round(draws.effectiveSize)} of ${draws.proposals} proposals).`
    : 'No parameter draws.';
  return `${table}\n${note}`;
}

/** The human-readable report of a calibration run (`--fit`). */
export function renderFitReport(run: FitRun): string {
  const r = run.result;
  const lines: string[] = [];
  lines.push(heading(`Calibration: ${run.study.shortName}`));
  lines.push(formatCitation(run.study.citation));
  lines.push(
    `Targets: ${
      run.targetSource === 'scenario'
        ? "the scenario's own targets"
        : sameTemplate(run.scenario.template, run.study.template)
          ? `the study's calibration plan (${run.study.calibration.targetIds.join(', ')})`
          : `the study's figures (${run.study.calibration.targetIds.join(', ')}), every intensity of this structure free`
    }`,
  );
  lines.push('');
  lines.push(heading('Fitted intensities (per year)'));
  lines.push(renderIntensities(run.options.template, r.intensities));
  lines.push('');
  lines.push(
    renderTable(
      ['Result', 'Value'],
      [
        ['log-likelihood', r.logLik.toFixed(4)],
        ['saturated log-likelihood', r.logLikSaturated.toFixed(4)],
        ['deviance (df)', `${r.deviance.toFixed(4)} (${r.df})`],
        [
          'p-value',
          r.pValue === null
            ? 'none: 0 degrees of freedom (as many fitted values as targets)'
            : r.pValue.toPrecision(3),
        ],
        ['converged', r.converged ? 'yes' : 'no'],
        ['iterations', String(r.iterations)],
        ['feasible', r.feasible ? 'yes' : 'NO'],
        [
          'conflicts',
          r.conflicts.length ? r.conflicts.map((g) => g.join(' + ')).join('; ') : 'none',
        ],
        ['fitted values', r.free.join(', ') || 'none'],
        ['unidentified (held)', r.unidentified.join(', ') || 'none'],
        ['weakly identified', r.weaklyIdentified.join(', ') || 'none'],
        ['at bounds', r.atBounds.join(', ') || 'none'],
      ],
      ['left', 'left'],
    ),
  );
  lines.push('');
  lines.push(heading('95% intervals of the fitted values (profile likelihood, per year)'));
  lines.push(renderIntervals(r.intervals ?? []));
  lines.push('');
  lines.push(
    heading(`Expected time in each state to ${months(run.timeInState.horizonMonths)} months`),
  );
  lines.push(renderTimeInState(run.timeInState, r.draws));
  lines.push('');
  lines.push(heading('Fit table'));
  lines.push(
    renderTable(
      ['Id', 'Figure', 'Month', 'Published k/n', 'Wilson 95%', 'Model', 'Inside'],
      r.fit.map((f) => [
        f.id,
        f.label,
        months(f.time),
        `${f.k}/${f.n} (${formatPercent(f.observed)})`,
        formatPercentRange(f.lower, f.upper),
        formatPercent(f.model),
        f.inside ? 'yes' : 'NO',
      ]),
      ['left', 'left'],
    ),
  );
  if (run.curves.length > 0) {
    lines.push('');
    lines.push(heading('Digitised curves (reconstructed patients, Guyot et al. 2012)'));
    lines.push(
      renderTable(
        [
          'Id',
          'Curve',
          'Patients',
          'Events',
          'Log-likelihood',
          'Largest gap model',
          'Largest gap KM',
        ],
        run.curves.map((c) => [
          c.id,
          c.label,
          String(c.n),
          String(c.events),
          (r.extraLogLik.find((e) => e.id === `curve:${c.id}`)?.logLik ?? NaN).toFixed(2),
          `${formatPercent(c.gap)} at ${months(c.gapTime)}`,
          formatPercent(c.reconstructionGap),
        ]),
        ['left', 'left'],
      ),
    );
  }
  lines.push('');
  lines.push(r.message);
  if (run.left.length > 0)
    lines.push(
      `Not fitted (the structure cannot express them; split remission for complete/partial): ${run.left.join(', ')}.`,
    );
  lines.push(`Link with the fitted intensities: ?${run.fittedQuery}`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Patients (--patients)

/**
 * Every simulated patient of a scenario link as CSV (`patientsToCsv`: the browser's export),
 * arm B too for a comparison, and the link's problems. Replicate trials are not simulated: they
 * never change the shown cohort's patients.
 */
export function runPatients(input: string): { csv: string; problems: ScenarioProblem[] } {
  const { scenario, problems } = decodeLink(input);
  const { A, B } = armInputs({ ...scenario, replicates: 0 }, []);
  const a = { cohort: simulateArm(A).cohort, spec: A.spec };
  const b = B ? { cohort: simulateArm(B).cohort, spec: B.spec } : null;
  return { csv: patientsToCsv(a, b), problems };
}
