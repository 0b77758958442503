import { describe, expect, it } from 'vitest';
import {
  buildModel,
  DEFAULT_TEMPLATE_OPTIONS,
  parametersOf,
  sameTemplate,
} from '../../../src/model/markov/template';

const rates = {
  remission: [0.3],
  remissionComplete: [0.2],
  remissionPartial: [0.1],
  relapse: [0.1],
  reRemission: [0.5],
  deathActive: [0.05],
  deathRemission: [0.01],
  deathRelapse: [0.05],
};

describe('buildModel', () => {
  it('expands the default template so that history is held in the state', () => {
    const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, rates);
    expect(spec.states.map((s) => s.id)).toEqual([
      'active',
      'remission',
      'relapse',
      'dead_never_remitted',
      'dead_remitted',
      'dead_relapsed',
    ]);
    expect(spec.states[spec.initialState]!.id).toBe('active');
    // Every dead state is drawn in one lane, and remembers whether the patient had remitted.
    const dead = spec.states.filter((s) => !s.alive);
    expect(new Set(dead.map((s) => s.lane))).toEqual(new Set(['dead']));
    expect(dead.map((s) => s.everRemitted)).toEqual([false, true, true]);
  });

  it('links every alive state to a dead state and nothing leaves the dead', () => {
    const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, rates);
    spec.states.forEach((s, i) => {
      const exits = spec.transitions.filter((t) => t.from === i);
      if (s.alive) expect(exits.some((t) => !spec.states[t.to]!.alive)).toBe(true);
      else expect(exits).toEqual([]);
    });
  });

  it('keeps history consistent along every transition (no state forgets a remission or relapse)', () => {
    for (const splitRemission of [false, true]) {
      for (const reRemission of [false, true]) {
        const spec = buildModel({ splitRemission, reRemission, breakpoints: [] }, rates);
        for (const t of spec.transitions) {
          const a = spec.states[t.from]!;
          const b = spec.states[t.to]!;
          expect(b.everRemitted || !a.everRemitted).toBe(true);
          expect(b.everRelapsed || !a.everRelapsed).toBe(true);
        }
      }
    }
  });

  it('uses the parameters its structure lists, and only those', () => {
    const options = { splitRemission: true, reRemission: true, breakpoints: [6] };
    const two = Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, [0, v[0]!]]));
    const spec = buildModel(options, two);
    expect(new Set(spec.transitions.map((t) => t.parameter))).toEqual(
      new Set(parametersOf(options)),
    );
    expect(spec.transitions.every((t) => t.ratesPerYear.length === 2)).toBe(true);
  });

  it('names the parameter that is missing, has the wrong pieces or is negative', () => {
    expect(() => buildModel(DEFAULT_TEMPLATE_OPTIONS, { ...rates, relapse: undefined })).toThrow(
      /"relapse" is missing/,
    );
    expect(() => buildModel({ ...DEFAULT_TEMPLATE_OPTIONS, breakpoints: [6] }, rates)).toThrow(
      /"remission" has 1 piece/,
    );
    expect(() => buildModel(DEFAULT_TEMPLATE_OPTIONS, { ...rates, deathActive: [-1] })).toThrow(
      /"deathActive".*≥ 0, got -1/,
    );
    expect(() => buildModel(DEFAULT_TEMPLATE_OPTIONS, { ...rates, relapse: [NaN] })).toThrow(
      /"relapse".*got NaN/,
    );
  });
});

describe('sameTemplate', () => {
  const base = { splitRemission: false, reRemission: false, breakpoints: [6] };
  it('compares switches and breakpoints', () => {
    expect(
      sameTemplate(base, { reRemission: false, breakpoints: [6], splitRemission: false }),
    ).toBe(true);
    expect(sameTemplate(base, { ...base, splitRemission: true })).toBe(false);
    expect(sameTemplate(base, { ...base, reRemission: true })).toBe(false);
    expect(sameTemplate(base, { ...base, breakpoints: [6, 12] })).toBe(false);
    expect(sameTemplate(base, { ...base, breakpoints: [7] })).toBe(false);
  });
});
