import { msPerRrUnit } from '../ble/heart-rate-measurement';
import type { SessionSample } from './session-model';

export interface SeriesPoint {
  x: number;
  y: number | null;
}

/**
 * Heart rate over the session in minutes, averaged into at most `maxPoints` buckets so a 3-hour run draws as fast
 * as a short one. A bucket with no reading is null, so the chart shows the gap; so is the point after a silence
 * longer than `gapMs`, so a dropout is never drawn as a straight line.
 */
export function heartRateSeries(
  samples: readonly SessionSample[],
  maxPoints = 1200,
  gapMs = 5000,
): SeriesPoint[] {
  const last = samples.at(-1);
  if (!last) return [];
  const spanMs = Math.max(1, last.elapsedMs);
  const bucketMs = Math.max(1000, spanMs / maxPoints);
  const points: SeriesPoint[] = [];
  let bucketIndex = -1;
  let sum = 0;
  let count = 0;
  let previousMs: number | undefined;
  const flush = () => {
    if (bucketIndex < 0) return;
    points.push({ x: ((bucketIndex + 0.5) * bucketMs) / 60_000, y: count > 0 ? sum / count : null });
  };
  for (const sample of samples) {
    const index = Math.floor(sample.elapsedMs / bucketMs);
    if (index !== bucketIndex) {
      flush();
      if (previousMs !== undefined && sample.elapsedMs - previousMs > gapMs) {
        points.push({ x: (previousMs + 1) / 60_000, y: null });
      }
      bucketIndex = index;
      sum = 0;
      count = 0;
    }
    if (sample.heartRateBpm !== null) {
      sum += sample.heartRateBpm;
      count++;
    }
    previousMs = sample.elapsedMs;
  }
  flush();
  return points;
}

/** Every RR interval in ms with the elapsed time (minutes) of the notification that carried it. */
export function rrSeries(samples: readonly SessionSample[]): { atMin: number; rrMs: number }[] {
  const beats: { atMin: number; rrMs: number }[] = [];
  for (const sample of samples) {
    for (const rr of sample.rrIntervals1024)
      beats.push({ atMin: sample.elapsedMs / 60_000, rrMs: rr * msPerRrUnit });
  }
  return beats;
}

/** The tachogram, thinned to at most `maxPoints` by keeping every n-th beat (shape matters here, not each beat). */
export function tachogramSeries(samples: readonly SessionSample[], maxPoints = 3000): SeriesPoint[] {
  const beats = rrSeries(samples);
  const stride = Math.max(1, Math.ceil(beats.length / maxPoints));
  const points: SeriesPoint[] = [];
  for (let i = 0; i < beats.length; i += stride) {
    const beat = beats[i];
    if (beat) points.push({ x: beat.atMin, y: beat.rrMs });
  }
  return points;
}

/** Poincaré pairs (RR_n, RR_n+1) in ms, thinned the same way. */
export function poincareSeries(
  samples: readonly SessionSample[],
  maxPoints = 3000,
): { x: number; y: number }[] {
  const beats = rrSeries(samples);
  const stride = Math.max(1, Math.ceil((beats.length - 1) / maxPoints));
  const points: { x: number; y: number }[] = [];
  for (let i = 0; i + 1 < beats.length; i += stride) {
    const current = beats[i];
    const next = beats[i + 1];
    if (current && next) points.push({ x: current.rrMs, y: next.rrMs });
  }
  return points;
}
