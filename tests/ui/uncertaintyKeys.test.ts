import { describe, expect, it } from 'vitest';
import { decodeLink } from '../../src/scenario/builtIn';
import { trialOf } from '../../src/scenario/scenario';
import type { DigitisedCurve } from '../../src/scenario/digitisedCurves';
import { atFit, uncertaintyKeys } from '../../src/ui/uncertaintyKeys';

const base = decodeLink('?study=followup2018&seed=lecture').scenario;
const keysOf = (link: string, curves: DigitisedCurve[] = []) =>
  uncertaintyKeys(trialOf(decodeLink(link).scenario), curves);
const curve: DigitisedCurve = {
  id: 'os',
  label: 'OS',
  endpoint: 'overallSurvival',
  points: [
    [0, 1],
    [12, 0.9],
  ],
  atRisk: [[0, 81]],
  totalEvents: null,
};

describe('uncertaintyKeys (when what the figures allow is worked out again)', () => {
  const k0 = keysOf('?study=followup2018&seed=lecture');

  it('ignore the sliders, the playhead, the speed and the other view settings', () => {
    const moved = { ...base, intensities: { ...base.intensities, remission: [0.5] } };
    expect(uncertaintyKeys(moved, [])).toEqual(k0);
    const view = { ...base, at: 30, speed: 4, relapseView: 'km' as const, cycle: 3 };
    expect(uncertaintyKeys(view, [])).toEqual(k0);
    // The replicate trials are the trial band's, not the fit's.
    const fewer: typeof base = { ...base, replicates: 20 };
    expect(uncertaintyKeys(fewer, [])).toEqual(k0);
  });

  it('do not depend on the order an object was built in', () => {
    const reordered = Object.fromEntries(Object.entries(trialOf(base)).reverse()) as typeof base;
    const template = Object.fromEntries(Object.entries(base.template).reverse());
    expect(uncertaintyKeys({ ...reordered, template } as typeof base, [])).toEqual(k0);
  });

  it('a new fit for another study, seed, structure, figure list or digitised curve', () => {
    for (const other of [
      keysOf('?study=fouryear2013&seed=lecture'),
      keysOf('?study=followup2018&seed=other'),
      keysOf('?study=followup2018&seed=lecture&bp=12'),
      keysOf('?study=followup2018&seed=lecture&t=a:os:60:60:81'),
      keysOf('?study=followup2018&seed=lecture', [curve]),
    ]) {
      expect(other.fitKey).not.toBe(k0.fitKey);
      expect(other.key).not.toBe(k0.key);
    }
  });

  it('the same fit but new bands for another size, horizon or censoring', () => {
    for (const trial of [
      { ...base, n: 500 },
      { ...base, horizon: 36 },
      { ...base, censoring: !base.censoring },
    ]) {
      const k = uncertaintyKeys(trial, []);
      expect(k.fitKey).toBe(k0.fitKey);
      expect(k.key).not.toBe(k0.key);
    }
  });
});

describe('atFit (are the sliders at the fitted values?)', () => {
  const fitted = { remission: [0.14154], relapse: [0.1, 0.2] };
  it('accepts the four-digit rounding the fit puts into the scenario', () => {
    expect(atFit({ remission: [0.1415], relapse: [0.1, 0.2] }, fitted)).toBe(true);
  });
  it('notices a moved slider, a missing piece or a missing parameter', () => {
    expect(atFit({ remission: [0.15], relapse: [0.1, 0.2] }, fitted)).toBe(false);
    expect(atFit({ remission: [0.1415], relapse: [0.1] }, fitted)).toBe(false);
    expect(atFit({ remission: [0.1415] }, fitted)).toBe(false);
  });
});
