import type {
  ExertionScore,
  MoodReport,
  SessionMeta,
  SessionPlanRef,
  SessionZone,
} from '../../../../src/core';
import type { ClientRecord } from '../../../../src/core/clients/client-record';
import type { ConnectionState, StrapInfo } from '../../../../src/core/strap/connection-state';

/**
 * What the bench's recorder page (index.html beside this file, built and served on the app's own origin) offers to
 * Playwright as `window.calmRunBench`. Everything crosses the page boundary as JSON.
 */

/** One thing the strap does, at `atMs` after the run's start. */
export type StrapHappening =
  /** A Heart Rate Measurement value as the strap notifies it. */
  | { atMs: number; kind: 'packet'; bytes: number[] }
  /** The connection changes, e.g. out of range (reconnecting) and back (live). */
  | { atMs: number; kind: 'state'; state: ConnectionState }
  /** A cue the coach gave, which the recording notes. */
  | { atMs: number; kind: 'cue'; cueId: string };

export interface RunToRecord {
  durationMs: number;
  happenings: StrapHappening[];
  /** Wall-clock time of the start, ms since the epoch. */
  startedAtWallMs: number;
  strap: StrapInfo;
  runner: { id: string; name: string };
  zone: SessionZone;
  plan?: SessionPlanRef;
  before: MoodReport;
  after: { after: MoodReport; exertion: ExertionScore; notes: string };
}

export interface RecordedRun {
  sessionId: string;
  /** Real time the page took to record the whole run. */
  recordingMs: number;
  /** Chunks RunRecording appended while recording (one write each). */
  chunksAppended: number;
  /** Every SessionStore write RunRecording made, by method: each one transaction. */
  writes: Record<string, number>;
  /** Records in the chunks store after finishSession merged them. */
  chunkRecordsStored: number;
  /** The sample codec's bytes as stored (the sum of every original chunk's bytes). */
  encodedBytes: number;
  samples: number;
  meta: SessionMeta;
}

/** A chunk as JSON carries it: its bytes in base64. */
export interface WireChunk {
  sessionId: string;
  seq: number;
  firstElapsedMs: number;
  lastElapsedMs: number;
  sampleCount: number;
  bytesBase64: string;
}

/**
 * Sessions to import through the storage adapter: each is a template's samples (its live chunks) under its own
 * session record, so a thousand sessions cross into the page as a few templates and a thousand records.
 */
export interface SessionsToImport {
  templates: WireChunk[][];
  sessions: { template: number; meta: SessionMeta }[];
  /** Sessions per importSessions call (one transaction each). */
  batchSize: number;
}

export interface StorageUsage {
  /** navigator.storage.estimate().usage */
  usageBytes: number;
  /** Chromium's usageDetails.indexedDB, when it reports one. */
  indexedDbBytes: number | undefined;
}

export interface RecorderPageApi {
  /** Opens the app's database (creating it at its current version, as the app's first start does) and closes it. */
  prepareDatabase(): Promise<void>;
  /** Records the run through RunRecording on a virtual clock, into the app's database via SessionStore. */
  recordRun(run: RunToRecord): Promise<RecordedRun>;
  /** SessionStore.importSessions, in batches: what the app's import does once a file is read. */
  importSessions(sessions: SessionsToImport): Promise<{ imported: number; skipped: number }>;
  storageUsage(): Promise<StorageUsage>;
  /** ClientStore.put: a client record, validated and stored as the app stores one. */
  storeClientRecord(record: ClientRecord): Promise<void>;
}

declare global {
  interface Window {
    calmRunBench?: RecorderPageApi;
  }
}
