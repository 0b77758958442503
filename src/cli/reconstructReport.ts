/**
 * The pure parts of the reconstruction CLI (src/cli/reconstruct.ts): arguments, the run and the
 * report on stderr. Nothing here touches the process, so tests import it directly.
 */
import type { Reconstruction } from '../model/reconstruct/guyot';
import { reconstructIpd } from '../model/reconstruct/guyot';
import {
  formatInputMessage,
  parseAtRiskCsv,
  parseCurveCsv,
  patientsCsv,
  type ValueScale,
} from '../scenario/digitisedCurves';

/** The reconstruction CLI's options. */
export interface ReconstructOptions {
  curve: string;
  atRisk: string;
  events: number | null;
  scale: ValueScale | null;
  help: boolean;
}

export const RECONSTRUCT_USAGE = `Usage: npm run reconstruct -- --curve curve.csv --at-risk risk.csv [--events N] [--scale fraction|percent]

Reconstructs individual patient data from a digitised Kaplan–Meier curve and its number-at-risk
table (Guyot, Ades, Ouwens & Welton 2012, BMC Med Res Methodol 12:9) and prints them as
time,event CSV (months; 1 = event, 0 = censored), ready for R's Surv(time, event).

  --curve <file>     Digitised curve: time,survival per line (months; a header is optional and
                     may declare the scale: "survival_%" or "percent" / "fraction").
  --at-risk <file>   Number at risk: time,at_risk per line; the first row is time 0.
  --events <N>       Total number of events, when the paper reports it.
  --scale <s>        fraction or percent (otherwise the header, else a guess: percent when
                     any value is above 1.5).
  --help, -h         Print this text.

Repairs and refusals (by file and line), the published against the reconstructed numbers at
risk and the largest gap are printed on stderr.
Exit codes: 0 done, 1 the input cannot be reconstructed, 2 bad command-line arguments.`;

/** Parses the arguments (after `node script`); errors name the argument. */
export function parseReconstructArgs(
  argv: readonly string[],
): { ok: true; options: ReconstructOptions } | { ok: false; message: string } {
  const o: ReconstructOptions = { curve: '', atRisk: '', events: null, scale: null, help: false };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    if (name === '--help' || name === '-h') {
      o.help = true;
      continue;
    }
    if (!['--curve', '--at-risk', '--events', '--scale'].includes(name))
      return { ok: false, message: `unknown argument "${arg}"` };
    if (seen.has(name)) return { ok: false, message: `argument ${name} is given twice` };
    seen.add(name);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) value = argv[++i];
    if (value === undefined || value.trim() === '')
      return { ok: false, message: `argument ${name} needs a value` };
    if (name === '--curve') o.curve = value;
    else if (name === '--at-risk') o.atRisk = value;
    else if (name === '--events') {
      const n = Number(value);
      if (!(Number.isInteger(n) && n >= 0))
        return {
          ok: false,
          message: `argument --events must be a whole number ≥ 0, got "${value}"`,
        };
      o.events = n;
    } else {
      if (value !== 'fraction' && value !== 'percent')
        return {
          ok: false,
          message: `argument --scale must be fraction or percent, got "${value}"`,
        };
      o.scale = value;
    }
  }
  if (!o.help && (!o.curve || !o.atRisk))
    return { ok: false, message: 'arguments --curve and --at-risk are both needed' };
  return { ok: true, options: o };
}

/** What one run produced. */
export interface ReconstructRun {
  reconstruction: Reconstruction;
  /** Problems reading the files, as lines of text. */
  fileProblems: string[];
  scale: ValueScale;
  scaleDeclared: boolean;
  /** The patients as `time,event` CSV ('' when not reconstructed). */
  csv: string;
}

/** Reads both files' text and reconstructs. Never throws. */
export function runReconstruct(
  curveText: string,
  riskText: string,
  opts: Pick<ReconstructOptions, 'events' | 'scale'>,
): ReconstructRun {
  const curve = parseCurveCsv(curveText, opts.scale ?? undefined);
  const risk = parseAtRiskCsv(riskText);
  const fileProblems = [
    ...curve.problems.map((p) => `curve${p.line > 0 ? ` line ${p.line}` : ''}: ${p.message}`),
    ...risk.problems.map(
      (p) => `at-risk table${p.line > 0 ? ` line ${p.line}` : ''}: ${p.message}`,
    ),
  ];
  const reconstruction = reconstructIpd({
    curve: curve.points,
    atRisk: risk.rows,
    totalEvents: opts.events,
  });
  return {
    reconstruction,
    fileProblems,
    scale: curve.scale,
    scaleDeclared: curve.scaleDeclared,
    csv: reconstruction.ok ? patientsCsv(reconstruction) : '',
  };
}

/** The stderr report: problems, then the summary and the at-risk comparison. */
export function formatReconstruction(
  run: ReconstructRun,
  opts: Pick<ReconstructOptions, 'curve' | 'atRisk'>,
): string {
  const r = run.reconstruction;
  const lines = [
    ...run.fileProblems,
    ...r.messages.map((m) => {
      const text = formatInputMessage(m);
      return m.kind === 'fatal' ? `error: ${text}` : text;
    }),
  ];
  if (!r.ok) {
    lines.push(`reconstruct: ${opts.curve} and ${opts.atRisk} cannot be reconstructed.`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    `Values read as ${run.scale === 'percent' ? 'percentages' : 'fractions'}${run.scaleDeclared ? '' : ' (guessed; use --scale to say)'}.`,
    `Reconstructed ${r.n} patients: ${r.events} events, ${r.censored} censored. ` +
      `Largest gap between their KM and the digitised points: ${r.largestGap.value.toFixed(4)} at ${r.largestGap.time} months.`,
    'At risk    published  reconstructed',
    ...r.atRisk.map(
      (a) =>
        `${String(a.time).padStart(8)}  ${String(a.published).padStart(9)}  ${String(a.reconstructed).padStart(13)}`,
    ),
  );
  return `${lines.join('\n')}\n`;
}
