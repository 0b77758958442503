import { useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { Cohort, ModelSpec } from '../../model/types';
import { LANE_COLORS, LANE_TEXT_COLORS } from '../palette';
import type { PlaybackClock } from '../playback';
import { drawCohort, paintFor } from './drawCohort';
import { createDotLayout, DotMode, ease, laneLabel, lanesOf, type DotLayout } from './dotLayout';
import { createLaneCounts, DOT_LIMIT, firstPatients } from './laneCounts';
import './cohort.css';
import { formatCount } from '../../scenario/format';

/** Props of {@link CohortCanvas}. */
export interface CohortCanvasProps {
  /** The simulated cohort (typed-array columns); time in months. */
  cohort: Cohort;
  /** The model the cohort was simulated with (its states say which lane each state is drawn in). */
  spec: ModelSpec;
  /** The playback clock; the canvas redraws on every tick without re-rendering React. */
  clock: PlaybackClock;
  /** Extra class on the root element (the parent decides the size; the canvas fills it). */
  className?: string;
}

/**
 * Months of simulated time a dot takes to travel to its new lane (0 under reduced motion): 1.5
 * months is 0.75 s at 1× (2 months a second), long enough for the eye to follow.
 */
export const TRAVEL_MONTHS = 1.5;
/** Space between lanes and around them (CSS px); shared by the canvas layout and the headers. */
const LANE_GAP = 12;
const EDGE_PADDING = 4;
/**
 * Wall-clock time (ms) in which the dots of patients whose paths changed glide to their new
 * squares when a new cohort arrives (a slider moved); everyone else stays put.
 */
export const GLIDE_MS = 400;
/** Quiet time after the last change before the live region speaks (scrubbing, pause, end). */
const ANNOUNCE_DELAY_MS = 500;
/** While playing, the canvas's accessible name is refreshed at most this often. */
const LABEL_INTERVAL_MS = 1000;

/** "24 months", "2.5 months": the time as the room hears it. */
function monthsText(t: number): string {
  const r = Math.round(t * 10) / 10;
  return `${r} month${r === 1 ? '' : 's'}`;
}

/** Whether two models have the same states (ids, labels, lanes, flags): the dots' lanes agree. */
function sameStates(a: ModelSpec, b: ModelSpec): boolean {
  return a === b || JSON.stringify(a.states) === JSON.stringify(b.states);
}

/** One sentence with the counts (of the whole cohort) at the layout's current time. */
function summaryOf(layout: DotLayout, counts: Int32Array): string {
  const parts = layout.lanes.map((l, i) => `${l.label} ${formatCount(counts[i]!)}`);
  const censored = counts[layout.nLanes]!;
  const tail = censored > 0 ? `; ${formatCount(censored)} censored (follow-up ended)` : '';
  return `At ${monthsText(layout.time)}: ${parts.join(', ')}${tail}.`;
}

/**
 * The animated cohort: one dot per patient in lanes left to right (Active, Remission, Relapse,
 * Dead), on one devicePixelRatio-aware canvas that fills its parent, with lane headers showing
 * live counts. Per frame, the clock subscription updates the typed-array layout, paints the canvas
 * and writes changed counts into the headers through refs: React renders only when the cohort,
 * the model or the clock change. Screen readers get the counts from the canvas's name and from a
 * polite live region that speaks only when playback pauses or ends, or scrubbing settles.
 *
 * @example
 * <CohortCanvas cohort={cohort} spec={spec} clock={clock} />
 */
export function CohortCanvas({ cohort, spec: specProp, clock, className }: CohortCanvasProps) {
  // The canvas reads only the model's states. A slider drag makes a new spec on every input with
  // the same states, so the last one with these states is kept: the dot layout (10,000 dots) is
  // rebuilt when the cohort or the states change, not on every intensity change.
  const [spec, setSpec] = useState(specProp);
  if (spec !== specProp && !sameStates(spec, specProp)) setSpec(specProp);
  const lanes = useMemo(
    () => lanesOf(spec).map((id) => ({ id, label: laneLabel(spec, id) })),
    [spec],
  );
  // More patients than dots can show: a fixed sample of dots, and the lanes' counts and shares
  // read from the whole cohort (laneCounts.ts).
  const sampled = cohort.n > DOT_LIMIT;
  const dots = useMemo(
    () => (sampled ? firstPatients(cohort, DOT_LIMIT) : cohort),
    [cohort, sampled],
  );
  const laneCounts = useMemo(
    () => (sampled ? createLaneCounts(cohort, spec, lanesOf(spec)) : null),
    [cohort, spec, sampled],
  );
  const hasCensoring = useMemo(() => {
    for (let p = 0; p < cohort.n; p++) if (cohort.followUp[p]! < cohort.horizon) return true;
    return false;
  }, [cohort]);

  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const countRefs = useRef<(HTMLElement | null)[]>([]);
  const censoredRef = useRef<HTMLElement>(null);
  const liveRef = useRef<HTMLParagraphElement>(null);
  // Where the dots were last drawn, so that a new cohort's changed patients glide from there.
  const shownRef = useRef<{ n: number; x: Float32Array; y: Float32Array } | null>(null);

  // A layout effect, so the first paint already shows the dots and the counts.
  useLayoutEffect(() => {
    const stage = stageRef.current;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d', { alpha: false });
    if (!stage || !canvas || !ctx) return;
    const countEls = countRefs.current;
    const censoredEl = censoredRef.current;
    const liveEl = liveRef.current;

    const reduceMotion =
      typeof window.matchMedia === 'function'
        ? window.matchMedia('(prefers-reduced-motion: reduce)')
        : undefined;
    const travelMonths = () => (reduceMotion?.matches ? 0 : TRAVEL_MONTHS);

    let width = stage.clientWidth;
    let height = stage.clientHeight;
    let ratio = window.devicePixelRatio || 1;
    const layout = createDotLayout(
      dots,
      spec,
      { width, height },
      {
        pixelRatio: ratio,
        transitionMonths: travelMonths(),
        gap: LANE_GAP,
        padding: EDGE_PADDING,
      },
    );
    const paint = paintFor(layout);
    // A new cohort of the same size (a slider moved): the patients whose squares differ glide
    // from where they were drawn; the others are not touched. Not under reduced motion.
    const prev = shownRef.current;
    let glideFrom = prev && prev.n === layout.n && travelMonths() > 0 ? prev : null;
    const glideStart = performance.now();
    let glideFrame = 0;
    const nLanes = layout.nLanes;
    const shown = new Int32Array(nLanes + 1).fill(-1);
    // The whole cohort's counts (the layout's own when every patient has a dot) and shares.
    const counts = laneCounts ? new Int32Array(nLanes + 1) : layout.counts;
    const shares = laneCounts ? new Float64Array(nLanes) : undefined;
    const countAll = (t: number) => {
      if (!laneCounts || !shares) return;
      laneCounts.countsAt(t, counts);
      for (let l = 0; l < nLanes; l++) shares[l] = counts[l]! / cohort.n;
    };

    const sizeCanvas = () => {
      canvas.width = Math.max(1, Math.round(width * ratio));
      canvas.height = Math.max(1, Math.round(height * ratio));
    };

    // Text is touched only when a number changes, so steady frames cost no DOM work.
    const writeCounts = () => {
      for (let l = 0; l <= nLanes; l++) {
        const c = counts[l]!;
        if (c === shown[l]) continue;
        shown[l] = c;
        const el = l < nLanes ? countEls[l] : censoredEl;
        if (el) el.textContent = formatCount(c);
      }
    };

    let lastLabel = -Infinity;
    const label = () => {
      canvas.setAttribute(
        'aria-label',
        `Cohort of ${formatCount(cohort.n)} patients. ${summaryOf(layout, counts)}`,
      );
      lastLabel = performance.now();
    };
    let announceTimer: ReturnType<typeof setTimeout> | undefined;
    const announceSoon = () => {
      clearTimeout(announceTimer);
      announceTimer = setTimeout(() => {
        label();
        if (liveEl) liveEl.textContent = summaryOf(layout, counts);
      }, ANNOUNCE_DELAY_MS);
    };

    const render = (t: number) => {
      layout.update(t);
      countAll(t);
      if (glideFrom) {
        const u = (performance.now() - glideStart) / GLIDE_MS;
        if (u >= 1) glideFrom = null;
        else {
          const k = ease(u);
          const { x, y, mode } = layout;
          for (let p = 0; p < layout.n; p++) {
            const x0 = glideFrom.x[p]!;
            const y0 = glideFrom.y[p]!;
            if (x0 === x[p] && y0 === y[p]) continue;
            x[p] = x0 + (x[p]! - x0) * k;
            y[p] = y0 + (y[p]! - y0) * k;
            mode[p] = DotMode.moving;
          }
          if (glideFrame === 0) {
            glideFrame = requestAnimationFrame(() => {
              glideFrame = 0;
              render(clock.time);
            });
          }
        }
      }
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      drawCohort(ctx, layout, paint, width, height, ratio, shares);
      writeCounts();
      // For tests and curious readers: how many patients are on their way right now.
      const moving = String(layout.moving);
      if (canvas.dataset.inTransit !== moving) canvas.dataset.inTransit = moving;
    };

    sizeCanvas();
    render(clock.time);
    label();

    const unsubscribeTick = clock.subscribe((t) => {
      render(t);
      if (!clock.playing) announceSoon();
      else if (performance.now() - lastLabel > LABEL_INTERVAL_MS) label();
    });
    // Pause and the end of playback (the clock stops itself) are when the room wants the numbers.
    const unsubscribeState = clock.subscribeState(() => {
      if (!clock.playing) announceSoon();
    });

    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (!box) return;
      const r = window.devicePixelRatio || 1;
      if (box.width === width && box.height === height && r === ratio) return;
      width = box.width;
      height = box.height;
      ratio = r;
      layout.resize({ width, height }, ratio);
      sizeCanvas();
      render(clock.time);
    });
    observer.observe(stage);

    const onMotionChange = () => {
      layout.setTransitionMonths(travelMonths());
      render(clock.time);
    };
    reduceMotion?.addEventListener('change', onMotionChange);

    return () => {
      shownRef.current = { n: layout.n, x: layout.x.slice(), y: layout.y.slice() };
      cancelAnimationFrame(glideFrame);
      unsubscribeTick();
      unsubscribeState();
      observer.disconnect();
      reduceMotion?.removeEventListener('change', onMotionChange);
      clearTimeout(announceTimer);
    };
  }, [cohort, dots, laneCounts, spec, clock]);

  const style = {
    '--cohort-gap': `${LANE_GAP}px`,
    '--cohort-pad': `${EDGE_PADDING}px`,
    '--cohort-lane-count': lanes.length,
  } as CSSProperties;

  return (
    <div className={className ? `cohort ${className}` : 'cohort'} style={style}>
      <ul className="cohort-lanes" aria-label="Patients in each state">
        {lanes.map((lane, i) => (
          <li
            key={lane.id}
            data-lane={lane.id}
            className="cohort-lane"
            style={{ color: LANE_TEXT_COLORS[lane.id] ?? '#1a1a1a' }}
          >
            <span
              className="cohort-swatch"
              style={{ background: LANE_COLORS[lane.id] ?? '#0072B2' }}
              aria-hidden="true"
            />
            <span>{lane.label}</span>
            <span
              className="cohort-count"
              ref={(el) => {
                countRefs.current[i] = el;
              }}
            />
          </li>
        ))}
      </ul>
      <div className="cohort-stage" ref={stageRef}>
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={`Cohort of ${formatCount(cohort.n)} patients`}
        />
      </div>
      {sampled && (
        <p className="cohort-note" data-testid="cohort-note">
          Showing a sample of {formatCount(dots.n)} of {formatCount(cohort.n)} patients: each dot ≈{' '}
          {formatCount(Math.round(cohort.n / dots.n))} patients. Shaded bars: each state&rsquo;s
          share of all patients.
        </p>
      )}
      {hasCensoring && (
        <p className="cohort-legend">
          <span className="cohort-swatch cohort-swatch-hollow" aria-hidden="true" />
          <span>
            Hollow squares: follow-up ended (censored),{' '}
            <span className="cohort-count" ref={censoredRef} />
          </span>
        </p>
      )}
      <p className="cohort-sr-only" role="status" aria-live="polite" ref={liveRef} />
    </div>
  );
}
