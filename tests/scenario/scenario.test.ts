import { describe, expect, it } from 'vitest';
import { decodeLink } from '../../src/scenario/builtIn';
import { sameTrial, trialOf, VIEW_FIELDS, viewOf } from '../../src/scenario/scenario';

describe('trial and view', () => {
  const { scenario } = decodeLink('?study=followup2018&seed=class1&sp=2&rv=km&cyc=3&at=12');

  it('split a scenario into the trial and the view, which together make it whole', () => {
    const trial = trialOf(scenario);
    const view = viewOf(scenario);
    expect(view).toEqual({ speed: 2, relapseView: 'km', cycle: 3, at: 12 });
    for (const f of VIEW_FIELDS) expect(trial).not.toHaveProperty(f);
    expect(trial.seed).toBe('class1');
    expect({ ...trial, ...view }).toEqual(scenario);
  });

  it('a change of view is the same trial; a change of any trial field is not', () => {
    expect(
      sameTrial(scenario, { ...scenario, at: 30, speed: 4, relapseView: 'cif', cycle: 6 }),
    ).toBe(true);
    expect(sameTrial(scenario, { ...scenario, seed: 'other' })).toBe(false);
    expect(sameTrial(scenario, { ...scenario, n: scenario.n + 1 })).toBe(false);
    const rates = { ...scenario.intensities, relapse: [0.2] };
    expect(sameTrial(scenario, { ...scenario, intensities: rates })).toBe(false);
  });

  it('objects built in another key order are the same trial', () => {
    const reordered = Object.fromEntries(Object.entries(scenario).reverse()) as typeof scenario;
    const d = scenario.design;
    const design = {
      lossPerYear: d.lossPerYear,
      cutoffMonths: d.cutoffMonths,
      accrualMonths: d.accrualMonths,
    };
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(scenario)[0]);
    expect(sameTrial(scenario, { ...reordered, design })).toBe(true);
  });
});

describe('the sampler version', () => {
  it('belongs to the trial: another sampler is another simulation', () => {
    const { scenario } = decodeLink('?study=followup2018');
    expect(scenario.sampler).toBe(2);
    expect(trialOf(scenario).sampler).toBe(2);
    expect(sameTrial(scenario, { ...scenario, sampler: 1 })).toBe(false);
  });
});
