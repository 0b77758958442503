import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { endpointData, stackArms } from '../../src/model/estimate/armComparison';
import { coxBinary } from '../../src/model/estimate/coxBinary';
import { logRank } from '../../src/model/estimate/logRank';
import { buildModel } from '../../src/model/markov/template';
import { jsonNumber, shapeReport } from '../../src/cli/shapeJson';
import { renderFitReport, renderReport } from '../../src/cli/renderReport';
import { runFit, runPatients, runScenario } from '../../src/cli/run';

describe('runScenario: two arms', () => {
  const run = runScenario('study=rct2012&seed=cli-two-arms&r=50');
  const report = shapeReport(run);

  it('names each endpoint and gives log-rank, hazard ratio (Wald 95%) and power at full precision', () => {
    const c = report.comparison!;
    expect(c.endpoints.map((e) => [e.endpoint, e.name])).toEqual([
      ['os', 'overall survival'],
      ['remission', 'time to first remission'],
    ]);
    const rem = c.endpoints[1]!;
    expect(rem.logRank.df).toBe(1);
    expect(rem.power!.trials).toBe(50);
    expect(rem.power!.lower!).toBeLessThanOrEqual(rem.power!.proportion!);
    expect(c.differenceMode.id).toBe('independent');
    expect(c.rateSources.map((r) => r.arm)).toEqual(['A', 'B']);
  });

  it('computes them on the very patients of the shown cohorts of both arms', () => {
    const s = run.scenario;
    const specA = buildModel(s.template, s.intensities);
    const specB = buildModel(s.template, s.compare!.intensities);
    const a = endpointData(run.sim.A.cohort, specA, 'remission');
    const b = endpointData(run.sim.B!.cohort, specB, 'remission');
    const stacked = stackArms(a, b);
    const lr = logRank(stacked.time, stacked.event, stacked.group);
    const cox = coxBinary(stacked.time, stacked.event, stacked.group);
    const rem = report.comparison!.endpoints[1]!;
    expect(rem.logRank.chiSquare).toBe(lr.chiSquare);
    expect(rem.logRank.pValue).toBe(lr.pValue);
    expect(rem.hazardRatio.estimate).toBe(jsonNumber(cox.hazardRatio));
    expect(rem.hazardRatio.lower).toBe(jsonNumber(cox.lower));
    expect(report.endpoints.remission.n).toBe(30);
    expect(report.compare!.endpoints.remission.n).toBe(28);
    expect(report.endpoints.os.riskTable.times).toEqual([0, 3, 6, 9, 12]);
  });

  it('computes them on the very patients that --patients prints for the same link', () => {
    // Each endpoint is rebuilt from the printed rows alone (not from the run's cohorts): overall
    // survival ends at the first dead state, else is censored at the `censored` row; time to
    // first remission ends at the first remission state, else is censored at death or follow-up.
    const link = 'study=rct2012&seed=cli-two-arms&r=50&cens=1&acc=6&cut=12&loss=0.1';
    const two = runScenario(link);
    const shaped = shapeReport(two);
    const rows = csvParse(runPatients(link).csv);
    const spec = buildModel(two.scenario.template, two.scenario.intensities);
    const stateOf = (id: string) => spec.states.find((st) => st.id === id);
    const arm = (key: string) => {
      const byPatient = new Map<string, { time: number; state: string }[]>();
      for (const r of rows) {
        if (r.arm !== key) continue;
        const list = byPatient.get(r.patient!) ?? [];
        list.push({ time: Number(r.time_months), state: r.state! });
        byPatient.set(r.patient!, list);
      }
      const os = { time: [] as number[], event: [] as number[] };
      const rem = { time: [] as number[], event: [] as number[] };
      for (const path of byPatient.values()) {
        const end = path[path.length - 1]!;
        const death = path.find((x) => stateOf(x.state)?.alive === false);
        const remission = path.find((x) => stateOf(x.state)?.inRemission === true);
        os.time.push(death ? death.time : end.time);
        os.event.push(death ? 1 : 0);
        rem.time.push(remission ? remission.time : end.time);
        rem.event.push(remission ? 1 : 0);
      }
      const data = (d: { time: number[]; event: number[] }) => ({
        time: Float64Array.from(d.time),
        event: Uint8Array.from(d.event),
      });
      return { os: data(os), remission: data(rem) };
    };
    const a = arm('A');
    const b = arm('B');
    expect(a.os.time.length).toBe(30);
    expect(b.os.time.length).toBe(28);
    for (const [k, id] of [
      [0, 'os'],
      [1, 'remission'],
    ] as const) {
      const s2 = stackArms(a[id], b[id]);
      const lr = logRank(s2.time, s2.event, s2.group);
      const cox = coxBinary(s2.time, s2.event, s2.group);
      const got = shaped.comparison!.endpoints[k]!;
      expect(got.endpoint).toBe(id);
      expect(got.logRank.chiSquare).toBe(lr.chiSquare);
      expect(got.logRank.pValue).toBe(lr.pValue);
      expect(got.hazardRatio.estimate).toBe(jsonNumber(cox.hazardRatio));
      expect(got.hazardRatio.upper).toBe(jsonNumber(cox.upper));
    }
  });

  it('prints the at-risk tables, the log-rank line and the power in the text report', () => {
    const text = renderReport(report, run);
    expect(text).toContain('At risk');
    expect(text).toMatch(/time to first remission: log-rank χ² = \d+\.\d\d \(1 df\), p [=<] /);
    expect(text).toMatch(
      /\d+% of 50 trials of 30 vs 28 \(95% CI \d+–\d+%\) reach log-rank p < 0\.05/,
    );
    expect(text).toContain('Wang 2018 (5-year follow-up, n = 81)');
    expect(JSON.stringify(report)).not.toMatch(/\bNaN\b|\bInfinity\b/);
    expect(text).not.toMatch(/\bNaN\b|\bundefined\b/);
  });
});

describe('runFit with digitised curves (a scenario file holding a curve)', () => {
  const CURVE = {
    id: 'os',
    label: 'OS, digitised',
    endpoint: 'overallSurvival' as const,
    points: [
      [0, 1],
      [3, 0.95],
      [6, 0.9],
      [9, 0.88],
      [12, 0.85],
      [18, 0.8],
      [24, 0.76],
    ] as [number, number][],
    atRisk: [
      [0, 40],
      [12, 30],
    ] as [number, number][],
    totalEvents: null,
  };

  it('fits a study with no k/n targets to the curve alone and shows it as a row', () => {
    // rct2012 has no calibration targets: without the curve there is nothing to fit.
    expect(() => runFit('study=rct2012')).toThrow(/nothing to fit/);
    const run = runFit('study=rct2012', [CURVE]);
    expect(run.curves).toHaveLength(1);
    expect(run.curves[0]!.n).toBe(40);
    expect(run.curves[0]!.gap).toBeLessThan(0.05);
    expect(run.result.extraLogLik[0]!.id).toBe('curve:os');
    expect(renderFitReport(run)).toMatch(/Digitised curves[\s\S]*os\s+OS, digitised\s+40/);
  }, 60_000);
});
