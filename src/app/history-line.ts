import type { HistoryEntry } from '../adapters/storage/history-entry';
import type { FeelingScore, SessionKind } from '../core/session/session-model';
import { inZonePercent } from '../core/zones/zone-time';

/** One line of the history list with its figures worked out, ready to be put into words. */
export interface HistoryLine {
  id: string;
  kind: SessionKind;
  startedAtWallMs: number;
  runnerName: string | undefined;
  /** A run of a therapist's group run. */
  supervised: boolean;
  notesPreview: string;
  /** Active minutes (rounded); undefined for a session that was never finished, which has no summary. */
  activeMinutes: number | undefined;
  inZonePercent: number | undefined;
  /** The time-weighted average heart rate, rounded. */
  averageHeartRateBpm: number | undefined;
  /** The Feeling Scale before and after, when both were answered. */
  feeling: { before: FeelingScore; after: FeelingScore } | undefined;
}

export function historyLineOf(entry: HistoryEntry): HistoryLine {
  const summary = entry.summary;
  const zoneTime = summary?.timeInZoneMs;
  const average = summary?.averageHeartRateBpm;
  return {
    id: entry.id,
    kind: entry.kind,
    startedAtWallMs: entry.startedAtWallMs,
    runnerName: entry.runnerName,
    supervised: entry.supervised === true,
    notesPreview: entry.notesPreview,
    activeMinutes: summary ? Math.round(summary.activeMs / 60_000) : undefined,
    inZonePercent: zoneTime ? inZonePercent(zoneTime) : undefined,
    averageHeartRateBpm: average !== undefined ? Math.round(average) : undefined,
    feeling:
      entry.before && entry.after ? { before: entry.before.feeling, after: entry.after.feeling } : undefined,
  };
}
