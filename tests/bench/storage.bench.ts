import 'fake-indexeddb/auto';
import { test } from 'vitest';
import { SessionStore } from '../../src/adapters/storage/session-store';
import { liveChunksOf, seedSession } from './support/browser-seed';
import { recordFigure } from './support/figures';

/**
 * Storage figures measured in Node with fake-indexeddb. Timings here show the cost of our own code and of the
 * number of requests, not Chromium's; browser-storage.bench.ts measures history, the detail screen and the bytes an
 * hour takes in Chromium.
 */

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
