import { useMemo } from 'react';
import { create } from 'zustand';
import { useApp } from './store';
import type { IntensityInterval } from '../model/calibrate/calibrate';
import type { ParameterId } from '../model/markov/template';
import type { FitUncertainty } from './uncertaintyJob';
import { atFit, uncertaintyKeys, type UncertaintyKeys } from './uncertaintyKeys';

export type { FitUncertainty } from './uncertaintyJob';

/** Which band the charts show: the rates' uncertainty, a trial's wobble, or both. */
export type BandShown = 'rates' | 'trial' | 'both';

/**
 * What the published figures allow (issue 16), as the worker last answered (`uncertaintySync.ts`
 * asks; `uncertaintyJob.ts` works it out after the trial's simulation). Kept apart from the
 * scenario store: it is derived from the fit's inputs (`uncertaintyKeys.ts`), never from the
 * sliders, and each part holds while its key does.
 */
interface UncertaintyState {
  /** The newest answer (its keys inside). */
  fit: FitUncertainty | null;
  /** Keys asked for and not answered yet. */
  pending: UncertaintyKeys | null;
  /** Why the newest keys asked for have no intervals (nothing to fit, or the fit failed). */
  none: (UncertaintyKeys & { reason: string }) | null;
  shown: BandShown;
  setShown: (shown: BandShown) => void;
}

export const useUncertainty = create<UncertaintyState>((set) => ({
  fit: null,
  pending: null,
  none: null,
  shown: 'both',
  setShown: (shown) => set({ shown }),
}));

/** The keys of the store's current trial and curves (recomputed only when one of their parts changes). */
function useCurrentKeys(): UncertaintyKeys {
  const s = useApp((st) => st.trial);
  const curves = useApp((st) => st.curves);
  const { study, arm, template, targets, seed, n, horizon, censoring, design } = s;
  // The intensities, the playhead and the view are left out on purpose (see uncertaintyKeys).
  return useMemo(
    () =>
      uncertaintyKeys(
        { study, arm, template, targets, seed, n, horizon, censoring, design },
        curves,
      ),
    [study, arm, template, targets, seed, n, horizon, censoring, design, curves],
  );
}

/** Where the intervals of the current trial stand, for the sliders. */
export interface IntervalsState {
  /** 'computing' until the worker answers; 'none' when there is nothing to fit (`reason`). */
  status: 'computing' | 'ready' | 'none';
  /** The fit whose intervals apply (same study, structure, figures, curves and seed). */
  fit: FitUncertainty | null;
  reason: string | null;
  /** Every slider is at the fitted value (else the intervals are the fit's, not the sliders'). */
  atFit: boolean;
}

/** The intervals that apply to the current trial, and whether the sliders are at the fit. */
export function useFitIntervals(): IntervalsState {
  const keys = useCurrentKeys();
  const intensities = useApp((s) => s.trial.intensities);
  const fit = useUncertainty((s) => s.fit);
  const none = useUncertainty((s) => s.none);
  const applies = fit && fit.fitKey === keys.fitKey ? fit : null;
  if (applies)
    return {
      status: 'ready',
      fit: applies,
      reason: null,
      atFit: atFit(intensities, applies.intensities),
    };
  if (none && none.fitKey === keys.fitKey)
    return { status: 'none', fit: null, reason: none.reason, atFit: true };
  return { status: 'computing', fit: null, reason: null, atFit: true };
}

/**
 * The interval of one slider (parameter, piece) among a fit's intervals: names are `parameter`,
 * `parameter[i]` (piece i, 1-based) or tied groups `a=b`.
 */
export function intervalOf(
  intervals: readonly IntensityInterval[],
  parameter: ParameterId,
  piece: number,
): IntensityInterval | undefined {
  return intervals.find((iv) => {
    const m = /^(.*?)(?:\[(\d+)\])?$/.exec(iv.name);
    if (!m) return false;
    const members = m[1]!.split('=');
    return members.includes(parameter) && (m[2] === undefined || Number(m[2]) - 1 === piece);
  });
}

/** "95%: 0.105–0.191" with search-range ends as "≤"/"≥" and a weak flag. */
export function formatInterval(iv: IntensityInterval): string {
  const f = (x: number) => x.toPrecision(2);
  const lo = `${iv.lowerAtSearchEnd ? '≤ ' : ''}${f(iv.lower)}`;
  const hi = `${iv.upperAtSearchEnd ? '≥ ' : ''}${f(iv.upper)}`;
  return `95%: ${lo}–${hi}${iv.weaklyIdentified ? ' (weakly identified)' : ''}`;
}

/** What the figures allow for the current trial (intervals and bands), null until worked out. */
export function useCurrentUncertainty(): FitUncertainty | null {
  const keys = useCurrentKeys();
  const fit = useUncertainty((s) => s.fit);
  return fit && fit.key === keys.key ? fit : null;
}
