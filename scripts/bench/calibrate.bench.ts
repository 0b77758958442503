/**
 * Benchmark of calibration: median CPU time (ms) of calibrating the Stem Cell Reports 2018
 * preset — default template (no split, no re-remission, no breakpoints), targets F1 survival
 * 68/81, F4 in remission 28/81, F5 ever remitted 37/81 and F6 relapsed among remitters 9/37, all
 * at 60 months — with the default 8 starts. Budget: 100 ms in Node (issue 14), CPU time.
 */
import { calibrate } from '../../src/model/calibrate/calibrate';
import { DEFAULT_TEMPLATE_OPTIONS } from '../../src/model/markov/template';
import type { Target } from '../../src/model/types';
import { timeMs } from './benchRow';

/** The 2018 primary targets (reference file §3.2). */
export const TARGETS_2018: Target[] = [
  {
    id: 'F1',
    label: '5-year overall survival',
    quantity: { kind: 'survival' },
    time: 60,
    k: 68,
    n: 81,
  },
  {
    id: 'F4',
    label: 'In remission at 5 years',
    quantity: { kind: 'inState', which: 'remission', denominator: 'enrolled' },
    time: 60,
    k: 28,
    n: 81,
  },
  {
    id: 'F5',
    label: 'Ever remitted by 5 years',
    quantity: { kind: 'everRemitted' },
    time: 60,
    k: 37,
    n: 81,
  },
  {
    id: 'F6',
    label: 'Relapsed among remitters',
    quantity: { kind: 'relapsedAmongRemitted' },
    time: 60,
    k: 9,
    n: 37,
  },
];

/**
 * Runs the calibration `runs` times after `warmup` untimed runs.
 * @returns One entry: the median CPU milliseconds per calibration (unit `ms`), budget 100 ms.
 */
export function benchCalibrate(
  runs = 15,
  warmup = 3,
): { name: string; value: number; unit: string; budget: number }[] {
  const once = () => calibrate({ template: DEFAULT_TEMPLATE_OPTIONS, targets: TARGETS_2018 });
  return [
    {
      name: 'calibrate 2018 preset (F1, F4, F5, F6)',
      value: timeMs(once, runs, warmup),
      unit: 'ms',
      budget: 100,
    },
  ];
}
