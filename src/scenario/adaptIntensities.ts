import { parametersOf, type Intensities, type TemplateOptions } from '../model/markov/template';
import { FALLBACK_RATE } from './defaults';

/** Re-shapes intensities (per year) to a structure with another number of pieces or parameters. */
export function adaptIntensities(from: Intensities, template: TemplateOptions): Intensities {
  const pieces = template.breakpoints.length + 1;
  const out: Intensities = {};
  for (const p of parametersOf(template)) {
    let base = from[p];
    if (!base) {
      // Splitting remission: share the combined rate; merging: add the parts.
      if (p === 'remissionComplete' && from.remission) base = from.remission.map((x) => x * 0.7);
      else if (p === 'remissionPartial' && from.remission)
        base = from.remission.map((x) => x * 0.3);
      else if (p === 'remission' && from.remissionComplete && from.remissionPartial)
        base = from.remissionComplete.map((x, i) => x + (from.remissionPartial![i] ?? 0));
    }
    out[p] = Array.from(
      { length: pieces },
      (_, i) => base?.[Math.min(i, base.length - 1)] ?? FALLBACK_RATE[p],
    );
  }
  return out;
}
