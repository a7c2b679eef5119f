import { describe, expect, it } from 'vitest';
import {
  calmRun,
  profileDurationMs,
  resting,
  surge,
  targetBpmAt,
  type HeartRateProfile,
} from '../../../../src/adapters/simulated/heart-rate-profile';

const minuteMs = 60_000;

describe('targetBpmAt', () => {
  const ramp: HeartRateProfile = {
    name: 'two ramps',
    segments: [
      { durationMs: 10_000, fromBpm: 100, toBpm: 120 },
      { durationMs: 0, fromBpm: 150, toBpm: 150 },
      { durationMs: 20_000, fromBpm: 150, toBpm: 130 },
    ],
  };

  it('interpolates linearly within a segment', () => {
    expect(targetBpmAt(ramp, 0)).toBe(100);
    expect(targetBpmAt(ramp, 5_000)).toBe(110);
    expect(targetBpmAt(ramp, 10_000)).toBe(150);
    expect(targetBpmAt(ramp, 20_000)).toBe(140);
  });

  it('holds the first value before the start and the last one past the end', () => {
    expect(targetBpmAt(ramp, -5_000)).toBe(100);
    expect(targetBpmAt(ramp, 30_000)).toBe(130);
    expect(targetBpmAt(ramp, 10 * 3_600_000)).toBe(130);
  });
});

describe('presets', () => {
  it('calm run: a warm-up walk from about 95 to 115 bpm over 5 minutes, then 20 minutes at 135-140', () => {
    expect(targetBpmAt(calmRun, 0)).toBeCloseTo(95, 0);
    expect(targetBpmAt(calmRun, 5 * minuteMs - 1)).toBeCloseTo(115, 0);
    const steadyStartMs = 6 * minuteMs;
    for (let elapsedMs = steadyStartMs; elapsedMs < steadyStartMs + 20 * minuteMs; elapsedMs += 10_000) {
      const bpm = targetBpmAt(calmRun, elapsedMs);
      expect(bpm).toBeGreaterThanOrEqual(135);
      expect(bpm).toBeLessThanOrEqual(140);
    }
    expect(targetBpmAt(calmRun, profileDurationMs(calmRun))).toBeLessThan(110);
  });

  it('surge: steady near 135, about 90 s near 165, then back to 135', () => {
    const surgeMs = (threshold: number): number => {
      let count = 0;
      for (let elapsedMs = 0; elapsedMs < profileDurationMs(surge); elapsedMs += 1000) {
        if (targetBpmAt(surge, elapsedMs) >= threshold) count++;
      }
      return count * 1000;
    };
    expect(targetBpmAt(surge, 0)).toBe(135);
    expect(Math.max(...Array.from({ length: 600 }, (_, second) => targetBpmAt(surge, second * 1000)))).toBe(
      165,
    );
    expect(surgeMs(160)).toBeGreaterThanOrEqual(80_000);
    expect(surgeMs(160)).toBeLessThanOrEqual(100_000);
    expect(targetBpmAt(surge, profileDurationMs(surge))).toBe(135);
  });

  it('resting stays near 65 bpm', () => {
    expect(targetBpmAt(resting, 0)).toBe(65);
    expect(targetBpmAt(resting, 60 * minuteMs)).toBe(65);
  });
});
