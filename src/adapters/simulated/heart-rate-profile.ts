/** One stretch of a run in which the heart rate moves linearly from `fromBpm` to `toBpm`. */
export interface HeartRateSegment {
  durationMs: number;
  fromBpm: number;
  toBpm: number;
}

/** A run as data: the heart rate the simulated runner's body aims for over time. */
export interface HeartRateProfile {
  name: string;
  /** Never empty, so that every moment of a run has a target. */
  segments: readonly [HeartRateSegment, ...HeartRateSegment[]];
}

const minuteMs = 60_000;

/** A beginner's calm run: warm-up walk, 20 minutes steady with a little cardiac drift, cool-down walk. */
export const calmRun: HeartRateProfile = {
  name: 'calm run',
  segments: [
    { durationMs: 5 * minuteMs, fromBpm: 95, toBpm: 115 },
    { durationMs: 1 * minuteMs, fromBpm: 115, toBpm: 135 },
    { durationMs: 20 * minuteMs, fromBpm: 135, toBpm: 140 },
    { durationMs: 1 * minuteMs, fromBpm: 140, toBpm: 118 },
    { durationMs: 4 * minuteMs, fromBpm: 118, toBpm: 100 },
  ],
};

/**
 * Steady running with one surge well above a calm zone: long enough past a coaching grace period (about 20 s) to
 * earn one "slow down", then back down for "back in your zone".
 */
export const surge: HeartRateProfile = {
  name: 'surge',
  segments: [
    { durationMs: 3 * minuteMs, fromBpm: 135, toBpm: 135 },
    { durationMs: 15_000, fromBpm: 135, toBpm: 165 },
    { durationMs: 80_000, fromBpm: 165, toBpm: 165 },
    { durationMs: 20_000, fromBpm: 165, toBpm: 135 },
    { durationMs: 4 * minuteMs, fromBpm: 135, toBpm: 135 },
  ],
};

/** Sitting still, for breathing exercises and resting heart-rate measurement. */
export const resting: HeartRateProfile = {
  name: 'resting',
  segments: [{ durationMs: 10 * minuteMs, fromBpm: 65, toBpm: 65 }],
};

export const heartRateProfiles = { calmRun, surge, resting } as const;

export function profileDurationMs(profile: HeartRateProfile): number {
  return profile.segments.reduce((totalMs, segment) => totalMs + segment.durationMs, 0);
}

/** The target heart rate at a moment of the run; before the start it is the first value, past the end the last. */
export function targetBpmAt(profile: HeartRateProfile, elapsedMs: number): number {
  if (elapsedMs <= 0) return profile.segments[0].fromBpm;
  let segmentStartMs = 0;
  for (const segment of profile.segments) {
    const intoSegmentMs = elapsedMs - segmentStartMs;
    if (intoSegmentMs < segment.durationMs) {
      return segment.fromBpm + ((segment.toBpm - segment.fromBpm) * intoSegmentMs) / segment.durationMs;
    }
    segmentStartMs += segment.durationMs;
  }
  return (profile.segments.at(-1) ?? profile.segments[0]).toBpm;
}
