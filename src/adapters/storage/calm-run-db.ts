import { openDB, unwrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { ClientRecord } from '../../core/clients/client-record';
import type { SessionMeta, SessionStatus } from '../../core/session/session-model';
import { historyRecordOf, type HistoryRecord } from './history-entry';
import type { StoredChunk } from './stored-chunk';
import { StorageError, toStorageError } from './storage-errors';

/**
 * The one schema of the app's IndexedDB database, at its current version.
 *
 * Filtering by runner: IndexedDB leaves a record out of an index when the indexed value is undefined, so
 * `sessions.by-runner` only holds sessions that have a runner (fine for "this runner's sessions"). History does not
 * use it: it reads `history.by-runner-started`, keyed on `runnerKey` (runnerId, or '' for no runner) and the start,
 * which answers "this runner, newest first, between these dates" with one key range and holds every session.
 */
export interface CalmRunDB extends DBSchema {
  /** v1. The full session record: everything but the samples. */
  sessions: {
    key: string;
    value: SessionMeta;
    indexes: { 'by-started': number; 'by-runner': string };
  };
  /** v1. Samples in compact chunks, keyed [sessionId, seq] so one key range reads a session in order. */
  chunks: {
    key: [string, number];
    value: StoredChunk;
  };
  /** v2. One light record per session for the history list, so the list never reads sessions or chunks. */
  history: {
    key: string;
    value: HistoryRecord;
    indexes: { 'by-started': number; 'by-runner-started': [string, number]; 'by-status': SessionStatus };
  };
  /** v3. What a therapist keeps about a client beside the runner profile, keyed by the profile's id. */
  clients: {
    key: string;
    value: ClientRecord;
  };
}

export type CalmRunDatabase = IDBPDatabase<CalmRunDB>;
export type CalmRunStoreName = StoreNames<CalmRunDB>;

export const calmRunDbVersion = 3;
export const defaultCalmRunDbName = 'calm-run';

type UpgradeTransaction = IDBPTransaction<CalmRunDB, CalmRunStoreName[], 'versionchange'>;

/** v1, as first shipped: sessions and chunks. Never edit a step once released; add a new one. */
function createVersion1(db: CalmRunDatabase): void {
  const sessions = db.createObjectStore('sessions', { keyPath: 'id' });
  sessions.createIndex('by-started', 'startedAtWallMs');
  sessions.createIndex('by-runner', 'runnerId');
  db.createObjectStore('chunks', { keyPath: ['sessionId', 'seq'] });
}

/**
 * v2: the `history` store, filled from the existing sessions. Session records carry every event and the DFA-a1
 * timeline; reading a thousand of them to draw a list was the slow part of history.
 */
function createVersion2(
  db: CalmRunDatabase,
  transaction: UpgradeTransaction,
  fail: (error: unknown) => void,
): void {
  const history = db.createObjectStore('history', { keyPath: 'id' });
  history.createIndex('by-started', 'startedAtWallMs');
  history.createIndex('by-runner-started', ['runnerKey', 'startedAtWallMs']);
  history.createIndex('by-status', 'status');
  // Plain requests and callbacks rather than awaits: the upgrade callback is synchronous. Any failure aborts the
  // upgrade as a whole, which leaves the database at its old version with its data intact.
  const raw = unwrap(transaction);
  const request = raw.objectStore('sessions').getAll();
  request.onsuccess = () => {
    try {
      const historyStore = raw.objectStore('history');
      for (const meta of request.result as SessionMeta[]) historyStore.put(historyRecordOf(meta));
    } catch (error) {
      fail(error);
      raw.abort();
    }
  };
}

/** v3: the `clients` store, empty: client records are new, nothing to carry over. */
function createVersion3(db: CalmRunDatabase): void {
  db.createObjectStore('clients', { keyPath: 'runnerId' });
}

/**
 * Opens (creating or upgrading) the database. Another tab opening a newer version makes this connection close, so
 * that tab's upgrade is not blocked; later calls here then fail with a StorageError 'unavailable' (reload).
 */
export async function openCalmRunDb(name = defaultCalmRunDbName): Promise<CalmRunDatabase> {
  let migrationFailure: { error: unknown } | undefined;
  try {
    const db: CalmRunDatabase = await openDB<CalmRunDB>(name, calmRunDbVersion, {
      upgrade(database, oldVersion, _newVersion, transaction) {
        // The open request reports a failed upgrade; this only keeps the same failure from also going unhandled.
        void transaction.done.catch(() => undefined);
        if (oldVersion < 1) createVersion1(database);
        if (oldVersion < 2) {
          createVersion2(database, transaction, (error) => {
            migrationFailure = { error };
          });
        }
        if (oldVersion < 3) createVersion3(database);
      },
      blocking() {
        db.close();
      },
    });
    return db;
  } catch (error) {
    if (migrationFailure !== undefined) {
      const message = 'The stored sessions could not be upgraded; they were left as they were.';
      throw new StorageError('corrupt-data', message, { cause: migrationFailure.error });
    }
    throw toStorageError(error);
  }
}
