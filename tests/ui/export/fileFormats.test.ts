import { csvParse } from 'd3-dsv';
import { calibrate } from '../../../src/model/calibrate/calibrate';
import { DEFAULT_TEMPLATE_OPTIONS } from '../../../src/model/markov/template';
import { summariseFit } from '../../../src/ui/uncertaintyJob';
import { describe, expect, it } from 'vitest';
import { getStudy } from '../../../src/data';
import { defaultScenario } from '../../../src/scenario/defaults';
import { decodeScenario, encodeScenario } from '../../../src/scenario/urlCodec';
import { STUDIES, DEFAULT_STUDY_ID } from '../../../src/data';
import {
  exportFileName,
  readScenarioFile,
  SCENARIO_FORMAT,
  scenarioFileText,
  uncertaintyCsv,
} from '../../../src/ui/export/fileFormats';

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

describe('exportFileName', () => {
  it('names the study, arm and seed, with nothing a file system would trip on', () => {
    expect(exportFileName(scenario, 'curves', 'svg')).toBe('rct2012-single-class-3-curves.svg');
    expect(exportFileName({ ...scenario, arm: '', seed: '../x y' }, 'fit', 'csv')).toBe(
      'rct2012--x-y-fit.csv',
    );
  });
});

describe('uncertaintyCsv', () => {
  it("writes each fitted value's interval, then time in state and life-years, one header", () => {
    const targets = [
      { id: 'F1', label: 'OS', quantity: { kind: 'survival' as const }, time: 60, k: 68, n: 81 },
      {
        id: 'F5',
        label: 'Ever',
        quantity: { kind: 'everRemitted' as const },
        time: 60,
        k: 37,
        n: 81,
      },
    ];
    const result = calibrate({
      template: DEFAULT_TEMPLATE_OPTIONS,
      targets,
      fixed: { relapse: [0.1], deathRemission: [0.01], deathRelapse: [0.04] },
      intervals: true,
      draws: 50,
      drawSeed: 'csv',
    });
    const fit = summariseFit(
      result,
      DEFAULT_TEMPLATE_OPTIONS,
      { horizon: 60, n: 81, seed: 'csv', design: undefined },
      { fitKey: 'f', key: 'k' },
    )!;
    const rows = csvParse(uncertaintyCsv(fit));
    expect(rows.columns).toEqual([
      'quantity',
      'name',
      'estimate',
      'lower',
      'upper',
      'unit',
      'note',
    ]);
    expect(rows.filter((r) => r.quantity === 'intensity').map((r) => r.name)).toEqual(result.free);
    expect(rows.filter((r) => r.quantity === 'time in state').map((r) => r.name)).toEqual([
      'active',
      'remission',
      'relapse',
      'dead',
    ]);
    const life = rows.find((r) => r.quantity === 'life-years alive')!;
    expect(Number(life.lower)).toBeLessThan(Number(life.estimate));
    expect(Number(life.upper)).toBeGreaterThan(Number(life.estimate));
    for (const r of rows) expect(r.estimate).not.toMatch(/NaN|undefined/);
  });
});
