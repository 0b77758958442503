import { spawnSync } from 'node:child_process';
import { csvParse } from 'd3-dsv';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STUDY_ID, STUDIES, getStudy } from '../../src/data';
import { shortCitation } from '../../src/data/citation';
import { CURVE_IDS } from '../../src/model/estimate/curves';
import { quantityFromTrace } from '../../src/model/estimate/proportions';
import { simulateScenario } from '../../src/scenario/simulation';
import { endpointData, stackArms } from '../../src/model/estimate/armComparison';
import { coxBinary } from '../../src/model/estimate/coxBinary';
import { logRank } from '../../src/model/estimate/logRank';
import { buildModel } from '../../src/model/markov/template';
import { followUpDesign } from '../../src/scenario/scenario';
import type { Quantity } from '../../src/model/types';
import { decodeScenario, encodeScenario } from '../../src/scenario/urlCodec';
import { deriveScenario, fitRows, scenarioTargets } from '../../src/scenario/derive';
import {
  curveTimes,
  jsonArray,
  jsonNumber,
  linkBase,
  parseCliArgs,
  renderFitReport,
  renderReport,
  renderTable,
  runFit,
  runPatients,
  runScenario,
  shapeFitReport,
  shapeReport,
  type JsonCurves,
  type JsonFitRow,
  type JsonReport,
} from '../../src/cli/simulateReport';

/**
 * The CLI (src/cli/simulate.ts) run as a child process, checked against the model computed here
 * in-process through the browser's code path. Spawns are few (each costs about a second); the
 * shaping and argument parsing are unit-tested without spawning.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Generous: a child process on a loaded 2-core machine, never a measure of speed. */
const CHILD_TIMEOUT_MS = 120_000;

interface Cli {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Cli {
  const r = spawnSync('npx', ['tsx', 'src/cli/simulate.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: CHILD_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What JSON makes of a number: NaN/±Infinity → null, −0 → 0. */
const j = (x: number): number | null => (Number.isFinite(x) ? x + 0 : null);
const ja = (a: ArrayLike<number>): (number | null)[] => Array.from(a, j);

/**
 * The fit rows and curves of a query computed in-process, exactly as the browser does:
 * decodeScenario → scenarioTargets → simulateScenario, and deriveScenario for trace and model.
 */
function expected(query: string) {
  const { scenario } = decodeScenario(query, STUDIES, DEFAULT_STUDY_ID);
  const withFigures = scenarioTargets(scenario, getStudy(scenario.study));
  const derived = deriveScenario(scenario);
  const sim = simulateScenario(
    scenario,
    withFigures.map((t) => t.target),
  );
  const arm = (
    rows: ReturnType<typeof fitRows>,
    a: NonNullable<typeof sim.B>,
  ): { fit: JsonFitRow[]; curves: Omit<JsonCurves, 'trace'> } => ({
    fit: rows.map((r) => {
      const c = a.crude.find((x) => x.id === r.id);
      const d = a.replicates.targets.find((x) => x.id === r.id);
      return {
        id: r.id,
        label: r.label,
        time: r.time,
        k: r.k,
        n: r.n,
        observed: j(r.observed),
        lower: j(r.lower),
        upper: j(r.upper),
        model: j(r.model),
        inside: r.inside,
        supported: r.supported,
        role: r.role,
        published: r.figure?.published ?? null,
        simulated: c ? { k: c.k, n: c.n, value: c.empty ? null : j(c.value) } : null,
        replicates:
          d && d.count > 0
            ? { lower: j(d.lower), median: j(d.median), upper: j(d.upper), count: d.count }
            : null,
      };
    }),
    curves: {
      grid: Array.from(a.estimates.grid),
      simulated: Object.fromEntries(
        CURVE_IDS.map((id) => [id, ja(a.estimates.values[id])]),
      ) as JsonCurves['simulated'],
      bands: Object.fromEntries(
        CURVE_IDS.map((id) => {
          const b = a.replicates.bands[id];
          return [id, { lower: ja(b.lower), median: ja(b.median), upper: ja(b.upper) }];
        }),
      ) as JsonCurves['bands'],
    },
  });
  const A = arm(derived.rows, sim.A);
  const rowsB = derived.specB
    ? fitRows(derived.specB, withFigures, followUpDesign(scenario), scenario.horizon)
    : null;
  const B = sim.B && rowsB ? arm(rowsB, sim.B) : null;
  return { scenario, derived, A, B };
}

/** The trace lines of the JSON match the model's own quantities read off the trace. */
function expectTraceMatches(
  curves: JsonCurves,
  spec: ReturnType<typeof deriveScenario>['spec'],
  trace: ReturnType<typeof deriveScenario>['trace'],
): void {
  expect(curves.trace.times).toEqual(Array.from(trace.times));
  const q: [keyof JsonCurves['trace'], Quantity][] = [
    ['alive', { kind: 'survival' }],
    ['everRemitted', { kind: 'everRemitted' }],
    ['inRemission', { kind: 'inState', which: 'remission', denominator: 'enrolled' }],
  ];
  trace.times.forEach((t, i) => {
    for (const [key, quantity] of q) {
      const v = curves.trace[key][i];
      expect(typeof v).toBe('number');
      expect(v as number).toBeCloseTo(quantityFromTrace(spec, trace, quantity, t), 12);
    }
    if (t > 0) {
      expect(curves.trace.relapsedAmongRemitted[i] as number).toBeCloseTo(
        quantityFromTrace(spec, trace, { kind: 'relapsedAmongRemitted' }, t),
        12,
      );
    }
  });
}

// Each spawn starts tsx and the model from scratch: seconds on a busy machine. The timeouts only
// catch a hang; how fast the CLI is belongs to `npm run bench`.
describe('simulate CLI (child process)', { timeout: CHILD_TIMEOUT_MS }, () => {
  const DEFAULT_QUERY = 'study=followup2018';
  let run: Cli;
  let json: JsonReport;

  beforeAll(() => {
    run = cli('--scenario', DEFAULT_QUERY, '--json');
    json = JSON.parse(run.stdout) as JsonReport;
  }, CHILD_TIMEOUT_MS);

  it('--json prints one JSON object whose fit rows and curves equal the in-process model', () => {
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).not.toMatch(/NaN|Infinity/);
    const exp = expected(DEFAULT_QUERY);
    expect(json.scenario).toEqual(exp.scenario);
    expect(json.query).toBe(encodeScenario(exp.scenario));
    expect(json.study.id).toBe('followup2018');
    expect(json.study.citation.doi).toBe('10.1016/j.stemcr.2018.01.029');
    expect(json.intensities).toEqual(exp.scenario.intensities);
    expect(json.fit).toEqual(exp.A.fit);
    expect(json.curves.grid).toEqual(exp.A.curves.grid);
    expect(json.curves.simulated).toEqual(exp.A.curves.simulated);
    expect(json.curves.bands).toEqual(exp.A.curves.bands);
    expectTraceMatches(json.curves, exp.derived.spec, exp.derived.trace);
    expect(json.compare).toBeNull();
  });

  it('--json for study=followup2018 has F1, F4, F5 and F6 inside their Wilson intervals', () => {
    for (const id of ['F1', 'F4', 'F5', 'F6']) {
      const row = json.fit.find((r) => r.id === id);
      expect(row, id).toBeDefined();
      expect(row!.inside, id).toBe(true);
      expect(row!.model!).toBeGreaterThanOrEqual(row!.lower!);
      expect(row!.model!).toBeLessThanOrEqual(row!.upper!);
      expect(row!.simulated).not.toBeNull();
      expect(row!.replicates).not.toBeNull();
    }
    // F2/F3 need split remission: no model value, null (never NaN) in JSON.
    const f2 = json.fit.find((r) => r.id === 'F2');
    expect(f2?.supported).toBe(false);
    expect(f2?.model).toBeNull();
  });

  it('a full URL with a comparison arm and custom targets gives the same numbers as in-process', () => {
    const url =
      'http://localhost:5173/app/?v=1&study=rct2012&seed=cli-test&n=30&r=25' +
      '&t=X1:os:12:55:58;X2:ever:12:20:58;X3:rar:12:1:20&cmp=1&bl=Double&bn=28&crn=0&b.rel=0.2';
    const r = cli('--json', '--scenario', url);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/warning/);
    const out = JSON.parse(r.stdout) as JsonReport;
    const exp = expected(url);
    expect(out.scenario).toEqual(exp.scenario);
    expect(out.fit.map((f) => f.id)).toEqual(['X1', 'X2', 'X3']);
    expect(out.fit).toEqual(exp.A.fit);
    expect(out.curves.simulated).toEqual(exp.A.curves.simulated);
    expect(out.curves.bands).toEqual(exp.A.curves.bands);
    expect(out.compare).not.toBeNull();
    expect(out.compare!.label).toBe('Double');
    expect(out.compare!.n).toBe(28);
    expect(out.compare!.fit).toEqual(exp.B!.fit);
    expect(out.compare!.curves.simulated).toEqual(exp.B!.curves.simulated);
    expect(out.compare!.curves.bands).toEqual(exp.B!.curves.bands);
    expectTraceMatches(out.compare!.curves, exp.derived.specB!, exp.derived.traceB!);
  });

  it('--patients prints every path as CSV; on a comparison arm A is the single-arm cohort', () => {
    const single =
      'v=2&study=followup2018&seed=cli-patients&n=40&h=60&r=7&cens=1&acc=24&cut=60&loss=0.05';
    const compared = `${single}&cmp=1&bn=50&crn=1&b.rel=0.05`;
    const one = cli('--scenario', single, '--patients');
    const two = cli('--patients', '--scenario', compared);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(one.stderr).toBe('');
    const rowsOne = csvParse(one.stdout);
    const rowsTwo = csvParse(two.stdout);
    expect(rowsOne.columns).toEqual(['patient', 'time_months', 'state']);
    expect(rowsTwo.columns).toEqual(['arm', 'patient', 'time_months', 'state']);
    const line = (r: Record<string, string | undefined>) =>
      [r.patient, r.time_months, r.state].join(',');
    expect(rowsTwo.filter((r) => r.arm === 'A').map(line)).toEqual(rowsOne.map(line));
    expect(new Set(rowsTwo.filter((r) => r.arm === 'B').map((r) => r.patient)).size).toBe(50);

    // The rows are the in-process cohort's events at full precision (a state per entry,
    // `censored` at follow-up for patients alive then).
    const { scenario } = decodeScenario(single, STUDIES, DEFAULT_STUDY_ID);
    const { cohort } = simulateScenario(scenario, []).A;
    const spec = deriveScenario(scenario).spec;
    const expectedRows: string[] = [];
    for (let p = 0; p < cohort.n; p++) {
      let last = -1;
      for (let e = cohort.offsets[p]!; e < cohort.offsets[p + 1]!; e++) {
        if (cohort.eventTime[e]! > cohort.followUp[p]!) break;
        last = cohort.eventState[e]!;
        expectedRows.push(`${p + 1},${cohort.eventTime[e]!},${spec.states[last]!.id}`);
      }
      if (spec.states[last]!.alive) expectedRows.push(`${p + 1},${cohort.followUp[p]!},censored`);
    }
    expect(rowsOne.map(line)).toEqual(expectedRows);

    // Common random numbers with only the relapse rate changed: a patient of arm B who never
    // remitted within follow-up is arm A's patient, row for row.
    const byPatient = (arm: string) => {
      const m = new Map<string, string[]>();
      for (const r of rowsTwo.filter((x) => x.arm === arm)) {
        m.set(r.patient!, [...(m.get(r.patient!) ?? []), line(r)]);
      }
      return m;
    };
    const a = byPatient('A');
    const b = byPatient('B');
    let never = 0;
    for (const [p, rows] of a) {
      if (rows.some((r) => r.endsWith(',remission'))) continue;
      never++;
      expect(b.get(p)).toEqual(rows);
    }
    expect(never).toBeGreaterThan(0);
  }, 60_000);

  it('--patients cannot be combined with --json or --fit', () => {
    const r = cli('--patients', '--json');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--patients');
  }, 30_000);

  it('an unknown flag exits with code 2 and names the flag', () => {
    const r = cli('--scenario', DEFAULT_QUERY, '--bogus-flag');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--bogus-flag');
    expect(r.stdout).toBe('');
  });

  it('bad values in the scenario are warnings naming n and seed; the JSON still comes', () => {
    const r = cli('--scenario', 'study=followup2018&n=abc&seed=<b>', '--json');
    expect(r.status).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning:'));
    expect(warnings.some((l) => /^warning: n: .*abc.*used 81/.test(l))).toBe(true);
    expect(warnings.some((l) => /^warning: seed: .*<b>.*used lupus/.test(l))).toBe(true);
    const out = JSON.parse(r.stdout) as JsonReport;
    expect(out.scenario.n).toBe(81);
    expect(out.scenario.seed).toBe('lupus');
    expect(out.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['n', 'seed']));
  });

  it('--fit calibrates followup2018 to a feasible, converged fit with every target inside', () => {
    const r = cli('--fit', '--json', '--scenario', DEFAULT_QUERY);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      targetSource: string;
      calibration: {
        feasible: boolean;
        converged: boolean;
        logLik: number;
        conflicts: string[][];
        intensities: Record<string, number[]>;
        fit: { id: string; inside: boolean }[];
      };
    };
    expect(out.targetSource).toBe('study');
    expect(out.calibration.feasible).toBe(true);
    expect(out.calibration.converged).toBe(true);
    expect(out.calibration.conflicts).toEqual([]);
    expect(Number.isFinite(out.calibration.logLik)).toBe(true);
    expect(out.calibration.fit.map((f) => f.id)).toEqual(['F1', 'F4', 'F5', 'F6']);
    expect(out.calibration.fit.every((f) => f.inside)).toBe(true);
    expect(Object.keys(out.calibration.intensities)).toContain('relapse');
  }, 60_000);

  it("--fit --json prints each fitted value's interval, the seeded draws and the time in each state", () => {
    type Out = {
      calibration: {
        free: string[];
        intensities: Record<string, number[]>;
        intervals: { name: string; estimate: number; lower: number; upper: number }[];
        draws: { seed: string; sets: Record<string, number[]>[] };
        timeInState: { lanes: { lane: string; months: number }[]; lifeYears: { years: number } };
      };
    };
    const a = JSON.parse(
      cli('--fit', '--json', '--scenario', `${DEFAULT_QUERY}&seed=s1`).stdout,
    ) as Out;
    const again = JSON.parse(
      cli('--fit', '--json', '--scenario', `${DEFAULT_QUERY}&seed=s1`).stdout,
    ) as Out;
    const other = JSON.parse(
      cli('--fit', '--json', '--scenario', `${DEFAULT_QUERY}&seed=s2`).stdout,
    ) as Out;
    const c = a.calibration;
    expect(c.intervals.map((i) => i.name)).toEqual(c.free);
    const rel = c.intervals.find((i) => i.name === 'relapse')!;
    expect(rel.estimate).toBeCloseTo(c.intensities.relapse![0]!, 12);
    expect(rel.lower).toBeLessThan(rel.estimate);
    expect(rel.upper).toBeGreaterThan(rel.estimate);
    // Draws: seeded from the scenario seed, reproducible, different for another seed.
    expect(c.draws.seed).toBe('s1');
    expect(c.draws.sets.length).toBeGreaterThan(0);
    expect(again.calibration.draws).toEqual(c.draws);
    expect(other.calibration.draws.sets).not.toEqual(c.draws.sets);
    expect(c.timeInState.lanes.reduce((x, l) => x + l.months, 0)).toBeCloseTo(60, 8);
    expect(c.timeInState.lifeYears.years).toBeGreaterThan(4);
  }, 60_000);
});

describe('simulateReport (in-process)', () => {
  it('parses arguments and names the offending one', () => {
    expect(parseCliArgs(['--scenario', 'study=x', '--json'])).toEqual({
      ok: true,
      options: { scenario: 'study=x', json: true, fit: false, patients: false, help: false },
    });
    expect(parseCliArgs(['--scenario=?v=1&study=x', '--fit'])).toMatchObject({
      ok: true,
      options: { scenario: '?v=1&study=x', fit: true },
    });
    expect(parseCliArgs([])).toMatchObject({ ok: true, options: { scenario: '' } });
    expect(parseCliArgs(['-h'])).toMatchObject({ ok: true, options: { help: true } });
    const bad: [string[], string][] = [
      [['--scenario'], '--scenario'],
      [['--scenario', '--json'], '--scenario'],
      [['--scenario='], '--scenario'],
      [['--scenario', 'a', '--scenario', 'b'], '--scenario'],
      [['--jsn'], '--jsn'],
      [['study=x'], 'study=x'],
      [['--json=1'], '--json'],
      [['--fit', '--fit'], '--fit'],
      [['--patients', '--fit'], '--patients'],
      [['--patients=1'], '--patients'],
    ];
    for (const [argv, name] of bad) {
      const r = parseCliArgs(argv);
      expect(r.ok, argv.join(' ')).toBe(false);
      if (!r.ok) expect(r.message).toContain(name);
    }
  });

  it('shapes numbers for JSON: NaN and Infinity become null, typed arrays plain arrays', () => {
    expect(jsonArray(new Float64Array([0.5, NaN, Infinity, -Infinity, 1]))).toEqual([
      0.5,
      null,
      null,
      null,
      1,
    ]);
  });

  it('formats links', () => {
    expect(linkBase('http://example.org/sim/?v=1&study=x')).toBe('http://example.org/sim/');
    expect(linkBase('study=x')).toBe('');
  });

  it('renders aligned plain-text tables', () => {
    const t = renderTable(
      ['Id', 'Value'],
      [
        ['F1', '84.0%'],
        ['F10', '5.0%'],
      ],
    );
    expect(t.split('\n')).toEqual(['Id   Value', '---  -----', 'F1   84.0%', 'F10   5.0%']);
  });

  it('picks curve times: every 12 months and each published time within the horizon', () => {
    const grid = Array.from({ length: 61 }, (_, i) => i);
    expect(curveTimes(grid, [60, 9, 8.25, 72, 0])).toEqual([8.25, 9, 12, 24, 36, 48, 60]);
  });

  it('shapes a run deterministically with no NaN in its JSON', () => {
    const q = 'v=1&study=multicentre2012&seed=unit&r=5';
    const a = JSON.stringify(shapeReport(runScenario(q)));
    const b = JSON.stringify(shapeReport(runScenario(q)));
    expect(a).toBe(b);
    expect(a).not.toMatch(/NaN|Infinity/);
    const parsed = JSON.parse(a) as JsonReport;
    // multicentre2012 has figures the default structure cannot express (split remission).
    expect(parsed.fit.some((r) => r.model === null && !r.supported)).toBe(true);
  });

  it('counts one patient and one replicate trial in the singular, and calls no single trial a range', () => {
    const run = runScenario('study=followup2018&n=1&r=1');
    const text = renderReport(shapeReport(run), run);
    expect(text).toMatch(/n = 1, .*1 replicate trial, censoring/);
    expect(text).not.toMatch(/1 replicate trials|1 patients/);
    expect(text).toContain('Replicates (R=1: too few for a range)');
    expect(text).not.toContain('2.5–97.5% (R=1)');
  });

  it('--fit for followup2018 reports 0 degrees of freedom and no p-value, in text and JSON', () => {
    const run = runFit('study=followup2018');
    expect(run.result.free).toHaveLength(4);
    const json = shapeFitReport(run) as { calibration: { df: number; pValue: number | null } };
    expect(json.calibration.df).toBe(0);
    expect(json.calibration.pValue).toBeNull();
    const text = renderFitReport(run);
    expect(text).toMatch(/deviance \(df\) +\d+\.\d{4} \(0\)/);
    expect(text).toMatch(/p-value +none: 0 degrees of freedom/);
  });

  it.each(STUDIES.map((s) => [s.id] as const))(
    'names the sources of %s by citation, never by an internal document name',
    (id) => {
      const run = runScenario(`study=${id}&r=2&n=20`);
      const report = shapeReport(run);
      const text = renderReport(report, run);
      for (const out of [text, JSON.stringify(report)]) {
        expect(out).not.toMatch(/\b\d{3}_[0-9a-f]{16}\b|\.txt\b|seed (document|file)/);
      }
      const study = getStudy(id)!;
      if (study.figures.some((f) => f.role !== 'context'))
        expect(text).toContain(shortCitation(study.citation));
    },
  );
});

describe('simulateReport: two arms', () => {
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
