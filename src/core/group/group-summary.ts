import type { SessionMeta } from '../session/session-model';
import { inZonePercent } from '../zones/zone-time';

/** One runner's line in the summary of a group run. */
export interface RunnerRunSummary {
  sessionId: string;
  runnerName: string | undefined;
  activeMs: number;
  /** Share of the time with a reading that was in the zone, whole percent; undefined without a zone or a reading. */
  inZonePct: number | undefined;
  averageHeartRateBpm: number | undefined;
  /** Stretches without data (a strap out of range, a lost contact), as the recorder marked them. */
  gapCount: number;
  gapTotalMs: number;
  /** Active time over the planned run's length, 0..1; undefined for a run without a plan. */
  planCompletion: number | undefined;
}

/**
 * Summarises one finished run of a group for the therapist: what went well first (time in zone), then the
 * facts (heart rate, gaps, how much of the planned run was done). `plannedMs` is the plan's length, if any.
 */
export function summarizeRunnerRun(meta: SessionMeta, plannedMs: number | undefined): RunnerRunSummary {
  const summary = meta.summary;
  const gaps = meta.events.filter((event) => event.type === 'gap');
  const gapTotalMs = gaps.reduce((total, event) => total + (Number(event.detail) || 0), 0);
  const activeMs = summary?.activeMs ?? 0;
  return {
    sessionId: meta.id,
    runnerName: meta.runnerName,
    activeMs,
    inZonePct:
      meta.zone && meta.zone.method !== 'by-feel' && summary?.timeInZoneMs
        ? inZonePercent(summary.timeInZoneMs)
        : undefined,
    averageHeartRateBpm: summary?.averageHeartRateBpm,
    gapCount: gaps.length,
    gapTotalMs,
    planCompletion: plannedMs !== undefined && plannedMs > 0 ? Math.min(1, activeMs / plannedMs) : undefined,
  };
}
