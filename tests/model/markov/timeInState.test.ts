import { describe, expect, it } from 'vitest';
import { buildModel, DEFAULT_TEMPLATE_OPTIONS } from '../../../src/model/markov/template';
import { lifeYears, timeInState } from '../../../src/model/markov/timeInState';
import { cohortTrace } from '../../../src/model/markov/trace';
import { simulatedTimeInState } from '../../../src/model/estimate/simulatedTimeInState';
import { simulateCohort } from '../../../src/model/simulate/microsim';
import type { ModelSpec } from '../../../src/model/types';

/** Composite Simpson integral of every state's occupancy over [0, horizon] from a fine trace. */
function simpson(spec: ModelSpec, horizon: number, intervals: number): Float64Array {
  const h = horizon / intervals;
  const tr = cohortTrace(spec, { horizonMonths: horizon, stepMonths: h });
  const n = tr.nStates;
  const out = new Float64Array(n);
  for (let i = 0; i <= intervals; i++) {
    const w = i === 0 || i === intervals ? 1 : i % 2 ? 4 : 2;
    for (let s = 0; s < n; s++) out[s]! += (w * h * tr.occupancy[i * n + s]!) / 3;
  }
  return out;
}

const piecewise = buildModel(
  { splitRemission: true, reRemission: true, breakpoints: [6, 24] },
  {
    remissionComplete: [1.1, 0.5, 0.2],
    remissionPartial: [0.6, 0.3, 0.1],
    relapse: [0, 0.4, 0.25],
    reRemission: [0.8, 0.8, 0.4],
    deathActive: [0.15, 0.08, 0.05],
    deathRemission: [0.01, 0.02, 0.02],
    deathRelapse: [0.3, 0.2, 0.1],
  },
);
const simple = buildModel(DEFAULT_TEMPLATE_OPTIONS, {
  remission: [0.8],
  relapse: [0.3],
  deathActive: [0.2],
  deathRemission: [0.05],
  deathRelapse: [0.4],
});

describe('timeInState (restricted mean time in each state)', () => {
  it.each([
    ['piecewise, split remission, re-remission', piecewise, 60],
    ['constant rates', simple, 60],
    ['a horizon inside a piece', piecewise, 17.5],
  ])('%s: equals a fine Simpson integral of the trace to 1e-8', (_what, spec, horizon) => {
    const exact = timeInState(spec, horizon);
    // Simpson on a grid that puts the breakpoints on grid points (the occupancy is smooth
    // between them): 12,000 intervals; its error is far below 1e-8 month.
    const fine = simpson(spec, horizon, horizon === 60 ? 12000 : 7000);
    exact.forEach((x, s) => expect(Math.abs(x - fine[s]!), `state ${s}`).toBeLessThan(1e-8));
    expect(exact.reduce((a, b) => a + b, 0)).toBeCloseTo(horizon, 10);
  });

  it('agrees with 200,000 simulated patients within 4 standard errors, state by state', () => {
    const horizon = 60;
    const exact = timeInState(piecewise, horizon);
    const cohort = simulateCohort(piecewise, { n: 200000, horizonMonths: horizon, seed: 'rmst' });
    const sim = simulatedTimeInState(cohort, piecewise.states.length, horizon);
    exact.forEach((x, s) => {
      const z = Math.abs(sim.mean[s]! - x) / Math.max(sim.se[s]!, 1e-12);
      expect(z, `state ${piecewise.states[s]!.id}: ${sim.mean[s]} vs ${x}`).toBeLessThan(4);
    });
  });

  it('life-years alive: closed form for a single exit rate', () => {
    // Only death from Active at 0.2/yr: E[min(T, 5 y)] = (1 − e^(−0.2·5))/0.2 years.
    const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, {
      remission: [0],
      relapse: [0],
      deathActive: [0.2],
      deathRemission: [0],
      deathRelapse: [0],
    });
    expect(lifeYears(spec, 60)).toBeCloseTo((1 - Math.exp(-1)) / 0.2, 13);
  });

  it('rejects a bad horizon, naming it', () => {
    expect(() => timeInState(simple, -1)).toThrow(/horizonMonths/);
    expect(() => timeInState(simple, Number.NaN)).toThrow(/horizonMonths/);
  });
});
