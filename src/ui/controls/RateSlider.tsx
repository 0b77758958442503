import { useEffect, useId, useRef, useState } from 'react';
import type { ScenarioProblem } from '../../scenario/problems';
import { formatPercent } from '../../scenario/format';
import {
  STEPS,
  formatRate,
  monthlyProbability,
  parseTypedRate,
  positionOfRate,
  rateAtPosition,
  rateRefusal,
} from '../sliderScale';

/** Props of one intensity slider. */
export interface RateSliderProps {
  /** Stable id used by the state diagram to focus this slider. */
  id: string;
  label: string;
  /** Intensity per year. */
  value: number;
  onChange: (value: number) => void;
  /** Called with the problem (the box, what was wrong, the value kept) when a typed value is
   * rejected. */
  onInvalid: (problem: ScenarioProblem) => void;
  /** Take keyboard focus whenever this number changes to a non-zero value (clicking an edge of
   * the state diagram). */
  focus?: number;
  /**
   * The fitted value's 95% interval (issue 16), shown under the slider on a line that keeps its
   * height whatever it says; `outside` when the slider's value lies beyond it. None: no line.
   */
  interval?: { text: string; outside?: boolean };
}

/**
 * A logarithmic slider for one intensity (per year) with a number field beside it. Typed values
 * outside 0–50 per year, or not numbers, are refused with a message and the field goes back to
 * the current value: the scenario never holds NaN.
 */
export function RateSlider({
  id,
  label,
  value,
  onChange,
  onInvalid,
  focus,
  interval,
}: RateSliderProps) {
  const numberId = useId();
  const [text, setText] = useState(formatRate(value));
  const [editing, setEditing] = useState(false);
  const rangeRef = useRef<HTMLInputElement>(null);
  const shown = editing ? text : formatRate(value);

  useEffect(() => {
    if (focus) rangeRef.current?.focus();
  }, [focus]);

  const commit = () => {
    setEditing(false);
    const v = parseTypedRate(text);
    if (v === null) {
      onInvalid(rateRefusal(label, text, value));
      setText(formatRate(value));
      return;
    }
    if (v !== value) onChange(v);
  };

  return (
    <div className="rate-slider">
      <label htmlFor={id} className="rate-label">
        {label}
      </label>
      <div className="rate-inputs">
        <input
          ref={rangeRef}
          id={id}
          type="range"
          min={0}
          max={STEPS}
          step={1}
          value={positionOfRate(value)}
          aria-valuetext={`${formatRate(value)} per year`}
          onChange={(e) => onChange(rateAtPosition(Number(e.currentTarget.value)))}
        />
        <input
          id={numberId}
          className="rate-number"
          type="text"
          inputMode="decimal"
          aria-label={`${label}, per year`}
          value={shown}
          onFocus={() => {
            setText(formatRate(value));
            setEditing(true);
          }}
          onChange={(e) => setText(e.currentTarget.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
            if (e.key === 'Escape') {
              setText(formatRate(value));
              setEditing(false);
            }
          }}
        />
        <span className="rate-unit" aria-hidden="true">
          /yr
        </span>
      </div>
      <div className="rate-hint">
        ≈ {formatPercent(monthlyProbability(value), 2)} a month if alone
      </div>
      {interval && (
        <div
          className={`rate-interval${interval.outside ? ' outside' : ''}`}
          title={
            interval.outside
              ? 'Your value lies outside what the published figures allow (the fit’s 95% profile-likelihood interval)'
              : 'What the published figures allow (profile likelihood)'
          }
        >
          {interval.text}
        </div>
      )}
    </div>
  );
}
