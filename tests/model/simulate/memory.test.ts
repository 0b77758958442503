import { describe, expect, it } from 'vitest';
import {
  BYTES_PER_EVENT,
  BYTES_PER_PATIENT,
  cohortBytes,
  cohortMemory,
  cohortMemoryProblem,
  expectedEventsPerPatient,
  MAX_COHORT_BYTES,
} from '../../../src/model/simulate/memory';
import { simulateCohort } from '../../../src/model/simulate/microsim';
import { buildModel, DEFAULT_TEMPLATE_OPTIONS } from '../../../src/model/markov/template';
import type { ModelSpec, StateDef } from '../../../src/model/types';

const state = (id: string, alive: boolean): StateDef => ({
  id,
  label: id,
  lane: alive ? 'active' : 'dead',
  alive,
  inRemission: false,
  everRemitted: false,
  everRelapsed: false,
});

/** Alive → Dead with the given rates per year, changing at the breakpoints (months). */
function aliveDead(ratesPerYear: number[], breakpoints: number[] = []): ModelSpec {
  return {
    states: [state('alive', true), state('dead', false)],
    transitions: [{ from: 0, to: 1, parameter: 'death', ratesPerYear }],
    breakpoints,
    initialState: 0,
  };
}

const DEFAULT = buildModel(DEFAULT_TEMPLATE_OPTIONS, {
  remission: [0.3],
  relapse: [0.1],
  deathActive: [0.05],
  deathRemission: [0.01],
  deathRelapse: [0.05],
});

describe('cohortBytes', () => {
  it('counts 4 bytes per offset (n + 1), 16 per patient for follow-up and entry, 9 per event', () => {
    const c = simulateCohort(DEFAULT, { n: 500, horizonMonths: 60, seed: 'mem' });
    expect(cohortBytes(c)).toBe(4 * 501 + 16 * 500 + 9 * c.eventTime.length);
    expect(BYTES_PER_PATIENT + 0).toBe(20);
    expect(BYTES_PER_EVENT + 0).toBe(9);
  });
});

describe('expectedEventsPerPatient', () => {
  it('is 2 − e^(−λH) for one exit at a constant rate (the initial row plus P(died by H))', () => {
    // λ = 0.6 per year over 60 months: 1 + (1 − e^(−3)) = 1.950212931632136
    expect(expectedEventsPerPatient(aliveDead([0.6]), 60)).toBeCloseTo(1.950212931632136, 3);
  });

  it('integrates across a breakpoint where the rate changes', () => {
    // 0.2 per year for 12 months, then 1.2 per year to 36 months: cumulative hazard 0.2 + 2.4.
    const expected = 2 - Math.exp(-2.6);
    expect(expectedEventsPerPatient(aliveDead([0.2, 1.2], [12]), 36)).toBeCloseTo(expected, 3);
  });

  it('stays accurate for a fast exit rate (50 per year)', () => {
    expect(expectedEventsPerPatient(aliveDead([50]), 24)).toBeCloseTo(2 - Math.exp(-100), 3);
  });

  it("agrees with a simulated cohort's mean rows per patient (default template, 10 years)", () => {
    const n = 100_000;
    const c = simulateCohort(DEFAULT, { n, horizonMonths: 120, seed: 'mem' });
    const mean = c.eventTime.length / n;
    // Rows per patient vary by about 1 around a mean near 2: the mean of 1e5 has an SE near 0.003.
    expect(Math.abs(expectedEventsPerPatient(DEFAULT, 120) - mean)).toBeLessThan(0.015);
  });

  it('rejects a horizon that is not a positive number, naming it', () => {
    expect(() => expectedEventsPerPatient(DEFAULT, 0)).toThrow(/"horizonMonths"/);
  });
});

describe('cohortMemory', () => {
  it("predicts a simulated cohort's bytes within 1%", () => {
    const n = 50_000;
    const c = simulateCohort(DEFAULT, { n, horizonMonths: 120, seed: 'mem2' });
    const m = cohortMemory(DEFAULT, n, 120);
    expect(Math.abs(m.bytes - cohortBytes(c)) / cohortBytes(c)).toBeLessThan(0.01);
    expect(m.peakBytes).toBeGreaterThan(m.bytes);
  });
});

describe('cohortMemoryProblem', () => {
  it('lets a million patients of the default template over 10 years through', () => {
    expect(cohortMemoryProblem(DEFAULT, 1_000_000, 120)).toBeNull();
    expect(cohortMemory(DEFAULT, 1_000_000, 120).peakBytes).toBeLessThan(MAX_COHORT_BYTES);
  });

  it('names "n", the need, the limit and how many patients fit when over the limit', () => {
    const msg = cohortMemoryProblem(DEFAULT, 1_000_000, 120, 32 * 2 ** 20);
    expect(msg).toMatch(/^"n": 1,000,000 patients over 120 months need about \d+ MB/);
    expect(msg).toMatch(/the limit is 32 MB, enough for about [\d,]+ patients\.$/);
    const fits = Number(/about ([\d,]+) patients\.$/.exec(msg!)![1]!.replace(/,/g, ''));
    expect(cohortMemoryProblem(DEFAULT, fits, 120, 32 * 2 ** 20)).toBeNull();
    expect(cohortMemoryProblem(DEFAULT, fits + 1000, 120, 32 * 2 ** 20)).not.toBeNull();
  });
});
