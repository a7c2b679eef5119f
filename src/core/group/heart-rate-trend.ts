/** Which way a runner's heart rate has moved over the last half minute, in words a tile can say. */
export type HeartRateTrend = 'rising' | 'steady' | 'falling';

/** The look-back of the trend: long enough to ignore a stride, short enough to show a runner speeding up. */
export const TREND_WINDOW_MS = 30_000;
/** A change smaller than this over the window is steady: a strap's smoothing wobbles by a few bpm. */
export const TREND_THRESHOLD_BPM = 5;

/**
 * The trend from the smoothed heart rate `TREND_WINDOW_MS` ago to now; undefined when either is unknown (no
 * reading then or now), so a tile shows no arrow rather than a wrong one.
 */
export function heartRateTrend(
  thenBpm: number | null | undefined,
  nowBpm: number | null,
): HeartRateTrend | undefined {
  if (thenBpm === null || thenBpm === undefined || nowBpm === null) return undefined;
  const changeBpm = nowBpm - thenBpm;
  if (changeBpm >= TREND_THRESHOLD_BPM) return 'rising';
  if (changeBpm <= -TREND_THRESHOLD_BPM) return 'falling';
  return 'steady';
}
