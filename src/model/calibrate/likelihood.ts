/**
 * The likelihood of the published targets (README.md, "The model, briefly"): the map from log-rates of
 * every piece to the model's values of the targets (expected occupancies from the cohort trace,
 * turned into each paper's k/n definition), the binomial log-likelihood of the targets
 *
 *     ℓ(r) = Σᵢ kᵢ·log pᵢ(r) + (nᵢ − kᵢ)·log(1 − pᵢ(r)),
 *
 * with pᵢ clamped into [1e-12, 1 − 1e-12] so that a target at 0% or 100% stays finite, the weak
 * normal prior on each free log-intensity, and the logistic map u ↔ log r that keeps the
 * optimiser inside the bounds.
 */
import { quantityFromOccupancy } from '../estimate/proportions';
import { wilsonInterval } from '../estimate/wilson';
import { buildModel, type Intensities, type TemplateOptions } from '../markov/template';
import { occupanciesAt } from '../markov/trace';
import type { RandomStream } from '../simulate/random';
import type { ModelSpec, Target } from '../types';
import type { Piece, Variable } from './variables';
import type { LogLikTerm } from './reconstructedLikelihood';

/** Probabilities are clamped into [P_MIN, 1 − P_MIN] so the log-likelihood stays finite. */
const P_MIN = 1e-12;

/**
 * The calibration problem: targets, pieces, and the map from log-rates of all pieces (fixed and
 * held pieces at their values) to model values.
 */
export class Problem {
  private readonly times: number[];
  /** For each target, the index of its time (and of `fromMonth`, or -1) in `times`. */
  private readonly timeIndex: number[];
  private readonly fromIndex: number[];
  readonly intervals: { lower: number; upper: number }[];
  /** Indices (into `variables`) of the fitted variables, in order: the optimiser's coordinates. */
  freeVars: number[] = [];
  readonly logMin: number;
  readonly logMax: number;
  private readonly logDefault: Float64Array;
  /** Calls of `values` so far (each one occupancy per distinct time). */
  evaluationCount = 0;
  private readonly template: TemplateOptions;
  /** The template's model, built once; `values` rewrites its rates in place. */
  private readonly spec: ModelSpec;
  /** For each transition of `spec` and each time piece, the index of its piece in `pieces`. */
  private readonly rateSlots: number[][];

  constructor(
    template: TemplateOptions,
    readonly targets: readonly Target[],
    private readonly pieces: Piece[],
    readonly variables: Variable[],
    bounds: { min: number; max: number },
    readonly priorSd: number,
    /** Extra log-likelihood terms (reconstructed curves), added to ℓ in the objective. */
    readonly extra: readonly LogLikTerm[] = [],
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
    this.template = template;
    this.spec = buildModel(template, this.intensitiesOf(this.logDefault));
    this.rateSlots = this.spec.transitions.map((tr) =>
      tr.ratesPerYear.map((_, p) =>
        pieces.findIndex((x) => x.parameter === tr.parameter && x.piece === p),
      ),
    );
    this.refreshFree();
  }

  refreshFree(): void {
    this.freeVars = [];
    this.variables.forEach((v, a) => {
      if (v.status === 'free') this.freeVars.push(a);
    });
  }

  /** Sets every piece of variable `a` to the log-rate `x`. */
  setVar(logRates: Float64Array, a: number, x: number): void {
    for (const j of this.variables[a]!.pieces) logRates[j] = x;
  }

  /** The log-rate of variable `a` (that of its first piece). */
  getVar(logRates: Float64Array, a: number): number {
    return logRates[this.variables[a]!.pieces[0]!]!;
  }

  /** Log-rates with every piece at its default (fixed pieces: their value; log 0 = −∞). */
  defaultLogRates(): Float64Array {
    return Float64Array.from(this.logDefault);
  }

  /** Defaults with free variables moved by U(−spread, spread) on the log scale, in bounds. */
  randomLogRates(rng: RandomStream, spread: number): Float64Array {
    const x = this.defaultLogRates();
    for (const a of this.freeVars) {
      const v = this.variables[a]!.logDefault + (2 * rng.next() - 1) * spread;
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

  /**
   * Model values of the chosen targets (all when `subset` is undefined) at these log-rates. The
   * model is built once (in the constructor) and only its rates are rewritten here: this is
   * calibration's inner loop, and rebuilding states, masks and closures per call cost as much
   * as the matrix exponentials themselves.
   */
  values(logRates: Float64Array, subset?: readonly number[]): Float64Array {
    this.evaluationCount++;
    const spec = this.spec;
    spec.transitions.forEach((tr, k) => {
      const slots = this.rateSlots[k]!;
      for (let p = 0; p < slots.length; p++) {
        const j = slots[p]!;
        const piece = this.pieces[j]!;
        tr.ratesPerYear[p] = piece.fixed ? piece.value : Math.exp(logRates[j]!);
      }
    });
    // Occupancy at every distinct time, carried forward from one time to the next.
    const occ = occupanciesAt(spec, this.times);
    const out = new Float64Array(this.targets.length).fill(Number.NaN);
    const one = (i: number) => {
      const t = this.targets[i]!;
      const fi = this.fromIndex[i]!;
      out[i] = quantityFromOccupancy(
        spec,
        occ[this.timeIndex[i]!]!,
        fi >= 0 ? occ[fi] : undefined,
        t.quantity,
      );
    };
    if (subset) subset.forEach(one);
    else for (let i = 0; i < this.targets.length; i++) one(i);
    return out;
  }

  /**
   * Derivatives of the target values with respect to each free variable's log-rate at
   * `logRates`, by central differences with step `h` (log-units): `jac[a][i]` = ∂pᵢ/∂(log r of
   * free variable a). Costs 2 × (number of free variables) evaluations. Targets outside
   * `subset` (when given) are left NaN.
   */
  jacobian(logRates: Float64Array, h = 1e-4, subset?: readonly number[]): Float64Array[] {
    const m = this.targets.length;
    return this.freeVars.map((k) => {
      const up = Float64Array.from(logRates);
      const down = Float64Array.from(logRates);
      this.setVar(up, k, this.getVar(logRates, k) + h);
      this.setVar(down, k, this.getVar(logRates, k) - h);
      const va = this.values(up, subset);
      const vb = this.values(down, subset);
      return Float64Array.from({ length: m }, (_, i) => (va[i]! - vb[i]!) / (2 * h));
    });
  }

  /** The clamped model probability used by the likelihood, in [P_MIN, 1 − P_MIN]. */
  static clamp(p: number): number {
    return Math.min(1 - P_MIN, Math.max(P_MIN, p));
  }

  logLik(values: Float64Array, subset: readonly number[]): number {
    let ll = 0;
    for (const i of subset) {
      const t = this.targets[i]!;
      const v = values[i]!;
      if (!Number.isFinite(v)) return Number.NEGATIVE_INFINITY;
      const p = Problem.clamp(v);
      ll += t.k * Math.log(p) + (t.n - t.k) * Math.log(1 - p);
    }
    return ll;
  }

  /**
   * The whole log-likelihood the fit maximises: the targets' binomial terms (`subset`) plus the
   * extra terms (reconstructed curves), without the prior.
   */
  totalLogLik(logRates: Float64Array, subset: readonly number[]): number {
    const ll = this.logLik(this.values(logRates, subset), subset);
    return this.extra.length === 0 ? ll : ll + this.extraLogLik(logRates);
  }

  /**
   * Σ of the extra terms' log-likelihoods at these log-rates (0 without terms). A model of its
   * own per call: a term may keep it, and the terms cost far more than the build.
   */
  extraLogLik(logRates: Float64Array): number {
    let ll = 0;
    for (const x of this.extraTermLogLiks(logRates)) ll += x;
    return Number.isNaN(ll) ? Number.NEGATIVE_INFINITY : ll;
  }

  /** Each extra term's log-likelihood at these log-rates. */
  extraTermLogLiks(logRates: Float64Array): number[] {
    if (this.extra.length === 0) return [];
    const spec = buildModel(this.template, this.intensitiesOf(logRates));
    return this.extra.map((term) => term.logLik(spec));
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

  toU(logRates: Float64Array): number[] {
    const span = this.logMax - this.logMin;
    return this.freeVars.map((a) => {
      const f = Math.min(1 - 1e-9, Math.max(1e-9, (this.getVar(logRates, a) - this.logMin) / span));
      return Math.log(f / (1 - f));
    });
  }

  fromU(u: ArrayLike<number>, into: Float64Array): Float64Array {
    const span = this.logMax - this.logMin;
    this.freeVars.forEach((a, k) => {
      this.setVar(into, a, this.logMin + span / (1 + Math.exp(-u[k]!)));
    });
    return into;
  }
}

/** k·log p + (n − k)·log(1 − p), with 0·log 0 = 0. */
export function binomialLogLik(k: number, n: number, p: number): number {
  // 0·log 0 = 0: a target at 0% or 100% has saturated log-likelihood 0.
  const a = k === 0 ? 0 : k * Math.log(p);
  const b = k === n ? 0 : (n - k) * Math.log(1 - p);
  return a + b;
}
