import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkMonotonicStall,
  MONOTONIC_STALL_TOLERANCE_MS,
  type ClockReading,
} from '../../../../src/core/session/monotonic-stall';
import { isChunkDue, takeChunk } from '../../../../src/core/session';
import { measurement, run, start } from './support/recorder-steps';

const at = (monotonicMs: number, wallClockMs: number): ClockReading => ({ monotonicMs, wallClockMs });
const W = 1_700_000_000_000;

describe('checkMonotonicStall', () => {
  it('takes the first reading as its reference', () => {
    expect(checkMonotonicStall(undefined, at(1000, W))).toEqual({ reference: at(1000, W), missedMs: 0 });
  });

  it('finds no stall while both clocks run together, give or take the tolerance, and keeps its reference', () => {
    const reference = at(1000, W);
    for (const now of [
      at(2000, W + 1000),
      at(2000, W + 1000 + MONOTONIC_STALL_TOLERANCE_MS),
      at(61_000, W + 60_030),
    ]) {
      expect(checkMonotonicStall(reference, now)).toEqual({ reference, missedMs: 0 });
    }
  });

  it('returns the whole time the monotonic clock missed, and moves its reference on', () => {
    // Ten minutes with the screen off: performance.now() moved 2 s, the wall clock 600 s.
    expect(checkMonotonicStall(at(5000, W), at(7000, W + 600_000))).toEqual({
      reference: at(7000, W + 600_000),
      missedMs: 598_000,
    });
    // Stopped outright between two packets a second apart.
    expect(checkMonotonicStall(at(5000, W), at(5000, W + 1000)).missedMs).toBe(1000);
  });

  it('adds up stalls too short to count on their own until they do', () => {
    // performance.now() at a fifth of the pace, read every 400 ms of wall time: 320 ms behind per reading.
    let check = checkMonotonicStall(undefined, at(0, W));
    const missed: number[] = [];
    for (let step = 1; step <= 4; step++) {
      check = checkMonotonicStall(check.reference, at(step * 80, W + step * 400));
      missed.push(check.missedMs);
    }
    expect(missed).toEqual([0, 640, 0, 640]);
  });

  it('trusts the monotonic clock when the wall clock is set back, and ignores readings out of order', () => {
    expect(checkMonotonicStall(at(5000, W), at(6000, W - 3_600_000))).toEqual({
      reference: at(6000, W - 3_600_000),
      missedMs: 0,
    });
    expect(checkMonotonicStall(at(6000, W + 1000), at(5000, W + 60_000))).toEqual({
      reference: at(6000, W + 1000),
      missedMs: 0,
    });
    expect(checkMonotonicStall(at(Number.NaN, W), at(5000, W + 60_000)).missedMs).toBe(0);
  });

  it('takes a custom tolerance', () => {
    expect(checkMonotonicStall(at(0, W), at(0, W + 200), 100).missedMs).toBe(200);
    expect(checkMonotonicStall(at(0, W), at(0, W + 200), 300).missedMs).toBe(0);
  });

  it('keeps a run that adds each stall back within the tolerance of the wall clock, whatever the stalls (property)', () => {
    // Steps of any length; in some, the monotonic clock keeps all, part or none of the wall clock's pace.
    const step = fc.record({
      wallStepMs: fc.integer({ min: 0, max: 120_000 }),
      monotonicShare: fc.oneof(fc.constant(1), fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        let reading = at(10_000, W);
        let check = checkMonotonicStall(undefined, reading);
        let runMs = 0;
        for (const { wallStepMs, monotonicShare } of steps) {
          const next = at(
            reading.monotonicMs + wallStepMs * monotonicShare,
            reading.wallClockMs + wallStepMs,
          );
          check = checkMonotonicStall(check.reference, next);
          runMs += next.monotonicMs - reading.monotonicMs + check.missedMs;
          const wallMs = next.wallClockMs - W;
          expect(runMs).toBeLessThanOrEqual(wallMs + 1e-6);
          expect(runMs).toBeGreaterThanOrEqual(wallMs - MONOTONIC_STALL_TOLERANCE_MS - 1e-6);
          reading = next;
        }
      }),
    );
  });
});

describe('recordSession: monotonicStalled', () => {
  const T0 = 50_000;

  it('moves elapsed time on by the stall, so samples after it sit where the wall clock says', () => {
    const state = run([
      start(T0, { strapLive: true }),
      measurement(T0 + 1000, 120, [500]),
      { type: 'monotonicStalled', missedMs: 598_000 },
      // performance.now() moved 2 s while 600 s went by.
      measurement(T0 + 3000, 121, [498]),
      { type: 'mark', atMs: T0 + 4000 },
    ]);
    expect(state.samples.map((sample) => sample.elapsedMs)).toEqual([1000, 601_000]);
    expect(state.meta?.events.find((event) => event.type === 'mark')?.elapsedMs).toBe(602_000);
    // The 600 s without a sample is a gap in the record, told as such.
    expect(state.meta?.events.find((event) => event.type === 'gap')).toEqual({
      type: 'gap',
      elapsedMs: 601_000,
      detail: '600000',
    });
  });

  it('makes a chunk due as the stall passed, not only once the monotonic clock catches up', () => {
    const started = run([start(T0, { strapLive: true }), measurement(T0 + 1000, 120, [500])]);
    const taken = takeChunk(run([measurement(T0 + 1500, 121, [499])], started)).state;
    const withSample = run([measurement(T0 + 2000, 122, [498])], taken);
    expect(isChunkDue(withSample, T0 + 2000)).toBe(false);
    const stalled = run([{ type: 'monotonicStalled', missedMs: 30_000 }], withSample);
    expect(isChunkDue(stalled, T0 + 2000)).toBe(true);
  });

  it('ignores a stall that is not one, and one after the finish', () => {
    const state = run([start(T0), measurement(T0 + 1000, 120, [500])]);
    expect(run([{ type: 'monotonicStalled', missedMs: 0 }], state)).toBe(state);
    expect(run([{ type: 'monotonicStalled', missedMs: -5 }], state)).toBe(state);
    expect(run([{ type: 'monotonicStalled', missedMs: Number.NaN }], state)).toBe(state);
    const finished = run([{ type: 'finish', atMs: T0 + 2000, wallClockMs: W }], state);
    expect(run([{ type: 'monotonicStalled', missedMs: 1000 }], finished)).toBe(finished);
  });
});
