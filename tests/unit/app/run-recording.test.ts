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

describe('RunRecording with the timers held back and the monotonic clock stopped, as in a pocket', () => {
  let store: SessionStore;
  /** The page's two clocks, moved by hand; no timer runs in these tests unless a packet makes it. */
  let monotonicMs = 10_000;
  let wallMs = 1_700_000_000_000;

  beforeEach(async () => {
    store = await SessionStore.open(freshDbName(), { estimator: undefined });
    monotonicMs = 10_000;
    wallMs = 1_700_000_000_000;
    vi.spyOn(performance, 'now').mockImplementation(() => monotonicMs);
    vi.spyOn(Date, 'now').mockImplementation(() => wallMs);
  });

  afterEach(() => {
    vi.restoreAllMocks();
    store.close();
  });

  /** Packets a second apart by the wall clock; the monotonic clock moves `monotonicShare` of each second. */
  function beatFor(seconds: number, beat: (bpm: number) => void, monotonicShare = 1): void {
    for (let s = 0; s < seconds; s++) {
      wallMs += 1000;
      monotonicMs += 1000 * monotonicShare;
      beat(130 + (s % 7));
    }
  }

  it('stores a chunk at least every 5 s of recorded time, driven by the packets alone', async () => {
    const recording = new RunRecording(store);
    const { strap, beat } = manualStrap();
    await recording.start({ strap });
    const id = recording.meta?.id ?? '';
    const append = vi.spyOn(store, 'appendChunk');
    // Twenty seconds of packets and not one timer callback (the 1-s check never ran: Date and performance are
    // mocked, and the test does not wait a real second).
    beatFor(20, beat);
    await vi.waitFor(async () => {
      expect(await storedSampleCount(store, id)).toBeGreaterThanOrEqual(16);
    });
    const lastElapsed = append.mock.calls.map(([chunk]) => chunk.lastElapsedMs);
    expect(lastElapsed.length).toBeGreaterThanOrEqual(4);
    const spacing = lastElapsed.slice(1).map((ms, index) => ms - (lastElapsed[index] ?? 0));
    expect(Math.max(...spacing, lastElapsed[0] ?? 0)).toBeLessThanOrEqual(5000);
    recording.dispose();
  });

  it('keeps the elapsed time on the wall clock while performance.now() stands still', async () => {
    const recording = new RunRecording(store);
    const { strap, beat } = manualStrap();
    await recording.start({ strap });
    beatFor(5, beat);
    // Ten minutes in a pocket: performance.now() stands still between packets, the wall clock runs on.
    beatFor(600, beat, 0);
    beatFor(5, beat);
    const elapsed = recording.state.samples.map((sample) => sample.elapsedMs);
    expect(elapsed).toEqual(elapsed.map((_, index) => (index + 1) * 1000));
    // The run's clock, as every screen derives it (monotonic now minus the origin), says 610 s too.
    expect(performance.now() - recording.state.originMs).toBe(610_000);
    recording.mark();
    expect(recording.meta?.events.at(-1)).toEqual({ type: 'mark', elapsedMs: 610_000 });
    expect(recording.meta?.events.some((event) => event.type === 'gap')).toBe(false);
    const id = await recording.finish();
    const stored = await store.getSession(id ?? '');
    expect(stored?.summary?.durationMs).toBe(610_000);
    expect(await storedSampleCount(store, id ?? '')).toBe(610);
    recording.dispose();
  });
});

function never(): never {
  throw new Error('expected a value');
}
