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

declare global {
  interface Window {
    /** Messages the page's workers were sent and sent back, by type (`countWorkerMessages`). */
    __workerMessages: { sent: Record<string, number>; received: Record<string, number> };
  }
}

/** Counts, by type, every message any Worker of the page is sent and every one it sends back. */
export async function countWorkerMessages(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counts: Window['__workerMessages'] = { sent: {}, received: {} };
    window.__workerMessages = counts;
    const typeOf = (m: unknown) => (m as { type?: string } | null)?.type ?? '';
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: never[]) {
      const t = typeOf(message);
      counts.sent[t] = (counts.sent[t] ?? 0) + 1;
      return post.call(this, message, ...rest);
    } as Worker['postMessage'];
    const Base = Worker;
    window.Worker = class extends Base {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (e: MessageEvent) => {
          const t = typeOf(e.data);
          counts.received[t] = (counts.received[t] ?? 0) + 1;
        });
      }
    };
  });
}

/** How many messages of `type` the page's workers were sent (or sent back) so far. */
export const workerMessages = (page: Page, way: 'sent' | 'received', type: string) =>
  page.evaluate(([w, t]) => window.__workerMessages[w][t] ?? 0, [way, type] as const);
