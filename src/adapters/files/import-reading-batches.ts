import type { ImportItem } from '../storage/session-storage';
import type { ClientFileSession, ImportReading } from './import-reading';

/**
 * A reading's sessions in batches, so the page takes them in over several tasks: receiving a message costs the page
 * the structured clone of everything in it, and a thousand sessions' records in one message would block it for
 * longer than a frame. The rest of the reading (a refusal, a client's profile and record) goes on its own.
 */
export type ReadingBatch =
  { kind: 'items'; items: ImportItem[] } | { kind: 'client-sessions'; sessions: ClientFileSession[] };

/** About 1 MB of session records per batch for typical runs, a few milliseconds of the page's time. */
export const sessionsPerBatch = 100;

/** The reading without its sessions, and its sessions in batches of at most `size`. */
export function splitReading(
  reading: ImportReading,
  size = sessionsPerBatch,
): { rest: ImportReading; batches: ReadingBatch[] } {
  if (!reading.ok) return { rest: reading, batches: [] };
  if ('items' in reading) {
    return {
      rest: { ...reading, items: [] },
      batches: slices(reading.items, size).map((items) => ({ kind: 'items', items })),
    };
  }
  return {
    rest: { ...reading, file: { ...reading.file, sessions: [] } },
    batches: slices(reading.file.sessions, size).map((sessions) => ({ kind: 'client-sessions', sessions })),
  };
}

/** The reading made whole again from its rest and its batches, in the order they came. */
export function joinReading<R extends ImportReading>(rest: R, batches: readonly ReadingBatch[]): R {
  if (!rest.ok) return rest;
  if ('items' in rest) {
    return {
      ...rest,
      items: batches.flatMap((batch) => (batch.kind === 'items' ? batch.items : [])),
    };
  }
  return {
    ...rest,
    file: {
      ...rest.file,
      sessions: batches.flatMap((batch) => (batch.kind === 'client-sessions' ? batch.sessions : [])),
    },
  };
}

/** Every chunk buffer of the batch, each once (two views on one buffer would make the transfer fail). */
export function transferablesOf(batch: ReadingBatch): ArrayBuffer[] {
  const items = batch.kind === 'items' ? batch.items : batch.sessions.map(({ item }) => item);
  const buffers = new Set<ArrayBuffer>();
  for (const item of items) {
    for (const chunk of item.chunks) {
      // A SharedArrayBuffer is shared already; only plain buffers can (and need to) be transferred.
      if (chunk.bytes.buffer instanceof ArrayBuffer) buffers.add(chunk.bytes.buffer);
    }
  }
  return [...buffers];
}

function slices<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < list.length; start += size) out.push(list.slice(start, start + size));
  return out;
}
