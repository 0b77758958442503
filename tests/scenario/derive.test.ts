import { describe, expect, it } from 'vitest';
import { getStudy } from '../../src/data';
import { buildModel } from '../../src/model/markov/template';
import { wilsonInterval } from '../../src/model/estimate/wilson';
import { defaultScenario } from '../../src/scenario/defaults';
import { simulateScenario } from '../../src/scenario/simulation';
import {
  deriveScenario,
  fitRows,
  scenarioTargets,
  withSimulation,
} from '../../src/scenario/derive';

const s = defaultScenario(getStudy('followup2018')!);
const rows = fitRows(buildModel(s.template, s.intensities), scenarioTargets(s, getStudy(s.study)));

describe('fit rows', () => {
  it("are the study's k/n figures with Wilson intervals and the model's value", () => {
    const f1 = rows.find((r) => r.id === 'F1')!;
    expect(f1).toMatchObject({ k: 68, n: 81, observed: 68 / 81, role: 'primary', supported: true });
    expect({ lower: f1.lower, upper: f1.upper }).toEqual(wilsonInterval(68, 81));
    expect(f1.inside).toBe(f1.model >= f1.lower && f1.model <= f1.upper);
  });

  it('join the simulation: crude figure and replicate range, null where there is none', () => {
    const [first, second, third] = rows;
    const arm = {
      crude: [{ id: first!.id, k: 60, n: 81, value: 60 / 81, empty: false }],
      replicates: {
        targets: [
          { id: first!.id, lower: 0.7, median: 0.8, upper: 0.9, count: 200 },
          { id: second!.id, lower: NaN, median: NaN, upper: NaN, count: 0 },
        ],
      },
    } as unknown as Parameters<typeof withSimulation>[1];
    const out = withSimulation(rows, arm);
    expect(out[0]).toMatchObject({
      id: first!.id,
      simulated: { k: 60, n: 81, value: 60 / 81 },
      replicates: { lower: 0.7, median: 0.8, upper: 0.9, count: 200 },
    });
    expect(out[1]!.replicates).toBeNull();
    expect(out[2]).toMatchObject({ id: third!.id, simulated: null, replicates: null });
    expect(withSimulation(rows, null).every((r) => !r.simulated && !r.replicates)).toBe(true);
  });
});

describe('fouryear2013 E10: relapsed during follow-up, all 87 as denominator', () => {
  const study = getStudy('fouryear2013')!;
  const scenario = defaultScenario(study);

  it('reads the model at each patient’s own follow-up, not at 48 months', () => {
    const row = deriveScenario(scenario).rows.find((r) => r.id === 'E10')!;
    // Most of the 87 were followed far less than 48 months (mean 27): the share who relapsed
    // while followed is about 0.31, near the published 20/87 (Wilson 15.4–32.9%), where the
    // trace at 48 months (everyone followed that long) would say 0.57.
    expect(row.model).toBeGreaterThan(0.27);
    expect(row.model).toBeLessThan(0.35);
  });

  it('gives a simulated range over all 87 patients of each replicate trial', () => {
    const sim = simulateScenario(
      scenario,
      scenarioTargets(scenario, study).map((t) => t.target),
    );
    const crude = sim.A.crude.find((c) => c.id === 'E10')!;
    expect(crude.n).toBe(87);
    const range = sim.A.replicates.targets.find((t) => t.id === 'E10')!;
    expect(range.count).toBe(scenario.replicates);
    // 87 patients per trial: a binomial-sized spread around 0.31, not 0–100%.
    expect(range.lower).toBeGreaterThan(0.15);
    expect(range.upper).toBeLessThan(0.5);
  });
});
