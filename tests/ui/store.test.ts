import { beforeEach, describe, expect, it } from 'vitest';
import { getStudy } from '../../src/data';
import { currentScenario, useApp, useSim } from '../../src/ui/store';
import { VIEW_FIELDS } from '../../src/scenario/scenario';
import { roundIntensities } from '../../src/scenario/fit';
import { checkScenario, decodeLink } from '../../src/scenario/builtIn';

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

describe('store slices: trial, view, playback, results', () => {
  beforeEach(() => {
    useApp.setState(useApp.getInitialState(), true);
    const { clock } = useApp.getState();
    clock.pause();
    clock.setSpeed(1);
    clock.setTime(0);
  });

  it('keeps each field in one slice: the trial holds no view, the view no playhead or speed', () => {
    const { trial, view } = useApp.getState();
    for (const f of VIEW_FIELDS) expect(trial).not.toHaveProperty(f);
    expect(Object.keys(view).sort()).toEqual(['cycle', 'relapseView']);
    expect(useApp.getState()).not.toHaveProperty('scenario');
  });

  it("setting the trial never touches the clock's time or speed", () => {
    const { clock } = useApp.getState();
    clock.setTime(30);
    clock.setSpeed(2);
    const s = useApp.getState();
    s.patch({ seed: 'x', n: 12, replicates: 3, censoring: false });
    s.setIntensity('relapse', 0, 0.4);
    s.setTemplate({ splitRemission: true, reRemission: true, breakpoints: [] });
    s.setTargets([]);
    s.setCompare(true);
    s.patchCompare({ n: 9 });
    s.resetIntensities();
    expect(clock.time).toBe(30);
    expect(clock.speed).toBe(2);
  });

  it('choosing another study starts it at month 0 and keeps the speed', () => {
    const { clock } = useApp.getState();
    clock.setTime(30);
    clock.setSpeed(2);
    useApp.getState().loadStudy('fouryear2013');
    expect(clock.time).toBe(0);
    expect(clock.speed).toBe(2);
  });

  it('only a decoded link (or saved scenario, or file) gives the clock its playhead and speed', () => {
    const { clock } = useApp.getState();
    clock.setTime(30);
    const { scenario } = decodeLink('?study=followup2018&at=7.25&sp=4&rv=km&cyc=6');
    useApp.getState().setScenario(scenario);
    expect(clock.time).toBe(7.25);
    expect(clock.speed).toBe(4);
    expect(useApp.getState().view).toEqual({ relapseView: 'km', cycle: 6 });
    // And the scenario made of the store and the clock is the link's again.
    expect(currentScenario()).toEqual(scenario);
  });

  it('a link beyond a shorter horizon is clamped to that horizon, not to the old one', () => {
    const { clock } = useApp.getState();
    useApp.getState().loadStudy('multicentre2012'); // 12 months
    useApp.getState().setScenario(decodeLink('?study=followup2018&h=120&at=100').scenario);
    expect(clock.horizon).toBe(120);
    expect(clock.time).toBe(100);
  });

  it('a change of the view, the tab or the results leaves the trial as it was', () => {
    const trial = useApp.getState().trial;
    useApp.getState().setView({ relapseView: 'km', cycle: 12 });
    useApp.getState().setTab('matrix');
    useApp.getState().clock.setSpeed(8);
    useSim.setState({ status: 'running' });
    expect(useApp.getState().trial).toBe(trial);
    expect(useApp.getState().view).toEqual({ relapseView: 'km', cycle: 12 });
    expect(useSim.getState().status).toBe('running');
    expect(useSim.getState().A).toBeNull(); // a merge, not a replacement
  });

  it('tells the subscribers of the results about a change of the results only', () => {
    const heard: string[] = [];
    const off = useSim.subscribe((r, prev) => heard.push(`${prev.status}→${r.status}`));
    useApp.getState().patch({ seed: 'y' });
    useApp.getState().setView({ cycle: 3 });
    useSim.setState({ status: 'ready' });
    off();
    useSim.setState({ status: 'error' });
    expect(heard).toEqual(['idle→ready']);
  });
});
