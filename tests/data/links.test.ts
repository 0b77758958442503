import { describe, expect, it } from 'vitest';
import { DEFAULT_STUDY_ID, STUDIES, getStudy } from '../../src/data';
import { decodeScenario, encodeScenario } from '../../src/scenario/urlCodec';

const decode = (q: string) => decodeScenario(q, STUDIES, DEFAULT_STUDY_ID);

describe('links to the built-in studies', () => {
  it.each(STUDIES.map((s) => [s.id] as const))(
    '?study=%s opens that study with its fitted defaults and no complaint',
    (id) => {
      const { scenario, problems } = decode(`?study=${id}`);
      expect(problems).toEqual([]);
      expect(scenario.study).toBe(id);
      expect(scenario.intensities).toEqual(getStudy(id)!.fitted);
    },
  );

  it('opens the single vs double MSCT trial as a comparison of its arms, 30 vs 28, same intensities', () => {
    const { scenario } = decode('?study=rct2012');
    expect(scenario.arm).toBe('single');
    expect(scenario.n).toBe(30);
    expect(scenario.compare).toMatchObject({ n: 28, crn: false });
    expect(scenario.compare!.intensities).toEqual(scenario.intensities);
  });

  it('keeps an explicit choice: one arm, or the whole trial without comparison', () => {
    const one = decode('?study=rct2012&arm=double').scenario;
    expect([one.arm, one.n, one.compare]).toEqual(['double', 28, null]);
    const whole = decode('?study=rct2012&arm=&cmp=0').scenario;
    expect([whole.arm, whole.n, whole.compare]).toEqual(['', 58, null]);
  });

  it.each(STUDIES.map((s) => [s.id] as const))(
    'the default scenario of %s round-trips through its link',
    (id) => {
      const first = decode(`?study=${id}`).scenario;
      const again = decode(encodeScenario(first));
      expect(again.problems).toEqual([]);
      expect(again.scenario).toEqual(first);
    },
  );
});
