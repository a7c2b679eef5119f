import type { SampleChunk, SessionMeta } from '../../../../src/core/session/session-model';

let dbCounter = 0;

/** A database name no other test uses, so tests share the fake IndexedDB without sharing data. */
export function freshDbName(): string {
  dbCounter += 1;
  return `calm-run-test-${dbCounter}-${Math.random().toString(36).slice(2)}`;
}

export const hourMs = 3_600_000;
export const dayMs = 24 * hourMs;
/** 2025-03-03 08:00 UTC: history dates in tests count from here. */
export const baseWallMs = Date.UTC(2025, 2, 3, 8);

export function makeMeta(id: string, overrides: Partial<SessionMeta> = {}): SessionMeta {
  return {
    id,
    kind: 'run',
    status: 'recording',
    startedAtWallMs: baseWallMs,
    notes: '',
    events: [{ type: 'started', elapsedMs: 0 }],
    ...overrides,
  };
}

export function finishedMeta(meta: SessionMeta): SessionMeta {
  return {
    ...meta,
    status: 'finished',
    endedAtWallMs: meta.startedAtWallMs + 30 * 60_000,
    events: [...meta.events, { type: 'finished', elapsedMs: 30 * 60_000 }],
    summary: {
      durationMs: 30 * 60_000,
      activeMs: 30 * 60_000,
      averageHeartRateBpm: 138,
      maxHeartRateBpm: 151,
      beatCount: 4140,
      dfaAlpha1Timeline: [
        { elapsedMs: 120_000, alpha1: 0.92 },
        { elapsedMs: 240_000, alpha1: 0.81 },
      ],
    },
  };
}

/** Opaque bytes that differ by session, seq and position, so a mix-up or reordering shows. */
export function chunkBytes(sessionId: string, seq: number, length: number): Uint8Array {
  let seed = seq * 7919 + sessionId.length * 31 + (sessionId.codePointAt(0) ?? 0);
  return Uint8Array.from({ length }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256);
}

export function makeChunk(sessionId: string, seq: number, length = 40): SampleChunk {
  return {
    sessionId,
    seq,
    firstElapsedMs: seq * 5000,
    lastElapsedMs: seq * 5000 + 4000,
    sampleCount: 5,
    bytes: chunkBytes(sessionId, seq, length + (seq % 7)),
  };
}

export function makeChunks(sessionId: string, count: number, length = 40): SampleChunk[] {
  return Array.from({ length: count }, (_, seq) => makeChunk(sessionId, seq, length));
}
