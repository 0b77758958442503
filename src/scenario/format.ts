/**
 * How numbers read on screen, in exports and in the CLI: the one percent formatter and the one
 * count formatter. A missing or non-finite value is a dash, never "NaN%".
 */

/** What is shown for a missing value. */
export const MISSING = '—';

const finite = (x: number | null | undefined): x is number =>
  x !== null && x !== undefined && Number.isFinite(x);

/**
 * A count as a room reads it, with thousands separators: "1,000,000", "81". A value that is not
 * a whole number is written as it is; "—" for no value.
 */
export function formatCount(x: number | null | undefined): string {
  if (!finite(x)) return MISSING;
  return Number.isInteger(x) ? x.toLocaleString('en-US') : String(x);
}

/**
 * A share (0–1) as a percentage: "84.0%" with `digits` decimals (default 1); with `trim`,
 * trailing zeros go ("20%", "12.5%"), as on axis ticks. "—" for no value.
 */
export function formatPercent(x: number | null | undefined, digits = 1, trim = false): string {
  if (!finite(x)) return MISSING;
  const text = (x * 100).toFixed(digits);
  return `${trim ? String(+text) : text}%`;
}

/** A range of shares as "74.5–90.4%"; "—" when either end is missing. */
export function formatPercentRange(
  lo: number | null | undefined,
  hi: number | null | undefined,
  digits = 1,
): string {
  if (!finite(lo) || !finite(hi)) return MISSING;
  return `${(lo * 100).toFixed(digits)}–${formatPercent(hi, digits)}`;
}
