/**
 * `npm run bench`: measures the engine (Node, one core) and the built app (headless Chromium) and
 * prints one table against the budgets of issue 14.
 *
 *   --json          print ONE JSON object instead (stable keys, see `Report`)
 *   --check         exit non-zero when a budget is missed (not part of `npm test`: speed is
 *                   measured here, never in a test)
 *   --peers         also run the peers (R microsimulation, survival::survfit) in the same run
 *   --node-only     skip the browser figures (they need a build and Chromium)
 *
 * Each figure is a median after warm-up runs (see scripts/bench/*.bench.ts). Without --check the
 * exit code is non-zero only when a benchmark throws.
 */
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { benchCalibrate } from './bench/calibrate.bench';
import { benchEngine, type EngineFigures } from './bench/engine.bench';
import { benchReplicates } from './bench/replicates.bench';
import { benchTrace } from './bench/trace.bench';
import type { BrowserFigures } from './bench/browser.bench';
import { benchPeers, peerLines, type PeerFigures } from './bench/peers.bench';

/** Everything `npm run bench -- --json` prints: one object, these keys, always present. */
type Report = EngineFigures &
  BrowserFigures & {
    machine: {
      cpu: string;
      cores: number;
      memoryGB: number;
      os: string;
      node: string;
      /** One-minute load average at the start and the end of the run (other jobs' share). */
      loadAverage: [number, number];
    };
    traceMs: number;
    calibrateMs: number;
    replicatesMs: number;
    /** Figures over budget (their key paths); empty when all pass. */
    over: string[];
    /** The budgets the check uses, by key path. */
    budgets: Record<string, string>;
    peers?: PeerFigures | { skipped: string };
  };

/** One budget: a key path of the report, `max` or `min`, and its unit. */
interface Budget {
  key: string;
  unit: string;
  max?: number;
  min?: number;
  /** Budgets of browser figures are skipped with --node-only. */
  browser?: boolean;
}

/** The budgets (issue 14; frame intervals are relative to the display's refresh interval). */
function budgets(report: Partial<Report>): Budget[] {
  const refresh = report.refreshMs ?? 1000 / 60;
  const frames = Object.keys(report.frameMsMedian ?? {}).flatMap((n): Budget[] => [
    { key: `frameMsMedian.${n}`, unit: 'ms', max: 1.1 * refresh, browser: true },
    { key: `frameMsP95.${n}`, unit: 'ms', max: 2 * refresh, browser: true },
  ]);
  return [
    { key: 'rngDrawsPerSec', unit: '/s', min: 5e7 },
    { key: 'simPatientYearsPerSec', unit: '/s', min: 1e7 },
    { key: 'microsimMsPer1e6', unit: 'ms', max: 1000 },
    { key: 'microsimV1MsPer1e6', unit: 'ms', max: 1000 },
    // Issue 11: patient clocks may cost at most 30% more than the frozen version-1 sampler.
    { key: 'samplerRatio', unit: '×', max: 1.3 },
    { key: 'bytesPerPatient', unit: 'B', max: 64 },
    { key: 'kaplanMeierMsPer1e6', unit: 'ms', max: 1000 },
    // A million-patient trial in the app: its curves should cost no more than a second.
    { key: 'curvesMsPer1e6', unit: 'ms', max: 1000 },
    { key: 'traceMs', unit: 'ms', max: 0.2 },
    { key: 'replicatesMs', unit: 'ms', max: 50 },
    { key: 'calibrateMs', unit: 'ms', max: 100 },
    { key: 'bundleGzipKB', unit: 'KB', max: 130, browser: true },
    { key: 'firstTraceMs', unit: 'ms', max: 400, browser: true },
    { key: 'firstCurvesMs', unit: 'ms', max: 800, browser: true },
    { key: 'sliderToCurvesMsMedian', unit: 'ms', max: 100, browser: true },
    { key: 'sliderToCurvesMsP95', unit: 'ms', max: 200, browser: true },
    // Issue 10: after a 10 s drag on the heavy trial, the final curves within one computation
    // time plus one second of the release.
    { key: 'dragSettleExcessMs', unit: 'ms', max: 1000, browser: true },
    ...frames,
  ];
}

function valueAt(report: Partial<Report>, key: string): unknown {
  let v: unknown = report;
  for (const part of key.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
  return v;
}

function format(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1e6) return x.toExponential(2);
  if (a >= 100) return x.toFixed(0);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => (c === 1 || c === 3 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [
    line(rows[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
  ].join('\n');
}

/** The rows of the printed table: every number of the report, with its budget where it has one. */
function rows(report: Partial<Report>, all: Budget[]): string[][] {
  const byKey = new Map(all.map((b) => [b.key, b]));
  const out: string[][] = [['figure', 'measured', 'unit', 'budget', 'ok']];
  const add = (key: string, v: number, unit = '') => {
    const b = byKey.get(key);
    // A figure that was not measured and is not judged (e.g. --node-only) is left out.
    if (!b && !Number.isFinite(v)) return;
    const budget = b ? (b.max !== undefined ? `≤ ${format(b.max)}` : `≥ ${format(b.min!)}`) : '';
    out.push([
      key,
      format(v),
      b?.unit ?? unit,
      budget,
      b ? (report.over!.includes(key) ? 'OVER' : 'ok') : '',
    ]);
  };
  const units: Record<string, string> = {
    refreshMs: 'ms',
    bundleTotalGzipKB: 'KB',
    dragLongestTaskMs: 'ms',
    dragSettleMs: 'ms',
    dragComputeMs: 'ms',
    simDrawsPerSec: '/s',
  };
  for (const [key, v] of Object.entries(report)) {
    if (typeof v === 'number') add(key, v, units[key]);
    else if (key === 'frameMsMedian' || key === 'frameMsP95')
      for (const [n, x] of Object.entries(v as Record<string, number>)) add(`${key}.${n}`, x);
  }
  const s = report.scaling;
  if (s) {
    s.patients.forEach((n, i) => add(`scaling ${n} × 120 months`, s.ms[i]!, 'ms'));
    out.push([
      'scaling: ns per patient, max ÷ min (1e4..1e6)',
      format(s.spread),
      '',
      '≤ 1.50',
      s.linear ? 'ok' : 'OVER',
    ]);
  }
  return out;
}

async function main(): Promise<number> {
  const args = new Set(process.argv.slice(2));
  const json = args.has('--json');
  const failures: string[] = [];
  const log = (line: string) => {
    if (!json) console.log(line);
  };

  const report: Partial<Report> = {
    machine: {
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      cores: cpus().length,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      os: `${platform()} ${release()}`,
      node: process.version,
      loadAverage: [loadavg()[0]!, NaN],
    },
  };
  const run = async <T>(label: string, fn: () => T | Promise<T>): Promise<T | undefined> => {
    log(`… ${label}`);
    try {
      return await fn();
    } catch (error) {
      failures.push(label);
      console.error(`Benchmark "${label}" failed:`, error);
      return undefined;
    }
  };

  Object.assign(report, await run('engine', benchEngine));
  const trace = await run('trace', () => benchTrace());
  report.traceMs = trace?.[0]?.value ?? NaN;
  report.replicatesMs = (await run('replicates', () => benchReplicates()))?.[0]?.measured ?? NaN;
  report.calibrateMs = (await run('calibrate', () => benchCalibrate()))?.[0]?.value ?? NaN;
  // Imported here, not above: it loads playwright-core, which --node-only does not need.
  const { benchBrowser, browserNotMeasured } = await import('./bench/browser.bench');
  // Every key is always present: figures not measured are null in the JSON.
  Object.assign(report, browserNotMeasured('browser figures skipped (--node-only)'));
  if (!args.has('--node-only')) Object.assign(report, await run('browser', benchBrowser));
  if (args.has('--peers')) report.peers = await run('peers', benchPeers);

  report.machine!.loadAverage[1] = loadavg()[0]!;
  const all = budgets(report).filter((b) => !(b.browser && args.has('--node-only')));
  report.budgets = Object.fromEntries(
    all.map((b) => [
      b.key,
      `${b.max !== undefined ? '≤' : '≥'} ${format(b.max ?? b.min!)} ${b.unit}`,
    ]),
  );
  report.over = all
    .filter((b) => {
      const v = valueAt(report, b.key);
      // A figure that could not be measured misses its budget.
      if (typeof v !== 'number' || !Number.isFinite(v)) return true;
      return b.max !== undefined ? v > b.max : v < b.min!;
    })
    .map((b) => b.key);
  if (report.scaling && !report.scaling.linear) report.over.push('scaling');

  if (json) {
    console.log(
      JSON.stringify(
        report,
        // NaN (not measured) becomes null; six significant digits are more than any figure has.
        (_k, v: unknown) =>
          typeof v === 'number' ? (Number.isFinite(v) ? Number(v.toPrecision(6)) : null) : v,
        2,
      ),
    );
  } else {
    const m = report.machine!;
    console.log(`\n${table(rows(report, all))}`);
    console.log(
      `\nMachine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}, Node ${m.node}; load ` +
        `average ${m.loadAverage.map((x) => x.toFixed(1)).join(' → ')} during the run. Medians ` +
        'after warm-up; Node figures are CPU time, browser figures wall time.',
    );
    for (const note of report.notes ?? []) console.log(`Not measured: ${note}`);
    console.log(
      report.over.length
        ? `${report.over.length} over budget: ${report.over.join(', ')}.`
        : 'All within budget.',
    );
    if (report.peers) console.log(`\n${peerLines(report.peers).join('\n')}`);
  }
  if (failures.length) return 1;
  return args.has('--check') && report.over.length ? 2 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
