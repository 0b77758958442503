/**
 * Benchmark of the replicate trials behind the curve bands: 200 trials of 81 patients under the
 * fitted Stem Cell Reports 2018 model (its design: everyone followed 60 months), each estimated
 * on the 60-month monthly grid (Kaplan–Meier survival, Aalen–Johansen remission and relapse,
 * 1 − KM relapse, prevalences) and summarised into 2.5/50/97.5% bands. Budget: 50 ms in Node
 * (issue 3). The 4-state 60-month monthly trace is timed in trace.bench.ts, not here.
 */
import { followup2018 } from '../../src/data/followup2018';
import { monthlyGrid } from '../../src/model/estimate/curves';
import { runReplicates } from '../../src/model/simulate/replicates';
import { buildModel } from '../../src/model/markov/template';
import { benchRow, timeMs, type BenchRow } from './benchRow';

/**
 * Times `runReplicates` (R = 200, n = 81, 60 months): median CPU milliseconds of `runs` (default 15)
 * runs after `warmup` (default 3) untimed ones, against the 50 ms budget.
 */
export function benchReplicates(runs = 15, warmup = 3): BenchRow[] {
  const fitted = followup2018.fitted;
  if (!fitted) throw new Error('The 2018 preset has no fitted intensities.');
  const spec = buildModel(followup2018.template, fitted);
  const options = {
    n: followup2018.design.n,
    horizonMonths: 60,
    replicates: 200,
    seed: 'bench',
    grid: monthlyGrid(60),
    design: followup2018.design.studyDesign,
  };
  const ms = timeMs(() => runReplicates(spec, options).bands.os.median[60], runs, warmup);
  return [
    benchRow('replicates: 200 trials × 81 patients with KM/AJ curves, 60 months', ms, 'ms', 50),
  ];
}
