import type { SessionKind } from '../../core/session/session-model';
import type { ImportItem } from './session-storage';
import { InvalidSessionDataError } from './storage-errors';

/**
 * The structural checks the store itself needs before writing an imported session: keys IndexedDB accepts, chunks
 * that belong to the session, bytes that are bytes. The import module validates the file's content fully (schema,
 * ranges, size limits) before this; this is the last guard that keeps a bad item from landing half-written.
 */
const kinds: readonly unknown[] = ['run', 'breathing', 'resting'] satisfies readonly SessionKind[];
const statuses: readonly unknown[] = ['recording', 'paused', 'finished'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function checkMeta(meta: unknown): string {
  if (!isRecord(meta)) throw new InvalidSessionDataError('An imported session has no session record.');
  const id = meta.id;
  if (typeof id !== 'string' || id === '')
    throw new InvalidSessionDataError('An imported session has no id.');
  const fail = (what: string) => new InvalidSessionDataError(`Imported session ${id}: ${what}.`);
  if (!kinds.includes(meta.kind)) throw fail('unknown kind');
  if (!statuses.includes(meta.status)) throw fail('unknown status');
  if (!isFiniteNumber(meta.startedAtWallMs)) throw fail('no start time');
  if (meta.runnerId !== undefined && typeof meta.runnerId !== 'string') throw fail('bad runner id');
  if (typeof meta.notes !== 'string') throw fail('notes are not text');
  if (!Array.isArray(meta.events)) throw fail('events are not a list');
  return id;
}

function checkChunks(id: string, chunks: unknown): void {
  const fail = (what: string) => new InvalidSessionDataError(`Imported session ${id}: ${what}.`);
  if (!Array.isArray(chunks)) throw fail('chunks are not a list');
  const seqs = new Set<number>();
  for (const chunk of chunks as unknown[]) {
    if (!isRecord(chunk) || chunk.sessionId !== id) throw fail('a chunk belongs to another session');
    if (!isCount(chunk.seq) || seqs.has(chunk.seq)) throw fail('a chunk has a bad or repeated seq');
    seqs.add(chunk.seq);
    if (!isFiniteNumber(chunk.firstElapsedMs) || !isFiniteNumber(chunk.lastElapsedMs))
      throw fail('bad chunk times');
    if (!isCount(chunk.sampleCount)) throw fail('bad chunk sample count');
    if (!(chunk.bytes instanceof Uint8Array)) throw fail('chunk bytes are not bytes');
  }
}

/** Throws an InvalidSessionDataError naming the session and the fault. */
export function assertStorableSession(item: ImportItem): void {
  const value: unknown = item;
  if (!isRecord(value)) throw new InvalidSessionDataError('An imported item is not a session.');
  const id = checkMeta(value.meta);
  checkChunks(id, value.chunks);
}
