import type { BodySensorLocation } from '../ble/body-sensor-location';
import type { SensorContact } from '../ble/heart-rate-measurement';

/**
 * The session record. Times inside a session are `elapsedMs`: monotonic milliseconds since the session started
 * (immune to clock changes); `startedAtWallMs` anchors them to the calendar.
 */
/** A run, a breathing exercise, or a seated resting HRV check (intake, before a supervised run, evaluation). */
export type SessionKind = 'run' | 'breathing' | 'resting';
export type SessionStatus = 'recording' | 'paused' | 'finished';

/** Feeling Scale (Hardy & Rejeski 1989): -5 "very bad" to +5 "very good". */
export type FeelingScore = -5 | -4 | -3 | -2 | -1 | 0 | 1 | 2 | 3 | 4 | 5;
/** Felt Arousal Scale (Svebak & Murgatroyd 1985): 1 "low arousal" to 6 "high arousal". */
export type ArousalScore = 1 | 2 | 3 | 4 | 5 | 6;
/** How hard the run felt, 0 "resting" to 10 "as hard as I can", in our own words (not the licensed Borg wording). */
export type ExertionScore = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

export interface MoodReport {
  feeling: FeelingScore;
  arousal: ArousalScore;
}

/** What the runner said after a run: how they felt, how hard it was, a note; each part optional. */
export interface RunFeelings {
  after?: MoodReport;
  exertion?: ExertionScore;
  notes?: string;
}

/** Who ran: a profile's id and the name or pseudonym it had then. */
export interface RunnerRef {
  id: string;
  name: string;
}

/** A run of a supervised group: every runner's session carries the same group id. */
export interface SessionGroupRef {
  groupId: string;
  /** How many runners the group started with, so a resume can tell whether all of them are back. */
  size: number;
  /** This runner's place among the group's tiles, from 0: a resumed group stands in the order it had. */
  place?: number;
}

export interface SessionStrap {
  name: string;
  bodySensorLocation?: BodySensorLocation;
}

/** The zone in force, always in bpm, with how it was derived. */
export interface SessionZone {
  lowBpm: number;
  highBpm: number;
  method: 'percent-max' | 'percent-reserve' | 'fixed' | 'calibrated' | 'by-feel';
  /**
   * The zone tracker's grace period in force during the session, ms: a rise above the zone shorter than this
   * counts as in the zone. Absent in sessions recorded before it was kept: the tracker's default (20 s) then.
   */
  graceMs?: number;
}

/**
 * Time below, in and above the zone, ms, as the zone tracker counts it (core/zones/zone-tracker): the heart rate
 * smoothed over 5 s with hysteresis, and a rise above the zone within the grace period counted as in it. Time
 * without a (fresh) reading and paused time are in none of the three.
 */
export interface TimeInZoneMs {
  below: number;
  inZone: number;
  above: number;
}

export interface SessionPlanRef {
  planId: string;
  name: string;
  /** Week and run within a course, when the run belongs to one. */
  courseWeek?: number;
  courseRun?: number;
}

export type SessionEventType =
  | 'started'
  | 'paused'
  | 'resumed'
  | 'finished'
  | 'strap-connected'
  | 'strap-disconnected'
  | 'strap-reconnected'
  | 'gap'
  | 'phase-changed'
  | 'cue'
  | 'mark'
  | 'resumed-after-reload';

export interface SessionEvent {
  type: SessionEventType;
  elapsedMs: number;
  /** A short machine-readable detail: the cue's id, the phase's name, the gap's length. */
  detail?: string;
}

/** One measurement as the session keeps it: null heart rate is "no reading". */
export interface SessionSample {
  elapsedMs: number;
  heartRateBpm: number | null;
  sensorContact: SensorContact;
  /** RR intervals carried by this notification, in 1/1024 s (lossless, as the strap sent them). */
  rrIntervals1024: number[];
}

export interface SessionSummary {
  durationMs: number;
  /** Time actually recorded (paused time excluded). */
  activeMs: number;
  averageHeartRateBpm?: number;
  maxHeartRateBpm?: number;
  /** Time below, in and above the zone, in ms; only with a zone. */
  timeInZoneMs?: TimeInZoneMs;
  beatCount: number;
  rmssdMs?: number;
  artifactPct?: number;
  /** SDNN, pNN50, Poincaré and mean RR of the whole session's corrected beats, beside rmssdMs. */
  timeDomain?: SummaryTimeDomain;
  /** Resting checks only: the spectrum of the corrected beats (Task Force 1996 bands). */
  frequencyDomain?: SummaryFrequencyDomain;
  /** Resting checks only: what was planned, and why no figures were given when the check was refused. */
  restingCheck?: RestingCheckSummary;
  dfaAlpha1Timeline?: { elapsedMs: number; alpha1: number }[];
  /** Breathing sessions: the coherence ratio every 5 s over the preceding 64 s, where defined. */
  coherenceTimeline?: { elapsedMs: number; ratio: number }[];
  meanCoherence?: number;
}

/** The time-domain figures a summary keeps (see core/hrv/time-domain for their definitions). */
export interface SummaryTimeDomain {
  sdnnMs: number;
  pnn50Pct: number;
  sd1Ms: number;
  sd2Ms: number;
  meanRrMs: number;
}

/** The frequency-domain figures a summary keeps (see core/hrv/frequency-domain): powers ms², peaks Hz, nu %. */
export interface SummaryFrequencyDomain {
  vlfMs2: number;
  lfMs2: number;
  hfMs2: number;
  lfHfRatio: number;
  lfNu: number;
  hfNu: number;
  lfPeakHz: number;
  hfPeakHz: number;
}

/** The lengths a resting check offers, minutes. */
export type RestingCheckMinutes = 2 | 5;

/** Why a resting check gave no figures (core/hrv/resting-check). */
export type RestingCheckRefusalReason = 'too-many-artifacts' | 'too-short' | 'flat-signal';

/**
 * A resting check as its summary keeps it. A refused check has a `refusal` and no rmssdMs, timeDomain or
 * frequencyDomain in its summary.
 */
export interface RestingCheckSummary {
  /** Undefined when the session carries no resting plan (a file from elsewhere). */
  plannedMinutes?: RestingCheckMinutes;
  pacedBreathing: boolean;
  /** The pacer's rate, breaths a minute, when paced breathing was on. */
  breathingRatePerMinute?: number;
  refusal?: RestingCheckRefusalReason;
}

export interface SessionMeta {
  id: string;
  kind: SessionKind;
  status: SessionStatus;
  startedAtWallMs: number;
  endedAtWallMs?: number;
  runnerId?: string;
  runnerName?: string;
  /** Set for a run of a supervised group run (a therapist's group): shown as supervised in history. */
  group?: SessionGroupRef;
  strap?: SessionStrap;
  plan?: SessionPlanRef;
  zone?: SessionZone;
  before?: MoodReport;
  after?: MoodReport;
  exertion?: ExertionScore;
  notes: string;
  events: SessionEvent[];
  summary?: SessionSummary;
}

/**
 * A run of samples stored as one record: appended at least every 5 s while recording, so a crash loses at most
 * that much. `bytes` is the compact encoding of core/session/sample-codec.
 */
export interface SampleChunk {
  sessionId: string;
  seq: number;
  firstElapsedMs: number;
  lastElapsedMs: number;
  sampleCount: number;
  bytes: Uint8Array;
}
