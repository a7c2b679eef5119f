import type {
  ExertionScore,
  MoodReport,
  SessionKind,
  SessionMeta,
  SessionPlanRef,
  SessionStatus,
  SessionSummary,
  SessionZone,
} from '../../core/session/session-model';

/** The summary as history shows it: without the DFA-a1 timeline, which can hold hundreds of points per run. */
export type HistorySummary = Omit<SessionSummary, 'dfaAlpha1Timeline'>;

/** One line of history: what the list shows, a few hundred bytes, so a thousand of them load at once. */
export interface HistoryEntry {
  id: string;
  kind: SessionKind;
  status: SessionStatus;
  startedAtWallMs: number;
  endedAtWallMs?: number;
  runnerId?: string;
  runnerName?: string;
  /** A run of a therapist's group run: shown as supervised. */
  supervised?: true;
  planName?: string;
  /** The plan and, for a course run, its week and run: course progress is counted from history alone. */
  plan?: SessionPlanRef;
  zone?: SessionZone;
  before?: MoodReport;
  after?: MoodReport;
  exertion?: ExertionScore;
  /** The start of the notes, enough for one line in the list. */
  notesPreview: string;
  summary?: HistorySummary;
}

/**
 * The stored form of a HistoryEntry. IndexedDB leaves a record out of an index whose key is undefined, so the
 * runner index uses `runnerKey`: the runnerId, or '' for a session without a runner, which keeps those sessions
 * findable by runner too.
 */
export interface HistoryRecord extends HistoryEntry {
  runnerKey: string;
}

export const notesPreviewLength = 140;

export function historyRecordOf(meta: SessionMeta): HistoryRecord {
  const record: HistoryRecord = {
    id: meta.id,
    kind: meta.kind,
    status: meta.status,
    startedAtWallMs: meta.startedAtWallMs,
    notesPreview: meta.notes.slice(0, notesPreviewLength),
    runnerKey: meta.runnerId ?? '',
  };
  // Optional fields are only set when present, so the record holds no `undefined` keys.
  if (meta.endedAtWallMs !== undefined) record.endedAtWallMs = meta.endedAtWallMs;
  if (meta.runnerId !== undefined) record.runnerId = meta.runnerId;
  if (meta.runnerName !== undefined) record.runnerName = meta.runnerName;
  if (meta.group !== undefined) record.supervised = true;
  if (meta.plan !== undefined) {
    record.planName = meta.plan.name;
    record.plan = meta.plan;
  }
  if (meta.zone !== undefined) record.zone = meta.zone;
  if (meta.before !== undefined) record.before = meta.before;
  if (meta.after !== undefined) record.after = meta.after;
  if (meta.exertion !== undefined) record.exertion = meta.exertion;
  if (meta.summary !== undefined) {
    const { dfaAlpha1Timeline: _timeline, ...summary } = meta.summary;
    record.summary = summary;
  }
  return record;
}
