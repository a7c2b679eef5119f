import type { SessionEvent } from '../../core/session/session-model';
import type { SessionWithSamples } from './session-with-samples';

/** A pause, in elapsed ms: from the 'paused' event to the next 'resumed' (or the end of the session). */
export interface PauseSpan {
  fromMs: number;
  toMs: number;
}

/** What the activity formats (FIT, TCX) put in their lap and session summaries. */
export interface SessionTotals {
  startWallMs: number;
  endWallMs: number;
  /** Wall time from start to end, pauses included. */
  elapsedMs: number;
  /** Time actually recorded, pauses excluded. */
  activeMs: number;
  pauses: PauseSpan[];
  averageHeartRateBpm?: number;
  maxHeartRateBpm?: number;
}

export function sessionTotals({ meta, samples }: SessionWithSamples): SessionTotals {
  const lastSampleMs = samples.at(-1)?.elapsedMs ?? 0;
  const lastEventMs = meta.events.reduce((latest, event) => Math.max(latest, event.elapsedMs), 0);
  // An unfinished (interrupted) session has no end yet: it ends with the last thing it recorded.
  const recordedEndMs = meta.startedAtWallMs + Math.max(lastSampleMs, lastEventMs);
  const endWallMs = Math.max(meta.endedAtWallMs ?? recordedEndMs, meta.startedAtWallMs + lastSampleMs);
  const elapsedMs = endWallMs - meta.startedAtWallMs;
  const pauses = pauseSpans(meta.events, elapsedMs);
  const pausedMs = pauses.reduce((sum, pause) => sum + (pause.toMs - pause.fromMs), 0);
  const totals: SessionTotals = {
    startWallMs: meta.startedAtWallMs,
    endWallMs,
    elapsedMs,
    activeMs: meta.summary?.activeMs ?? Math.max(0, elapsedMs - pausedMs),
    pauses,
  };

  // The app's summary is the figure the runner saw; the samples are only a fallback for a session without one.
  const readings = samples.flatMap((sample) =>
    isHeartRate(sample.heartRateBpm) ? [sample.heartRateBpm] : [],
  );
  const average =
    meta.summary?.averageHeartRateBpm ??
    (readings.length > 0 ? readings.reduce((sum, bpm) => sum + bpm, 0) / readings.length : undefined);
  // reduce, not Math.max(...readings): a long session has more readings than a call can take arguments.
  const max =
    meta.summary?.maxHeartRateBpm ??
    (readings.length > 0 ? readings.reduce((a, b) => Math.max(a, b)) : undefined);
  if (average !== undefined) totals.averageHeartRateBpm = Math.round(average);
  if (max !== undefined) totals.maxHeartRateBpm = Math.round(max);
  return totals;
}

/** A reading a file can carry: 0 is what straps send without skin contact, so it is no reading either. */
export function isHeartRate(bpm: number | null): bpm is number {
  return bpm !== null && Number.isFinite(bpm) && bpm > 0;
}

function pauseSpans(events: readonly SessionEvent[], elapsedMs: number): PauseSpan[] {
  const spans: PauseSpan[] = [];
  let openedAt: number | undefined;
  const ordered = [...events].sort((a, b) => a.elapsedMs - b.elapsedMs);
  for (const event of ordered) {
    if (event.type === 'paused' && openedAt === undefined) openedAt = event.elapsedMs;
    if (event.type === 'resumed' && openedAt !== undefined) {
      spans.push({ fromMs: openedAt, toMs: event.elapsedMs });
      openedAt = undefined;
    }
  }
  if (openedAt !== undefined) spans.push({ fromMs: openedAt, toMs: Math.max(openedAt, elapsedMs) });
  return spans;
}
