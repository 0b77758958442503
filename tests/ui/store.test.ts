import { beforeEach, describe, expect, it } from 'vitest';
import { getStudy } from '../../src/data';
import { useApp } from '../../src/ui/store';
import { roundIntensities } from '../../src/scenario/fit';
import { checkScenario } from '../../src/scenario/builtIn';

describe('store', () => {
  beforeEach(() => {
    useApp.setState(useApp.getInitialState(), true);
  });

  it('opens the 5-year study with its fitted intensities and n', () => {
    const s = useApp.getState().trial;
    const study = getStudy('followup2018')!;
    expect(s.study).toBe('followup2018');
    expect(s.n).toBe(81);
    expect(s.intensities).toEqual(study.fitted);
  });

  it('changes one intensity piece without touching the others, and resets to the fitted values', () => {
    const { setIntensity, resetIntensities } = useApp.getState();
    setIntensity('relapse', 0, 0.5);
    const s = useApp.getState().trial;
    expect(s.intensities.relapse).toEqual([0.5]);
    expect(s.intensities.remission).toEqual(getStudy('followup2018')!.fitted!.remission);
    resetIntensities();
    expect(useApp.getState().trial.intensities.relapse).toEqual(
      getStudy('followup2018')!.fitted!.relapse,
    );
  });

  it('refuses a NaN or negative intensity (the scenario never holds one)', () => {
    const before = useApp.getState().trial;
    useApp.getState().setIntensity('relapse', 0, NaN);
    useApp.getState().setIntensity('relapse', 0, -1);
    expect(useApp.getState().trial).toBe(before);
  });

  it('opens the single vs double trial as a comparison of its two arms (30 vs 28)', () => {
    useApp.getState().loadStudy('rct2012');
    const s = useApp.getState().trial;
    expect(s.arm).toBe('single');
    expect(s.n).toBe(30);
    expect(s.compare?.n).toBe(28);
    expect(s.compare?.intensities).toEqual(s.intensities);
  });

  it('keeps the seed when another study is chosen, so a class compares like with like', () => {
    useApp.getState().patch({ seed: 'abc' });
    useApp.getState().loadStudy('multicentre2012');
    expect(useApp.getState().trial.seed).toBe('abc');
    expect(useApp.getState().trial.template.breakpoints).toEqual([6]);
  });

  it('carries intensities over when the structure changes', () => {
    useApp.getState().setTemplate({ splitRemission: true, reRemission: false, breakpoints: [] });
    const s = useApp.getState().trial;
    expect(s.intensities.remission).toBeUndefined();
    const total = s.intensities.remissionComplete![0]! + s.intensities.remissionPartial![0]!;
    expect(total).toBeCloseTo(getStudy('followup2018')!.fitted!.remission![0]!, 12);
  });

  it('turns a bad scenario into a valid one plus problems naming the fields', () => {
    const { scenario, problems } = checkScenario({ study: 'nope', n: -5, seed: '<b>x</b>' });
    expect(scenario.study).toBe('followup2018');
    expect(scenario.n).toBe(1);
    expect(problems.map((p) => p.field).sort()).toEqual(['n', 'seed', 'study']);
  });

  it('collects and dismisses notices', () => {
    useApp.getState().notify({ kind: 'info', title: 'x', problems: [] });
    const [n] = useApp.getState().notices;
    expect(n!.title).toBe('x');
    useApp.getState().dismiss(n!.id);
    expect(useApp.getState().notices).toEqual([]);
  });

  it('rounds fitted intensities to four significant digits, keeping zeros', () => {
    expect(roundIntensities({ relapse: [0, 0.123456789], remission: [12.34567] })).toEqual({
      relapse: [0, 0.1235],
      remission: [12.35],
    });
  });

  it("sets arm B's intensity without touching arm A, and ignores B without a comparison", () => {
    const before = useApp.getState().trial;
    useApp.getState().setIntensity('relapse', 0, 0.7, 'B');
    expect(useApp.getState().trial).toBe(before);
    useApp.getState().setCompare(true);
    useApp.getState().setIntensity('relapse', 0, 0.7, 'B');
    const s = useApp.getState().trial;
    expect(s.compare!.intensities.relapse).toEqual([0.7]);
    expect(s.intensities.relapse).toEqual(getStudy('followup2018')!.fitted!.relapse);
  });
});
