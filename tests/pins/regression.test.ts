/**
 * Regression pins for issue 10 (the scenario core moves out of the UI): every link, saved
 * scenario, scenario file and CLI report below must come out exactly as it did before the move.
 *
 * The expected values in ./links.json and ./cli.json were WRITTEN BY THE CODE ITSELF, on main at
 * commit 136fc79, before any behaviour changed: this is a deliberate regression pin, not a check
 * of correctness (the estimators' own tests check those against R). A difference here means a
 * link, a saved scenario or the CLI's output changed; if that change is intended, say so in the
 * commit and update the fixture by hand for the fields concerned.
 *
 * Intended changes since the pin: `--fit` now plans its fit with `planFit` and applies
 * `fittedIntensities`, as the browser's Fit button does, so its link carries the intensities to
 * four significant digits (`fittedQuery`, the last line of the text) and its JSON gained `left`
 * and `fitted`; every other field is as pinned. Since c324d2e the optimiser reaches the same
 * optimum by Fisher scoring in far fewer steps: `--fit` numbers are compared to 1e-6 relative
 * (the test of that commit holds the optimum to 1e-6) and the work counters (`iterations`,
 * `evaluations`) are not compared.
 *
 * Intended change (issue 13): a comparison whose link does not say `crn` now draws arm B from
 * independent patients (`crn: false`, the link writes `crn=0`), since the default difference band
 * answers "could trials of this size show this by chance?". Links that say `crn=1` keep it. The
 * five links concerned had `compare.crn` and `crn=1` changed by hand, nothing else. The CLI
 * report gained each arm's time-to-event endpoints (`endpoints`, `compare.endpoints`, a text
 * section) and the two-arm `comparison`: for the five one-arm presets the new output was checked
 * to equal the pin once those additions are removed, then written; rct2012's output changed
 * throughout (independent patients in arm B) and was rewritten.
 *
 * Since issue 11 (sampler version 2) every scenario carries `sampler`: links with `v=1`, saved
 * entries and scenario files written before it decode with `sampler: 1` and keep their patients
 * and their query; a link without `v` (or with an unknown one) gets `sampler: 2` and is written
 * back as `v=2`, and `v=2` is no longer an unknown version. The CLI pins were printed from links
 * without `v`, which then meant sampler 1: they are replayed on the same links with `v=1`.
 *
 * Issue 16 added to `--fit` what the figures allow: the JSON's `calibration.intervals`,
 * `calibration.draws` and `calibration.timeInState`, and the text's two sections between the
 * result table and the fit table; they are new, so they are taken out before the comparison
 * (tests/cli/simulate.test.ts checks them).
 *
 * Intended changes of issue 9, updated field by field (every other field is as pinned): the
 * CLI's "Sources" column and every study's `citation.note` name sources by citation, not by
 * internal document names; fouryear2013's E10 row (label, model, simulated, replicates) reads
 * relapse during each patient's own follow-up; pilot2010's defaults (remission 12, relapse
 * 0.1772) and everything simulated from them, in its links and CLI output; `--fit` JSON gained
 * `pValueNote`, and followup2018's fit (4 values for 4 targets) has df 0 and no p-value. With
 * issue 13's endpoints merged in, pilot2010's time-to-first-remission summary follows its new
 * remission default, and one event reads "1 event" (uc2010, rct2012).
 *
 * Issue 14 raised the largest cohort to 1,000,000 patients: the message of an out-of-range `n`
 * reads "outside 1–1000000" (one link, the `n` problem's message only).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STUDY_ID, STUDIES } from '../../src/data';
import { decodeScenario, encodeScenario } from '../../src/scenario/urlCodec';
import { renderFitReport, renderReport } from '../../src/cli/renderReport';
import { runFit, runScenario } from '../../src/cli/run';
import { shapeFitReport, shapeReport } from '../../src/cli/shapeJson';
import {
  exportSavedJson,
  listSaved,
  loadSaved,
  type StorageLike,
} from '../../src/ui/storage/savedScenarios';
import { readScenarioFile, scenarioFileText } from '../../src/ui/export/fileFormats';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as T;

interface LinkPin {
  link: string;
  scenario: unknown;
  problems: unknown[];
  query: string;
}
interface LinkFixture {
  links: LinkPin[];
  saved: {
    stored: Record<string, string>;
    listed: unknown;
    exported: string;
    loaded: unknown[];
  };
  files: { link: string; text: string; read: unknown }[];
}
interface CliPin {
  id: string;
  json: unknown;
  text: string;
  fit: { json: unknown; text: string } | { error: string };
}

const pins = fixture<LinkFixture>('links.json');
// JSON drops `undefined` fields and turns NaN into null: compare through the same round trip.
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

/** The `v` a link carries (its first value), or null. */
function versionOf(link: string): string | null {
  const m = /[?&]v=([^&#]*)/.exec(`&${link}`);
  return m ? decodeURIComponent(m[1]!) : null;
}

/** A pinned scenario (plain JSON) with the sampler a link of version `v` replays. */
const withSampler = (scenario: unknown, v: string | null): unknown => ({
  ...(scenario as Record<string, unknown>),
  sampler: v === '1' ? 1 : 2,
});

describe('existing links decode as before', () => {
  it.each(pins.links.map((p) => [p.link, p] as const))('%j', (_, pin) => {
    const { scenario, problems } = decodeScenario(pin.link, STUDIES, DEFAULT_STUDY_ID);
    const v = versionOf(pin.link);
    expect(plain(scenario)).toEqual(withSampler(pin.scenario, v));
    // Only the version problem changed: v=2 is known now, unknown versions read as 2.
    const want = (pin.problems as { field: string; used: string }[])
      .filter((p) => !(p.field === 'v' && v === '2'))
      .map((p) => (p.field === 'v' ? { ...p, used: '2' } : p));
    expect(plain(problems)).toEqual(want);
    expect(encodeScenario(scenario)).toBe(
      v === '1' ? pin.query : pin.query.replace(/^v=1&/, 'v=2&'),
    );
  });
});

describe('saved scenarios and scenario files read as before', () => {
  const stored = pins.saved.stored;
  const storage: StorageLike = {
    getItem: (k) => stored[k] ?? null,
    setItem: () => undefined,
    removeItem: () => undefined,
    key: (i) => Object.keys(stored)[i] ?? null,
    get length() {
      return Object.keys(stored).length;
    },
  };

  it('lists, exports and opens the stored entries', () => {
    const listed = listSaved(storage);
    expect(plain(listed)).toEqual(pins.saved.listed);
    expect(exportSavedJson(storage).text).toBe(pins.saved.exported);
    // Entries saved before digitised curves travelled in links carry none: the loaded entry says
    // so with an empty `curves` list, the only field added since the pin.
    const loaded = listed.saved.map((s) => {
      const entry = loadSaved(storage, s.id, STUDIES, DEFAULT_STUDY_ID);
      if ('curves' in entry) {
        expect(entry.curves).toEqual([]);
        const { curves: _none, ...rest } = entry;
        return rest;
      }
      return entry;
    });
    // Every stored entry is a v=1 query: it opens with sampler 1 (its old patients).
    const want = (pins.saved.loaded as { saved: { query: string }; scenario?: unknown }[]).map(
      (entry) =>
        entry.scenario === undefined
          ? entry
          : { ...entry, scenario: withSampler(entry.scenario, versionOf(entry.saved.query)) },
    );
    expect(plain(loaded)).toEqual(want);
  });

  it.each(pins.files.map((f) => [f.link, f] as const))('scenario file of %j', (_, pin) => {
    // Every pinned file was written before sampler version 2: it reads with sampler 1.
    const pinned = pin.read as { ok: boolean; scenario?: unknown };
    const want = pinned.ok ? { ...pinned, scenario: withSampler(pinned.scenario, '1') } : pinned;
    expect(plain(readScenarioFile(pin.text))).toEqual(want);
    const read = readScenarioFile(pin.text);
    // Files written from the scenario itself (not the query-only one) are written identically,
    // but for the scenario's new `sampler` field.
    if (read.ok && pin.text.includes('"scenario"')) {
      const file = JSON.parse(pin.text) as { scenario: unknown };
      expect(JSON.parse(scenarioFileText(read.scenario))).toEqual({
        ...file,
        scenario: withSampler(file.scenario, '1'),
      });
    }
  });
});

const WORK_COUNTERS = new Set(['iterations', 'evaluations']);

/** Deep equality with numbers to 1e-6 relative; the optimiser's work counters are skipped. */
function expectClose(got: unknown, want: unknown, path: string): void {
  if (typeof want === 'number' && typeof got === 'number') {
    if (Number.isFinite(want)) {
      expect(Math.abs(got - want), path).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want)));
    } else expect(got, path).toBe(want);
    return;
  }
  if (want === null || typeof want !== 'object') {
    expect(got, path).toEqual(want);
    return;
  }
  expect(typeof got, path).toBe('object');
  const g = got as Record<string, unknown>;
  const w = want as Record<string, unknown>;
  expect(Object.keys(g).sort(), path).toEqual(Object.keys(w).sort());
  for (const key of Object.keys(w)) {
    if (WORK_COUNTERS.has(key)) continue;
    expectClose(g[key], w[key], `${path}.${key}`);
  }
}

describe('the CLI prints the six presets as before', () => {
  const cli = fixture<CliPin[]>('cli.json');
  it.each(cli.map((c) => [c.id, c] as const))('study=%s', (id, pin) => {
    // Pinned from `study=<id>`, which meant sampler 1 then; `v=1` replays it.
    const run = runScenario(`v=1&study=${id}`);
    const report = shapeReport(run);
    const json = pin.json as { scenario: unknown };
    expect(plain(report)).toEqual({ ...json, scenario: withSampler(json.scenario, '1') });
    expect(renderReport(report, run)).toBe(pin.text);
  });
  it.each(cli.map((c) => [c.id, c] as const))('study=%s --fit', (id, pin) => {
    if ('error' in pin.fit) {
      expect(() => runFit(`v=1&study=${id}`)).toThrow(pin.fit.error);
      return;
    }
    const f = runFit(`v=1&study=${id}`);
    const json = pin.fit.json as { scenario: unknown };
    const got = plain(shapeFitReport(f)) as { calibration: Record<string, unknown> };
    for (const added of ['intervals', 'draws', 'timeInState']) delete got.calibration[added];
    expectClose(got, { ...json, scenario: withSampler(json.scenario, '1') }, 'json');
    const counters = /^iterations .*$/m;
    const added = /\n95% intervals of the fitted values[\s\S]*?\n(?=Fit table\n)/;
    expect(renderFitReport(f).replace(counters, '').replace(added, '\n')).toBe(
      pin.fit.text.replace(counters, ''),
    );
  });
});
