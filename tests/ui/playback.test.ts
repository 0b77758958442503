import { describe, expect, it } from 'vitest';
import { createClock, MONTHS_PER_SECOND } from '../../src/ui/playback';

/** A clock driven by hand: `frame(ms)` moves the fake time on and runs the pending frame. */
function manualClock(horizon = 60) {
  let now = 0;
  let pending: ((t: number) => void) | null = null;
  const clock = createClock({
    horizon,
    now: () => now,
    requestFrame: (cb) => {
      pending = cb;
    },
  });
  const frame = (ms: number) => {
    now += ms;
    const cb = pending;
    pending = null;
    cb?.(now);
  };
  return { clock, frame };
}

describe('playback clock', () => {
  it('advances at speed × 2 months per second and rests on a tenth of a month when paused', () => {
    const { clock, frame } = manualClock();
    clock.setSpeed(2);
    clock.play();
    for (let i = 0; i < 7; i++) frame(33);
    // 7 × 33 ms at 2× and 2 months per second: 0.924 months.
    expect(MONTHS_PER_SECOND).toBe(2);
    expect(clock.time).toBeCloseTo(0.924, 12);
    const seen: number[] = [];
    clock.subscribe((t) => seen.push(t));
    clock.pause();
    expect(clock.time).toBe(0.9);
    expect(seen).toEqual([0.9]);
    expect(clock.playing).toBe(false);
  });

  it('pausing a paused clock leaves a given time exactly as it was (a link opens at its own)', () => {
    const { clock } = manualClock();
    clock.setTime(36.25);
    clock.pause();
    expect(clock.time).toBe(36.25);
  });

  it('stays within its horizon when the horizon shrinks', () => {
    const { clock } = manualClock();
    clock.setTime(50);
    clock.setHorizon(12);
    expect(clock.time).toBe(12);
  });
});
