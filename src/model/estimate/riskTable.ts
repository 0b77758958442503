/**
 * The number-at-risk table printed under a Kaplan–Meier figure, with R's
 * `summary(survfit(Surv(time, status) ~ 1), times = ..., extend = TRUE)` semantics:
 *
 * - at risk at t: patients whose time is ≥ t (still followed and event-free just before t);
 * - events and censored at t: those that happened in (previous requested time, t], the first
 *   interval starting at time 0 inclusive.
 *
 * Past the last observed time the table goes on with 0 at risk (R's `extend = TRUE`).
 */

/** One row per requested time; counts are patients, times in the caller's unit (months here). */
export interface RiskTable {
  /** The requested times, increasing. */
  times: number[];
  /** Patients with time ≥ t. */
  atRisk: number[];
  /** Events in (previous time, t] (in [0, t] for the first time). */
  events: number[];
  /** Censorings in (previous time, t] (in [0, t] for the first time). */
  censored: number[];
}

/**
 * Number at risk, events and censorings at each of `times` (increasing, ≥ 0) from right-censored
 * data (`event` 1 = event, 0 = censored). Errors name the offending entry.
 */
export function riskTable(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  times: readonly number[],
): RiskTable {
  if (time.length !== event.length) {
    throw new Error(
      `riskTable: time has ${time.length} entries but event has ${event.length}; they must match.`,
    );
  }
  for (let k = 0; k < times.length; k++) {
    const t = times[k]!;
    if (!Number.isFinite(t) || t < 0 || (k > 0 && t <= times[k - 1]!)) {
      throw new Error(`riskTable: times[${k}] must be finite, ≥ 0 and increasing, got ${t}.`);
    }
  }
  const K = times.length;
  const out: RiskTable = {
    times: [...times],
    atRisk: new Array<number>(K).fill(0),
    events: new Array<number>(K).fill(0),
    censored: new Array<number>(K).fill(0),
  };
  // reach[j]: observations at risk at exactly the first j requested times.
  const reach = new Array<number>(K + 1).fill(0);
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    const e = event[i]!;
    if (!Number.isFinite(t) || t < 0) {
      throw new Error(`riskTable: time[${i}] must be a finite number ≥ 0, got ${t}.`);
    }
    if (e !== 0 && e !== 1) throw new Error(`riskTable: event[${i}] must be 0 or 1, got ${e}.`);
    // First requested time ≥ t: the interval this observation falls in (binary search).
    let lo = 0;
    let hi = K;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    // At risk at every requested time ≤ t: count how many there are, sum from the end below.
    let upTo = lo;
    while (upTo < K && times[upTo]! <= t) upTo++;
    reach[upTo]!++;
    if (lo < K) {
      if (e === 1) out.events[lo]!++;
      else out.censored[lo]!++;
    }
  }
  for (let k = K - 1, sum = 0; k >= 0; k--) {
    sum += reach[k + 1]!;
    out.atRisk[k] = sum;
  }
  return out;
}
