import { overallSurvivalData, timeToRemissionData, type SurvivalData } from './cohortQueries';
import { coxBinary, type CoxBinaryFit } from './coxBinary';
import { logRank, type LogRankTest } from './logRank';
import { medianSurvival, type SurvivalQuantile } from './medianSurvival';
import { riskTable, type RiskTable } from './riskTable';
import type { Cohort, ModelSpec } from '../types';

/**
 * Two arms compared the way a trial report compares them, on each time-to-event endpoint: the
 * log-rank test (R `survdiff`), the hazard ratio of arm B against arm A with its Wald 95% interval
 * (R `coxph`, Efron ties), each arm's median with its 95% interval (R `survfit`) and each arm's
 * number-at-risk table (R `summary(survfit, times)`). Times in months.
 *
 * Endpoints:
 * - `os`, overall survival: time to death, censored at the end of follow-up.
 * - `remission`, time to first remission: death before remission censors, as in the
 *   cause-specific analysis a log-rank test or Cox model of this endpoint performs. (The curve
 *   drawn for this endpoint is the Aalen–Johansen cumulative incidence, where death competes; the
 *   median here is that of 1 − KM with death censored, which is what R's survfit prints for these
 *   data.)
 */

/** The time-to-event endpoints compared between arms. */
export const ENDPOINT_IDS = ['os', 'remission'] as const;

/** One of `ENDPOINT_IDS`. */
export type EndpointId = (typeof ENDPOINT_IDS)[number];

/** Each endpoint's name, as exports and the screen print it. */
export const ENDPOINT_NAMES: Record<EndpointId, string> = {
  os: 'overall survival',
  remission: 'time to first remission',
};

/** One endpoint's right-censored data for one cohort, one row per patient in patient order. */
export function endpointData(cohort: Cohort, spec: ModelSpec, endpoint: EndpointId): SurvivalData {
  return endpoint === 'os'
    ? overallSurvivalData(cohort, spec)
    : timeToRemissionData(cohort, spec).km;
}

/** One arm's summary of one endpoint. */
export interface ArmEndpointSummary {
  /** Patients in the arm. */
  n: number;
  /** Events observed. */
  events: number;
  /** Median time (months) with its 95% interval; NaN where not reached. */
  median: SurvivalQuantile;
  /** At risk, events and censored at the table's times (months). */
  riskTable: RiskTable;
}

/** Both arms compared on one endpoint. */
export interface EndpointComparison {
  endpoint: EndpointId;
  /** `ENDPOINT_NAMES[endpoint]`. */
  name: string;
  A: ArmEndpointSummary;
  B: ArmEndpointSummary;
  /** Log-rank test of B against A (group 0 = A, group 1 = B). */
  logRank: LogRankTest;
  /** Hazard ratio of B against A (Cox, Efron ties) with its Wald 95% interval. */
  cox: CoxBinaryFit;
}

/** One arm's summary of one endpoint (no comparison): median and risk table. */
export function summariseEndpoint(
  data: SurvivalData,
  riskTimes: readonly number[],
): ArmEndpointSummary {
  let events = 0;
  for (let i = 0; i < data.event.length; i++) events += data.event[i]!;
  return {
    n: data.time.length,
    events,
    median: medianSurvival(data.time, data.event),
    riskTable: riskTable(data.time, data.event, riskTimes),
  };
}

/** The two arms' data stacked: arm A's patients first (group 0), then arm B's (group 1). */
export function stackArms(
  a: SurvivalData,
  b: SurvivalData,
): { time: Float64Array; event: Uint8Array; group: Uint8Array } {
  const nA = a.time.length;
  const N = nA + b.time.length;
  const time = new Float64Array(N);
  const event = new Uint8Array(N);
  const group = new Uint8Array(N);
  time.set(a.time);
  time.set(b.time, nA);
  event.set(a.event);
  event.set(b.event, nA);
  group.fill(1, nA);
  return { time, event, group };
}

/**
 * Compares two simulated cohorts (arm A, arm B) on both endpoints. `riskTimes` are the times of
 * the number-at-risk table (months, increasing; e.g. every 12 months to the horizon).
 */
export function compareArms(
  a: { cohort: Cohort; spec: ModelSpec },
  b: { cohort: Cohort; spec: ModelSpec },
  riskTimes: readonly number[],
): Record<EndpointId, EndpointComparison> {
  const out = {} as Record<EndpointId, EndpointComparison>;
  for (const endpoint of ENDPOINT_IDS) {
    const da = endpointData(a.cohort, a.spec, endpoint);
    const db = endpointData(b.cohort, b.spec, endpoint);
    const s = stackArms(da, db);
    out[endpoint] = {
      endpoint,
      name: ENDPOINT_NAMES[endpoint],
      A: summariseEndpoint(da, riskTimes),
      B: summariseEndpoint(db, riskTimes),
      logRank: logRank(s.time, s.event, s.group),
      cox: coxBinary(s.time, s.event, s.group),
    };
  }
  return out;
}

/**
 * The times of a number-at-risk table: 0 and every `stepMonths` up to the horizon, and the horizon
 * itself when it is not a multiple of the step. Months. The default step gives a table of a
 * readable width, as published figures do: yearly past 3 years, every 6 months past 1 year,
 * quarterly below.
 */
export function riskTableTimes(
  horizonMonths: number,
  stepMonths = horizonMonths > 36 ? 12 : horizonMonths > 12 ? 6 : 3,
): number[] {
  const times: number[] = [];
  for (let t = 0; t <= horizonMonths + 1e-9; t += stepMonths) times.push(t);
  if (times[times.length - 1]! < horizonMonths - 1e-9) times.push(horizonMonths);
  return times;
}

/**
 * The data as an analysis at time `t` (months) would see them: follow-up ends at t, so a time
 * past t becomes a censoring at t. Estimates on these data grow with the playhead: at the horizon
 * they are those of the full data.
 */
export function censorAt(data: SurvivalData, t: number): SurvivalData {
  const n = data.time.length;
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const ti = data.time[i]!;
    if (ti <= t) {
      time[i] = ti;
      event[i] = data.event[i]!;
    } else {
      time[i] = Math.max(0, t);
    }
  }
  return { time, event };
}
