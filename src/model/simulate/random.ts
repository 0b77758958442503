/**
 * Seeded random streams and a deterministic logarithm.
 *
 * ## Why alea
 * Every draw comes from seedrandom's `alea` (Johannes Baagøe's multiply-with-carry generator).
 * Measured on Node 20 (one core, 2·10⁷ draws, median of 5): default ARC4 27 ns/draw (13 ns with
 * `.quick`), xor4096 8.5 ns, alea 8.0 ns through seedrandom and 6.3 ns when its recurrence is
 * inlined in a hot loop. Alea also has the smallest state (three doubles and a carry), so a hot
 * loop can hold it in local variables (`microsim.ts` does), and its recurrence is exact in IEEE
 * doubles (a 21-bit multiplier times a 32-bit fraction plus a 32-bit fraction fits in 53 bits),
 * so every JS engine produces the same numbers. Its resolution is 2⁻³²: an exponential waiting
 * time is then truncated at 22 mean lifetimes (probability e⁻²² ≈ 2·10⁻¹⁰), which is harmless
 * here.
 *
 * ## Stream derivation (how a scenario seed becomes independent streams)
 * `createStream(seed, ...path)` seeds alea with the string `JSON.stringify([seed, ...path])`. The
 * JSON encoding is unambiguous (`'7'` and `7`, or `['a,b']` and `['a', 'b']`, differ), so
 * different paths give unrelated streams, and the same path always gives the same stream. The
 * paths the model uses:
 * - `['cohort']` (or `['cohort', arm]`): the microsimulation. Its key gives every patient its
 *   own numbers (patient clocks, below), so a cohort of n + 1 patients starts with the same n
 *   patients as a cohort of n: growing the cohort never reshuffles the patients already shown.
 * - `['censoring', ...cohortPath]`: accrual and loss to follow-up. A separate stream, with a
 *   fixed two draws per patient, so switching censoring on, or changing the design, leaves every
 *   trajectory (and every other patient's entry time) unchanged.
 * - `['replicate', r]`: replicate trial r (with `['censoring', 'replicate', r]`); adding
 *   replicates never changes the first ones.
 * - Arms: arm B has its own stream (`['cohort', 'B']`), or, for common random numbers, uses arm
 *   A's stream.
 *
 * ## Patient clocks (sampler version 2: one random number per patient, transition, occurrence)
 * The version-1 sampler (`microsimV1.ts`, frozen for old links) reads the cohort stream
 * sequentially, so a patient who uses one more draw shifts every later patient's numbers: moving
 * one slider reshuffles the whole cohort, and two arms under common random numbers stay paired
 * only until their first patient's draws diverge. The current sampler instead gives every
 * (patient, transition a → b, occurrence k = how many times the patient entered a before) its own
 * 32-bit hash `clockHash(key, patientHash(key, p), a, b, k)`, a pure function of those numbers,
 * read as a uniform (`hashUniform`) or a unit exponential (`hashExponential`): no draw depends
 * on any other draw, so changing anything about one patient or one transition cannot move
 * another's numbers.
 *
 * The key is the three 32-bit words of alea's initial state for `seed` / `path` (`streamKeyWords`;
 * so the scenario seed still reaches the numbers through seedrandom). The hash is MurmurHash3
 * (Austin Appleby, public domain; the 32-bit `x86_32` variant: its block mix and its finaliser
 * `fmix32`) of the words [patient, (a·256 + b) ⊕ key₁, k ⊕ key₂] seeded with key₀, mapped to
 * (h + ½)·2⁻³²: in (0, 1), never 0 or 1, resolution 2⁻³² as alea's. Murmur3's block step is a
 * bijection of the state for each word, so two patients of one stream never share a state, and
 * its finaliser makes every output bit depend on every input bit (full avalanche); the tests
 * check uniformity and the absence of correlation across patients, transitions and occurrences.
 * Only `Math.imul`, shifts, xor and exact double arithmetic are used, so every engine gives the
 * same numbers bit for bit, like alea.
 *
 * ## Why a home-made logarithm
 * ECMAScript lets `Math.log` be "implementation-approximated": engines have differed by an ulp.
 * An exponential waiting time `−log(u)/rate` that differs by an ulp can reorder two events and
 * change a shared scenario in another browser. `detLog` is a port of fdlibm's `__ieee754_log`
 * using only + − × ÷ (which IEEE 754 rounds identically everywhere; JS never contracts to FMA)
 * and bit manipulation, so it is bit-identical in every engine. It is within 1 ulp of the true
 * value (fdlibm's claim), and was checked against `Math.log` in the tests.
 */

import seedrandom from 'seedrandom';

/** A seeded source of uniform numbers. */
export interface RandomStream {
  /** Uniform on the open interval (0, 1): never 0 (so `−log(u)` is finite), never 1. */
  next(): number;
}

/** Alea's internal state: three fractions in [0, 1) that are multiples of 2⁻³², and a carry. */
export interface AleaState {
  s0: number;
  s1: number;
  s2: number;
  c: number;
}

/** 2⁻³²: alea's carry scale. */
const TWO_POW_M32 = 2.3283064365386963e-10;

/** The string alea is seeded with for a seed and a path (unambiguous: JSON of the array). */
export function streamKey(seed: string, path: readonly (string | number)[]): string {
  if (typeof seed !== 'string') throw new Error(`"seed" must be a string, got ${typeof seed}.`);
  for (const p of path) {
    if (typeof p !== 'string' && !(typeof p === 'number' && Number.isFinite(p))) {
      throw new Error(`Stream path elements must be strings or finite numbers, got ${String(p)}.`);
    }
  }
  return JSON.stringify([seed, ...path]);
}

/**
 * The initial alea state of the stream for `seed` and `path` (for hot loops that inline the
 * generator; see `aleaNext` for the recurrence they must reproduce).
 */
export function aleaState(seed: string, path: readonly (string | number)[]): AleaState {
  const st = seedrandom.alea(streamKey(seed, path), { state: true }).state();
  return { s0: st.s0, s1: st.s1, s2: st.s2, c: st.c };
}

/**
 * Advances `st` by one alea step and returns the new output in [0, 1) (may be 0; callers that
 * need (0, 1) redraw, as `createStream` does). Identical to seedrandom's `alea()`.
 */
export function aleaNext(st: AleaState): number {
  const t = 2091639 * st.s0 + st.c * TWO_POW_M32;
  st.s0 = st.s1;
  st.s1 = st.s2;
  st.c = t | 0;
  return (st.s2 = t - st.c);
}

/**
 * A seeded stream of uniforms in (0, 1) for the scenario `seed` and a `path`, e.g.
 * `createStream(seed, 'cohort', 'A')`, `createStream(seed, 'replicate', 7)`. Same arguments, same
 * numbers, in every JS engine. Exact zeros of alea (probability 2⁻³² per draw) are skipped.
 */
export function createStream(seed: string, ...path: (string | number)[]): RandomStream {
  const st = aleaState(seed, path);
  return {
    next(): number {
      let u: number;
      do u = aleaNext(st);
      while (u === 0);
      return u;
    },
  };
}

/** The three 32-bit key words of the patient clocks of `seed` / `path` (see the header). */
export function streamKeyWords(
  seed: string,
  path: readonly (string | number)[],
): [number, number, number] {
  const st = aleaState(seed, path);
  // Alea's state words are multiples of 2⁻³² in [0, 1): scaling by 2³² gives the integer exactly.
  return [(st.s0 * 4294967296) | 0, (st.s1 * 4294967296) | 0, (st.s2 * 4294967296) | 0];
}

/** MurmurHash3 x86_32 block step: mixes one 32-bit word `w` into the state `h`. */
function murmurBlock(h: number, w: number): number {
  w = Math.imul(w, 0xcc9e2d51);
  w = (w << 15) | (w >>> 17);
  w = Math.imul(w, 0x1b873593);
  h ^= w;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * The hash state of patient `p` (0-based, < 2³²) under the key words `key` (`streamKeyWords`): a
 * bijection of p for a fixed key, so patients never share their numbers.
 */
export function patientHash(key: readonly [number, number, number], p: number): number {
  return murmurBlock(key[0], p | 0);
}

// --- Deterministic natural logarithm (fdlibm e_log.c, version 1.3 95/01/18, Sun Microsystems) ---

// Constants are written in their shortest round-trip form; the hex comments are fdlibm's bits
// (the tests check them through exact results).

// One shared 8-byte scratch buffer viewed as a double and as two 32-bit words. Which word is
// the high one depends on the platform's byte order, detected once.
const scratch = new ArrayBuffer(8);
const f64 = new Float64Array(scratch);
const i32 = new Int32Array(scratch);
const u32 = new Uint32Array(scratch);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

const ln2_hi = 0.6931471803691238; /* 3fe62e42 fee00000 */
const ln2_lo = 1.9082149292705877e-10; /* 3dea39ef 35793c76 */
const two54 = 18014398509481984; /* 43500000 00000000 */
const Lg1 = 0.6666666666666735; /* 3FE55555 55555593 */
const Lg2 = 0.3999999999940942; /* 3FD99999 9997FA04 */
const Lg3 = 0.2857142874366239; /* 3FD24924 94229359 */
const Lg4 = 0.22222198432149784; /* 3FCC71C5 1D8E78AF */
const Lg5 = 0.1818357216161805; /* 3FC74664 96CB03DE */
const Lg6 = 0.15313837699209373; /* 3FC39A09 D078C69F */
const Lg7 = 0.14798198605116586; /* 3FC2F112 DF3E5244 */

/**
 * Natural logarithm, bit-identical in every JS engine (port of fdlibm's `__ieee754_log`; error
 * < 1 ulp). `detLog(0) = −Infinity`, `detLog(x < 0) = NaN`, `detLog(Infinity) = Infinity`.
 *
 * Method (from fdlibm): reduce x = 2^k·(1+f) with √2/2 < 1+f < √2, then
 * log(1+f) = f − s·(f − R) with s = f/(2+f) and R a minimax polynomial in s², and
 * log(x) = k·ln2_hi + (log(1+f) + k·ln2_lo).
 */
export function detLog(x: number): number {
  f64[0] = x;
  let hx = i32[HI]!;
  const lx = u32[LO]!;
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative, or subnormal.
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity; // log(±0) = −inf
    if (hx < 0) return NaN; // log(negative) = NaN
    k -= 54;
    x *= two54; // subnormal: scale up into the normal range
    f64[0] = x;
    hx = i32[HI]!;
  }
  if (hx >= 0x7ff00000) return x + x; // Infinity or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  // Normalise x or x/2 into [√2/2, √2): set the exponent bits, keep the low word.
  f64[0] = x;
  i32[HI] = hx | (i0 ^ 0x3ff00000);
  x = f64[0]!;
  k += i0 >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    // -2^-20 <= f < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      return k * ln2_hi + k * ln2_lo;
    }
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    if (k === 0) return f - R;
    return k * ln2_hi - (R - k * ln2_lo - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  let i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * ln2_hi - (hfsq - (s * (hfsq + R) + dk * ln2_lo) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * ln2_hi - (s * (f - R) - dk * ln2_lo - f);
}

/**
 * One exponential waiting time with the given `rate` (per unit of time the caller uses; the
 * result is in the reciprocal unit, e.g. rate per month → months). `rate` 0 gives Infinity.
 */
export function exponential(stream: RandomStream, rate: number): number {
  return -detLog(stream.next()) / rate;
}

/**
 * The 32-bit hash (an integer in [0, 2³²)) of the clock of transition `from` → `to` (state codes
 * < 256) at its `occurrence` (0 for the first stay in `from`, 1 for the second, ...), for the
 * patient whose `patientHash` is `ph`. Its uniform is `hashUniform`, its unit exponential
 * `hashExponential`. The inner loop of `microsim.ts` inlines this function; the tests check that
 * the two agree.
 */
export function clockHash(
  key: readonly [number, number, number],
  ph: number,
  from: number,
  to: number,
  occurrence: number,
): number {
  let h = murmurBlock(ph, ((from << 8) | to) ^ key[1]);
  h = murmurBlock(h, occurrence ^ key[2]);
  // Finalisation as Murmur3: xor the length in bytes (3 words), then fmix32.
  h ^= 12;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The uniform (h + ½)·2⁻³² of a 32-bit hash h: in (0, 1), never 0 or 1. */
export function hashUniform(h: number): number {
  return ((h >>> 0) + 0.5) * TWO_POW_M32;
}

// Tables of `hashExponential`: c_i = 1 + (i + ½)/128 (exact), log c_i (by detLog, so the same in
// every engine) and 1/c_i (one correctly rounded division), and the powers 2⁻ᵏ (exact).
const LOG_C = new Float64Array(128);
const INV_C = new Float64Array(128);
for (let i = 0; i < 128; i++) {
  const c = 1 + (i + 0.5) / 128;
  LOG_C[i] = detLog(c);
  INV_C[i] = 1 / c;
}
const POW2_NEG = new Float64Array(32);
for (let k = 0; k < 32; k++) POW2_NEG[k] = 2 ** -k;
const LN2 = 0.6931471805599453;

/**
 * The unit exponential −log(`hashUniform(h)`) of a 32-bit hash h, by a table: with x = h + ½ =
 * 2ᵏ·m (k from `Math.clz32`, m in [1, 2)) and c the centre of m's 1/128 bin,
 * −log(x·2⁻³²) = (32 − k)·ln 2 − log c − log1p(r), r = (m − c)/c, |r| < 2⁻⁸, log1p(r) by its
 * Taylor series to r⁷ (truncation < r⁸/8 < 2⁻⁶⁷). It is within 2⁻⁵¹·max(1, E) of `detLog`'s
 * value (tests; about one ulp), far below the spacing of the attainable values (the uniform's
 * 2⁻³² steps move −log u by at least 2.3·10⁻¹⁰), so the law is the exponential's up to that
 * resolution. It is
 * about 8 times faster than `detLog` and, using only + − × ÷ on exact table entries and integer
 * operations, the same in every engine.
 */
export function hashExponential(h: number): number {
  h = h >>> 0;
  if (h === 0) return 33 * LN2; // x = ½: −log 2⁻³³
  const k = 31 - Math.clz32(h);
  const m = (h + 0.5) * POW2_NEG[k]!; // exact: a power-of-two scaling
  const i = ((m - 1) * 128) | 0;
  const r = (m - (1 + (i + 0.5) / 128)) * INV_C[i]!;
  const log1p =
    r -
    r *
      r *
      (0.5 -
        r *
          (0.3333333333333333 -
            r * (0.25 - r * (0.2 - r * (0.16666666666666666 - r * 0.14285714285714285)))));
  return (32 - k) * LN2 - LOG_C[i]! - log1p;
}
