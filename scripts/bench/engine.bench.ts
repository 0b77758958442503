/**
 * Benchmarks of the simulation engine in Node (one core): the random stream, the microsimulation
 * (draws, patient-years, scaling over cohort sizes, memory per patient) and Kaplan–Meier on a
 * million rows. Every time is a median after warm-up runs, so V8 has optimised the hot loops.
 *
 * The model is the default four-state template (6 expanded states: the dead state is split by
 * history) with remission 0.3, relapse 0.1, deathActive 0.05, deathRemission 0.01, deathRelapse
 * 0.05 per year, simulated for 10 years (120 months), everyone followed to the horizon. Times are
 * CPU time of this process (`timeMs` in benchRow.ts), so neighbours on a shared machine do not
 * inflate them.
 */
import { estimateCurves, monthlyGrid } from '../../src/model/estimate/curves';
import { kaplanMeier } from '../../src/model/estimate/kaplanMeier';
import { overallSurvivalData } from '../../src/model/estimate/cohortQueries';
import { buildModel, DEFAULT_TEMPLATE_OPTIONS } from '../../src/model/markov/template';
import { simulateCohort } from '../../src/model/simulate/microsim';
import { createStream } from '../../src/model/simulate/random';
import { cohortBytes } from '../../src/model/simulate/memory';
import type { Cohort, ModelSpec } from '../../src/model/types';
import { median, timeMs } from './benchRow';

/** The benchmark model (rates per year). */
export function benchSpec(): ModelSpec {
  return buildModel(DEFAULT_TEMPLATE_OPTIONS, {
    remission: [0.3],
    relapse: [0.1],
    deathActive: [0.05],
    deathRemission: [0.01],
    deathRelapse: [0.05],
  });
}

/** Ten years, in months: the horizon of every engine figure here. */
export const HORIZON_MONTHS = 120;

/** Uniform draws per second through `createStream(...).next()` (the API every caller uses). */
function rngDrawsPerSec(): number {
  const draws = 10_000_000;
  const ms = timeMs(
    () => {
      const s = createStream('bench', 'rng');
      let acc = 0;
      for (let i = 0; i < draws; i++) acc += s.next();
      return acc;
    },
    5,
    1,
  );
  return draws / (ms / 1000);
}

/**
 * The number of unit exponentials (patient clocks) `simulateCohort` computed for a cohort of a
 * model without breakpoints, everyone followed to the horizon: sampler version 2 computes one
 * clock per possible destination at every stay in a state that has a live exit (see microsim.ts),
 * whether the patient leaves the state or stays to the horizon.
 */
export function drawsUsed(cohort: Cohort, spec: ModelSpec): number {
  if (spec.breakpoints.length > 0) throw new Error('drawsUsed: only for models without pieces');
  const destinations = new Array<number>(spec.states.length).fill(0);
  const live = new Array<boolean>(spec.states.length).fill(false);
  for (const tr of spec.transitions) {
    destinations[tr.from]!++;
    if (tr.ratesPerYear[0]! > 0) live[tr.from] = true;
  }
  let draws = 0;
  for (let p = 0; p < cohort.n; p++) {
    const end = cohort.offsets[p + 1]!;
    for (let e = cohort.offsets[p]!; e < end; e++) {
      const s = cohort.eventState[e]!;
      if (live[s]) draws += destinations[s]!;
    }
  }
  return draws;
}

/** What `benchEngine` measures (keys as in `npm run bench -- --json`). */
export interface EngineFigures {
  rngDrawsPerSec: number;
  simDrawsPerSec: number;
  simPatientYearsPerSec: number;
  /** Milliseconds per cohort of each size × 10 years, and whether time grows linearly. */
  scaling: {
    patients: number[];
    ms: number[];
    nsPerPatient: number[];
    /** Largest ÷ smallest ns per patient over 1e4..1e6 (1e3 is too short to time well). */
    spread: number;
    linear: boolean;
  };
  bytesPerPatient: number;
  /** Milliseconds of 1e6 × 120 months (the same run as the scaling's last point). */
  microsimMsPer1e6: number;
  /** The same cohort drawn by the frozen sampler version 1 (links made before issue 11). */
  microsimV1MsPer1e6: number;
  /** Current sampler ÷ sampler v1, timed alternately in the same run (budget 1.3, issue 11). */
  samplerRatio: number;
  kaplanMeierMsPer1e6: number;
  /**
   * Every curve the app draws from one cohort (Kaplan–Meier, Aalen–Johansen, prevalences on the
   * monthly grid) for 1e6 patients × 120 months: what the worker adds to the simulation for a
   * million-patient trial.
   */
  curvesMsPer1e6: number;
}

/** Runs the engine benchmarks (about 15 s on the 2-core machine). */
export function benchEngine(): EngineFigures {
  const spec = benchSpec();
  const rng = rngDrawsPerSec();

  const sizes = [1_000, 10_000, 100_000, 1_000_000];
  const ms: number[] = [];
  for (const n of sizes) {
    const options = { n, horizonMonths: HORIZON_MONTHS, seed: 'bench' };
    // More runs of the small sizes, so each size is timed over a similar total time.
    const runs = n >= 1_000_000 ? 5 : n >= 100_000 ? 9 : 25;
    ms.push(timeMs(() => simulateCohort(spec, options), runs, n >= 1_000_000 ? 1 : 3));
  }
  const nsPerPatient = ms.map((m, i) => (m * 1e6) / sizes[i]!);
  const measured = nsPerPatient.slice(1);
  const spread = Math.max(...measured) / Math.min(...measured);

  // The two samplers timed alternately, so a change of load hits both alike.
  const million = { n: 1_000_000, horizonMonths: HORIZON_MONTHS, seed: 'bench' };
  const v2Ms: number[] = [];
  const v1Ms: number[] = [];
  for (let i = 0; i < 3; i++) {
    v2Ms.push(timeMs(() => simulateCohort(spec, million), 1, 0));
    v1Ms.push(timeMs(() => simulateCohort(spec, { ...million, sampler: 1 }), 1, 0));
  }

  const big = simulateCohort(spec, million);
  const bigMs = ms[ms.length - 1]!;
  const draws = drawsUsed(big, spec);

  const os = overallSurvivalData(big, spec);
  const kmMs = timeMs(() => kaplanMeier(os.time, os.event), 5, 1);
  const grid = monthlyGrid(HORIZON_MONTHS);
  const curvesMs = timeMs(() => estimateCurves(big, spec, grid), 3, 1);

  return {
    rngDrawsPerSec: rng,
    simDrawsPerSec: draws / (bigMs / 1000),
    simPatientYearsPerSec: (big.n * (HORIZON_MONTHS / 12)) / (bigMs / 1000),
    scaling: {
      patients: sizes,
      ms,
      nsPerPatient,
      spread,
      // Linear: the cost per patient stays within a factor 1.5 from 1e4 to 1e6 patients.
      linear: spread <= 1.5,
    },
    bytesPerPatient: cohortBytes(big) / big.n,
    microsimMsPer1e6: bigMs,
    microsimV1MsPer1e6: median(v1Ms),
    samplerRatio: median(v2Ms) / median(v1Ms),
    kaplanMeierMsPer1e6: kmMs,
    curvesMsPer1e6: curvesMs,
  };
}
