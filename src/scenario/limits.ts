/**
 * Limits of every numeric field; inputs outside are clamped and reported. Units: `n` patients,
 * `horizon`, `cycle`, `accrual`, `cutoff` months; `rate` and `loss` per year.
 */
export const LIMITS = {
  n: { min: 1, max: 1_000_000 },
  horizon: { min: 1, max: 240 },
  replicates: { min: 0, max: 1000 },
  speed: { min: 0.25, max: 8 },
  cycle: { min: 0.25, max: 24 },
  rate: { min: 0, max: 50 },
  accrual: { min: 0, max: 240 },
  cutoff: { min: 0, max: 480 },
  loss: { min: 0, max: 5 },
  breakpoints: { max: 4 },
  targets: { max: 40 },
  seedLength: { max: 40 },
  labelLength: { max: 80 },
} as const;
