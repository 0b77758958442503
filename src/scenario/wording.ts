/**
 * Counting words on screen, in exports and in the CLI: "1 patient" but "81 patients", and a
 * "95% range" only where there are replicate trials enough to have one (a single trial is not a
 * range, and no trial gives nothing to shade).
 */
import { formatCount } from './format';

/** "1 patient", "81 patients", "0 patients" (`plural` for irregular words: "entries"). */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

/** Fewest replicate trials whose 2.5–97.5% spread is shown as a range. */
export const MIN_REPLICATES_FOR_RANGE = 2;

/** Whether R replicate trials make a range (at least `MIN_REPLICATES_FOR_RANGE`). */
export const hasRange = (replicates: number): boolean => replicates >= MIN_REPLICATES_FOR_RANGE;

/** Why there is no range with fewer than 2 replicate trials, e.g. for a table caption. */
export function noRangeReason(replicates: number): string {
  return `a range needs ${MIN_REPLICATES_FOR_RANGE} or more replicate trials (now ${replicates})`;
}

/** The curve key's words for the shaded band of R replicate trials of n patients. */
export function shadedRangeText(replicates: number, n: number): string {
  if (hasRange(replicates))
    return `shaded = 95% range over ${countOf(replicates, 'replicate trial')} of ${countOf(n, 'patient')}`;
  return `no shaded range: ${countOf(replicates, 'replicate trial')} is too few (set ${MIN_REPLICATES_FOR_RANGE} or more)`;
}
