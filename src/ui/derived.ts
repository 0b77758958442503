import { useMemo } from 'react';
import { deriveScenario, type Derived } from '../scenario/derive';
import { useApp } from './store';

/**
 * The React side of the derived view: `useDerived` memoises `deriveScenario` (src/scenario/derive.ts,
 * React-free so the Node CLI shares it) per change of the trial. The pure parts are re-exported here
 * so existing imports keep working.
 */
export { deriveScenario, fitRows, scenarioTargets } from '../scenario/derive';
export type { Derived, FitRow } from '../scenario/derive';

/** The derived numbers of the store's trial (a change of view or playhead derives nothing). */
export function useDerived(): Derived {
  const trial = useApp((s) => s.trial);
  return useMemo(() => deriveScenario(trial), [trial]);
}
