import { coherence, COHERENCE_WINDOW_S, correctArtifacts, dfaAlpha1, type DfaMethod } from '../hrv/index';
import type { CorrectedBeats, SessionBeats } from './session-beats';
import type { SessionSample } from './session-model';

/** A DFA-a1 point every 30 s ... */
export const DFA_TIMELINE_STEP_MS = 30_000;
/** ... over the preceding 2 minutes, the window α1 is stable on (Gronwald et al. 2020). */
export const DFA_TIMELINE_WINDOW_MS = 120_000;
/** A DFA window whose beats cover less than this share of it (dropout, pause, late strap) gives no point. */
export const DFA_TIMELINE_MIN_COVERAGE = 0.9;
/** A coherence value every 5 s, as the breathing screen updates it, over the HRV core's 64-s window. */
export const COHERENCE_TIMELINE_STEP_MS = 5000;
export const COHERENCE_TIMELINE_WINDOW_MS = COHERENCE_WINDOW_S * 1000;

/** The session's beats, raw and corrected, as the timelines take them. */
export interface TimelineBeats {
  readonly raw: SessionBeats;
  readonly corrected: CorrectedBeats;
}

/**
 * Evaluates `compute` at t = step, 2·step, ... up to `endMs` on the samples received in (t − window, t]: windows
 * go by the samples' arrival times, whole notifications at a time (a beat's exact time is within one notification
 * of it, far below a window's length). `compute` gets the window's corrected RR (a slice of the whole session's
 * correction) and its raw RR. Keeps the points where it is defined. Linear in the session's length plus the
 * windows' total size.
 */
function windowedTimeline(
  samples: readonly SessionSample[],
  beats: TimelineBeats,
  endMs: number,
  stepMs: number,
  windowMs: number,
  compute: (correctedRrMs: number[], rawRrMs: number[]) => number | undefined,
): { elapsedMs: number; value: number }[] {
  const { raw, corrected } = beats;
  const points: { elapsedMs: number; value: number }[] = [];
  let from = 0;
  let to = 0;
  for (let t = stepMs; t <= endMs; t += stepMs) {
    while (to < samples.length && (samples[to]?.elapsedMs ?? 0) <= t) to++;
    while (from < to && (samples[from]?.elapsedMs ?? 0) <= t - windowMs) from++;
    if (from === to) continue;
    const rawRr = raw.rrMs.slice(raw.beatStart[from] ?? 0, raw.beatStart[to] ?? 0);
    // Should the correction ever stop being locatable, each window is corrected on its own instead.
    const correctedRr = corrected.located
      ? corrected.rrMs.slice(corrected.beatStart[from] ?? 0, corrected.beatStart[to] ?? 0)
      : correctArtifacts(rawRr).rrMs;
    const value = compute(correctedRr, rawRr);
    if (value !== undefined) points.push({ elapsedMs: t, value });
  }
  return points;
}

/**
 * DFA-a1 (the HRV core's `dfaAlpha1`) every {@link DFA_TIMELINE_STEP_MS} on the corrected RR of the samples
 * received in the preceding {@link DFA_TIMELINE_WINDOW_MS}. A window whose raw intervals cover less than
 * {@link DFA_TIMELINE_MIN_COVERAGE} of it gives no point, so no point joins beats across a dropout or a pause.
 */
export function dfaTimeline(
  samples: readonly SessionSample[],
  beats: TimelineBeats,
  endMs: number,
  method: DfaMethod,
): { elapsedMs: number; alpha1: number }[] {
  const minCoveredMs = DFA_TIMELINE_MIN_COVERAGE * DFA_TIMELINE_WINDOW_MS;
  const compute = (correctedRrMs: number[], rawRrMs: number[]): number | undefined => {
    let coveredMs = 0;
    for (const rr of rawRrMs) coveredMs += rr;
    return coveredMs < minCoveredMs ? undefined : dfaAlpha1(correctedRrMs, { method });
  };
  return windowedTimeline(samples, beats, endMs, DFA_TIMELINE_STEP_MS, DFA_TIMELINE_WINDOW_MS, compute).map(
    ({ elapsedMs, value }) => ({ elapsedMs, alpha1: roundForRecord(value) }),
  );
}

/**
 * Coherence ratio (the HRV core's `coherence`) every {@link COHERENCE_TIMELINE_STEP_MS} on the corrected RR of
 * the samples received in the preceding 64 s; the core itself refuses a window whose beats cover under 60 s.
 */
export function coherenceTimeline(
  samples: readonly SessionSample[],
  beats: TimelineBeats,
  endMs: number,
): { elapsedMs: number; ratio: number }[] {
  const compute = (correctedRrMs: number[]): number | undefined => coherence(correctedRrMs)?.ratio;
  return windowedTimeline(
    samples,
    beats,
    endMs,
    COHERENCE_TIMELINE_STEP_MS,
    COHERENCE_TIMELINE_WINDOW_MS,
    compute,
  ).map(({ elapsedMs, value }) => ({ elapsedMs, ratio: roundForRecord(value) }));
}

/**
 * Timeline values are stored with every session: three decimals are well beyond what DFA-a1 or a coherence ratio
 * can tell apart, and keep the stored record small (the storage budget is 40 KB per hour).
 */
function roundForRecord(value: number): number {
  return Math.round(value * 1000) / 1000;
}
