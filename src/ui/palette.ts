/**
 * Colours from the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), chosen so the
 * four lanes stay distinguishable with the common colour-vision deficiencies. Text colours meet
 * WCAG AA (4.5:1) on white; lane colours are also used with a label, never alone.
 */
export const LANE_COLORS: Record<string, string> = {
  active: '#E69F00',
  remission: '#009E73',
  relapse: '#CC79A7',
  dead: '#4D4D4D',
};

/** Darker variants of the lane colours for text and thin lines on white (≥ 4.5:1). */
export const LANE_TEXT_COLORS: Record<string, string> = {
  active: '#8A5A00',
  remission: '#00704F',
  relapse: '#9C3F7E',
  dead: '#333333',
};

/** Colours for the curve panels. */
export const CURVE_COLORS = {
  simulated: '#0072B2',
  trace: '#1a1a1a',
  band: '#56B4E9',
  published: '#D55E00',
  alternative: '#7A4F00',
} as const;

/** Each arm's colour in a two-arm comparison: lines, legend keys and the lanes' titles. */
export const ARM_COLORS = { A: CURVE_COLORS.simulated, B: CURVE_COLORS.alternative } as const;

/** The lane labels shown to users. */
export const LANE_LABELS: Record<string, string> = {
  active: 'Active',
  remission: 'Remission',
  relapse: 'Relapse',
  dead: 'Dead',
};
