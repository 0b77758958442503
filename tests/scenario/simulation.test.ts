import { describe, expect, it } from 'vitest';
import { followup2018 } from '../../src/data/followup2018';
import { pathStateAt } from '../../src/model/estimate/cohortQueries';
import { simulateCohort } from '../../src/model/simulate/microsim';
import { defaultScenario } from '../../src/scenario/defaults';
import type { Scenario } from '../../src/scenario/scenario';
import {
  armInputs,
  scenarioPowerCurve,
  simulateScenario,
  simulateScenarioSteps,
} from '../../src/scenario/simulation';
import { decodeScenario } from '../../src/scenario/urlCodec';
import { DEFAULT_STUDY_ID, STUDIES } from '../../src/data';
import { endpointData } from '../../src/model/estimate/armComparison';
import { logRank } from '../../src/model/estimate/logRank';
import { buildModel } from '../../src/model/markov/template';
import type { Cohort, Target } from '../../src/model/types';

/** FNV-1a (32-bit) over the bytes of every column of a cohort: equal columns, equal hash. */
function hashCohort(c: Cohort): string {
  let h = 0x811c9dc5;
  const columns = [c.offsets, c.eventTime, c.eventState, c.followUp, c.entry];
  for (const col of columns) {
    const bytes = new Uint8Array(col.buffer, col.byteOffset, col.byteLength);
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    h = Math.imul(h ^ 0xff, 0x01000193); // column separator
  }
  return `${c.n}:${(h >>> 0).toString(16)}`;
}

/** Patient p's path as [time, state] pairs. */
function path(c: Cohort, p: number): [number, number][] {
  const out: [number, number][] = [];
  for (let e = c.offsets[p]!; e < c.offsets[p + 1]!; e++)
    out.push([c.eventTime[e]!, c.eventState[e]!]);
  return out;
}

const targets: Target[] = followup2018.figures.filter((f) =>
  followup2018.calibration.targetIds.includes(f.id),
);
// Staggered entry and loss to follow-up, so that censoring has something to do.
const design = { accrualMonths: 36, cutoffMonths: 60, lossPerYear: 0.1 };
const scenario = (changes: Partial<Scenario> = {}): Scenario => ({
  ...defaultScenario(followup2018),
  replicates: 20,
  design,
  ...changes,
});

describe('simulateScenario', () => {
  it('is deterministic for a scenario and changes with its seed', () => {
    const a = simulateScenario(scenario(), targets);
    const b = simulateScenario(scenario(), targets);
    expect(hashCohort(a.A.cohort)).toBe(hashCohort(b.A.cohort));
    expect([...a.A.replicates.bands.os.lower]).toEqual([...b.A.replicates.bands.os.lower]);
    expect(a.A.crude).toEqual(b.A.crude);
    expect(a.B).toBeNull();
    const c = simulateScenario(scenario({ seed: 'another' }), targets);
    expect(hashCohort(c.A.cohort)).not.toBe(hashCohort(a.A.cohort));
  });

  it("simulates arm A's cohort on the documented stream ['cohort']", () => {
    const s = scenario();
    const { A } = simulateScenario(s, targets);
    const direct = simulateCohort(buildModel(s.template, s.intensities), {
      n: s.n,
      horizonMonths: s.horizon,
      seed: s.seed,
      stream: ['cohort'],
      design,
    });
    expect(hashCohort(A.cohort)).toBe(hashCohort(direct));
  });

  it('gives arm B exactly arm A with common random numbers and the same intensities', () => {
    const s = scenario();
    const crn = scenario({
      compare: { label: 'B', intensities: s.intensities, n: s.n, crn: true },
    });
    const { A, B } = simulateScenario(crn, targets);
    expect(B).not.toBeNull();
    expect(hashCohort(B!.cohort)).toBe(hashCohort(A.cohort));
    expect([...B!.estimates.values.os]).toEqual([...A.estimates.values.os]);
    expect([...B!.replicates.bands.relapseCif.upper]).toEqual([
      ...A.replicates.bands.relapseCif.upper,
    ]);
    expect(B!.crude).toEqual(A.crude);
  });

  it('gives arm B its own streams without common random numbers', () => {
    const s = scenario();
    const own = scenario({
      compare: { label: 'B', intensities: s.intensities, n: s.n, crn: false },
    });
    const { A, B } = simulateScenario(own, targets);
    expect(hashCohort(B!.cohort)).not.toBe(hashCohort(A.cohort));
    const direct = simulateCohort(buildModel(s.template, s.intensities), {
      n: s.n,
      horizonMonths: s.horizon,
      seed: s.seed,
      stream: ['cohort', 'B'],
      design,
    });
    expect(hashCohort(B!.cohort)).toBe(hashCohort(direct));
  });

  it('keeps the first patients (paths, entry and follow-up) when n grows', () => {
    const small = simulateScenario(scenario({ n: 50 }), targets).A.cohort;
    const large = simulateScenario(scenario({ n: 81 }), targets).A.cohort;
    expect(large.n).toBe(81);
    for (let p = 0; p < 50; p++) {
      expect(path(large, p)).toEqual(path(small, p));
      expect(large.followUp[p]).toBe(small.followUp[p]);
      expect(large.entry[p]).toBe(small.entry[p]);
    }
  });

  it('leaves the trajectories unchanged when censoring is switched on, but not the follow-up', () => {
    const off = simulateScenario(scenario({ censoring: false }), targets).A.cohort;
    const on = simulateScenario(scenario({ censoring: true }), targets).A.cohort;
    for (let p = 0; p < off.n; p++) {
      for (let t = 0; t <= 60; t += 3) expect(pathStateAt(on, p, t)).toBe(pathStateAt(off, p, t));
    }
    expect([...on.eventTime]).toEqual([...off.eventTime]);
    expect(off.followUp.every((f) => f === 60)).toBe(true);
    // Entry is uniform over 36 months before a 60-month cut-off: most are followed < 60 months.
    const censored = on.followUp.filter((f) => f < 60).length;
    expect(censored).toBeGreaterThan(on.n / 2);
    expect(on.followUp.every((f) => f >= 0 && f <= 60)).toBe(true);
  });
});

describe('simulateScenarioSteps (the worker runs it batch by batch)', () => {
  /** Runs the steps to the end, keeping every step. */
  function run(s: Scenario, batch: number) {
    const gen = simulateScenarioSteps(s, targets, batch);
    const steps = [];
    for (;;) {
      const r = gen.next();
      if (r.done) return { steps, result: r.value };
      steps.push(r.value);
    }
  }

  it('gives the same result as simulateScenario, the cohort first and then batches', () => {
    const s = scenario({ n: 300, replicates: 20 });
    const { steps, result } = run(s, 3);
    expect(result).toEqual(simulateScenario(s, targets));
    expect(steps.map((t) => `${t.stage} ${t.done}/${t.total}`)).toEqual([
      'cohort 0/20',
      ...[3, 6, 9, 12, 15, 18].map((d) => `replicates ${d}/20`),
    ]);
    // The cohort step already holds the trial's own curves, with no replicates yet.
    const first = steps[0]!.partial()!;
    expect(first.A.estimates).toEqual(result.A.estimates);
    expect(first.A.replicates.replicates).toBe(0);
  });

  it("a batch's bands are those of a scenario with that many replicates", () => {
    const s = scenario({ n: 300, replicates: 20 });
    const { steps } = run(s, 3);
    const at9 = steps.find((t) => t.done === 9)!.partial()!;
    const nine = simulateScenario({ ...s, replicates: 9 }, targets);
    expect(at9.A.replicates).toEqual(nine.A.replicates);
  });

  it('with a comparison: arm A whole, then arm B in batches, then the difference', () => {
    const s0 = scenario({ n: 200, replicates: 6 });
    const s: Scenario = {
      ...s0,
      compare: { label: 'B', intensities: s0.intensities, n: 250, crn: false },
    };
    const { steps, result } = run(s, 4);
    expect(result).toEqual(simulateScenario(s, targets));
    expect(steps.map((t) => `${t.stage} ${t.done}/${t.total}`)).toEqual([
      'cohort 0/12',
      'replicates 4/12',
      'cohort 6/12',
      'replicates 10/12',
    ]);
    // No partial while arm A runs (no arm B to show beside it); then arm A whole beside B.
    expect(steps[1]!.partial()).toBeNull();
    const b = steps[2]!.partial()!;
    expect(b.A).toEqual(result.A);
    expect(b.B!.estimates).toEqual(result.B!.estimates);
  });
});

describe('simulateScenario with two arms', () => {
  const rct = () => {
    const { scenario: s } = decodeScenario('?study=rct2012', STUDIES, DEFAULT_STUDY_ID);
    return { ...s, replicates: 100 };
  };

  it('opens rct2012 with independent patients in each arm (not common random numbers)', () => {
    expect(rct().compare!.crn).toBe(false);
  });

  it('compares the two shown cohorts on both endpoints, on the very patients shown', () => {
    const s = rct();
    const r = simulateScenario(s, []);
    expect(r.comparison).not.toBeNull();
    for (const id of ['os', 'remission'] as const) {
      const c = r.comparison![id];
      const a = endpointData(r.A.cohort, buildModel(s.template, s.intensities), id);
      const b = endpointData(r.B!.cohort, buildModel(s.template, s.compare!.intensities), id);
      const direct = logRank(
        [...a.time, ...b.time],
        [...a.event, ...b.event],
        [...a.event].map(() => 0).concat([...b.event].map(() => 1)),
      );
      expect(c.logRank).toEqual(direct);
      expect(c.A.n).toBe(30);
      expect(c.B.n).toBe(28);
      expect(c.A).toEqual(r.A.endpoints[id]);
      expect(c.B).toEqual(r.B!.endpoints[id]);
    }
    expect(r.comparison!.os.A.riskTable.times).toEqual([0, 3, 6, 9, 12]);
  });

  it('gives the power over the replicate pairs, with its interval', () => {
    const r = simulateScenario(rct(), []);
    const p = r.power!.remission;
    expect(p.trials).toBe(100);
    expect(p.lower).toBeLessThanOrEqual(p.power);
    expect(p.upper).toBeGreaterThanOrEqual(p.power);
  });

  it('draws a wider difference band with independent patients than with common random numbers', () => {
    const s = rct();
    const indep = simulateScenario(s, []).diff!;
    const crn = simulateScenario({ ...s, compare: { ...s.compare!, crn: true } }, []).diff!;
    const g = indep.grid.length - 1;
    const width = (d: typeof indep) =>
      d.bands.everRemitted.upper[g]! - d.bands.everRemitted.lower[g]!;
    expect(width(indep)).toBeGreaterThan(2 * width(crn));
  });

  it('gives power against n per arm, growing from 10 to 500 patients when the arms differ', () => {
    const s = rct();
    const b = { ...s.compare!, intensities: { ...s.intensities, remission: [0.3] } };
    const curve = scenarioPowerCurve({ ...s, replicates: 40, compare: b })!;
    expect(curve.sizes).toContain(30);
    expect(curve.sizes).toContain(28);
    const p = curve.power.remission.map((e) => e.power);
    expect(p[0]!).toBeLessThan(p[p.length - 1]!);
    expect(p[p.length - 1]!).toBeGreaterThan(0.9);
    expect(scenarioPowerCurve({ ...s, compare: null })).toBeNull();
  });
});

describe('large cohorts (issue 14)', () => {
  it('runs at most 10,000,000 simulated patients of replicates per arm, the same count in both arms', () => {
    const big = scenario({ n: 1_000_000, replicates: 200 });
    expect(armInputs(big, targets).A.replicates).toBe(10);
    const two = scenario({
      n: 1000,
      replicates: 200,
      compare: { label: 'B', intensities: big.intensities, n: 500_000, crn: false },
    });
    const arms = armInputs(two, targets);
    expect(arms.A.replicates).toBe(20);
    expect(arms.B!.replicates).toBe(20);
    expect(armInputs(scenario({ n: 81, replicates: 200 }), targets).A.replicates).toBe(200);
  });

  it('refuses before simulating a cohort whose expected memory passes the limit, naming n', () => {
    // Re-remission on and every rate at 50 per year for 240 months: about 1,000 events per
    // patient, some 9 GB for a million patients.
    const base = defaultScenario(followup2018);
    const fast = Object.fromEntries(
      Object.keys(base.intensities).map((k) => [k, [50]]),
    ) as typeof base.intensities;
    const heavy = scenario({
      n: 1_000_000,
      horizon: 240,
      replicates: 0,
      template: { ...base.template, reRemission: true },
      intensities: {
        ...fast,
        reRemission: [50],
        deathActive: [0],
        deathRemission: [0],
        deathRelapse: [0],
      },
    });
    expect(() => simulateScenario(heavy, targets)).toThrow(
      /^"n": 1,000,000 patients over 240 months need about/,
    );
  });
});
