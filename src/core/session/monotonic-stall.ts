/** Both clocks read at one moment: the monotonic one (performance.now) and the wall clock (Date.now), in ms. */
export interface ClockReading {
  monotonicMs: number;
  wallClockMs: number;
}

/**
 * How far the wall clock may run ahead of the monotonic clock between two readings before that counts as a stall.
 * Between readings taken at most a few seconds apart, clock slewing (at most 0.5 ms a second) and timer
 * coarsening stay far below it; a strap's packet a second with the monotonic clock stopped goes far above it.
 */
export const MONOTONIC_STALL_TOLERANCE_MS = 500;

/**
 * The time (ms) the monotonic clock missed between two readings, or 0. On Android, performance.now() stands still
 * while the device sleeps with the screen off, while the wall clock runs on: the wall clock running ahead by more
 * than `toleranceMs` is that stall, and its full size is returned, so the run's elapsed time can be moved on by it
 * and neither stalls nor jumps. The wall clock falling behind (set back by the user or a time sync) is never a
 * stall: the monotonic clock is trusted then, and 0 is returned. Readings out of order also give 0.
 * Limitation: a wall clock set forward between two readings looks exactly like a stall and is taken as one.
 */
export function monotonicStallMs(
  earlier: ClockReading,
  later: ClockReading,
  toleranceMs: number = MONOTONIC_STALL_TOLERANCE_MS,
): number {
  const monotonicStepMs = later.monotonicMs - earlier.monotonicMs;
  const wallStepMs = later.wallClockMs - earlier.wallClockMs;
  if (!Number.isFinite(monotonicStepMs) || !Number.isFinite(wallStepMs) || monotonicStepMs < 0) return 0;
  const missedMs = wallStepMs - monotonicStepMs;
  return missedMs > toleranceMs ? missedMs : 0;
}
