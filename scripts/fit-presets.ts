/**
 * Computes every preset's fitted intensities (run after changing a study's figures or plan):
 *   npx tsx scripts/fit-presets.ts
 * and prints them, rounded as the Fit button rounds them (`fittedIntensities`), for the `fitted`
 * field of each module in src/data/. The fit is planned by `planFit`, the decision the Fit button
 * and the CLI's `--fit` use. tests/data/fitted.test.ts checks the stored values against a fresh fit.
 */
import { getStudy } from '../src/data';
import { calibrate } from '../src/model/calibrate/calibrate';
import { defaultScenario } from '../src/scenario/defaults';
import { adaptIntensities } from '../src/scenario/adaptIntensities';
import { fittedIntensities, planFit } from '../src/scenario/fit';
import type { Intensities } from '../src/model/markov/template';

// Studies that borrow come after the study they borrow from.
const order = ['followup2018', 'multicentre2012', 'fouryear2013', 'pilot2010', 'uc2010', 'rct2012'];
for (const id of order) {
  const study = getStudy(id)!;
  let fitted: Intensities;
  if (study.calibration.targetIds.length === 0) {
    const from = getStudy(study.calibration.borrowFrom!.studyId)!;
    fitted = fittedIntensities({ intensities: adaptIntensities(from.fitted!, study.template) });
  } else {
    const t0 = performance.now();
    const res = calibrate(planFit(defaultScenario(study), study).options);
    fitted = fittedIntensities(res);
    console.error(
      `${id}: ${(performance.now() - t0).toFixed(0)} ms, feasible ${res.feasible}, converged ${res.converged}, ` +
        res.fit.map((r) => `${r.id} ${r.model.toFixed(4)} ${r.inside ? 'in' : 'OUT'}`).join('; '),
    );
  }
  (study as { fitted: Intensities | null }).fitted = fitted;
  console.log(`${id}: ${JSON.stringify(fitted)}`);
}
