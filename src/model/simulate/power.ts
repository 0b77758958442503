import { ENDPOINT_IDS, endpointData, stackArms, type EndpointId } from '../estimate/armComparison';
import { logRank } from '../estimate/logRank';
import { rejectionShare, type PowerEstimate } from '../estimate/power';
import { simulateCohort, type SamplerVersion } from './microsim';
import type { ModelSpec, StudyDesign } from '../types';

/**
 * Power of a two-arm trial by simulation: R replicate pairs of trials, the log-rank test of each
 * pair, and the share that reaches p < α (with its Wilson interval as Monte Carlo uncertainty).
 *
 * The two arms of a pair are always independent patients (arm A from `seed/replicate/r`, arm B
 * from `seed/replicate/r/B`, the streams of the arms' own replicate bands): power is about real
 * trials, whose arms are different people. Common random numbers (the same patients under each
 * treatment) would make the log-rank test meaningless, so they are never used here.
 *
 * Power against n per arm reuses the same pairs: the first n patients of a stream are the
 * patients of a trial of n (random.ts), so every size is simulated once at the largest size and
 * cut, and power at a larger n is that of the same trials with more patients added.
 */

/** Options of `replicatePower` and `powerByArmSize`. Times in months. */
export interface PowerOptions {
  horizonMonths: number;
  /** Replicate pairs R (integer ≥ 0). */
  replicates: number;
  seed: string;
  /** Study design (censoring), the same for both arms; undefined = followed to the horizon. */
  design?: StudyDesign;
  /** Two-sided level of the log-rank test. @default 0.05 */
  alpha?: number;
  /** Sampler version (the scenario's, see microsim.ts). @default SAMPLER_VERSION */
  sampler?: SamplerVersion;
}

/** Power per endpoint (log-rank p < α over the replicate pairs). */
export type EndpointPower = Record<EndpointId, PowerEstimate>;

/**
 * Log-rank p-values of every replicate pair for each endpoint, for each of `sizes` (patients
 * per arm as [nA, nB] pairs): `p[size index][endpoint][r]`.
 */
function pairPValues(
  specA: ModelSpec,
  specB: ModelSpec,
  sizes: readonly [number, number][],
  options: PowerOptions,
): Record<EndpointId, Float64Array>[] {
  const { horizonMonths, replicates: R, seed, design, sampler } = options;
  if (!Number.isInteger(R) || R < 0) {
    throw new Error(`"replicates" must be an integer ≥ 0, got ${R}.`);
  }
  for (const [nA, nB] of sizes) {
    if (!Number.isInteger(nA) || nA < 1 || !Number.isInteger(nB) || nB < 1) {
      throw new Error(`Patients per arm must be integers ≥ 1, got ${nA} and ${nB}.`);
    }
  }
  const maxA = Math.max(...sizes.map((s) => s[0]));
  const maxB = Math.max(...sizes.map((s) => s[1]));
  const out = sizes.map(() => {
    const rec = {} as Record<EndpointId, Float64Array>;
    for (const id of ENDPOINT_IDS) rec[id] = new Float64Array(R);
    return rec;
  });
  for (let r = 0; r < R; r++) {
    const common = { horizonMonths, seed, design, sampler };
    const cohortA = simulateCohort(specA, { ...common, n: maxA, stream: ['replicate', r] });
    const cohortB = simulateCohort(specB, { ...common, n: maxB, stream: ['replicate', r, 'B'] });
    for (const id of ENDPOINT_IDS) {
      const a = endpointData(cohortA, specA, id);
      const b = endpointData(cohortB, specB, id);
      sizes.forEach(([nA, nB], k) => {
        const s = stackArms(
          { time: a.time.subarray(0, nA), event: a.event.subarray(0, nA) },
          { time: b.time.subarray(0, nB), event: b.event.subarray(0, nB) },
        );
        out[k]![id][r] = logRank(s.time, s.event, s.group).pValue;
      });
    }
  }
  return out;
}

/**
 * Power of a trial of nA vs nB patients: per endpoint, the share of R independent replicate
 * pairs whose log-rank p-value is below α, with its Wilson 95% interval.
 */
export function replicatePower(
  specA: ModelSpec,
  specB: ModelSpec,
  nA: number,
  nB: number,
  options: PowerOptions,
): EndpointPower {
  const [p] = pairPValues(specA, specB, [[nA, nB]], options);
  const out = {} as EndpointPower;
  for (const id of ENDPOINT_IDS) out[id] = rejectionShare(p![id], options.alpha);
  return out;
}

/** Power against the number of patients per arm (the same n in both arms). */
export interface PowerCurve {
  /** Patients per arm. */
  sizes: number[];
  /** Power at each size, per endpoint. */
  power: Record<EndpointId, PowerEstimate[]>;
}

/**
 * Power of trials with n patients in each arm, for each n of `sizes` (integers ≥ 1), over the
 * same R replicate pairs (nested: a larger trial adds patients to the smaller one's).
 */
export function powerByArmSize(
  specA: ModelSpec,
  specB: ModelSpec,
  sizes: readonly number[],
  options: PowerOptions,
): PowerCurve {
  const p = pairPValues(
    specA,
    specB,
    sizes.map((n) => [n, n] as [number, number]),
    options,
  );
  const power = {} as Record<EndpointId, PowerEstimate[]>;
  for (const id of ENDPOINT_IDS) power[id] = p.map((rec) => rejectionShare(rec[id], options.alpha));
  return { sizes: [...sizes], power };
}

/**
 * The sizes per arm a power curve shows: a ladder from 10 to 500 patients per arm, with the
 * trial's own arm sizes added, increasing and without repeats.
 */
export function powerCurveSizes(...trialSizes: number[]): number[] {
  const ladder = [10, 20, 30, 50, 75, 100, 150, 200, 300, 500];
  return [...new Set([...ladder, ...trialSizes.filter((n) => Number.isInteger(n) && n >= 1)])].sort(
    (a, b) => a - b,
  );
}
