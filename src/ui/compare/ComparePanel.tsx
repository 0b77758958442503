import { getStudy } from '../../data';
import { LIMITS, type Scenario } from '../../scenario/scenario';
import { NumberField } from '../controls/SimulationControls';
import { useApp } from '../store';
import './compare.css';

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
          <div className="field checkbox">
            <input
              id="crn-toggle"
              data-testid="crn-toggle"
              type="checkbox"
              checked={compare.crn}
              aria-describedby="crn-hint"
              onChange={(e) => patchCompare({ crn: e.currentTarget.checked })}
            />
            <label htmlFor="crn-toggle">Common random numbers</label>
          </div>
          <p className="hint" id="crn-hint">
            Arm B’s patient 1 is arm A’s patient 1 with arm B’s intensities (the same random numbers
            for every transition), and so on: only the parameters differ, so chance cancels out of
            the difference.
          </p>
          <p className="hint">Arm B’s intensities are the “B” sliders under each transition.</p>
        </>
      )}
    </section>
  );
}
