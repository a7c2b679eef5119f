import { describe, expect, it } from 'vitest';
import { decodePartLengths, encodePartLengths } from '../../../../src/adapters/storage/part-lengths';
import {
  chunkParts,
  consolidateChunks,
  mergedChunkMaxBytes,
  type StoredChunk,
} from '../../../../src/adapters/storage/stored-chunk';
import { StorageError } from '../../../../src/adapters/storage/storage-errors';
import { makeChunk, makeChunks } from './storage-fixtures';

describe('part lengths', () => {
  it('round-trips lengths of every size, one byte each below 128', () => {
    const lengths = [0, 1, 127, 128, 300, 16_383, 16_384, 2 ** 32 + 5];
    expect(decodePartLengths(encodePartLengths(lengths))).toEqual(lengths);
    expect(encodePartLengths([40, 60, 127]).length).toBe(3);
    expect(encodePartLengths([128]).length).toBe(2);
  });

  it('refuses a truncated length and a bad one', () => {
    expect(() => decodePartLengths(Uint8Array.of(0x85))).toThrow(RangeError);
    expect(() => encodePartLengths([-1])).toThrow(RangeError);
    expect(() => encodePartLengths([1.5])).toThrow(RangeError);
  });
});

describe('consolidateChunks', () => {
  const allParts = (records: StoredChunk[]) => records.flatMap((record) => chunkParts(record));

  it('merges in seq order, keeping every chunk byte-identical and the totals', () => {
    const chunks = makeChunks('s', 20);
    const [merged, ...rest] = consolidateChunks([...chunks].reverse());
    expect(rest).toEqual([]);
    expect(merged?.seq).toBe(0);
    expect(merged?.firstElapsedMs).toBe(0);
    expect(merged?.lastElapsedMs).toBe(chunks[19]?.lastElapsedMs);
    expect(merged?.sampleCount).toBe(100);
    expect(merged === undefined ? [] : chunkParts(merged)).toEqual(chunks.map((chunk) => chunk.bytes));
  });

  it('keeps every merged record within the size limit, and a big chunk alone', () => {
    const chunks = [...makeChunks('s', 120, 1000), { ...makeChunk('s', 120), bytes: new Uint8Array(70_000) }];
    const records = consolidateChunks(chunks);
    expect(records.length).toBeGreaterThan(2);
    for (const record of records.slice(0, -1))
      expect(record.bytes.length).toBeLessThanOrEqual(mergedChunkMaxBytes);
    expect(records.at(-1)?.bytes.length).toBe(70_000);
    expect(records.at(-1)?.partLengths).toBeUndefined();
    expect(allParts(records)).toEqual(chunks.map((chunk) => chunk.bytes));
    expect(records.map((record) => record.seq)).toEqual(
      [...records.map((record) => record.seq)].sort((a, b) => a - b),
    );
  });

  it('is stable: consolidating merged records again changes nothing', () => {
    const once = consolidateChunks(makeChunks('s', 200, 500));
    expect(consolidateChunks(once)).toEqual(once);
    expect(consolidateChunks([])).toEqual([]);
    const lone = makeChunk('s', 3);
    expect(consolidateChunks([lone])).toEqual([lone]);
  });

  it('refuses a record whose part lengths do not match its bytes', () => {
    const [merged] = consolidateChunks(makeChunks('s', 3));
    if (merged === undefined) throw new Error('expected a merged record');
    const damaged = { ...merged, bytes: merged.bytes.subarray(1) };
    expect(() => chunkParts(damaged)).toThrow(StorageError);
  });
});
