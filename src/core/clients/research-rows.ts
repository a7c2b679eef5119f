import { timeDomain } from '../hrv/index';
import { correctSessionBeats, sessionBeats } from '../session/session-beats';
import type { SessionKind, SessionMeta, SessionSample, SessionSummary } from '../session/session-model';
import { summarizeSession } from '../session/session-summary';
import { courseWeekOn, daysBetween } from './calendar-days';
import type { CalendarDate, ClientCourse } from './client-record';

/**
 * One session as a research export shows it: a participant code instead of a name, days since the course start
 * instead of a date, figures only (never the runner's or the therapist's words). Optional figures are absent when
 * the session has nothing to compute them from.
 */
export interface ResearchRow {
  participant: string;
  /** The course week the session fell in by date: 1 is the first; 0 or less is before the course started. */
  courseWeek: number;
  /** The course run it followed, when it was a planned run of the course. */
  plannedWeek?: number;
  plannedRun?: number;
  supervised: boolean;
  /** Whole days from the course's first day to the session's (local) day: 0 on the first day. */
  dayOffset: number;
  kind: SessionKind;
  durationS: number;
  activeMin: number;
  averageHeartRateBpm?: number;
  maxHeartRateBpm?: number;
  /** Shares of the time with a zone reading below, in and above the zone, % (they add up to 100). */
  belowZonePct?: number;
  inZonePct?: number;
  aboveZonePct?: number;
  rmssdMs?: number;
  lnRmssd?: number;
  sdnnMs?: number;
  pnn50Pct?: number;
  artifactPct?: number;
  feelingBefore?: number;
  arousalBefore?: number;
  feelingAfter?: number;
  arousalAfter?: number;
  exertion?: number;
}

/**
 * A code for each runner, stable within one export: P01, P02, ... in the order of their ids (random ids: the order
 * says nothing about the person), three digits from the hundredth. The same clients always get the same codes.
 */
export function participantCodes(runnerIds: readonly string[]): Map<string, string> {
  const ids = [...new Set(runnerIds)].sort();
  const digits = Math.max(2, String(ids.length).length);
  return new Map(ids.map((id, index) => [id, `P${String(index + 1).padStart(digits, '0')}`]));
}

/**
 * Whether a session's row needs its samples: only a session stored before summaries carried the time domain (or
 * with no summary at all). A refused resting check has none on purpose and is shown without HRV.
 */
export function researchRowNeedsSamples(meta: SessionMeta): boolean {
  const summary = meta.summary;
  return (
    summary === undefined || (summary.timeDomain === undefined && summary.restingCheck?.refusal === undefined)
  );
}

/**
 * The row of one session of a participant:
 * - durations and heart rate from the session's summary (computed from the samples when it has none);
 * - zone shares from its time below/in/above the zone, over the time counted in one of the three;
 * - RMSSD, ln RMSSD (natural log of ms), SDNN and pNN50 from the summary's time domain of the whole session's RR
 *   after artifact correction; for an older session without it, the same computed from its samples (pass them when
 *   {@link researchRowNeedsSamples}), at least 3 beats;
 * - artifact share as the summary gives it.
 */
export function researchRow(
  participant: string,
  course: ClientCourse,
  session: { meta: SessionMeta; samples?: readonly SessionSample[]; startDate: CalendarDate },
): ResearchRow {
  const { meta } = session;
  const samples = session.samples ?? [];
  const summary = meta.summary ?? summarizeSession(meta, samples);
  const dayOffset = daysBetween(course.startDate, session.startDate);
  const row: ResearchRow = {
    participant,
    courseWeek: courseWeekOn(course.startDate, session.startDate),
    supervised: meta.group !== undefined,
    dayOffset,
    kind: meta.kind,
    durationS: Math.round(summary.durationMs / 1000),
    activeMin: summary.activeMs / 60_000,
  };
  if (meta.plan?.courseWeek !== undefined) row.plannedWeek = meta.plan.courseWeek;
  if (meta.plan?.courseRun !== undefined) row.plannedRun = meta.plan.courseRun;
  if (summary.averageHeartRateBpm !== undefined) row.averageHeartRateBpm = summary.averageHeartRateBpm;
  if (summary.maxHeartRateBpm !== undefined) row.maxHeartRateBpm = summary.maxHeartRateBpm;
  const zone = summary.timeInZoneMs;
  const zoneMs = zone ? zone.below + zone.inZone + zone.above : 0;
  if (zone && zoneMs > 0) {
    row.belowZonePct = (100 * zone.below) / zoneMs;
    row.inZonePct = (100 * zone.inZone) / zoneMs;
    row.aboveZonePct = (100 * zone.above) / zoneMs;
  }
  const hrv = researchHrv(meta, summary, samples);
  if (hrv) {
    row.rmssdMs = hrv.rmssdMs;
    if (hrv.rmssdMs > 0) row.lnRmssd = Math.log(hrv.rmssdMs);
    row.sdnnMs = hrv.sdnnMs;
    row.pnn50Pct = hrv.pnn50Pct;
  }
  if (summary.artifactPct !== undefined) row.artifactPct = summary.artifactPct;
  if (meta.before) {
    row.feelingBefore = meta.before.feeling;
    row.arousalBefore = meta.before.arousal;
  }
  if (meta.after) {
    row.feelingAfter = meta.after.feeling;
    row.arousalAfter = meta.after.arousal;
  }
  if (meta.exertion !== undefined) row.exertion = meta.exertion;
  return row;
}

function researchHrv(
  meta: SessionMeta,
  summary: SessionSummary,
  samples: readonly SessionSample[],
): { rmssdMs: number; sdnnMs: number; pnn50Pct: number } | undefined {
  if (summary.timeDomain !== undefined && summary.rmssdMs !== undefined) {
    return { rmssdMs: summary.rmssdMs, ...summary.timeDomain };
  }
  if (!researchRowNeedsSamples({ ...meta, summary })) return undefined;
  const beats = sessionBeats(samples);
  return beats.rrMs.length > 0 ? timeDomain(correctSessionBeats(beats).rrMs) : undefined;
}
