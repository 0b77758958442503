import { useMemo } from 'react';
import { CurvePanel } from '../curves/CurvePanel';
import { useDerived } from '../derived';
import type { PlaybackClock } from '../playback';
import { useSim } from '../store';
import { useApp } from '../store';
import {
  DIFFERENCE_MODES,
  differenceMode,
  formatPower,
  sameIntensities,
} from '../../scenario/twoArms';
import { armALabel } from './armLabels';
import { buildDifferenceSpecs } from './differenceSpecs';
import { PowerBySize } from './PowerBySize';
import { countOf, hasRange, noRangeReason } from '../../scenario/wording';
import './compare.css';

/**
 * "Difference B − A": survival, ever remitted and relapsed of arm B minus arm A, for the shown
 * pair of trials, for the model, and as the 95% range over paired replicate trials, each on an
 * axis symmetric about a zero line. Shares the playhead of the main curves.
 */
export function DifferenceCharts({ clock }: { clock: PlaybackClock }) {
  const scenario = useApp((s) => s.trial);
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
          Difference B − A: “{b}” ({countOf(compare.n, 'patient')}) minus “{a}” (
          {countOf(scenario.n, 'patient')}).
        </strong>{' '}
        Solid steps = this simulated pair of trials; dashed = the model’s exact difference;{' '}
        {hasRange(scenario.replicates)
          ? `shaded = 95% range of the difference over ${countOf(scenario.replicates, 'paired replicate trial')}.`
          : `no shaded range: ${noRangeReason(scenario.replicates)}.`}{' '}
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
