/**
 * Conflicting targets: when no model of the structure meets all targets together, which groups
 * of targets cannot be met together.
 */
import { infeasible, statistics } from './fitRows';
import type { Problem } from './likelihood';
import { fitTargets } from './optimise';

/**
 * Groups of targets that cannot be met together, by a deletion filter (Chinneck & Dravnieks
 * 1991, for infeasible linear programs): starting from an infeasible set, drop each target in
 * turn — best-fitting first — and keep it dropped if the rest is still infeasible; what
 * remains is a minimal infeasible subset. Its members are then set aside and the search
 * repeats on the others, so disjoint conflicts are all reported (at most 5 groups).
 */
export function findConflicts(
  problem: Problem,
  all: readonly number[],
  bestLogRates: Float64Array,
  dep: boolean[][],
  seed: string,
): number[][] {
  const groups: number[][] = [];
  let pool = [...all];
  let warm = bestLogRates;
  // One start (the warm one and the defaults): no random starts are drawn here.
  const refit = (subset: readonly number[]) =>
    fitTargets(problem, subset, 1, seed, 'conflict', warm, true).logRates;
  for (let g = 0; g < 5 && pool.length > 0; g++) {
    const poolFit = g === 0 ? bestLogRates : refit(pool);
    if (!infeasible(problem, pool, poolFit, dep)) break;
    const contrib = statistics(problem, pool, poolFit, dep).contributions;
    // Best-fitting targets first: they are the least likely to belong to the conflict.
    const order = [...pool].sort((a, b) => contrib[a]! - contrib[b]! || a - b);
    let current = [...pool];
    warm = poolFit;
    for (const i of order) {
      const without = current.filter((x) => x !== i);
      if (without.length === 0) continue;
      // Feasibility is existential: if the last fit already meets the rest, no refit is needed.
      if (!infeasible(problem, without, warm, dep)) continue;
      const x = refit(without);
      if (infeasible(problem, without, x, dep)) {
        current = without;
        warm = x;
      }
    }
    const group = all.filter((i) => current.includes(i));
    groups.push(group);
    pool = pool.filter((i) => !current.includes(i));
  }
  return groups;
}
