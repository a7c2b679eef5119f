import { realPowerSpectrum } from './fft';
import { Float64Scratch } from './scratch';
import { toValidRr } from './series';
import { sumOfSquares, symmetricHann } from './windows';

/** Heart-rhythm coherence over the last 64 s (powers in ms², frequency in Hz). */
export interface Coherence {
  /** Frequency of the largest spectral bin in 0.04–0.26 Hz. */
  readonly peakHz: number;
  /** Power within ±0.015 Hz of the peak. */
  readonly peakPowerMs2: number;
  /** Power over 0.0033–0.4 Hz. */
  readonly totalPowerMs2: number;
  /** Coherence ratio: peak / (total − peak). Above 1 the rhythm is dominated by one slow oscillation. */
  readonly ratio: number;
}

/** Length of the analysed window, seconds. */
export const COHERENCE_WINDOW_S = 64;
/**
 * Minimum time the RR intervals must cover, seconds. A live clock that evaluates at 64 s of session time (as the
 * reference vectors do) has beats covering up to one interval less than 64 s; the few samples of the window
 * that precede the first interval are held at its value. 60 s bounds that hold to 4 s (8 of 128 samples).
 */
export const COHERENCE_MIN_SPAN_S = 60;

const SAMPLE_HZ = 2;
const SAMPLES = COHERENCE_WINDOW_S * SAMPLE_HZ;
const NFFT = 1024;
const BINS = NFFT / 2 + 1;
const BIN_HZ = SAMPLE_HZ / NFFT;
const PEAK_LOW_HZ = 0.04;
const PEAK_HIGH_HZ = 0.26;
const PEAK_HALF_WIDTH_HZ = 0.015;
const TOTAL_LOW_HZ = 0.0033;
const TOTAL_HIGH_HZ = 0.4;
/** Highest bin any band reaches (0.4 Hz, and the peak window ends by 0.275 Hz): the spectrum stops there. */
const LAST_BIN = Math.min(BINS - 1, Math.ceil(TOTAL_HIGH_HZ / BIN_HZ) + 1);

const timeScratch = new Float64Scratch();
const samples = new Float64Array(SAMPLES);
const spectrum = new Float64Array(BINS);

/**
 * Coherence of the last 64 s of an RR series (ms), our open definition after HeartMath's published description
 * (McCraty et al. 2009, "The coherent heart"; HeartMath's exact score is unpublished):
 * each RR_i is placed at the end of its interval (t_i = Σ_{j≤i} RR_j / 1000 s) and linearly interpolated (held
 * constant outside the beats) at 2 Hz over [t_end − 64 s, t_end − 0.5 s] (128 samples, t_end = last beat); the mean
 * is removed; a symmetric Hann window; a one-sided density periodogram zero-padded to 1024 points
 * (df = 1/512 Hz); peak = largest bin in 0.04–0.26 Hz; peak power = df · Σ bins within ±0.015 Hz of it;
 * total = df · Σ bins in 0.0033–0.4 Hz; ratio = peak / (total − peak).
 * Returns undefined when the intervals cover less than {@link COHERENCE_MIN_SPAN_S} or total − peak is not
 * positive (no variability outside the peak, e.g. a constant series). Invalid RR values are dropped.
 */
export function coherence(rrMs: readonly number[]): Coherence | undefined {
  const rr = toValidRr(rrMs);
  return coherenceOf(rr, rr.length);
}

/** {@link coherence} on `rrMs[0..n)`, which must hold only valid RR values. */
export function coherenceOf(rrMs: Float64Array, n: number): Coherence | undefined {
  if (n < 1) return undefined;
  // Beat times relative to the last beat (τ_{N−1} = 0), accumulated backwards so only the beats that reach
  // into the window are visited, however long the series.
  const windowStartS = -COHERENCE_WINDOW_S;
  const times = timeScratch.get(n);
  let first = n - 1;
  let tau = 0;
  times[first] = 0;
  while (first > 0 && tau > windowStartS) {
    tau -= (rrMs[first] ?? 0) / 1000;
    first--;
    times[first] = tau;
  }
  // Start of the first interval when every beat was visited: the time the intervals cover.
  const coveredFromS = first === 0 ? tau - (rrMs[0] ?? 0) / 1000 : Number.NEGATIVE_INFINITY;
  if (!(coveredFromS <= -COHERENCE_MIN_SPAN_S)) return undefined;

  let j = first;
  let mean = 0;
  for (let k = 0; k < SAMPLES; k++) {
    const s = windowStartS + k / SAMPLE_HZ;
    while (j < n - 1 && (times[j + 1] ?? 0) <= s) j++;
    const tLeft = times[j] ?? 0;
    let value: number;
    if (s <= tLeft || j === n - 1) value = rrMs[j] ?? 0;
    else {
      const tRight = times[j + 1] ?? 0;
      const left = rrMs[j] ?? 0;
      value = left + ((s - tLeft) * ((rrMs[j + 1] ?? 0) - left)) / (tRight - tLeft);
    }
    samples[k] = value;
    mean += value;
  }
  mean /= SAMPLES;
  const window = symmetricHann(SAMPLES);
  for (let k = 0; k < SAMPLES; k++) samples[k] = ((samples[k] ?? 0) - mean) * (window[k] ?? 0);
  realPowerSpectrum(samples, SAMPLES, NFFT, spectrum, LAST_BIN);
  const scale = 1 / (SAMPLE_HZ * sumOfSquares(window));

  const density = (k: number): number => (spectrum[k] ?? 0) * scale * (k === 0 || k === BINS - 1 ? 1 : 2);
  let peakBin = -1;
  let peakDensity = -1;
  for (let k = 0; k <= LAST_BIN; k++) {
    const f = k * BIN_HZ;
    if (f < PEAK_LOW_HZ || f > PEAK_HIGH_HZ) continue;
    const p = density(k);
    if (p > peakDensity) {
      peakDensity = p;
      peakBin = k;
    }
  }
  const peakHz = peakBin * BIN_HZ;
  let peakPower = 0;
  let totalPower = 0;
  for (let k = 0; k <= LAST_BIN; k++) {
    const f = k * BIN_HZ;
    const inTotal = f >= TOTAL_LOW_HZ && f <= TOTAL_HIGH_HZ;
    const inPeak = Math.abs(f - peakHz) <= PEAK_HALF_WIDTH_HZ;
    if (!inTotal && !inPeak) continue;
    const p = density(k) * BIN_HZ;
    if (inTotal) totalPower += p;
    if (inPeak) peakPower += p;
  }
  const rest = totalPower - peakPower;
  if (!(rest > 0)) return undefined;
  const ratio = peakPower / rest;
  if (!Number.isFinite(ratio) || !Number.isFinite(totalPower)) return undefined;
  return { peakHz, peakPowerMs2: peakPower, totalPowerMs2: totalPower, ratio };
}
