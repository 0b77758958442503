/**
 * Calibration's unknowns: the template's parameters cut into pieces (one intensity per time
 * piece), some pinned by `fixed`, the rest grouped by `tied` and `piecewise` into the numbers the
 * optimiser moves ("variables"). Also the checks of the targets, so that bad input is named
 * before any fitting starts.
 */
import { PARAMETERS, type Intensities, type ParameterId } from '../markov/template';
import { fittable } from '../estimate/proportions';
import type { Target } from '../types';

/** Parameter ids, for checking the keys of `defaults`. */
export const PARAMETER_SET: ReadonlySet<string> = new Set(PARAMETERS);

/** A piece of a parameter (its intensity in one time piece). */
export interface Piece {
  parameter: ParameterId;
  piece: number;
  /** Pinned by `options.fixed`. */
  fixed: boolean;
  /** Value per year when fixed; otherwise the default of its variable. */
  value: number;
}

/** One optimised number: the common log-intensity of one or more non-fixed pieces. */
export interface Variable {
  name: string;
  /** Indices into the piece list. */
  pieces: number[];
  /** Natural log of the default, per year. */
  logDefault: number;
  /** 'free' (fitted) or 'held' (no target depends on it: stays at the default). */
  status: 'free' | 'held';
}

export function validateTargets(targets: readonly Target[]): void {
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
    if (!fittable(q)) {
      throw new Error(
        `calibrate: ${where}: ${q.kind} is read at each patient's own follow-up, which depends on the study design; it cannot be fitted (fit the figures read at fixed times instead).`,
      );
    }
    if (q.kind === 'newRelapses' && !(q.fromMonth >= 0 && q.fromMonth < t.time)) {
      throw new Error(
        `calibrate: ${where}: quantity.fromMonth must be ≥ 0 and < time (${t.time}), got ${q.fromMonth}.`,
      );
    }
  });
}

export function makePieces(
  params: readonly ParameterId[],
  nPieces: number,
  fixed: Intensities,
): Piece[] {
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
export function makeVariables(
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
