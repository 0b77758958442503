import { useMemo } from 'react';
import { deriveScenario, type Derived } from '../scenario/derive';
import { useApp } from './store';

/**
 * The React side of the derived view: `useDerived` memoises `deriveScenario` (src/ui/scenarioView.ts,
 * React-free so the Node CLI shares it) per scenario change. The pure parts are re-exported here
 * so existing imports keep working.
 */
export { deriveScenario, fitRows, scenarioTargets } from '../scenario/derive';
export type { Derived, FitRow } from '../scenario/derive';

/** The derived numbers of the store's scenario. */
export function useDerived(): Derived {
  const scenario = useApp((s) => s.scenario);
  return useMemo(() => deriveScenario(scenario), [scenario]);
}
