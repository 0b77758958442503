/** Shaping a CLI run into its `--json` output (see ./jsonReport.ts for the shapes). */
import { formatCitation } from '../data/citation';
import { CURVE_IDS, traceCurves } from '../model/estimate/curves';
import type { ArmResult } from '../scenario/simulation';
import {
  ENDPOINT_IDS,
  ENDPOINT_NAMES,
  type ArmEndpointSummary,
  type EndpointId,
} from '../model/estimate/armComparison';
import { armRateSources, DIFFERENCE_MODES, differenceMode } from '../scenario/twoArms';
import type { ModelSpec, Trace } from '../model/types';
import { encodeScenario } from '../scenario/urlCodec';
import { withSimulation, type FitRow } from '../scenario/derive';
import type { ScenarioRun, FitRun } from './run';
import type {
  JsonFitRow,
  JsonCurves,
  JsonArmEndpoint,
  JsonCompare,
  JsonComparison,
  JsonReport,
} from './jsonReport';

/** A number for JSON: NaN and ±Infinity become null (JSON has no NaN). */
export function jsonNumber(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** A numeric array for JSON (typed arrays become plain arrays, NaN becomes null). */
export function jsonArray(a: ArrayLike<number>): (number | null)[] {
  return Array.from(a, jsonNumber);
}

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
