/**
 * Running a scenario for the Node CLI (src/cli/simulate.ts) through the browser's code path: a
 * simulation, a fit (`--fit`) or the patients (`--patients`). Nothing here touches the process
 * (argv, stdout, exit codes), so tests import it directly.
 *
 * Code path (the same as the browser's): `decodeScenario` → `scenarioTargets` (src/ui/scenarioView)
 * → `simulateScenario` (microsimulation, estimates, replicate bands, crude figures) and
 * `deriveScenario` (model, cohort trace, fit table).
 */
import type { StudyPreset } from '../data';
import { calibrate, type CalibrationResult } from '../model/calibrate/calibrate';
import { timeInStateSummary, type TimeInStateSummary } from '../model/calibrate/drawSummaries';
import { followUpDesign, type Scenario } from '../scenario/scenario';
import type { ScenarioProblem } from '../scenario/problems';
import {
  armInputs,
  simulateArm,
  simulateScenario,
  type ScenarioResult,
} from '../scenario/simulation';
import { patientsToCsv } from '../scenario/csv';
import { buildModel, type Intensities } from '../model/markov/template';
import type { Target } from '../model/types';
import { encodeScenario } from '../scenario/urlCodec';
import { decodeLink, studyOf } from '../scenario/builtIn';
import { FIT_DRAWS, fittedIntensities, planFit, type FitPlan } from '../scenario/fit';
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
  scenarioTargets,
  type Derived,
  type FitRow,
} from '../scenario/derive';

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
