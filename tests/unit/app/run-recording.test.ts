import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunRecording } from '../../../src/app/run-recording.svelte';
import { SessionStore } from '../../../src/adapters/storage/session-store';
import { StorageFullError } from '../../../src/adapters/storage/storage-errors';
import { decodeSamples } from '../../../src/core';
import { freshDbName } from '../adapters/storage/storage-fixtures';
import { manualStrap } from '../support/manual-strap';

async function storedSampleCount(store: SessionStore, id: string): Promise<number> {
  const parts = await store.loadSamplesBytes(id);
  return parts.reduce((count, bytes) => count + decodeSamples(bytes).length, 0);
}

/** Runs `seconds` of a strap beating once a second, letting timers and storage writes run. */
async function runFor(seconds: number, beat: (bpm: number) => void): Promise<void> {
  for (let s = 0; s < seconds; s++) {
    beat(130);
    await vi.advanceTimersByTimeAsync(1000);
  }
}

describe('RunRecording', () => {
  let store: SessionStore;

  beforeEach(async () => {
    vi.useFakeTimers({
      toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'performance', 'Date'],
    });
    store = await SessionStore.open(freshDbName(), { estimator: undefined });
  });

  afterEach(() => {
    store.close();
    vi.useRealTimers();
  });

  it('stores a chunk at least every 5 seconds while recording, and everything on finish', async () => {
    const recording = new RunRecording(store);
    const { strap, beat } = manualStrap();
    expect(await recording.start({ strap, before: { feeling: 3, arousal: 2 } })).toBe(true);
    const id = recording.meta?.id ?? '';
    await runFor(12, beat);
    // Twelve beats in, at most the last five seconds may still be in memory.
    expect(await storedSampleCount(store, id)).toBeGreaterThanOrEqual(7);
    await recording.finish();
    expect(await storedSampleCount(store, id)).toBe(12);
    const stored = await store.getSession(id);
    expect(stored?.status).toBe('finished');
    expect(stored?.before).toEqual({ feeling: 3, arousal: 2 });
    expect(stored?.summary?.beatCount).toBe(12);
    recording.dispose();
  });

  it('keeps the run in memory when the disk is full and stores it once there is room', async () => {
    const recording = new RunRecording(store);
    const { strap, beat } = manualStrap();
    await recording.start({ strap });
    const id = recording.meta?.id ?? '';
    const append = vi.spyOn(store, 'appendChunk').mockRejectedValue(new StorageFullError());
    await runFor(11, beat);
    expect(recording.problem).toBe('storage-full');
    expect(recording.state.samples).toHaveLength(11);
    append.mockRestore();
    await runFor(6, beat);
    expect(recording.problem).toBeUndefined();
    await recording.finish();
    expect(await storedSampleCount(store, id)).toBe(17);
    recording.dispose();
  });

  it('resumes an interrupted run after a reload with everything stored before it', async () => {
    const first = new RunRecording(store);
    const { strap, beat } = manualStrap();
    await first.start({ strap });
    const id = first.meta?.id ?? '';
    await runFor(11, beat);
    first.dispose(); // the page goes away without finishing
    const stored = await storedSampleCount(store, id);
    expect(stored).toBeGreaterThanOrEqual(6);

    const interrupted = (await store.findInterruptedSessions())[0];
    expect(interrupted?.meta.id).toBe(id);
    const second = new RunRecording(store);
    const again = manualStrap();
    expect(await second.resumeInterrupted(interrupted ?? never(), again.strap)).toBe(true);
    await runFor(3, again.beat);
    await second.finish();
    expect(await storedSampleCount(store, id)).toBe(stored + 3);
    expect((await store.getSession(id))?.events.some((event) => event.type === 'resumed-after-reload')).toBe(
      true,
    );
    second.dispose();
  });

  it('finishes an interrupted run where its record stops', async () => {
    const first = new RunRecording(store);
    const { strap, beat } = manualStrap();
    await first.start({ strap });
    await runFor(11, beat);
    first.dispose();
    await vi.advanceTimersByTimeAsync(600_000); // the phone stayed off for ten minutes
    const interrupted = (await store.findInterruptedSessions())[0] ?? never();
    const second = new RunRecording(store);
    const id = await second.finishInterrupted(interrupted);
    const meta = await store.getSession(id);
    expect(meta?.status).toBe('finished');
    expect(meta?.summary?.durationMs).toBeLessThan(15_000);
    expect((await store.findInterruptedSessions())[0]).toBeUndefined();
    second.dispose();
  });
});

function never(): never {
  throw new Error('expected a value');
}
