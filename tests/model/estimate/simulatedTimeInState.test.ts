import { describe, expect, it } from 'vitest';
import { simulatedTimeInState } from '../../../src/model/estimate/simulatedTimeInState';
import type { Cohort } from '../../../src/model/types';

/** Two patients: 0 → state 1 at 10 → state 2 at 30; 1 stays in state 0. Horizon 40 months. */
const cohort: Cohort = {
  n: 2,
  horizon: 40,
  offsets: Uint32Array.from([0, 3, 4]),
  eventTime: Float64Array.from([0, 10, 30, 0]),
  eventState: Uint8Array.from([0, 1, 2, 0]),
  followUp: Float64Array.from([40, 40]),
  entry: Float64Array.from([0, 0]),
};

describe('simulatedTimeInState', () => {
  it('sums each path by state up to the horizon and averages over patients, with SE', () => {
    const r = simulatedTimeInState(cohort, 3, 40);
    // Patient 0: 10, 20, 10 months; patient 1: 40, 0, 0.
    expect(Array.from(r.mean)).toEqual([25, 10, 5]);
    // SD of (10, 40) is 15√2; SE = SD/√2 = 15.
    expect(r.se[0]).toBeCloseTo(15, 12);
  });

  it('cuts at an earlier horizon', () => {
    expect(Array.from(simulatedTimeInState(cohort, 3, 20).mean)).toEqual([15, 5, 0]);
  });

  it('rejects a horizon beyond the simulated months, naming it', () => {
    expect(() => simulatedTimeInState(cohort, 3, 50)).toThrow(/horizonMonths/);
  });
});
