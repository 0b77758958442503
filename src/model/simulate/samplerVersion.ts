/**
 * Sampler versions: 1 = one sequential stream per cohort (frozen, `microsimV1.ts`), 2 = patient
 * clocks (`microsim.ts`). A scenario link's URL version says which one it replays (see
 * urlCodec.ts). Apart from the sampler itself, so that a scenario can name its version without
 * loading the simulator (the page's first screen does not simulate: the worker does).
 */
export type SamplerVersion = 1 | 2;

/** The sampler new scenarios use. */
export const SAMPLER_VERSION: SamplerVersion = 2;
