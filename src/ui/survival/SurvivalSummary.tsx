import { useEffect, useMemo, useState } from 'react';
import {
  censorAt,
  endpointData,
  ENDPOINT_IDS,
  ENDPOINT_NAMES,
  riskTableTimes,
  type EndpointId,
} from '../../model/estimate/endpoints';
import { medianSurvival } from '../../model/estimate/medianSurvival';
import { riskTable } from '../../model/estimate/riskTable';
import { buildModel } from '../../model/markov/template';
import type { SurvivalData } from '../../model/estimate/cohortQueries';
import type { Cohort } from '../../model/types';
import { formatMedian } from '../../scenario/twoArms';
import { formatCount } from '../../scenario/format';
import { ArmTests } from '../lazyPanels';
import { armALabel, armTitle } from '../compare/armLabels';
import type { PlaybackClock } from '../playback';
import { useSim } from '../store';
import './survival.css';

/** The playhead in whole months (and the horizon itself at the end), re-rendering only when it changes. */
function usePlayheadMonth(clock: PlaybackClock): number {
  const step = (t: number) => (t >= clock.horizon ? clock.horizon : Math.floor(Math.max(0, t)));
  const [month, setMonth] = useState(() => step(clock.time));
  useEffect(() => {
    const update = (t: number) => setMonth(step(t));
    update(clock.time);
    return clock.subscribe(update);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [clock]);
  return month;
}

/**
 * Patients above which the medians and tests at the playhead follow it only while it rests
 * (paused, scrubbed, at the end): each is an analysis of every patient's data censored at the
 * playhead, a few hundred milliseconds at a million patients, which playback cannot afford once a
 * month of simulated time (issue 14: the cohort view stays at 60 fps).
 */
export const RESTING_ANALYSIS_PATIENTS = 100_000;

/** `usePlayheadMonth`, but while the clock plays it keeps the month where playback started. */
function useRestingMonth(clock: PlaybackClock, live: number): number {
  const [month, setMonth] = useState(live);
  useEffect(() => {
    if (!clock.playing) setMonth(live);
  }, [clock, live]);
  useEffect(
    () =>
      clock.subscribeState(() => {
        if (!clock.playing) {
          const t = clock.time;
          setMonth(t >= clock.horizon ? clock.horizon : Math.floor(Math.max(0, t)));
        }
      }),
    [clock],
  );
  return month;
}

interface Arm {
  key: 'A' | 'B';
  label: string;
  data: Record<EndpointId, SurvivalData>;
}

/**
 * What a statistician expects under a Kaplan–Meier figure, growing with the playhead (an analysis
 * at the playhead's month): the number-at-risk table of overall survival (at risk, events and
 * censored since the previous column, per arm when comparing), each arm's median with its 95%
 * interval for both endpoints, and with two arms the log-rank test and the hazard ratio.
 */
export function SurvivalSummary({ clock }: { clock: PlaybackClock }) {
  const simA = useSim((s) => s.A);
  const simB = useSim((s) => s.B);
  const scenario = useSim((s) => s.trial);
  const month = usePlayheadMonth(clock);
  const largest = Math.max(simA?.cohort.n ?? 0, simB?.cohort.n ?? 0);
  const resting = useRestingMonth(clock, month);
  const large = largest > RESTING_ANALYSIS_PATIENTS;
  const analysisMonth = large ? resting : month;

  const arms = useMemo((): Arm[] => {
    if (!scenario || !simA) return [];
    const out: Arm[] = [];
    const make = (
      key: 'A' | 'B',
      label: string,
      cohort: Cohort,
      rates: typeof scenario.intensities,
    ): Arm => {
      const spec = buildModel(scenario.template, rates);
      const data = {} as Record<EndpointId, SurvivalData>;
      for (const id of ENDPOINT_IDS) data[id] = endpointData(cohort, spec, id);
      return { key, label, data };
    };
    const labelA = armALabel(scenario);
    const single = !(simB && scenario.compare);
    out.push(
      make('A', single && labelA === 'A' ? 'Simulated' : labelA, simA.cohort, scenario.intensities),
    );
    if (simB && scenario.compare) {
      out.push(make('B', scenario.compare.label || 'B', simB.cohort, scenario.compare.intensities));
    }
    return out;
  }, [simA, simB, scenario]);

  const horizon = scenario?.horizon ?? 0;
  const times = useMemo(() => riskTableTimes(horizon), [horizon]);
  const tables = useMemo(
    () => arms.map((a) => riskTable(a.data.os.time, a.data.os.event, times)),
    [arms, times],
  );
  const medians = useMemo(
    () =>
      arms.map((a) =>
        ENDPOINT_IDS.map((id) => {
          const d = censorAt(a.data[id], analysisMonth);
          return medianSurvival(d.time, d.event);
        }),
      ),
    [arms, analysisMonth],
  );

  if (!scenario || arms.length === 0) return null;
  const shownCols = times.filter((t) => t <= month).length;
  return (
    <section
      className="survival-summary"
      aria-label="Number at risk, medians and tests"
      data-testid="survival-summary"
    >
      <table className="risk-table" data-testid="risk-table">
        <caption>
          Overall survival: number at risk{' '}
          <span className="risk-sub" title="Events and censored since the previous column">
            (events/censored)
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Months</th>
            {times.map((t) => (
              <th scope="col" key={t}>
                {t}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {arms.map((a, k) => (
            <tr key={a.key} data-testid={`risk-row-${a.key}`}>
              <th scope="row">{arms.length > 1 ? armTitle(a.key, a.label) : a.label}</th>
              {times.map((t, j) => (
                <td key={t}>
                  {j < shownCols ? (
                    <>
                      <span className="risk-n">{formatCount(tables[k]!.atRisk[j])}</span>{' '}
                      <span className="risk-sub">
                        {formatCount(tables[k]!.events[j])}/{formatCount(tables[k]!.censored[j])}
                      </span>
                    </>
                  ) : (
                    <span className="risk-sub" aria-label="not yet">
                      ·
                    </span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="survival-lines" data-testid="survival-lines">
        {arms.map((a, k) => (
          <li key={a.key}>
            <strong>{arms.length > 1 ? armTitle(a.key, a.label) : a.label}:</strong>{' '}
            {ENDPOINT_IDS.map(
              (id, e) => `${ENDPOINT_NAMES[id]} ${formatMedian(medians[k]![e]!)}`,
            ).join('; ')}
            {large &&
              ` (at ${analysisMonth} months; with this many patients, updated when playback rests)`}
          </li>
        ))}
        {arms.length === 2 && (
          <ArmTests a={arms[0]!.data} b={arms[1]!.data} month={analysisMonth} />
        )}
      </ul>
    </section>
  );
}
