import { spawnSync } from 'node:child_process';
import { csvParse } from 'd3-dsv';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STUDY_ID, STUDIES, getStudy } from '../../src/data';
import { CURVE_IDS } from '../../src/model/estimate/curves';
import { quantityFromTrace } from '../../src/model/estimate/proportions';
import { simulateScenario } from '../../src/scenario/simulation';
import { followUpDesign } from '../../src/scenario/scenario';
import type { Quantity } from '../../src/model/types';
import { decodeScenario, encodeScenario } from '../../src/scenario/urlCodec';
import { deriveScenario, fitRows, scenarioTargets } from '../../src/scenario/derive';
import type { JsonCurves, JsonFitRow, JsonReport } from '../../src/cli/jsonReport';

/**
 * The CLI (src/cli/simulate.ts) run as a child process, checked against the model computed here
 * in-process through the browser's code path. Spawns are few (each costs about a second); the
 * shaping and argument parsing are unit-tested without spawning (args, run, shapeJson, render*).
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
