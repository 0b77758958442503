import { describe, expect, it } from 'vitest';
import { getStudy } from '../../../src/data';
import { defaultScenario } from '../../../src/scenario/scenario';
import { decodeScenario, encodeScenario } from '../../../src/scenario/urlCodec';
import { STUDIES, DEFAULT_STUDY_ID } from '../../../src/data';
import {
  exportFileName,
  fitCsvRows,
  readScenarioFile,
  SCENARIO_FORMAT,
  scenarioFileText,
} from '../../../src/ui/export/fileFormats';
import { fitRows, scenarioTargets } from '../../../src/scenario/derive';
import { buildModel } from '../../../src/model/markov/template';

const study = getStudy('rct2012')!;
const scenario = {
  ...defaultScenario(study, study.design.arms[0]!.id),
  seed: 'class-3',
  compare: {
    label: 'Double <b>MSCT</b>',
    intensities: defaultScenario(study).intensities,
    n: 28,
    crn: false,
  },
};

describe('scenario files', () => {
  it('write the format, version, link query and scenario, and read back the same scenario', () => {
    const text = scenarioFileText(scenario);
    const file = JSON.parse(text) as Record<string, unknown>;
    expect(file.format).toBe(SCENARIO_FORMAT);
    expect(file.version).toBe(1);
    expect(file.query).toBe(encodeScenario(scenario));
    const r = readScenarioFile(text);
    expect(r.ok && r.problems).toEqual([]);
    expect(r.ok && r.scenario).toEqual(scenario);
  });

  it('keep the sampler they were written with; a file from before version 2 replays version 1', () => {
    const text = scenarioFileText(scenario);
    expect((JSON.parse(text) as { scenario: { sampler: number } }).scenario.sampler).toBe(2);
    const old = JSON.parse(text) as { query: string; scenario: Record<string, unknown> };
    delete old.scenario.sampler;
    old.query = old.query.replace(/^v=2&/, 'v=1&');
    const r = readScenarioFile(JSON.stringify(old));
    expect(r.ok && r.problems).toEqual([]);
    expect(r.ok && r.scenario).toEqual({ ...scenario, sampler: 1 });
  });

  it('fall back to the query when the file has no scenario object', () => {
    const text = JSON.stringify({
      format: SCENARIO_FORMAT,
      version: 1,
      query: encodeScenario(scenario),
    });
    const r = readScenarioFile(text);
    expect(r.ok && r.scenario).toEqual(
      decodeScenario(encodeScenario(scenario), STUDIES, DEFAULT_STUDY_ID).scenario,
    );
  });

  it('report every fixed field, and refuse files that are not scenario files', () => {
    const bad = JSON.stringify({
      format: SCENARIO_FORMAT,
      version: 7,
      scenario: { ...scenario, n: -5, seed: '<script>' },
    });
    const r = readScenarioFile(bad);
    expect(r.ok).toBe(true);
    if (r.ok) {
      const fields = r.problems.map((p) => p.field);
      expect(fields).toContain('version');
      expect(fields).toContain('n');
      expect(fields).toContain('seed');
      expect(r.scenario.n).toBeGreaterThan(0);
    }
    expect(readScenarioFile('{not json').ok).toBe(false);
    expect(readScenarioFile('[1,2]').ok).toBe(false);
    const other = readScenarioFile(JSON.stringify({ format: 'msct-saved-scenarios' }));
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.message).toContain('msct-saved-scenarios');
    expect(readScenarioFile(JSON.stringify({ format: SCENARIO_FORMAT, version: 1 })).ok).toBe(
      false,
    );
  });
});

describe('fitCsvRows', () => {
  it('adds the median over replicate trials as the simulated column, empty without one', () => {
    const s = defaultScenario(getStudy('followup2018')!);
    const rows = fitRows(
      buildModel(s.template, s.intensities),
      scenarioTargets(s, getStudy(s.study)),
    );
    const [first, second] = rows;
    const out = fitCsvRows(rows, [
      { id: first!.id, lower: 0.7, median: 0.8, upper: 0.9, count: 200 },
      { id: second!.id, lower: NaN, median: NaN, upper: NaN, count: 0 },
    ]);
    expect(out[0]).toMatchObject({ id: first!.id, k: first!.k, n: first!.n, simulated: 0.8 });
    expect(out[1]!.simulated).toBeNull();
    expect(fitCsvRows(rows, undefined).every((r) => r.simulated === null)).toBe(true);
  });
});

describe('exportFileName', () => {
  it('names the study, arm and seed, with nothing a file system would trip on', () => {
    expect(exportFileName(scenario, 'curves', 'svg')).toBe('rct2012-single-class-3-curves.svg');
    expect(exportFileName({ ...scenario, arm: '', seed: '../x y' }, 'fit', 'csv')).toBe(
      'rct2012--x-y-fit.csv',
    );
  });
});
