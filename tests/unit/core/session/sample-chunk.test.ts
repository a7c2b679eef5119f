import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createRecorder,
  decodeChunk,
  encodeSamples,
  isChunkDue,
  recordSession,
  samplesFromChunks,
  SampleCodecError,
  takeChunk,
  type RecorderAction,
  type SampleChunk,
  type SessionSample,
} from '../../../../src/core/session';
import { measurement, run, start } from './support/recorder-steps';
import { defined } from './support/defined';

describe('takeChunk', () => {
  it('hands out the pending samples once, seq counting from 0', () => {
    let state = run([start(0), measurement(1000, 100, [600]), measurement(2000, 101, [601, 602])]);
    const first = takeChunk(state);
    state = first.state;
    expect(first.chunk).toMatchObject({
      sessionId: 'session-1',
      seq: 0,
      firstElapsedMs: 1000,
      lastElapsedMs: 2000,
      sampleCount: 2,
    });
    expect(decodeChunk(defined(first.chunk))).toEqual(state.samples);

    const empty = takeChunk(state);
    expect(empty.chunk).toBeUndefined();
    state = run([measurement(4000, null, [], 'no-contact')], empty.state);
    const second = takeChunk(state);
    expect(second.chunk).toMatchObject({ seq: 1, firstElapsedMs: 4000, lastElapsedMs: 4000, sampleCount: 1 });
  });

  it('gives no chunk before a session exists', () => {
    expect(takeChunk(createRecorder()).chunk).toBeUndefined();
  });

  it('flushes the last samples after finish', () => {
    const state = run([
      start(0),
      measurement(1000, 100, [600]),
      { type: 'finish', atMs: 1500, wallClockMs: 0 },
    ]);
    expect(takeChunk(state).chunk?.sampleCount).toBe(1);
  });

  it('hands the same samples out again from the previous state when storing failed', () => {
    const state = run([start(0), measurement(1000, 100, [600])]);
    const failed = takeChunk(state).chunk;
    const retried = takeChunk(state).chunk;
    expect(retried).toEqual(failed);
  });

  it('says when a chunk is due: the interval after the newest sample stored', () => {
    let state = run([start(0)]);
    expect(isChunkDue(state, 10_000)).toBe(false); // nothing waiting
    state = run([measurement(1000, 100)], state);
    expect(isChunkDue(state, 1000)).toBe(true); // never flushed yet
    state = takeChunk(state).state;
    state = run([measurement(2000, 100)], state);
    expect(isChunkDue(state, 5999)).toBe(false);
    expect(isChunkDue(state, 6000)).toBe(true);
    expect(isChunkDue(state, 3000, 2000)).toBe(true);
  });

  it('counts from the newest sample stored, not from when a late timer took its chunk', () => {
    // The screen off: the timer took the chunk 900 ms after its last sample; a packet a second goes on.
    let state = run([start(0), measurement(1000, 100), measurement(2000, 100), measurement(3000, 100)]);
    state = takeChunk(state).state;
    const intervalMs = 4000;
    let takenAtMs: number | undefined;
    for (let atMs = 4000; takenAtMs === undefined; atMs += 1000) {
      state = run([measurement(atMs, 100)], state);
      if (isChunkDue(state, atMs, intervalMs)) takenAtMs = atMs;
    }
    // Taken by the packet 4 s after the newest stored sample: a crash just before it lost under 5 s.
    expect(takenAtMs).toBe(7000);
  });
});

type Step =
  | { kind: 'measure'; dtMs: number; heartRateBpm: number | null; rr: number[] }
  | { kind: 'start' | 'pause' | 'resume' | 'finish' | 'take' | 'mark' | 'live' | 'drop'; dtMs: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('measure' as const),
      dtMs: fc.oneof(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 20_000 })),
      heartRateBpm: fc.oneof(fc.constant(null), fc.integer({ min: 30, max: 300 })),
      rr: fc.array(fc.integer({ min: 200, max: 2000 }), { maxLength: 4 }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'start' as const,
        'pause' as const,
        'resume' as const,
        'finish' as const,
        'take' as const,
        'take' as const,
        'mark' as const,
        'live' as const,
        'drop' as const,
      ),
      dtMs: fc.integer({ min: 0, max: 5000 }),
    }),
  },
);

describe('takeChunk over random sessions', () => {
  it('loses and repeats no sample: the decoded chunks are the recorded samples, in order', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { maxLength: 120 }),
        fc.integer({ min: 0, max: 1e9 }),
        (steps, clockMs) => {
          let state = createRecorder();
          const chunks: SampleChunk[] = [];
          const expected: SessionSample[] = [];
          // An independent model of which measurements count: after start, not paused, not after finish.
          let startedAtMs: number | undefined;
          let paused = false;
          let finished = false;
          let nowMs = clockMs;
          const act = (action: RecorderAction) => (state = recordSession(state, action));
          for (const step of steps) {
            nowMs += step.dtMs;
            switch (step.kind) {
              case 'measure':
                act(measurement(nowMs, step.heartRateBpm, step.rr));
                if (startedAtMs !== undefined && !paused && !finished) {
                  expected.push({
                    elapsedMs: nowMs - startedAtMs,
                    heartRateBpm: step.heartRateBpm,
                    sensorContact: 'contact',
                    rrIntervals1024: step.rr,
                  });
                }
                break;
              case 'start':
                act(start(nowMs));
                startedAtMs ??= nowMs;
                break;
              case 'pause':
                act({ type: 'pause', atMs: nowMs });
                if (startedAtMs !== undefined && !finished) paused = true;
                break;
              case 'resume':
                act({ type: 'resume', atMs: nowMs });
                if (!finished) paused = false;
                break;
              case 'finish':
                act({ type: 'finish', atMs: nowMs, wallClockMs: nowMs });
                if (startedAtMs !== undefined) finished = true;
                break;
              case 'take': {
                const taken = takeChunk(state);
                state = taken.state;
                if (taken.chunk) chunks.push(taken.chunk);
                break;
              }
              case 'mark':
                act({ type: 'mark', atMs: nowMs });
                break;
              case 'live':
                act({ type: 'strap', atMs: nowMs, state: { kind: 'live' } });
                break;
              case 'drop':
                act({
                  type: 'strap',
                  atMs: nowMs,
                  state: { kind: 'reconnecting', attempt: 1, nextAttemptAtMs: 0 },
                });
                break;
            }
          }
          const last = takeChunk(state);
          if (last.chunk) chunks.push(last.chunk);

          expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
          for (const chunk of chunks) expect(chunk.sampleCount).toBeGreaterThan(0);
          expect(chunks.flatMap(decodeChunk)).toEqual(expected);
          expect(samplesFromChunks([...chunks].reverse())).toEqual(expected);
          expect(last.state.samples).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('decodeChunk and samplesFromChunks refuse inconsistent chunks', () => {
  const samples: SessionSample[] = [
    { elapsedMs: 1000, heartRateBpm: 100, sensorContact: 'contact', rrIntervals1024: [600] },
    { elapsedMs: 2000, heartRateBpm: 101, sensorContact: 'contact', rrIntervals1024: [601] },
  ];
  const chunk: SampleChunk = {
    sessionId: 's',
    seq: 0,
    firstElapsedMs: 1000,
    lastElapsedMs: 2000,
    sampleCount: 2,
    bytes: encodeSamples(samples),
  };

  it('checks the count and the times against the bytes', () => {
    expect(decodeChunk(chunk)).toEqual(samples);
    expect(() => decodeChunk({ ...chunk, sampleCount: 3 })).toThrow(SampleCodecError);
    expect(() => decodeChunk({ ...chunk, firstElapsedMs: 999 })).toThrow(/its bytes hold 2 1000-2000 ms/);
    expect(() => decodeChunk({ ...chunk, lastElapsedMs: 2001 })).toThrow(SampleCodecError);
  });

  it('refuses a missing or repeated seq and overlapping chunks', () => {
    const next: SampleChunk = {
      ...chunk,
      seq: 1,
      firstElapsedMs: 3000,
      lastElapsedMs: 3000,
      sampleCount: 1,
      bytes: encodeSamples([
        { elapsedMs: 3000, heartRateBpm: 99, sensorContact: 'contact', rrIntervals1024: [] },
      ]),
    };
    expect(samplesFromChunks([next, chunk])).toHaveLength(3);
    expect(() => samplesFromChunks([next])).toThrow(/seq 0 is missing/);
    expect(() => samplesFromChunks([chunk, chunk])).toThrow(/missing or repeated/);
    expect(() => samplesFromChunks([{ ...chunk, seq: 1 }, chunk])).toThrow(/starts before/);
  });
});
