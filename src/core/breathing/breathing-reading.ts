import type { SensorContact } from '../ble/heart-rate-measurement';
import { COHERENCE_MIN_SPAN_S } from '../hrv/index';
import { coherenceLevel, type CoherenceLevel } from './coherence-level';

/**
 * What the breathing screen may say about coherence right now: a level with its number only when the data behind
 * it is good; otherwise the honest reason there is none.
 */
export type BreathingReading =
  | { readonly kind: 'level'; readonly ratio: number; readonly level: CoherenceLevel }
  /** Not yet a minute of beats: the first level comes when they cover {@link COHERENCE_MIN_SPAN_S}. */
  | { readonly kind: 'waiting'; readonly coveredS: number; readonly neededS: number }
  /** No strap, or nothing received for a while. */
  | { readonly kind: 'no-signal' }
  /** The strap says it has no skin contact. */
  | { readonly kind: 'no-contact' }
  /** Readings arrive, but too few beat intervals with them (a strap that sends none, or many dropped). */
  | { readonly kind: 'too-few-beats' }
  /** More of the recent beats were flagged as artifacts than a spectrum tolerates. */
  | { readonly kind: 'too-many-artifacts'; readonly artifactPct: number };

export type BreathingReadingKind = BreathingReading['kind'];

/**
 * Above 5 % corrected beats the coherence spectrum says more about the correction than about the heart. The same
 * limit as the app's DFA-a1 calibration; a conservative choice of ours (even a few percent of artifacts are known
 * to bias spectral HRV), not a published cut-off for coherence.
 */
export const MAX_ARTIFACT_PCT = 5;
/** A strap notifies about once a second: five seconds of silence is a lost signal, not a slow heart. */
export const SIGNAL_TIMEOUT_MS = 5000;
/** The recent stretch whose beats must add up to enough of it. */
export const BEAT_COVERAGE_WINDOW_MS = 10_000;
/**
 * Beats received in the last 10 s must cover at least half of it. A heart always does: less means intervals are
 * missing (most often a device that sends heart rate without RR), and a spectrum over holes is no measurement.
 */
export const MIN_BEAT_COVERAGE = 0.5;

export interface ReadingInput {
  /** Ms since the last notification; undefined when none has come. */
  readonly msSinceLastMeasurement: number | undefined;
  readonly sensorContact: SensorContact | undefined;
  /** Share of the last {@link BEAT_COVERAGE_WINDOW_MS} covered by the RR received in it; undefined before then. */
  readonly beatCoverage: number | undefined;
  /** Seconds the current unbroken series of RR covers. */
  readonly coveredS: number;
  /** The HRV core's artifact share of the recent beats, %. */
  readonly artifactPct: number | undefined;
  /** The HRV core's latest coherence ratio. */
  readonly coherenceRatio: number | undefined;
}

/**
 * The reading, checked in the order a runner can act on: signal, skin contact, beats, then (only once there would
 * be a number) artifacts. Artifacts are not judged while waiting: over the first few beats one odd interval is a
 * large share, and there is no number to withhold yet.
 */
export function breathingReading(input: ReadingInput): BreathingReading {
  const age = input.msSinceLastMeasurement;
  if (age === undefined || !(age <= SIGNAL_TIMEOUT_MS)) return { kind: 'no-signal' };
  if (input.sensorContact === 'no-contact') return { kind: 'no-contact' };
  if (input.beatCoverage !== undefined && input.beatCoverage < MIN_BEAT_COVERAGE)
    return { kind: 'too-few-beats' };
  const ratio = input.coherenceRatio;
  if (ratio === undefined || !Number.isFinite(ratio)) {
    return { kind: 'waiting', coveredS: Math.max(0, input.coveredS), neededS: COHERENCE_MIN_SPAN_S };
  }
  if (input.artifactPct !== undefined && input.artifactPct > MAX_ARTIFACT_PCT) {
    return { kind: 'too-many-artifacts', artifactPct: input.artifactPct };
  }
  return { kind: 'level', ratio, level: coherenceLevel(ratio) };
}
