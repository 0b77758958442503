// Over 400 lines on purpose: slot assignment, layout and per-frame update share typed arrays.
import { LANES } from '../../model/markov/template';
import type { Cohort, ModelSpec } from '../../model/types';
import { LANE_LABELS } from '../palette';

/**
 * Where every patient's dot is at a time t: the pure geometry behind the animated cohort.
 *
 * Decisions (see also the report that introduced this file):
 * - **Lanes**: one column per display lane, left to right (`LANES`: Active, Remission, Relapse,
 *   Dead, then any extra lane a custom model declares). Each lane is a grid of squares filled from
 *   the bottom row up, so a lane's fill height reads like a bar of its count.
 * - **Slots**: every lane is a grid of n squares filled from the bottom row up, and patient p
 *   always has square p, in whichever lane it is. So a patient's square depends on nothing but
 *   the patient: when a slider moves, the dots of patients whose paths it does not change stay
 *   exactly where they are and only the affected patients move (the simulation gives each
 *   patient its own random numbers, see src/model/simulate/microsim.ts), and patient p of arm B
 *   sits where patient p of arm A sits. A dot moving between lanes moves sideways only, so the
 *   room can follow one patient across the lanes. (An earlier version gave an arrival the lowest
 *   free slot, which read like a bar but let any change reshuffle everyone's squares.) The
 *   layout at t is a pure function of t: scrubbing backwards shows what playing forwards showed.
 * - **Censoring**: events after a patient's follow-up are not observed and are ignored. After
 *   follow-up ends a living patient is *censored*: its dot stays in its slot in the last lane it
 *   was seen in (drawn hollow or faded by the renderer) instead of travelling to a separate strip,
 *   because administrative censoring comes in bursts and a swarm of dots leaving at the data
 *   cut-off would drown the transitions the room is watching. Censored patients are not counted in
 *   their lane's count (they are unknown now); `counts[nLanes]` counts them. A patient who died
 *   during follow-up is dead, never censored.
 * - **Travel**: when a patient changes lane at time te, its dot sets off `transitionMonths` of
 *   simulated time earlier (never before it arrived in its current lane) and glides along an arc
 *   to its new slot, landing at te (ease in-out). The count changes when it lands, at te, so the
 *   counts, the dot and the curves (the state at t) agree; after landing the dot is `arrived` for
 *   as long again, so the renderer can mark the change of state. Everything is a function of t,
 *   so it plays the same at any speed and when scrubbing; with no travel time dots jump and
 *   nothing is marked.
 *
 * Units: t in months; positions and sizes in CSS pixels, with every settled square snapped to
 * whole device pixels (crisp squares, no blurry edges).
 */

/** One lane's rectangle (CSS px) and identity, for backgrounds and labels. */
export interface LaneRect {
  /** Lane id, e.g. `remission`. */
  id: string;
  /** Label shown to users, e.g. "Remission". */
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Size of the drawing area in CSS pixels. */
export interface LayoutSize {
  width: number;
  height: number;
}

/** Options of {@link createDotLayout}. */
export interface DotLayoutOptions {
  /** Device pixels per CSS pixel (squares snap to whole device pixels). @default 1 */
  pixelRatio?: number;
  /** Months of simulated time a dot takes to travel to its new lane; 0 = jump. @default 1.5 */
  transitionMonths?: number;
  /** Space between lanes (CSS px). @default 12 */
  gap?: number;
  /** Space around the lanes, at the canvas edges (CSS px). @default 4 */
  padding?: number;
  /** Space between a lane's edge and its grid of squares (CSS px). @default 4 */
  inset?: number;
  /** Largest grid cell (CSS px), so a handful of patients do not become giant tiles. @default 40 */
  maxCell?: number;
  /** Lane order; lanes used by the model but not listed are appended. @default LANES */
  lanes?: readonly string[];
}

/** What each dot is doing at the current time (`DotLayout.mode`). */
export const DotMode = {
  /** Sitting in its slot. */
  settled: 0,
  /** Travelling from its previous lane to its new slot. */
  moving: 1,
  /** Follow-up over: sitting in its slot in the last lane it was seen in. */
  censored: 2,
  /** Just landed in a new lane (for one travel time): the renderer marks the change of state. */
  arrived: 3,
} as const;

/** The per-frame output of {@link createDotLayout}; all arrays are reused between frames. */
export interface DotLayout {
  /** Number of patients. */
  readonly n: number;
  /** Number of lanes (lane index = position in `lanes`). */
  readonly nLanes: number;
  /** Lane rectangles, left to right (CSS px). Replaced on `resize`. */
  readonly lanes: readonly LaneRect[];
  /** Top-left corner of each patient's square at the last `update` (CSS px). */
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** Lane index of each patient at the last `update` (its last observed lane when censored). */
  readonly laneOf: Uint8Array;
  /** {@link DotMode} of each patient at the last `update`. */
  readonly mode: Uint8Array;
  /** Lane a moving dot is heading for (its colour); equals `laneOf` when not moving. */
  readonly towardLane: Uint8Array;
  /** Where a moving dot's arc starts, bends and ends (CSS px, top-left of the square). */
  readonly pathFromX: Float32Array;
  readonly pathFromY: Float32Array;
  readonly pathBendX: Float32Array;
  readonly pathBendY: Float32Array;
  readonly pathToX: Float32Array;
  readonly pathToY: Float32Array;
  /** Number of dots travelling at the last `update`. */
  readonly moving: number;
  /**
   * Patients per lane at the last `update`, censored excluded; the extra last entry
   * (`counts[nLanes]`) is the number censored. Sums to n.
   */
  readonly counts: Int32Array;
  /** Censored patients per lane (where their hollow dots sit). */
  readonly censoredByLane: Int32Array;
  /** Side of a square (CSS px). */
  readonly dotSize: number;
  /** Side of a grid cell (square + gap, CSS px). */
  readonly cellSize: number;
  /** Time (months) of the last `update`. */
  readonly time: number;
  /** Recomputes every position, lane, mode and count for time t (months). O(n), no allocation. */
  update(t: number): void;
  /** Lays the lanes out again for a new size (slots are kept; positions refresh at t). */
  resize(size: LayoutSize, pixelRatio?: number): void;
  /** Changes the travel time (0 under prefers-reduced-motion) and refreshes positions. */
  setTransitionMonths(months: number): void;
}

/** The lanes a model is drawn in, in display order: `order` first, then any others it uses. */
export function lanesOf(spec: ModelSpec, order: readonly string[] = LANES): string[] {
  const used = new Set(spec.states.map((s) => s.lane));
  const lanes = order.filter((l) => used.has(l));
  for (const s of spec.states) if (!lanes.includes(s.lane)) lanes.push(s.lane);
  return lanes;
}

/** Label of a lane: the palette's, else the label of the first state drawn in it. */
export function laneLabel(spec: ModelSpec, lane: string): string {
  return LANE_LABELS[lane] ?? spec.states.find((s) => s.lane === lane)?.label ?? lane;
}

/** Ease in-out (cubic) of u in [0, 1]: the dot sets off and lands gently. */
export function ease(u: number): number {
  return u < 0.5 ? 4 * u * u * u : 1 - (-2 * u + 2) ** 3 / 2;
}

/**
 * Grid geometry in device pixels: the largest whole-pixel cell such that a lane holds all n
 * patients (everyone starts in Active; everyone may end in Dead).
 */
function gridFor(
  innerW: number,
  innerH: number,
  n: number,
  maxCell: number,
): { cell: number; cols: number; rows: number } {
  const w = Math.max(1, Math.floor(innerW));
  const h = Math.max(1, Math.floor(innerH));
  const need = Math.max(1, n);
  let cell = Math.max(1, Math.min(Math.floor(maxCell), Math.floor(Math.sqrt((w * h) / need))));
  while (cell > 1 && Math.floor(w / cell) * Math.floor(h / cell) < need) cell--;
  // When even 1-px cells cannot hold n (a tiny canvas), slots wrap and dots overlap (see update).
  return { cell, cols: Math.max(1, Math.floor(w / cell)), rows: Math.max(1, Math.floor(h / cell)) };
}

/**
 * Every observed event's slot (its patient's index; -1 after follow-up) and the index of the
 * event that started its lane stay (a stay starts at an event whose lane differs from the
 * previous event's; later events in the same lane continue it).
 */
function staysOf(
  cohort: Cohort,
  eventLane: Uint8Array,
  lastObserved: Uint32Array,
): { slot: Int32Array; stayStart: Uint32Array } {
  const { n, offsets, eventTime } = cohort;
  const slot = new Int32Array(eventTime.length).fill(-1);
  const stayStart = new Uint32Array(eventTime.length);
  for (let p = 0; p < n; p++) {
    const first = offsets[p]!;
    const last = lastObserved[p]!;
    for (let e = first; e <= last; e++) {
      slot[e] = p;
      stayStart[e] = e === first || eventLane[e] !== eventLane[e - 1] ? e : stayStart[e - 1]!;
    }
  }
  return { slot, stayStart };
}

/**
 * Creates the lane layout of a cohort: slots are assigned once here; `update(t)` then fills the
 * position, lane and mode of every patient and the lane counts at time t (months).
 *
 * @example
 * const layout = createDotLayout(cohort, spec, { width: 800, height: 400 }, { pixelRatio: 2 });
 * clock.subscribe((t) => { layout.update(t); draw(layout); });
 */
export function createDotLayout(
  cohort: Cohort,
  spec: ModelSpec,
  size: LayoutSize,
  options: DotLayoutOptions = {},
): DotLayout {
  const { n, offsets, eventTime, eventState, followUp } = cohort;
  if (offsets.length < n + 1) {
    throw new Error(`Cohort offsets has ${offsets.length} entries; n + 1 = ${n + 1} expected.`);
  }
  const laneIds = lanesOf(spec, options.lanes ?? LANES);
  const nLanes = laneIds.length;
  if (nLanes > 255) throw new Error('At most 255 lanes can be drawn.');
  const stateLane = new Uint8Array(spec.states.length);
  const stateAlive = new Uint8Array(spec.states.length);
  spec.states.forEach((s, i) => {
    stateLane[i] = laneIds.indexOf(s.lane);
    stateAlive[i] = s.alive ? 1 : 0;
  });

  const nEvents = eventTime.length;
  const eventLane = new Uint8Array(nEvents);
  const eventAlive = new Uint8Array(nEvents);
  for (let e = 0; e < nEvents; e++) {
    const s = eventState[e]!;
    if (s >= spec.states.length) {
      throw new Error(`Event ${e} is in state ${s}, but the model has ${spec.states.length}.`);
    }
    eventLane[e] = stateLane[s]!;
    eventAlive[e] = stateAlive[s]!;
  }

  // Last event seen during follow-up: what happens after it is unknown to the study.
  const lastObserved = new Uint32Array(n);
  for (let p = 0; p < n; p++) {
    const first = offsets[p]!;
    const end = offsets[p + 1]!;
    if (end <= first) throw new Error(`Patient ${p} has no events (not even its initial state).`);
    let e = first;
    while (e + 1 < end && eventTime[e + 1]! <= followUp[p]!) e++;
    lastObserved[p] = e;
  }
  const { slot, stayStart } = staysOf(cohort, eventLane, lastObserved);

  // Per event, where its stay's square sits; per stay-starting event, when its dot sets off.
  const toX = new Float32Array(nEvents);
  const toY = new Float32Array(nEvents);
  const departAt = new Float64Array(nEvents);

  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const laneOf = new Uint8Array(n);
  const mode = new Uint8Array(n);
  const towardLane = new Uint8Array(n);
  const pathFromX = new Float32Array(n);
  const pathFromY = new Float32Array(n);
  const pathBendX = new Float32Array(n);
  const pathBendY = new Float32Array(n);
  const pathToX = new Float32Array(n);
  const pathToY = new Float32Array(n);
  let movingCount = 0;
  const counts = new Int32Array(nLanes + 1);
  const censoredByLane = new Int32Array(nLanes);
  // Each patient's current event, moved forwards or backwards from the last frame: amortised O(1).
  const cursor = new Uint32Array(n);
  for (let p = 0; p < n; p++) cursor[p] = offsets[p]!;

  const gap = options.gap ?? 12;
  const padding = options.padding ?? 4;
  const inset = options.inset ?? 4;
  const maxCell = options.maxCell ?? 40;
  let transitionMonths = Math.max(0, options.transitionMonths ?? 1.5);
  let width = 0;
  let height = 0;
  let ratio = 1;
  let lanes: LaneRect[] = [];
  let dotSize = 0;
  let cellSize = 0;
  let time = 0;

  /** Lays out lanes and grids, then every stay's target square and departure point. */
  const layout = (s: LayoutSize, pixelRatio: number) => {
    width = Math.max(0, s.width);
    height = Math.max(0, s.height);
    ratio = pixelRatio > 0 && Number.isFinite(pixelRatio) ? pixelRatio : 1;
    const snap = (v: number) => Math.round(v * ratio) / ratio;
    const laneW = Math.max(0, (width - 2 * padding - (nLanes - 1) * gap) / Math.max(1, nLanes));
    const laneH = Math.max(0, height - 2 * padding);
    lanes = laneIds.map((id, i) => {
      const x0 = snap(padding + i * (laneW + gap));
      const x1 = snap(padding + i * (laneW + gap) + laneW);
      return {
        id,
        label: laneLabel(spec, id),
        x: x0,
        y: snap(padding),
        width: x1 - x0,
        height: snap(laneH),
      };
    });

    // Grids are computed in device pixels so every square has whole-pixel edges.
    const innerW = Math.max(0, (laneW - 2 * inset) * ratio - 1);
    const innerH = Math.max(0, (laneH - 2 * inset) * ratio - 1);
    const { cell, cols, rows } = gridFor(innerW, innerH, n, maxCell * ratio);
    // Tiny cells get no gap (a solid block reads better than 1-px specks).
    const gapPx = cell >= 3 ? Math.max(1, Math.round(cell * 0.15)) : 0;
    const capacity = cols * rows;
    cellSize = cell / ratio;
    dotSize = (cell - gapPx) / ratio;
    const gridLeft = lanes.map(
      (r) => Math.round((r.x + inset) * ratio + Math.max(0, (innerW - cols * cell) / 2)) / ratio,
    );
    const gridBottom = Math.round((padding + inset) * ratio + innerH) / ratio;
    const half = Math.floor(gapPx / 2) / ratio;

    for (let e = 0; e < nEvents; e++) {
      const sl = slot[e]!;
      if (sl < 0) continue; // unobserved (after follow-up)
      const k = sl % capacity; // wraps only when the canvas is too small to hold n squares
      const col = k % cols;
      const row = (k - col) / cols;
      toX[e] = gridLeft[eventLane[e]!]! + col * cellSize + half;
      toY[e] = gridBottom - (row + 1) * cellSize + half;
    }
    departures();
  };

  /**
   * When each lane change's dot sets off: one travel time before the event, but not before the
   * dot arrived where it is (two quick moves share the time between them; never a jump).
   */
  const departures = () => {
    for (let p = 0; p < n; p++) {
      const first = offsets[p]!;
      const last = lastObserved[p]!;
      for (let e = first + 1; e <= last; e++) {
        if (stayStart[e] !== e) continue;
        const arrived = eventTime[stayStart[e - 1]!]!;
        departAt[e] = Math.max(eventTime[e]! - transitionMonths, arrived);
      }
    }
  };

  const update = (tIn: number) => {
    const t = Number.isFinite(tIn) ? Math.max(0, tIn) : 0;
    time = t;
    counts.fill(0);
    censoredByLane.fill(0);
    movingCount = 0;
    const travel = transitionMonths > 0;
    for (let p = 0; p < n; p++) {
      const first = offsets[p]!;
      const last = lastObserved[p]!;
      let e = cursor[p]!;
      while (e < last && eventTime[e + 1]! <= t) e++;
      while (e > first && eventTime[e]! > t) e--;
      cursor[p] = e;

      const lane = eventLane[e]!;
      laneOf[p] = lane;
      towardLane[p] = lane;
      x[p] = toX[e]!;
      y[p] = toY[e]!;
      mode[p] = DotMode.settled;
      if (t > followUp[p]! && eventAlive[e] === 1) {
        mode[p] = DotMode.censored;
        counts[nLanes]!++;
        censoredByLane[lane]!++;
        continue;
      }
      counts[lane]!++;
      if (!travel) continue;
      const next = e + 1;
      if (next <= last && stayStart[next] === next && t >= departAt[next]!) {
        // On its way to the next lane (it is counted where it is until it lands).
        const te = eventTime[next]!;
        const span = te - departAt[next]!;
        if (span > 0) {
          const k = ease(Math.min(1, (t - departAt[next]!) / span));
          const x0 = toX[e]!;
          const y0 = toY[e]!;
          const x1 = toX[next]!;
          const y1 = toY[next]!;
          // A gentle arc over the lanes (a quadratic Bézier bent upwards, kept on the canvas).
          const bx = (x0 + x1) / 2;
          const by = Math.max(0, Math.min(y0, y1) - 0.2 * Math.abs(x1 - x0));
          const u = 1 - k;
          x[p] = u * u * x0 + 2 * u * k * bx + k * k * x1;
          y[p] = u * u * y0 + 2 * u * k * by + k * k * y1;
          pathFromX[p] = x0;
          pathFromY[p] = y0;
          pathBendX[p] = bx;
          pathBendY[p] = by;
          pathToX[p] = x1;
          pathToY[p] = y1;
          towardLane[p] = eventLane[next]!;
          mode[p] = DotMode.moving;
          movingCount++;
          continue;
        }
      }
      const start = stayStart[e]!;
      if (start !== first && t - eventTime[start]! < transitionMonths) mode[p] = DotMode.arrived;
    }
  };

  layout(size, options.pixelRatio ?? 1);
  update(0);

  return {
    n,
    nLanes,
    get lanes() {
      return lanes;
    },
    x,
    y,
    laneOf,
    mode,
    towardLane,
    pathFromX,
    pathFromY,
    pathBendX,
    pathBendY,
    pathToX,
    pathToY,
    get moving() {
      return movingCount;
    },
    counts,
    censoredByLane,
    get dotSize() {
      return dotSize;
    },
    get cellSize() {
      return cellSize;
    },
    get time() {
      return time;
    },
    update,
    resize(s, pixelRatio) {
      layout(s, pixelRatio ?? ratio);
      update(time);
    },
    setTransitionMonths(months) {
      transitionMonths = Number.isFinite(months) ? Math.max(0, months) : 0;
      departures();
      update(time);
    },
  };
}
