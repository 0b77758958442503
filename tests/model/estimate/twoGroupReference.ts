/**
 * Two-group survival data sets with the values R survival 3.5-3 prints for them, shared by the
 * log-rank, Cox and median tests. Each set is written out in full (the tests read nothing outside
 * the repository); the R code that printed the numbers is above each constant, with
 * `f <- function(x) paste(sprintf("%.17g", x), collapse = ", ")`.
 */
export interface TwoGroupReference {
  name: string;
  time: number[];
  status: number[];
  group: number[];
}

/**
 * survival::aml (Embury et al.), acute myelogenous leukaemia: group 1 = "Nonmaintained".
 * Ties within and across groups (5, 5; 8, 8; 13 event and censored; 23, 23; 45, 45).
 * R: time <- aml$time; status <- aml$status; group <- as.integer(aml$x == "Nonmaintained")
 */
export const AML: TwoGroupReference = {
  name: 'aml',
  time: [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161, 5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45],
  status: [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1],
  group: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
};

/**
 * survival::ovarian (Edmonson et al.): heavy censoring (14 of 26), group = rx − 1.
 * R: time <- ovarian$futime; status <- ovarian$fustat; group <- ovarian$rx - 1
 */
export const OVARIAN: TwoGroupReference = {
  name: 'ovarian',
  time: [
    59, 115, 156, 421, 431, 448, 464, 475, 477, 563, 638, 744, 769, 770, 803, 855, 1040, 1106, 1129,
    1206, 1227, 268, 329, 353, 365, 377,
  ],
  status: [1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0],
  group: [0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1],
};

/**
 * survival::lung, first 60 rows (NCCTG advanced lung cancer): group = sex − 1, status − 1.
 * R: l <- lung[1:60, ]; time <- l$time; status <- l$status - 1; group <- l$sex - 1
 */
export const LUNG60: TwoGroupReference = {
  name: 'lung[1:60, ]',
  time: [
    306, 455, 1010, 210, 883, 1022, 310, 361, 218, 166, 170, 654, 728, 71, 567, 144, 613, 707, 61,
    88, 301, 81, 624, 371, 394, 520, 574, 118, 390, 12, 473, 26, 533, 107, 53, 122, 814, 965, 93,
    731, 460, 153, 433, 145, 583, 95, 303, 519, 643, 765, 735, 189, 53, 246, 689, 65, 5, 132, 687,
    345,
  ],
  status: [
    1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  ],
  group: [
    0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0,
    0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 1, 1,
  ],
};

/** Hand-made: group 1 has no events (5 patients, all censored); ties in group 0. */
export const NO_EVENTS: TwoGroupReference = {
  name: 'one arm with no events',
  time: [3, 5, 5, 8, 10, 12, 12, 15, 4, 6, 9, 11, 14],
  status: [1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0],
  group: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
};

/** Hand-made: 16 of 24 censored, events tied across groups (2, 4, 9). */
export const HEAVY_CENSORING: TwoGroupReference = {
  name: 'heavy censoring',
  time: [2, 2, 3, 4, 4, 4, 6, 7, 9, 9, 10, 12, 2, 3, 3, 4, 5, 6, 6, 8, 9, 11, 12, 12],
  status: [1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0],
  group: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
};

/** |actual − expected| ≤ tol · |expected|: the agreement criterion (1e-9 relative). */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.abs(expected);
}
