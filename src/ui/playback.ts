/**
 * The playback clock lives outside React: the animation frame loop advances it and the canvas,
 * the playheads and the live counts read it every frame through `subscribe`, so nothing
 * re-renders React per frame. It is the one owner of the playhead and the speed: the store holds
 * the clock itself (its playback slice), never a copy of its time or speed; the controls read
 * play/pause/speed through `subscribeState`, and the URL writer reads time and speed when it
 * writes a link.
 */

/** Listener called with the current time (months) after every change. */
export type ClockListener = (timeMonths: number) => void;

/** A playback clock: time in months, advancing at `speed` × `monthsPerSecond` when playing. */
export interface PlaybackClock {
  readonly time: number;
  readonly playing: boolean;
  readonly speed: number;
  readonly horizon: number;
  setTime(t: number): void;
  setHorizon(h: number): void;
  setSpeed(s: number): void;
  play(): void;
  pause(): void;
  toggle(): void;
  subscribe(fn: ClockListener): () => void;
  /** Listener for play/pause/speed changes (for React controls). */
  subscribeState(fn: () => void): () => void;
}

/** Months of simulated time per second of animation at speed 1. */
export const MONTHS_PER_SECOND = 2;

/** Speeds offered in the play bar. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;

/**
 * Creates a clock. `now` and `requestFrame` are injectable for tests; in the browser they are
 * `performance.now` and `requestAnimationFrame`.
 */
export function createClock(
  options: {
    horizon?: number;
    now?: () => number;
    requestFrame?: (cb: (t: number) => void) => unknown;
  } = {},
): PlaybackClock {
  const now = options.now ?? (() => performance.now());
  const requestFrame =
    options.requestFrame ?? ((cb: (t: number) => void) => requestAnimationFrame(cb));
  const listeners = new Set<ClockListener>();
  const stateListeners = new Set<() => void>();
  let time = 0;
  let playing = false;
  let speed = 1;
  let horizon = options.horizon ?? 60;
  let last = 0;

  const emit = () => listeners.forEach((fn) => fn(time));
  const emitState = () => stateListeners.forEach((fn) => fn());
  const clamp = (t: number) => (Number.isFinite(t) ? Math.min(Math.max(t, 0), horizon) : 0);

  const frame = () => {
    if (!playing) return;
    const t = now();
    const dt = Math.min((t - last) / 1000, 0.25); // a hidden tab must not jump to the end
    last = t;
    time = clamp(time + dt * speed * MONTHS_PER_SECOND);
    emit();
    if (time >= horizon) {
      playing = false;
      emitState();
      return;
    }
    requestFrame(frame);
  };

  const clock: PlaybackClock = {
    get time() {
      return time;
    },
    get playing() {
      return playing;
    },
    get speed() {
      return speed;
    },
    get horizon() {
      return horizon;
    },
    setTime(t) {
      time = clamp(t);
      emit();
    },
    setHorizon(h) {
      horizon = Number.isFinite(h) && h > 0 ? h : horizon;
      time = clamp(time);
      emit();
    },
    setSpeed(s) {
      if (Number.isFinite(s) && s > 0) speed = s;
      emitState();
    },
    play() {
      if (playing) return;
      if (time >= horizon) time = 0;
      playing = true;
      last = now();
      emitState();
      requestFrame(frame);
    },
    pause() {
      if (playing) {
        // A paused playhead rests on a tenth of a month, so that the link it writes stays short.
        time = clamp(Math.round(time * 10) / 10);
        emit();
      }
      playing = false;
      emitState();
    },
    toggle() {
      if (playing) clock.pause();
      else clock.play();
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    subscribeState(fn) {
      stateListeners.add(fn);
      return () => stateListeners.delete(fn);
    },
  };
  return clock;
}
