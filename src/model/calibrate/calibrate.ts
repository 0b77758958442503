// Over 400 lines on purpose: the options, their checks and the assembly of one result; each step of the fit lives in its own file beside it.
/**
 * Calibration: published k/n targets → intensities of the template model.
 *
 * Maximises the binomial log-likelihood of the targets under the cohort model (README.md, "The
 * model, briefly"):
 *
 *     ℓ(r) = Σᵢ kᵢ·log pᵢ(r) + (nᵢ − kᵢ)·log(1 − pᵢ(r)),
 *
 * where pᵢ(r) is the model value of target i's quantity at its time (expected occupancies from
 * `occupancyAt`, turned into the paper's k/n definition by `quantityFromOccupancy`), clamped into
 * [1e-12, 1 − 1e-12] so that a target at 0% or 100% stays finite. A weak normal prior on each
 * log-intensity (centre `CALIBRATION_DEFAULTS`, SD `priorSdLog`) is added to −ℓ: it settles the
 * directions the targets leave free (four 5-year figures cannot separate three death rates) and
 * keeps rates that the MLE would push to 0 from drifting along a flat valley. It is weak: with
 * 81 patients it moves a well-determined rate by far less than its standard error.
 *
 * The pieces of the work, one file each: `variables.ts` (which intensities are fitted, tied,
 * pinned or held), `likelihood.ts` (the targets' likelihood and the prior), `optimise.ts`
 * (Nelder–Mead from several seeded starts, then restarts), `identifiability.ts` (what the targets
 * cannot tell), `fitRows.ts` (fit table and goodness of fit) and `conflicts.ts` (which targets
 * cannot be met together). This file checks the options and assembles the result.
 *
 * Units: time in months, intensities per year (see `types.ts`).
 */

import type { LogLikTerm } from './reconstructedLikelihood';
import { supportsQuantity } from '../estimate/proportions';
import {
  buildModel,
  parametersOf,
  type Intensities,
  type ParameterId,
  type TemplateOptions,
} from '../markov/template';
import { createStream } from '../simulate/random';
import type { Target } from '../types';
import { findConflicts } from './conflicts';
import { fitRows, statistics, tooLarge, type FitRow, type Statistics } from './fitRows';
import { dependence, weaklyIdentified } from './identifiability';
import { Problem } from './likelihood';
import { fitTargets } from './optimise';
import { drawParameterSteps, type ParameterDraws } from './parameterDraws';
import { profileIntervalSteps, type IntensityInterval } from './profile';
import { makePieces, makeVariables, PARAMETER_SET, validateTargets } from './variables';
import { runSteps } from '../numeric/runSteps';

export type { FitRow } from './fitRows';
export type { ParameterDraws } from './parameterDraws';
export type { IntensityInterval } from './profile';

/**
 * Default intensities per year: the first start, the centre of the weak prior, and the value a
 * parameter is held at when no target depends on it. Orders of magnitude from the studies'
 * figures (docs/data.md): deaths ≈ 0.03/yr (F1: 13 deaths in 81 over 5 years; E1: 5 in 87 over a mean 27 months),
 * remission ≈ 0.5/yr (between 46% ever remitted by 5 years, F5, and 72% responding by 6 months,
 * D3), relapse ≈ 0.1/yr (F6: 9 of 37 remitters over 5 years).
 */
export const CALIBRATION_DEFAULTS: Readonly<Record<ParameterId, number>> = {
  remission: 0.5,
  remissionComplete: 0.3,
  remissionPartial: 0.2,
  relapse: 0.1,
  reRemission: 0.3,
  deathActive: 0.03,
  deathRemission: 0.01,
  deathRelapse: 0.03,
};

/** Default bounds on every free intensity, per year. */
export const DEFAULT_CALIBRATION_BOUNDS: Readonly<{ min: number; max: number }> = {
  min: 1e-4,
  max: 20,
};

/** Options of {@link calibrate}. */
export interface CalibrationOptions {
  /** Structure of the template model (split remission, re-remission, breakpoints in months). */
  template: TemplateOptions;
  /** The k/n targets to fit (at least one; ids unique). */
  targets: Target[];
  /**
   * Intensities (per year) held fixed, per parameter and per time piece. Each array has one entry
   * per piece (`template.breakpoints.length + 1`); a number ≥ 0 pins that piece, `NaN` leaves it
   * free. So `{ relapse: [0, NaN] }` with breakpoints `[6]` means "no relapse before month 6,
   * relapse fitted after", and `{ deathRelapse: [0.05] }` pins a parameter entirely. Parameters
   * not mentioned are free. @default {} (everything free)
   */
  fixed?: Intensities;
  /**
   * Groups of parameters constrained to one common value in each time piece, because the data
   * cannot tell them apart (e.g. `[['deathActive', 'deathRelapse']]`: 13 deaths not broken down
   * by disease state). Ties apply to free pieces only: a piece pinned by `fixed` keeps its value.
   * The group's default is its first member's. @default [] (no ties)
   */
  tied?: ParameterId[][];
  /**
   * Parameters whose free pieces are fitted separately; every other parameter gets one value
   * shared by all its free pieces (constant in time). Only matters when `template.breakpoints`
   * is not empty. Members of a tied group must all be listed or all be absent.
   * @default every parameter
   */
  piecewise?: ParameterId[];
  /** Number of starting points (the defaults first, then seeded random ones). @default 8 */
  starts?: number;
  /** Seed of the starting points (the result is a deterministic function of it). @default 'calibrate' */
  seed?: string;
  /** Bounds on every free intensity, per year, 0 < min < max. @default { min: 1e-4, max: 20 } */
  bounds?: { min: number; max: number };
  /**
   * Defaults per parameter (per year) replacing `CALIBRATION_DEFAULTS`: first start, prior centre,
   * value of parameters no target informs. Must lie within `bounds`. @default CALIBRATION_DEFAULTS
   */
  defaults?: Partial<Record<ParameterId, number>>;
  /**
   * SD of the weak normal prior on each free natural-log intensity (log-units; 3 ≈ a factor 20).
   * `Infinity` switches the prior off (pure maximum likelihood). @default 3
   */
  priorSdLog?: number;
  /**
   * When the fit is infeasible, search for the groups of targets that conflict (refits subsets;
   * costs a few extra fits). @default true
   */
  findConflicts?: boolean;
  /**
   * Extra log-likelihood terms added to ℓ, e.g. reconstructed patients of a digitised curve
   * (`reconstructedTerm`). They count in the fit and in which values are identified; the
   * deviance, p-value and feasibility stay those of the k/n targets. With terms, `targets` may
   * be empty. @default []
   */
  extraTerms?: LogLikTerm[];
  /**
   * Also compute a 95% profile-likelihood interval for every fitted value (`intervals` of the
   * result; `profile.ts`): a few hundred to a few thousand extra model evaluations.
   * @default false
   */
  intervals?: boolean;
  /**
   * Number of seeded intensity sets to draw from what the figures allow (`draws` of the result;
   * `parameterDraws.ts`); 0 for none. @default 0
   */
  draws?: number;
  /** Seed of the parameter draws: the scenario seed. @default `seed` */
  drawSeed?: string;
}

/** What {@link calibrate} returns. */
export interface CalibrationResult {
  /** Every parameter of the template, per year, one value per piece: fitted, fixed or held. */
  intensities: Intensities;
  /** Binomial log-likelihood ℓ at the fit (without the prior), in nats. */
  logLik: number;
  /** The weak prior's penalty at the fit (½ Σ ((log r − log default)/SD)²); 0 without prior. */
  penalty: number;
  /** Saturated log-likelihood (every target at its observed k/n). */
  logLikSaturated: number;
  /** Deviance 2(ℓ_sat − ℓ) ≥ 0. */
  deviance: number;
  /**
   * Degrees of freedom of the deviance: #targets − #fitted values they inform, at least 0. At 0
   * there are as many fitted values as targets (or more): nothing is left to test the fit with.
   */
  df: number;
  /**
   * P(χ²_df ≥ deviance): small means the targets disagree with the model (or each other). `null`
   * when `df` is 0: the deviance then has no reference distribution, so there is no p-value.
   */
  pValue: number | null;
  /** The optimiser's polish converged (both tolerances met). */
  converged: boolean;
  /** Nelder–Mead iterations over all starts and the polish. */
  iterations: number;
  /** Model evaluations over all starts and the polish (not counting the conflict search). */
  evaluations: number;
  /**
   * Model evaluations in total (main fit, identifiability checks, Fisher information and the
   * conflict search): the cost of the whole call.
   */
  modelEvaluations: number;
  /** How many starts ended within 0.01 of the best objective (a check on multimodality). */
  startsAtBest: number;
  /** The fit table, in the order of `targets`. */
  fit: FitRow[];
  /** False when some target lies outside its Wilson interval AND the deviance is too large. */
  feasible: boolean;
  /**
   * Groups of target ids that cannot be met together (each a minimal infeasible subset found by a
   * deletion filter); empty when feasible.
   */
  conflicts: string[][];
  /**
   * The fitted values (one per optimised number), named `parameter` — one piece, or one value for
   * all pieces of a parameter that is not `piecewise` — or `parameter[i]` (piece i, 1-based);
   * a tied group is named by its members joined with `=`, e.g. `deathActive=deathRelapse`.
   */
  free: string[];
  /** Values no target depends on: not fitted, held at their default. Same naming as `free`. */
  unidentified: string[];
  /**
   * Fitted values the targets barely inform: their posterior SD on the log scale is more than
   * half the prior SD, so the prior (the default) largely decides them. Same naming as `free`.
   */
  weaklyIdentified: string[];
  /**
   * Fitted values that ended at a bound (within 1% of `bounds.min` or `bounds.max`): the
   * likelihood wants them at 0 or at "instantaneous", which usually means the structure or the
   * targets leave them free (the prior off) or force an extreme.
   */
  atBounds: string[];
  /** A readable summary: fit quality, outside targets, conflicts, unidentified pieces. */
  message: string;
  /** Each extra term's log-likelihood at the fit (nats), in the order given. */
  extraLogLik: { id: string; label: string; logLik: number }[];
  /** 95% profile-likelihood intervals of the fitted values, in the order of `free` (null unless asked). */
  intervals: IntensityInterval[] | null;
  /** Seeded intensity sets drawn from what the figures allow (null unless asked). */
  draws: ParameterDraws | null;
}

/**
 * Calibrates the template's intensities to k/n targets by penalised maximum likelihood (see the
 * module comment), checks feasibility and names conflicting targets. Target times in months,
 * intensities per year; defaults: 8 starts, seed 'calibrate', bounds 1e-4–20 per year, prior SD 3
 * log-units, conflict search on (see `CalibrationOptions`).
 *
 * Fitted values: every piece of every parameter in `parametersOf(template)` not pinned by
 * `options.fixed`, grouped by `tied` and `piecewise` (see their docs), minus those no target
 * depends on (held at their default and listed in `unidentified`). Feasibility: infeasible when
 * some fitted model value lies outside its target's Wilson 95% interval and the deviance
 * 2(ℓ_sat − ℓ) is too large to be chance (`tooLarge` in fitRows.ts). Then, unless
 * `findConflicts` is false, a deletion filter refits
 * subsets to find minimal groups of targets that cannot be met together.
 *
 * @throws Error naming the field when options or targets are invalid (ids, k, n, time, fixed).
 */
export function calibrate(options: CalibrationOptions): CalibrationResult {
  return runSteps(calibrateSteps(options));
}

/** Where a calibration is: the fit, the profile intervals (per value) or the draws (proposals). */
export interface CalibrationStep {
  stage: 'fit' | 'intervals' | 'draws';
  done: number;
  total: number;
}

/**
 * {@link calibrate} in steps: yields after the fit, after every refit of the profile intervals
 * and every batch of weighed proposals, so a worker can run it between other work and drop it
 * when a newer request comes (each step is a few model evaluations to a few hundred).
 */
export function* calibrateSteps(
  options: CalibrationOptions,
): Generator<CalibrationStep, CalibrationResult> {
  const { template, targets } = options;
  const extra = options.extraTerms ?? [];
  if (targets.length > 0 || extra.length === 0) validateTargets(targets);
  const bounds = options.bounds ?? DEFAULT_CALIBRATION_BOUNDS;
  if (!(bounds.min > 0 && Number.isFinite(bounds.max) && bounds.max > bounds.min)) {
    throw new Error(
      `calibrate: bounds must satisfy 0 < min < max < Infinity, got min ${bounds.min}, max ${bounds.max}.`,
    );
  }
  const starts = options.starts ?? 8;
  if (!(Number.isInteger(starts) && starts >= 1)) {
    throw new Error(`calibrate: starts must be an integer ≥ 1, got ${starts}.`);
  }
  const priorSd = options.priorSdLog ?? 3;
  if (!(priorSd > 0)) throw new Error(`calibrate: priorSdLog must be > 0, got ${priorSd}.`);
  const seed = options.seed ?? 'calibrate';

  const params = parametersOf(template);
  const nPieces = template.breakpoints.length + 1;
  const defaults = { ...CALIBRATION_DEFAULTS, ...options.defaults };
  for (const [id, v] of Object.entries(options.defaults ?? {})) {
    if (!(PARAMETER_SET.has(id) && typeof v === 'number' && v >= bounds.min && v <= bounds.max)) {
      throw new Error(
        `calibrate: defaults.${id} must be a parameter's intensity within bounds [${bounds.min}, ${bounds.max}] per year, got ${v}.`,
      );
    }
  }
  const pieces = makePieces(params, nPieces, options.fixed ?? {});
  const variables = makeVariables(
    pieces,
    params,
    nPieces,
    options.tied ?? [],
    options.piecewise ?? params,
    defaults,
    bounds,
  );
  // Quantities the structure cannot express (complete remission without the split): say which
  // target, before any fitting.
  const probe = buildModel(
    template,
    Object.fromEntries(
      params.map((id) => [
        id,
        pieces.filter((p) => p.parameter === id).map((p) => (p.fixed ? p.value : 0.1)),
      ]),
    ),
  );
  targets.forEach((t, i) => {
    if (!supportsQuantity(probe, t.quantity)) {
      const q = t.quantity;
      throw new Error(
        `calibrate: target ${i + 1} ("${t.id}"): quantity ${q.kind}${q.kind === 'inState' ? ` "${q.which}"` : ''} needs states this structure does not have` +
          (q.kind === 'inState' && (q.which === 'complete' || q.which === 'partial')
            ? ' (set template.splitRemission).'
            : '.'),
      );
    }
  });

  const problem = new Problem(template, targets, pieces, variables, bounds, priorSd, extra);
  // Structural identifiability: a value no target depends on is held at its default. Checked at
  // two unrelated points so that a coincidence at one point cannot hide a dependence.
  const rng = createStream(seed, 'calibrate', 'identify');
  const depends = dependence(problem, [
    problem.defaultLogRates(),
    problem.randomLogRates(rng, 1.5),
  ]);
  variables.forEach((v, a) => {
    if (!depends.some((row) => row[a])) v.status = 'held';
  });
  problem.refreshFree();

  const all = targets.map((_, i) => i);
  const main = fitTargets(problem, all, starts, seed, 'starts', undefined);
  const fit = fitRows(problem, main.logRates);
  const stats = statistics(problem, all, main.logRates, depends);
  const weak = weaklyIdentified(problem, main.logRates);
  const feasible = !(stats.outside.length > 0 && tooLarge(stats));

  let conflicts: string[][] = [];
  if (!feasible && (options.findConflicts ?? true)) {
    conflicts = findConflicts(problem, all, main.logRates, depends, seed).map((g) =>
      g.map((i) => targets[i]!.id),
    );
  }

  const intensities = problem.intensitiesOf(main.logRates);
  const nDraws = options.draws ?? 0;
  if (!(Number.isInteger(nDraws) && nDraws >= 0 && nDraws <= 100000)) {
    throw new Error(`calibrate: draws must be an integer in [0, 100000], got ${nDraws}.`);
  }
  yield { stage: 'fit', done: 1, total: 1 };
  let intervals: IntensityInterval[] | null = null;
  if (options.intervals) {
    const steps = profileIntervalSteps(problem, all, main.logRates, weak);
    for (let s = steps.next(); ; s = steps.next()) {
      if (s.done) {
        intervals = s.value;
        break;
      }
      yield { stage: 'intervals', ...s.value };
    }
  }
  let draws: ParameterDraws | null = null;
  if (nDraws > 0) {
    const steps = drawParameterSteps(
      problem,
      all,
      main.logRates,
      nDraws,
      options.drawSeed ?? seed,
      intervals ?? undefined,
    );
    for (let s = steps.next(); ; s = steps.next()) {
      if (s.done) {
        draws = s.value;
        break;
      }
      yield { stage: 'draws', ...s.value };
    }
  }
  const free = variables.filter((v) => v.status === 'free').map((v) => v.name);
  const atBounds = variables
    .filter((v) => {
      if (v.status !== 'free') return false;
      const r = Math.exp(main.logRates[v.pieces[0]!]!);
      return r <= bounds.min * 1.01 || r >= bounds.max / 1.01;
    })
    .map((v) => v.name);
  const unidentified = variables.filter((v) => v.status === 'held').map((v) => v.name);
  const message =
    describe({
      feasible,
      stats,
      targets,
      conflicts,
      unidentified,
      weak,
      atBounds,
      converged: main.converged,
      free,
      prior: Number.isFinite(priorSd),
    }) +
    (extra.length > 0
      ? ` Also fitted: ${extra.map((t) => t.label).join(', ')} (exact likelihood of the reconstructed patients).`
      : '');
  return {
    intensities,
    logLik: stats.logLik,
    penalty: problem.penalty(main.logRates),
    logLikSaturated: stats.logLikSaturated,
    deviance: stats.deviance,
    df: stats.df,
    pValue: stats.pValue,
    converged: main.converged,
    iterations: main.iterations,
    evaluations: main.evaluations,
    modelEvaluations: problem.evaluationCount,
    startsAtBest: main.startsAtBest,
    fit,
    feasible,
    conflicts,
    free,
    unidentified,
    weaklyIdentified: weak,
    atBounds,
    message,
    extraLogLik: extra.map((term) => ({
      id: term.id,
      label: term.label,
      logLik: term.logLik(buildModel(template, intensities)),
    })),
    intervals,
    draws,
  };
}

function describe(r: {
  feasible: boolean;
  stats: Statistics;
  targets: readonly Target[];
  conflicts: string[][];
  unidentified: string[];
  weak: string[];
  atBounds: string[];
  converged: boolean;
  free: string[];
  prior: boolean;
}): string {
  const parts: string[] = [];
  const { stats } = r;
  const nOut = stats.outside.length;
  parts.push(
    `Fitted ${r.free.length} intensit${r.free.length === 1 ? 'y' : 'ies'} to ${r.targets.length} target(s): ` +
      `deviance ${stats.deviance.toFixed(2)} on ${stats.df} df ` +
      (stats.pValue === null
        ? '(no p-value: as many fitted values as targets, nothing is left to test the fit); '
        : `(p = ${stats.pValue.toPrecision(2)}); `) +
      (nOut === 0
        ? 'every target inside its Wilson 95% interval.'
        : `${nOut} target(s) outside their Wilson 95% interval: ${stats.outside
            .map((i) => r.targets[i]!.id)
            .join(', ')}.`),
  );
  if (!r.feasible) {
    parts.push(
      r.conflicts.length > 0
        ? `Infeasible: no model of this structure meets these targets together — conflicting group(s): ${r.conflicts
            .map((g) => `{${g.join(', ')}}`)
            .join('; ')}.`
        : 'Infeasible: no model of this structure meets all targets together.',
    );
  }
  if (r.unidentified.length > 0) {
    parts.push(
      `No target depends on ${r.unidentified.join(', ')}: held at the default (not identified).`,
    );
  }
  if (r.weak.length > 0) {
    parts.push(
      `The targets barely inform ${r.weak.join(', ')} (weakly identified): ` +
        (r.prior
          ? 'their values lean on the default through the weak prior.'
          : 'a wide range of values fits about equally well.'),
    );
  }
  if (r.atBounds.length > 0) {
    parts.push(`At a bound of the allowed range: ${r.atBounds.join(', ')}.`);
  }
  if (!r.converged) parts.push('The optimiser stopped at its iteration limit (not converged).');
  return parts.join(' ');
}
