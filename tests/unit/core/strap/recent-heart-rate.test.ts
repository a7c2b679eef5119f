import { describe, expect, it } from 'vitest';
import { RecentHeartRate } from '../../../../src/core/strap/recent-heart-rate';

function pointsOf(recent: RecentHeartRate): [number, number | null][] {
  const points: [number, number | null][] = [];
  recent.forEachPoint((atMs, heartRateBpm) => points.push([atMs, heartRateBpm]));
  return points;
}

describe('RecentHeartRate', () => {
  it('visits the points of its window oldest first, a missing reading as null', () => {
    const recent = new RecentHeartRate(3000);
    recent.push(0, 70);
    recent.push(1000, null);
    recent.push(2000, 72);
    recent.push(3500, 75);
    // 0 ms is more than 3 s before 3500 ms: it left the window.
    expect(pointsOf(recent)).toEqual([
      [1000, null],
      [2000, 72],
      [3500, 75],
    ]);
    expect(recent.length).toBe(3);
  });

  it('keeps the newest points when the ring is full', () => {
    const recent = new RecentHeartRate(60_000, 3);
    for (let second = 0; second < 5; second++) recent.push(second * 1000, 100 + second);
    expect(pointsOf(recent)).toEqual([
      [2000, 102],
      [3000, 103],
      [4000, 104],
    ]);
  });

  it('gives the range of the readings in the window, none without a reading', () => {
    const recent = new RecentHeartRate(10_000);
    expect(recent.bpmRange()).toBeUndefined();
    recent.push(0, null);
    expect(recent.bpmRange()).toBeUndefined();
    recent.push(1000, 142);
    recent.push(2000, 88);
    recent.push(3000, null);
    recent.push(4000, 171);
    expect(recent.bpmRange()).toEqual({ minBpm: 88, maxBpm: 171 });
    // The 88 and the 142 leave the window: the range shrinks with it.
    recent.push(12_500, 150);
    expect(recent.bpmRange()).toEqual({ minBpm: 150, maxBpm: 171 });
  });

  it('visits the points pushed since a mark that are still in the window, a gap included', () => {
    const recent = new RecentHeartRate(3000);
    recent.push(0, 70);
    const mark = recent.pushedCount;
    expect(mark).toBe(1);
    recent.push(1000, null);
    recent.push(2000, 72);
    const since: [number, number | null][] = [];
    recent.forEachPointSince(mark, (atMs, heartRateBpm) => since.push([atMs, heartRateBpm]));
    expect(since).toEqual([
      [1000, null],
      [2000, 72],
    ]);
    // Pushed since, but out of the window by now: only what is left is visited.
    recent.push(6000, 80);
    recent.push(7000, 81);
    const later: [number, number | null][] = [];
    recent.forEachPointSince(mark, (atMs, heartRateBpm) => later.push([atMs, heartRateBpm]));
    expect(later).toEqual([
      [6000, 80],
      [7000, 81],
    ]);
    const none: number[] = [];
    recent.forEachPointSince(recent.pushedCount, (atMs) => none.push(atMs));
    expect(none).toEqual([]);
  });
});
