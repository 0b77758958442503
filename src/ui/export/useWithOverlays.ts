import { useMemo } from 'react';
import type { ChartSpec } from '../curves/chartTypes';
import { useApp } from '../store';
import { withOverlays } from './overlays';

/**
 * The charts with the imported curves of the store drawn over them (apart from ExportMenu, which
 * imports them: the first screen draws overlays without loading the menu).
 */
export function useWithOverlays(specs: readonly ChartSpec[]): ChartSpec[] {
  const overlays = useApp((s) => s.overlays);
  return useMemo(() => withOverlays(specs, overlays), [specs, overlays]);
}
