import { quantileSorted } from 'd3-array';
import { CURVE_IDS, estimateCurves, type CurveId } from '../estimate/curves';
import { simulateCohort, type SamplerVersion } from './microsim';
import { crudeProportion, supportsQuantity } from '../estimate/proportions';
import type { ModelSpec, StudyDesign, Target } from '../types';
import { runSteps } from '../numeric/runSteps';

/**
 * Replicate trials: R independent cohorts of the study's size, each estimated as the paper
 * would, give the spread a trial of that size shows by chance alone. Replicate r draws from the
 * stream `seed / replicate / r` (with the arm appended for arm B, unless common random numbers),
 * so changing R adds or drops whole trials without reshuffling the others.
 */

/**
 * Sample quantile of sorted values by d3-array's `quantileSorted`, which is R's default (type 7:
 * linear interpolation between order statistics, Hyndman & Fan 1996); NaN for an empty sample.
 */
// d3 reads only `length` and indices, so a sorted Float64Array serves (its types ask for an Array).
const quantile = (sorted: ArrayLike<number>, p: number): number =>
  quantileSorted(sorted as number[], p) ?? NaN;

/**
 * Per grid time, the 2.5%, 50% and 97.5% percentiles of each curve across R replicates, from
 * values stored replicate-major (`values.get(id)[r·G + g]`); NaNs (empty denominators) are left
 * out of each time's sample.
 */
export function bandsOf(
  values: ReplicateCurves,
  R: number,
  G: number,
): Record<CurveId, BandValues> {
  const column = new Float64Array(R);
  const bands = {} as Record<CurveId, BandValues>;
  for (const id of CURVE_IDS) {
    const all = values.get(id)!;
    const b: BandValues = {
      lower: new Float64Array(G),
      median: new Float64Array(G),
      upper: new Float64Array(G),
    };
    for (let g = 0; g < G; g++) {
      let m = 0;
      for (let r = 0; r < R; r++) {
        const v = all[r * G + g]!;
        if (!Number.isNaN(v)) column[m++] = v;
      }
      const sorted = column.subarray(0, m).sort();
      b.lower[g] = quantile(sorted, 0.025);
      b.median[g] = quantile(sorted, 0.5);
      b.upper[g] = quantile(sorted, 0.975);
    }
    bands[id] = b;
  }
  return bands;
}

/** 2.5%, 50% and 97.5% percentiles per grid time in months (NaN where no replicate had a value). */
export interface BandValues {
  lower: Float64Array;
  median: Float64Array;
  upper: Float64Array;
}

/** The distribution of one target's crude proportion across replicate trials. */
export interface TargetDistribution {
  id: string;
  lower: number;
  median: number;
  upper: number;
  /** Replicates where the proportion could be computed (denominator > 0). */
  count: number;
}

/** Summary of R replicate trials: a band per curve on `grid` (months), a distribution per target. */
export interface ReplicateSummary {
  replicates: number;
  grid: Float64Array;
  bands: Record<CurveId, BandValues>;
  targets: TargetDistribution[];
  /** Every replicate's curves, only with `keepCurves`. */
  curves?: ReplicateCurves;
}

/** Options of `runReplicates`. Times in months. */
export interface ReplicateOptions {
  /** Patients per trial. */
  n: number;
  horizonMonths: number;
  /** Number of trials. */
  replicates: number;
  seed: string;
  /** Output grid (months). */
  grid: Float64Array;
  /** Study design (censoring); undefined = everyone followed to the horizon. */
  design?: StudyDesign;
  /** Targets whose crude proportions to collect. @default [] */
  targets?: Target[];
  /** Extra stream path (e.g. ['B'] for arm B). @default [] */
  streamSuffix?: (string | number)[];
  /** Also return every replicate's curves (`curves`), e.g. to pair two arms. @default false */
  keepCurves?: boolean;
  /** Sampler version (see microsim.ts). @default SAMPLER_VERSION */
  sampler?: SamplerVersion;
}

/** Every replicate's curves on the grid, replicate-major: `get(id)[r·G + g]`. */
export type ReplicateCurves = ReadonlyMap<CurveId, Float64Array>;

/** Progress of `replicateSteps` after a batch: `done` of `total` replicates simulated. */
export interface ReplicateProgress {
  done: number;
  total: number;
  /** The summary of the first `done` replicates (computed only when called). */
  summary: () => ReplicateSummary;
}

/**
 * Runs R replicate trials and returns, for every curve, the 2.5–97.5% band (and median) at each
 * grid time (months), and for every target the band of its crude proportion. Defaults: no
 * targets, no stream suffix (arm A), no design (everyone followed to the horizon).
 */
export function runReplicates(spec: ModelSpec, options: ReplicateOptions): ReplicateSummary {
  return runSteps(replicateSteps(spec, options, Infinity));
}

/**
 * `runReplicates` in batches of `batch` replicates: yields after each batch (so a caller can
 * stop between batches, or show the bands of the replicates so far) and returns the summary.
 * The replicates and their streams are the same whatever the batch size.
 */
export function* replicateSteps(
  spec: ModelSpec,
  options: ReplicateOptions,
  batch: number,
): Generator<ReplicateProgress, ReplicateSummary, void> {
  const { n, horizonMonths, replicates: R, seed, grid, design } = options;
  if (!Number.isInteger(R) || R < 0)
    throw new Error(`"replicates" must be an integer ≥ 0, got ${R}.`);
  const targets = (options.targets ?? []).filter((t) => supportsQuantity(spec, t.quantity));
  const G = grid.length;
  const store = new Map<CurveId, Float64Array>();
  for (const id of CURVE_IDS) store.set(id, new Float64Array(R * G));
  const targetValues = targets.map(() => new Float64Array(R).fill(NaN));
  const suffix = options.streamSuffix ?? [];

  // The summary of the first k replicates (the store is replicate-major, so they come first).
  const summarise = (k: number): ReplicateSummary => {
    const bands = bandsOf(store, k, G);
    const targetDist = targets.map((t, i): TargetDistribution => {
      const vals = targetValues[i]!.subarray(0, k)
        .filter((v) => !Number.isNaN(v))
        .sort();
      return {
        id: t.id,
        lower: quantile(vals, 0.025),
        median: quantile(vals, 0.5),
        upper: quantile(vals, 0.975),
        count: vals.length,
      };
    });
    return { replicates: k, grid, bands, targets: targetDist };
  };

  for (let r = 0; r < R; r++) {
    const cohort = simulateCohort(spec, {
      n,
      horizonMonths,
      seed,
      stream: ['replicate', r, ...suffix],
      design,
      sampler: options.sampler,
    });
    const est = estimateCurves(cohort, spec, grid);
    for (const id of CURVE_IDS) store.get(id)!.set(est.values[id], r * G);
    targets.forEach((t, i) => {
      if (t.time > horizonMonths) return;
      const p = crudeProportion(cohort, spec, t.quantity, t.time);
      if (!p.empty) targetValues[i]![r] = p.value;
    });
    const done = r + 1;
    if (done < R && done % batch === 0) yield { done, total: R, summary: () => summarise(done) };
  }

  const summary = summarise(R);
  if (options.keepCurves) summary.curves = store;
  return summary;
}
