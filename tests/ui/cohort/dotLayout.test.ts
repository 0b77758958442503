import { describe, expect, it } from 'vitest';
import { buildModel, DEFAULT_TEMPLATE_OPTIONS } from '../../../src/model/markov/template';
import type { Cohort } from '../../../src/model/types';
import { createDotLayout, DotMode, lanesOf } from '../../../src/ui/cohort/dotLayout';

const spec = buildModel(DEFAULT_TEMPLATE_OPTIONS, {
  remission: [0.3],
  relapse: [0.1],
  deathActive: [0.05],
  deathRemission: [0.01],
  deathRelapse: [0.05],
});
const code = (id: string): number => spec.states.findIndex((s) => s.id === id);
const ACTIVE = code('active');
const REMISSION = code('remission');
const RELAPSE = code('relapse');
const DEAD_NEVER = code('dead_never_remitted');
const DEAD_REMITTED = code('dead_remitted');
const DEAD_RELAPSED = code('dead_relapsed');
// Lane indices in display order.
const [L_ACTIVE, L_REMISSION, L_RELAPSE, L_DEAD] = [0, 1, 2, 3];

type Path = [time: number, state: number][];

/** Builds a Cohort's typed-array columns from one path of (time, state) events per patient. */
function cohortOf(paths: Path[], followUp?: number[], horizon = 60): Cohort {
  const n = paths.length;
  const offsets = new Uint32Array(n + 1);
  paths.forEach((path, p) => (offsets[p + 1] = offsets[p]! + path.length));
  const total = offsets[n]!;
  const eventTime = new Float64Array(total);
  const eventState = new Uint8Array(total);
  let e = 0;
  for (const path of paths) {
    for (const [t, s] of path) {
      eventTime[e] = t;
      eventState[e] = s;
      e++;
    }
  }
  return {
    n,
    horizon,
    offsets,
    eventTime,
    eventState,
    followUp: Float64Array.from(followUp ?? paths.map(() => horizon)),
    entry: new Float64Array(n),
  };
}

/** A deterministic pseudo-random cohort of n patients (a fixed LCG, no Math.random). */
function syntheticCohort(n: number, horizon = 60): Cohort {
  let seed = 12345;
  const rand = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const paths: Path[] = [];
  const followUp: number[] = [];
  for (let p = 0; p < n; p++) {
    const path: Path = [[0, ACTIVE]];
    let t = rand() * 24;
    if (rand() < 0.1) path.push([t, DEAD_NEVER]);
    else {
      path.push([t, REMISSION]);
      t += rand() * 30;
      if (rand() < 0.3) {
        path.push([t, RELAPSE]);
        if (rand() < 0.3) path.push([t + rand() * 10, DEAD_RELAPSED]);
      } else if (rand() < 0.05) path.push([t, DEAD_REMITTED]);
    }
    paths.push(path.filter(([time]) => time <= horizon));
    followUp.push(rand() < 0.3 ? 20 + rand() * 40 : horizon);
  }
  return cohortOf(paths, followUp, horizon);
}

const SIZE = { width: 800, height: 400 };
const sum = (a: Int32Array) => a.reduce((s, v) => s + v, 0);
const at = (layout: { x: Float32Array; y: Float32Array }, p: number): [number, number] => [
  layout.x[p]!,
  layout.y[p]!,
];

describe('createDotLayout', () => {
  // 0 stays active; 1 remits at 2; 2 remits at 3, relapses at 8; 3 dies while active at 4;
  // 4 remits at 1, relapses at 5, dies at 9.
  const paths: Path[] = [
    [[0, ACTIVE]],
    [
      [0, ACTIVE],
      [2, REMISSION],
    ],
    [
      [0, ACTIVE],
      [3, REMISSION],
      [8, RELAPSE],
    ],
    [
      [0, ACTIVE],
      [4, DEAD_NEVER],
    ],
    [
      [0, ACTIVE],
      [1, REMISSION],
      [5, RELAPSE],
      [9, DEAD_RELAPSED],
    ],
  ];

  it('draws the template in four lanes: Active, Remission, Relapse, Dead', () => {
    expect(lanesOf(spec)).toEqual(['active', 'remission', 'relapse', 'dead']);
    const layout = createDotLayout(cohortOf(paths), spec, SIZE);
    expect(layout.lanes.map((l) => l.label)).toEqual(['Active', 'Remission', 'Relapse', 'Dead']);
    // Lanes run left to right without overlapping.
    for (let i = 1; i < layout.lanes.length; i++) {
      const prev = layout.lanes[i - 1]!;
      expect(layout.lanes[i]!.x).toBeGreaterThanOrEqual(prev.x + prev.width);
    }
  });

  it('puts every patient in the lane of its state at t, and counts them', () => {
    const layout = createDotLayout(cohortOf(paths), spec, SIZE);
    layout.update(0);
    expect([...layout.laneOf]).toEqual([L_ACTIVE, L_ACTIVE, L_ACTIVE, L_ACTIVE, L_ACTIVE]);
    expect([...layout.counts]).toEqual([5, 0, 0, 0, 0]);
    layout.update(4.5);
    expect([...layout.laneOf]).toEqual([L_ACTIVE, L_REMISSION, L_REMISSION, L_DEAD, L_REMISSION]);
    expect([...layout.counts]).toEqual([1, 3, 0, 1, 0]);
    layout.update(10);
    expect([...layout.laneOf]).toEqual([L_ACTIVE, L_REMISSION, L_RELAPSE, L_DEAD, L_DEAD]);
    expect([...layout.counts]).toEqual([1, 1, 1, 2, 0]);
  });

  it('counts an event at exactly t as having happened', () => {
    const layout = createDotLayout(cohortOf(paths), spec, SIZE);
    layout.update(2);
    expect(layout.laneOf[1]).toBe(L_REMISSION);
  });

  it('gives the same picture at t whether reached forwards, backwards or directly', () => {
    const cohort = syntheticCohort(500);
    const scrubbed = createDotLayout(cohort, spec, SIZE);
    for (let t = 0; t <= 60; t += 0.7) scrubbed.update(t);
    scrubbed.update(13.3);
    const direct = createDotLayout(cohort, spec, SIZE);
    direct.update(13.3);
    expect(scrubbed.x).toEqual(direct.x);
    expect(scrubbed.y).toEqual(direct.y);
    expect(scrubbed.laneOf).toEqual(direct.laneOf);
    expect(scrubbed.mode).toEqual(direct.mode);
    expect(scrubbed.counts).toEqual(direct.counts);
  });

  it('has counts that sum to n at every time, censored included', () => {
    const cohort = syntheticCohort(1000);
    const layout = createDotLayout(cohort, spec, SIZE);
    for (let t = 0; t <= 60; t += 2.5) {
      layout.update(t);
      expect(sum(layout.counts)).toBe(1000);
    }
    expect(layout.counts[layout.nLanes]).toBeGreaterThan(0);
  });

  it('keeps a patient that stays in its lane in place while others leave and arrive', () => {
    const layout = createDotLayout(cohortOf(paths), spec, SIZE);
    layout.update(0.5);
    const still = at(layout, 0);
    const remitted = (layout.update(2.5), at(layout, 1));
    for (const t of [3.5, 4.5, 6, 8.5, 12, 60]) {
      layout.update(t);
      expect(at(layout, 0)).toEqual(still); // patient 0 never leaves Active
      expect(at(layout, 1)).toEqual(remitted); // patient 1 stays in Remission from month 2
    }
  });

  it('gives patient p the same square in every lane (it moves sideways only)', () => {
    const layout = createDotLayout(cohortOf(paths), spec, SIZE, { transitionMonths: 0 });
    const lane = (l: number) => layout.lanes[l]!;
    // Patient 4: Active, Remission from 1, Relapse from 5, Dead from 9.
    const seen = [0.5, 2, 6, 10].map((t) => {
      layout.update(t);
      const [x, y] = at(layout, 4);
      return { dx: x - lane(layout.laneOf[4]!).x, y, lane: layout.laneOf[4]! };
    });
    expect(seen.map((s) => s.lane)).toEqual([L_ACTIVE, L_REMISSION, L_RELAPSE, L_DEAD]);
    for (const s of seen) {
      expect(s.y).toBe(seen[0]!.y);
      expect(s.dx).toBeCloseTo(seen[0]!.dx, 9);
    }
  });

  it('leaves every unaffected patient’s dot in place when another patient’s path changes', () => {
    // What a slider does under per-patient random numbers: some paths change, the rest do not.
    const base = syntheticCohort(300);
    const changedPaths: Path[] = [];
    const changed = new Set([3, 50, 51, 299]);
    for (let p = 0; p < base.n; p++) {
      const path: Path = [];
      for (let e = base.offsets[p]!; e < base.offsets[p + 1]!; e++)
        path.push([base.eventTime[e]!, base.eventState[e]!]);
      // Affected patients relapse early instead (or die at once).
      changedPaths.push(
        changed.has(p)
          ? [
              [0, ACTIVE],
              [0.5, REMISSION],
              [1, p % 2 ? RELAPSE : DEAD_REMITTED],
            ]
          : path,
      );
    }
    const other = cohortOf(changedPaths, Array.from(base.followUp), base.horizon);
    const a = createDotLayout(base, spec, SIZE);
    const b = createDotLayout(other, spec, SIZE);
    for (const t of [0, 0.7, 1.2, 5, 17.3, 30, 59.9]) {
      a.update(t);
      b.update(t);
      for (let p = 0; p < base.n; p++) {
        if (changed.has(p)) continue;
        expect(at(b, p)).toEqual(at(a, p));
        expect(b.mode[p]).toBe(a.mode[p]);
      }
    }
  });

  it('moves a dot along an arc before its event and lands at the event, when the count changes', () => {
    const layout = createDotLayout(cohortOf(paths), spec, SIZE, { transitionMonths: 0.4 });
    // Patient 1 remits at 2: it sets off at 1.6 and lands at 2.
    layout.update(1.5);
    const [x0, y0] = at(layout, 1);
    expect(layout.mode[1]).toBe(DotMode.settled);
    layout.update(3);
    const [x1, y1] = at(layout, 1);
    expect(x1).toBeGreaterThan(x0); // Remission is right of Active

    layout.update(1.8); // half way through the 0.4-month journey
    const [xm, ym] = at(layout, 1);
    expect(layout.mode[1]).toBe(DotMode.moving);
    expect(layout.moving).toBeGreaterThanOrEqual(1);
    expect(layout.laneOf[1]).toBe(L_ACTIVE); // counted where it was until it lands
    expect(layout.towardLane[1]).toBe(L_REMISSION);
    expect(layout.counts[L_REMISSION]).toBe(1); // only patient 4 (remitted at 1)
    expect(xm).toBeGreaterThan(Math.min(x0, x1));
    expect(xm).toBeLessThan(Math.max(x0, x1));
    // The arc bends upwards: mid-way the dot is above both squares (smaller y), on the canvas.
    expect(ym).toBeLessThan(Math.min(y0, y1));
    expect(ym).toBeGreaterThanOrEqual(0);
    // Its path runs from the old square to the new one.
    expect([layout.pathFromX[1], layout.pathToX[1]]).toEqual([x0, x1]);

    layout.update(2); // landed: counted in Remission, marked as a fresh arrival
    expect(at(layout, 1)).toEqual([x1, y1]);
    expect(layout.laneOf[1]).toBe(L_REMISSION);
    expect(layout.mode[1]).toBe(DotMode.arrived);
    layout.update(2.5); // a travel time later the mark is gone
    expect(layout.mode[1]).toBe(DotMode.settled);
  });

  it('makes dots jump and marks nothing when there is no travel time (reduced motion)', () => {
    const layout = createDotLayout(cohortOf(paths), spec, SIZE);
    layout.update(1.8);
    expect(layout.mode[1]).toBe(DotMode.moving);
    layout.setTransitionMonths(0);
    expect(layout.mode[1]).toBe(DotMode.settled);
    const before = at(layout, 1);
    layout.update(2);
    const jumped = at(layout, 1);
    expect(jumped).not.toEqual(before);
    layout.update(5);
    expect(at(layout, 1)).toEqual(jumped);
    for (let t = 0; t <= 12; t += 0.1) {
      layout.update(t);
      expect(layout.mode.includes(DotMode.moving)).toBe(false);
      expect(layout.mode.includes(DotMode.arrived)).toBe(false);
      expect(layout.moving).toBe(0);
    }
  });

  it('gives two quick moves the time between them: it never sets off before it has landed', () => {
    const cohort = cohortOf([
      [
        [0, ACTIVE],
        [1, REMISSION],
        [1.2, RELAPSE],
      ],
    ]);
    const layout = createDotLayout(cohort, spec, SIZE, { transitionMonths: 0.4 });
    layout.update(1);
    const landed = at(layout, 0);
    expect(layout.laneOf[0]).toBe(L_REMISSION);
    // From 1 to 1.2 it travels on to Relapse, starting from the square it landed on.
    layout.update(1 + 1e-9);
    expect(layout.mode[0]).toBe(DotMode.moving);
    expect(at(layout, 0)[0]).toBeCloseTo(landed[0]!, 3);
    expect(at(layout, 0)[1]).toBeCloseTo(landed[1]!, 3);
    layout.update(1.2 - 1e-9);
    const before = at(layout, 0);
    layout.update(1.2);
    const after = at(layout, 0);
    expect(after[0]).toBeCloseTo(before[0]!, 3);
    expect(after[1]).toBeCloseTo(before[1]!, 3);
  });

  describe('censoring', () => {
    // 0 is followed to month 6 and remits at 8 (unseen); 1 is followed to month 6, remitted at 2;
    // 2 dies at 3 and is followed to month 6: dead is known, not censored.
    const cohort = cohortOf(
      [
        [
          [0, ACTIVE],
          [8, REMISSION],
        ],
        [
          [0, ACTIVE],
          [2, REMISSION],
        ],
        [
          [0, ACTIVE],
          [3, DEAD_NEVER],
        ],
      ],
      [6, 6, 6],
    );

    it('keeps a censored patient hollow in its last observed lane and slot', () => {
      const layout = createDotLayout(cohort, spec, SIZE);
      layout.update(5.9);
      const seen = [at(layout, 0), at(layout, 1)];
      layout.update(10);
      expect(layout.laneOf[0]).toBe(L_ACTIVE); // the remission at month 8 is never observed
      expect(layout.laneOf[1]).toBe(L_REMISSION);
      expect(layout.mode[0]).toBe(DotMode.censored);
      expect(layout.mode[1]).toBe(DotMode.censored);
      expect([at(layout, 0), at(layout, 1)]).toEqual(seen);
    });

    it('counts censored patients apart from their lanes, and never the dead', () => {
      const layout = createDotLayout(cohort, spec, SIZE);
      layout.update(6); // follow-up ends at 6: still observed at 6
      expect([...layout.counts]).toEqual([1, 1, 0, 1, 0]);
      layout.update(6.01);
      expect([...layout.counts]).toEqual([0, 0, 0, 1, 2]);
      expect([...layout.censoredByLane]).toEqual([1, 1, 0, 0]);
      expect(layout.mode[2]).toBe(DotMode.settled);
    });
  });

  describe('geometry', () => {
    it.each([1, 81, 10_000])('keeps all %i dots inside the canvas at every time', (n) => {
      const cohort = syntheticCohort(n);
      for (const [size, ratio] of [
        [SIZE, 1],
        [{ width: 640, height: 300 }, 2],
        [{ width: 1366, height: 500 }, 1.5],
      ] as const) {
        const layout = createDotLayout(cohort, spec, size, { pixelRatio: ratio });
        for (let t = 0; t <= 60; t += 0.35) {
          layout.update(t);
          const s = layout.dotSize;
          expect(s).toBeGreaterThan(0);
          for (let p = 0; p < n; p++) {
            const x = layout.x[p]!;
            const y = layout.y[p]!;
            if (!(x >= 0 && y >= 0 && x + s <= size.width && y + s <= size.height)) {
              throw new Error(`patient ${p} at (${x}, ${y}) size ${s} is outside at t=${t}`);
            }
          }
        }
      }
    });

    it('gives settled patients distinct squares', () => {
      const layout = createDotLayout(syntheticCohort(10_000), spec, SIZE);
      layout.update(30);
      const seen = new Set<string>();
      for (let p = 0; p < layout.n; p++) {
        if (layout.mode[p] === DotMode.moving) continue;
        const key = `${layout.x[p]},${layout.y[p]}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
    });

    it('draws few patients as big squares and 10,000 as 2–3 px squares', () => {
      const big = createDotLayout(syntheticCohort(81), spec, SIZE);
      const small = createDotLayout(syntheticCohort(10_000), spec, SIZE);
      expect(big.dotSize).toBeGreaterThanOrEqual(15);
      expect(small.dotSize).toBeGreaterThanOrEqual(2);
      expect(small.dotSize).toBeLessThanOrEqual(3);
    });

    it('keeps slots on resize and snaps squares to device pixels', () => {
      const cohort = syntheticCohort(81);
      const layout = createDotLayout(cohort, spec, SIZE, { pixelRatio: 2 });
      layout.update(20);
      const lanes = [...layout.laneOf];
      layout.resize({ width: 1000, height: 500 }, 2);
      expect(layout.time).toBe(20);
      expect([...layout.laneOf]).toEqual(lanes);
      for (let p = 0; p < layout.n; p++) {
        if (layout.mode[p] === DotMode.moving) continue;
        expect(Number.isInteger(layout.x[p]! * 2)).toBe(true);
        expect(Number.isInteger(layout.y[p]! * 2)).toBe(true);
      }
      expect(Number.isInteger(layout.dotSize * 2)).toBe(true);
    });
  });
});
