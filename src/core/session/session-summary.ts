import { timeDomain, type DfaMethod } from '../hrv/index';
import { DEFAULT_GAP_THRESHOLD_MS } from './gap-threshold';
import { sessionEndMs } from './session-end';
import type { SessionEvent, SessionMeta, SessionSample, SessionSummary } from './session-model';
import { correctSessionBeats, sessionBeats } from './session-beats';
import { coherenceTimeline, dfaTimeline } from './session-timelines';
import { sessionTimeInZone } from './session-zone-time';

export interface SummaryOptions {
  /** Longest time one sample stands for, ms (default {@link DEFAULT_GAP_THRESHOLD_MS}). */
  gapCapMs?: number;
  /** DFA-a1 variant of the HRV core for the timeline (default 'kubios', the core's default). */
  dfaMethod?: DfaMethod;
}

/** A paused stretch [startMs, endMs) of elapsed time. */
interface Interval {
  startMs: number;
  endMs: number;
}

/**
 * The summary of a session from its meta (events, zone, kind) and all its samples (ascending elapsed time).
 *
 * - durationMs: elapsed time at the `finished` event; for an unfinished session, the last sample or event.
 * - activeMs: durationMs minus the paused stretches (`paused` to `resumed`, or to the end).
 * - Heart rate is time-weighted: each sample with a reading stands for the time until the next sample, capped at
 *   `gapCapMs` (a dropout is not time at that heart rate), never into a pause or past the end. Samples without a
 *   reading stand for nothing. averageHeartRateBpm = Σ bpm·t / Σ t (the plain mean of the readings when no
 *   reading stands for any time, e.g. a single last sample); maxHeartRateBpm is the highest reading.
 * - timeInZoneMs (with a zone only): the session replayed through the live zone tracker ({@link sessionTimeInZone}),
 *   so it is the figure the run showed: the heart rate smoothed over 5 s with hysteresis, a rise above the zone
 *   within the grace period (the zone's `graceMs`, else 20 s) counted as in it. A reading stands for at most
 *   `gapCapMs`; gaps, no-reading and paused time are in none of the three.
 * - beatCount: RR intervals recorded (an interval of 0, which no heart beats, is not one). The whole session's RR
 *   go once through the HRV core's `correctArtifacts`: artifactPct is the share (%) of intervals its detection
 *   flags, rmssdMs the core's `timeDomain` of the corrected series (the one successive difference across each
 *   dropout is kept: a handful among thousands).
 * - dfaAlpha1Timeline: see {@link dfaTimeline}; for kind 'breathing' also coherenceTimeline and its mean,
 *   meanCoherence (see {@link coherenceTimeline}); both on windows of that corrected series.
 */
export function summarizeSession(
  meta: SessionMeta,
  samples: readonly SessionSample[],
  options: SummaryOptions = {},
): SessionSummary {
  const gapCapMs = options.gapCapMs ?? DEFAULT_GAP_THRESHOLD_MS;
  const endMs = sessionEndMs(meta.events, samples);
  const pauses = pausedIntervals(meta.events, endMs);
  let pausedMs = 0;
  for (const pause of pauses) pausedMs += pause.endMs - pause.startMs;

  let weightedSum = 0;
  let weightMs = 0;
  let readingSum = 0;
  let readingCount = 0;
  let maxBpm = Number.NEGATIVE_INFINITY;
  let pauseIndex = 0;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i];
    if (sample === undefined) continue;
    const bpm = sample.heartRateBpm;
    if (bpm === null) continue;
    const t = sample.elapsedMs;
    readingSum += bpm;
    readingCount++;
    maxBpm = Math.max(maxBpm, bpm);

    while (pauseIndex < pauses.length && (pauses[pauseIndex]?.endMs ?? 0) <= t) pauseIndex++;
    let holdEndMs = Math.min(samples[i + 1]?.elapsedMs ?? endMs, t + gapCapMs, endMs);
    const pause = pauses[pauseIndex];
    if (pause !== undefined && pause.startMs < holdEndMs) holdEndMs = pause.startMs;
    const heldMs = Math.max(0, holdEndMs - t);
    weightedSum += bpm * heldMs;
    weightMs += heldMs;
  }

  const raw = sessionBeats(samples);
  const summary: SessionSummary = {
    durationMs: endMs,
    activeMs: endMs - pausedMs,
    beatCount: raw.rrMs.length,
  };
  if (readingCount > 0) {
    summary.averageHeartRateBpm = weightMs > 0 ? weightedSum / weightMs : readingSum / readingCount;
    summary.maxHeartRateBpm = maxBpm;
  }
  const timeInZoneMs = sessionTimeInZone(meta, samples, { staleAfterMs: gapCapMs, endMs });
  if (timeInZoneMs !== undefined) summary.timeInZoneMs = timeInZoneMs;
  if (raw.rrMs.length === 0) return summary;

  const corrected = correctSessionBeats(raw);
  const { ectopic, long, short, missed, extra } = corrected.report;
  // An interval can carry two flags (e.g. missed and extra): count it once.
  const flagged = new Set([...ectopic, ...long, ...short, ...missed, ...extra]);
  summary.artifactPct = (100 * flagged.size) / raw.rrMs.length;
  const hrv = timeDomain(corrected.rrMs);
  if (hrv !== undefined) summary.rmssdMs = hrv.rmssdMs;

  const beats = { raw, corrected };
  const dfa = dfaTimeline(samples, beats, endMs, options.dfaMethod ?? 'kubios');
  if (dfa.length > 0) summary.dfaAlpha1Timeline = dfa;
  if (meta.kind === 'breathing') {
    const timeline = coherenceTimeline(samples, beats, endMs);
    if (timeline.length > 0) {
      summary.coherenceTimeline = timeline;
      let sum = 0;
      for (const point of timeline) sum += point.ratio;
      summary.meanCoherence = sum / timeline.length;
    }
  }
  return summary;
}

/** Paused stretches in time order, within [0, endMs]: `paused` to the next `resumed`, or to the end. */
export function pausedIntervals(events: readonly SessionEvent[], endMs: number): Interval[] {
  const ordered = [...events].sort((a, b) => a.elapsedMs - b.elapsedMs);
  const intervals: Interval[] = [];
  let pausedAtMs: number | undefined;
  const close = (atMs: number): void => {
    if (pausedAtMs === undefined) return;
    const startMs = Math.min(Math.max(0, pausedAtMs), endMs);
    const stopMs = Math.min(Math.max(startMs, atMs), endMs);
    if (stopMs > startMs) intervals.push({ startMs, endMs: stopMs });
    pausedAtMs = undefined;
  };
  for (const event of ordered) {
    if (event.type === 'paused' && pausedAtMs === undefined) pausedAtMs = event.elapsedMs;
    else if (event.type === 'resumed') close(event.elapsedMs);
    else if (event.type === 'finished') break;
  }
  close(endMs);
  return intervals;
}

/** Time run so far, pauses excluded: what the run screen's clock shows at `elapsedMs`. */
export function activeMsAt(events: readonly SessionEvent[], elapsedMs: number): number {
  let pausedMs = 0;
  for (const pause of pausedIntervals(events, elapsedMs)) pausedMs += pause.endMs - pause.startMs;
  return Math.max(0, elapsedMs - pausedMs);
}
