/**
 * The logarithmic scale of the intensity sliders. Intensities span four decades (a death rate of
 * 0.005 per year, a remission rate of 3 per year), so a linear slider would squash the small ones.
 * Position 0 is exactly 0 (no transition: e.g. no relapse before month 6); positions 1…STEPS
 * map log-uniformly onto [RATE_MIN, RATE_MAX] per year.
 */

import { LIMITS } from '../scenario/limits';
import { showValue, type ScenarioProblem } from '../scenario/problems';

/** Slider positions (integers 0…STEPS). */
export const STEPS = 1000;
/** Smallest non-zero intensity on the slider (per year). */
export const RATE_MIN = 0.001;
/** Largest intensity on the slider (per year); the number field accepts up to LIMITS.rate.max. */
export const RATE_MAX = 20;

const LOG_MIN = Math.log(RATE_MIN);
const LOG_SPAN = Math.log(RATE_MAX) - LOG_MIN;

/** Intensity per year at a slider position. */
export function rateAtPosition(position: number): number {
  if (!(position > 0)) return 0;
  const p = Math.min(position, STEPS);
  const v = Math.exp(LOG_MIN + ((p - 1) / (STEPS - 1)) * LOG_SPAN);
  // Three significant digits: what a student reads off and types back in.
  return Number(v.toPrecision(3));
}

/** The slider position nearest to an intensity per year (0 for 0; clamped at the ends). */
export function positionOfRate(rate: number): number {
  if (!(rate > 0)) return 0;
  if (rate <= RATE_MIN) return 1;
  if (rate >= RATE_MAX) return STEPS;
  return Math.round(1 + ((Math.log(rate) - LOG_MIN) / LOG_SPAN) * (STEPS - 1));
}

/** Formats an intensity for display: up to 3 significant digits, no exponent for normal values. */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate)) return '—';
  if (rate === 0) return '0';
  if (rate >= 100 || rate < 0.001) return rate.toPrecision(3);
  return String(Number(rate.toPrecision(3)));
}

/**
 * Reads an intensity typed in a rate box (per year; a decimal comma is accepted): the number, or
 * `null` when it is not a number from LIMITS.rate.min to LIMITS.rate.max.
 */
export function parseTypedRate(text: string): number | null {
  const raw = text.trim().replace(',', '.');
  const v = Number(raw);
  if (raw === '' || !Number.isFinite(v) || v < LIMITS.rate.min || v > LIMITS.rate.max) return null;
  return v;
}

/**
 * The notice for a refused rate box entry: the box, what was wrong, and the value kept exactly as
 * the scenario holds it (0.1415, not its 3-digit display 0.141). The notice adds "; used …".
 */
export function rateRefusal(label: string, text: string, kept: number): ScenarioProblem {
  return {
    field: label,
    message: `${showValue(text)} is not an intensity from ${LIMITS.rate.min} to ${LIMITS.rate.max} per year`,
    used: String(kept),
  };
}

/** Probability of leaving by this one transition within a month if it were the only one. */
export function monthlyProbability(ratePerYear: number): number {
  return 1 - Math.exp(-ratePerYear / 12);
}
