import {
  CURVE_IDS,
  estimateCurves,
  monthlyGrid,
  type CurveId,
  type CurveValues,
} from '../estimate/curves';
import { simulateCohort, type SamplerVersion } from './microsim';
import { bandsOf, type BandValues, type ReplicateCurves } from './replicates';
import type { ModelSpec, StudyDesign } from '../types';

/**
 * The difference between two arms (B − A) of every curve, and how much of it chance alone
 * produces: R paired replicate trials, replicate r of each arm estimated as a paper would, give
 * the 2.5–97.5% band of B − A at each grid time.
 *
 * Streams are those of simulation.ts and replicates.ts, so the pairs are the very trials whose
 * bands the arms show: arm A's replicate r draws from `seed/replicate/r`, arm B's from
 * `seed/replicate/r/B`, or from arm A's own stream with common random numbers (`crn`). With
 * common random numbers both arms see the same random draws and only the parameters differ, so
 * the difference reflects the parameters rather than two independent rolls of the dice: its band
 * is narrower (variance reduction by common random numbers; Law, Simulation Modeling and
 * Analysis, 5th ed., §11.2). The observed difference is that of the two shown cohorts
 * (`seed/cohort` and `seed/cohort/B`, or `seed/cohort` for both with `crn`).
 */

/** Options of `replicateDifference`. Times in months. */
export interface DifferenceOptions {
  /** Patients per trial in arm A. */
  nA: number;
  /** Patients per trial in arm B. */
  nB: number;
  horizonMonths: number;
  /** Number of paired trials R (integer ≥ 0). */
  replicates: number;
  seed: string;
  /** Common random numbers: arm B draws from arm A's streams. */
  crn: boolean;
  /** Output grid (months). @default monthlyGrid(horizonMonths) */
  grid?: Float64Array;
  /** Study design (censoring), the same for both arms; undefined = followed to the horizon. */
  design?: StudyDesign;
  /**
   * Curves of the two shown cohorts on `grid`, when the caller has them already (simulateScenario
   * does); otherwise both cohorts are simulated here on their documented streams.
   */
  observed?: { A: CurveValues; B: CurveValues };
  /**
   * Every replicate's curves of both arms on `grid` (R replicates each, from runReplicates with
   * `keepCurves` on the same streams), when the caller has them already: the pairs are then not
   * simulated again.
   */
  pairs?: { A: ReplicateCurves; B: ReplicateCurves };
  /** Sampler version of both arms (see microsim.ts). @default SAMPLER_VERSION */
  sampler?: SamplerVersion;
}

/** B − A of every curve: observed in the shown cohorts, and its band over paired replicates. */
export interface DifferenceSummary {
  /** Paired replicate trials R. */
  replicates: number;
  /** Whether arm B used arm A's random streams. */
  crn: boolean;
  /** Grid (months). */
  grid: Float64Array;
  /** B − A of the two shown cohorts on the grid (NaN where either arm has no value). */
  observed: CurveValues;
  /** 2.5%, 50% and 97.5% percentiles of B − A over the paired replicates (NaN: no pair had both). */
  bands: Record<CurveId, BandValues>;
}

/** B − A element by element, NaN where either is missing (fractions; grid in months). */
export function curveDifference(a: CurveValues, b: CurveValues): CurveValues {
  const out = {} as CurveValues;
  for (const id of CURVE_IDS) {
    const x = a[id];
    const y = b[id];
    const d = new Float64Array(Math.min(x.length, y.length));
    for (let g = 0; g < d.length; g++) d[g] = y[g]! - x[g]!; // NaN propagates
    out[id] = d;
  }
  return out;
}

/**
 * Paired replicate trials of two arms (specs with the same states; intensities per year, times in
 * months): for each curve and grid time, the 2.5/50/97.5% percentiles (R type 7) of B − A over R
 * pairs, and the observed B − A of the shown cohorts. Defaults: monthly grid, no design.
 */
export function replicateDifference(
  specA: ModelSpec,
  specB: ModelSpec,
  options: DifferenceOptions,
): DifferenceSummary {
  const { nA, nB, horizonMonths, replicates: R, seed, crn, design, sampler } = options;
  if (!Number.isInteger(R) || R < 0)
    throw new Error(`"replicates" must be an integer ≥ 0, got ${R}.`);
  const grid = options.grid ?? monthlyGrid(horizonMonths);
  const G = grid.length;
  const suffixB = crn ? [] : ['B'];
  const curves = (spec: ModelSpec, n: number, stream: (string | number)[]): CurveValues =>
    estimateCurves(
      simulateCohort(spec, { n, horizonMonths, seed, stream, design, sampler }),
      spec,
      grid,
    ).values;

  const shown = options.observed ?? {
    A: curves(specA, nA, ['cohort']),
    B: curves(specB, nB, ['cohort', ...suffixB]),
  };
  const observed = curveDifference(shown.A, shown.B);

  // Differences of every pair, replicate-major: diffs[id][r·G + g].
  const diffs = new Map<CurveId, Float64Array>();
  for (const id of CURVE_IDS) diffs.set(id, new Float64Array(R * G));
  const pairs = options.pairs;
  if (pairs) {
    for (const id of CURVE_IDS) {
      const a = pairs.A.get(id)!;
      const b = pairs.B.get(id)!;
      if (a.length !== R * G || b.length !== R * G) {
        throw new Error(`"pairs" must hold ${R} replicates of ${G} grid times per curve.`);
      }
      const d = diffs.get(id)!;
      for (let i = 0; i < d.length; i++) d[i] = b[i]! - a[i]!; // NaN propagates
    }
  } else {
    for (let r = 0; r < R; r++) {
      const a = curves(specA, nA, ['replicate', r]);
      const b = curves(specB, nB, ['replicate', r, ...suffixB]);
      const d = curveDifference(a, b);
      for (const id of CURVE_IDS) diffs.get(id)!.set(d[id].subarray(0, G), r * G);
    }
  }

  const bands = bandsOf(diffs, R, G);
  return { replicates: R, crn, grid, observed, bands };
}
