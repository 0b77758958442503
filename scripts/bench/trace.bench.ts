/**
 * Benchmarks of the cohort trace and the matrix exponential. Each figure is the median, over many
 * batches after a warm-up, of the mean CPU time per call within a batch (`process.cpuUsage`, so
 * other jobs on a shared machine do not inflate it).
 */
import { generatorMatrix } from '../../src/model/markov/generator';
import { matrixExp } from '../../src/model/markov/matrixExp';
import { DEFAULT_TEMPLATE_OPTIONS, buildModel } from '../../src/model/markov/template';
import { cohortTrace } from '../../src/model/markov/trace';

/** One benchmark figure: `value` in `unit`, to be compared with `budget` (same unit). */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  budget: number;
}

/** Median over `batches` of the mean milliseconds per call of `fn` in a batch of `perBatch`. */
function medianMs(fn: () => unknown, warmup: number, batches: number, perBatch: number): number {
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += fn() === undefined ? 0 : 1;
  const times: number[] = [];
  for (let b = 0; b < batches; b++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < perBatch; i++) sink += fn() === undefined ? 0 : 1;
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000 / perBatch);
  }
  if (sink < 0) throw new Error('unreachable'); // keeps the calls from being optimised away
  times.sort((x, y) => x - y);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Times (ms per call) the 60-month monthly cohort trace of the default template (6 expanded
 * states; budget 0.2 ms) and one 6×6 matrix exponential of its generator over one month.
 */
export function benchTrace(): BenchResult[] {
  const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, {
    remission: [0.3],
    relapse: [0.1],
    deathActive: [0.05],
    deathRemission: [0.01],
    deathRelapse: [0.05],
  });
  const q = generatorMatrix(spec, 0);
  const trace = medianMs(
    () => cohortTrace(spec, { horizonMonths: 60, stepMonths: 1 }),
    2000,
    200,
    50,
  );
  const expm = medianMs(() => matrixExp(q, 1 / 12), 2000, 200, 50);
  // A stiff one: the same generator over 60 years (‖Q·t‖₁ ≈ 40, several squarings).
  const expmLong = medianMs(() => matrixExp(q, 60), 2000, 200, 50);
  return [
    {
      name: 'cohort trace, default template, 60 months monthly',
      value: trace,
      unit: 'ms',
      budget: 0.2,
    },
    { name: 'matrixExp 6×6, one month', value: expm, unit: 'ms', budget: 0.05 },
    { name: 'matrixExp 6×6, 60 years', value: expmLong, unit: 'ms', budget: 0.1 },
  ];
}
