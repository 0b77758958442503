import { useMemo } from 'react';
import { LIMITS } from '../../scenario/limits';
import { CheckboxField, NumberField } from '../controls/fields';
import { useApp } from '../store';
import { armTitle } from './armLabels';
import { armRateSources, DIFFERENCE_MODES, differenceMode } from '../../scenario/twoArms';
import './compare.css';

/** Where each arm's intensities come from, in one sentence per arm (the study may report no per-arm figures). */
export function RateSources() {
  const scenario = useApp((s) => s.trial);
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

/**
 * The comparison controls of the left column: comparison on or off, arm B's label and size, and
 * common random numbers. Arm B's intensities are the "B" sliders of each transition above.
 */
export function CompareControls() {
  const compare = useApp((s) => s.trial.compare);
  const setCompare = useApp((s) => s.setCompare);
  const patchCompare = useApp((s) => s.patchCompare);
  const setTab = useApp((s) => s.setTab);
  return (
    <section className="panel compare-controls" aria-labelledby="compare-heading">
      <h2 id="compare-heading">Two-arm comparison</h2>
      <CheckboxField
        id="compare-toggle"
        testId="compare-toggle"
        checked={compare !== null}
        onChange={(on) => {
          setCompare(on);
          if (on) setTab('compare');
        }}
      >
        Compare two arms (A and B)
      </CheckboxField>
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
            range={LIMITS.n}
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
              ? 'Arm B’s patient 1 is arm A’s patient 1 with arm B’s intensities (the same random numbers for every transition), and so on: the same patients under each treatment, so chance cancels out of the difference.'
              : 'Arm B’s patients are drawn independently of arm A’s, as in a real trial.'}
          </p>
          <p className="hint">Arm B’s intensities are the “B” sliders under each transition.</p>
          <RateSources />
        </>
      )}
    </section>
  );
}
