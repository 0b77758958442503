/**
 * `npm run bench`: runs every benchmark and prints ONE table (name, measured, unit, budget, ok).
 * `npm run bench -- --json` prints the rows as JSON instead.
 *
 * Each figure is a median after warm-up runs (see each file in scripts/bench/). Budgets are the
 * issue's (one core, Node); CI machines vary, so an over-budget row is marked, not fatal: this is
 * a report, not a test. The exit code is non-zero only when a benchmark throws.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchRow, type BenchRow } from './bench/benchRow';
import { benchCalibrate } from './bench/calibrate.bench';
import { benchMicrosim } from './bench/microsim.bench';
import { benchReplicates } from './bench/replicates.bench';
import { benchTrace } from './bench/trace.bench';

/** What the older benchmarks return (`value` rather than `measured`). */
interface LegacyResult {
  name: string;
  value: number;
  unit: string;
  budget: number;
}

const fromLegacy = (rows: LegacyResult[]): BenchRow[] =>
  rows.map((r) => benchRow(r.name, r.value, r.unit, r.budget));

/** The Node benchmarks, in pipeline order: trace, cohort, replicates, calibration. */
const NODE_BENCHMARKS: { label: string; run: () => BenchRow[] | Promise<BenchRow[]> }[] = [
  { label: 'trace', run: () => fromLegacy(benchTrace()) },
  { label: 'microsim', run: () => fromLegacy(benchMicrosim()) },
  { label: 'replicates', run: () => benchReplicates() },
  { label: 'calibrate', run: () => fromLegacy(benchCalibrate()) },
];

// ── Browser benchmarks (hook) ──────────────────────────────────────────────────────────────
// Another file, scripts/bench/browser.bench.ts, may export `benchBrowser(): Promise<BenchRow[]>`
// (rows in the same shape, e.g. frame times measured through Playwright). It is imported only
// when the file exists, so this script runs without it; its rows join the same table.
const BROWSER_BENCH = join(dirname(fileURLToPath(import.meta.url)), 'bench', 'browser.bench.ts');

async function browserBenchmarks(): Promise<{ label: string; run: () => Promise<BenchRow[]> }[]> {
  if (!existsSync(BROWSER_BENCH)) return [];
  // A computed specifier: the type checker must not require the (optional) file to exist.
  const url = pathToFileURL(BROWSER_BENCH).href;
  const mod = (await import(url)) as { benchBrowser?: () => Promise<BenchRow[]> };
  const run = mod.benchBrowser;
  if (typeof run !== 'function') {
    throw new Error(`${BROWSER_BENCH} does not export benchBrowser().`);
  }
  return [{ label: 'browser', run }];
}
// ───────────────────────────────────────────────────────────────────────────────────────────

function format(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x >= 100) return x.toFixed(0);
  if (x >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

function table(rows: BenchRow[]): string {
  const header = ['benchmark', 'measured', 'unit', 'budget', 'ok'];
  const cells = rows.map((r) => [
    r.name,
    format(r.measured),
    r.unit,
    format(r.budget),
    r.ok ? 'ok' : 'OVER',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => (c === 1 || c === 3 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

async function main(): Promise<number> {
  const json = process.argv.includes('--json');
  const rows: BenchRow[] = [];
  const failures: { label: string; error: unknown }[] = [];
  let benchmarks: { label: string; run: () => BenchRow[] | Promise<BenchRow[]> }[] = [
    ...NODE_BENCHMARKS,
  ];
  try {
    benchmarks = [...benchmarks, ...(await browserBenchmarks())];
  } catch (error) {
    failures.push({ label: 'browser (import)', error });
  }
  for (const b of benchmarks) {
    try {
      // `ok` is recomputed so that every row is judged the same way.
      for (const r of await b.run()) rows.push(benchRow(r.name, r.measured, r.unit, r.budget));
    } catch (error) {
      failures.push({ label: b.label, error });
    }
  }

  if (json) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    console.log(table(rows));
    const over = rows.filter((r) => !r.ok).length;
    console.log(
      `\n${rows.length} figures (medians after warm-up, Node ${process.version}); ` +
        (over ? `${over} over budget (reported, not fatal).` : 'all within budget.'),
    );
    if (!existsSync(BROWSER_BENCH))
      console.log('Browser benchmarks: none yet (scripts/bench/browser.bench.ts).');
  }
  for (const f of failures) {
    console.error(`Benchmark "${f.label}" failed:`, f.error);
  }
  return failures.length ? 1 : 0;
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
