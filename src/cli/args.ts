/** The CLI's arguments: the options, the usage text, parsing, and a decode problem as a warning line. */
import { DEFAULT_STUDY_ID, STUDIES } from '../data';
import type { ScenarioProblem } from '../scenario/problems';

/** The CLI's options after parsing. */
export interface CliOptions {
  /** Query string or URL of the scenario ('' = the default scenario). */
  scenario: string;
  json: boolean;
  fit: boolean;
  /** Print every simulated patient's path as CSV (`patientsToCsv`) instead of the report. */
  patients: boolean;
  help: boolean;
}

/** The result of {@link parseCliArgs}: options, or a usage error naming the argument. */
export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; message: string };

/** Usage text printed by `--help` and after a usage error. */
export const USAGE = `Usage: npm run simulate -- --scenario "<query string, URL or scenario file>" [--json | --fit | --patients]

Runs a scenario in Node with the browser's model code and prints the study, the intensities,
the fit table and the curve values at each published time point and every 12 months.

  --scenario <s>   The scenario: a query string ("study=followup2018", "?v=1&study=…&seed=…")
                   or a full link ("http://…/?v=1&…"). A preset id is enough: "study=<id>".
                   Or a scenario file (JSON, as the browser exports it); it may hold
                   digitised Kaplan–Meier curves, which --fit fits as well.
                   Left out: the default scenario (${DEFAULT_STUDY_ID}).
                   Bad values are reported on stderr with the value used instead.
  --json           Print one JSON object to stdout (full-precision numbers, null for "no value").
  --fit            Calibrate instead: fit the study's targets (or the scenario's own targets)
                   and print the intensities, log-likelihood, convergence, feasibility,
                   conflicts and fit table.
  --patients       Print every simulated patient's path as CSV instead: patient,time_months,state
                   (the initial state at 0, each state entered, "censored" where follow-up
                   ends; full precision), with an arm column (A, B) for a comparison. The same
                   table as the browser's "Simulated patients (CSV)".
  --help, -h       Print this text.

Studies: ${STUDIES.map((s) => s.id).join(', ')}.
Exit codes: 0 done, 1 the run failed, 2 bad command-line arguments.`;

/**
 * Parses the CLI's arguments (after `node script`). `--scenario` takes the next argument or
 * `--scenario=<value>`; anything else unknown, a missing value or a repeated option is an error
 * whose message names the argument.
 */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  const options: CliOptions = {
    scenario: '',
    json: false,
    fit: false,
    patients: false,
    help: false,
  };
  let scenarioSeen = false;
  const flagSeen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    if (name === '--scenario') {
      if (scenarioSeen) return { ok: false, message: 'argument --scenario is given twice' };
      scenarioSeen = true;
      let value: string | undefined;
      if (eq >= 0) value = arg.slice(eq + 1);
      else {
        value = argv[i + 1];
        if (value !== undefined && !value.startsWith('--')) i++;
        else value = undefined;
      }
      if (value === undefined || value.trim() === '')
        return { ok: false, message: 'argument --scenario needs a value (a query string or URL)' };
      options.scenario = value;
    } else if (
      name === '--json' ||
      name === '--fit' ||
      name === '--patients' ||
      name === '--help' ||
      name === '-h'
    ) {
      if (eq >= 0) return { ok: false, message: `argument ${name} takes no value (got "${arg}")` };
      if (flagSeen.has(name)) return { ok: false, message: `argument ${name} is given twice` };
      flagSeen.add(name);
      if (name === '--json') options.json = true;
      else if (name === '--fit') options.fit = true;
      else if (name === '--patients') options.patients = true;
      else options.help = true;
    } else {
      return { ok: false, message: `unknown argument "${arg}"` };
    }
  }
  if (options.patients && (options.json || options.fit))
    return {
      ok: false,
      message: `argument --patients cannot be combined with ${options.json ? '--json' : '--fit'}`,
    };
  return { ok: true, options };
}

/** A decode problem as one warning line (the browser's notice: field, what, value used). */
export function formatProblem(p: ScenarioProblem): string {
  return `warning: ${p.field}: ${p.message}; used ${p.used}.`;
}
