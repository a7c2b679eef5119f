import type { Page } from 'playwright-core';
import { historyRecordOf, type HistoryRecord } from '../../../src/adapters/storage/history-entry';
import { consolidateChunks, type StoredChunk } from '../../../src/adapters/storage/stored-chunk';
import {
  CHUNK_INTERVAL_MS,
  encodeSamples,
  summarizeSession,
  type SampleChunk,
  type SessionMeta,
  type SessionSample,
} from '../../../src/core/session';
import { simulatedSamples } from '../../unit/core/session/support/simulated-run';

/**
 * Records for the app's IndexedDB database ('calm-run', stores sessions / history / chunks), made in Node with the
 * app's own functions: the samples encoded by the sample codec in 5-second chunks as the recorder hands them out,
 * merged by `consolidateChunks` as `finishSession` stores them, the summary from `summarizeSession`, the history
 * line from `historyRecordOf`. They are then written into the page's database as they are, so the app reads exactly
 * what it would have stored itself.
 */

export interface SeedSession {
  meta: SessionMeta;
  history: HistoryRecord;
  chunks: StoredChunk[];
}

const minute = 60_000;

/** Chunks as the recorder hands them out while recording: one per 5 s, each encoded on its own. */
export function liveChunksOf(sessionId: string, samples: readonly SessionSample[]): SampleChunk[] {
  const live: SampleChunk[] = [];
  let first = 0;
  while (first < samples.length) {
    const start = samples[first]?.elapsedMs ?? 0;
    let end = first;
    while (end < samples.length && (samples[end]?.elapsedMs ?? 0) < start + CHUNK_INTERVAL_MS) end++;
    const pending = samples.slice(first, end);
    live.push({
      sessionId,
      seq: live.length,
      firstElapsedMs: pending[0]?.elapsedMs ?? 0,
      lastElapsedMs: pending.at(-1)?.elapsedMs ?? 0,
      sampleCount: pending.length,
      bytes: encodeSamples(pending),
    });
    first = end;
  }
  return live;
}

/** Chunks as the recorder stores them: live ones, merged as on finish. */
export function storedChunksOf(sessionId: string, samples: readonly SessionSample[]): StoredChunk[] {
  return consolidateChunks(liveChunksOf(sessionId, samples));
}

/** A finished run with what a real one carries: runner, strap, plan, zone, moods, notes, cues, a strap drop. */
export function runMeta(
  id: string,
  startedAtWallMs: number,
  durationMin: number,
  runner: number,
): SessionMeta {
  const durationMs = durationMin * minute;
  const runners = ['Ann', 'Bob', 'Cem'];
  return {
    id,
    kind: 'run',
    status: 'finished',
    startedAtWallMs,
    endedAtWallMs: startedAtWallMs + durationMs,
    runnerId: `runner-${runner % runners.length}`,
    runnerName: runners[runner % runners.length] ?? 'Ann',
    strap: { name: 'Polar H10 A1B2C3D4', bodySensorLocation: 'chest' },
    plan: { planId: 'calm-8w', name: 'Calm start, 8 weeks', courseWeek: 3, courseRun: 2 },
    zone: { lowBpm: 140, highBpm: 155, method: 'percent-reserve' },
    before: { feeling: 1, arousal: 2 },
    after: { feeling: 3, arousal: 3 },
    exertion: 4,
    notes: 'Felt heavy at first, easier after the bridge. Slept badly the night before, so kept it gentle.',
    events: [
      { type: 'started', elapsedMs: 0 },
      { type: 'strap-connected', elapsedMs: 0 },
      ...Array.from({ length: Math.floor(durationMin / 3) }, (_, i) => ({
        type: 'cue' as const,
        elapsedMs: i * 3 * minute,
        detail: 'slow-down',
      })),
      { type: 'strap-disconnected', elapsedMs: Math.floor(durationMs / 2) },
      { type: 'strap-reconnected', elapsedMs: Math.floor(durationMs / 2) + 9000 },
      { type: 'finished', elapsedMs: durationMs },
    ],
  };
}

/** A whole session at about `bpm`, one notification a second, with its summary, history line and chunks. */
export function seedSession(
  id: string,
  startedAtWallMs: number,
  durationMin: number,
  options: { bpm?: number; runner?: number; seed?: number } = {},
): SeedSession & { samples: SessionSample[] } {
  const samples = simulatedSamples({
    bpm: options.bpm ?? 150,
    durationS: durationMin * 60,
    jitterMs: 12,
    seed: options.seed ?? 1,
  });
  const bare = runMeta(id, startedAtWallMs, durationMin, options.runner ?? 0);
  const meta: SessionMeta = { ...bare, summary: summarizeSession(bare, samples) };
  return { meta, history: historyRecordOf(meta), chunks: storedChunksOf(id, samples), samples };
}

/**
 * The same session under another id and start: its chunks are the same bytes under the new id (the codec does not
 * store the id), so a thousand sessions cost a few templates' worth of work.
 */
export function copyOf(
  template: SeedSession,
  id: string,
  startedAtWallMs: number,
  runner: number,
): SeedSession {
  const meta: SessionMeta = {
    ...template.meta,
    id,
    startedAtWallMs,
    endedAtWallMs: startedAtWallMs + (template.meta.summary?.durationMs ?? 0),
    runnerId: `runner-${runner % 3}`,
    runnerName: ['Ann', 'Bob', 'Cem'][runner % 3] ?? 'Ann',
  };
  return {
    meta,
    history: historyRecordOf(meta),
    chunks: template.chunks.map((chunk) => ({ ...chunk, sessionId: id })),
  };
}

/** A chunk with its bytes in base64, to cross into the page as JSON. */
interface WireChunk extends Omit<StoredChunk, 'bytes' | 'partLengths'> {
  bytes: string;
  partLengths?: string;
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * Writes the sessions into the page's 'calm-run' database (which the app has already created at its current
 * version), in batches, one readwrite transaction per batch over the three stores.
 */
export async function writeSessions(
  page: Page,
  sessions: readonly SeedSession[],
  batchSize = 50,
): Promise<void> {
  for (let first = 0; first < sessions.length; first += batchSize) {
    const batch = sessions.slice(first, first + batchSize).map((session) => ({
      meta: session.meta,
      history: session.history,
      chunks: session.chunks.map((chunk): WireChunk => {
        const { bytes, partLengths, ...rest } = chunk;
        return {
          ...rest,
          bytes: toBase64(bytes),
          ...(partLengths !== undefined && { partLengths: toBase64(partLengths) }),
        };
      }),
    }));
    await page.evaluate(async (records) => {
      const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('calm-run');
        request.onsuccess = () => {
          resolve(request.result);
        };
        request.onerror = () => {
          reject(request.error ?? new Error('indexedDB.open failed'));
        };
      });
      try {
        const transaction = db.transaction(['sessions', 'history', 'chunks'], 'readwrite');
        for (const record of records) {
          transaction.objectStore('sessions').put(record.meta);
          transaction.objectStore('history').put(record.history);
          for (const chunk of record.chunks) {
            const { bytes, partLengths, ...rest } = chunk;
            transaction.objectStore('chunks').put({
              ...rest,
              bytes: fromBase64(bytes),
              ...(partLengths !== undefined && { partLengths: fromBase64(partLengths) }),
            });
          }
        }
        await new Promise<void>((resolve, reject) => {
          transaction.oncomplete = () => {
            resolve();
          };
          transaction.onerror = () => {
            reject(transaction.error ?? new Error('the seeding transaction failed'));
          };
          transaction.onabort = () => {
            reject(transaction.error ?? new Error('the seeding transaction was aborted'));
          };
        });
      } finally {
        db.close();
      }
    }, batch);
  }
}
