/** A heart-rate reading in time: `heartRateBpm` null is "no reading" (no contact, or a strap sending 0). */
export interface HeartRateReading {
  /** Monotonic time in ms. */
  atMs: number;
  heartRateBpm: number | null;
}

export interface RestingHrOptions {
  /** The readings used are those of the last `windowMs` of the recording. Default 90 000. */
  windowMs?: number;
  /** Percentile (0–100) taken as the resting value. Default 10. */
  percentile?: number;
  /** The recording must span at least this long (first to last reading). Default 90 000. */
  minDurationMs?: number;
  /** At least this many readings inside the window. Default 45 (half of a 1-Hz strap's 90). */
  minReadings?: number;
}

export type RestingHrRefusal = 'too-short' | 'too-few-readings';

export type RestingHrResult =
  | {
      ok: true;
      /** The resting heart rate, whole bpm. */
      restingHrBpm: number;
      /** Readings it came from, and the span they cover (ms, same clock as the input). */
      readingCount: number;
      fromMs: number;
      toMs: number;
    }
  | { ok: false; reason: RestingHrRefusal; readingCount: number };

/**
 * Percentile of sorted values by linear interpolation between order statistics at position (n − 1) × p / 100
 * (Hyndman & Fan 1996, type 7, as numpy and R default).
 */
export function percentileOfSorted(sorted: readonly number[], percentile: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const position = ((n - 1) * percentile) / 100;
  const lower = Math.floor(position);
  const upper = Math.min(n - 1, lower + 1);
  const a = sorted[lower] ?? Number.NaN;
  const b = sorted[upper] ?? Number.NaN;
  return a + (b - a) * (position - lower);
}

/**
 * A robust resting heart rate from about two minutes of sitting still with the strap on: the 10th percentile of
 * the readings of the last 90 s, rounded to whole bpm.
 *
 * Why: the first 30 s after sitting down still carry the walk to the chair and the settling of the strap, so only
 * the last 90 s count; the resting heart rate is by definition a low value, but the single lowest reading is
 * often a glitch (a missed beat reads as a drop), so a low percentile keeps a few such readings from deciding it
 * while staying below the mean that breathing swings and a stray thought raise. No-readings (null) and
 * non-finite or non-positive values are ignored. Refuses with 'too-short' when the recording (every reading,
 * no-readings included) spans less than `minDurationMs`, and with 'too-few-readings' when fewer than `minReadings` valid readings fall in the window
 * (contact lost for much of it). Readings need not be sorted by time.
 */
export function robustRestingHr(
  readings: readonly HeartRateReading[],
  options: RestingHrOptions = {},
): RestingHrResult {
  const windowMs = options.windowMs ?? 90_000;
  const percentile = options.percentile ?? 10;
  const minDurationMs = options.minDurationMs ?? 90_000;
  const minReadings = options.minReadings ?? 45;

  // The recording's span counts every reading, no-readings included: the window is the end of the recording.
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = Number.NEGATIVE_INFINITY;
  for (const r of readings) {
    if (!Number.isFinite(r.atMs)) continue;
    firstMs = Math.min(firstMs, r.atMs);
    lastMs = Math.max(lastMs, r.atMs);
  }
  const windowStartMs = lastMs - windowMs;
  const inWindow = readings.filter(
    (r): r is { atMs: number; heartRateBpm: number } =>
      r.atMs > windowStartMs &&
      r.atMs <= lastMs &&
      r.heartRateBpm !== null &&
      Number.isFinite(r.heartRateBpm) &&
      r.heartRateBpm > 0,
  );
  if (!(lastMs - firstMs >= minDurationMs)) {
    return { ok: false, reason: 'too-short', readingCount: inWindow.length };
  }
  if (inWindow.length < minReadings) {
    return { ok: false, reason: 'too-few-readings', readingCount: inWindow.length };
  }
  const sorted = inWindow.map((r) => r.heartRateBpm).sort((a, b) => a - b);
  let fromMs = Number.POSITIVE_INFINITY;
  for (const r of inWindow) fromMs = Math.min(fromMs, r.atMs);
  return {
    ok: true,
    restingHrBpm: Math.round(percentileOfSorted(sorted, percentile)),
    readingCount: inWindow.length,
    fromMs,
    toMs: lastMs,
  };
}
