import { overallSurvivalData, timeToRemissionData, type SurvivalData } from './cohortQueries';
import type { Cohort, ModelSpec } from '../types';

/**
 * The time-to-event endpoints of a trial report and their data (times in months): which
 * endpoints, their names, each cohort's right-censored data, the two arms stacked, the data as an
 * analysis at the playhead would see them, and the times of the number-at-risk table. The
 * comparison itself (log-rank, Cox, medians) is armComparison.ts; see there for the endpoints'
 * definitions.
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
