import { ZoneTracker } from '../zones/zone-tracker';
import { timeInZoneOf } from '../zones/zone-time';
import { DEFAULT_GAP_THRESHOLD_MS } from './gap-threshold';
import { sessionEndMs } from './session-end';
import type { SessionEvent, SessionMeta, SessionSample, SessionZone, TimeInZoneMs } from './session-model';

export interface ZoneReplayOptions {
  /** How long one reading stands, ms: the recorder's gap threshold (default {@link DEFAULT_GAP_THRESHOLD_MS}). */
  staleAfterMs?: number;
  /** Where the replay stops, elapsed ms (default: the `finished` event, else the latest sample or event). */
  endMs?: number;
}

/**
 * A recorded session replayed through the live {@link ZoneTracker}, on the session's elapsed time, exactly as the
 * run coach drives it: the tracker starts at 0, takes every sample as a measurement, pauses at each `paused` event
 * and resumes at the next `resumed`, and stops at the end. The grace period is the zone's own `graceMs` (the one in
 * force during the run), else the tracker's default, so a session recorded before it was kept still replays.
 * Returns the tracker there (its snapshot holds the times; a run resumed after a reload can follow it on), or
 * undefined without a usable zone.
 */
export function replayZoneTracker(
  meta: Pick<SessionMeta, 'zone' | 'events'>,
  samples: readonly SessionSample[],
  options: ZoneReplayOptions = {},
): ZoneTracker | undefined {
  const zone = meta.zone;
  if (zone === undefined || !isTrackable(zone)) return undefined;
  const tracker = new ZoneTracker(zone, { staleAfterMs: options.staleAfterMs ?? DEFAULT_GAP_THRESHOLD_MS });
  const endMs = options.endMs ?? sessionEndMs(meta.events, samples);
  const events = meta.events
    .filter((event) => (event.type === 'paused' || event.type === 'resumed') && event.elapsedMs <= endMs)
    .sort((a, b) => a.elapsedMs - b.elapsedMs);
  tracker.tick(0);
  let next = 0;
  /** Applies the pause and resume events up to `atMs`, before a sample there. */
  const applyEventsUpTo = (atMs: number): void => {
    for (; next < events.length; next++) {
      const event = events[next] as SessionEvent;
      // The recorder keeps a sample at a resume's own moment (it came after the resume); one at a pause's moment
      // came before it, but stands for no time, so applying the pause first changes nothing.
      if (event.elapsedMs > atMs) return;
      if (event.type === 'paused') tracker.pauseAt(event.elapsedMs);
      // A resume without a pause (never recorded so) must not restart the smoothing.
      else if (tracker.paused) tracker.resumeAt(event.elapsedMs);
    }
  };
  for (const sample of samples) {
    if (sample.elapsedMs > endMs) break;
    applyEventsUpTo(sample.elapsedMs);
    tracker.update({ atMs: sample.elapsedMs, heartRateBpm: sample.heartRateBpm });
  }
  applyEventsUpTo(endMs);
  tracker.tick(endMs);
  return tracker;
}

/** Time below, in and above the zone for a recorded session: {@link replayZoneTracker}'s times. */
export function sessionTimeInZone(
  meta: Pick<SessionMeta, 'zone' | 'events'>,
  samples: readonly SessionSample[],
  options: ZoneReplayOptions = {},
): TimeInZoneMs | undefined {
  const tracker = replayZoneTracker(meta, samples, options);
  return tracker && timeInZoneOf(tracker.snapshot().times);
}

/** Bounds the tracker takes: finite, low <= high (an imported file may hold anything). */
function isTrackable(zone: SessionZone): boolean {
  return Number.isFinite(zone.lowBpm) && Number.isFinite(zone.highBpm) && zone.lowBpm <= zone.highBpm;
}

/**
 * A session summarised before time in zone had one definition (its zone keeps no `graceMs`: the summary counted
 * each sample's own heart rate against the bounds), with its time in zone counted again by
 * {@link sessionTimeInZone}, with the default grace. Undefined when there is nothing to count again or the figure
 * stays the same.
 */
export function withZoneTimeRecounted(
  meta: SessionMeta,
  samples: readonly SessionSample[],
  options: ZoneReplayOptions = {},
): SessionMeta | undefined {
  const summary = meta.summary;
  if (summary?.timeInZoneMs === undefined || meta.zone === undefined || meta.zone.graceMs !== undefined) {
    return undefined;
  }
  const recounted = sessionTimeInZone(meta, samples, options);
  if (recounted === undefined) return undefined;
  const before = summary.timeInZoneMs;
  if (
    recounted.below === before.below &&
    recounted.inZone === before.inZone &&
    recounted.above === before.above
  ) {
    return undefined;
  }
  return { ...meta, summary: { ...summary, timeInZoneMs: recounted } };
}
