import { describe, expect, test } from 'vitest';
import { FREQUENCY_DOMAIN_MIN_SPAN_S, frequencyDomain } from '../../../../src/core/hrv/index';

/** Beats whose RR follows meanMs + amplitude·sin(2π f t), t the beat time in seconds. */
function sineRhythm(durationS: number, meanMs: number, amplitudeMs: number, frequencyHz: number): number[] {
  const rr: number[] = [];
  let t = 0;
  while (t < durationS) {
    const value = meanMs + amplitudeMs * Math.sin(2 * Math.PI * frequencyHz * t);
    rr.push(value);
    t += value / 1000;
  }
  return rr;
}

describe('frequencyDomain', () => {
  test('a 0.1 Hz oscillation lands in LF with its variance (A²/2) and its peak at 0.1 Hz', () => {
    const result = frequencyDomain(sineRhythm(300, 1000, 50, 0.1));
    expect(result).toBeDefined();
    expect(Math.abs((result?.lfPeakHz ?? 0) - 0.1)).toBeLessThanOrEqual(0.002);
    expect(result?.lfMs2).toBeGreaterThan(0.85 * 1250);
    expect(result?.lfMs2).toBeLessThan(1.15 * 1250);
    expect(result?.hfMs2).toBeLessThan(0.02 * (result?.lfMs2 ?? 0));
    expect(result?.lfNu).toBeGreaterThan(98);
    expect((result?.lfNu ?? 0) + (result?.hfNu ?? 0)).toBeCloseTo(100, 9);
    expect(result?.lfHfRatio).toBeCloseTo((result?.lfMs2 ?? 0) / (result?.hfMs2 ?? 1), 9);
  });

  test('a 0.25 Hz oscillation (15 breaths/min) lands in HF', () => {
    const result = frequencyDomain(sineRhythm(300, 900, 30, 0.25));
    expect(Math.abs((result?.hfPeakHz ?? 0) - 0.25)).toBeLessThanOrEqual(0.002);
    expect(result?.hfMs2).toBeGreaterThan(0.85 * 450);
    expect(result?.hfMs2).toBeLessThan(1.15 * 450);
    expect(result?.hfNu).toBeGreaterThan(98);
  });

  test('band power scales with the square of the series', () => {
    const rr = sineRhythm(240, 800, 40, 0.12).map((v, i) => v + 10 * Math.sin(i * 1.3));
    const base = frequencyDomain(rr);
    const doubled = frequencyDomain(rr.map((v) => v * 2));
    // Doubling RR also doubles the beat times, so compare the total LF+HF+VLF power instead of bands.
    const total = (r: typeof base): number => (r ? r.vlfMs2 + r.lfMs2 + r.hfMs2 : Number.NaN);
    expect(total(doubled)).toBeGreaterThan(total(base) * 3.5);
    expect(total(doubled)).toBeLessThan(total(base) * 4.5);
  });

  test(`undefined below ${FREQUENCY_DOMAIN_MIN_SPAN_S} s of beats, and for a constant series`, () => {
    expect(frequencyDomain([])).toBeUndefined();
    expect(frequencyDomain([800])).toBeUndefined();
    expect(frequencyDomain(sineRhythm(20, 800, 30, 0.1))).toBeUndefined();
    expect(frequencyDomain(sineRhythm(40, 800, 30, 0.1))).toBeDefined();
    expect(frequencyDomain(Array.from({ length: 400 }, () => 800))).toBeUndefined();
  });

  test('invalid RR values are dropped', () => {
    const rr = sineRhythm(200, 850, 40, 0.2);
    const dirty = [Number.NaN, ...rr.slice(0, 30), -5, 0, ...rr.slice(30)];
    expect(frequencyDomain(dirty)).toEqual(frequencyDomain(rr));
  });
});
