import { useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { SPEEDS, type PlaybackClock } from './playback';
import { useApp } from './store';

/** Formats months as "24.0 mo (2.0 y)". */
export function formatClock(t: number): string {
  return `${t.toFixed(1)} mo (${(t / 12).toFixed(1)} y)`;
}

/** Months moved by one step of the step buttons and arrow keys. */
export const STEP_MONTHS = 1;

/**
 * Play, pause, step, speed and a scrubber, all on the clock (which the URL writer reads; nothing
 * here writes the store). The scrubber and the time readout follow the clock through refs (no
 * React render per frame); play state and speed come from the clock's state listeners.
 */
export function PlayBar({ clock, children }: { clock: PlaybackClock; children?: ReactNode }) {
  const playing = useSyncExternalStore(clock.subscribeState, () => clock.playing);
  const speed = useSyncExternalStore(clock.subscribeState, () => clock.speed);
  const horizon = useApp((s) => s.trial.horizon);
  const scrubRef = useRef<HTMLInputElement>(null);
  const readoutRef = useRef<HTMLOutputElement>(null);

  useEffect(
    () =>
      clock.subscribe((t) => {
        if (scrubRef.current) {
          scrubRef.current.value = String(t);
          scrubRef.current.setAttribute('aria-valuetext', formatClock(t));
        }
        if (readoutRef.current) readoutRef.current.textContent = formatClock(t);
      }),
    [clock],
  );

  const step = (d: number) => {
    clock.pause();
    clock.setTime(Math.round(clock.time / STEP_MONTHS) * STEP_MONTHS + d);
  };

  return (
    <div className="playbar" role="group" aria-label="Playback">
      {/* Each name is the visible label (WCAG 2.5.3: a voice user says what they see); the
          longer wording is a hover title only. */}
      <button type="button" onClick={() => step(-STEP_MONTHS)} title="Step back one month (←)">
        −1 mo
      </button>
      <button
        type="button"
        className="play"
        onClick={() => clock.toggle()}
        title="Play or pause (Space)"
        data-testid="play"
      >
        <span aria-hidden="true">{playing ? '❚❚ ' : '▶ '}</span>
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={() => step(STEP_MONTHS)} title="Step forward one month (→)">
        +1 mo
      </button>
      <label htmlFor="scrubber" className="visually-hidden">
        Time since transplant
      </label>
      <input
        ref={scrubRef}
        id="scrubber"
        type="range"
        min={0}
        max={horizon}
        step={0.1}
        defaultValue={clock.time}
        onInput={(e) => {
          clock.pause();
          clock.setTime(Number(e.currentTarget.value));
        }}
      />
      <output ref={readoutRef} className="clock-readout" htmlFor="scrubber" aria-live="off">
        {formatClock(clock.time)}
      </output>
      <label htmlFor="speed-select">Speed</label>
      <select
        id="speed-select"
        value={speed}
        onChange={(e) => clock.setSpeed(Number(e.currentTarget.value))}
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
      {children}
    </div>
  );
}
