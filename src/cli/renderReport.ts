/** The CLI's human-readable reports of a simulation run and of a calibration run (`--fit`). */
import { formatCitation, sourceLine } from '../data/citation';
import { ENDPOINT_IDS } from '../model/estimate/armComparison';
import {
  armRateSources,
  DIFFERENCE_MODES,
  differenceMode,
  formatHazardRatio,
  formatLogRank,
  formatPower,
  sameIntensities,
} from '../scenario/twoArms';
import { sameTemplate } from '../model/markov/template';
import { formatPercent, formatPercentRange } from '../scenario/format';
import { countOf } from '../scenario/wording';
import type { ScenarioRun, FitRun } from './run';
import type { JsonReport } from './jsonReport';
import {
  renderTable,
  months,
  renderIntensities,
  renderFitTable,
  curveTimes,
  renderCurves,
  heading,
  renderEndpoints,
  renderIntervals,
  renderTimeInState,
} from './renderTables';

/**
 * The page part of a full link (`http://host/path`), so the printed link opens the same page;
 * '' for a bare query string.
 */
export function linkBase(input: string): string {
  const m = /^\s*(https?:\/\/[^?#\s]*)/i.exec(input);
  return m ? m[1]! : '';
}

/** The human-readable report of a simulation run. */
export function renderReport(report: JsonReport, run: ScenarioRun): string {
  const s = report.scenario;
  const study = run.study;
  const published = run.targets.map((t) => t.time);
  const times = curveTimes(report.curves.grid, published);
  const lines: string[] = [];
  lines.push(heading(`Study: ${study.shortName}`));
  lines.push(study.title);
  lines.push(report.study.reference);
  const arm = s.arm ? study.design.arms.find((a) => a.id === s.arm) : undefined;
  lines.push(
    `Scenario: ${arm ? `arm ${arm.label}, ` : ''}n = ${s.n}, horizon ${s.horizon} months, seed "${s.seed}", ` +
      `${countOf(s.replicates, 'replicate trial')}, censoring ${s.censoring ? `on (accrual ${s.design.accrualMonths} mo, cut-off ${s.design.cutoffMonths} mo, loss ${s.design.lossPerYear}/yr)` : 'off'}`,
  );
  lines.push(`Link: ${linkBase(run.input)}?${report.query}`);
  lines.push('');
  lines.push(heading('Intensities (per year)'));
  lines.push(renderIntensities(s.template, s.intensities));
  lines.push('');
  lines.push(heading('Fit table'));
  lines.push(
    report.fit.length > 0
      ? renderFitTable(report.fit, s.replicates)
      : 'This scenario has no k/n targets.',
  );
  lines.push(
    'Model = cohort trace; Inside = model within the Wilson 95% interval; Simulated = crude figure in the shown cohort.',
  );
  lines.push('');
  lines.push(heading(`Curves (months ${times.join(', ')})`));
  lines.push(renderCurves(report.curves, times));
  lines.push('');
  lines.push(
    heading(
      'Time-to-event endpoints (shown cohort; events and censored since the previous column)',
    ),
  );
  lines.push(renderEndpoints(run.sim.A.endpoints));
  const sourced = run.derived.rows.filter((r) => r.figure);
  if (sourced.length > 0) {
    lines.push('');
    lines.push(heading('Sources of the published figures'));
    lines.push(
      renderTable(
        ['Id', 'As published', 'Source'],
        sourced.map((r) => [r.id, r.figure!.published, sourceLine(r.figure!)]),
        ['left', 'left', 'left'],
      ),
    );
  }
  if (report.compare && s.compare) {
    const c = report.compare;
    lines.push('');
    lines.push(heading(`Arm B: ${c.label} (n = ${c.n}${c.crn ? ', common random numbers' : ''})`));
    lines.push(renderIntensities(s.template, c.intensities));
    lines.push('');
    lines.push(c.fit.length > 0 ? renderFitTable(c.fit, s.replicates) : 'No k/n targets.');
    lines.push('');
    lines.push(renderCurves(c.curves, times));
    if (run.sim.B) {
      lines.push('');
      lines.push(renderEndpoints(run.sim.B.endpoints));
    }
  }
  const cmp = run.sim.comparison;
  if (s.compare && cmp) {
    const mode = DIFFERENCE_MODES[differenceMode(s.compare.crn)];
    lines.push('');
    lines.push(heading('Comparison: arm B against arm A (the shown cohorts)'));
    for (const r of armRateSources(s)) {
      lines.push(`Arm ${r.arm}, ${r.label} (${r.n} patients): ${r.source}`);
    }
    lines.push(`Difference band: ${mode.name}. ${mode.question} ${mode.caption}`);
    for (const id of ENDPOINT_IDS) {
      const c = cmp[id];
      lines.push(`${c.name}: ${formatLogRank(c.logRank)}; ${formatHazardRatio(c.cox)}`);
      const p = run.sim.power?.[id];
      if (p) lines.push(`  ${formatPower(p, s.n, s.compare.n, sameIntensities(s))}`);
    }
  }
  return lines.join('\n');
}

/** The human-readable report of a calibration run (`--fit`). */
export function renderFitReport(run: FitRun): string {
  const r = run.result;
  const lines: string[] = [];
  lines.push(heading(`Calibration: ${run.study.shortName}`));
  lines.push(formatCitation(run.study.citation));
  lines.push(
    `Targets: ${
      run.targetSource === 'scenario'
        ? "the scenario's own targets"
        : sameTemplate(run.scenario.template, run.study.template)
          ? `the study's calibration plan (${run.study.calibration.targetIds.join(', ')})`
          : `the study's figures (${run.study.calibration.targetIds.join(', ')}), every intensity of this structure free`
    }`,
  );
  lines.push('');
  lines.push(heading('Fitted intensities (per year)'));
  lines.push(renderIntensities(run.options.template, r.intensities));
  lines.push('');
  lines.push(
    renderTable(
      ['Result', 'Value'],
      [
        ['log-likelihood', r.logLik.toFixed(4)],
        ['saturated log-likelihood', r.logLikSaturated.toFixed(4)],
        ['deviance (df)', `${r.deviance.toFixed(4)} (${r.df})`],
        [
          'p-value',
          r.pValue === null
            ? 'none: 0 degrees of freedom (as many fitted values as targets)'
            : r.pValue.toPrecision(3),
        ],
        ['converged', r.converged ? 'yes' : 'no'],
        ['iterations', String(r.iterations)],
        ['feasible', r.feasible ? 'yes' : 'NO'],
        [
          'conflicts',
          r.conflicts.length ? r.conflicts.map((g) => g.join(' + ')).join('; ') : 'none',
        ],
        ['fitted values', r.free.join(', ') || 'none'],
        ['unidentified (held)', r.unidentified.join(', ') || 'none'],
        ['weakly identified', r.weaklyIdentified.join(', ') || 'none'],
        ['at bounds', r.atBounds.join(', ') || 'none'],
      ],
      ['left', 'left'],
    ),
  );
  lines.push('');
  lines.push(heading('95% intervals of the fitted values (profile likelihood, per year)'));
  lines.push(renderIntervals(r.intervals ?? []));
  lines.push('');
  lines.push(
    heading(`Expected time in each state to ${months(run.timeInState.horizonMonths)} months`),
  );
  lines.push(renderTimeInState(run.timeInState, r.draws));
  lines.push('');
  lines.push(heading('Fit table'));
  lines.push(
    renderTable(
      ['Id', 'Figure', 'Month', 'Published k/n', 'Wilson 95%', 'Model', 'Inside'],
      r.fit.map((f) => [
        f.id,
        f.label,
        months(f.time),
        `${f.k}/${f.n} (${formatPercent(f.observed)})`,
        formatPercentRange(f.lower, f.upper),
        formatPercent(f.model),
        f.inside ? 'yes' : 'NO',
      ]),
      ['left', 'left'],
    ),
  );
  if (run.curves.length > 0) {
    lines.push('');
    lines.push(heading('Digitised curves (reconstructed patients, Guyot et al. 2012)'));
    lines.push(
      renderTable(
        [
          'Id',
          'Curve',
          'Patients',
          'Events',
          'Log-likelihood',
          'Largest gap model',
          'Largest gap KM',
        ],
        run.curves.map((c) => [
          c.id,
          c.label,
          String(c.n),
          String(c.events),
          (r.extraLogLik.find((e) => e.id === `curve:${c.id}`)?.logLik ?? NaN).toFixed(2),
          `${formatPercent(c.gap)} at ${months(c.gapTime)}`,
          formatPercent(c.reconstructionGap),
        ]),
        ['left', 'left'],
      ),
    );
  }
  lines.push('');
  lines.push(r.message);
  if (run.left.length > 0)
    lines.push(
      `Not fitted (the structure cannot express them; split remission for complete/partial): ${run.left.join(', ')}.`,
    );
  lines.push(`Link with the fitted intensities: ?${run.fittedQuery}`);
  return lines.join('\n');
}
