import { describe, expect, it } from 'vitest';
import { heartRateSeries, poincareSeries, tachogramSeries } from '../../../../src/core/session';
import type { SessionSample } from '../../../../src/core/session';

function sample(elapsedMs: number, heartRateBpm: number | null, rr: number[] = []): SessionSample {
  return { elapsedMs, heartRateBpm, sensorContact: 'contact', rrIntervals1024: rr };
}

describe('chart series', () => {
  it('averages heart rate into buckets and keeps no-reading buckets as gaps', () => {
    const samples = [sample(0, 100), sample(1000, 110), sample(2000, null), sample(3000, 120)];
    const points = heartRateSeries(samples, 2);
    // 1.5 s buckets over a 3 s span: [0, 1.5), [1.5, 3), [3, 4.5).
    expect(points).toEqual([
      { x: 0.0125, y: 105 },
      { x: 0.0375, y: null },
      { x: 0.0625, y: 120 },
    ]);
    expect(
      heartRateSeries([sample(0, 100), sample(1000, null), sample(2000, 90)], 10).map((p) => p.y),
    ).toEqual([100, null, 90]);
  });

  it('breaks the line after a silence longer than the gap', () => {
    const points = heartRateSeries([sample(0, 100), sample(1000, 101), sample(60_000, 102)], 1000, 5000);
    expect(points.some((point) => point.y === null)).toBe(true);
  });

  it('thins a long tachogram to the point budget and pairs Poincaré neighbours', () => {
    const samples = Array.from({ length: 5000 }, (_, i) => sample(i * 1000, 70, [1024, 512]));
    expect(tachogramSeries(samples, 1000).length).toBeLessThanOrEqual(1000);
    const pairs = poincareSeries([sample(0, 60, [1024, 512, 2048])]);
    expect(pairs).toEqual([
      { x: 1000, y: 500 },
      { x: 500, y: 2000 },
    ]);
  });

  it('gives nothing for an empty session', () => {
    expect(heartRateSeries([])).toEqual([]);
    expect(tachogramSeries([])).toEqual([]);
    expect(poincareSeries([])).toEqual([]);
  });
});
