import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../../src/model/calibrate/nelderMead';

/** Rosenbrock's function in n dimensions (the "extended" chained form); minimum 0 at (1, …, 1). */
const rosenbrock = (x: Float64Array): number => {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i]!;
    const b = x[i + 1]!;
    s += 100 * (b - a * a) ** 2 + (1 - a) ** 2;
  }
  return s;
};

describe('nelderMead', () => {
  it('minimises 2-D Rosenbrock from (−1.2, 1) (the classic start)', () => {
    const r = nelderMead(rosenbrock, [-1.2, 1], { fTolerance: 1e-12, xTolerance: 1e-10 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.fx).toBeLessThan(1e-12);
    // fminsearch needs about 160 iterations and 300 evaluations on this problem with its default
    // tolerances; ours are tighter, so allow some more but not wildly more.
    expect(r.iterations).toBeLessThan(400);
    expect(r.evaluations).toBeGreaterThan(r.iterations);
  });

  it('minimises 4-D Rosenbrock (standard and adaptive coefficients)', () => {
    for (const adaptive of [false, true]) {
      const r = nelderMead(rosenbrock, [-1.2, 1, -1.2, 1], {
        adaptive,
        initialStep: 0.5,
        fTolerance: 1e-14,
        xTolerance: 1e-9,
        maxIterations: 20000,
        maxEvaluations: 40000,
      });
      expect(r.converged).toBe(true);
      for (const v of r.x) expect(v).toBeCloseTo(1, 5);
      expect(r.fx).toBeLessThan(1e-10);
    }
  });

  it('minimises an ill-conditioned rotated quadratic exactly', () => {
    // f(x) = (x − c)ᵀ A (x − c) + 3, A = [[10, 3, 0], [3, 2, 0.5], [0, 0.5, 1]] (positive definite).
    const c = [1.5, -2, 0.25];
    const A = [
      [10, 3, 0],
      [3, 2, 0.5],
      [0, 0.5, 1],
    ];
    const f = (x: Float64Array) => {
      let s = 3;
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++) s += (x[i]! - c[i]!) * A[i]![j]! * (x[j]! - c[j]!);
      return s;
    };
    const r = nelderMead(f, [0, 0, 0], { initialStep: 1, fTolerance: 1e-14, xTolerance: 1e-9 });
    expect(r.converged).toBe(true);
    expect(r.fx).toBeCloseTo(3, 12);
    r.x.forEach((v, i) => expect(v).toBeCloseTo(c[i]!, 6));
  });

  it('finds the known minimum of a non-polynomial function', () => {
    // f(x, y) = exp(x − 1) − x + (y + 2)⁴ + cosh(y + 2): both parts are convex with stationary
    // points x = 1 and y = −2, so the minimum is f(1, −2) = (1 − 1) + 0 + cosh 0 = 1.
    const f = (x: Float64Array) =>
      Math.exp(x[0]! - 1) - x[0]! + (x[1]! + 2) ** 4 + Math.cosh(x[1]! + 2);
    const r = nelderMead(f, [4, 3], { initialStep: 1, fTolerance: 1e-14, xTolerance: 1e-8 });
    expect(r.converged).toBe(true);
    expect(r.fx).toBeCloseTo(1, 12);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(-2, 3); // quartic + cosh is flat-ish in y: lower accuracy expected
  });

  it('minimises a 1-D function', () => {
    const r = nelderMead((x) => (x[0]! - 7) ** 2, [0], { fTolerance: 1e-16, xTolerance: 1e-10 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(7, 8);
  });

  it('rejects non-finite objective values instead of moving there', () => {
    // log barrier: undefined (NaN) for x ≤ 0; the minimum of x − log x is at x = 1.
    const f = (x: Float64Array) => x[0]! - Math.log(x[0]!);
    const r = nelderMead(f, [3], { initialStep: 5, fTolerance: 1e-14, xTolerance: 1e-9 });
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.fx).toBeCloseTo(1, 12);
  });

  it('stops at the limits and says it did not converge', () => {
    const r = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 10 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(10);
    const e = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 20 });
    expect(e.converged).toBe(false);
    expect(e.evaluations).toBeLessThanOrEqual(20 + 2); // one iteration may finish past the limit
  });

  it('is deterministic', () => {
    const a = nelderMead(rosenbrock, [-1.2, 1, 0.5]);
    const b = nelderMead(rosenbrock, [-1.2, 1, 0.5]);
    expect(a).toEqual(b);
  });

  it('validates its inputs, naming the field', () => {
    expect(() => nelderMead(rosenbrock, [])).toThrow(/x0/);
    expect(() => nelderMead(rosenbrock, [1, Number.NaN])).toThrow(/x0\[1\]/);
    expect(() => nelderMead(rosenbrock, [1, 2], { initialStep: [1] })).toThrow(/initialStep/);
    expect(() => nelderMead(rosenbrock, [1, 2], { initialStep: 0 })).toThrow(/initialStep/);
    expect(() => nelderMead(rosenbrock, [1, 2], { maxIterations: -1 })).toThrow(/maxIterations/);
    expect(() => nelderMead(rosenbrock, [1, 2], { fTolerance: -1 })).toThrow(/fTolerance/);
  });
});
