/**
 * The event columns a sampler writes (see `Cohort` in ../types for their meaning) and the one
 * rule for growing them, shared by the current sampler (`microsim.ts`) and the frozen one
 * (`microsimV1.ts`). Growth never touches random numbers.
 */

/** Patient p's events are `offsets[p] .. offsets[p+1]-1`: entered `eventState[e]` at `eventTime[e]`. */
export interface EventColumns {
  offsets: Uint32Array;
  eventTime: Float64Array;
  eventState: Uint8Array;
}

/** The doubled buffer capacity, or an error naming the inputs when it passes `maxEvents`. */
export function grow(cap: number, n: number, patient: number, maxEvents: number): number {
  if (cap >= maxEvents) {
    throw new Error(
      `The cohort needs more than ${maxEvents} events (reached at patient ${patient + 1} of ${n}); ` +
        'lower "n", "horizonMonths" or the intensities.',
    );
  }
  return Math.min(cap * 2, maxEvents);
}

/** The event buffers copied into new ones with room for `cap` events (after `grow`). */
export function widen(
  eventTime: Float64Array,
  eventState: Uint8Array,
  cap: number,
): { eventTime: Float64Array<ArrayBuffer>; eventState: Uint8Array<ArrayBuffer> } {
  const time = new Float64Array(cap);
  time.set(eventTime);
  const state = new Uint8Array(cap);
  state.set(eventState);
  return { eventTime: time, eventState: state };
}
