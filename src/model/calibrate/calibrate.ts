/**
 * Calibration: published k/n targets → intensities of the template model.
 *
 * Maximises the binomial log-likelihood of the targets under the cohort model (DESIGN.md,
 * "Calibration"):
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
 * Optimisation is Nelder–Mead (`nelderMead.ts`) over u, where each free log-intensity is a
 * logistic function of u between the log bounds — smooth, unconstrained, and never outside the
 * bounds:
 *
 *     log r = log rMin + (log rMax − log rMin) / (1 + e^(−u)).
 *
 * Several starts (the defaults, then seeded random ones), a loose fit from each, and a polish of
 * the best by repeated restarts with a fresh simplex (the remedy for Nelder–Mead stagnating on a
 * collapsed simplex; Kelley 1999, SIAM J Optim 10:43–55).
 *
 * Units: time in months, intensities per year (see `types.ts`).
 */

import { nelderMead, type NelderMeadResult } from './nelderMead';
import { quantityFromOccupancy, supportsQuantity } from '../estimate/proportions';
import {
  buildModel,
  parametersOf,
  type Intensities,
  type ParameterId,
  type TemplateOptions,
} from '../markov/template';
import { occupancyAt } from '../markov/trace';
import type { ModelSpec, Target } from '../types';
import { wilsonInterval } from '../estimate/wilson';

/**
 * Default intensities per year: the first start, the centre of the weak prior, and the value a
 * parameter is held at when no target depends on it. Orders of magnitude from the reference
 * file: deaths ≈ 0.03/yr (F1: 13 deaths in 81 over 5 years; E1: 5 in 87 over a mean 27 months),
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
}

/** One row of the fit table. Proportions are fractions in [0, 1], not percent. */
export interface FitRow {
  /** Target id, e.g. `F1`. */
  id: string;
  /** Target label. */
  label: string;
  /** Months since transplant. */
  time: number;
  /** Numerator as published. */
  k: number;
  /** Denominator as published. */
  n: number;
  /** k/n. */
  observed: number;
  /** Wilson 95% interval, lower end. */
  lower: number;
  /** Wilson 95% interval, upper end. */
  upper: number;
  /** Model value at the fitted intensities. */
  model: number;
  /** `lower ≤ model ≤ upper`. */
  inside: boolean;
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
  /** Degrees of freedom of the deviance: #targets − #fitted values (`free.length`), at least 1. */
  df: number;
  /** P(χ²_df ≥ deviance): small means the targets disagree with the model (or each other). */
  pValue: number;
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
  /** False when some target lies outside its Wilson interval AND p < 0.001. */
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
}

/** Probabilities are clamped into [P_MIN, 1 − P_MIN] so the log-likelihood stays finite. */
const P_MIN = 1e-12;

/** A piece of a parameter (its intensity in one time piece). */
interface Piece {
  parameter: ParameterId;
  piece: number;
  /** Pinned by `options.fixed`. */
  fixed: boolean;
  /** Value per year when fixed; otherwise the default of its variable. */
  value: number;
}

/** One optimised number: the common log-intensity of one or more non-fixed pieces. */
interface Variable {
  name: string;
  /** Indices into the piece list. */
  pieces: number[];
  /** Natural log of the default, per year. */
  logDefault: number;
  /** 'free' (fitted) or 'held' (no target depends on it: stays at the default). */
  status: 'free' | 'held';
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
 * 2(ℓ_sat − ℓ) has P(χ²_df ≥ D) < 0.001, df = #targets − #fitted values (at least 1). Then, unless `findConflicts` is false, a deletion filter refits
 * subsets to find minimal groups of targets that cannot be met together.
 *
 * @throws Error naming the field when options or targets are invalid (ids, k, n, time, fixed).
 */
export function calibrate(options: CalibrationOptions): CalibrationResult {
  const { template, targets } = options;
  validateTargets(targets);
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

  const problem = new Problem(template, targets, pieces, variables, bounds, priorSd);
  // Structural identifiability: a value no target depends on is held at its default. Checked at
  // two unrelated points so that a coincidence at one point cannot hide a dependence.
  const rng = splitmix32(hashString(`${seed}\u0000identify`));
  const depends = problem.dependence([problem.defaultLogRates(), problem.randomLogRates(rng, 1.5)]);
  variables.forEach((v, a) => {
    if (!depends.some((row) => row[a])) v.status = 'held';
  });
  problem.refreshFree();

  const all = targets.map((_, i) => i);
  const main = problem.fit(all, starts, seed, undefined);
  const fit = problem.fitRows(main.logRates);
  const stats = problem.statistics(all, main.logRates, depends);
  const weak = problem.weaklyIdentified(main.logRates);
  const feasible = !(stats.outside.length > 0 && stats.pValue < 0.001);

  let conflicts: string[][] = [];
  if (!feasible && (options.findConflicts ?? true)) {
    conflicts = problem
      .conflicts(all, main.logRates, depends, seed)
      .map((g) => g.map((i) => targets[i]!.id));
  }

  const intensities = problem.intensitiesOf(main.logRates);
  const free = variables.filter((v) => v.status === 'free').map((v) => v.name);
  const atBounds = variables
    .filter((v) => {
      if (v.status !== 'free') return false;
      const r = Math.exp(main.logRates[v.pieces[0]!]!);
      return r <= bounds.min * 1.01 || r >= bounds.max / 1.01;
    })
    .map((v) => v.name);
  const unidentified = variables.filter((v) => v.status === 'held').map((v) => v.name);
  const message = describe({
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
  });
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
  };
}

const PARAMETER_SET: ReadonlySet<string> = new Set(Object.keys(CALIBRATION_DEFAULTS));

function validateTargets(targets: readonly Target[]): void {
  if (!Array.isArray(targets) || targets.length === 0) {
    throw new Error('calibrate: targets must contain at least one target.');
  }
  const seen = new Set<string>();
  targets.forEach((t, i) => {
    const where = `target ${i + 1} ("${t.id}")`;
    if (typeof t.id !== 'string' || t.id === '') {
      throw new Error(`calibrate: target ${i + 1} needs a non-empty id.`);
    }
    if (seen.has(t.id)) throw new Error(`calibrate: ${where}: id is not unique.`);
    seen.add(t.id);
    if (!Number.isInteger(t.n) || t.n <= 0) {
      throw new Error(`calibrate: ${where}: n must be an integer > 0, got ${t.n}.`);
    }
    if (!Number.isInteger(t.k) || t.k < 0 || t.k > t.n) {
      throw new Error(`calibrate: ${where}: k must be an integer with 0 ≤ k ≤ n, got ${t.k}.`);
    }
    if (!Number.isFinite(t.time) || t.time <= 0) {
      throw new Error(`calibrate: ${where}: time must be a number of months > 0, got ${t.time}.`);
    }
    const q = t.quantity;
    if (q.kind === 'newRelapses' && !(q.fromMonth >= 0 && q.fromMonth < t.time)) {
      throw new Error(
        `calibrate: ${where}: quantity.fromMonth must be ≥ 0 and < time (${t.time}), got ${q.fromMonth}.`,
      );
    }
  });
}

function makePieces(params: readonly ParameterId[], nPieces: number, fixed: Intensities): Piece[] {
  for (const key of Object.keys(fixed)) {
    if (!params.includes(key as ParameterId)) {
      throw new Error(
        `calibrate: fixed.${key} is not a parameter of this structure (${params.join(', ')}).`,
      );
    }
  }
  const out: Piece[] = [];
  for (const parameter of params) {
    const f = fixed[parameter];
    if (f && f.length !== nPieces) {
      throw new Error(
        `calibrate: fixed.${parameter} has ${f.length} piece(s); the structure has ${nPieces}.`,
      );
    }
    for (let piece = 0; piece < nPieces; piece++) {
      const v = f?.[piece];
      if (v !== undefined && !Number.isNaN(v)) {
        if (!(Number.isFinite(v) && v >= 0)) {
          throw new Error(
            `calibrate: fixed.${parameter}[${piece}] must be a finite intensity ≥ 0 per year or NaN (free), got ${v}.`,
          );
        }
        out.push({ parameter, piece, fixed: true, value: v });
      } else {
        out.push({ parameter, piece, fixed: false, value: Number.NaN });
      }
    }
  }
  return out;
}

/**
 * Groups the non-fixed pieces into optimised variables: one per (tie group or parameter) and
 * per piece when piecewise, or one for all its pieces when not. Sets each piece's default value.
 */
function makeVariables(
  pieces: Piece[],
  params: readonly ParameterId[],
  nPieces: number,
  tied: readonly (readonly ParameterId[])[],
  piecewise: readonly ParameterId[],
  defaults: Record<ParameterId, number>,
  bounds: { min: number; max: number },
): Variable[] {
  const groupOf = new Map<ParameterId, readonly ParameterId[]>();
  tied.forEach((group, g) => {
    if (!Array.isArray(group) || group.length < 2) {
      throw new Error(`calibrate: tied[${g}] must list at least two parameters.`);
    }
    for (const id of group) {
      if (!params.includes(id)) {
        throw new Error(
          `calibrate: tied[${g}]: ${id} is not a parameter of this structure (${params.join(', ')}).`,
        );
      }
      if (groupOf.has(id)) throw new Error(`calibrate: tied[${g}]: ${id} is already tied.`);
      groupOf.set(id, group);
    }
    const pw = group.map((id) => piecewise.includes(id));
    if (pw.some((x) => x !== pw[0])) {
      throw new Error(
        `calibrate: tied[${g}] (${group.join(', ')}): list all of its members in piecewise, or none.`,
      );
    }
  });
  for (const id of piecewise) {
    if (!params.includes(id)) {
      throw new Error(
        `calibrate: piecewise: ${id} is not a parameter of this structure (${params.join(', ')}).`,
      );
    }
  }
  const byKey = new Map<string, Variable>();
  const out: Variable[] = [];
  pieces.forEach((p, j) => {
    if (p.fixed) return;
    const group = groupOf.get(p.parameter) ?? [p.parameter];
    const base = group.join('=');
    const separate = nPieces > 1 && piecewise.includes(p.parameter);
    const name = separate ? `${base}[${p.piece + 1}]` : base;
    let v = byKey.get(name);
    if (!v) {
      const d = Math.min(bounds.max, Math.max(bounds.min, defaults[group[0]!]));
      v = { name, pieces: [], logDefault: Math.log(d), status: 'free' };
      byKey.set(name, v);
      out.push(v);
    }
    v.pieces.push(j);
    p.value = Math.exp(v.logDefault);
  });
  return out;
}

interface FitOutcome {
  logRates: Float64Array;
  objective: number;
  converged: boolean;
  iterations: number;
  evaluations: number;
  startsAtBest: number;
}

interface Statistics {
  logLik: number;
  logLikSaturated: number;
  deviance: number;
  df: number;
  pValue: number;
  /** Indices of targets whose model value is outside the Wilson interval. */
  outside: number[];
  /** Per-target deviance contribution 2(ℓ_sat,i − ℓ_i). */
  contributions: number[];
}

/**
 * The calibration problem: targets, pieces, and the map from log-rates of all pieces (fixed and
 * held pieces at their values) to model values.
 */
class Problem {
  private readonly times: number[];
  /** For each target, the index of its time (and of `fromMonth`, or -1) in `times`. */
  private readonly timeIndex: number[];
  private readonly fromIndex: number[];
  private readonly intervals: { lower: number; upper: number }[];
  /** Indices (into `variables`) of the fitted variables, in order: the optimiser's coordinates. */
  private freeVars: number[] = [];
  private readonly logMin: number;
  private readonly logMax: number;
  private readonly logDefault: Float64Array;
  /** Calls of `values` so far (each one model build and one occupancy per distinct time). */
  evaluationCount = 0;

  constructor(
    private readonly template: TemplateOptions,
    private readonly targets: readonly Target[],
    private readonly pieces: Piece[],
    private readonly variables: Variable[],
    bounds: { min: number; max: number },
    private readonly priorSd: number,
  ) {
    // Distinct times: each is evaluated once per model evaluation (shared by every target there).
    const times = new Set<number>();
    for (const t of targets) {
      times.add(t.time);
      if (t.quantity.kind === 'newRelapses') times.add(t.quantity.fromMonth);
    }
    this.times = [...times].sort((a, b) => a - b);
    this.timeIndex = targets.map((t) => this.times.indexOf(t.time));
    this.fromIndex = targets.map((t) =>
      t.quantity.kind === 'newRelapses' ? this.times.indexOf(t.quantity.fromMonth) : -1,
    );
    this.intervals = targets.map((t) => wilsonInterval(t.k, t.n));
    this.logMin = Math.log(bounds.min);
    this.logMax = Math.log(bounds.max);
    this.logDefault = Float64Array.from(pieces, (p) => Math.log(p.value));
    this.refreshFree();
  }

  refreshFree(): void {
    this.freeVars = [];
    this.variables.forEach((v, a) => {
      if (v.status === 'free') this.freeVars.push(a);
    });
  }

  /** Sets every piece of variable `a` to the log-rate `x`. */
  private setVar(logRates: Float64Array, a: number, x: number): void {
    for (const j of this.variables[a]!.pieces) logRates[j] = x;
  }

  /** The log-rate of variable `a` (that of its first piece). */
  private getVar(logRates: Float64Array, a: number): number {
    return logRates[this.variables[a]!.pieces[0]!]!;
  }

  /** Log-rates with every piece at its default (fixed pieces: their value; log 0 = −∞). */
  defaultLogRates(): Float64Array {
    return Float64Array.from(this.logDefault);
  }

  /** Defaults with free variables moved by U(−spread, spread) on the log scale, in bounds. */
  randomLogRates(rng: () => number, spread: number): Float64Array {
    const x = this.defaultLogRates();
    for (const a of this.freeVars) {
      const v = this.variables[a]!.logDefault + (2 * rng() - 1) * spread;
      this.setVar(x, a, Math.min(this.logMax - 0.05, Math.max(this.logMin + 0.05, v)));
    }
    return x;
  }

  intensitiesOf(logRates: Float64Array): Intensities {
    const out: Intensities = {};
    this.pieces.forEach((p, j) => {
      const arr = (out[p.parameter] ??= []);
      arr[p.piece] = p.fixed ? p.value : Math.exp(logRates[j]!);
    });
    return out;
  }

  /** Model values of the chosen targets (all when `subset` is undefined) at these log-rates. */
  values(logRates: Float64Array, subset?: readonly number[]): Float64Array {
    this.evaluationCount++;
    const spec: ModelSpec = buildModel(this.template, this.intensitiesOf(logRates));
    const idx = subset ?? this.targets.map((_, i) => i);
    // Occupancy at each needed distinct time, computed once (cache per time).
    const occ: (Float64Array | undefined)[] = new Array(this.times.length);
    const at = (ti: number): Float64Array => (occ[ti] ??= occupancyAt(spec, this.times[ti]!));
    const out = new Float64Array(this.targets.length).fill(Number.NaN);
    for (const i of idx) {
      const t = this.targets[i]!;
      const fi = this.fromIndex[i]!;
      out[i] = quantityFromOccupancy(
        spec,
        at(this.timeIndex[i]!),
        fi >= 0 ? at(fi) : undefined,
        t.quantity,
      );
    }
    return out;
  }

  logLik(values: Float64Array, subset: readonly number[]): number {
    let ll = 0;
    for (const i of subset) {
      const t = this.targets[i]!;
      const v = values[i]!;
      if (!Number.isFinite(v)) return Number.NEGATIVE_INFINITY;
      const p = Math.min(1 - P_MIN, Math.max(P_MIN, v));
      ll += t.k * Math.log(p) + (t.n - t.k) * Math.log(1 - p);
    }
    return ll;
  }

  /** ½ Σ over fitted variables of ((log r − log default)/SD)². */
  penalty(logRates: Float64Array): number {
    if (!Number.isFinite(this.priorSd)) return 0;
    let s = 0;
    for (const a of this.freeVars) {
      const d = (this.getVar(logRates, a) - this.variables[a]!.logDefault) / this.priorSd;
      s += d * d;
    }
    return s / 2;
  }

  private toU(logRates: Float64Array): number[] {
    const span = this.logMax - this.logMin;
    return this.freeVars.map((a) => {
      const f = Math.min(1 - 1e-9, Math.max(1e-9, (this.getVar(logRates, a) - this.logMin) / span));
      return Math.log(f / (1 - f));
    });
  }

  private fromU(u: ArrayLike<number>, into: Float64Array): Float64Array {
    const span = this.logMax - this.logMin;
    this.freeVars.forEach((a, k) => {
      this.setVar(into, a, this.logMin + span / (1 + Math.exp(-u[k]!)));
    });
    return into;
  }

  /**
   * Minimises −ℓ + penalty over the free pieces for the targets `subset`: a loose Nelder–Mead
   * run from each start, then a polish of the best by restarts until the objective stops
   * improving. `warm` (log-rates) is used as an extra first start when given. `quick` (for the
   * conflict search, which only asks inside-or-not questions) polishes to 1e-7 instead of 1e-10.
   */
  fit(
    subset: readonly number[],
    starts: number,
    seed: string,
    warm: Float64Array | undefined,
    quick = false,
  ): FitOutcome {
    const base = this.defaultLogRates();
    const dim = this.freeVars.length;
    if (dim === 0) {
      const v = this.values(base, subset);
      return {
        logRates: base,
        objective: -this.logLik(v, subset),
        converged: true,
        iterations: 0,
        evaluations: 1,
        startsAtBest: 1,
      };
    }
    const scratch = Float64Array.from(base);
    const objective = (u: ArrayLike<number>): number => {
      this.fromU(u, scratch);
      const ll = this.logLik(this.values(scratch, subset), subset);
      return -ll + this.penalty(scratch);
    };
    const rng = splitmix32(hashString(seed));
    const startPoints: Float64Array[] = [];
    if (warm) startPoints.push(warm);
    startPoints.push(base);
    while (startPoints.length < starts + (warm ? 1 : 0))
      startPoints.push(this.randomLogRates(rng, 2.5));

    let iterations = 0;
    let evaluations = 0;
    const runs: NelderMeadResult[] = [];
    // Loose runs: enough to find the basin; the polish below does the precise work once.
    for (const s of startPoints) {
      const r = nelderMead(objective, this.toU(s), {
        initialStep: 0.6,
        fTolerance: 1e-4,
        xTolerance: 1e-3,
        maxIterations: 150 * dim,
        maxEvaluations: 300 * dim,
        adaptive: dim > 3,
      });
      iterations += r.iterations;
      evaluations += r.evaluations;
      runs.push(r);
    }
    let best = runs.reduce((a, b) => (b.fx < a.fx ? b : a));
    const startsAtBest = runs.filter((r) => r.fx <= best.fx + 0.01).length;

    // Polish: restart with a fresh, smaller simplex at the best point until a restart no longer
    // improves the objective by more than 1e-9.
    let converged = false;
    for (let k = 0; k < (quick ? 2 : 6); k++) {
      const r = nelderMead(objective, best.x, {
        initialStep: k === 0 ? 0.2 : 0.05,
        fTolerance: quick ? 1e-7 : 1e-10,
        xTolerance: quick ? 1e-5 : 1e-7,
        maxIterations: 1000 * dim,
        maxEvaluations: 2000 * dim,
        adaptive: dim > 3,
      });
      iterations += r.iterations;
      evaluations += r.evaluations;
      const improved = best.fx - r.fx;
      if (r.fx <= best.fx) best = r;
      converged = r.converged;
      if (r.converged && improved <= 1e-9) break;
    }
    const logRates = this.fromU(best.x, Float64Array.from(base));
    return { logRates, objective: best.fx, converged, iterations, evaluations, startsAtBest };
  }

  fitRows(logRates: Float64Array): FitRow[] {
    const v = this.values(logRates);
    return this.targets.map((t, i) => {
      const model = v[i]!;
      const { lower, upper } = this.intervals[i]!;
      return {
        id: t.id,
        label: t.label,
        time: t.time,
        k: t.k,
        n: t.n,
        observed: t.k / t.n,
        lower,
        upper,
        model,
        inside: model >= lower && model <= upper,
      };
    });
  }

  /**
   * For each target, which variables it depends on (`dep[target][variable]`): raises each free
   * variable's log-rate by log 2 at every given point and records a change of the target's value
   * by more than 1e-12.
   */
  dependence(points: Float64Array[]): boolean[][] {
    const dep = this.targets.map(() => this.variables.map(() => false));
    for (const x of points) {
      const v0 = this.values(x);
      for (const a of this.freeVars) {
        const y = Float64Array.from(x);
        this.setVar(y, a, this.getVar(x, a) + Math.LN2);
        const v1 = this.values(y);
        dep.forEach((row, i) => {
          if (Math.abs(v1[i]! - v0[i]!) > 1e-12) row[a] = true;
        });
      }
    }
    return dep;
  }

  statistics(subset: readonly number[], logRates: Float64Array, dep: boolean[][]): Statistics {
    const v = this.values(logRates, subset);
    let logLik = 0;
    let logLikSaturated = 0;
    const outside: number[] = [];
    const contributions = this.targets.map(() => 0);
    for (const i of subset) {
      const t = this.targets[i]!;
      const li = this.logLik(v, [i]);
      const si = binomialLogLik(t.k, t.n, t.k / t.n);
      logLik += li;
      logLikSaturated += si;
      contributions[i] = Math.max(0, 2 * (si - li));
      const { lower, upper } = this.intervals[i]!;
      const m = v[i]!;
      if (!(m >= lower && m <= upper)) outside.push(i);
    }
    // Fitted variables that this subset informs (the others do not cost a degree of freedom).
    let p = 0;
    for (const a of this.freeVars) if (subset.some((i) => dep[i]![a])) p++;
    const df = Math.max(1, subset.length - p);
    const deviance = Math.max(0, 2 * (logLikSaturated - logLik));
    return {
      logLik,
      logLikSaturated,
      deviance,
      df,
      pValue: chiSquareSurvival(deviance, df),
      outside,
      contributions,
    };
  }

  /**
   * Fitted variables whose posterior SD (log scale) exceeds half the prior SD. Posterior precision =
   * expected Fisher information of the binomial targets, Σᵢ nᵢ/(pᵢ(1−pᵢ))·∇pᵢ∇pᵢᵀ (gradients by
   * central differences in log-rate), plus the prior precision 1/SD² (SD 3 when the prior is
   * off, for this diagnostic only).
   */
  weaklyIdentified(logRates: Float64Array): string[] {
    const free = this.freeVars;
    const d = free.length;
    if (d === 0) return [];
    const sd = Number.isFinite(this.priorSd) ? this.priorSd : 3;
    const m = this.targets.length;
    const h = 1e-4;
    const grad: Float64Array[] = [];
    for (const k of free) {
      const up = Float64Array.from(logRates);
      const down = Float64Array.from(logRates);
      this.setVar(up, k, this.getVar(logRates, k) + h);
      this.setVar(down, k, this.getVar(logRates, k) - h);
      const va = this.values(up);
      const vb = this.values(down);
      grad.push(Float64Array.from({ length: m }, (_, i) => (va[i]! - vb[i]!) / (2 * h)));
    }
    const v = this.values(logRates);
    const info = Array.from({ length: d }, () => new Float64Array(d));
    for (let i = 0; i < m; i++) {
      const t = this.targets[i]!;
      const p = Math.min(1 - 1e-6, Math.max(1e-6, v[i]!));
      const w = t.n / (p * (1 - p));
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < d; b++) info[a]![b]! += w * grad[a]![i]! * grad[b]![i]!;
      }
    }
    for (let a = 0; a < d; a++) info[a]![a]! += 1 / (sd * sd);
    const cov = invertSymmetric(info);
    const out: string[] = [];
    free.forEach((k, a) => {
      const postSd = Math.sqrt(Math.max(0, cov[a]![a]!));
      if (postSd > 0.5 * sd) out.push(this.variables[k]!.name);
    });
    return out;
  }

  private infeasible(subset: readonly number[], logRates: Float64Array, dep: boolean[][]) {
    const s = this.statistics(subset, logRates, dep);
    return s.outside.length > 0 && s.pValue < 0.001;
  }

  /**
   * Groups of targets that cannot be met together, by a deletion filter (Chinneck & Dravnieks
   * 1991, for infeasible linear programs): starting from an infeasible set, drop each target in
   * turn — best-fitting first — and keep it dropped if the rest is still infeasible; what
   * remains is a minimal infeasible subset. Its members are then set aside and the search
   * repeats on the others, so disjoint conflicts are all reported (at most 5 groups).
   */
  conflicts(
    all: readonly number[],
    bestLogRates: Float64Array,
    dep: boolean[][],
    seed: string,
  ): number[][] {
    const groups: number[][] = [];
    let pool = [...all];
    let warm = bestLogRates;
    const refit = (subset: readonly number[]) =>
      this.fit(subset, 1, `${seed}\u0000conflict`, warm, true).logRates;
    for (let g = 0; g < 5 && pool.length > 0; g++) {
      const poolFit = g === 0 ? bestLogRates : refit(pool);
      if (!this.infeasible(pool, poolFit, dep)) break;
      const contrib = this.statistics(pool, poolFit, dep).contributions;
      // Best-fitting targets first: they are the least likely to belong to the conflict.
      const order = [...pool].sort((a, b) => contrib[a]! - contrib[b]! || a - b);
      let current = [...pool];
      warm = poolFit;
      for (const i of order) {
        const without = current.filter((x) => x !== i);
        if (without.length === 0) continue;
        // Feasibility is existential: if the last fit already meets the rest, no refit is needed.
        if (!this.infeasible(without, warm, dep)) continue;
        const x = refit(without);
        if (this.infeasible(without, x, dep)) {
          current = without;
          warm = x;
        }
      }
      const group = all.filter((i) => current.includes(i));
      groups.push(group);
      pool = pool.filter((i) => !current.includes(i));
    }
    return groups;
  }
}

function binomialLogLik(k: number, n: number, p: number): number {
  // 0·log 0 = 0: a target at 0% or 100% has saturated log-likelihood 0.
  const a = k === 0 ? 0 : k * Math.log(p);
  const b = k === n ? 0 : (n - k) * Math.log(1 - p);
  return a + b;
}

/** Inverse of a small symmetric positive-definite matrix by Gauss–Jordan with partial pivoting. */
function invertSymmetric(a: Float64Array[]): Float64Array[] {
  const n = a.length;
  const m = a.map((row) => Float64Array.from(row));
  const inv = a.map((_, i) => {
    const r = new Float64Array(n);
    r[i] = 1;
    return r;
  });
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    [inv[c], inv[piv]] = [inv[piv]!, inv[c]!];
    const p = m[c]![c]!;
    for (let k = 0; k < n; k++) {
      m[c]![k]! /= p;
      inv[c]![k]! /= p;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]!;
      if (f === 0) continue;
      for (let k = 0; k < n; k++) {
        m[r]![k]! -= f * m[c]![k]!;
        inv[r]![k]! -= f * inv[c]![k]!;
      }
    }
  }
  return inv;
}

/**
 * Upper tail of the chi-square distribution, P(χ²_df ≥ x) = Q(df/2, x/2), the regularised upper
 * incomplete gamma function (series for x < a + 1, Lentz continued fraction otherwise; Press et
 * al., Numerical Recipes, 3rd ed., §6.2). Relative accuracy about 1e-14.
 *
 * @param x The statistic, ≥ 0 (deviance units).
 * @param df Degrees of freedom, > 0.
 * @returns A probability in [0, 1].
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) throw new Error(`chiSquareSurvival: df must be > 0, got ${df}.`);
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  const a = df / 2;
  const z = x / 2;
  const lnPre = a * Math.log(z) - z - logGamma(a);
  if (z < a + 1) {
    // P(a, z) = e^(−z) z^a / Γ(a) · Σ z^k / (a (a+1) … (a+k)).
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k < 1000; k++) {
      term *= z / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.min(1, Math.max(0, 1 - sum * Math.exp(lnPre)));
  }
  // Q(a, z) = e^(−z) z^a / Γ(a) · 1/(z + 1 − a − 1·(1−a)/(z + 3 − a − …)), modified Lentz.
  const tiny = 1e-300;
  let b = z + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.min(1, Math.max(0, Math.exp(lnPre) * h));
}

/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error < 1e-15). */
function logGamma(x: number): number {
  const g = 7;
  const c = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531,
    -176.6150291621406, 12.507343278686905, -0.13857109526572012, 9.984369578019572e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let s = c[0]!;
  for (let i = 1; i < g + 2; i++) s += c[i]! / (xx + i);
  const t = xx + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(s);
}

/** FNV-1a 32-bit hash of a string (UTF-16 code units): the seed of the start generator. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * splitmix32 (the 32-bit variant of Steele, Lea & Flood's SplitMix, 2014): a tiny generator of
 * uniforms in [0, 1). Only integer operations (`Math.imul`, shifts), so bit-identical in every JS
 * engine; used for the starting points only (independent of the simulation streams).
 */
function splitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
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
      `deviance ${stats.deviance.toFixed(2)} on ${stats.df} df (p = ${stats.pValue.toPrecision(2)}); ` +
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
