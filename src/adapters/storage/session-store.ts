import type { SampleChunk, SessionMeta } from '../../core/session/session-model';
import { openCalmRunDb, type CalmRunDatabase } from './calm-run-db';
import { historyRecordOf, type HistoryEntry } from './history-entry';
import { runTransaction } from './run-transaction';
import type {
  DeletedSession,
  HistoryQuery,
  ImportItem,
  ImportResult,
  InterruptedSession,
  SessionStorage,
} from './session-storage';
import { assertStorableSession } from './storable-session';
import { chunkParts, consolidateChunks } from './stored-chunk';
import { InvalidSessionDataError } from './storage-errors';

/** The part of navigator.storage the store uses, passed in so tests and browsers without it work alike. */
export type StorageEstimator = Pick<StorageManager, 'estimate'>;

/** All chunk keys of one session: [id, any seq]. */
const chunkRange = (sessionId: string) => IDBKeyRange.bound([sessionId, -Infinity], [sessionId, Infinity]);

function defaultEstimator(): StorageEstimator | undefined {
  // Typed as always there, but older browsers and Node have no navigator.storage.
  const nav = globalThis.navigator as Partial<Navigator> | undefined;
  return nav?.storage;
}

/** Sessions in IndexedDB: see SessionStorage for the contract of each method. */
export class SessionStore implements SessionStorage {
  readonly #db: CalmRunDatabase;
  readonly #estimator: StorageEstimator | undefined;

  constructor(db: CalmRunDatabase, options: { estimator?: StorageEstimator } = {}) {
    this.#db = db;
    this.#estimator = 'estimator' in options ? options.estimator : defaultEstimator();
  }

  static async open(name?: string, options?: { estimator?: StorageEstimator }): Promise<SessionStore> {
    return new SessionStore(await openCalmRunDb(name), options);
  }

  close(): void {
    this.#db.close();
  }

  createSession(meta: SessionMeta): Promise<void> {
    return runTransaction(this.#db, ['sessions', 'history'], 'readwrite', async (tx) => {
      // add, not put: a second session with the same id must not replace the first.
      await Promise.all([
        tx.objectStore('sessions').add(meta),
        tx.objectStore('history').put(historyRecordOf(meta)),
      ]);
    });
  }

  appendChunk(chunk: SampleChunk): Promise<void> {
    // One put of the chunk as given, no read: this runs every few seconds for the whole run.
    return runTransaction(this.#db, ['chunks'], 'readwrite', async (tx) => {
      await tx.objectStore('chunks').put(chunk);
    });
  }

  updateMeta(meta: SessionMeta): Promise<void> {
    return runTransaction(this.#db, ['sessions', 'history'], 'readwrite', async (tx) => {
      await Promise.all([
        tx.objectStore('sessions').put(meta),
        tx.objectStore('history').put(historyRecordOf(meta)),
      ]);
    });
  }

  finishSession(meta: SessionMeta): Promise<void> {
    if (meta.status !== 'finished') {
      return Promise.reject(
        new InvalidSessionDataError(`Session ${meta.id} cannot finish with status '${meta.status}'.`),
      );
    }
    return runTransaction(this.#db, ['sessions', 'history', 'chunks'], 'readwrite', async (tx) => {
      const chunks = tx.objectStore('chunks');
      const live = await chunks.getAll(chunkRange(meta.id));
      const merged = consolidateChunks(live);
      await chunks.delete(chunkRange(meta.id));
      await Promise.all([
        ...merged.map((chunk) => chunks.put(chunk)),
        tx.objectStore('sessions').put(meta),
        tx.objectStore('history').put(historyRecordOf(meta)),
      ]);
    });
  }

  getSession(id: string): Promise<SessionMeta | undefined> {
    return runTransaction(this.#db, ['sessions'], 'readonly', (tx) => tx.objectStore('sessions').get(id));
  }

  loadSamplesBytes(id: string): Promise<Uint8Array[]> {
    return runTransaction(this.#db, ['chunks'], 'readonly', async (tx) => {
      // Keys sort by [sessionId, seq], so getAll returns the chunks in seq order.
      const records = await tx.objectStore('chunks').getAll(chunkRange(id));
      return records.flatMap(chunkParts);
    });
  }

  listHistory(query: HistoryQuery = {}): Promise<HistoryEntry[]> {
    const from = query.fromWallMs ?? -Infinity;
    const to = query.toWallMs ?? Infinity;
    const limit = query.limit ?? Infinity;
    if (!(from < to) || limit <= 0) return Promise.resolve([]);
    return runTransaction(this.#db, ['history'], 'readonly', async (tx) => {
      const runnerKey = query.runnerId === null ? '' : query.runnerId;
      const history = tx.objectStore('history');
      const index =
        runnerKey === undefined ? history.index('by-started') : history.index('by-runner-started');
      const range =
        runnerKey === undefined
          ? IDBKeyRange.bound(from, to, false, true)
          : IDBKeyRange.bound([runnerKey, from], [runnerKey, to], false, true);
      if (limit === Infinity) {
        // One getAll is far cheaper than a cursor step per record; reversing in memory is nothing next to it.
        return (await index.getAll(range)).reverse();
      }
      const entries: HistoryEntry[] = [];
      let cursor = await index.openCursor(range, 'prev');
      while (cursor !== null && entries.length < limit) {
        entries.push(cursor.value);
        cursor = await cursor.continue();
      }
      return entries;
    });
  }

  findInterruptedSessions(): Promise<InterruptedSession[]> {
    return runTransaction(this.#db, ['history', 'sessions', 'chunks'], 'readonly', async (tx) => {
      const byStatus = tx.objectStore('history').index('by-status');
      const [recording, paused] = await Promise.all([
        byStatus.getAll('recording'),
        byStatus.getAll('paused'),
      ]);
      const newestFirst = [...recording, ...paused].sort((a, b) => b.startedAtWallMs - a.startedAtWallMs);
      const found = await Promise.all(
        newestFirst.map(async (entry): Promise<InterruptedSession | undefined> => {
          const [meta, last] = await Promise.all([
            tx.objectStore('sessions').get(entry.id),
            tx.objectStore('chunks').openCursor(chunkRange(entry.id), 'prev'),
          ]);
          if (meta === undefined) return undefined;
          return {
            meta,
            nextSeq: last === null ? 0 : last.value.seq + 1,
            lastElapsedMs: last?.value.lastElapsedMs,
          };
        }),
      );
      return found.filter((session) => session !== undefined);
    });
  }

  deleteSession(id: string): Promise<DeletedSession | undefined> {
    return runTransaction(this.#db, ['sessions', 'history', 'chunks'], 'readwrite', async (tx) => {
      const [meta, chunks] = await Promise.all([
        tx.objectStore('sessions').get(id),
        tx.objectStore('chunks').getAll(chunkRange(id)),
      ]);
      await Promise.all([
        tx.objectStore('sessions').delete(id),
        tx.objectStore('history').delete(id),
        tx.objectStore('chunks').delete(chunkRange(id)),
      ]);
      return meta === undefined ? undefined : { meta, chunks };
    });
  }

  restoreSession(deleted: DeletedSession): Promise<void> {
    return runTransaction(this.#db, ['sessions', 'history', 'chunks'], 'readwrite', async (tx) => {
      const chunks = tx.objectStore('chunks');
      // Whatever was written under this id since the delete would mix with the restored chunks.
      await chunks.delete(chunkRange(deleted.meta.id));
      await Promise.all([
        tx.objectStore('sessions').put(deleted.meta),
        tx.objectStore('history').put(historyRecordOf(deleted.meta)),
        ...deleted.chunks.map((chunk) => chunks.put(chunk)),
      ]);
    });
  }

  async storageUsedBytes(): Promise<number | undefined> {
    if (this.#estimator === undefined) return undefined;
    try {
      return (await this.#estimator.estimate()).usage;
    } catch {
      // An estimate is a nicety: its failure must not break the history screen.
      return undefined;
    }
  }

  importSessions(items: readonly ImportItem[]): Promise<ImportResult> {
    return runTransaction(this.#db, ['sessions', 'history', 'chunks'], 'readwrite', async (tx) => {
      const sessions = tx.objectStore('sessions');
      const chunks = tx.objectStore('chunks');
      const present = new Set(await sessions.getAllKeys());
      const result: ImportResult = { imported: [], skipped: [] };
      for (const item of items) {
        // Checked inside the transaction: a bad item midway throws, and runTransaction aborts what came before it.
        assertStorableSession(item);
        const { meta } = item;
        if (present.has(meta.id)) {
          result.skipped.push(meta.id);
          continue;
        }
        present.add(meta.id);
        // Chunks under an id with no session are leftovers (an append whose session was never created): not data.
        await chunks.delete(chunkRange(meta.id));
        // add, not put: should an id slip past the check above, the import fails rather than overwrite.
        await Promise.all([
          sessions.add(meta),
          tx.objectStore('history').put(historyRecordOf(meta)),
          ...consolidateChunks(item.chunks).map((chunk) => chunks.add(chunk)),
        ]);
        result.imported.push(meta.id);
      }
      return result;
    });
  }

  eraseEverything(): Promise<void> {
    return runTransaction(this.#db, ['sessions', 'history', 'chunks'], 'readwrite', async (tx) => {
      await Promise.all([
        tx.objectStore('sessions').clear(),
        tx.objectStore('history').clear(),
        tx.objectStore('chunks').clear(),
      ]);
    });
  }
}
