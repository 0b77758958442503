import { useMemo } from 'react';
import { CurvePanel } from '../curves/CurvePanel';
import { useDerived } from '../derived';
import type { PlaybackClock } from '../playback';
import { useSim } from '../simClient';
import { useApp } from '../store';
import { armALabel } from './ComparePanel';
import { buildDifferenceSpecs } from './differenceSpecs';
import { countOf, hasRange, noRangeReason } from '../../scenario/wording';
import './compare.css';

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
  return (
    <div className="difference" data-testid="difference-charts">
      <p className="difference-key">
        <strong>
          Difference B − A: “{b}” ({countOf(compare.n, 'patient')}) minus “{a}” (
          {countOf(scenario.n, 'patient')}).
        </strong>{' '}
        Solid steps = this simulated pair of trials; dashed = the model’s exact difference;{' '}
        {hasRange(scenario.replicates)
          ? `shaded = 95% range of the difference over ${countOf(scenario.replicates, 'paired replicate trial')} (${compare.crn ? 'common random numbers' : 'independent random numbers'}). Where the shaded range covers the zero line, trials of this size could show no difference by chance.`
          : `no shaded range: ${noRangeReason(scenario.replicates)}.`}
        {!current && status !== 'error' ? ' Simulating…' : ''}
      </p>
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
