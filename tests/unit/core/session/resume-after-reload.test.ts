import { describe, expect, it } from 'vitest';
import {
  createRecorder,
  recordSession,
  samplesFromChunks,
  takeChunk,
  type RecorderState,
  type SampleChunk,
} from '../../../../src/core/session';
import { eventRows, measurement, run, start, WALL_CLOCK_AT_ZERO_MS } from './support/recorder-steps';
import { defined } from './support/defined';

const T0 = 10_000;

/** A run recorded for 60 s with a chunk every 5 s, then the page dies: what storage holds. */
function storedRun(): { state: RecorderState; chunks: SampleChunk[] } {
  let state = run([start(T0, { strapLive: true })]);
  const chunks: SampleChunk[] = [];
  for (let s = 1; s <= 60; s++) {
    state = recordSession(state, measurement(T0 + s * 1000, 120 + (s % 7), [512 - s, 500 + s]));
    if (s % 5 === 0) {
      const taken = takeChunk(state);
      state = taken.state;
      if (taken.chunk) chunks.push(taken.chunk);
    }
  }
  // Two more samples arrive but the page dies before their chunk is stored.
  state = run([measurement(T0 + 61_000, 130, [480]), measurement(T0 + 62_000, 131, [470])], state);
  return { state, chunks };
}

describe('resumeAfterReload', () => {
  const { state: died, chunks } = storedRun();
  const storedMeta = defined(died.meta);
  const storedSamples = samplesFromChunks(chunks);
  const reloadAtMs = 700; // the new page's monotonic clock starts near 0

  function reload(wallClockMs: number): RecorderState {
    return recordSession(createRecorder(), {
      type: 'resumeAfterReload',
      meta: storedMeta,
      storedSamples,
      nextChunkSeq: chunks.length,
      atMs: reloadAtMs,
      wallClockMs,
    });
  }

  it('continues elapsed time after the last stored sample, by the wall clock, with the loss as events', () => {
    // The reload happens 75 s into the run by the wall clock; the last stored sample is at 60 s.
    let state = reload(WALL_CLOCK_AT_ZERO_MS + T0 + 75_000);
    expect(state.meta?.status).toBe('recording');
    expect(eventRows(state).at(-1)).toEqual(['resumed-after-reload', 75_000, '15000']);

    state = run([measurement(reloadAtMs + 1000, 125, [500])], state);
    expect(state.samples.at(-1)?.elapsedMs).toBe(76_000);
    expect(eventRows(state).at(-1)).toEqual(['gap', 76_000, '16000']);

    // The strap comes back as a reconnection; chunks continue the numbering with only the new samples.
    state = run([{ type: 'strap', atMs: reloadAtMs + 1500, state: { kind: 'live' } }], state);
    expect(eventRows(state).at(-1)).toEqual(['strap-reconnected', 76_500]);
    const taken = takeChunk(state);
    expect(taken.chunk).toMatchObject({ seq: 12, sampleCount: 1, firstElapsedMs: 76_000 });
    expect(
      samplesFromChunks([...chunks, defined(taken.chunk)])
        .map((s) => s.elapsedMs)
        .slice(-3),
    ).toEqual([59_000, 60_000, 76_000]);

    // The finish summary covers the stored samples too.
    state = run([{ type: 'finish', atMs: reloadAtMs + 3000, wallClockMs: 0 }], taken.state);
    expect(state.meta?.summary?.beatCount).toBe(60 * 2 + 1);
    expect(state.meta?.summary?.durationMs).toBe(78_000);
  });

  it('never goes back before the last stored sample or event when the wall clock did', () => {
    const state = reload(WALL_CLOCK_AT_ZERO_MS + T0 - 3_600_000);
    expect(eventRows(state).at(-1)).toEqual(['resumed-after-reload', 60_000, '0']);
    const next = run([measurement(reloadAtMs + 2000, 125, [500])], state);
    expect(next.samples.at(-1)?.elapsedMs).toBe(62_000);
    expect(eventRows(next).filter(([type]) => type === 'gap')).toEqual([]);
  });

  it('stays paused when the session was paused', () => {
    const pausedMeta = defined(run([{ type: 'pause', atMs: T0 + 60_500 }], died).meta, 'paused meta');
    let state = recordSession(createRecorder(), {
      type: 'resumeAfterReload',
      meta: pausedMeta,
      storedSamples,
      nextChunkSeq: chunks.length,
      atMs: 0,
      wallClockMs: WALL_CLOCK_AT_ZERO_MS + T0 + 300_000,
    });
    expect(state.meta?.status).toBe('paused');
    state = run([measurement(1000, 100), { type: 'resume', atMs: 2000 }, measurement(3000, 100)], state);
    expect(state.samples.at(-1)?.elapsedMs).toBe(303_000);
    expect(state.samples).toHaveLength(61);
    // The pause covers the reload: no gap when data follows the resume.
    expect(eventRows(state).filter(([type]) => type === 'gap')).toEqual([]);
  });

  it('is ignored for a finished session or on a recorder already in use', () => {
    const finished = { ...storedMeta, status: 'finished' as const };
    const idle = createRecorder();
    const action = {
      type: 'resumeAfterReload' as const,
      meta: finished,
      storedSamples,
      nextChunkSeq: 0,
      atMs: 0,
      wallClockMs: 0,
    };
    expect(recordSession(idle, action)).toBe(idle);
    expect(recordSession(died, { ...action, meta: storedMeta })).toBe(died);
  });
});
