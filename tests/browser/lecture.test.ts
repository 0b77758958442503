import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builds, laneCount, openApp, settled } from './app';
import { hasChromium, launch, serveStatic, watchErrors } from './harness';

/**
 * The lecture screen, measured at 1366×768 as a projector shows it (issue 12): the main view fits
 * without scrolling, presentation mode reads from the back row, Space plays from anywhere, the
 * charts tell one story and grow with the playhead, tooltips stay on screen, and patients travel.
 */

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const STUDY = '?study=followup2018';

/** axe-core's serious and critical violations, including the label-in-name rule (WCAG 2.5.3). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run: (
          ctx: Document,
          opts: object,
        ) => Promise<{
          violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
        }>;
      };
    };
    return w.axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'experimental'],
      },
    });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Whether playback is running (the play button reads "Pause"). */
const playing = async (page: Page) =>
  (await page.getByTestId('play').textContent())?.includes('Pause');

describe.skipIf(!hasChromium)('the lecture screen at 1366×768', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let context: BrowserContext;
  let page: Page;
  let seen: ReturnType<typeof watchErrors>;
  beforeAll(async () => {
    server = await serveStatic(builds().dist);
    browser = await launch();
    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
    seen = watchErrors(page);
    await openApp(page, server.url, STUDY);
    await settled(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows cohort, play bar, three charts and the fit summary without scrolling', async () => {
    for (const [w, h] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForTimeout(200);
      const m = await page.evaluate(() => {
        const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
        const view = document.querySelector<HTMLElement>('[data-testid="main-view"]')!;
        const centre = document.querySelector<HTMLElement>('.centre')!;
        return {
          viewBottom: box('[data-testid="main-view"]').bottom,
          viewOverflow: view.scrollHeight - view.clientHeight,
          centreOverflow: centre.scrollHeight - centre.clientHeight,
          parts: ['canvas[role="img"]', '.playbar', '[data-testid="fit-summary"]']
            .map((s) => box(s).bottom)
            .concat(
              [...document.querySelectorAll('[data-testid^="curve-chart-"]')].map(
                (c) => c.getBoundingClientRect().bottom,
              ),
            ),
          charts: document.querySelectorAll('[data-testid^="curve-chart-"]').length,
          plotHeights: [...document.querySelectorAll('.curve-chart-svg')].map(
            (s) => s.getBoundingClientRect().height,
          ),
        };
      });
      expect(m.charts, `${w}×${h}`).toBe(3);
      expect(m.viewBottom, `${w}×${h}`).toBeLessThanOrEqual(h);
      expect(m.viewOverflow, `${w}×${h}`).toBeLessThanOrEqual(0);
      expect(m.centreOverflow, `${w}×${h}`).toBeLessThanOrEqual(0);
      for (const bottom of m.parts) expect(bottom, `${w}×${h}`).toBeLessThanOrEqual(h);
      // Charts a class can read: at least 180 px tall at 1366×768.
      for (const ph of m.plotHeights) expect(ph).toBeGreaterThanOrEqual(180);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('overlays notices and the link confirmation: the layout never moves', async () => {
    const where = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-testid^="curve-chart-"], canvas[role="img"]')].map(
          (e) => Math.round(e.getBoundingClientRect().top),
        ),
      );
    const before = await where();
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.waitForTimeout(150);
    expect(await where()).toEqual(before);
    const field = page.getByLabel('Remission, per year', { exact: true });
    await field.fill('lots');
    await field.press('Enter');
    await page.locator('.notice').first().waitFor();
    expect(await where()).toEqual(before);
    const dismiss = page.getByRole('button', { name: /^Dismiss/ });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
  });

  it('plays and pauses with Space whatever button has focus, and never presses that button', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // A step moves the playhead in the scenario, so the address bar holds the whole scenario
    // (seed included) before the comparisons below.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => location.search)).toContain('seed=');
    await page.keyboard.press('Home');
    const names = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLButtonElement>('[data-testid="main-view"] button')]
        .filter((b) => b.offsetParent !== null && !b.disabled)
        .map((b, i) => {
          b.dataset.spaceProbe = String(i);
          return `${i}|${b.textContent?.trim()}`;
        }),
    );
    expect(names.length).toBeGreaterThan(8);
    for (const entry of names) {
      const [i, label] = entry.split('|');
      const url = await page.evaluate(() => location.search);
      await page.locator(`[data-space-probe="${i}"]`).focus();
      expect(await playing(page), label).toBe(false);
      await page.keyboard.press('Space');
      await expect.poll(() => playing(page), { timeout: 2000 }).toBe(true);
      await page.keyboard.press('Space');
      await expect.poll(() => playing(page), { timeout: 2000 }).toBe(false);
      // The button was not pressed: no presentation mode, no dialog, no new seed or study.
      expect(await page.locator('.app.presentation').count(), label).toBe(0);
      expect(await page.locator('dialog[open]').count(), label).toBe(0);
      const after = new URLSearchParams(await page.evaluate(() => location.search));
      const was = new URLSearchParams(url);
      after.delete('at');
      was.delete('at');
      expect(after.toString(), label).toBe(was.toString());
    }
  });

  it('gives focus back after a mouse click, so the next Space plays', async () => {
    await page.getByRole('button', { name: '+1 mo' }).click();
    await page.waitForTimeout(50);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
    await page.keyboard.press('Space');
    await expect.poll(() => playing(page)).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(() => playing(page)).toBe(false);
  });

  it('opens the list of shortcuts with ?', async () => {
    await page.locator('body').press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Space');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
  });

  it('shows at most four legend entries per chart by default, each explained on hover', async () => {
    const legends = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid^="curve-chart-"]')].map((c) =>
        [...c.querySelectorAll('.curve-legend li')].map((li) => li.getAttribute('title') ?? ''),
      ),
    );
    expect(legends).toHaveLength(3);
    for (const entries of legends) {
      expect(entries.length).toBeGreaterThanOrEqual(3);
      expect(entries.length).toBeLessThanOrEqual(4);
      for (const title of entries) expect(title.length).toBeGreaterThan(20);
    }
  });

  it('draws this trial only up to the playhead; the expected course and targets from the start', async () => {
    await page.getByLabel('Time since transplant').fill('20');
    await expect.poll(() => page.locator('.clock-readout').textContent()).toContain('20.0 mo');
    const charts = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid^="curve-chart-"]')].map((c) => {
        const playhead = Number(
          c.querySelector('[data-testid="curve-playhead"]')!.getAttribute('x1'),
        );
        const groups = [...c.querySelectorAll('[data-testid="curve-grow"]')];
        const ends = groups.map((g) => {
          const id = /url\(#(.+)\)/.exec(g.getAttribute('clip-path') ?? '')?.[1] ?? '';
          const rect = document.getElementById(id)?.querySelector('rect');
          return Number(rect?.getAttribute('x')) + Number(rect?.getAttribute('width'));
        });
        const trials = [...c.querySelectorAll('[data-role="trial"]')].map((p) =>
          p.parentElement?.getAttribute('data-testid'),
        );
        const expected = [...c.querySelectorAll('[data-role="expected"]')].map(
          (p) => (p as SVGPathElement).getBBox().width,
        );
        const plot = (c.querySelector('.curve-chart-svg') as SVGSVGElement).getBBox();
        return {
          playhead,
          ends,
          trials,
          expected,
          plotWidth: plot.width,
          points: c.querySelectorAll('[data-testid="curve-point"]').length,
        };
      }),
    );
    let pointsShown = 0;
    for (const c of charts) {
      expect(c.trials.length).toBeGreaterThan(0);
      for (const t of c.trials) expect(t).toBe('curve-grow');
      for (const end of c.ends) expect(Math.abs(end - c.playhead)).toBeLessThanOrEqual(2.5);
      // The expected course spans the horizon (most of the plot), not just up to month 20.
      for (const w of c.expected) expect(w).toBeGreaterThan(c.plotWidth * 0.6);
      pointsShown += c.points;
    }
    expect(pointsShown).toBeGreaterThanOrEqual(4); // the 60-month targets, visible at month 20
  });

  it('keeps a published point’s tooltip (citation, sentence, k/n, interval) inside the screen', async () => {
    for (const which of ['first', 'last'] as const) {
      const point = page.locator('[data-testid="curve-point"]')[which]();
      await point.hover();
      const tip = page.locator('[data-testid="curve-tooltip"]');
      await tip.waitFor();
      const box = (await tip.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(1366);
      expect(box.y + box.height).toBeLessThanOrEqual(768);
      const text = (await tip.textContent()) ?? '';
      expect(text).toMatch(/\d+\/\d+ = /); // k/n
      expect(text).toMatch(/Wilson 95% interval/);
      expect(text).toMatch(/doi:|PMID/);
      expect(text).toContain('“');
      await page.mouse.move(5, 5);
      await expect.poll(() => tip.count()).toBe(0);
    }
  });

  it('fits the relapse axis to the data and sets 1 − KM ≥ 10 px apart from the cumulative incidence', async () => {
    const p2 = await context.newPage();
    await openApp(p2, server.url, `${STUDY}&dA=0.5&dR=0.5&dL=0.5&at=60`);
    await settled(p2);
    const menu = p2.getByTestId('chart-menu-relapse');
    await menu.locator('summary').click();
    await menu.getByLabel('Also 1 − Kaplan–Meier').check();
    await p2.locator('[data-series-id="rel-km"][data-testid="curve-series"]').waitFor();
    const yEnd = (id: string) =>
      p2.evaluate((sid) => {
        const d =
          document
            .querySelector(`[data-testid="curve-series"][data-series-id="${sid}"]`)
            ?.getAttribute('d') ?? '';
        const pts = [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)];
        return Number(pts[pts.length - 1]?.[2]);
      }, id);
    const gap = Math.abs((await yEnd('rel-km')) - (await yEnd('rel-cif')));
    expect(gap).toBeGreaterThanOrEqual(10);
    // The axis is fitted (its top tick is below 100%), and 0–100% is one click away.
    const topTick = () =>
      p2.evaluate(() => {
        const ticks = [
          ...document.querySelectorAll('[data-testid="curve-chart-relapse"] .curve-axis text'),
        ]
          .map((t) => t.textContent ?? '')
          .filter((t) => /%$/.test(t));
        return ticks[ticks.length - 1];
      });
    expect(await topTick()).not.toBe('100%');
    await menu.getByLabel('Axis 0–100%').check();
    await expect.poll(topTick).toBe('100%');
    await p2.close();
  });

  it('moves patients along their path mid-move at 1×; with reduced motion they jump', async () => {
    const inTransit = async (p: Page) =>
      Number(await p.locator('canvas[role="img"]').getAttribute('data-in-transit'));
    const scrub = async (p: Page, t: number) => {
      await p.getByLabel('Time since transplant').fill(String(t));
      await expect
        .poll(() => p.locator('.clock-readout').textContent())
        .toContain(`${t.toFixed(1)} mo`);
    };
    let seenMoving = 0;
    for (let t = 1; t <= 30 && seenMoving === 0; t += 0.5) {
      await scrub(page, t);
      seenMoving = await inTransit(page);
    }
    expect(seenMoving).toBeGreaterThan(0);
    const total = (
      await Promise.all(['active', 'remission', 'relapse', 'dead'].map((l) => laneCount(page, l)))
    ).reduce((a, b) => a + b);
    expect(total).toBe(81); // a patient in transit is still counted where it was

    const reduced = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await reduced.emulateMedia({ reducedMotion: 'reduce' });
    await openApp(reduced, server.url, STUDY);
    await settled(reduced);
    for (let t = 1; t <= 30; t += 0.5) {
      await scrub(reduced, t);
      expect(await inTransit(reduced)).toBe(0);
    }
    await reduced.close();
  });

  it('has no serious or critical axe violation in the main view and the comparison', async () => {
    expect(await seriousViolations(page)).toEqual([]);
    const p2 = await context.newPage();
    await openApp(p2, server.url, '?study=rct2012');
    await settled(p2);
    expect(await seriousViolations(p2)).toEqual([]);
    await p2.close();
  });

  it('reads from the back row in presentation mode: 24 px text, 20 px charts, 32 px lanes, nothing clipped', async () => {
    await page.getByLabel('Time since transplant').fill('36');
    await page.getByRole('button', { name: 'Presentation mode' }).click();
    await page.locator('.app.presentation').waitFor();
    await page.waitForTimeout(300);
    const m = await page.evaluate(() => {
      const px = (e: Element) => parseFloat(getComputedStyle(e).fontSize);
      const visible = (e: Element) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
      };
      const inside = (e: Element) => {
        const r = e.getBoundingClientRect();
        return (
          r.left >= -0.5 &&
          r.top >= -0.5 &&
          r.right <= innerWidth + 0.5 &&
          r.bottom <= innerHeight + 0.5
        );
      };
      const texts = [...document.querySelectorAll('.main-view *')].filter(
        (e) =>
          visible(e) &&
          [...e.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '') &&
          !e.closest('.visually-hidden, .cohort-sr-only, title, desc'),
      );
      const chartText = texts.filter((e) => e.closest('.curve-chart'));
      const otherText = texts.filter((e) => !e.closest('.curve-chart'));
      const controls = [
        ...document.querySelectorAll(
          '.main-view button, .main-view input, .main-view select, .main-view summary',
        ),
      ].filter(visible);
      return {
        body: px(document.querySelector('.app')!),
        minChart: Math.min(...chartText.map(px)),
        minOther: Math.min(...otherText.map(px)),
        smallOther: otherText
          .filter((e) => px(e) < 24)
          .map((e) => `${e.className} ${e.textContent}`),
        lanes: [...document.querySelectorAll('.cohort-lane, .cohort-lane .cohort-count')].map(px),
        outside: texts.filter((e) => !inside(e)).map((e) => e.textContent),
        clipped: [...document.querySelectorAll('.cohort-lane, .curve-legend-item')]
          .filter((e) => e.scrollWidth > e.clientWidth + 1)
          .map((e) => e.textContent),
        scroll: document.documentElement.scrollHeight - innerHeight,
        strayControls: controls
          .filter((c) => !c.closest('.playbar'))
          .map((c) => c.outerHTML.slice(0, 60)),
        studyName: document.querySelector('.study-name')?.textContent,
      };
    });
    expect(m.body).toBeGreaterThanOrEqual(24);
    expect(m.minChart).toBeGreaterThanOrEqual(20);
    expect(m.smallOther).toEqual([]);
    expect(m.minOther).toBeGreaterThanOrEqual(24);
    for (const l of m.lanes) expect(l).toBeGreaterThanOrEqual(32);
    expect(m.outside).toEqual([]);
    expect(m.clipped).toEqual([]);
    expect(m.scroll).toBeLessThanOrEqual(0);
    expect(m.strayControls).toEqual([]);
    expect(m.studyName).toMatch(/Wang 2018/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.app.presentation').count()).toBe(0);
    expect(seen.errors).toEqual([]);
    expect(seen.external).toEqual([]);
  });
});
