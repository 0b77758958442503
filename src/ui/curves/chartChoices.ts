import { create } from 'zustand';
import type { ChartCurveId, PanelId } from '../../scenario/curves';

/**
 * What each chart shows beyond its default story: extra curves switched on or off, the full
 * 0–100% axis instead of one fitted to the data, and the Kaplan–Meier interval. A view choice of
 * this browser tab, not part of the scenario or its link; kept apart from the app store so the
 * store's slices can change without touching it.
 */
export interface ChartChoices {
  /** A curve switched on (true) or off (false) by hand; absent = the chart's default. */
  curves: Partial<Record<ChartCurveId, boolean>>;
  /** Charts whose value axis runs 0–100% instead of fitting the data. */
  fullAxis: Partial<Record<PanelId, boolean>>;
  /** Show the trial's Kaplan–Meier 95% interval on the survival chart. */
  kmInterval: boolean;
  setCurve: (id: ChartCurveId, on: boolean) => void;
  setFullAxis: (chart: PanelId, on: boolean) => void;
  setKmInterval: (on: boolean) => void;
}

export const useChartChoices = create<ChartChoices>()((set) => ({
  curves: {},
  fullAxis: {},
  kmInterval: false,
  setCurve: (id, on) => set((s) => ({ curves: { ...s.curves, [id]: on } })),
  setFullAxis: (chart, on) => set((s) => ({ fullAxis: { ...s.fullAxis, [chart]: on } })),
  setKmInterval: (on) => set({ kmInterval: on }),
}));
