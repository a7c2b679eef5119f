import 'fake-indexeddb/auto';
import { test } from 'vitest';
import { openCalmRunDb, type CalmRunDatabase } from '../../src/adapters/storage/calm-run-db';
import { SessionStore } from '../../src/adapters/storage/session-store';
import { encodeSamples } from '../../src/core/session/sample-codec';
import type { SampleChunk, SessionMeta, SessionSample } from '../../src/core/session/session-model';
import { recordFigure } from './support/figures';

/**
 * Storage figures measured in Node with fake-indexeddb. Timings here show the cost of our own code and of the
 * number of requests, not Chromium's; the lead measures `history.open1000.ms` and `detail.load3h.ms` in Chromium.
 */

const chunkSeconds = 5;

/** One notification a second at about 150 bpm: 2 or 3 RR intervals (2.5 on average) near 410/1024 s. */
function samplesAt150Bpm(durationS: number, seed: number): SessionSample[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let rrBudget = 0;
  return Array.from({ length: durationS }, (_, second) => {
    const heartRateBpm = 148 + Math.floor(next() * 5);
    const rrIntervals1024: number[] = [];
    rrBudget += 1024;
    // Beats that ended within this second, as a strap reports them.
    while (rrBudget >= 410) {
      rrIntervals1024.push(Math.round(61_440 / heartRateBpm + (next() - 0.5) * 16));
      rrBudget -= 410;
    }
    return {
      elapsedMs: second * 1000 + Math.floor(next() * 20),
      heartRateBpm,
      sensorContact: 'contact',
      rrIntervals1024,
    };
  });
}

/** Chunks as the recorder hands them out: every 5 s, each encoded on its own by the session codec. */
function liveChunks(sessionId: string, durationS: number, seed = 7): SampleChunk[] {
  const samples = samplesAt150Bpm(durationS, seed);
  const chunks: SampleChunk[] = [];
  for (let i = 0; i < samples.length; i += chunkSeconds) {
    const pending = samples.slice(i, i + chunkSeconds);
    chunks.push({
      sessionId,
      seq: chunks.length,
      firstElapsedMs: pending[0]?.elapsedMs ?? 0,
      lastElapsedMs: pending.at(-1)?.elapsedMs ?? 0,
      sampleCount: pending.length,
      bytes: encodeSamples(pending),
    });
  }
  return chunks;
}

function sessionMeta(id: string, startedAtWallMs: number, runnerId: string, durationMin = 45): SessionMeta {
  const minute = 60_000;
  const durationMs = durationMin * minute;
  return {
    id,
    kind: 'run',
    status: 'finished',
    startedAtWallMs,
    endedAtWallMs: startedAtWallMs + durationMs,
    runnerId,
    runnerName: `Runner ${runnerId}`,
    strap: { name: 'Polar H10 A1B2C3D4', bodySensorLocation: 'chest' },
    plan: { planId: 'calm-8w', name: 'Calm start, 8 weeks', courseWeek: 3, courseRun: 2 },
    zone: { lowBpm: 128, highBpm: 142, method: 'percent-reserve' },
    before: { feeling: 1, arousal: 2 },
    after: { feeling: 3, arousal: 3 },
    exertion: 4,
    notes: 'Felt heavy at first, easier after the bridge. Slept badly.',
    // A realistic run: start, cues every few minutes, a strap drop, phase changes, finish.
    events: [
      { type: 'started', elapsedMs: 0 },
      ...Array.from({ length: Math.floor(durationMin / 3) }, (_, i) => ({
        type: 'cue' as const,
        elapsedMs: i * 3 * minute,
        detail: 'slow-down',
      })),
      { type: 'strap-disconnected', elapsedMs: 20 * minute },
      { type: 'strap-reconnected', elapsedMs: 20 * minute + 9000 },
      { type: 'gap', elapsedMs: 20 * minute, detail: '9000' },
      { type: 'phase-changed', elapsedMs: 5 * minute, detail: 'run' },
      { type: 'phase-changed', elapsedMs: durationMs - 5 * minute, detail: 'cool-down' },
      { type: 'finished', elapsedMs: durationMs },
    ],
    summary: {
      durationMs,
      activeMs: durationMs,
      averageHeartRateBpm: 136,
      maxHeartRateBpm: 149,
      timeInZoneMs: { below: 6 * minute, inZone: durationMs - 10 * minute, above: 4 * minute },
      beatCount: 6100,
      rmssdMs: 8.4,
      artifactPct: 0.7,
      // One DFA-a1 value per 30 s (the core's DFA_TIMELINE_STEP_MS), unrounded: what makes the full record heavy.
      dfaAlpha1Timeline: Array.from({ length: durationMin * 2 - 4 }, (_, i) => ({
        elapsedMs: (i + 4) * 30_000,
        alpha1: 0.75 + Math.sin(i) / 7,
      })),
    },
  };
}

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
  await store.createSession({ ...sessionMeta('live', 0, 'ann'), status: 'recording' });
  const chunks = liveChunks('live', 2 * 3600);
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
  const meta = { ...sessionMeta('hour', 0, 'ann', 60), status: 'recording' as const };
  const chunks = liveChunks('hour', 3600);
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
  const items = Array.from({ length: 1000 }, (_, i) => ({
    meta: sessionMeta(`s-${i}`, Date.UTC(2022, 0, 1) + i * dayMs, ['ann', 'bob', 'cem'][i % 3] ?? 'ann'),
    chunks: liveChunks(`s-${i}`, 60, i),
  }));
  await store.importSessions(items);
  const median = await medianAsyncMs(() => store.listHistory(), 3, 21);
  recordFigure('history.list1000.fakeIdb.ms', median, 'ms');
  const runner = await medianAsyncMs(() => store.listHistory({ runnerId: 'bob', limit: 50 }), 3, 21);
  console.log(`history: one runner's newest 50 of 1,000 in ${runner.toFixed(2)} ms`);
  store.close();
});
