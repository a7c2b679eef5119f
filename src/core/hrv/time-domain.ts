import { powerOfTwoScale, toValidRr } from './series';

/** Time-domain and Poincaré HRV of an RR series. */
export interface TimeDomain {
  /** Number of valid RR intervals analysed. */
  readonly count: number;
  readonly meanRrMs: number;
  /** Mean of the instantaneous heart rates 60000 / RR_i (as systole, hrv-analysis and NeuroKit2). */
  readonly meanHrBpm: number;
  /** Sample standard deviation of RR (divisor N − 1). */
  readonly sdnnMs: number;
  /** Root mean square of the N − 1 successive differences. */
  readonly rmssdMs: number;
  /** 100 · count(|ΔRR| > 50 ms) / (N − 1). */
  readonly pnn50Pct: number;
  /** Poincaré SD1 = √½ · SD(ΔRR). */
  readonly sd1Ms: number;
  /** Poincaré SD2 = √(2 SDNN² − ½ SD(ΔRR)²), floored at 0. */
  readonly sd2Ms: number;
}

/** Minimum valid beats: SD(ΔRR) is a sample standard deviation of N − 1 differences, divisor N − 2. */
export const TIME_DOMAIN_MIN_BEATS = 3;

/**
 * Time-domain HRV (Task Force of the ESC and NASPE 1996) and Poincaré descriptors (Brennan, Palaniswami &
 * Kamen 2001) of an RR series in ms. SD(ΔRR) is the sample standard deviation of the successive differences
 * (divisor N − 2). SD2² can come out slightly negative for alternating series with these divisors, so it is
 * floored at 0. Invalid RR values are dropped first; returns undefined below {@link TIME_DOMAIN_MIN_BEATS} valid
 * beats or if a result would overflow the double range (e.g. RR below 1e−300 ms).
 */
export function timeDomain(rrMs: readonly number[]): TimeDomain | undefined {
  const rr = toValidRr(rrMs);
  return timeDomainOf(rr, rr.length);
}

/** {@link timeDomain} on `rrMs[0..n)`, which must hold only valid RR values. */
export function timeDomainOf(rrMs: Float64Array, n: number): TimeDomain | undefined {
  if (n < TIME_DOMAIN_MIN_BEATS) return undefined;
  // Work in units of a power of two near the largest RR: exact, and squares of 1e200 ms cannot overflow.
  const scale = powerOfTwoScale(rrMs, n);
  let sum = 0;
  let hrSum = 0;
  let nn50 = 0;
  for (let i = 0; i < n; i++) {
    const rr = rrMs[i] ?? 0;
    sum += rr / scale;
    hrSum += 60000 / rr;
    if (i > 0 && Math.abs(rr - (rrMs[i - 1] ?? 0)) > 50) nn50++;
  }
  const mean = sum / n;
  let squares = 0;
  let diffSum = 0;
  let diffSquares = 0;
  let previous = (rrMs[0] ?? 0) / scale;
  squares += (previous - mean) * (previous - mean);
  for (let i = 1; i < n; i++) {
    const current = (rrMs[i] ?? 0) / scale;
    squares += (current - mean) * (current - mean);
    const diff = current - previous;
    diffSum += diff;
    diffSquares += diff * diff;
    previous = current;
  }
  const diffMean = diffSum / (n - 1);
  let diffDeviation = 0;
  for (let i = 1; i < n; i++) {
    const d = ((rrMs[i] ?? 0) - (rrMs[i - 1] ?? 0)) / scale - diffMean;
    diffDeviation += d * d;
  }
  const variance = squares / (n - 1);
  const diffVariance = diffDeviation / (n - 2);
  const result: TimeDomain = {
    count: n,
    meanRrMs: mean * scale,
    meanHrBpm: hrSum / n,
    sdnnMs: Math.sqrt(variance) * scale,
    rmssdMs: Math.sqrt(diffSquares / (n - 1)) * scale,
    pnn50Pct: (100 * nn50) / (n - 1),
    sd1Ms: Math.sqrt(0.5 * diffVariance) * scale,
    sd2Ms: Math.sqrt(Math.max(0, 2 * variance - 0.5 * diffVariance)) * scale,
  };
  for (const value of Object.values(result)) if (!Number.isFinite(value)) return undefined;
  return result;
}
