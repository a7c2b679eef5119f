import type { SampleChunk } from '../../core/session/session-model';
import { decodePartLengths, encodePartLengths } from './part-lengths';
import { StorageError } from './storage-errors';

/**
 * A record of the `chunks` store. While recording it is the live SampleChunk exactly as appended (no copy, no
 * conversion: the append must stay cheap). finishSession merges the live chunks into a few records whose `bytes` is
 * the concatenation of the original chunks' bytes and whose `partLengths` says where each one ends, so the codec gets
 * back the very chunks it wrote: the store does not assume that two encodings concatenate into a valid one.
 */
export interface StoredChunk extends SampleChunk {
  /** Only on merged records: the byte length of each original chunk, as varints (see part-lengths). */
  partLengths?: Uint8Array;
}

/**
 * Largest merged record. Chromium moves IndexedDB values above about 64 KiB out of its database into separate blob
 * files, which are slower to read; 48 KiB keeps every merged record inline. An hour at 150 bpm is about 22 KB.
 */
export const mergedChunkMaxBytes = 48 * 1024;

/** The original chunks' bytes, in order, as views into the record (no copy). */
export function chunkParts(record: StoredChunk): Uint8Array[] {
  if (record.partLengths === undefined) return [record.bytes];
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const length of decodePartLengths(record.partLengths)) {
    parts.push(record.bytes.subarray(offset, offset + length));
    offset += length;
  }
  if (offset !== record.bytes.length) {
    throw new StorageError(
      'corrupt-data',
      `Chunk ${record.seq} of session ${record.sessionId} does not match its part lengths.`,
    );
  }
  return parts;
}

function mergeGroup(group: readonly StoredChunk[]): StoredChunk {
  const [first] = group;
  if (first === undefined) throw new RangeError('Empty chunk group');
  // A lone record is kept as it is: merging it with nothing would only add a partLengths field.
  if (group.length === 1) return first;
  const parts = group.flatMap(chunkParts);
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return {
    sessionId: first.sessionId,
    // The first part's seq keeps merged records in the same key order as the chunks they replace.
    seq: first.seq,
    firstElapsedMs: first.firstElapsedMs,
    lastElapsedMs: group.reduce((last, chunk) => Math.max(last, chunk.lastElapsedMs), first.lastElapsedMs),
    sampleCount: group.reduce((sum, chunk) => sum + chunk.sampleCount, 0),
    bytes,
    partLengths: encodePartLengths(parts.map((part) => part.length)),
  };
}

/**
 * Merges one session's chunks, in seq order, into records of at most mergedChunkMaxBytes (a single chunk larger
 * than that stays alone). Already merged records merge again as units, so finishing twice changes nothing.
 */
export function consolidateChunks(chunks: readonly StoredChunk[]): StoredChunk[] {
  const sorted = [...chunks].sort((a, b) => a.seq - b.seq);
  const merged: StoredChunk[] = [];
  let group: StoredChunk[] = [];
  let groupBytes = 0;
  for (const chunk of sorted) {
    if (group.length > 0 && groupBytes + chunk.bytes.length > mergedChunkMaxBytes) {
      merged.push(mergeGroup(group));
      group = [];
      groupBytes = 0;
    }
    group.push(chunk);
    groupBytes += chunk.bytes.length;
  }
  if (group.length > 0) merged.push(mergeGroup(group));
  return merged;
}
