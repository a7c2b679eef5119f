import type { SampleChunk, SessionMeta } from '../../core/session/session-model';
import type { HistoryEntry } from './history-entry';
import type { StoredChunk } from './stored-chunk';

/** History filters; all optional, combined with "and". */
export interface HistoryQuery {
  /** One runner's sessions; null for the sessions without a runner; absent for all. */
  runnerId?: string | null;
  /** Sessions started at or after this wall time. */
  fromWallMs?: number;
  /** Sessions started before this wall time (exclusive, so a day is [midnight, next midnight)). */
  toWallMs?: number;
  /** At most this many, the newest. */
  limit?: number;
}

/** A session left recording or paused by a reload, a crash or a closed tab, with where its record stops. */
export interface InterruptedSession {
  meta: SessionMeta;
  /** The seq for the next appended chunk. */
  nextSeq: number;
  /** The end of the last stored chunk; undefined when no chunk was stored. */
  lastElapsedMs: number | undefined;
}

/** What deleteSession removed, held by the undo action; give it back to restoreSession. */
export interface DeletedSession {
  readonly meta: SessionMeta;
  readonly chunks: readonly StoredChunk[];
}

/** One session to import, its chunks as the codec wrote them. */
export interface ImportItem {
  meta: SessionMeta;
  chunks: readonly SampleChunk[];
}

export interface ImportResult {
  imported: string[];
  /** Ids already on the device (or repeated in the import): kept as they were. */
  skipped: string[];
}

/**
 * Where sessions live. Every method rejects with a StorageError; StorageFullError means the write was dropped as a
 * whole and the caller still holds the data (keep the run in memory and offer an export).
 */
export interface SessionStorage {
  /** Stores a new session; rejects with reason 'conflict' if the id exists. */
  createSession(meta: SessionMeta): Promise<void>;
  /** Appends one live chunk (one small write: called at least every 5 s while recording). */
  appendChunk(chunk: SampleChunk): Promise<void>;
  updateMeta(meta: SessionMeta): Promise<void>;
  /** Stores the finished meta and merges the live chunks into a few records, in one transaction. */
  finishSession(meta: SessionMeta): Promise<void>;
  getSession(id: string): Promise<SessionMeta | undefined>;
  /** The session's chunks' bytes, exactly as appended, in seq order. */
  loadSamplesBytes(id: string): Promise<Uint8Array[]>;
  /** History, newest first, from the light history records only. */
  listHistory(query?: HistoryQuery): Promise<HistoryEntry[]>;
  /**
   * Every session still 'recording' or 'paused', newest first, to offer resume or finish after a reload: one for a
   * solo run, one per runner for a group run (they share `meta.group.groupId`).
   */
  findInterruptedSessions(): Promise<InterruptedSession[]>;
  /** Removes the session and its chunks in one transaction; undefined if there was no such session. */
  deleteSession(id: string): Promise<DeletedSession | undefined>;
  /** Undoes deleteSession. */
  restoreSession(deleted: DeletedSession): Promise<void>;
  /** Bytes the whole origin uses, when the browser tells. */
  storageUsedBytes(): Promise<number | undefined>;
  /** Adds the sessions in one transaction: all or nothing; ids already present are skipped, never overwritten. */
  importSessions(items: readonly ImportItem[]): Promise<ImportResult>;
  eraseEverything(): Promise<void>;
  /** Closes the database connection. */
  close(): void;
}
