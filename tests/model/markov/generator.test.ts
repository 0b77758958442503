import { describe, expect, it } from 'vitest';
import {
  MAX_STATES,
  generatorMatrix,
  pieceAt,
  pieceBounds,
  validateGenerator,
  validateSpec,
} from '../../../src/model/markov/generator';
import { DEFAULT_TEMPLATE_OPTIONS, buildModel } from '../../../src/model/markov/template';
import type { ModelSpec, StateDef } from '../../../src/model/types';

const state = (id: string, label: string): StateDef => ({
  id,
  label,
  lane: id,
  alive: true,
  inRemission: false,
  everRemitted: false,
  everRelapsed: false,
});

/** Active → Remission → Dead with a breakpoint at 6 months (two pieces). */
const spec = (): ModelSpec => ({
  states: [state('active', 'Active'), state('remission', 'Remission'), state('dead', 'Dead')],
  transitions: [
    { from: 0, to: 1, ratesPerYear: [0.3, 0.6], parameter: 'remission' },
    { from: 0, to: 2, ratesPerYear: [0.05, 0.05], parameter: 'deathActive' },
    { from: 1, to: 2, ratesPerYear: [0.01, 0.02], parameter: 'deathRemission' },
  ],
  breakpoints: [6],
  initialState: 0,
});

describe('validateSpec', () => {
  it('accepts the default template and a two-piece spec', () => {
    const template = buildModel(DEFAULT_TEMPLATE_OPTIONS, {
      remission: [0.3],
      relapse: [0.1],
      deathActive: [0.05],
      deathRemission: [0.01],
      deathRelapse: [0.05],
    });
    expect(() => validateSpec(template)).not.toThrow();
    expect(() => validateSpec(spec())).not.toThrow();
  });

  it('names the transition and the piece of a bad rate', () => {
    const s = spec();
    s.transitions[0]!.ratesPerYear[1] = NaN;
    expect(() => validateSpec(s)).toThrow(
      'transition Active → Remission (piece 2): rate must be finite and ≥ 0, got NaN',
    );
    s.transitions[0]!.ratesPerYear[1] = -0.1;
    expect(() => validateSpec(s)).toThrow(/Active → Remission \(piece 2\).*got -0.1/);
    s.transitions[0]!.ratesPerYear[1] = Infinity;
    expect(() => validateSpec(s)).toThrow(/got Infinity/);
  });

  it('names the transition whose number of pieces is wrong', () => {
    const s = spec();
    s.transitions[2]!.ratesPerYear = [0.01];
    expect(() => validateSpec(s)).toThrow(/transition Remission → Dead: has 1 rate\(s\).*2 piece/);
  });

  it('rejects breakpoints that are not strictly increasing and > 0', () => {
    const s = spec();
    s.breakpoints = [0];
    expect(() => validateSpec(s)).toThrow(/Breakpoint 1 .*> 0, got 0/);
    s.breakpoints = [6, 6];
    s.transitions.forEach((t) => (t.ratesPerYear = [1, 1, 1]));
    expect(() => validateSpec(s)).toThrow(/strictly increasing: breakpoint 2 \(6\) follows 6/);
    s.breakpoints = [6, NaN];
    expect(() => validateSpec(s)).toThrow(/Breakpoint 2/);
  });

  it('rejects out-of-range indices, self-loops and duplicates', () => {
    const s = spec();
    s.transitions.push({ from: 1, to: 3, ratesPerYear: [1, 1], parameter: 'x' });
    expect(() => validateSpec(s)).toThrow(/Transition 4 \(1 → 3\): state index out of range/);
    s.transitions[3] = { from: 1, to: 1, ratesPerYear: [1, 1], parameter: 'x' };
    expect(() => validateSpec(s)).toThrow(/transition Remission → Remission: a state cannot/);
    s.transitions[3] = { from: 0, to: 1, ratesPerYear: [1, 1], parameter: 'x' };
    expect(() => validateSpec(s)).toThrow(/transition Active → Remission: defined more than once/);
  });

  it('checks the initial state and the number of states', () => {
    const s = spec();
    s.initialState = 3;
    expect(() => validateSpec(s)).toThrow(/Initial state 3 is out of range/);
    const big: ModelSpec = {
      states: Array.from({ length: MAX_STATES + 1 }, (_, i) => state(`s${i}`, `S${i}`)),
      transitions: [],
      breakpoints: [],
      initialState: 0,
    };
    expect(() => validateSpec(big)).toThrow(/256 states; at most 255/);
    big.states.length = MAX_STATES;
    expect(() => validateSpec(big)).not.toThrow();
    expect(() => validateSpec({ ...big, states: [] })).toThrow(/no states/);
  });
});

describe('generatorMatrix', () => {
  it('puts the rates of the piece off the diagonal and makes rows sum to exactly zero', () => {
    expect(generatorMatrix(spec(), 0)).toEqual([
      [-(0.3 + 0.05), 0.3, 0.05],
      [0, -0.01, 0.01],
      [0, 0, 0],
    ]);
    const q1 = generatorMatrix(spec(), 1);
    expect(q1[0]).toEqual([-(0.6 + 0.05), 0.6, 0.05]);
    q1.forEach((row, i) => {
      // The diagonal is minus the off-diagonal sum exactly (so the row sums to 0 up to rounding).
      expect(row[i]).toBe(-row.reduce((s, v, j) => (j === i ? s : s + v), 0) || 0);
      expect(Math.abs(row.reduce((s, v) => s + v, 0))).toBeLessThan(1e-16);
    });
    expect(() => validateGenerator(q1)).not.toThrow();
  });

  it('rejects a piece out of range and an invalid spec', () => {
    expect(() => generatorMatrix(spec(), 2)).toThrow(/Piece 2 is out of range \(0–1\)/);
    const s = spec();
    s.transitions[1]!.ratesPerYear[0] = NaN;
    expect(() => generatorMatrix(s, 0)).toThrow(/Active → Dead \(piece 1\)/);
  });
});

describe('validateGenerator', () => {
  it('names the row and column of what is wrong', () => {
    expect(() =>
      validateGenerator([
        [0, 1],
        [0, 0],
      ]),
    ).toThrow(/row 0 sums to 1, not 0/);
    expect(() =>
      validateGenerator([
        [1, -1],
        [0, 0],
      ]),
    ).toThrow(/entry \(0, 1\).*negative/);
    expect(() =>
      validateGenerator([
        [0, 0],
        [NaN, 0],
      ]),
    ).toThrow(/entry \(1, 0\) is not finite/);
    expect(() => validateGenerator([[0, 0], [0]])).toThrow(/row 1 has 1 entries/);
    expect(() =>
      validateGenerator([
        [-0.1 - 0.2, 0.1, 0.2],
        [0, 0, 0],
        [0, 0, 0],
      ]),
    ).not.toThrow();
  });
});

describe('pieceAt and pieceBounds', () => {
  it('places a time on a breakpoint in the piece that starts there', () => {
    const s = { ...spec(), breakpoints: [6, 12] };
    expect(pieceAt(s, 0)).toBe(0);
    expect(pieceAt(s, 5.999)).toBe(0);
    expect(pieceAt(s, 6)).toBe(1);
    expect(pieceAt(s, 12)).toBe(2);
    expect(pieceAt(s, 1000)).toBe(2);
    expect(pieceBounds(s)).toEqual([
      { start: 0, end: 6 },
      { start: 6, end: 12 },
      { start: 12, end: Infinity },
    ]);
    expect(pieceBounds({ ...s, breakpoints: [] })).toEqual([{ start: 0, end: Infinity }]);
  });
});
