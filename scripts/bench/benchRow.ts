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

/**
 * CPU milliseconds (user + system) of this process while `fn` runs. On a machine shared with
 * other jobs, wall time measures the neighbours as much as the code; CPU time does not (it equals
 * wall time for single-threaded code on an idle machine; V8's background GC threads add a little).
 */
export function cpuMs(fn: () => unknown): { ms: number; result: unknown } {
  const c0 = process.cpuUsage();
  const result = fn();
  const c = process.cpuUsage(c0);
  return { ms: (c.user + c.system) / 1000, result };
}

/** Median CPU milliseconds (see `cpuMs`) of `fn` over `runs` runs after `warmup` untimed ones. */
export function timeMs(fn: () => unknown, runs: number, warmup = 1): number {
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += fn() === undefined ? 0 : 1;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { ms, result } = cpuMs(fn);
    sink += result === undefined ? 0 : 1;
    times.push(ms);
  }
  if (sink < 0) throw new Error('unreachable'); // keeps the calls from being optimised away
  return median(times);
}
