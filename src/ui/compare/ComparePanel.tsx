import { useMemo } from 'react';
import { getStudy } from '../../data';
import { LIMITS, type Scenario } from '../../scenario/scenario';
import { NumberField } from '../controls/SimulationControls';
import { CurvePanel } from '../curves/CurvePanel';
import { useDerived } from '../derived';
import type { PlaybackClock } from '../playback';
import { useSim } from '../simClient';
import { useApp } from '../store';
import { buildDifferenceSpecs } from './differenceSpecs';
import { PowerBySize } from './PowerBySize';
import {
  armRateSources,
  DIFFERENCE_MODES,
  differenceMode,
  formatPower,
  sameIntensities,
} from '../../scenario/twoArms';
import './compare.css';

/** Where each arm's intensities come from, in one sentence per arm (the study may report no per-arm figures). */
export function RateSources() {
  const scenario = useApp((s) => s.scenario);
  const sources = useMemo(() => armRateSources(scenario), [scenario]);
  if (!scenario.compare) return null;
  return (
    <ul
      className="rate-sources"
      data-testid="rate-sources"
      aria-label="Where each arm’s intensities come from"
    >
      {sources.map((r) => (
        <li key={r.arm} data-testid={`rate-source-${r.arm}`}>
          <strong>{armTitle(r.arm, r.label)}:</strong> {r.source}
        </li>
      ))}
    </ul>
  );
}

/** "A · Single MSCT", or "Arm A" when the arm has no name of its own. */
export function armTitle(key: 'A' | 'B', label: string): string {
  return !label || label === key || label === `Arm ${key}` ? `Arm ${key}` : `${key} · ${label}`;
}

/** The name of arm A: the study arm it simulates, else "A". */
export function armALabel(scenario: Scenario): string {
  const arm = getStudy(scenario.study)?.design.arms.find((a) => a.id === scenario.arm);
  return arm?.label ?? 'A';
}

/**
 * The comparison controls of the left column: comparison on or off, arm B's label and size, and
 * common random numbers. Arm B's intensities are the "B" sliders of each transition above.
 */
export function CompareControls() {
  const compare = useApp((s) => s.scenario.compare);
  const setCompare = useApp((s) => s.setCompare);
  const patchCompare = useApp((s) => s.patchCompare);
  const setTab = useApp((s) => s.setTab);
  return (
    <section className="panel compare-controls" aria-labelledby="compare-heading">
      <h2 id="compare-heading">Two-arm comparison</h2>
      <div className="field checkbox">
        <input
          id="compare-toggle"
          data-testid="compare-toggle"
          type="checkbox"
          checked={compare !== null}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            setCompare(on);
            if (on) setTab('compare');
          }}
        />
        <label htmlFor="compare-toggle">Compare two arms (A and B)</label>
      </div>
      {compare && (
        <>
          <div className="field">
            <label htmlFor="compare-label">Arm B name</label>
            <input
              id="compare-label"
              type="text"
              value={compare.label}
              maxLength={LIMITS.labelLength.max}
              onChange={(e) => patchCompare({ label: e.currentTarget.value })}
            />
          </div>
          <NumberField
            id="compare-n"
            label="Arm B patients"
            value={compare.n}
            min={LIMITS.n.min}
            max={LIMITS.n.max}
            integer
            onCommit={(n) => patchCompare({ n })}
          />
          <fieldset className="difference-mode" aria-describedby="crn-hint">
            <legend>Chance in the difference between the arms</legend>
            {(['independent', 'crn'] as const).map((mode) => (
              <label key={mode}>
                <input
                  type="radio"
                  name="difference-mode"
                  data-testid={`mode-${mode}`}
                  checked={differenceMode(compare.crn) === mode}
                  onChange={() => patchCompare({ crn: mode === 'crn' })}
                />{' '}
                {DIFFERENCE_MODES[mode].name}
              </label>
            ))}
          </fieldset>
          <p className="hint" id="crn-hint">
            {DIFFERENCE_MODES[differenceMode(compare.crn)].question}{' '}
            {compare.crn
              ? 'Arm B reuses arm A’s random draws: the same patients under each treatment.'
              : 'Arm B’s patients are drawn independently of arm A’s, as in a real trial.'}
          </p>
          <p className="hint">Arm B’s intensities are the “B” sliders under each transition.</p>
          <RateSources />
        </>
      )}
    </section>
  );
}

/**
 * "Difference B − A": survival, ever remitted and relapsed of arm B minus arm A, for the shown
 * pair of trials, for the model, and as the 95% range over paired replicate trials, each on an
 * axis symmetric about a zero line. Shares the playhead of the main curves.
 */
export function DifferenceCharts({ clock }: { clock: PlaybackClock }) {
  const scenario = useApp((s) => s.scenario);
  const setCompare = useApp((s) => s.setCompare);
  const derived = useDerived();
  const diff = useSim((s) => s.diff);
  const power = useSim((s) => s.power);
  const status = useSim((s) => s.status);
  const compare = scenario.compare;
  const { spec, trace, specB, traceB } = derived;
  // A result for another horizon (the worker is still on its way) would misplace the steps.
  const current = diff && diff.grid[diff.grid.length - 1] === scenario.horizon ? diff : null;
  const specs = useMemo(
    () =>
      specB && traceB
        ? buildDifferenceSpecs({
            diff: current,
            a: { spec, trace },
            b: { spec: specB, trace: traceB },
            horizon: scenario.horizon,
          })
        : [],
    [current, spec, trace, specB, traceB, scenario.horizon],
  );

  if (!compare) {
    return (
      <div className="difference" data-testid="difference-charts">
        <p>
          Compare two arms to see how far apart their curves are, and how far apart two trials of
          this size land by chance alone.
        </p>
        <button type="button" onClick={() => setCompare(true)}>
          Compare two arms
        </button>
      </div>
    );
  }
  const a = armALabel(scenario);
  const b = compare.label || 'B';
  const mode = DIFFERENCE_MODES[differenceMode(compare.crn)];
  return (
    <div className="difference" data-testid="difference-charts">
      <p className="difference-key">
        <strong>
          Difference B − A: “{b}” ({compare.n} patients) minus “{a}” ({scenario.n} patients).
        </strong>{' '}
        Solid steps = this simulated pair of trials; dashed = the model’s exact difference; shaded =
        95% range of the difference over {scenario.replicates} paired replicate trials.{' '}
        <span data-testid="difference-mode-caption">
          <strong>{mode.name}</strong> ({mode.question}) {mode.caption}
        </span>
        {!current && status !== 'error' ? ' Simulating…' : ''}
      </p>
      {power && current && (
        <ul className="power-lines" data-testid="power-lines">
          {(['os', 'remission'] as const).map((id) => (
            <li key={id} data-testid={`power-${id}`}>
              <strong>{id === 'os' ? 'Overall survival' : 'Time to first remission'}:</strong>{' '}
              {formatPower(power[id], scenario.n, compare.n, sameIntensities(scenario))}
            </li>
          ))}
          <li className="hint">
            Power uses independent patients in each arm whatever the band above shows: it is about
            real trials.
          </li>
        </ul>
      )}
      <PowerBySize />
      <CurvePanel
        specs={specs}
        clock={clock}
        chartHeight={190}
        noLegend
        label="Difference between the arms, B minus A"
      />
    </div>
  );
}
