/**
 * Browser benchmarks (issue 5, "Performance"): the production build in dist/, served on a loopback
 * port and driven in the system's headless Chromium through playwright-core (the browser tests'
 * harness). Rows:
 *
 * - the JavaScript bundle, gzipped (every .js in dist/assets, the inlined worker included);
 * - time from navigation start to the first curves (the worker's first Kaplan–Meier path, and the
 *   model trace drawn before it), median of 3 cold page loads;
 * - the median (and p90) frame interval while 10,000 dots play, against the display's refresh
 *   interval measured the same way on an idle page;
 * - the longest main-thread task during a 5-second drag of a rate slider (PerformanceObserver
 *   'longtask'), on the default study and with 10,000 patients.
 *
 * Without Chromium the rows say so (a value of NaN, marked over budget) rather than throw,
 * unless CI=true.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launch, serveStatic } from '../../tests/browser/harness';
import { benchRow, median, type BenchRow } from './benchRow';

const ROOT = resolve('.');
const DIST = join(ROOT, 'dist');

/** The study with a five-year follow-up, at the largest animated cohort. */
const BIG = '?study=followup2018&n=10000&r=0';
/** The same with the default 200 replicate trials (the heavier worker result for the drag). */
const BIG_REPLICATES = '?study=followup2018&n=10000';
const SLIDER = '#rate-A-relapse-0';
const OS_KM = '[data-testid="curve-series"][data-series-id="os-km"]';

const BUDGET = {
  bundleKB: 200,
  firstCurvesMs: 1500,
  frameRatio: 1.1,
  longTaskMs: 50,
};

// ── Build ─────────────────────────────────────────────────────────────────────────────────

/** Newest modification time (ms) of the files under a path. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = s.mtimeMs;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

/** Builds dist/ with `vite build` when it is missing or older than its sources. */
function ensureBuild(): void {
  const built = existsSync(join(DIST, 'index.html'))
    ? statSync(join(DIST, 'index.html')).mtimeMs
    : 0;
  const sources = Math.max(
    newest(join(ROOT, 'src')),
    newest(join(ROOT, 'index.html')),
    newest(join(ROOT, 'vite.config.ts')),
    newest(join(ROOT, 'scripts', 'csp.ts')),
    newest(join(ROOT, 'public')),
  );
  if (built > sources) return;
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stderr}`);
}

/** Gzipped size (bytes) of every JavaScript file in dist/assets. */
function bundleGzipBytes(): number {
  const dir = join(DIST, 'assets');
  let total = 0;
  for (const f of readdirSync(dir)) {
    if (f.endsWith('.js')) total += gzipSync(readFileSync(join(dir, f))).length;
  }
  return total;
}

// ── In-page probes ────────────────────────────────────────────────────────────────────────

/** What the init script records in the page (times are performance.now(), from navigation). */
interface Probe {
  firstOsKm: number | null;
  firstTrace: number | null;
  longTasks: { start: number; duration: number }[];
  /** Input events seen (the slider's, during a drag). */
  inputs: number;
}

declare global {
  interface Window {
    __bench?: Probe;
  }
}

/**
 * Installed before any page script: a MutationObserver notes when the first Kaplan–Meier and
 * trace paths carry path data, and a buffered PerformanceObserver keeps every long task.
 * (Plain source text: tsx's transform would wrap named inner functions in a helper the page
 * does not have.)
 */
const PROBE_SCRIPT = `(() => {
  const probe = { firstOsKm: null, firstTrace: null, longTasks: [], inputs: 0 };
  window.__bench = probe;
  document.addEventListener('input', () => probe.inputs++, true);
  const drawn = (id) => {
    const el = document.querySelector('[data-testid="curve-series"][data-series-id="' + id + '"]');
    const d = el ? el.getAttribute('d') : null;
    return !!d && d.trim() !== '';
  };
  const mo = new MutationObserver(() => {
    const t = performance.now();
    if (probe.firstTrace === null && drawn('os-trace')) probe.firstTrace = t;
    if (probe.firstOsKm === null && drawn('os-km')) probe.firstOsKm = t;
    if (probe.firstTrace !== null && probe.firstOsKm !== null) mo.disconnect();
  });
  mo.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['d'] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    // no long-task timing in this browser: the drag rows then report no tasks
  }
})();`;

/** Timestamps of `ms` worth of animation frames, collected in the page. */
function rafTimestamps(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(`new Promise((done) => {
    const ts = [];
    const tick = (t) => {
      ts.push(t);
      if (t - ts[0] < ${ms}) requestAnimationFrame(tick);
      else done(ts);
    };
    requestAnimationFrame(tick);
  })`);
}

function intervals(ts: number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < ts.length; i++) out.push(ts[i]! - ts[i - 1]!);
  return out;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** Waits until the worker's first Kaplan–Meier curve has path data. */
async function curvesDrawn(page: Page): Promise<void> {
  await page.waitForFunction((sel) => !!document.querySelector(sel)?.getAttribute('d'), OS_KM, {
    timeout: 60_000,
  });
}

/** Waits until the status line says the worker's results match the scenario. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const t = document.querySelector('.sim-status')?.textContent ?? '';
      return t !== '' && !/Updating|Simulating/.test(t);
    },
    undefined,
    { timeout: 60_000 },
  );
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

// ── Measurements ──────────────────────────────────────────────────────────────────────────

async function firstCurves(browser: Browser, url: string): Promise<{ km: number; trace: number }> {
  const km: number[] = [];
  const trace: number[] = [];
  for (let i = 0; i < 3; i++) {
    // A fresh context each time: no HTTP cache, no storage, a cold load.
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.addInitScript(PROBE_SCRIPT);
      await page.goto(url);
      await page.waitForFunction(() => window.__bench?.firstOsKm != null, undefined, {
        timeout: 30_000,
      });
      const p = await page.evaluate(() => window.__bench!);
      km.push(p.firstOsKm!);
      trace.push(p.firstTrace ?? NaN);
    } finally {
      await context.close();
    }
  }
  return { km: median(km), trace: median(trace) };
}

async function frameIntervals(
  browser: Browser,
  url: string,
): Promise<{ refresh: number; median: number; p90: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const idle = await context.newPage();
    await idle.setContent('<!doctype html><title>idle</title><p>idle</p>');
    await rafTimestamps(idle, 500); // warm-up
    const refresh = median(intervals(await rafTimestamps(idle, 2000)));
    await idle.close();

    const page = await context.newPage();
    await page.goto(`${url}${BIG}`);
    await curvesDrawn(page);
    await page.locator('canvas[role="img"]').waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await sleep(300); // warm-up frames after the first ones of playback
    const dt = intervals(await rafTimestamps(page, 4000));
    const stillPlaying = await page
      .getByRole('button', { name: 'Pause', exact: true })
      .isVisible()
      .catch(() => false);
    if (!stillPlaying) throw new Error('playback stopped during the frame measurement');
    return { refresh, median: median(dt), p90: quantile(dt, 0.9) };
  } finally {
    await context.close();
  }
}

async function sliderDrag(
  browser: Browser,
  url: string,
): Promise<{ max: number; over: number; inputs: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(PROBE_SCRIPT);
    await page.goto(url);
    await curvesDrawn(page);
    await settled(page);
    const slider = page.locator(SLIDER);
    await slider.scrollIntoViewIfNeeded();
    await sleep(500);
    const box = await slider.boundingBox();
    if (!box) throw new Error(`${SLIDER} has no box`);
    const y = box.y + box.height / 2;
    const x0 = box.x + box.width * 0.5;
    const amplitude = box.width * 0.3;

    const { start, inputs } = await page.evaluate(() => ({
      start: performance.now(),
      inputs: window.__bench?.inputs ?? 0,
    }));
    await page.mouse.move(x0, y);
    await page.mouse.down();
    const t0 = Date.now();
    while (Date.now() - t0 < 5000) {
      // Back and forth, about 1.2 s per sweep, one small move every 16 ms.
      const phase = ((Date.now() - t0) / 1200) * 2 * Math.PI;
      await page.mouse.move(x0 + amplitude * Math.sin(phase), y);
      await sleep(16);
    }
    await page.mouse.up();
    // The last request after release is part of the drag: wait for its result to be drawn.
    await sleep(50);
    await settled(page);
    await sleep(300);
    const probe = await page.evaluate(() => window.__bench!);
    const tasks = probe.longTasks.filter((t) => t.start >= start);
    if (probe.inputs - inputs < 20)
      throw new Error(`the drag moved ${SLIDER} only ${probe.inputs - inputs} times`);
    const durations = tasks.map((t) => t.duration);
    return {
      max: durations.length ? Math.max(...durations) : 0,
      over: durations.filter((d) => d > BUDGET.longTaskMs).length,
      inputs: probe.inputs - inputs,
    };
  } finally {
    await context.close();
  }
}

// ── Entry ─────────────────────────────────────────────────────────────────────────────────

const ROW = {
  bundle: 'browser: JS bundle (gzip)',
  trace: 'browser: first trace drawn (median of 3 loads)',
  km: 'browser: first curves (os-km) drawn (median of 3 loads)',
  refresh: 'browser: display refresh interval (idle page)',
  frame: 'browser: frame interval, 10,000 dots playing (median)',
  frameP90: 'browser: frame interval, 10,000 dots playing (p90)',
  dragSmall: 'browser: longest task, 5 s slider drag (81 pts, 200 reps)',
  dragBig: 'browser: longest task, 5 s slider drag (10,000 pts, 200 reps)',
};

/** The browser rows of `npm run bench`. */
export async function benchBrowser(): Promise<BenchRow[]> {
  ensureBuild();
  const rows: BenchRow[] = [benchRow(ROW.bundle, bundleGzipBytes() / 1024, 'KB', BUDGET.bundleKB)];

  if (!hasChromium) {
    // The harness already throws when CI=true; elsewhere the rows say what is missing.
    const missing = ' (not run: Chromium not found; set CHROME_PATH)';
    rows.push(benchRow(ROW.km + missing, NaN, 'ms', BUDGET.firstCurvesMs));
    rows.push(benchRow(ROW.frame + missing, NaN, 'ms', NaN));
    rows.push(benchRow(ROW.dragSmall + missing, NaN, 'ms', BUDGET.longTaskMs));
    rows.push(benchRow(ROW.dragBig + missing, NaN, 'ms', BUDGET.longTaskMs));
    return rows;
  }

  const server = await serveStatic(DIST);
  let browser: Browser | undefined;
  try {
    browser = await launch();

    const first = await firstCurves(browser, server.url);
    rows.push(benchRow(ROW.trace, first.trace, 'ms', BUDGET.firstCurvesMs));
    rows.push(benchRow(ROW.km, first.km, 'ms', BUDGET.firstCurvesMs));

    const frames = await frameIntervals(browser, server.url);
    const frameBudget = BUDGET.frameRatio * frames.refresh;
    rows.push(benchRow(ROW.refresh, frames.refresh, 'ms', Infinity));
    rows.push(benchRow(ROW.frame, frames.median, 'ms', frameBudget));
    rows.push(benchRow(ROW.frameP90, frames.p90, 'ms', Infinity));

    for (const [name, query] of [
      [ROW.dragSmall, ''],
      [ROW.dragBig, BIG_REPLICATES],
    ] as const) {
      const drag = await sliderDrag(browser, `${server.url}${query}`);
      const detail = `${drag.inputs} inputs, ${drag.over} tasks over 50 ms`;
      rows.push(benchRow(`${name}: ${detail}`, drag.max, 'ms', BUDGET.longTaskMs));
    }
  } finally {
    await browser?.close();
    await server.close();
  }
  return rows;
}
