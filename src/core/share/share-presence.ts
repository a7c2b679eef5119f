/**
 * When a shared runner counts as live. The runner's phone sends a presence frame every PRESENCE_INTERVAL_MS; a
 * runner not heard from (no presence and no packet) for MISSED_PRESENCE_LIMIT intervals, or whose last presence said
 * sharing stopped, is 'not-sharing'. Live means live: nothing is replayed after a gap, so this is all there is.
 */
export const PRESENCE_INTERVAL_MS = 5000;
export const MISSED_PRESENCE_LIMIT = 3;

export type SharedRunnerStatus = 'live' | 'not-sharing';

/** What the therapist's side last heard from one runner, in its own monotonic ms. */
export interface SharedRunnerHeard {
  lastPresenceAtMs: number | undefined;
  lastPacketAtMs: number | undefined;
  /** The runner's last presence said sharing stopped. */
  stopped: boolean;
}

/** The monotonic ms of the latest frame of any kind; undefined before the first. */
export function lastHeardAtMs(heard: SharedRunnerHeard): number | undefined {
  const { lastPresenceAtMs, lastPacketAtMs } = heard;
  if (lastPresenceAtMs === undefined) return lastPacketAtMs;
  if (lastPacketAtMs === undefined) return lastPresenceAtMs;
  return Math.max(lastPresenceAtMs, lastPacketAtMs);
}

export function sharedRunnerStatus(heard: SharedRunnerHeard, nowMs: number): SharedRunnerStatus {
  const lastMs = lastHeardAtMs(heard);
  if (heard.stopped || lastMs === undefined) return 'not-sharing';
  return nowMs - lastMs > MISSED_PRESENCE_LIMIT * PRESENCE_INTERVAL_MS ? 'not-sharing' : 'live';
}

/** Whole seconds since anything was heard, for "last heard 12 s ago"; undefined before the first frame. */
export function lastHeardSecondsAgo(heard: SharedRunnerHeard, nowMs: number): number | undefined {
  const lastMs = lastHeardAtMs(heard);
  return lastMs === undefined ? undefined : Math.max(0, Math.floor((nowMs - lastMs) / 1000));
}
