/**
 * The reconstruction CLI: individual patient data from a digitised Kaplan–Meier curve and its
 * number-at-risk table (Guyot et al. 2012, BMC Med Res Methodol 12:9), as `time,event` CSV on
 * stdout for R's `Surv(time, event)`.
 *
 *   npm run reconstruct -- --curve curve.csv --at-risk risk.csv [--events N] [--scale percent]
 *
 * Repairs and refusals of the input (by file and line), the reconstructed against the published
 * numbers at risk and the largest gap go to stderr. Exit codes: 0 done, 1 the input cannot be
 * reconstructed, 2 bad command-line arguments.
 */
import { readFileSync } from 'node:fs';
import {
  formatReconstruction,
  parseReconstructArgs,
  RECONSTRUCT_USAGE,
  runReconstruct,
} from './reconstructReport';

function main(argv: readonly string[]): number {
  const parsed = parseReconstructArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`reconstruct: ${parsed.message}\nRun with --help for usage.\n`);
    return 2;
  }
  const opts = parsed.options;
  if (opts.help) {
    process.stdout.write(`${RECONSTRUCT_USAGE}\n`);
    return 0;
  }
  let curveText: string;
  let riskText: string;
  try {
    curveText = readFileSync(opts.curve, 'utf8');
    riskText = readFileSync(opts.atRisk, 'utf8');
  } catch (e) {
    process.stderr.write(`reconstruct: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const run = runReconstruct(curveText, riskText, opts);
  process.stderr.write(formatReconstruction(run, opts));
  if (!run.reconstruction.ok) return 1;
  process.stdout.write(run.csv);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
