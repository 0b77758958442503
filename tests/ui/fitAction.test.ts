import { beforeEach, describe, expect, it } from 'vitest';
import { STUDIES } from '../../src/data';
import { calibrate } from '../../src/model/calibrate/calibrate';
import { decodeLink } from '../../src/scenario/builtIn';
import { runFit } from '../../src/cli/run';
import { fitStoreScenario } from '../../src/ui/fitAction';
import { useApp } from '../../src/ui/store';

// The browser's Fit button (fitStoreScenario, with the worker's `calibrate` run in-process) and
// the CLI's --fit must put the same intensities into the scenario: every preset, and typed-in
// studies (one on the study's structure, one on another structure that cannot express a figure).
const LINKS = [
  ...STUDIES.map((s) => `study=${s.id}`),
  '?study=followup2018&t=a:os:60:60:81;b:ever:24:40:81;c:rar:60:12:40',
  '?study=followup2018&bp=12&t=a:os:60:60:81;b:cr:24:20:81;c:ever:24:40:81',
];

describe('Fit button and CLI --fit', () => {
  beforeEach(() => useApp.setState(useApp.getInitialState(), true));

  it.each(LINKS)(
    'give identical intensities for %s',
    async (link) => {
      useApp.getState().setScenario(decodeLink(link).scenario);
      await fitStoreScenario(async (options) => calibrate(options));
      const after = useApp.getState();
      let cli: ReturnType<typeof runFit> | Error;
      try {
        cli = runFit(link);
      } catch (e) {
        cli = e as Error;
      }
      if (cli instanceof Error) {
        // Nothing to fit: both say why, in the same words, and the browser keeps its intensities.
        expect(after.notices.at(-1)?.problems[0]?.message).toBe(cli.message);
        expect(after.trial.intensities).toEqual(decodeLink(link).scenario.intensities);
        return;
      }
      expect(after.notices.at(-1)?.title).toMatch(/^Fitted: /);
      expect(after.trial.intensities).toEqual(cli.fitted);
      // The fit changed something for the typed-in studies (not the identity on the presets).
      if (link.includes('t='))
        expect(cli.fitted).not.toEqual(decodeLink(link).scenario.intensities);
    },
    60_000,
  );

  it('names the figure the structure cannot express, in the notice and in the CLI', async () => {
    const link = LINKS.at(-1)!;
    useApp.getState().setScenario(decodeLink(link).scenario);
    await fitStoreScenario(async (options) => calibrate(options));
    expect(useApp.getState().notices.at(-1)?.title).toMatch(/Not fitted .*: b\.$/);
    expect(runFit(link).left).toEqual(['b']);
  }, 60_000);
});
