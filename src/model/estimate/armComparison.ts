import type { SurvivalData } from './cohortQueries';
import { coxBinary, type CoxBinaryFit } from './coxBinary';
import { logRank, type LogRankTest } from './logRank';
import { medianSurvival, type SurvivalQuantile } from './medianSurvival';
import { riskTable, type RiskTable } from './riskTable';
import type { Cohort, ModelSpec } from '../types';
import {
  endpointData,
  ENDPOINT_IDS,
  ENDPOINT_NAMES,
  stackArms,
  type EndpointId,
} from './endpoints';

// The endpoints' data and names live in endpoints.ts (the screen's at-risk table and medians need
// them without the log-rank and Cox code); re-exported here for the comparison's users.
export {
  censorAt,
  endpointData,
  ENDPOINT_IDS,
  ENDPOINT_NAMES,
  riskTableTimes,
  stackArms,
  type EndpointId,
} from './endpoints';

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
