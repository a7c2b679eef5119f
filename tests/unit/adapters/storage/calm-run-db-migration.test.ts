import 'fake-indexeddb/auto';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { calmRunDbVersion, openCalmRunDb } from '../../../../src/adapters/storage/calm-run-db';
import { SessionStore } from '../../../../src/adapters/storage/session-store';
import { StorageError } from '../../../../src/adapters/storage/storage-errors';
import { historyRecordOf } from '../../../../src/adapters/storage/history-entry';
import type { SampleChunk, SessionMeta } from '../../../../src/core/session/session-model';
import { baseWallMs, dayMs, finishedMeta, freshDbName, makeChunks, makeMeta } from './storage-fixtures';

/**
 * The schema as version 1 shipped it, kept here on purpose: the app's own step for version 1 may be refactored, but
 * the databases already on phones were written by this.
 */
interface CalmRunDBv1 extends DBSchema {
  sessions: { key: string; value: SessionMeta; indexes: { 'by-started': number; 'by-runner': string } };
  chunks: { key: [string, number]; value: SampleChunk };
}

async function createVersion1Db(name: string, metas: SessionMeta[], chunks: SampleChunk[]): Promise<void> {
  const db: IDBPDatabase<CalmRunDBv1> = await openDB<CalmRunDBv1>(name, 1, {
    upgrade(database) {
      const sessions = database.createObjectStore('sessions', { keyPath: 'id' });
      sessions.createIndex('by-started', 'startedAtWallMs');
      sessions.createIndex('by-runner', 'runnerId');
      database.createObjectStore('chunks', { keyPath: ['sessionId', 'seq'] });
    },
  });
  const tx = db.transaction(['sessions', 'chunks'], 'readwrite');
  await Promise.all([
    ...metas.map((meta) => tx.objectStore('sessions').put(meta)),
    ...chunks.map((chunk) => tx.objectStore('chunks').put(chunk)),
    tx.done,
  ]);
  db.close();
}

const v1Sessions = (): SessionMeta[] => [
  finishedMeta(makeMeta('ann-1', { runnerId: 'ann', runnerName: 'Ann', startedAtWallMs: baseWallMs })),
  finishedMeta(makeMeta('solo-1', { startedAtWallMs: baseWallMs + dayMs, notes: 'windy' })),
  makeMeta('ann-2', { runnerId: 'ann', startedAtWallMs: baseWallMs + 2 * dayMs }),
];
const v1Chunks = (): SampleChunk[] => [
  ...makeChunks('ann-1', 12),
  ...makeChunks('solo-1', 3),
  ...makeChunks('ann-2', 5),
];

describe('v1 → current', () => {
  it('keeps every session and chunk and fills history from the sessions', async () => {
    const name = freshDbName();
    const metas = v1Sessions();
    const chunks = v1Chunks();
    await createVersion1Db(name, metas, chunks);

    const db = await openCalmRunDb(name);
    expect(db.version).toBe(calmRunDbVersion);
    expect(db.version).toBe(3);
    expect([...db.objectStoreNames].sort()).toEqual(['chunks', 'clients', 'history', 'sessions']);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect((await db.getAll('sessions')).sort(byId)).toEqual([...metas].sort(byId));
    expect(await db.getAll('chunks')).toEqual(
      [...chunks].sort((a, b) => a.sessionId.localeCompare(b.sessionId) || a.seq - b.seq),
    );
    // The v1 indexes still answer.
    expect(await db.getAllKeysFromIndex('sessions', 'by-runner', 'ann')).toEqual(['ann-1', 'ann-2']);

    const store = new SessionStore(db, { estimator: undefined });
    expect((await store.listHistory()).map((entry) => entry.id)).toEqual(['ann-2', 'solo-1', 'ann-1']);
    expect((await store.listHistory({ runnerId: 'ann' })).map((entry) => entry.id)).toEqual([
      'ann-2',
      'ann-1',
    ]);
    expect((await store.listHistory({ runnerId: null }))[0]?.notesPreview).toBe('windy');
    expect(await store.loadSamplesBytes('ann-1')).toEqual(
      makeChunks('ann-1', 12).map((chunk) => chunk.bytes),
    );
    const interrupted = (await store.findInterruptedSessions())[0];
    expect(interrupted?.meta.id).toBe('ann-2');
    expect(interrupted?.nextSeq).toBe(5);
    store.close();
  });

  it('upgrades an empty v1 database, and a fresh one opens straight at the current version', async () => {
    const name = freshDbName();
    await createVersion1Db(name, [], []);
    const upgraded = await openCalmRunDb(name);
    expect(await upgraded.count('history')).toBe(0);
    upgraded.close();

    const fresh = await openCalmRunDb(freshDbName());
    expect([...fresh.objectStoreNames].sort()).toEqual(['chunks', 'clients', 'history', 'sessions']);
    expect([...fresh.transaction('history').store.indexNames].sort()).toEqual([
      'by-runner-started',
      'by-started',
      'by-status',
    ]);
    fresh.close();
  });

  it('leaves the v1 database as it was when the migration fails', async () => {
    const name = freshDbName();
    // A record v2 cannot summarise (no notes): the whole upgrade must abort, not half-migrate.
    const broken = { ...makeMeta('broken'), notes: undefined } as unknown as SessionMeta;
    const metas = [...v1Sessions(), broken];
    await createVersion1Db(name, metas, v1Chunks());

    const error: unknown = await openCalmRunDb(name).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).reason).toBe('corrupt-data');
    expect((error as StorageError).cause).toBeInstanceOf(TypeError);

    const db = await openDB(name);
    expect(db.version).toBe(1);
    expect([...db.objectStoreNames].sort()).toEqual(['chunks', 'sessions']);
    expect(await db.count('sessions')).toBe(metas.length);
    expect(await db.count('chunks')).toBe(v1Chunks().length);
    db.close();
  });
});

/** The schema as version 2 shipped it: v1 plus the history store. */
async function createVersion2Db(name: string, metas: SessionMeta[], chunks: SampleChunk[]): Promise<void> {
  const db = await openDB(name, 2, {
    upgrade(database) {
      const sessions = database.createObjectStore('sessions', { keyPath: 'id' });
      sessions.createIndex('by-started', 'startedAtWallMs');
      sessions.createIndex('by-runner', 'runnerId');
      database.createObjectStore('chunks', { keyPath: ['sessionId', 'seq'] });
      const history = database.createObjectStore('history', { keyPath: 'id' });
      history.createIndex('by-started', 'startedAtWallMs');
      history.createIndex('by-runner-started', ['runnerKey', 'startedAtWallMs']);
      history.createIndex('by-status', 'status');
    },
  });
  const tx = db.transaction(['sessions', 'chunks', 'history'], 'readwrite');
  await Promise.all([
    ...metas.map((meta) => tx.objectStore('sessions').put(meta)),
    ...metas.map((meta) => tx.objectStore('history').put(historyRecordOf(meta))),
    ...chunks.map((chunk) => tx.objectStore('chunks').put(chunk)),
    tx.done,
  ]);
  db.close();
}

describe('v2 → v3', () => {
  it('keeps every session, chunk and history record and adds an empty clients store', async () => {
    const name = freshDbName();
    const metas = v1Sessions();
    const chunks = v1Chunks();
    await createVersion2Db(name, metas, chunks);

    const db = await openCalmRunDb(name);
    expect(db.version).toBe(3);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect((await db.getAll('sessions')).sort(byId)).toEqual([...metas].sort(byId));
    expect((await db.getAll('history')).sort(byId)).toEqual(metas.map(historyRecordOf).sort(byId));
    expect(await db.count('chunks')).toBe(chunks.length);
    expect(await db.count('clients')).toBe(0);
    db.close();
  });
});
