/**
 * Computes every preset's fitted intensities (run after changing a study's figures or plan):
 *   npx tsx scripts/fit-presets.ts
 * and prints them, rounded to 4 significant digits, for the `fitted` field of each module in
 * src/data/. tests/data/fitted.test.ts checks the stored values against a fresh fit.
 */
import { STUDIES, getStudy } from '../src/data';
import { calibrationOptions } from '../src/data/calibrationPlan';
import { calibrate } from '../src/model/calibrate/calibrate';
import { adaptIntensities } from '../src/scenario/scenario';
import type { Intensities } from '../src/model/markov/template';

const round = (x: number) => Number(x.toPrecision(4));
const order = ['followup2018', 'multicentre2012', 'fouryear2013', 'pilot2010', 'uc2010', 'rct2012'];
for (const id of order) {
  const study = getStudy(id)!;
  let fitted: Intensities;
  if (study.calibration.targetIds.length === 0) {
    const from = getStudy(study.calibration.borrowFrom!.studyId)!;
    fitted = adaptIntensities(from.fitted!, study.template);
  } else {
    const t0 = performance.now();
    const res = calibrate(calibrationOptions(study));
    fitted = res.intensities;
    console.error(
      `${id}: ${(performance.now() - t0).toFixed(0)} ms, feasible ${res.feasible}, converged ${res.converged}, ` +
        res.fit.map((r) => `${r.id} ${r.model.toFixed(4)} ${r.inside ? 'in' : 'OUT'}`).join('; '),
    );
  }
  const rounded = Object.fromEntries(Object.entries(fitted).map(([k, v]) => [k, v!.map(round)]));
  (study as { fitted: Intensities | null }).fitted = rounded;
  console.log(`${id}: ${JSON.stringify(rounded)}`);
}
void STUDIES;
