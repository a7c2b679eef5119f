import { describe, expect, test } from 'vitest';
import { percentileOfSorted, robustRestingHr, type HeartRateReading } from '../../../../src/core/zones/index';

/**
 * Two minutes at 1 Hz (t = 1..120 s): 90 bpm while settling for the first 30 s, then 60 + (i mod 10), so the
 * last 90 s hold each of 60..69 nine times.
 */
function sitting(): HeartRateReading[] {
  return Array.from({ length: 120 }, (_, k) => {
    const i = k + 1;
    return { atMs: i * 1000, heartRateBpm: i <= 30 ? 90 : 60 + (i % 10) };
  });
}

describe('percentileOfSorted', () => {
  test('interpolates between order statistics at (n - 1) p', () => {
    expect(percentileOfSorted([10, 20, 30, 40, 50], 10)).toBeCloseTo(14, 12);
    expect(percentileOfSorted([10, 20, 30, 40, 50], 50)).toBe(30);
    expect(percentileOfSorted([7], 10)).toBe(7);
    expect(percentileOfSorted([], 10)).toBeNaN();
  });
});

describe('robustRestingHr', () => {
  test('the 10th percentile of the last 90 s: position 8.9 between 60 and 61 gives 60.9, so 61', () => {
    expect(robustRestingHr(sitting())).toEqual({
      ok: true,
      restingHrBpm: 61,
      readingCount: 90,
      fromMs: 31_000,
      toMs: 120_000,
    });
  });

  test('the settling 30 s do not count, a single low glitch does not decide, no-readings are ignored', () => {
    const readings = sitting();
    readings[99] = { atMs: 100_000, heartRateBpm: 35 };
    for (let i = 40; i < 60; i++) readings[i] = { atMs: (i + 1) * 1000, heartRateBpm: null };
    const result = robustRestingHr(readings);
    expect(result.ok).toBe(true);
    // 70 readings: 35, six 60s, then 61s...: position 6.9 lies between 60 and 61.
    expect(result).toMatchObject({ ok: true, readingCount: 70, restingHrBpm: 61 });
    // The same data with the glitch as the minimum would have said 35.
    expect(Math.min(...readings.map((r) => r.heartRateBpm ?? Infinity))).toBe(35);
  });

  test('order of the readings does not matter', () => {
    const shuffled = sitting().reverse();
    expect(robustRestingHr(shuffled)).toMatchObject({ ok: true, restingHrBpm: 61 });
  });

  test('too short a recording is refused', () => {
    expect(robustRestingHr(sitting().slice(0, 60))).toMatchObject({ ok: false, reason: 'too-short' });
    expect(robustRestingHr([])).toMatchObject({ ok: false, reason: 'too-short', readingCount: 0 });
  });

  test('too few readings in the window (contact lost) is refused', () => {
    const readings = sitting().map((r, i) => (i >= 50 && i % 3 !== 0 ? { ...r, heartRateBpm: null } : r));
    const result = robustRestingHr(readings);
    expect(result).toMatchObject({ ok: false, reason: 'too-few-readings' });
    expect(result.readingCount).toBeLessThan(45);
  });
});
