/**
 * A digitised Kaplan–Meier curve and its number-at-risk table, checked and repaired before the
 * reconstruction (`guyot.ts`) reads them.
 *
 * Digitising by hand leaves typical noise: a point a hair above 100% or left of the axis, points
 * clicked out of order, a point that climbs above the one before it (a KM curve never rises),
 * an at-risk count that rises. Each is either repaired (the value used is said) or the line is
 * refused (left out), and every message names its line, so the user can fix the file. Only a
 * table that cannot start the algorithm at all (no count at time 0, fewer than two usable curve
 * points) is fatal; nothing throws.
 *
 * The repairs follow what reconstruction tools do (Guyot et al. 2012, BMC Med Res Methodol 12:9,
 * "Data input"; IPDfromKM's `preprocess`): sort by time, make survival non-increasing by carrying
 * the previous value forward (so a climbing point is lowered to the level before it), and start
 * the curve at (0, 1).
 *
 * Units: time in months (any unit works as long as curve and table agree); survival as a
 * fraction 0–1 (percent is the file reader's business, `src/scenario`).
 */

/** One digitised point: time (months) and survival (fraction), with its line in the input. */
export interface DigitisedPoint {
  time: number;
  survival: number;
  /** 1-based line in the user's file or paste (defaults to the row's position + 1). */
  line?: number;
}

/** One row of the number-at-risk table: time (months) and the number at risk then. */
export interface AtRiskRow {
  time: number;
  atRisk: number;
  line?: number;
}

/** What the user gave: the digitised curve, the at-risk table, the total events if published. */
export interface DigitisedInput {
  curve: readonly DigitisedPoint[];
  atRisk: readonly AtRiskRow[];
  /** Total number of events, when the paper reports it. */
  totalEvents?: number | null;
}

/** One message about the input: which table and line, what was done. */
export interface InputMessage {
  /** `curve`, `atRisk` or `totalEvents`. */
  field: 'curve' | 'atRisk' | 'totalEvents';
  /** 1-based line of the input (0 = the table as a whole). */
  line: number;
  /** `repaired`: a value was changed (the message says to what); `refused`: the line is left
   * out; `fatal`: the input cannot be used. */
  kind: 'repaired' | 'refused' | 'fatal';
  text: string;
}

/** The checked input: sorted, monotone, starting at (0, 1); at-risk counts falling from time 0. */
export interface PreparedInput {
  /** Times (months), non-decreasing, first 0. */
  time: number[];
  /** Survival (fraction), non-increasing, first 1. */
  survival: number[];
  /** At-risk times (months), increasing, first 0, none after the last curve time. */
  riskTime: number[];
  /** At-risk counts, non-increasing integers. */
  riskCount: number[];
  /** Total events, or null when not given (or refused). */
  totalEvents: number | null;
  messages: InputMessage[];
  /** True when the input cannot be reconstructed (a `fatal` message says why). */
  fatal: boolean;
}

/** A time this far left of 0 (months) is read as 0: the axis, clicked a little off. */
export const TIME_SLACK_MONTHS = 1;
/** Survival this far outside 0–1 is read as the edge (a hair above the top of the plot). */
export const SURVIVAL_SLACK = 0.02;

const fmt = (x: number): string => String(Number(x.toPrecision(6)));

/**
 * Checks and repairs a digitised curve, its at-risk table and the total events (see the module
 * comment for the rules). Never throws: problems are in `messages`, `fatal` says whether the
 * result can be reconstructed.
 */
export function prepareDigitised(input: DigitisedInput): PreparedInput {
  const messages: InputMessage[] = [];
  const say = (
    field: InputMessage['field'],
    line: number,
    kind: InputMessage['kind'],
    text: string,
  ) => messages.push({ field, line, kind, text });

  // --- Curve: values, then order, then monotonicity, then the start at (0, 1).
  const pts: { time: number; survival: number; line: number }[] = [];
  (Array.isArray(input.curve) ? input.curve : []).forEach((p, i) => {
    const line = p?.line ?? i + 1;
    let { time, survival } = p ?? { time: NaN, survival: NaN };
    if (!Number.isFinite(time) || !Number.isFinite(survival)) {
      say('curve', line, 'refused', `time and survival must be numbers; line left out`);
      return;
    }
    if (time < 0) {
      if (time < -TIME_SLACK_MONTHS) {
        say('curve', line, 'refused', `time ${fmt(time)} is negative; line left out`);
        return;
      }
      say('curve', line, 'repaired', `time ${fmt(time)} is just left of the axis; read as 0`);
      time = 0;
    }
    if (survival > 1 || survival < 0) {
      if (survival > 1 + SURVIVAL_SLACK || survival < -SURVIVAL_SLACK) {
        say('curve', line, 'refused', `survival ${fmt(survival)} is outside 0–1; line left out`);
        return;
      }
      const edge = survival > 1 ? 1 : 0;
      say('curve', line, 'repaired', `survival ${fmt(survival)} is outside 0–1; read as ${edge}`);
      survival = edge;
    }
    pts.push({ time, survival, line });
  });
  // Out of order: a point earlier than the one read before it. Stable sort by time, the higher
  // survival first at equal times (a vertical drop is read top to bottom).
  let latest = -Infinity;
  for (const p of pts) {
    if (p.time < latest) {
      say(
        'curve',
        p.line,
        'repaired',
        `time ${fmt(p.time)} comes after a later time (${fmt(latest)}); sorted into place`,
      );
    }
    latest = Math.max(latest, p.time);
  }
  pts.sort((a, b) => a.time - b.time || b.survival - a.survival);
  // A KM curve never rises: a point above the level before it is lowered to that level.
  for (let i = 1; i < pts.length; i++) {
    const prev = pts[i - 1]!.survival;
    const p = pts[i]!;
    if (p.survival > prev) {
      say(
        'curve',
        p.line,
        'repaired',
        `survival ${fmt(p.survival)} rises above the point before (${fmt(prev)}); set to ${fmt(prev)}`,
      );
      p.survival = prev;
    }
  }
  if (pts.length > 0 && !(pts[0]!.time === 0 && pts[0]!.survival === 1)) {
    say('curve', 0, 'repaired', 'the curve does not start at (0, 1); that point was added');
    pts.unshift({ time: 0, survival: 1, line: 0 });
  }
  const time = pts.map((p) => p.time);
  const survival = pts.map((p) => p.survival);
  let fatal = false;
  if (pts.length < 3) {
    say(
      'curve',
      0,
      'fatal',
      `needs at least two digitised points, got ${Math.max(0, pts.length - 1)}`,
    );
    fatal = true;
  }
  const lastTime = time[time.length - 1] ?? 0;

  // --- At-risk table.
  const rows: { time: number; atRisk: number; line: number }[] = [];
  (Array.isArray(input.atRisk) ? input.atRisk : []).forEach((r, i) => {
    const line = r?.line ?? i + 1;
    const t = r?.time;
    let n = r?.atRisk;
    if (!Number.isFinite(t) || !Number.isFinite(n) || t! < 0 || n! < 0) {
      say('atRisk', line, 'refused', 'time and number at risk must be numbers ≥ 0; line left out');
      return;
    }
    if (!Number.isInteger(n)) {
      say(
        'atRisk',
        line,
        'repaired',
        `number at risk ${fmt(n!)} is not whole; read as ${Math.round(n!)}`,
      );
      n = Math.round(n!);
    }
    rows.push({ time: t!, atRisk: n!, line });
  });
  let latestRisk = -Infinity;
  for (const r of rows) {
    if (r.time < latestRisk) {
      say(
        'atRisk',
        r.line,
        'repaired',
        `time ${fmt(r.time)} comes after a later time (${fmt(latestRisk)}); sorted into place`,
      );
    }
    latestRisk = Math.max(latestRisk, r.time);
  }
  rows.sort((a, b) => a.time - b.time);
  const kept: typeof rows = [];
  for (const r of rows) {
    const prev = kept[kept.length - 1];
    if (prev && r.time === prev.time) {
      say('atRisk', r.line, 'refused', `a second count at time ${fmt(r.time)}; line left out`);
    } else if (prev && r.atRisk > prev.atRisk) {
      say(
        'atRisk',
        r.line,
        'refused',
        `${r.atRisk} at risk at ${fmt(r.time)} is more than ${prev.atRisk} at ${fmt(prev.time)} (counts cannot rise); line left out`,
      );
    } else if (r.time > lastTime && kept.length > 0) {
      say(
        'atRisk',
        r.line,
        'refused',
        `time ${fmt(r.time)} is after the curve's last point (${fmt(lastTime)}); line left out`,
      );
    } else if (prev && r.atRisk === 0 && prev.atRisk === 0) {
      say('atRisk', r.line, 'refused', `nobody is at risk any more; line left out`);
    } else {
      kept.push(r);
    }
  }
  // Each at-risk interval needs a digitised point in it (the algorithm matches the curve there).
  const usable: typeof kept = [];
  kept.forEach((r, i) => {
    const next = kept[i + 1]?.time ?? Infinity;
    if (i > 0 && !time.some((t) => t >= r.time && t < next)) {
      say(
        'atRisk',
        r.line,
        'refused',
        `no digitised point between ${fmt(r.time)} and ${next === Infinity ? 'the end' : fmt(next)}; line left out`,
      );
      return;
    }
    usable.push(r);
  });
  if (usable.length === 0 || usable[0]!.time !== 0) {
    say('atRisk', 0, 'fatal', 'needs the number at risk at time 0 (the number of patients)');
    fatal = true;
  } else if (usable[0]!.atRisk < 1) {
    say('atRisk', usable[0]!.line, 'fatal', 'needs at least one patient at time 0');
    fatal = true;
  }

  // --- Total events.
  let totalEvents: number | null = null;
  const te = input.totalEvents;
  if (te !== undefined && te !== null) {
    const n0 = usable[0]?.atRisk ?? Infinity;
    if (!(Number.isInteger(te) && te >= 0 && te <= n0)) {
      say(
        'totalEvents',
        0,
        'refused',
        `total events must be a whole number from 0 to the ${n0} patients, got ${te}; not used`,
      );
    } else {
      totalEvents = te;
    }
  }
  return {
    time,
    survival,
    riskTime: usable.map((r) => r.time),
    riskCount: usable.map((r) => r.atRisk),
    totalEvents,
    messages,
    fatal,
  };
}
