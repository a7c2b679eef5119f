import { sampleNotAKnotSpline } from './cubic-spline';
import { realPowerSpectrum } from './fft';
import { Float64Scratch } from './scratch';
import { toValidRr } from './series';
import { smoothnessPriorsDetrendInPlace } from './smoothness-priors';
import { periodicHann, sumOfSquares } from './windows';

/** Frequency-domain HRV (Task Force 1996 bands), powers in ms², frequencies in Hz, normalised units in %. */
export interface FrequencyDomain {
  /** Very low frequency power, 0 ≤ f < 0.04 Hz. */
  readonly vlfMs2: number;
  /** Low frequency power, 0.04 ≤ f < 0.15 Hz. */
  readonly lfMs2: number;
  /** High frequency power, 0.15 ≤ f < 0.4 Hz. */
  readonly hfMs2: number;
  /** LF / HF. */
  readonly lfHfRatio: number;
  /** 100 · LF / (LF + HF). */
  readonly lfNu: number;
  /** 100 · HF / (LF + HF). */
  readonly hfNu: number;
  /** Frequency of the largest spectral bin in the LF band. */
  readonly lfPeakHz: number;
  /** Frequency of the largest spectral bin in the HF band. */
  readonly hfPeakHz: number;
}

/** Resampling rate of the tachogram, Hz (Kubios default). */
const RESAMPLE_HZ = 4;
/** Smoothness-priors λ for a 4 Hz tachogram: a ≈0.035 Hz high-pass, below the LF band (Tarvainen 2002). */
const DETREND_LAMBDA = 500;
/** Welch segment: 256 s at 4 Hz. */
const MAX_SEGMENT_SAMPLES = 1024;
const MIN_NFFT = 4096;
/**
 * Minimum span of the resampled tachogram, seconds: one full period of the lower LF edge (1/0.04 Hz), below which
 * the LF band cannot be resolved at all. Task Force 1996 asks for at least 2 minutes for LF and recommends
 * 5-minute recordings for short-term analysis: callers should pass such windows; shorter ones give a value
 * that is defined but coarse.
 */
export const FREQUENCY_DOMAIN_MIN_SPAN_S = 25;
/** Longest span analysed, seconds (24 h): bounds the work buffer for absurd inputs (RR of hours). */
export const FREQUENCY_DOMAIN_MAX_SPAN_S = 86_400;

const VLF_LOW_HZ = 0;
const LF_LOW_HZ = 0.04;
const HF_LOW_HZ = 0.15;
const HF_HIGH_HZ = 0.4;

const timeScratch = new Float64Scratch();
const sampleScratch = new Float64Scratch();
const segmentScratch = new Float64Scratch();
const spectrumScratch = new Float64Scratch();
const psdScratch = new Float64Scratch();

/**
 * Frequency-domain HRV of an RR series (ms), Kubios-like (Tarvainen et al. 2014, Kubios HRV; bands after
 * Task Force 1996):
 * 1. beat times t_i = Σ_{j≤i} RR_j / 1000 s; a not-a-knot cubic spline of RR over t sampled at 4 Hz from t_0
 *    while below t_{N−1};
 * 2. smoothness-priors detrend, λ = 500 (Tarvainen 2002), then the mean removed once;
 * 3. Welch: periodic Hann segments of min(len, 1024) samples (256 s) stepping by half a segment, incomplete
 *    trailing samples dropped, no per-segment detrend, nfft = max(4096, segment), one-sided density (ms²/Hz);
 * 4. band power by the trapezoid rule over the bins with lo ≤ f < hi; peaks are the largest bins in LF and HF.
 * Returns undefined when fewer than 2 valid beats or the tachogram spans less than
 * {@link FREQUENCY_DOMAIN_MIN_SPAN_S} (or more than {@link FREQUENCY_DOMAIN_MAX_SPAN_S}), and when the LF+HF
 * bands hold no power (a constant series), where the ratios would be 0/0. Invalid RR values are dropped.
 */
export function frequencyDomain(rrMs: readonly number[]): FrequencyDomain | undefined {
  const rr = toValidRr(rrMs);
  return frequencyDomainOf(rr, rr.length);
}

/** {@link frequencyDomain} on `rrMs[0..n)`, which must hold only valid RR values. */
export function frequencyDomainOf(rrMs: Float64Array, n: number): FrequencyDomain | undefined {
  if (n < 2) return undefined;
  // Times relative to the first beat: the same grid as t_0 + k/4 but without the first interval's offset.
  const times = timeScratch.get(n);
  let t = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const rr = rrMs[i] ?? 0;
    if (i > 0) t += rr / 1000;
    times[i] = t;
    if (rr < min) min = rr;
    if (rr > max) max = rr;
  }
  const spanS = t;
  if (!(spanS >= FREQUENCY_DOMAIN_MIN_SPAN_S) || !(spanS <= FREQUENCY_DOMAIN_MAX_SPAN_S)) return undefined;
  // A constant rhythm has no spectrum; the spline would only add rounding noise whose ratios mean nothing.
  if (min === max) return undefined;

  const step = 1 / RESAMPLE_HZ;
  let count = Math.ceil(spanS * RESAMPLE_HZ);
  while (count > 0 && (count - 1) * step >= spanS) count--;
  const samples = sampleScratch.get(count);
  const sampleSum = sampleNotAKnotSpline(times, rrMs, n, 0, step, count, samples);
  // The mean of the detrended series is removed once, inside the Welch windowing (no extra pass).
  const mean = smoothnessPriorsDetrendInPlace(samples, count, DETREND_LAMBDA, sampleSum) / count;

  const segmentLength = Math.min(count, MAX_SEGMENT_SAMPLES);
  const nfft = Math.max(MIN_NFFT, segmentLength);
  const bins = nfft / 2 + 1;
  const binHz = RESAMPLE_HZ / nfft;
  // Nothing at or above the top of HF is used, so the spectrum is only formed up to there.
  const usedBins = Math.min(bins, firstBinAtOrAbove(HF_HIGH_HZ, binHz, bins) + 1);
  const psd = welchDensity(samples, mean, count, segmentLength, nfft, usedBins);

  const vlf = bandPower(psd, bins, binHz, VLF_LOW_HZ, LF_LOW_HZ);
  const lf = bandPower(psd, bins, binHz, LF_LOW_HZ, HF_LOW_HZ);
  const hf = bandPower(psd, bins, binHz, HF_LOW_HZ, HF_HIGH_HZ);
  const lfHf = lf + hf;
  if (!(lfHf > 0) || !(hf > 0)) return undefined;
  const result: FrequencyDomain = {
    vlfMs2: vlf,
    lfMs2: lf,
    hfMs2: hf,
    lfHfRatio: lf / hf,
    lfNu: (100 * lf) / lfHf,
    hfNu: (100 * hf) / lfHf,
    lfPeakHz: peakHz(psd, bins, binHz, LF_LOW_HZ, HF_LOW_HZ),
    hfPeakHz: peakHz(psd, bins, binHz, HF_LOW_HZ, HF_HIGH_HZ),
  };
  for (const value of Object.values(result)) if (!Number.isFinite(value)) return undefined;
  return result;
}

/**
 * Welch average of the one-sided periodograms (density scaling, ms²/Hz) of `samples` minus `mean`, for bins below
 * `usedBins`, in a scratch.
 */
function welchDensity(
  samples: Float64Array,
  mean: number,
  count: number,
  segmentLength: number,
  nfft: number,
  usedBins: number,
): Float64Array {
  const bins = nfft / 2 + 1;
  const window = periodicHann(segmentLength);
  const hop = segmentLength - Math.floor(segmentLength / 2);
  const segments = Math.floor((count - segmentLength) / hop) + 1;
  const scale = 1 / (RESAMPLE_HZ * sumOfSquares(window) * segments);
  const segment = segmentScratch.get(segmentLength);
  const spectrum = spectrumScratch.get(bins);
  const psd = psdScratch.get(bins);
  psd.fill(0, 0, usedBins);
  for (let s = 0; s < segments; s++) {
    const offset = s * hop;
    for (let k = 0; k < segmentLength; k++)
      segment[k] = ((samples[offset + k] ?? 0) - mean) * (window[k] ?? 0);
    realPowerSpectrum(segment, segmentLength, nfft, spectrum, usedBins - 1);
    for (let k = 0; k < usedBins; k++) psd[k] = (psd[k] ?? 0) + (spectrum[k] ?? 0);
  }
  // One-sided: every bin but DC and Nyquist carries the power of its negative-frequency twin.
  for (let k = 0; k < usedBins; k++) psd[k] = (psd[k] ?? 0) * scale * (k === 0 || k === bins - 1 ? 1 : 2);
  return psd;
}

/** First bin index k with k·binHz ≥ hz (the comparison made on the frequencies themselves, as numpy masks do). */
function firstBinAtOrAbove(hz: number, binHz: number, bins: number): number {
  let k = Math.max(0, Math.ceil(hz / binHz));
  while (k > 0 && (k - 1) * binHz >= hz) k--;
  while (k < bins && k * binHz < hz) k++;
  return k;
}

/** Trapezoid rule over the bins with lowHz ≤ f < highHz (numpy.trapz over the masked bins). */
function bandPower(psd: Float64Array, bins: number, binHz: number, lowHz: number, highHz: number): number {
  const from = firstBinAtOrAbove(lowHz, binHz, bins);
  const to = firstBinAtOrAbove(highHz, binHz, bins);
  let sum = 0;
  for (let k = from + 1; k < to; k++) sum += 0.5 * binHz * ((psd[k - 1] ?? 0) + (psd[k] ?? 0));
  return sum;
}

/** Frequency of the first largest bin with lowHz ≤ f < highHz. */
function peakHz(psd: Float64Array, bins: number, binHz: number, lowHz: number, highHz: number): number {
  const from = firstBinAtOrAbove(lowHz, binHz, bins);
  const to = firstBinAtOrAbove(highHz, binHz, bins);
  let best = -1;
  let bestBin = from;
  for (let k = from; k < to; k++) {
    const p = psd[k] ?? 0;
    if (p > best) {
      best = p;
      bestBin = k;
    }
  }
  return bestBin * binHz;
}
