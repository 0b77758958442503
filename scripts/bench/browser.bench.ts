// Over 400 lines on purpose: every browser row shares one served build, one Chromium and its helpers; each row is one function below.
/**
 * Browser benchmarks (issue 5, "Performance"): the production build in dist/, served on a loopback
 * port and driven in the system's headless Chromium through playwright-core (the browser tests'
 * harness). Rows:
 *
 * - the first-screen JavaScript, gzipped (the scripts index.html loads and preloads; chunks
 *   loaded on demand are reported apart), and every .js in dist/assets;
 * - time from navigation start to the first model trace and to the first simulated curves (the
 *   worker's first Kaplan–Meier path), median of 3 cold page loads;
 * - slider input → the new trial's simulated curves and replicate bands drawn (the commit in
 *   which the status line leaves "Updating…"), over 20 changes of a rate slider by two keyboard
 *   steps on the default scenario (median and p95);
 * - the frame interval (median, p95) while 10,000 and 1,000,000 patients play, against the
 *   display's refresh interval measured the same way on an idle page;
 * - the longest main-thread task during a 5-second drag of a rate slider (PerformanceObserver
 *   'longtask') on the default scenario;
 * - issue 10's drag settle on a heavy trial (10,000 patients, 500 replicates, 120 months): the
 *   release of a 10-second slider drag → the final value's curves drawn, against one
 *   computation of that trial (`dragSettle`).
 *
 * Without Chromium the figures are NaN with a note, rather than an exception (unless CI=true).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launch, serveStatic } from '../../tests/browser/harness';
import { median } from './benchRow';

const ROOT = resolve('.');
const DIST = join(ROOT, 'dist');

/** The study with a five-year follow-up, without replicates, at `n` patients. */
const playing = (n: number) => `?study=followup2018&n=${n}&r=0`;
const SLIDER = '#rate-A-relapse-0';
const OS_KM = '[data-testid="curve-series"][data-series-id="os-km"]';
const OS_BAND = '[data-testid="curve-band"][data-band-id="os-band"]';
/** The cohort sizes whose playback frame interval is measured. */
export const FRAME_SIZES = [10_000, 1_000_000] as const;

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
    newest(join(ROOT, 'scripts', 'workerInlining.ts')),
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

/**
 * Gzipped size (bytes) of the JavaScript the first screen loads: the module scripts and
 * modulepreload links of dist/index.html (Vite lists the entry's static imports there; chunks
 * behind a dynamic import are not listed, and a worker is fetched by the worker itself).
 */
function firstScreenGzipBytes(): number {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) files.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g))
    files.add(m[1]!);
  if (files.size === 0) throw new Error('dist/index.html loads no script');
  let total = 0;
  for (const f of files) total += gzipSync(readFileSync(join(DIST, f))).length;
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
  /** Time of the last input event. */
  lastInput: number;
  /** Path data of the simulated survival curve and its band, and when each last changed. */
  km: string;
  band: string;
  kmAt: number;
  bandAt: number;
  /**
   * When the status line last turned from "Updating…" to the finished line: the commit that
   * draws the newest trial's final curves and bands (they arrive in one state update).
   */
  readyAt: number;
  /** How many times it did. */
  readies: number;
  /** When the mouse button was last released (the end of a drag). */
  releasedAt: number;
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
  const probe = { firstOsKm: null, firstTrace: null, longTasks: [], inputs: 0, lastInput: 0,
    km: '', band: '', kmAt: 0, bandAt: 0, readyAt: 0, readies: 0, releasedAt: 0 };
  let status = '';
  window.__bench = probe;
  document.addEventListener('input', () => { probe.inputs++; probe.lastInput = performance.now(); }, true);
  document.addEventListener('pointerup', () => { probe.releasedAt = performance.now(); }, true);
  const pathOf = (sel) => { const el = document.querySelector(sel); return (el && el.getAttribute('d')) || ''; };
  const drawn = (id) => {
    const el = document.querySelector('[data-testid="curve-series"][data-series-id="' + id + '"]');
    const d = el ? el.getAttribute('d') : null;
    return !!d && d.trim() !== '';
  };
  const mo = new MutationObserver(() => {
    const t = performance.now();
    if (probe.firstTrace === null && drawn('os-trace')) probe.firstTrace = t;
    if (probe.firstOsKm === null && drawn('os-km')) probe.firstOsKm = t;
    const km = pathOf(${JSON.stringify(OS_KM)});
    const band = pathOf(${JSON.stringify(OS_BAND)});
    if (km !== probe.km) { probe.km = km; probe.kmAt = t; }
    if (band !== probe.band) { probe.band = band; probe.bandAt = t; }
    const el = document.querySelector('.sim-status');
    const now = (el && el.textContent) || '';
    if (now !== status) {
      if (/Updating/.test(status) && now !== '' && !/Updating|failed/.test(now)) { probe.readyAt = t; probe.readies++; }
      status = now;
    }
  });
  mo.observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['d'] });
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
async function settled(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const t = document.querySelector('.sim-status')?.textContent ?? '';
      return t !== '' && !/Updating|Simulating/.test(t);
    },
    undefined,
    { timeout, polling: 50 },
  );
}

/**
 * Waits until the newest trial's final result is drawn after the last input (the status line
 * left "Updating…" after it; see `Probe.readyAt`) and returns the probe.
 */
async function readyAfterLastInput(page: Page, readiesBefore: number, timeout: number) {
  await page.waitForFunction(
    (b) => {
      const p = window.__bench!;
      const t = document.querySelector('.sim-status')?.textContent ?? '';
      return p.readies > b && p.readyAt > p.lastInput && !/Updating|Simulating/.test(t);
    },
    readiesBefore,
    { timeout },
  );
  return page.evaluate(() => window.__bench!);
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

// ── Measurements ──────────────────────────────────────────────────────────────────────────

export async function firstCurves(
  browser: Browser,
  url: string,
): Promise<{ km: number; trace: number }> {
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

/** The display's refresh interval (ms): median rAF interval on an idle page. */
async function refreshInterval(browser: Browser): Promise<number> {
  const context = await browser.newContext();
  try {
    const idle = await context.newPage();
    await idle.setContent('<!doctype html><title>idle</title><p>idle</p>');
    await rafTimestamps(idle, 500); // warm-up
    return median(intervals(await rafTimestamps(idle, 2000)));
  } finally {
    await context.close();
  }
}

/**
 * Frame intervals (ms) while `n` patients play. Throws when the app did not simulate `n`
 * patients (its status line names the count) or stopped playing during the measurement.
 */
async function frameIntervals(
  browser: Browser,
  url: string,
  n: number,
): Promise<{ median: number; p95: number }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    await page.goto(`${url}${playing(n)}`);
    await curvesDrawn(page);
    await page.locator('canvas[role="img"]').waitFor();
    await settled(page);
    const status = (await page.locator('.sim-status').textContent()) ?? '';
    const shown = Number(/([\d,]+) patients/.exec(status)?.[1]?.replace(/,/g, '') ?? NaN);
    if (shown !== n) throw new Error(`asked for ${n} patients, the app shows: "${status}"`);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await sleep(300); // warm-up frames after the first ones of playback
    const dt = intervals(await rafTimestamps(page, 4000));
    const stillPlaying = await page
      .getByRole('button', { name: 'Pause', exact: true })
      .isVisible()
      .catch(() => false);
    if (!stillPlaying) throw new Error('playback stopped during the frame measurement');
    return { median: median(dt), p95: quantile(dt, 0.95) };
  } finally {
    await context.close();
  }
}

/**
 * Slider input → the new trial's simulated curves AND replicate bands drawn (ms), over `steps`
 * changes of a rate slider on the default scenario (each waits for the previous one to settle,
 * so this is the latency of one change, not of a drag). "Drawn" is the DOM commit in which the
 * status line leaves "Updating…": the final result of the newest trial (its curves and every
 * band) lands in that same state update. (Waiting for the band's path to change instead is
 * wrong: a 2% change of one rate can leave all three percentiles of 200 trials where they were.)
 */
export async function sliderToCurves(browser: Browser, url: string, steps = 20): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(PROBE_SCRIPT);
    await page.goto(url);
    await curvesDrawn(page);
    await page.locator(OS_BAND).waitFor();
    await settled(page);
    const slider = page.locator(SLIDER);
    await slider.focus();
    await sleep(300);
    const out: number[] = [];
    for (let i = 0; i < steps + 2; i++) {
      const before = await page.evaluate(() => window.__bench!.readies);
      // Two slider steps (about 2%): one step (1%) can round to the same three-digit intensity,
      // which is no change at all. Always upwards: every change is a scenario the app has not
      // seen, so no cache can answer it. Latency counts from the second input.
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page
        .waitForFunction(
          (b) => {
            const p = window.__bench!;
            const t = document.querySelector('.sim-status')?.textContent ?? '';
            return p.readies > b && p.readyAt > p.lastInput && !/Updating|Simulating/.test(t);
          },
          before,
          { timeout: 30_000 },
        )
        .catch(async (error: unknown) => {
          const where = await page.evaluate(() => ({
            focus: document.activeElement?.id ?? '',
            inputs: window.__bench!.inputs,
          }));
          throw new Error(`step ${i}: no new result (${JSON.stringify(where)}): ${String(error)}`);
        });
      const p = await page.evaluate(() => window.__bench!);
      // The first two steps warm up the worker's and the page's code paths.
      if (i >= 2) out.push(p.readyAt - p.lastInput);
      await sleep(100);
    }
    return out;
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
      over: durations.filter((d) => d > 50).length,
      inputs: probe.inputs - inputs,
    };
  } finally {
    await context.close();
  }
}

/** Issue 10's heavy trial: 10,000 patients, 500 replicate trials, 120 months. */
export const HEAVY_QUERY = '?study=followup2018&n=10000&r=500&h=120';

/**
 * Issue 10's drag-settle row, on the heavy trial: first one computation (two keyboard steps of a
 * rate slider, input → that trial's final curves and bands drawn), then a 10-second mouse drag of
 * the same slider, back and forth, ending at a fixed point; returns the time from the release of
 * the mouse button to the final curves and bands of the last value drawn. A worker that queued
 * every value of the drag would take minutes; latest-wins should take about one computation.
 */
export async function dragSettle(
  browser: Browser,
  url: string,
  dragMs = 10_000,
): Promise<{ settleMs: number; computeMs: number; inputs: number }> {
  // Generous waits: one computation takes seconds, and tens of seconds on a loaded machine.
  const wait = 600_000;
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(PROBE_SCRIPT);
    await page.goto(`${url}${HEAVY_QUERY}`);
    await page.waitForFunction((sel) => !!document.querySelector(sel)?.getAttribute('d'), OS_KM, {
      timeout: wait,
    });
    await settled(page, wait);
    const slider = page.locator(SLIDER);
    await slider.scrollIntoViewIfNeeded();
    await slider.focus();

    let readies = await page.evaluate(() => window.__bench!.readies);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    let p = await readyAfterLastInput(page, readies, wait);
    const computeMs = p.readyAt - p.lastInput;

    const box = await slider.boundingBox();
    if (!box) throw new Error(`${SLIDER} has no box`);
    const y = box.y + box.height / 2;
    const x0 = box.x + box.width * 0.5;
    const amplitude = box.width * 0.3;
    readies = p.readies;
    const inputsBefore = p.inputs;
    await page.mouse.move(x0, y);
    await page.mouse.down();
    const t0 = Date.now();
    while (Date.now() - t0 < dragMs) {
      // Back and forth, about 1.2 s per sweep, one small move every 16 ms.
      const phase = ((Date.now() - t0) / 1200) * 2 * Math.PI;
      await page.mouse.move(x0 + amplitude * Math.sin(phase), y);
      await sleep(16);
    }
    // End at a point the sweep does not rest on, then let go.
    await page.mouse.move(x0 + amplitude * 0.37, y);
    await sleep(16);
    await page.mouse.up();
    p = await readyAfterLastInput(page, readies, wait);
    if (p.inputs - inputsBefore < 20)
      throw new Error(`the drag moved ${SLIDER} only ${p.inputs - inputsBefore} times`);
    if (!(p.releasedAt > p.lastInput)) throw new Error('the slider moved after the release');
    return { settleMs: p.readyAt - p.releasedAt, computeMs, inputs: p.inputs - inputsBefore };
  } finally {
    await context.close();
  }
}

// ── Entry ─────────────────────────────────────────────────────────────────────────────────

/** What `benchBrowser` measures (keys as in `npm run bench -- --json`). */
export interface BrowserFigures {
  /** First-screen JavaScript, gzip (KB). */
  bundleGzipKB: number;
  /** Every .js file of the build, on-demand chunks and worker included, gzip (KB). */
  bundleTotalGzipKB: number;
  firstTraceMs: number;
  firstCurvesMs: number;
  sliderToCurvesMsMedian: number;
  sliderToCurvesMsP95: number;
  refreshMs: number;
  /** Frame interval while playing, by cohort size (NaN with a note when not measured). */
  frameMsMedian: Record<string, number>;
  frameMsP95: Record<string, number>;
  /** Longest main-thread task during a 5 s slider drag, default scenario (ms). */
  dragLongestTaskMs: number;
  /**
   * Issue 10, heavy trial (`HEAVY_QUERY`): release of a 10 s slider drag → the final value's
   * curves and bands drawn (ms); one computation of that trial (ms, slider input → drawn); and
   * their difference, which should stay within a second.
   */
  dragSettleMs: number;
  dragComputeMs: number;
  dragSettleExcessMs: number;
  /** Why a figure is NaN. */
  notes: string[];
}

/** Runs `fn`; on an error notes it and returns `fallback`. */
async function attempt<T>(notes: string[], what: string, fn: () => Promise<T>, fallback: T) {
  try {
    return await fn();
  } catch (error) {
    notes.push(`${what}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return fallback;
  }
}

/** Every browser figure NaN (not measured), with the reason as a note. */
export function browserNotMeasured(note: string): BrowserFigures {
  const frames = () => Object.fromEntries(FRAME_SIZES.map((n) => [String(n), NaN]));
  return {
    bundleGzipKB: NaN,
    bundleTotalGzipKB: NaN,
    firstTraceMs: NaN,
    firstCurvesMs: NaN,
    sliderToCurvesMsMedian: NaN,
    sliderToCurvesMsP95: NaN,
    refreshMs: NaN,
    frameMsMedian: frames(),
    frameMsP95: frames(),
    dragLongestTaskMs: NaN,
    dragSettleMs: NaN,
    dragComputeMs: NaN,
    dragSettleExcessMs: NaN,
    notes: [note],
  };
}

/** The browser figures of `npm run bench` (builds dist/ first when it is out of date). */
export async function benchBrowser(): Promise<BrowserFigures> {
  ensureBuild();
  const out: BrowserFigures = { ...browserNotMeasured(''), notes: [] };
  const notes = out.notes;
  out.bundleGzipKB = firstScreenGzipBytes() / 1024;
  out.bundleTotalGzipKB = bundleGzipBytes() / 1024;
  if (!hasChromium) {
    // The harness already throws when CI=true; elsewhere the figures say what is missing.
    notes.push('browser figures not run: Chromium not found (set CHROME_PATH)');
    return out;
  }
  const server = await serveStatic(DIST);
  let browser: Browser | undefined;
  try {
    browser = await launch();
    const b = browser;
    const first = await attempt(notes, 'first curves', () => firstCurves(b, server.url), null);
    out.firstTraceMs = first?.trace ?? NaN;
    out.firstCurvesMs = first?.km ?? NaN;
    const lat = await attempt(notes, 'slider to curves', () => sliderToCurves(b, server.url), []);
    if (lat.length) {
      out.sliderToCurvesMsMedian = median(lat);
      out.sliderToCurvesMsP95 = quantile(lat, 0.95);
    }
    out.refreshMs = await refreshInterval(b);
    for (const n of FRAME_SIZES) {
      const f = await attempt(
        notes,
        `frames, ${n} patients`,
        () => frameIntervals(b, server.url, n),
        null,
      );
      out.frameMsMedian[String(n)] = f?.median ?? NaN;
      out.frameMsP95[String(n)] = f?.p95 ?? NaN;
    }
    const drag = await attempt(notes, 'slider drag', () => sliderDrag(b, server.url), null);
    out.dragLongestTaskMs = drag?.max ?? NaN;
    const heavy = await attempt(notes, 'drag settle', () => dragSettle(b, server.url), null);
    out.dragSettleMs = heavy?.settleMs ?? NaN;
    out.dragComputeMs = heavy?.computeMs ?? NaN;
    out.dragSettleExcessMs = heavy ? heavy.settleMs - heavy.computeMs : NaN;
  } finally {
    await browser?.close();
    await server.close();
  }
  return out;
}
