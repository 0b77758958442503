/**
 * The Node CLI: runs a scenario link with the browser's model code and prints the same numbers.
 *
 *   npm run simulate -- --scenario "study=followup2018"
 *   npm run simulate -- --scenario "http://localhost:5173/?v=1&study=rct2012&seed=class1" --json
 *   npm run simulate -- --scenario "study=multicentre2012" --fit
 *   npm run simulate -- --scenario "study=followup2018&seed=class1" --patients
 *   npm run simulate -- --scenario my-study.json --fit    (a scenario file, curves included)
 *
 * Problems in the scenario (bad, unknown or out-of-range values) are warnings on stderr naming
 * each field and the value used; the run goes on with the valid scenario. Bad command-line
 * arguments exit with code 2 and a message naming the argument; a failed run exits with 1.
 * Everything but the process plumbing lives beside it: ./args.ts (arguments), ./run.ts (running a
 * scenario, a fit, the patients), ./shapeJson.ts and ./jsonReport.ts (the JSON output),
 * ./renderTables.ts and ./renderReport.ts (the plain text).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readScenarioFile } from '../scenario/scenarioFile';
import { encodeScenario } from '../scenario/urlCodec';
import type { DigitisedCurve } from '../scenario/digitisedCurves';
import { USAGE, formatProblem, parseCliArgs } from './args';
import { renderFitReport, renderReport } from './renderReport';
import { runFit, runPatients, runScenario } from './run';
import { shapeFitReport, shapeReport } from './shapeJson';

function main(argv: readonly string[]): number {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`simulate: ${parsed.message}\nRun with --help for usage.\n`);
    return 2;
  }
  const opts = parsed.options;
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // A scenario file (JSON) instead of a link: its scenario becomes the link, its curves are fitted.
  let query = opts.scenario;
  let curves: DigitisedCurve[] = [];
  if (opts.scenario !== '' && !opts.scenario.includes('=') && existsSync(opts.scenario)) {
    const file = readScenarioFile(readFileSync(opts.scenario, 'utf8'));
    if (!file.ok) {
      process.stderr.write(`simulate: ${opts.scenario} ${file.message}\n`);
      return 2;
    }
    for (const p of file.problems) process.stderr.write(`${formatProblem(p)}\n`);
    query = encodeScenario(file.scenario);
    curves = file.curves ?? [];
  }
  try {
    if (opts.patients) {
      const run = runPatients(query);
      for (const p of run.problems) process.stderr.write(`${formatProblem(p)}\n`);
      process.stdout.write(run.csv);
      return 0;
    }
    if (opts.fit) {
      const run = runFit(query, curves);
      for (const m of run.curveMessages) process.stderr.write(`${m}\n`);
      for (const p of run.problems) process.stderr.write(`${formatProblem(p)}\n`);
      process.stdout.write(
        opts.json ? `${JSON.stringify(shapeFitReport(run))}\n` : `${renderFitReport(run)}\n`,
      );
      return 0;
    }
    if (curves.length > 0)
      process.stderr.write("note: the file's digitised curves are used with --fit only.\n");
    const run = runScenario(query);
    for (const p of run.problems) process.stderr.write(`${formatProblem(p)}\n`);
    const report = shapeReport(run);
    process.stdout.write(
      opts.json ? `${JSON.stringify(report)}\n` : `${renderReport(report, run)}\n`,
    );
    return 0;
  } catch (e) {
    process.stderr.write(`simulate: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
