/**
 * `npm run bench -- --peers`: the project's engine side by side with the tools its users know, in
 * the same run on the same machine:
 *
 * (a) microsimulation: `simulateCohort` (continuous time, exact) against a vectorised base-R
 *     discrete-time microsimulation in the style of the DARTH teaching material
 *     (scripts/bench/peers/microsim.R: monthly cycles, patients × cycles state matrix), both on
 *     1,000,000 patients × 120 months of the same four-state model; the R model's one-month
 *     transition matrix is exp(Q/12) from the project (dead states merged), so both simulate the
 *     same process and their share alive at 10 years must agree within sampling error;
 * (b) Kaplan–Meier: `kaplanMeier` against R `survival::survfit` (scripts/bench/peers/km.R) on the
 *     same 1,000,000-row overall-survival data set, written to a temporary binary file.
 *
 * Ratios are R time ÷ engine time (> 1: the engine is faster). Without `Rscript` on the PATH the
 * comparison is skipped with a line saying so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kaplanMeier, survivalAt } from '../../src/model/estimate/kaplanMeier';
import { overallSurvivalData } from '../../src/model/estimate/cohortQueries';
import { LANES } from '../../src/model/markov/template';
import { transitionMatrix, occupancyAt } from '../../src/model/markov/trace';
import { simulateCohort } from '../../src/model/simulate/microsim';
import { timeMs } from './benchRow';
import { benchSpec, HORIZON_MONTHS } from './engine.bench';

const PEERS = join(dirname(fileURLToPath(import.meta.url)), 'peers');
const N = 1_000_000;
/** The data set's design: 3 years of accrual, cut-off at 10 years, 5% lost per year. */
const KM_DESIGN = { accrualMonths: 36, cutoffMonths: HORIZON_MONTHS, lossPerYear: 0.05 };
const KM_AT = [12, 60, 100];

/** The peers' figures (keys of the `peers` object in `npm run bench -- --json`). */
export interface PeerFigures {
  microsim: {
    engineMs: number;
    rMs: number;
    /** R ÷ engine. */
    ratio: number;
    /** Share alive at 120 months: the exact trace, the engine's cohort, R's cohort. */
    aliveExact: number;
    aliveEngine: number;
    aliveR: number;
  };
  kaplanMeier: {
    engineMs: number;
    rMs: number;
    ratio: number;
    /** S(t) at `at` months, engine and R (they must be equal: same data, same estimator). */
    at: number[];
    survivalEngine: number[];
    survivalR: number[];
  };
  r: string;
}

/** `Rscript --version`'s line, or null when Rscript cannot run. */
export function rVersion(): string | null {
  const r = spawnSync('Rscript', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return `${r.stdout}${r.stderr}`.trim().split('\n')[0] ?? 'Rscript';
}

function runR(script: string, args: string[]): Record<string, unknown> {
  const r = spawnSync('Rscript', ['--vanilla', join(PEERS, script), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`Rscript ${script} failed:\n${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as Record<string, unknown>;
}

/** Runs both comparisons (about a minute, most of it R's microsimulation). */
export function benchPeers(): PeerFigures | { skipped: string } {
  const version = rVersion();
  if (!version) {
    return {
      skipped:
        'Rscript not found: peer comparison skipped (install R: apt-get install r-base-core r-cran-survival).',
    };
  }
  const spec = benchSpec();
  const dir = mkdtempSync(join(tmpdir(), 'bench-peers-'));
  try {
    // (a) The one-month transition matrix with the three dead states merged into one.
    const full = transitionMatrix(spec, 0, 1);
    const lanes = spec.states.map((s) => (LANES as readonly string[]).indexOf(s.lane));
    const P = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
    full.forEach((row, i) => row.forEach((p, j) => (P[lanes[i]!]![lanes[j]!]! += p)));
    // Dead rows: each of the three dead states is absorbing; one row of them is enough.
    P[3] = [0, 0, 0, 1];
    const pFile = join(dir, 'P.csv');
    writeFileSync(pFile, P.map((r) => r.map((x) => x.toPrecision(17)).join(',')).join('\n'));
    const r = runR('microsim.R', [pFile, String(N), String(HORIZON_MONTHS), '2026']);

    const options = { n: N, horizonMonths: HORIZON_MONTHS, seed: 'bench' };
    const engineMs = timeMs(() => simulateCohort(spec, options), 3, 1);
    const os = overallSurvivalData(simulateCohort(spec, options), spec);
    let alive = 0;
    for (let p = 0; p < N; p++) alive += os.event[p] ? 0 : 1;
    const occ = occupancyAt(spec, HORIZON_MONTHS);
    const aliveExact = spec.states.reduce((s, st, i) => s + (st.alive ? occ[i]! : 0), 0);

    // (b) The same 1,000,000-row data set for both Kaplan–Meier estimators.
    const kmCohort = simulateCohort(spec, { ...options, design: KM_DESIGN });
    const data = overallSurvivalData(kmCohort, spec);
    const tFile = join(dir, 'time.f64');
    const eFile = join(dir, 'event.u8');
    // Node's typed arrays use the platform's byte order; km.R reads little-endian (x86, ARM).
    writeFileSync(tFile, new Uint8Array(data.time.buffer));
    writeFileSync(eFile, data.event);
    const rk = runR('km.R', [tFile, eFile, KM_AT.join(',')]);
    const kmMs = timeMs(() => kaplanMeier(data.time, data.event), 5, 1);
    const km = kaplanMeier(data.time, data.event);

    const rMs = Number(r.ms);
    const rkMs = Number(rk.ms);
    return {
      microsim: {
        engineMs,
        rMs,
        ratio: rMs / engineMs,
        aliveExact,
        aliveEngine: alive / N,
        aliveR: Number(r.alive),
      },
      kaplanMeier: {
        engineMs: kmMs,
        rMs: rkMs,
        ratio: rkMs / kmMs,
        at: KM_AT,
        survivalEngine: KM_AT.map((t) => survivalAt(km, t)),
        survivalR: (rk.survival as number[]).map(Number),
      },
      r: version,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The lines `npm run bench -- --peers` prints. */
export function peerLines(p: PeerFigures | { skipped: string }): string[] {
  if ('skipped' in p) return [p.skipped];
  const f = (x: number, d = 0) => x.toFixed(d);
  const m = p.microsim;
  const k = p.kaplanMeier;
  return [
    `Peers (${p.r}), same machine, same run:`,
    `  microsim 1e6 patients × 120 months: engine ${f(m.engineMs)} ms (continuous time), ` +
      `R vectorised monthly cycles ${f(m.rMs)} ms → engine ${f(m.ratio, 1)}× faster`,
    `    alive at 10 years: exact ${m.aliveExact.toFixed(4)}, engine ${m.aliveEngine.toFixed(4)}, ` +
      `R ${m.aliveR.toFixed(4)}`,
    `  Kaplan–Meier 1e6 rows: engine ${f(k.engineMs)} ms, survival::survfit ${f(k.rMs)} ms → ` +
      `engine ${f(k.ratio, 1)}× faster`,
    `    S(t) at ${k.at.join(', ')} months: engine ${k.survivalEngine.map((x) => x.toFixed(6)).join(', ')}; ` +
      `R ${k.survivalR.map((x) => x.toFixed(6)).join(', ')}`,
  ];
}
