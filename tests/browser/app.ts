import type { Page } from 'playwright-core';
import { expect, inject } from 'vitest';

/**
 * This run's production build (`dist`), single-file build (`distSingle`) and scratch folder for
 * downloads, built by tests/browser/globalSetup.ts outside the working tree.
 */
export const builds = (): { dist: string; distSingle: string; scratch: string } =>
  inject('browserBuilds');

/** Opens the app at a query and waits until the first simulation has drawn the curves. */
export async function openApp(page: Page, baseUrl: string, query = ''): Promise<void> {
  await page.goto(`${baseUrl}${query}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  // Attached, not visible: a survival curve with no death is a flat line of zero height.
  await page
    .locator('[data-testid="curve-series"][data-series-id="os-km"]')
    .waitFor({ state: 'attached' });
  // Two canvases when two arms are compared (arm A first).
  await page.locator('canvas[role="img"]').first().waitFor();
}

/** The live count shown in a lane header (Active, Remission, Relapse, Dead). */
export async function laneCount(page: Page, lane: string): Promise<number> {
  const text = await page.locator(`li[data-lane="${lane}"] .cohort-count`).first().textContent();
  // Counts carry thousands separators (1,000,000).
  const n = Number(text?.trim().replace(/,/g, ''));
  expect(Number.isInteger(n), `count of ${lane} is "${text}"`).toBe(true);
  return n;
}

/** The `d` attribute of a curve path. */
export async function pathOf(page: Page, seriesId: string): Promise<string> {
  return (
    (await page
      .locator(`[data-testid="curve-series"][data-series-id="${seriesId}"]`)
      .first()
      .getAttribute('d')) ?? ''
  );
}

/** The text of a fit-table row's cell (columns as in FitTable: 6 = model). */
export async function fitCell(page: Page, id: string, column: number): Promise<string> {
  return (
    (await page
      .locator(`.fit-table tr:has(th:text-is("${id}")) > :nth-child(${column})`)
      .textContent()) ?? ''
  );
}

/** Waits until the worker's results match the page's scenario (status line settled). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const t = document.querySelector('.sim-status')?.textContent ?? '';
      return t !== '' && !/Updating|Simulating/.test(t);
    },
    undefined,
    { timeout: 60_000 },
  );
}
