import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { timeDomain, TIME_DOMAIN_MIN_BEATS } from '../../../../src/core/hrv/index';

const rrArbitrary = (minLength: number, maxLength: number): fc.Arbitrary<number[]> =>
  fc.array(fc.double({ min: 250, max: 2500, noNaN: true }), { minLength, maxLength });

describe('timeDomain', () => {
  test('a hand-computed three-beat series', () => {
    // mean 850; deviations −50, 0, 50 → SDNN = √(5000/2) = 50; ΔRR = 50, 50 → RMSSD 50, SD(ΔRR) = 0;
    // |ΔRR| > 50 never holds; SD2 = √(2·2500) ; mean HR = (75 + 60000/850 + 60000/900)/3.
    const result = timeDomain([800, 850, 900]);
    expect(result).toBeDefined();
    expect(result?.count).toBe(3);
    expect(result?.meanRrMs).toBeCloseTo(850, 12);
    expect(result?.sdnnMs).toBeCloseTo(50, 12);
    expect(result?.rmssdMs).toBeCloseTo(50, 12);
    expect(result?.pnn50Pct).toBe(0);
    expect(result?.sd1Ms).toBeCloseTo(0, 12);
    expect(result?.sd2Ms).toBeCloseTo(Math.sqrt(5000), 12);
    expect(result?.meanHrBpm).toBeCloseTo((75 + 60000 / 850 + 60000 / 900) / 3, 12);
  });

  test('pNN50 counts strictly greater than 50 ms over N − 1 differences', () => {
    // ΔRR = 51, −50, 60: two of three exceed 50 ms.
    expect(timeDomain([800, 851, 801, 861])?.pnn50Pct).toBeCloseTo((100 * 2) / 3, 12);
  });

  test(`undefined below ${TIME_DOMAIN_MIN_BEATS} beats`, () => {
    expect(timeDomain([])).toBeUndefined();
    expect(timeDomain([800])).toBeUndefined();
    expect(timeDomain([800, 900])).toBeUndefined();
    expect(timeDomain([800, 900, 850])).toBeDefined();
  });

  test('invalid RR values are dropped before analysis', () => {
    const clean = timeDomain([800, 810, 790, 805]);
    const dirty = timeDomain([Number.NaN, 800, -3, 810, 0, Number.POSITIVE_INFINITY, 790, 805]);
    expect(dirty).toEqual(clean);
    expect(timeDomain([800, Number.NaN, 900])).toBeUndefined();
  });

  test('a constant series has zero variability, not NaN', () => {
    const result = timeDomain(Array.from({ length: 50 }, () => 750));
    expect(result).toMatchObject({ sdnnMs: 0, rmssdMs: 0, pnn50Pct: 0, sd1Ms: 0, sd2Ms: 0, meanRrMs: 750 });
    expect(result?.meanHrBpm).toBeCloseTo(80, 12);
  });

  test('SD2² is floored at zero for an alternating series', () => {
    // [1, 2, 1] pattern: 2·SDNN² − ½·SD(ΔRR)² is negative with these divisors.
    const result = timeDomain([800, 900, 800]);
    expect(result?.sd2Ms).toBe(0);
  });

  test('SDNN, RMSSD, SD1 and SD2 scale linearly with the series', () => {
    fc.assert(
      fc.property(rrArbitrary(3, 300), fc.double({ min: 0.05, max: 20, noNaN: true }), (rrMs, factor) => {
        const base = timeDomain(rrMs);
        const scaled = timeDomain(rrMs.map((rr) => rr * factor));
        expect(base).toBeDefined();
        expect(scaled).toBeDefined();
        if (base === undefined || scaled === undefined) return;
        for (const key of ['sdnnMs', 'rmssdMs', 'sd1Ms', 'meanRrMs'] as const) {
          expect(scaled[key]).toBeCloseTo(base[key] * factor, 6);
          expect(Math.abs(scaled[key] - base[key] * factor)).toBeLessThanOrEqual(
            1e-9 * (base[key] * factor + 1),
          );
        }
        // SD2 is a square root of a difference, so its rounding is relative to SDNN.
        expect(Math.abs(scaled.sd2Ms - base.sd2Ms * factor)).toBeLessThanOrEqual(
          1e-6 * (base.sdnnMs * factor + 1),
        );
        expect(scaled.meanHrBpm).toBeCloseTo(base.meanHrBpm / factor, 6);
      }),
    );
  });

  test('is exact for huge and tiny but finite values (power-of-two scaling)', () => {
    const base = [800, 830, 790, 845, 812];
    const big = timeDomain(base.map((rr) => rr * 2 ** 900));
    const reference = timeDomain(base);
    expect(big?.sdnnMs).toBe((reference?.sdnnMs ?? 0) * 2 ** 900);
    expect(big?.rmssdMs).toBe((reference?.rmssdMs ?? 0) * 2 ** 900);
    expect(Number.isFinite(big?.sdnnMs)).toBe(true);
  });
});
