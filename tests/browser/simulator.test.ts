import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STUDY_ID, STUDIES, getStudy } from '../../src/data';
import { buildModel } from '../../src/model/markov/template';
import { pathStateAt } from '../../src/model/estimate/cohortQueries';
import { simulateScenario } from '../../src/scenario/simulation';
import { decodeScenario } from '../../src/scenario/urlCodec';
import { scenarioTargets } from '../../src/scenario/derive';
import { builds, fitCell, laneCount, openApp, pathOf, settled } from './app';
import { ARTIFACTS, hasChromium, launch, serveStatic, watchErrors } from './harness';

const QUERY = '?study=followup2018&seed=lecture';

/** Lane counts at t (months) of the same scenario simulated in Node. */
function expectedCounts(t: number): Record<string, number> {
  const { scenario } = decodeScenario(QUERY, STUDIES, DEFAULT_STUDY_ID);
  const targets = scenarioTargets(scenario, getStudy(scenario.study)).map((x) => x.target);
  const { A } = simulateScenario({ ...scenario, replicates: 0 }, targets);
  const spec = buildModel(scenario.template, scenario.intensities);
  const counts: Record<string, number> = { active: 0, remission: 0, relapse: 0, dead: 0 };
  for (let p = 0; p < A.cohort.n; p++) {
    if (A.cohort.followUp[p]! < t) continue;
    const lane = spec.states[pathStateAt(A.cohort, p, t)]!.lane;
    counts[lane]!++;
  }
  return counts;
}

describe.skipIf(!hasChromium)('the simulator (production build)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let page: Page;
  let seen: ReturnType<typeof watchErrors>;
  beforeAll(async () => {
    server = await serveStatic(builds().dist);
    browser = await launch();
    mkdirSync(ARTIFACTS, { recursive: true });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    seen = watchErrors(page);
    await openApp(page, server.url, QUERY);
    await settled(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('starts with all 81 patients active and plays: patients leave the Active lane', async () => {
    expect(await laneCount(page, 'active')).toBe(81);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => laneCount(page, 'active')).toBeLessThan(81);
    await page.getByRole('button', { name: 'Pause' }).click();
    const t1 = await page.locator('.clock-readout').textContent();
    await page.waitForTimeout(300);
    expect(await page.locator('.clock-readout').textContent()).toBe(t1);
    expect(seen.errors).toEqual([]);
  });

  it('scrubs to 60 months and shows the counts of the very same patients the Node model simulates', async () => {
    const scrubber = page.getByLabel('Time since transplant');
    await scrubber.fill('60');
    await expect.poll(() => page.locator('.clock-readout').textContent()).toContain('60.0 mo');
    const want = expectedCounts(60);
    for (const lane of ['active', 'remission', 'relapse', 'dead']) {
      expect(await laneCount(page, lane), lane).toBe(want[lane]);
    }
    const total = (
      await Promise.all(['active', 'remission', 'relapse', 'dead'].map((l) => laneCount(page, l)))
    ).reduce((a, b) => a + b);
    expect(total).toBe(81);
    await page.screenshot({ path: join(ARTIFACTS, 'curves-at-60-months.png') });
    expect(seen.errors).toEqual([]);
  });

  it('moves the curves and the fit table when a slider is dragged', async () => {
    const beforePath = await pathOf(page, 'rar-trace');
    const beforeModel = await fitCell(page, 'F6', 6);
    const slider = page.locator('#rate-A-relapse-0');
    const box = (await slider.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => pathOf(page, 'rar-trace')).not.toBe(beforePath);
    await expect.poll(() => fitCell(page, 'F6', 6)).not.toBe(beforeModel);
    // A higher relapse intensity puts more of the remitters into relapse.
    const after = parseFloat(await fitCell(page, 'F6', 6));
    expect(after).toBeGreaterThan(parseFloat(beforeModel));
    await settled(page);
    expect(seen.errors).toEqual([]);
  });

  it('works from the keyboard alone: space plays and pauses, arrows step, sliders move with keys', async () => {
    await page.getByRole('button', { name: 'Reset to fitted' }).click();
    await page.locator('body').click({ position: { x: 5, y: 760 } });
    await page.keyboard.press('Home');
    await expect.poll(() => page.locator('.clock-readout').textContent()).toContain('0.0 mo');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('.clock-readout').textContent()).toContain('2.0 mo');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('button', { name: 'Play' }).count()).toBe(1);

    const slider = page.locator('#rate-A-remission-0');
    await slider.focus();
    const before = await page.getByLabel('Remission, per year', { exact: true }).inputValue();
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.getByLabel('Remission, per year', { exact: true }).inputValue())
      .not.toBe(before);
    // Typing a value: Enter commits it; a bad value is refused with a message naming the field.
    const field = page.getByLabel('Remission, per year', { exact: true });
    await field.fill('0.5');
    await field.press('Enter');
    await expect.poll(() => field.inputValue()).toBe('0.5');
    await field.fill('lots');
    await field.press('Enter');
    await expect.poll(() => page.locator('.notice').last().textContent()).toContain('Remission');
    expect(await field.inputValue()).toBe('0.5');
    expect(seen.errors).toEqual([]);
  });

  it('saves a screenshot of the main screen (test-artifacts/main-screen.png)', async () => {
    await page.getByRole('button', { name: 'Reset to fitted' }).click();
    const dismiss = page.getByRole('button', { name: /^Dismiss/ });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
    await page.getByLabel('Time since transplant').fill('36');
    await settled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'main-screen.png') });
    expect(seen.errors).toEqual([]);
    expect(seen.external).toEqual([]);
  });

  it('changes the model structure: re-remission and a breakpoint add their sliders and reach the link', async () => {
    await page.getByLabel('Allow remission again after a relapse').check();
    await page.locator('#rate-A-reRemission-0').waitFor();
    const bp = page.getByLabel('Intensities change at (months)');
    await bp.fill('6');
    await bp.press('Enter');
    await page.locator('#rate-A-relapse-1').waitFor();
    expect(await page.getByText('Relapse · 0–6 mo', { exact: true }).count()).toBe(1);
    await expect.poll(() => page.evaluate(() => window.location.search)).toContain('rr=1');
    await expect.poll(() => page.evaluate(() => window.location.search)).toContain('bp=6');
    await settled(page);
    expect(seen.errors).toEqual([]);
  });

  it('focuses a slider when its arrow in the state diagram is activated', async () => {
    await page.getByRole('tab', { name: 'Transition matrix & diagram' }).click();
    const edge = page.getByRole('button', { name: /^Death while active:/ });
    await edge.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toMatch(/^rate-A-deathActive-/);
    // The exact and the naive matrices are both shown; over a 12-month cycle, where a patient
    // can remit and die within one cycle, the naive one is visibly wrong.
    expect(await page.locator('table.matrix').count()).toBe(2);
    await page.getByLabel('Cycle length').selectOption('12');
    await expect.poll(() => page.locator('td.differs').count()).toBeGreaterThan(0);
    expect(seen.errors).toEqual([]);
  });
});
