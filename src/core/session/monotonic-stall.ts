/** Both clocks read at one moment: the monotonic one (performance.now) and the wall clock (Date.now), in ms. */
export interface ClockReading {
  monotonicMs: number;
  wallClockMs: number;
}

/**
 * How far the wall clock may run ahead of the monotonic clock before that counts as a stall. Clock slewing (at most
 * 0.5 ms a second) and timer coarsening stay below it for a long while; the run's time is never behind the wall
 * clock by more than this.
 */
export const MONOTONIC_STALL_TOLERANCE_MS = 500;

export interface StallCheck {
  /** The reading to compare the next one with: the last one at which both clocks were known to agree. */
  reference: ClockReading;
  /** The time (ms) the monotonic clock missed since the reference, or 0. */
  missedMs: number;
}

/**
 * Cross-checks the monotonic clock with the wall clock. On Android, performance.now() stands still while the phone
 * sleeps with the screen off (between a strap's packets, too), while the wall clock runs on: the wall clock having
 * run ahead of the monotonic one since `reference` by more than `toleranceMs` is that stall, and its full size is
 * returned, so the run's elapsed time can be moved on by it and neither stalls nor jumps. Stalls too short to count
 * on their own add up against the same reference until they do.
 *
 * The wall clock falling behind by more than the tolerance (set back by the user or a time sync) is never a stall:
 * the monotonic clock is trusted, and the reference moves to `now`. A reading older than the reference (out of order)
 * changes nothing. Limitation: a wall clock set forward looks exactly like a stall and is taken as one.
 */
export function checkMonotonicStall(
  reference: ClockReading | undefined,
  now: ClockReading,
  toleranceMs: number = MONOTONIC_STALL_TOLERANCE_MS,
): StallCheck {
  if (reference === undefined) return { reference: now, missedMs: 0 };
  const monotonicStepMs = now.monotonicMs - reference.monotonicMs;
  const aheadMs = now.wallClockMs - reference.wallClockMs - monotonicStepMs;
  if (!Number.isFinite(aheadMs) || monotonicStepMs < 0) return { reference, missedMs: 0 };
  if (aheadMs > toleranceMs) return { reference: now, missedMs: aheadMs };
  if (aheadMs < -toleranceMs) return { reference: now, missedMs: 0 };
  return { reference, missedMs: 0 };
}
