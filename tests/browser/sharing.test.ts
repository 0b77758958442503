import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatValue } from '../../src/ui/curves/chartGeometry';
import { builds, laneCount, openApp, pathOf, settled } from './app';
import { hasChromium, launch, serveStatic, watchErrors } from './harness';

/** Reads the scenario link the page shows (its address bar). */
const query = (page: Page) => page.evaluate(() => window.location.search);

describe.skipIf(!hasChromium)('scenario links, saved scenarios and the single-file build', () => {
  let browser: Browser;
  let context: BrowserContext;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  beforeAll(async () => {
    server = await serveStatic(builds().dist);
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.url.replace(/\/$/, ''),
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reproduces a changed scenario after a reload: same seed, intensities, patients and curves', async () => {
    const page = await context.newPage();
    const seen = watchErrors(page);
    await openApp(page, server.url, '?study=followup2018');
    await page.locator('#seed-input').fill('reload-check');
    await page.locator('#seed-input').press('Enter');
    const relapse = page.getByLabel('Relapse, per year', { exact: true });
    await relapse.fill('0.25');
    await relapse.press('Enter');
    await page.getByLabel('Time since transplant').fill('48');
    await settled(page);
    await expect.poll(() => query(page)).toContain('rel=0.25');
    await expect.poll(() => query(page)).toContain('at=48');
    const before = {
      q: await query(page),
      path: await pathOf(page, 'os-km'),
      counts: await Promise.all(
        ['active', 'remission', 'relapse', 'dead'].map((l) => laneCount(page, l)),
      ),
    };
    await page.reload();
    await page.locator('[data-testid="curve-series"][data-series-id="os-km"]').waitFor();
    await settled(page);
    expect(await query(page)).toBe(before.q);
    expect(await page.locator('#seed-input').inputValue()).toBe('reload-check');
    expect(await relapse.inputValue()).toBe('0.25');
    expect(await pathOf(page, 'os-km')).toBe(before.path);
    expect(
      await Promise.all(['active', 'remission', 'relapse', 'dead'].map((l) => laneCount(page, l))),
    ).toEqual(before.counts);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('steps through chosen studies with Back and Forward', async () => {
    const page = await context.newPage();
    const seen = watchErrors(page);
    await openApp(page, server.url, '?study=followup2018');
    await page.locator('#study-select').selectOption('multicentre2012|');
    await expect.poll(() => query(page)).toContain('study=multicentre2012');
    await page.locator('#study-select').selectOption('pilot2010|');
    await expect.poll(() => query(page)).toContain('study=pilot2010');
    await page.goBack();
    await expect.poll(() => page.locator('#study-select').inputValue()).toBe('multicentre2012|');
    await page.goBack();
    await expect.poll(() => page.locator('#study-select').inputValue()).toBe('followup2018|');
    await page.goForward();
    await expect.poll(() => page.locator('#study-select').inputValue()).toBe('multicentre2012|');
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('survives a hostile link: markup shown as text, no script run, every problem named', async () => {
    const page = await context.newPage();
    const seen = watchErrors(page);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    const evil = '<img src=x onerror=alert(1)>';
    const q = new URLSearchParams([
      ['v', '1'],
      ['study', '<script>alert(1)</script>'],
      ['seed', evil],
      ['n', 'NaN'],
      ['h', '1e999'],
      ['r', '-1'],
      ['__proto__', evil],
      ['rel', evil],
      ['t', `X1:os:60:5:9:${evil}`],
      ['bl', evil],
      ['n', '12'],
    ]);
    await openApp(page, server.url, `?${q.toString()}&trunc=%E0%A4%A`);
    const notice = page.locator('.notice').first();
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    for (const field of ['study', 'seed', 'n', 'horizon', 'replicates'])
      expect(text).toContain(field);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(dialogs).toBe(0);
    expect(await page.locator('#study-select').inputValue()).toBe('followup2018|');
    await page
      .getByRole('button', { name: /^Dismiss/ })
      .first()
      .click();
    // A v=1 link also says that it replays the patients it had (sampler version 1).
    await expect.poll(() => page.locator('.notice').count()).toBe(1);
    expect(await page.locator('.notice').textContent()).toContain('earlier version');
    await page.getByRole('button', { name: /^Dismiss/ }).click();
    await expect.poll(() => page.locator('.notice').count()).toBe(0);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('copies the link with a visible confirmation, and the link opens the same scenario', async () => {
    const page = await context.newPage();
    await openApp(page, server.url, '?study=uc2010&seed=copy-me');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.locator('.copy-status').textContent()).toContain('Link copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('seed=copy-me');
    const other = await context.newPage();
    await openApp(other, copied, '');
    expect(await other.locator('#seed-input').inputValue()).toBe('copy-me');
    expect(await other.locator('#study-select').inputValue()).toBe('uc2010|');
    await other.close();
    await page.close();
  });

  it('saves a scenario in the browser, keeps it across reloads, opens it again', async () => {
    const page = await context.newPage();
    const seen = watchErrors(page);
    await openApp(page, server.url, '?study=fouryear2013&seed=saved-one');
    // A corrupted entry from an older version must be reported and skipped, never fatal.
    await page.evaluate(() => localStorage.setItem('msct-sim:scenario:broken', '{not json'));
    await page.getByText(/^Saved scenarios/).click();
    await page.getByLabel('Scenario name').fill('Lecture 3');
    await page.getByRole('button', { name: 'Save current' }).click();
    await page.reload();
    await openApp(page, server.url, '?study=followup2018&seed=other');
    await page.getByText(/^Saved scenarios/).click();
    await expect.poll(() => page.locator('.saved .warning').textContent()).toContain('Skipped 1');
    await page
      .locator('.saved-list li', { hasText: 'Lecture 3' })
      .getByRole('button', { name: 'Open' })
      .click();
    await expect.poll(() => page.locator('#seed-input').inputValue()).toBe('saved-one');
    expect(await page.locator('#study-select').inputValue()).toBe('fouryear2013|');
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('says so when the browser blocks storage: saves last only until a reload', async () => {
    const page = await context.newPage();
    const seen = watchErrors(page);
    // What a browser with site data blocked does: reading localStorage throws.
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    await openApp(page, server.url, '?study=followup2018&seed=blocked');
    await page.getByText(/^Saved scenarios/).click();
    await expect
      .poll(() => page.locator('.saved .warning').first().textContent())
      .toMatch(/kept only until the page is closed or reloaded/);
    await page.getByLabel('Scenario name').fill('For now');
    await page.getByRole('button', { name: 'Save current' }).click();
    await expect
      .poll(() => page.locator('.notice').last().textContent())
      .toContain('Saved “For now” for this visit only');
    await expect.poll(() => page.locator('.saved-list li').count()).toBe(1);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('shows the same curve values as the Node CLI given the same link', async () => {
    const link = '?v=1&study=multicentre2012&seed=cli-check&r=50';
    const cli = JSON.parse(
      execFileSync('npx', ['tsx', 'src/cli/simulate.ts', '--scenario', link, '--json'], {
        encoding: 'utf8',
      }),
    ) as { curves: { grid: number[]; simulated: Record<string, (number | null)[]> } };
    const page = await context.newPage();
    await openApp(page, server.url, link);
    await settled(page);
    for (const t of [3, 9, 12]) {
      await page.getByLabel('Time since transplant').fill(String(t));
      await expect.poll(() => page.locator('.clock-readout').textContent()).toContain(`${t}.0 mo`);
      const g = cli.curves.grid.indexOf(t);
      const pairs: [string, string][] = [
        ['os-km', 'os'],
        ['ever-sim', 'everRemitted'],
        ['inrem-sim', 'inRemission'],
        ['rel-cif', 'relapseCif'],
      ];
      for (const [series, curve] of pairs) {
        const shown = await page
          .locator(`.curve-readout-value[data-series-id="${series}"]`)
          .textContent();
        expect(shown, `${series} at ${t}`).toBe(
          formatValue(cli.curves.simulated[curve]![g] ?? NaN, true),
        );
      }
    }
    await page.close();
  });

  it('the single-file build opens from file:// with no server and draws its curves', async () => {
    const file = join(builds().distSingle, 'index.html');
    expect(existsSync(file), 'npm run build:single must run before the browser tests').toBe(true);
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const seen = watchErrors(page);
    await page.goto(`${pathToFileURL(file).href}?study=followup2018`);
    await page
      .locator('[data-testid="curve-series"][data-series-id="os-km"]')
      .waitFor({ timeout: 60_000 });
    expect(await pathOf(page, 'os-km')).toMatch(/^M/);
    expect(await laneCount(page, 'active')).toBe(81);
    expect(seen.errors).toEqual([]);
    await page.close();
  });
});
