import { getStudy } from '../../data';
import type { Trial } from '../../scenario/scenario';

// Arm names, apart from the comparison panels so that the first screen (the cohort's lanes, the
// at-risk table) can name the arms without loading the lazily loaded comparison code.

/** "A · Single MSCT", or "Arm A" when the arm has no name of its own. */
export function armTitle(key: 'A' | 'B', label: string): string {
  return !label || label === key || label === `Arm ${key}` ? `Arm ${key}` : `${key} · ${label}`;
}

/** The name of arm A: the study arm it simulates, else "A". */
export function armALabel(scenario: Pick<Trial, 'study' | 'arm'>): string {
  const arm = getStudy(scenario.study)?.design.arms.find((a) => a.id === scenario.arm);
  return arm?.label ?? 'A';
}
