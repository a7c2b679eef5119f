import { Float64Scratch } from './scratch';
import { powerOfTwoScale, toValidRr } from './series';
import { smoothnessPriorsDetrendInPlace } from './smoothness-priors';

/**
 * DFA-a1 variants:
 * - 'kubios': every box size n = 4..16, non-overlapping boxes from the start (remainder dropped), natural logs
 *   (Peng et al. 1995; Kubios HRV's short-term α1).
 * - 'fatmaxxer': what the FatMaxxer app displays (its "v2"): smoothness-priors detrend λ = 500 first, then its
 *   box scheme (below).
 * - 'fatmaxxer-v1': FatMaxxer's box scheme on the raw series (its built-in self-test and Altini's Python).
 */
export type DfaMethod = 'kubios' | 'fatmaxxer' | 'fatmaxxer-v1';

export interface DfaOptions {
  /** Defaults to 'kubios'. */
  readonly method?: DfaMethod;
}

/** Box sizes n = 4..16. */
const KUBIOS_SCALES = Array.from({ length: 13 }, (_, i) => i + 4);
/**
 * FatMaxxer's hard-coded scales: floor(logspace(log10 4, log10 16, 30)) as its Java computes it, repeats kept
 * (each repeat weighs its (n, F) pair again in the fit).
 */
const FATMAXXER_SCALES = [
  3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 9, 9, 9, 10, 10, 11, 12, 12, 13, 13, 14, 15, 15,
];
const FATMAXXER_LAMBDA = 500;
/** F(n) below this fraction of the RMS deviation of the series is rounding noise, not fluctuation. */
const F_NOISE_RATIO = 1e-9;

/**
 * Minimum valid beats per method: one box of the largest size (16 for Kubios, 15 for FatMaxxer). These are
 * algorithmic minima; α1 is only stable on about 2 minutes of beats (Gronwald et al. 2020 use 2-minute windows).
 */
export const DFA_MIN_BEATS: Readonly<Record<DfaMethod, number>> = {
  kubios: 16,
  fatmaxxer: 15,
  'fatmaxxer-v1': 15,
};

const KUBIOS_LOG_N = Float64Array.from(KUBIOS_SCALES, (n) => Math.log(n));
const FATMAXXER_LOG2_N = Float64Array.from(FATMAXXER_SCALES, (n) => Math.log2(n));
const logF = new Float64Array(Math.max(KUBIOS_SCALES.length, FATMAXXER_SCALES.length));
const profileScratch = new Float64Scratch();
const detrendScratch = new Float64Scratch();

/**
 * Short-term scaling exponent α1 of detrended fluctuation analysis (Peng et al. 1995, Chaos 5:82) of an RR
 * series in ms. Profile y_k = Σ_{j≤k} (RR_j − mean); in each box a least-squares line is removed; F(n) is the
 * root mean square of the residuals at box size n; α1 is the least-squares slope of log F(n) against log n.
 * - 'kubios' (default): F(n)² = mean of all squared residuals of the ⌊N/n⌋ boxes from the start, n = 4..16.
 * - 'fatmaxxer-v1': for each of FatMaxxer's 30 scales, ⌊N/n⌋ boxes forward from the start and as many backward
 *   from the end; F(n) = √(mean over the 2⌊N/n⌋ boxes of the box's mean squared residual); fitted in log2.
 * - 'fatmaxxer': the same after smoothness-priors detrending of the RR window (λ = 500, Tarvainen 2002), as the
 *   FatMaxxer app (IanPeake/FatMaxxer, after Altini's Python) computes its displayed α1.
 * Unchanged by scaling or offsetting the series. Returns undefined below {@link DFA_MIN_BEATS} valid beats or
 * when some F(n) is 0, or below 1e−9 of the series' RMS deviation, i.e. rounding noise (a constant series, or
 * one whose profile is exactly linear in every box, has no fluctuation to scale). Invalid RR values are dropped first.
 */
export function dfaAlpha1(rrMs: readonly number[], options: DfaOptions = {}): number | undefined {
  const rr = toValidRr(rrMs);
  return dfaAlpha1Of(rr, rr.length, options.method ?? 'kubios');
}

/** {@link dfaAlpha1} on `rrMs[0..n)`, which must hold only valid RR values. */
export function dfaAlpha1Of(rrMs: Float64Array, n: number, method: DfaMethod): number | undefined {
  if (n < DFA_MIN_BEATS[method]) return undefined;
  let source = rrMs;
  if (method === 'fatmaxxer') {
    source = detrendScratch.get(n);
    for (let i = 0; i < n; i++) source[i] = rrMs[i] ?? 0;
    smoothnessPriorsDetrendInPlace(source, n, FATMAXXER_LAMBDA);
  }
  const profile = profileScratch.get(n);
  const deviation = buildProfile(source, n, profile);
  // F(n) at rounding-noise level means the profile is piecewise exactly linear (e.g. a constant rhythm with one
  // odd beat at an end): log F would fit noise, so such series have no α1.
  const minF = deviation * F_NOISE_RATIO;
  const alpha = method === 'kubios' ? kubiosAlpha(profile, n, minF) : fatmaxxerAlpha(profile, n, minF);
  return alpha !== undefined && Number.isFinite(alpha) ? alpha : undefined;
}

/**
 * Writes the profile y_k = Σ_{j≤k} (x_j − mean) into `y`, in units of a power of two near
 * max |x| so nothing overflows, and returns the RMS of x − mean in the same units.
 */
function buildProfile(values: Float64Array, n: number, y: Float64Array): number {
  const scale = powerOfTwoScale(values, n);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (values[i] ?? 0) / scale;
  mean /= n;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] ?? 0) / scale - mean;
    sum += d;
    squares += d * d;
    y[i] = sum;
  }
  return Math.sqrt(squares / n);
}

/** Σ of squared residuals of y[start..start+size) about its least-squares line over x = 0..size−1. */
function boxResidualSquares(y: Float64Array, start: number, size: number): number {
  const xMean = (size - 1) / 2;
  let sumY = 0;
  let sumXY = 0;
  for (let j = 0; j < size; j++) {
    const v = y[start + j] ?? 0;
    sumY += v;
    sumXY += (j - xMean) * v;
  }
  const yMean = sumY / size;
  const slope = sumXY / ((size * (size * size - 1)) / 12);
  let squares = 0;
  for (let j = 0; j < size; j++) {
    const r = (y[start + j] ?? 0) - yMean - slope * (j - xMean);
    squares += r * r;
  }
  return squares;
}

function kubiosAlpha(profile: Float64Array, n: number, minF: number): number | undefined {
  for (let s = 0; s < KUBIOS_SCALES.length; s++) {
    const size = KUBIOS_SCALES[s] ?? 1;
    const boxes = Math.floor(n / size);
    let squares = 0;
    for (let b = 0; b < boxes; b++) squares += boxResidualSquares(profile, b * size, size);
    const f = Math.sqrt(squares / (boxes * size));
    if (!(f > minF)) return undefined;
    logF[s] = Math.log(f);
  }
  return leastSquaresSlope(KUBIOS_LOG_N, logF, KUBIOS_SCALES.length);
}

function fatmaxxerAlpha(profile: Float64Array, n: number, minF: number): number | undefined {
  for (let s = 0; s < FATMAXXER_SCALES.length; s++) {
    const size = FATMAXXER_SCALES[s] ?? 1;
    const boxes = Math.floor(n / size);
    const tail = n - boxes * size;
    let meanSquares = 0;
    for (let b = 0; b < boxes; b++) {
      const forward = Math.sqrt(boxResidualSquares(profile, b * size, size) / size);
      const backward = Math.sqrt(boxResidualSquares(profile, tail + b * size, size) / size);
      meanSquares += forward * forward + backward * backward;
    }
    const f = Math.sqrt(meanSquares / (2 * boxes));
    if (!(f > minF)) return undefined;
    logF[s] = Math.log2(f);
  }
  return leastSquaresSlope(FATMAXXER_LOG2_N, logF, FATMAXXER_SCALES.length);
}

/** Least-squares slope of y against x over the first `count` pairs. */
function leastSquaresSlope(x: Float64Array, y: Float64Array, count: number): number {
  let xMean = 0;
  let yMean = 0;
  for (let i = 0; i < count; i++) {
    xMean += x[i] ?? 0;
    yMean += y[i] ?? 0;
  }
  xMean /= count;
  yMean /= count;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < count; i++) {
    const dx = (x[i] ?? 0) - xMean;
    sxy += dx * ((y[i] ?? 0) - yMean);
    sxx += dx * dx;
  }
  return sxy / sxx;
}
