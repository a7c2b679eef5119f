import {
  artifactSharePct,
  restingCheckOfCorrected,
  timeDomain,
  type DfaMethod,
  type FrequencyDomain,
  type TimeDomain,
} from '../hrv/index';
import { maxHeartRateBpm } from '../ble/strap-measurement';
import { DEFAULT_GAP_THRESHOLD_MS } from './gap-threshold';
import { sessionEndMs } from './session-end';
import { restingPlanOf } from './resting-plan';
import type {
  RestingCheckRefusalReason,
  RestingCheckSummary,
  SessionEvent,
  SessionMeta,
  SessionSample,
  SessionSummary,
  SummaryFrequencyDomain,
  SummaryTimeDomain,
} from './session-model';
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
 *   dropout is kept: a handful among thousands), and timeDomain (SDNN, pNN50, SD1, SD2, mean RR) from the same
 *   figures, for every kind.
 * - For kind 'resting' (core/hrv/resting-check on the same corrected series): restingCheck (the plan from the
 *   session's plan reference, see resting-plan.ts, and the refusal if any) and frequencyDomain; the resting heart
 *   rate becomes averageHeartRateBpm (mean of the corrected beats' instantaneous rates, not the strap's reading;
 *   the strap's stays when the beats claim more than a heart can beat).
 *   A refused check keeps its artifactPct but has no rmssdMs, timeDomain or frequencyDomain: no figure is shown
 *   from beats the check itself does not trust.
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
  if (raw.rrMs.length === 0) {
    if (meta.kind === 'resting') summary.restingCheck = restingCheckSummary(meta, 'too-short');
    return summary;
  }

  const corrected = correctSessionBeats(raw);
  summary.artifactPct = artifactSharePct(corrected.report, raw.rrMs.length);
  const hrv = timeDomain(corrected.rrMs);
  if (hrv !== undefined) {
    summary.rmssdMs = hrv.rmssdMs;
    summary.timeDomain = summaryTimeDomain(hrv);
  }
  if (meta.kind === 'resting') {
    const check = restingCheckOfCorrected(raw.rrMs.length, corrected.rrMs, corrected.report);
    summary.restingCheck = restingCheckSummary(meta, check.ok ? undefined : check.reason);
    if (check.ok) {
      // Beats faster than any heart (a strap sending junk intervals) leave the strap's own average in place.
      if (check.restingHrBpm <= maxHeartRateBpm) summary.averageHeartRateBpm = check.restingHrBpm;
      if (check.frequencyDomain) summary.frequencyDomain = summaryFrequencyDomain(check.frequencyDomain);
    } else {
      delete summary.rmssdMs;
      delete summary.timeDomain;
    }
  }

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

function restingCheckSummary(
  meta: SessionMeta,
  refusal: RestingCheckRefusalReason | undefined,
): RestingCheckSummary {
  const plan = restingPlanOf(meta.plan);
  const rate = plan?.breathingRatePerMinute;
  return {
    ...(plan && { plannedMinutes: plan.minutes }),
    pacedBreathing: rate !== undefined,
    ...(rate !== undefined && { breathingRatePerMinute: rate }),
    ...(refusal && { refusal }),
  };
}

function summaryTimeDomain(hrv: TimeDomain): SummaryTimeDomain {
  return {
    sdnnMs: hrv.sdnnMs,
    pnn50Pct: hrv.pnn50Pct,
    sd1Ms: hrv.sd1Ms,
    sd2Ms: hrv.sd2Ms,
    meanRrMs: hrv.meanRrMs,
  };
}

function summaryFrequencyDomain(spectrum: FrequencyDomain): SummaryFrequencyDomain {
  return {
    vlfMs2: spectrum.vlfMs2,
    lfMs2: spectrum.lfMs2,
    hfMs2: spectrum.hfMs2,
    lfHfRatio: spectrum.lfHfRatio,
    lfNu: spectrum.lfNu,
    hfNu: spectrum.hfNu,
    lfPeakHz: spectrum.lfPeakHz,
    hfPeakHz: spectrum.hfPeakHz,
  };
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
