/**
 * TEACHING ONLY — the naive per-transition conversion of rates to probabilities, never used by the
 * engine (which uses `matrixExp`). It shows students what goes wrong when each intensity is turned
 * into a probability on its own, as if it were the only way out of its state.
 */
import { matrixExp } from './matrixExp';

/**
 * The NAIVE per-transition conversion (teaching comparison only): off-diagonal
 * pᵢⱼ = 1 − exp(−qᵢⱼ·dt) for each transition separately, diagonal pᵢᵢ = 1 − Σ_{j≠i} pᵢⱼ.
 * `dt` is in the time unit Q's intensities are per (years for a spec's generator).
 *
 * What it gets wrong: with competing exits it ignores that leaving by one route removes the chance
 * of the other, and that several moves can happen within dt. A row with a single exit is exact
 * (1 − e^{−q·dt} is the true probability of having left). The diagonal is NOT clamped: when the
 * exits' probabilities add up to more than 1 (large rates or a long dt) it goes negative, and
 * `naiveError` reports that rather than hiding it.
 */
export function naiveTransitionMatrix(q: readonly (readonly number[])[], dt: number): number[][] {
  if (!Number.isFinite(dt) || dt < 0) {
    throw new Error(`naiveTransitionMatrix: dt must be finite and ≥ 0, got ${dt}.`);
  }
  const n = q.length;
  return q.map((row, i) => {
    if (row.length !== n) throw new Error(`naiveTransitionMatrix: row ${i} is not length ${n}.`);
    const out = new Array<number>(n).fill(0);
    let off = 0;
    row.forEach((rate, j) => {
      if (j === i) return;
      if (!Number.isFinite(rate) || rate < 0) {
        throw new Error(
          `naiveTransitionMatrix: rate (${i}, ${j}) must be finite and ≥ 0, got ${rate}.`,
        );
      }
      // −expm1(−x) = 1 − e^{−x} without cancellation for small x.
      const p = -Math.expm1(-rate * dt);
      out[j] = p;
      off += p;
    });
    out[i] = 1 - off;
    return out;
  });
}

/** What the naive conversion gets wrong, next to the exact exp(Q·dt). */
export interface NaiveComparison {
  /** The naive matrix (see `naiveTransitionMatrix`). */
  matrix: number[][];
  /** Largest |naive − exact| over all entries. */
  maxAbsError: number;
  /** Every row sums to 1 within 1e-12 (always true by construction; kept for the display). */
  rowSumsOk: boolean;
  /** Some diagonal entry is negative: the naive matrix is not a transition matrix at all. */
  negativeDiagonal: boolean;
}

/**
 * Compares the NAIVE per-transition matrix with the exact exp(Q·dt) (teaching comparison only).
 * Q is a generator in intensities per unit time, `dt` in that unit.
 */
export function naiveError(q: readonly (readonly number[])[], dt: number): NaiveComparison {
  const matrix = naiveTransitionMatrix(q, dt);
  const exact = matrixExp(q, dt);
  let maxAbsError = 0;
  let rowSumsOk = true;
  let negativeDiagonal = false;
  matrix.forEach((row, i) => {
    let sum = 0;
    row.forEach((v, j) => {
      sum += v;
      maxAbsError = Math.max(maxAbsError, Math.abs(v - exact[i]![j]!));
    });
    if (Math.abs(sum - 1) > 1e-12) rowSumsOk = false;
    if (row[i]! < 0) negativeDiagonal = true;
  });
  return { matrix, maxAbsError, rowSumsOk, negativeDiagonal };
}
