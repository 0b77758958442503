/**
 * Wilson score interval for a binomial proportion k/n (Wilson 1927, JASA 22:209–212).
 *
 * It is the interval the reference file and the fit table quote for every published k/n, and the
 * one R gives with `prop.test(k, n, correct = FALSE)$conf.int` or
 * `binom::binom.confint(k, n, method = "wilson")`. Unlike the Wald interval it never leaves [0, 1]
 * and stays sensible for k = 0, k = n and the small denominators (6, 12, 13, 16) in the studies.
 */

/** The standard normal 97.5% quantile, Φ⁻¹(0.975), to double precision. */
export const Z_975 = 1.959963984540054;

/** A two-sided confidence interval for a proportion, both ends as fractions in [0, 1]. */
export interface ProportionInterval {
  /** Lower end, a fraction in [0, 1] (0 exactly when k = 0). */
  lower: number;
  /** Upper end, a fraction in [0, 1] (1 exactly when k = n). */
  upper: number;
}

/**
 * Wilson score interval for k successes out of n.
 *
 * With p̂ = k/n and z = Φ⁻¹((1 + level)/2), the interval is the set of p with
 * |p̂ − p| ≤ z·√(p(1−p)/n), i.e. (Wilson 1927; Newcombe 1998, Stat Med 17:857, method 3)
 *
 *     centre = (p̂ + z²/(2n)) / (1 + z²/n)
 *     half   = z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/(4n²))
 *
 * @param k Number of successes (an integer, 0 ≤ k ≤ n).
 * @param n Number of trials (an integer > 0).
 * @param level Two-sided confidence level, strictly between 0 and 1. @default 0.95
 * @returns `{ lower, upper }` as fractions (not percent).
 * @throws Error naming the offending field (`k`, `n` or `level`) when an argument is invalid.
 */
export function wilsonInterval(k: number, n: number, level = 0.95): ProportionInterval {
  if (!Number.isInteger(n) || n <= 0) {
    throw new Error(`wilsonInterval: n must be an integer > 0, got ${n}.`);
  }
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new Error(`wilsonInterval: k must be an integer with 0 ≤ k ≤ n (n = ${n}), got ${k}.`);
  }
  if (!Number.isFinite(level) || level <= 0 || level >= 1) {
    throw new Error(`wilsonInterval: level must be strictly between 0 and 1, got ${level}.`);
  }
  // The default level uses the exact constant so that 95% intervals do not depend on the
  // accuracy of the quantile approximation.
  const z = level === 0.95 ? Z_975 : normalQuantile(0.5 + level / 2);
  const p = k / n;
  const z2n = (z * z) / n;
  const denom = 1 + z2n;
  const centre = (p + z2n / 2) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // At k = 0 (k = n) the end is exactly 0 (1) in exact arithmetic; rounding would leave ±1e-17.
  const lower = k === 0 ? 0 : Math.max(0, centre - half);
  const upper = k === n ? 1 : Math.min(1, centre + half);
  return { lower, upper };
}

/**
 * Standard normal quantile Φ⁻¹(p), Wichura's algorithm AS 241 (PPND16; Appl Stat 1988,
 * 37:477–484), relative accuracy about 1e-16 over (0, 1).
 *
 * @param p A probability strictly between 0 and 1.
 * @returns z with Φ(z) = p.
 * @throws Error when p is not in (0, 1).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile: p must be in (0, 1), got ${p}.`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r +
          45921.95393154987) *
          r +
          13731.69376550946) *
          r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((r * 5226.495278852854 + 28729.085735721943) * r + 39307.89580009271) * r +
        21213.794301586597) *
        r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z =
      (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r +
        1.2704582524523684) *
        r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r +
        0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    z =
      (((((((r * 2.0103343992922881e-7 + 2.7115555687434876e-5) * r + 0.0012426609473880784) * r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 1.8463183175100548e-5) * r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  return q < 0 ? -z : z;
}
