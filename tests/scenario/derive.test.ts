import { describe, expect, it } from 'vitest';
import { getStudy } from '../../src/data';
import { buildModel } from '../../src/model/markov/template';
import { wilsonInterval } from '../../src/model/estimate/wilson';
import { defaultScenario } from '../../src/scenario/scenario';
import { fitRows, scenarioTargets, withSimulation } from '../../src/scenario/derive';

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
