import 'fake-indexeddb/auto';
import { test } from 'vitest';
import { openCalmRunDb, type CalmRunDatabase } from '../../src/adapters/storage/calm-run-db';
import { SessionStore } from '../../src/adapters/storage/session-store';
import { liveChunksOf, seedSession } from './support/browser-seed';
import { recordFigure } from './support/figures';

/**
 * Storage figures measured in Node with fake-indexeddb. Timings here show the cost of our own code and of the
 * number of requests, not Chromium's; the lead measures `history.open1000.ms` and `detail.load3h.ms` in Chromium.
 */

/**
 * Structured size of stored records: the byte length of their binary parts plus the JSON length of everything
 * else. An estimate of what Chromium keeps on disk (its serialisation is a little tighter than JSON for numbers and
 * adds a few bytes per record and per key, and LevelDB may compress); good for comparing layouts.
 */
function structuredSize(records: readonly unknown[]): number {
  let binary = 0;
  const json = JSON.stringify(records, (_key, value: unknown) => {
    if (value instanceof Uint8Array) {
      binary += value.byteLength;
      return undefined;
    }
    return value;
  });
  return binary + json.length;
}

async function sessionRecords(db: CalmRunDatabase, id: string) {
  const range = IDBKeyRange.bound([id, -Infinity], [id, Infinity]);
  return {
    sessions: [await db.get('sessions', id)],
    history: [await db.get('history', id)],
    chunks: await db.getAll('chunks', range),
  };
}

const totalSize = (records: Record<string, readonly unknown[]>) =>
  Object.values(records).reduce((sum, list) => sum + structuredSize(list), 0);

async function medianAsyncMs(run: () => Promise<unknown>, warmup: number, samples: number): Promise<number> {
  // figures.ts's medianMs times synchronous work only; these are IndexedDB round trips.
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

let dbCounter = 0;
const freshName = () => `calm-run-bench-${++dbCounter}`;

test('storage: cost of one 5-second chunk append', async () => {
  const store = await SessionStore.open(freshName(), { estimator: undefined });
  const { meta, samples } = seedSession('live', 0, 120, { seed: 7 });
  await store.createSession({ ...meta, status: 'recording' });
  const chunks = liveChunksOf('live', samples);
  let next = 0;
  const appendNext = () => {
    const chunk = chunks[next++ % chunks.length];
    if (chunk === undefined) throw new Error('no chunks generated');
    return store.appendChunk(chunk);
  };
  const median = await medianAsyncMs(appendNext, 100, 601);
  const meanBytes = chunks.reduce((sum, chunk) => sum + chunk.bytes.length, 0) / chunks.length;
  console.log(`storage: chunks of 5 s hold ${meanBytes.toFixed(1)} bytes on average`);
  recordFigure('storage.chunkAppend.ms', median, 'ms');
  store.close();
});

test('storage: bytes stored per hour at 150 bpm, after finishSession', async () => {
  const name = freshName();
  const store = await SessionStore.open(name, { estimator: undefined });
  const seeded = seedSession('hour', 0, 60, { seed: 7 });
  const meta = { ...seeded.meta, status: 'recording' as const };
  const chunks = liveChunksOf('hour', seeded.samples);
  await store.createSession(meta);
  for (const chunk of chunks) await store.appendChunk(chunk);
  const db = await openCalmRunDb(name);
  const live = totalSize(await sessionRecords(db, 'hour'));
  await store.finishSession({ ...meta, status: 'finished' });
  const stored = await sessionRecords(db, 'hour');
  const payload = chunks.reduce((sum, chunk) => sum + chunk.bytes.length, 0);
  console.log(
    `storage: an hour's codec payload is ${payload} B in ${chunks.length} chunks, ${live} B stored while live; ` +
      `after finishSession ${structuredSize(stored.chunks)} B in ${stored.chunks.length} chunk record(s), ` +
      `session record ${structuredSize(stored.sessions)} B, history record ${structuredSize(stored.history)} B`,
  );
  recordFigure('storage.bytesPerHour', totalSize(stored), 'bytes');
  db.close();
  store.close();
});

test('history: listHistory over 1,000 stored sessions (fake-indexeddb)', async () => {
  const store = await SessionStore.open(freshName(), { estimator: undefined });
  const dayMs = 86_400_000;
  const items = Array.from({ length: 1000 }, (_, i) => {
    const { meta, samples } = seedSession(`s-${i}`, Date.UTC(2022, 0, 1) + i * dayMs, 1, {
      runner: i,
      seed: i + 1,
    });
    return { meta, chunks: liveChunksOf(`s-${i}`, samples) };
  });
  await store.importSessions(items);
  const median = await medianAsyncMs(() => store.listHistory(), 3, 21);
  recordFigure('history.list1000.fakeIdb.ms', median, 'ms');
  const runner = await medianAsyncMs(() => store.listHistory({ runnerId: 'runner-1', limit: 50 }), 3, 21);
  console.log(`history: one runner's newest 50 of 1,000 in ${runner.toFixed(2)} ms`);
  store.close();
});
