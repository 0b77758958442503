/**
 * Benchmark of the microsimulation: 1,000,000 patients × 120 months of the default template
 * (remission 0.3, relapse 0.1, deathActive 0.05, deathRemission 0.01, deathRelapse 0.05 per
 * year), one core. Reports the median of several runs after a warm-up run (which lets V8 optimise
 * the hot loop), in milliseconds, against the 1 s budget. The frozen version-1 sampler (old links)
 * is timed in the same runs, alternating with the current one, and the ratio of the medians has
 * the budget of 1.3 (issue 11: patient clocks may cost at most 30% more).
 */

import { simulateCohort } from '../../src/model/simulate/microsim';
import { buildModel, DEFAULT_TEMPLATE_OPTIONS } from '../../src/model/markov/template';

/** One measured quantity and its budget (same unit). */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  budget: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Times `simulateCohort` on 10⁶ patients × 120 months (default template rates): median of
 * `runs` (default 5) runs after one warm-up, in ms, with the 1000 ms budget.
 */
export function benchMicrosim(runs = 5): BenchResult[] {
  const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, {
    remission: [0.3],
    relapse: [0.1],
    deathActive: [0.05],
    deathRemission: [0.01],
    deathRelapse: [0.05],
  });
  const options = { n: 1_000_000, horizonMonths: 120, seed: 'bench' };
  const v1 = { ...options, sampler: 1 as const };
  simulateCohort(spec, options); // warm-up
  simulateCohort(spec, v1);
  const times: number[] = [];
  const timesV1: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    simulateCohort(spec, options);
    times.push(performance.now() - t0);
    const t1 = performance.now();
    simulateCohort(spec, v1);
    timesV1.push(performance.now() - t1);
  }
  const withDesign = {
    ...options,
    design: { accrualMonths: 36, cutoffMonths: 60, lossPerYear: 0.1 },
  };
  simulateCohort(spec, withDesign);
  const designTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    simulateCohort(spec, withDesign);
    designTimes.push(performance.now() - t0);
  }
  return [
    { name: 'microsim 1e6 patients × 120 months', value: median(times), unit: 'ms', budget: 1000 },
    {
      name: 'microsim 1e6 × 120 months, frozen sampler v1 (old links)',
      value: median(timesV1),
      unit: 'ms',
      budget: 1000,
    },
    {
      name: 'microsim time ratio: current sampler / sampler v1',
      value: median(times) / median(timesV1),
      unit: '×',
      budget: 1.3,
    },
    {
      name: 'microsim 1e6 × 120 months with study design (censoring)',
      value: median(designTimes),
      unit: 'ms',
      budget: 1000,
    },
  ];
}
