/**
 * The row every benchmark reports to `scripts/bench.ts` (Node and, later, browser benchmarks).
 * `measured` and `budget` are in `unit`; `ok` is `measured ≤ budget`.
 */
export interface BenchRow {
  name: string;
  measured: number;
  unit: string;
  budget: number;
  ok: boolean;
}

/** A row from a measured value and its budget (same unit); `ok` is computed. */
export function benchRow(name: string, measured: number, unit: string, budget: number): BenchRow {
  return { name, measured, unit, budget, ok: measured <= budget };
}

/** Median of a non-empty list of numbers. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of no values');
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
