/**
 * The distribution functions the model needs, in one place: the standard normal quantile and
 * the chi-square upper tail (with the log-gamma function it rests on). Hand-written because no
 * well-kept npm library offers them without pulling in a large dependency; each is a published
 * algorithm, cited where it is defined, and tested against R's values in
 * tests/model/numeric/distributions.test.ts.
 */

/** The standard normal 97.5% quantile, Φ⁻¹(0.975), to double precision (R: qnorm(0.975)). */
export const Z_975 = 1.959963984540054;

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

/**
 * Upper tail of the chi-square distribution, P(χ²_df ≥ x) = Q(df/2, x/2), the regularised upper
 * incomplete gamma function (series for x < a + 1, Lentz continued fraction otherwise; Press et
 * al., Numerical Recipes, 3rd ed., §6.2). Relative accuracy about 1e-14.
 *
 * @param x The statistic, ≥ 0 (deviance units).
 * @param df Degrees of freedom, > 0.
 * @returns A probability in [0, 1].
 */
export function chiSquareSf(x: number, df: number): number {
  if (!(df > 0)) throw new Error(`chiSquareSf: df must be > 0, got ${df}.`);
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  const a = df / 2;
  const z = x / 2;
  const lnPre = a * Math.log(z) - z - logGamma(a);
  if (z < a + 1) {
    // P(a, z) = e^(−z) z^a / Γ(a) · Σ z^k / (a (a+1) … (a+k)).
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k < 1000; k++) {
      term *= z / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.min(1, Math.max(0, 1 - sum * Math.exp(lnPre)));
  }
  // Q(a, z) = e^(−z) z^a / Γ(a) · 1/(z + 1 − a − 1·(1−a)/(z + 3 − a − …)), modified Lentz.
  const tiny = 1e-300;
  let b = z + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.min(1, Math.max(0, Math.exp(lnPre) * h));
}

/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error < 1e-15). */
function logGamma(x: number): number {
  const g = 7;
  const c = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531,
    -176.6150291621406, 12.507343278686905, -0.13857109526572012, 9.984369578019572e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let s = c[0]!;
  for (let i = 1; i < g + 2; i++) s += c[i]! / (xx + i);
  const t = xx + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(s);
}

/**
 * Standard normal upper tail 1 − Φ(z), as R's `pnorm(z, lower.tail = FALSE)`. For z ≥ 0 it is
 * P(χ²₁ ≥ z²)/2, so the tail is computed directly (never as 1 − something) and keeps its relative
 * accuracy far out (Wald p-values).
 */
export function normalSurvival(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const half = 0.5 * chiSquareSf(z * z, 1);
  return z >= 0 ? half : 1 - half;
}

/** Standard normal CDF Φ(z), as R's `pnorm(z)`. */
export function normalCdf(z: number): number {
  return normalSurvival(-z);
}
