import { describe, expect, it } from 'vitest';
import { DEFAULT_STUDY_ID, STUDIES, getStudy } from '../../../src/data';
import { deriveScenario, scenarioTargets } from '../../../src/scenario/derive';
import { simulateScenario } from '../../../src/scenario/simulation';
import { decodeScenario } from '../../../src/scenario/urlCodec';
import { legendEntries } from '../../../src/ui/curves/chartDescription';
import { curveInfo } from '../../../src/ui/curves/curveCatalogue';
import {
  buildChartSpecs,
  mainCurve,
  shownCurves,
  traceQuantityOf,
} from '../../../src/ui/curves/curveSpecs';
import { CURVE_LIST } from '../../../src/scenario/curves';

/** The three charts of a link, as the browser builds them (10 replicate trials: quick). */
function chartsOf(query: string, choices?: Parameters<typeof buildChartSpecs>[0]['choices']) {
  const { scenario } = decodeScenario(`${query}&r=10`, STUDIES, DEFAULT_STUDY_ID);
  const study = getStudy(scenario.study);
  const derived = deriveScenario(scenario);
  const sim = simulateScenario(
    scenario,
    scenarioTargets(scenario, study).map((t) => t.target),
  );
  return {
    rows: derived.rows,
    specs: buildChartSpecs({
      spec: derived.spec,
      trace: derived.trace,
      rows: derived.rows,
      horizon: scenario.horizon,
      relapseView: scenario.relapseView,
      sim: sim.A,
      ...(choices ? { choices } : {}),
    }),
  };
}

describe('mainCurve', () => {
  it('is survival, in remission, and relapse as the relapse view measures it', () => {
    expect(mainCurve('os', 'km')).toBe('os');
    expect(mainCurve('remission', 'km')).toBe('inRemission');
    expect(mainCurve('relapse', 'cif')).toBe('relapseCif');
    expect(mainCurve('relapse', 'km')).toBe('relapseKm');
  });
});

describe('traceQuantityOf', () => {
  it('draws each curve against the model line of the same quantity, and 1 − KM against none', () => {
    // The table the charts used before they read the catalogue (issue 10).
    expect(Object.fromEntries(CURVE_LIST.map((c) => [c.id, traceQuantityOf(c.id)]))).toEqual({
      os: 'alive',
      inRemission: 'inRemission',
      everRemitted: 'everRemitted',
      inRemissionSurvivors: 'inRemissionSurvivors',
      relapseCif: 'everRelapsed',
      relapseKm: null,
      relapsedAmongRemitted: 'relapsedAmongRemitted',
    });
  });
});

describe('buildChartSpecs: one story per chart', () => {
  const { rows, specs } = chartsOf('?study=followup2018');

  it('shows each chart’s main curve and the curves of the study’s fitted figures, at most two', () => {
    expect(shownCurves(rows, 'cif')).toEqual({
      os: ['os'],
      remission: ['inRemission', 'everRemitted'],
      relapse: ['relapseCif', 'relapsedAmongRemitted'],
    });
  });

  it('has at most four legend entries per chart: trial, expected course, range, published', () => {
    for (const spec of specs) {
      const labels = legendEntries([spec]).map((e) => e.label);
      expect(labels.length, spec.id).toBeLessThanOrEqual(4);
      expect(labels, spec.id).toEqual([
        'This trial',
        'Expected course',
        '95% range of 10 trials',
        'Published figure',
      ]);
    }
  });

  it('has no colour keys for one arm: colour names the curve there, not a group', () => {
    for (const spec of specs) expect(spec.colorKeys, spec.id).toBeUndefined();
  });

  it('gives every published marker its curve’s colour and name', () => {
    const remission = specs.find((s) => s.id === 'remission')!;
    const f5 = remission.points.find((p) => p.id === 'F5')!;
    expect(f5.color).toBe(curveInfo('everRemitted').color);
    expect(f5.curveLabel).toBe('Ever remitted');
    const line = remission.series.find((s) => s.id === 'ever-trace')!;
    expect(line.color).toBe(f5.color);
    expect(line.endLabel).toBe('Ever remitted');
    // The survivors' figure (F4b, a check) is off until its curve is chosen.
    expect(remission.points.map((p) => p.id)).not.toContain('F4b');
  });

  it('marks what grows with the playhead (this trial) and what shows in full (expected course)', () => {
    for (const spec of specs) {
      const roles = spec.series.map((s) => s.role);
      expect(roles, spec.id).toContain('trial');
      expect(roles, spec.id).toContain('expected');
      for (const b of spec.bands) expect(b.role).toBe('range');
    }
  });

  it('fits the value axis to the data (relapse below 100%), or 0–100% when chosen', () => {
    const relapse = specs.find((s) => s.id === 'relapse')!;
    expect(relapse.yMax).toBeLessThan(1);
    expect(relapse.yMax).toBeGreaterThanOrEqual(0.4); // the 24% (9/37) figure’s interval reaches 40%
    expect(specs.find((s) => s.id === 'os')!.yMax).toBe(1);
    const full = chartsOf('?study=followup2018', {
      curves: {},
      fullAxis: { relapse: true },
      kmInterval: false,
    });
    expect(full.specs.find((s) => s.id === 'relapse')!.yMax).toBe(1);
  });

  it('adds a chosen curve and the KM interval, named apart from the range of trials', () => {
    const { specs: more } = chartsOf('?study=followup2018', {
      curves: { relapseKm: true, inRemissionSurvivors: true },
      fullAxis: {},
      kmInterval: true,
    });
    const relapse = more.find((s) => s.id === 'relapse')!;
    expect(relapse.series.map((s) => s.id)).toContain('rel-km');
    expect(more.find((s) => s.id === 'remission')!.points.map((p) => p.id)).toContain('F4b');
    const os = legendEntries([more.find((s) => s.id === 'os')!]);
    expect(os.map((e) => [e.kind, e.label])).toContainEqual(['interval', 'KM 95% interval']);
    expect(os.map((e) => [e.kind, e.label])).toContainEqual(['band', '95% range of 10 trials']);
  });
});

describe('buildChartSpecs: replicate bands', () => {
  /** The charts of followup2018 with `replicates` replicate trials of 20 patients. */
  const bandsWith = (replicates: number) => {
    const q = `?study=followup2018&n=20&r=${replicates}`;
    const { scenario } = decodeScenario(q, STUDIES, DEFAULT_STUDY_ID);
    const derived = deriveScenario(scenario);
    const sim = simulateScenario(
      scenario,
      scenarioTargets(scenario, getStudy(scenario.study)).map((t) => t.target),
    );
    return buildChartSpecs({
      spec: derived.spec,
      trace: derived.trace,
      rows: derived.rows,
      horizon: scenario.horizon,
      relapseView: scenario.relapseView,
      sim: sim.A,
    });
  };

  it('draws a 95% range from 2 replicate trials on, labelled with their number', () => {
    const labels = bandsWith(3).flatMap((c) => c.bands.map((b) => b.label));
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(l).toMatch(/95% range.*3 trials/);
  });

  it('draws no band and calls nothing a range with 0 or 1 replicate trial', () => {
    for (const r of [0, 1]) {
      const specs = bandsWith(r);
      expect(specs.flatMap((c) => c.bands)).toEqual([]);
      expect(JSON.stringify(specs)).not.toMatch(/95% range/);
    }
  });
});

describe('buildChartSpecs: two arms', () => {
  // rct2012 is a two-arm study: single vs double MSCT.
  const { scenario } = decodeScenario('?study=rct2012&r=10', STUDIES, DEFAULT_STUDY_ID);
  const study = getStudy(scenario.study);
  const derived = deriveScenario(scenario);
  const sim = simulateScenario(
    scenario,
    scenarioTargets(scenario, study).map((t) => t.target),
  );
  const specs = buildChartSpecs({
    spec: derived.spec,
    trace: derived.trace,
    rows: derived.rows,
    horizon: scenario.horizon,
    relapseView: scenario.relapseView,
    sim: sim.A,
    specB: derived.specB!,
    traceB: derived.traceB!,
    simB: sim.B,
    labelA: 'Single MSCT',
    labelB: 'Double MSCT',
  });

  it('opens each legend with which colour is which arm, in the colours the arms are drawn in', () => {
    for (const spec of specs) {
      const entries = legendEntries([spec]);
      expect(
        entries.slice(0, 2).map((e) => [e.kind, e.label]),
        spec.id,
      ).toEqual([
        ['key', 'Single MSCT'],
        ['key', 'Double MSCT'],
      ]);
      const trials = spec.series.filter((s) => s.role === 'trial');
      expect(trials.find((s) => s.id.endsWith('-B'))?.color, spec.id).toBe(entries[1]!.color);
      expect(trials.find((s) => !s.id.endsWith('-B'))?.color, spec.id).toBe(entries[0]!.color);
      expect(entries[0]!.color).not.toBe(entries[1]!.color);
      expect(new Set(spec.series.map((s) => s.color))).toEqual(
        new Set([entries[0]!.color, entries[1]!.color]),
      );
    }
  });
});
