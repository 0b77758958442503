import type { CalibrationOptions, CalibrationResult } from '../model/calibrate/calibrate';
import type { DifferenceSummary } from '../model/simulate/difference';
import type { Trial } from '../scenario/scenario';
import type { ArmResult, ScenarioResult } from '../scenario/simulation';
import type { Target } from '../model/types';
import type { PowerCurve } from '../model/simulate/power';
import type { DigitisedCurve } from '../scenario/digitisedCurves';
import type { FitUncertainty, UncertaintyRequest } from './uncertaintyJob';

/**
 * Messages to the simulation worker. `id` orders requests: the newest wins. A simulation gets
 * the trial only (never the view: a change of view needs no simulation).
 */
export type WorkerRequest =
  | { type: 'simulate'; id: number; trial: Trial; targets: Target[] }
  | {
      type: 'calibrate';
      id: number;
      /** Plain options (no functions cross to the worker)… */
      options: Omit<CalibrationOptions, 'extraTerms'>;
      /** …and the digitised curves, whose likelihood terms the worker builds. */
      curves?: DigitisedCurve[];
    }
  | { type: 'powerCurve'; id: number; trial: Trial }
  /** What the published figures allow (issue 16): background work after the trial's. */
  | ({ type: 'uncertainty'; id: number } & UncertaintyRequest);

/**
 * Messages from the simulation worker. Each names the request (`id`) it belongs to; a simulation
 * may send its cohort's curves and then growing replicate bands (`partial`) and, when it runs
 * longer than half a second, `progress`, before its `simulated` result.
 */
export type WorkerResponse =
  | {
      type: 'partial';
      id: number;
      A: ArmResult;
      /** Arm B so far (with a comparison, once arm A is done). */
      B: ArmResult | null;
    }
  | { type: 'progress'; id: number; label: string; done: number; total: number }
  | {
      type: 'simulated';
      id: number;
      A: ArmResult;
      B: ArmResult | null;
      /** B − A with its band over paired replicates (with a comparison only). */
      diff: DifferenceSummary | null;
      /** The shown cohorts compared per endpoint (with a comparison only). */
      comparison: ScenarioResult['comparison'];
      /** Power over the replicate pairs per endpoint (with a comparison only). */
      power: ScenarioResult['power'];
      ms: number;
    }
  | { type: 'calibrated'; id: number; result: CalibrationResult; ms: number }
  | { type: 'powerCurve'; id: number; curve: PowerCurve | null; ms: number }
  /** `fit` is null when the fit gives no intervals; an `error` names why there is no fit. */
  | { type: 'uncertainty'; id: number; key: string; fit: FitUncertainty | null }
  | { type: 'error'; id: number; request: WorkerRequest['type']; message: string };
