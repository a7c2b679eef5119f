import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MONOTONIC_STALL_TOLERANCE_MS,
  monotonicStallMs,
  type ClockReading,
} from '../../../../src/core/session/monotonic-stall';
import { isChunkDue, takeChunk } from '../../../../src/core/session';
import { measurement, run, start } from './support/recorder-steps';

const at = (monotonicMs: number, wallClockMs: number): ClockReading => ({ monotonicMs, wallClockMs });
const W = 1_700_000_000_000;

describe('monotonicStallMs', () => {
  it('is 0 while both clocks run together, give or take the tolerance', () => {
    expect(monotonicStallMs(at(1000, W), at(2000, W + 1000))).toBe(0);
    expect(monotonicStallMs(at(1000, W), at(2000, W + 1000 + MONOTONIC_STALL_TOLERANCE_MS))).toBe(0);
    expect(monotonicStallMs(at(1000, W), at(61_000, W + 60_030))).toBe(0);
  });

  it('is the whole time the monotonic clock missed while the wall clock ran on', () => {
    // Ten minutes with the screen off: performance.now() moved 2 s, the wall clock 600 s.
    expect(monotonicStallMs(at(5000, W), at(7000, W + 600_000))).toBe(598_000);
    // Stopped outright between two packets a second apart.
    expect(monotonicStallMs(at(5000, W), at(5000, W + 1000))).toBe(1000);
  });

  it('is 0 when the wall clock is set back or readings come out of order', () => {
    expect(monotonicStallMs(at(5000, W), at(6000, W - 3_600_000))).toBe(0);
    expect(monotonicStallMs(at(6000, W + 1000), at(5000, W + 60_000))).toBe(0);
    expect(monotonicStallMs(at(Number.NaN, W), at(5000, W + 60_000))).toBe(0);
  });

  it('takes a custom tolerance', () => {
    expect(monotonicStallMs(at(0, W), at(0, W + 200), 100)).toBe(200);
    expect(monotonicStallMs(at(0, W), at(0, W + 200), 300)).toBe(0);
  });

  it('adding each stall back keeps the run on the wall clock, whatever the stalls (property)', () => {
    // Steps of a real second or so; in some, the monotonic clock stands still for part or all of the wall step.
    const step = fc.record({
      wallStepMs: fc.integer({ min: 0, max: 120_000 }),
      monotonicShare: fc.oneof(fc.constant(1), fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let reading = at(10_000, W);
        let runMs = 0;
        for (const { wallStepMs, monotonicShare } of steps) {
          const next = at(
            reading.monotonicMs + wallStepMs * monotonicShare,
            reading.wallClockMs + wallStepMs,
          );
          runMs += next.monotonicMs - reading.monotonicMs + monotonicStallMs(reading, next);
          // Never behind the wall clock by more than the tolerance per step, never ahead of it.
          expect(runMs).toBeLessThanOrEqual(next.wallClockMs - W + 1e-6);
          reading = next;
        }
        expect(runMs).toBeGreaterThanOrEqual(
          reading.wallClockMs - W - steps.length * MONOTONIC_STALL_TOLERANCE_MS - 1e-6,
        );
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
    const taken = takeChunk(run([measurement(T0 + 1500, 121, [499])], started), T0 + 1500).state;
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
