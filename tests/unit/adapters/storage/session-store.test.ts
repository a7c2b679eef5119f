import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCalmRunDb } from '../../../../src/adapters/storage/calm-run-db';
import { SessionStore } from '../../../../src/adapters/storage/session-store';
import { InvalidSessionDataError, StorageError } from '../../../../src/adapters/storage/storage-errors';
import type { SessionMeta } from '../../../../src/core/session/session-model';
import {
  baseWallMs,
  dayMs,
  finishedMeta,
  freshDbName,
  hourMs,
  makeChunk,
  makeChunks,
  makeMeta,
} from './storage-fixtures';

/** The real put, taken before any spy replaces it (read from the descriptor: it is called with its own `this`). */
const originalPut = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put')
  ?.value as IDBObjectStore['put'];

let name: string;
let store: SessionStore;

beforeEach(async () => {
  name = freshDbName();
  store = await SessionStore.open(name, { estimator: undefined });
});

afterEach(() => {
  vi.restoreAllMocks();
  store.close();
});

/** A second connection to look at what is stored, past the store's API. */
async function rawCounts(): Promise<{ sessions: number; history: number; chunks: number }> {
  const db = await openCalmRunDb(name);
  try {
    return {
      sessions: await db.count('sessions'),
      history: await db.count('history'),
      chunks: await db.count('chunks'),
    };
  } finally {
    db.close();
  }
}

async function recordSession(id: string, chunkCount: number, overrides: Partial<SessionMeta> = {}) {
  const meta = makeMeta(id, overrides);
  const chunks = makeChunks(id, chunkCount);
  await store.createSession(meta);
  for (const chunk of chunks) await store.appendChunk(chunk);
  return { meta, chunks };
}

describe('recording', () => {
  it('stores the meta and hands the chunks back byte-identical, in seq order', async () => {
    const meta = makeMeta('run-1');
    await store.createSession(meta);
    const chunks = makeChunks('run-1', 4);
    for (const seq of [0, 2, 1, 3]) await store.appendChunk(chunks[seq] ?? makeChunk('run-1', seq));
    expect(await store.getSession('run-1')).toEqual(meta);
    expect(await store.loadSamplesBytes('run-1')).toEqual(chunks.map((chunk) => chunk.bytes));
    expect(await store.getSession('nope')).toBeUndefined();
    expect(await store.loadSamplesBytes('nope')).toEqual([]);
  });

  it('refuses a second session with the same id and keeps the first', async () => {
    await store.createSession(makeMeta('run-1', { notes: 'first' }));
    const error: unknown = await store
      .createSession(makeMeta('run-1', { notes: 'second' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).reason).toBe('conflict');
    expect((await store.getSession('run-1'))?.notes).toBe('first');
  });

  it('keeps sessions whose ids share a prefix apart', async () => {
    const one = await recordSession('run-1', 3);
    const ten = await recordSession('run-10', 2);
    expect(await store.loadSamplesBytes('run-1')).toEqual(one.chunks.map((chunk) => chunk.bytes));
    await store.deleteSession('run-1');
    expect(await store.loadSamplesBytes('run-10')).toEqual(ten.chunks.map((chunk) => chunk.bytes));
  });
});

describe('finishSession', () => {
  it('merges an hour of 5-second chunks into one record and gives every chunk back as it was', async () => {
    const { meta, chunks } = await recordSession('hour', 720);
    expect((await rawCounts()).chunks).toBe(720);
    await store.finishSession(finishedMeta(meta));
    expect((await rawCounts()).chunks).toBe(1);
    expect(await store.loadSamplesBytes('hour')).toEqual(chunks.map((chunk) => chunk.bytes));
    expect((await store.getSession('hour'))?.status).toBe('finished');
  });

  it('splits large sessions into several records and changes nothing when finished again', async () => {
    const { meta } = await recordSession('long', 0);
    const chunks = makeChunks('long', 150, 1000);
    for (const chunk of chunks) await store.appendChunk(chunk);
    await store.finishSession(finishedMeta(meta));
    const records = (await rawCounts()).chunks;
    expect(records).toBeGreaterThan(1);
    expect(records).toBeLessThan(10);
    await store.finishSession(finishedMeta(meta));
    expect((await rawCounts()).chunks).toBe(records);
    expect(await store.loadSamplesBytes('long')).toEqual(chunks.map((chunk) => chunk.bytes));
  });

  it('leaves other sessions alone', async () => {
    const a = await recordSession('a', 5);
    const b = await recordSession('b', 5);
    await store.finishSession(finishedMeta(a.meta));
    expect(await store.loadSamplesBytes('b')).toEqual(b.chunks.map((chunk) => chunk.bytes));
    expect((await rawCounts()).chunks).toBe(1 + 5);
  });

  it('refuses a meta that is not finished', async () => {
    const { meta } = await recordSession('run-1', 2);
    await expect(store.finishSession(meta)).rejects.toBeInstanceOf(InvalidSessionDataError);
    expect((await rawCounts()).chunks).toBe(2);
  });
});

describe('history', () => {
  async function seedHistory() {
    const sessions = [
      makeMeta('ann-mon', { runnerId: 'ann', startedAtWallMs: baseWallMs }),
      makeMeta('bob-mon', { runnerId: 'bob', startedAtWallMs: baseWallMs + hourMs }),
      makeMeta('ann-tue', { runnerId: 'ann', startedAtWallMs: baseWallMs + dayMs }),
      makeMeta('solo-tue', { startedAtWallMs: baseWallMs + dayMs + hourMs }),
      makeMeta('ann-wed', { runnerId: 'ann', startedAtWallMs: baseWallMs + 2 * dayMs }),
    ];
    // Stored out of time order: the order must come from the start time, not from insertion.
    for (const meta of [...sessions].reverse()) await store.createSession(finishedMeta(meta));
  }
  const ids = (entries: { id: string }[]) => entries.map((entry) => entry.id);

  it('lists every session newest first', async () => {
    await seedHistory();
    expect(ids(await store.listHistory())).toEqual(['ann-wed', 'solo-tue', 'ann-tue', 'bob-mon', 'ann-mon']);
    expect(ids(await store.listHistory({ limit: 2 }))).toEqual(['ann-wed', 'solo-tue']);
    expect(await store.listHistory({ limit: 0 })).toEqual([]);
  });

  it('filters by runner, including the sessions without one', async () => {
    await seedHistory();
    expect(ids(await store.listHistory({ runnerId: 'ann' }))).toEqual(['ann-wed', 'ann-tue', 'ann-mon']);
    expect(ids(await store.listHistory({ runnerId: 'bob' }))).toEqual(['bob-mon']);
    expect(ids(await store.listHistory({ runnerId: null }))).toEqual(['solo-tue']);
    expect(await store.listHistory({ runnerId: 'nobody' })).toEqual([]);
  });

  it('filters by date, from inclusive and to exclusive, alone and with a runner', async () => {
    await seedHistory();
    const tuesday = { fromWallMs: baseWallMs + dayMs, toWallMs: baseWallMs + 2 * dayMs };
    expect(ids(await store.listHistory(tuesday))).toEqual(['solo-tue', 'ann-tue']);
    expect(ids(await store.listHistory({ ...tuesday, runnerId: 'ann' }))).toEqual(['ann-tue']);
    expect(ids(await store.listHistory({ fromWallMs: baseWallMs + dayMs + 1 }))).toEqual([
      'ann-wed',
      'solo-tue',
    ]);
    expect(
      ids(await store.listHistory({ toWallMs: baseWallMs + hourMs, runnerId: 'ann', limit: 5 })),
    ).toEqual(['ann-mon']);
    expect(await store.listHistory({ fromWallMs: baseWallMs + dayMs, toWallMs: baseWallMs })).toEqual([]);
  });

  it('reads the history store only, never sessions or chunks', async () => {
    await recordSession('run-1', 3);
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction');
    await store.listHistory();
    await store.listHistory({ runnerId: 'ann', limit: 3 });
    expect(transaction).toHaveBeenCalledTimes(2);
    for (const [storeNames] of transaction.mock.calls) expect([storeNames].flat()).toEqual(['history']);
  });

  it('shows the light summary and follows meta updates', async () => {
    const { meta } = await recordSession('run-1', 1, { runnerId: 'ann', notes: 'x'.repeat(500) });
    expect((await store.listHistory())[0]?.status).toBe('recording');
    await store.updateMeta({ ...meta, status: 'paused' });
    expect((await store.listHistory())[0]?.status).toBe('paused');
    await store.finishSession(finishedMeta(meta));
    const [entry] = await store.listHistory();
    expect(entry?.status).toBe('finished');
    expect(entry?.summary?.averageHeartRateBpm).toBe(138);
    expect(entry?.summary).not.toHaveProperty('dfaAlpha1Timeline');
    expect(entry?.notesPreview.length).toBeLessThan(200);
    expect(entry).not.toHaveProperty('events');
  });
});

describe('findInterruptedSessions', () => {
  it('finds the session left recording after a reload, with where its record stops', async () => {
    const { meta, chunks } = await recordSession('run-1', 3);
    store.close();
    store = await SessionStore.open(name, { estimator: undefined });
    const interrupted = (await store.findInterruptedSessions())[0];
    expect(interrupted?.meta).toEqual(meta);
    expect(interrupted?.nextSeq).toBe(3);
    expect(interrupted?.lastElapsedMs).toBe(chunks[2]?.lastElapsedMs);
    expect(await store.loadSamplesBytes('run-1')).toEqual(chunks.map((chunk) => chunk.bytes));
  });

  it('finds every session left recording or paused, newest first, and none once finished', async () => {
    expect((await store.findInterruptedSessions())[0]).toBeUndefined();
    const { meta } = await recordSession('older', 0, { status: 'paused', startedAtWallMs: baseWallMs });
    await recordSession('finished', 1, { startedAtWallMs: baseWallMs + 2 * hourMs, status: 'finished' });
    const interrupted = (await store.findInterruptedSessions())[0];
    expect(interrupted?.meta.id).toBe('older');
    expect(interrupted?.nextSeq).toBe(0);
    expect(interrupted?.lastElapsedMs).toBeUndefined();
    await recordSession('newer', 2, { startedAtWallMs: baseWallMs + hourMs });
    expect((await store.findInterruptedSessions()).map((session) => session.meta.id)).toEqual([
      'newer',
      'older',
    ]);
    await store.finishSession(finishedMeta(meta));
    await store.finishSession(finishedMeta(makeMeta('newer', { startedAtWallMs: baseWallMs + hourMs })));
    expect(await store.findInterruptedSessions()).toEqual([]);
  });
});

describe('delete and undo', () => {
  it('removes the session and its chunks together, and undo restores everything', async () => {
    const { meta, chunks } = await recordSession('run-1', 6);
    await store.finishSession(finishedMeta(meta));
    const other = await recordSession('run-2', 2);
    const before = await store.listHistory();

    const deleted = await store.deleteSession('run-1');
    expect(deleted?.meta.id).toBe('run-1');
    expect(await store.getSession('run-1')).toBeUndefined();
    expect(await store.loadSamplesBytes('run-1')).toEqual([]);
    expect((await store.listHistory()).map((entry) => entry.id)).toEqual(['run-2']);
    expect(await rawCounts()).toEqual({ sessions: 1, history: 1, chunks: 2 });

    if (deleted === undefined) throw new Error('expected a deleted session');
    await store.restoreSession(deleted);
    expect(await store.getSession('run-1')).toEqual(finishedMeta(meta));
    expect(await store.loadSamplesBytes('run-1')).toEqual(chunks.map((chunk) => chunk.bytes));
    expect(await store.listHistory()).toEqual(before);
    expect(await store.loadSamplesBytes('run-2')).toEqual(other.chunks.map((chunk) => chunk.bytes));
  });

  it('restores exactly the deleted chunks, even if some were written under the id meanwhile', async () => {
    const { chunks } = await recordSession('run-1', 3);
    const deleted = await store.deleteSession('run-1');
    await store.appendChunk(makeChunk('run-1', 7));
    if (deleted === undefined) throw new Error('expected a deleted session');
    await store.restoreSession(deleted);
    expect(await store.loadSamplesBytes('run-1')).toEqual(chunks.map((chunk) => chunk.bytes));
  });

  it('returns nothing to undo for an unknown id', async () => {
    expect(await store.deleteSession('nope')).toBeUndefined();
  });
});

describe('importSessions', () => {
  it('adds new sessions and skips the ids already present without overwriting them', async () => {
    const mine = await recordSession('shared', 2, { notes: 'mine' });
    const result = await store.importSessions([
      { meta: finishedMeta(makeMeta('shared', { notes: 'theirs' })), chunks: makeChunks('shared', 9) },
      { meta: finishedMeta(makeMeta('new-1')), chunks: makeChunks('new-1', 30) },
      { meta: finishedMeta(makeMeta('new-1', { notes: 'repeat' })), chunks: [] },
      { meta: finishedMeta(makeMeta('new-2')), chunks: [] },
    ]);
    expect(result).toEqual({ imported: ['new-1', 'new-2'], skipped: ['shared', 'new-1'] });
    expect((await store.getSession('shared'))?.notes).toBe('mine');
    expect(await store.loadSamplesBytes('shared')).toEqual(mine.chunks.map((chunk) => chunk.bytes));
    expect((await store.getSession('new-1'))?.notes).toBe('');
    expect(await store.loadSamplesBytes('new-1')).toEqual(
      makeChunks('new-1', 30).map((chunk) => chunk.bytes),
    );
    expect((await store.listHistory()).map((entry) => entry.id).sort()).toEqual(['new-1', 'new-2', 'shared']);
    // Imported chunks are stored merged, like a finished session's.
    expect((await rawCounts()).chunks).toBe(2 + 1);
  });

  it('takes a resting check, the session kind of its own, like a run', async () => {
    const check = finishedMeta(makeMeta('resting-1', { kind: 'resting' }));
    expect(await store.importSessions([{ meta: check, chunks: makeChunks('resting-1', 5) }])).toEqual({
      imported: ['resting-1'],
      skipped: [],
    });
    expect((await store.getSession('resting-1'))?.kind).toBe('resting');
  });

  it('replaces leftover chunks under an id that has no session', async () => {
    await store.appendChunk(makeChunk('orphan', 0, 99));
    const chunks = makeChunks('orphan', 4);
    expect(await store.importSessions([{ meta: finishedMeta(makeMeta('orphan')), chunks }])).toEqual({
      imported: ['orphan'],
      skipped: [],
    });
    expect(await store.loadSamplesBytes('orphan')).toEqual(chunks.map((chunk) => chunk.bytes));
  });

  it('writes nothing when an item midway is malformed', async () => {
    await recordSession('existing', 1);
    const before = await rawCounts();
    const bad = { meta: finishedMeta(makeMeta('bad')), chunks: [makeChunk('someone-else', 0)] };
    const error: unknown = await store
      .importSessions([
        { meta: finishedMeta(makeMeta('good-1')), chunks: makeChunks('good-1', 3) },
        bad,
        { meta: finishedMeta(makeMeta('good-2')), chunks: [] },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidSessionDataError);
    expect(await rawCounts()).toEqual(before);
    expect(await store.getSession('good-1')).toBeUndefined();
  });

  it('writes nothing when IndexedDB itself refuses an item midway', async () => {
    const uncloneable = { ...finishedMeta(makeMeta('bad')), extra: () => 'not data' };
    const error: unknown = await store
      .importSessions([
        { meta: finishedMeta(makeMeta('good-1')), chunks: makeChunks('good-1', 3) },
        { meta: uncloneable, chunks: [] },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).reason).toBe('invalid-data');
    expect(await rawCounts()).toEqual({ sessions: 0, history: 0, chunks: 0 });
  });
});

describe('a full disk', () => {
  const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  /** Makes every put into `storeName` throw, as a browser does when the origin is over quota. */
  function failPutsInto(storeName: string) {
    return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === storeName) throw quotaError();
      return originalPut.apply(this, args);
    });
  }

  it('surfaces as StorageFullError and harms nothing already stored', async () => {
    const { meta, chunks } = await recordSession('run-1', 4);
    failPutsInto('chunks');
    await expect(store.appendChunk(makeChunk('run-1', 4))).rejects.toBeInstanceOf(StorageError);
    await expect(store.appendChunk(makeChunk('run-1', 4))).rejects.toMatchObject({
      name: 'StorageFullError',
      reason: 'full',
    });
    // Consolidation deletes the live chunks before it writes the merged one: the abort must bring them back.
    await expect(store.finishSession(finishedMeta(meta))).rejects.toMatchObject({ reason: 'full' });
    vi.restoreAllMocks();
    expect(await store.loadSamplesBytes('run-1')).toEqual(chunks.map((chunk) => chunk.bytes));
    expect(await store.getSession('run-1')).toEqual(meta);
    expect(await rawCounts()).toEqual({ sessions: 1, history: 1, chunks: 4 });
  });

  it('is recognised when the transaction aborts at commit with a quota error', async () => {
    const { chunks } = await recordSession('run-1', 2);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      const request = originalPut.apply(this, args);
      // Chromium reports a full disk this way: the request fails with AbortError, tx.error is QuotaExceededError.
      // fake-indexeddb's own abort step (not public API) is the only way to set that error.
      (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      return request;
    });
    await expect(store.appendChunk(makeChunk('run-1', 2))).rejects.toMatchObject({ reason: 'full' });
    vi.restoreAllMocks();
    expect(await store.loadSamplesBytes('run-1')).toEqual(chunks.map((chunk) => chunk.bytes));
  });
});

describe('housekeeping', () => {
  it('reports the storage used when the browser tells, and nothing otherwise', async () => {
    expect(await store.storageUsedBytes()).toBeUndefined();
    const db = await openCalmRunDb(name);
    const told = new SessionStore(db, { estimator: { estimate: () => Promise.resolve({ usage: 12_345 }) } });
    expect(await told.storageUsedBytes()).toBe(12_345);
    const failing = new SessionStore(db, { estimator: { estimate: () => Promise.reject(new Error('no')) } });
    expect(await failing.storageUsedBytes()).toBeUndefined();
    db.close();
  });

  it('erases everything', async () => {
    await recordSession('run-1', 3);
    await recordSession('run-2', 1);
    await store.eraseEverything();
    expect(await rawCounts()).toEqual({ sessions: 0, history: 0, chunks: 0 });
    expect(await store.listHistory()).toEqual([]);
  });

  it('rejects with a StorageError once the connection is closed', async () => {
    store.close();
    await expect(store.appendChunk(makeChunk('run-1', 0))).rejects.toMatchObject({ reason: 'unavailable' });
    await expect(store.listHistory()).rejects.toBeInstanceOf(StorageError);
  });
});
