import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { SessionZone } from '../../../../src/core/session/session-model';
import { ZoneTracker, type ZoneTrackerSnapshot } from '../../../../src/core/zones/index';

const zone: SessionZone = { lowBpm: 120, highBpm: 138, method: 'fixed' };
const H = 2;
const GRACE_MS = 20_000;
const STALE_MS = 5_000;

/** Feeds `bpm` once a second from `fromS` to `toS` seconds inclusive; returns the last snapshot. */
function feed(tracker: ZoneTracker, fromS: number, toS: number, bpm: number | null): ZoneTrackerSnapshot {
  let last = tracker.snapshot();
  for (let s = fromS; s <= toS; s++) last = tracker.update({ atMs: s * 1000, heartRateBpm: bpm });
  return last;
}

describe('ZoneTracker', () => {
  test('starts with plain bounds, smooths over 5 s, so one spike does not leave the zone', () => {
    const tracker = new ZoneTracker(zone);
    expect(feed(tracker, 0, 9, 130).state).toBe('in');
    // (4 x 130 + 160) / 5 = 136: still in.
    const spike = tracker.update({ atMs: 10_000, heartRateBpm: 160 });
    expect(spike.smoothedHrBpm).toBeCloseTo(136, 12);
    expect(spike.state).toBe('in');
  });

  test('enters above only over high + 2, holds the 20 s grace, leaves only under high - 2', () => {
    const tracker = new ZoneTracker(zone);
    feed(tracker, 0, 9, 130);
    // 140 is exactly high + h: not above.
    expect(feed(tracker, 10, 30, 140).state).toBe('in');
    const first = feed(tracker, 31, 35, 145);
    // The mean of the last 5 s first exceeds 140 at 31 s: (4 x 140 + 145) / 5 = 141.
    expect(first.state).toBe('above-pending');
    expect(first.bandSinceMs).toBe(31_000);
    expect(feed(tracker, 36, 50, 145).state).toBe('above-pending');
    // Exactly at the end of the grace, even between measurements.
    expect(tracker.tick(50_999).state).toBe('above-pending');
    expect(tracker.tick(51_000).state).toBe('above');
    expect(tracker.snapshot().stateSinceMs).toBe(51_000);
    // 137 and 136 are above high - h = 136 or equal to it: still above.
    expect(feed(tracker, 52, 70, 136).state).toBe('above');
    expect(feed(tracker, 71, 75, 135).state).toBe('in');
  });

  test('time above the zone counts only after the grace period; pending time counts as in the zone', () => {
    const tracker = new ZoneTracker(zone);
    feed(tracker, 0, 10, 150);
    // Fresh start above: band above from 0 s, state above from 20 s.
    const after = feed(tracker, 11, 30, 150);
    expect(after.times).toEqual({ belowMs: 0, inMs: 20_000, aboveMs: 10_000, noReadingMs: 0 });
  });

  test('the grace period is adjustable', () => {
    const tracker = new ZoneTracker(zone, { graceMs: 5_000 });
    feed(tracker, 0, 4, 150);
    expect(tracker.update({ atMs: 5_000, heartRateBpm: 150 }).state).toBe('above');
  });

  test("the zone's own grace (kept with a session) applies unless the options give one", () => {
    const kept = new ZoneTracker({ ...zone, graceMs: 5_000 });
    feed(kept, 0, 4, 150);
    expect(kept.update({ atMs: 5_000, heartRateBpm: 150 }).state).toBe('above');
    const overridden = new ZoneTracker({ ...zone, graceMs: 5_000 }, { graceMs: 10_000 });
    expect(feed(overridden, 0, 9, 150).state).toBe('above-pending');
    expect(overridden.update({ atMs: 10_000, heartRateBpm: 150 }).state).toBe('above');
  });

  test('hysteresis at the low bound too', () => {
    const tracker = new ZoneTracker(zone);
    feed(tracker, 0, 9, 125);
    expect(feed(tracker, 10, 30, 118).state).toBe('in');
    expect(feed(tracker, 31, 40, 117).state).toBe('below');
    expect(feed(tracker, 41, 60, 122).state).toBe('below');
    expect(feed(tracker, 61, 70, 123).state).toBe('in');
  });

  test('a null reading is no-reading at once, never a zone, and adds no zone time', () => {
    const tracker = new ZoneTracker(zone);
    feed(tracker, 0, 10, 130);
    const lost = tracker.update({ atMs: 11_000, heartRateBpm: null });
    expect(lost).toMatchObject({
      state: 'no-reading',
      band: null,
      smoothedHrBpm: null,
      noReadingSinceMs: 11_000,
    });
    const still = feed(tracker, 12, 20, null);
    expect(still.times).toEqual({ belowMs: 0, inMs: 11_000, aboveMs: 0, noReadingMs: 9_000 });
    // A short gap keeps the smoothing and the band.
    const back = tracker.update({ atMs: 21_000, heartRateBpm: 130 });
    expect(back).toMatchObject({ state: 'in', noReadingSinceMs: null });
  });

  test('a strap that falls silent is no-reading once its last reading is 5 s old', () => {
    const tracker = new ZoneTracker(zone);
    feed(tracker, 0, 10, 130);
    expect(tracker.tick(14_999).state).toBe('in');
    const silent = tracker.tick(30_000);
    expect(silent).toMatchObject({ state: 'no-reading', noReadingSinceMs: 15_000 });
    expect(silent.times).toEqual({ belowMs: 0, inMs: 15_000, aboveMs: 0, noReadingMs: 15_000 });
  });

  test('after a long dropout the band starts afresh from plain bounds', () => {
    const tracker = new ZoneTracker(zone);
    feed(tracker, 0, 30, 150);
    expect(tracker.state).toBe('above');
    tracker.tick(60_000);
    // 139 is above high but not above high + h: a fresh start uses the plain bounds.
    const fresh = tracker.update({ atMs: 61_000, heartRateBpm: 139 });
    expect(fresh).toMatchObject({ state: 'above-pending', bandSinceMs: 61_000, smoothedHrBpm: 139 });
  });

  test('resuming after a pause counts the pause nowhere and starts afresh', () => {
    const tracker = new ZoneTracker(zone);
    feed(tracker, 0, 30, 150);
    expect(tracker.state).toBe('above');
    const resumed = tracker.resumeAt(300_000);
    expect(resumed).toMatchObject({ state: 'no-reading', noReadingSinceMs: 300_000, band: null });
    expect(resumed.times).toEqual({ belowMs: 0, inMs: 20_000, aboveMs: 10_000, noReadingMs: 0 });
    // A fresh excursion: the grace starts again.
    expect(tracker.update({ atMs: 301_000, heartRateBpm: 150 })).toMatchObject({
      state: 'above-pending',
      bandSinceMs: 301_000,
    });
    expect(tracker.snapshot().times.noReadingMs).toBe(1_000);
  });

  test('pausing credits the time up to the pause, then nothing until the resume', () => {
    const tracker = new ZoneTracker(zone);
    feed(tracker, 0, 10, 130);
    const paused = tracker.pauseAt(12_500);
    expect(tracker.paused).toBe(true);
    expect(paused.times).toEqual({ belowMs: 0, inMs: 12_500, aboveMs: 0, noReadingMs: 0 });
    // Readings and ticks while paused change nothing, as the recorder keeps none.
    tracker.update({ atMs: 20_000, heartRateBpm: 160 });
    expect(tracker.tick(100_000)).toEqual(paused);
    expect(tracker.pauseAt(110_000)).toEqual(paused);
    const resumed = tracker.resumeAt(120_000);
    expect(tracker.paused).toBe(false);
    expect(resumed).toMatchObject({ state: 'no-reading', band: null, times: paused.times });
    tracker.update({ atMs: 121_000, heartRateBpm: 130 });
    expect(tracker.tick(122_000).times).toEqual({ belowMs: 0, inMs: 13_500, aboveMs: 0, noReadingMs: 1_000 });
  });

  test('ignores non-finite heart rates as no-reading and time running backwards', () => {
    const tracker = new ZoneTracker(zone);
    feed(tracker, 0, 5, 130);
    expect(tracker.update({ atMs: 6_000, heartRateBpm: Number.NaN }).state).toBe('no-reading');
    const back = tracker.update({ atMs: 3_000, heartRateBpm: 130 });
    expect(back.atMs).toBe(6_000);
    expect(back.state).toBe('in');
  });

  test('rejects an inverted zone', () => {
    expect(() => new ZoneTracker({ lowBpm: 140, highBpm: 120, method: 'fixed' })).toThrow(RangeError);
  });
});

type Step =
  | { kind: 'reading'; dtMs: number; bpm: number }
  | { kind: 'null'; dtMs: number }
  | { kind: 'tick'; dtMs: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('reading' as const),
      dtMs: fc.integer({ min: 0, max: 7000 }),
      bpm: fc.integer({ min: 70, max: 200 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('null' as const), dtMs: fc.integer({ min: 0, max: 3000 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('tick' as const), dtMs: fc.integer({ min: 0, max: 12_000 }) }),
  },
);

function run(tracker: ZoneTracker, steps: readonly Step[], startMs = 0): ZoneTrackerSnapshot[] {
  let t = startMs;
  const out: ZoneTrackerSnapshot[] = [];
  for (const step of steps) {
    t += step.dtMs;
    if (step.kind === 'tick') out.push(tracker.tick(t));
    else out.push(tracker.update({ atMs: t, heartRateBpm: step.kind === 'reading' ? step.bpm : null }));
  }
  return out;
}

describe('ZoneTracker properties', () => {
  test('noise inside the hysteresis band never changes the state', () => {
    // From each settled state, readings that stay within reach of the hysteresis (1 Hz, no gaps) keep it.
    const cases = [
      { settleBpm: 130, state: 'in', lo: zone.lowBpm - H, hi: zone.highBpm + H },
      { settleBpm: 150, state: 'above', lo: zone.highBpm - H, hi: 200 },
      { settleBpm: 100, state: 'below', lo: 60, hi: zone.lowBpm + H },
    ] as const;
    for (const c of cases) {
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: c.lo, max: c.hi, noNaN: true }), { maxLength: 300 }),
          (noise) => {
            const tracker = new ZoneTracker(zone);
            feed(tracker, 0, 30, c.settleBpm);
            expect(tracker.state).toBe(c.state);
            noise.forEach((bpm, i) => {
              expect(tracker.update({ atMs: (31 + i) * 1000, heartRateBpm: bpm }).state).toBe(c.state);
            });
          },
        ),
        { numRuns: 200 },
      );
    }
  });

  test('the band changes only when the smoothed heart rate crosses the far side of the hysteresis', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 400 }), (steps) => {
        const tracker = new ZoneTracker(zone);
        const snapshots = run(tracker, steps);
        let previousBand: ZoneTrackerSnapshot['band'] = null;
        let lastReadingAtMs = Number.NEGATIVE_INFINITY;
        snapshots.forEach((s, i) => {
          const step = steps[i];
          // After no reading or a dropout the band starts afresh from the plain bounds: nothing to compare.
          const fresh = previousBand === null || s.atMs - lastReadingAtMs > STALE_MS;
          if (step?.kind === 'reading') lastReadingAtMs = s.atMs;
          if (!fresh && s.band !== null && s.band !== previousBand) {
            const bpm = s.smoothedHrBpm ?? Number.NaN;
            if (s.band === 'above') expect(bpm).toBeGreaterThan(zone.highBpm + H);
            if (s.band === 'below') expect(bpm).toBeLessThan(zone.lowBpm - H);
            if (s.band === 'in' && previousBand === 'above') expect(bpm).toBeLessThan(zone.highBpm - H);
            if (s.band === 'in' && previousBand === 'below') expect(bpm).toBeGreaterThan(zone.lowBpm + H);
          }
          previousBand = s.band;
        });
      }),
      { numRuns: 300 },
    );
  });

  test('the grace period is honoured: above only after 20 s of band above, and always then', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 400 }), (steps) => {
        const tracker = new ZoneTracker(zone);
        for (const s of run(tracker, steps)) {
          if (s.state === 'above')
            expect(s.atMs - (s.bandSinceMs ?? Number.NaN)).toBeGreaterThanOrEqual(GRACE_MS);
          if (s.state === 'above-pending')
            expect(s.atMs - (s.bandSinceMs ?? Number.NaN)).toBeLessThan(GRACE_MS);
          if (s.band === 'above') expect(['above', 'above-pending']).toContain(s.state);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('zone times add up to the time with readings; with no-reading time, to the whole time', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 400 }), (steps) => {
        const tracker = new ZoneTracker(zone);
        const snapshots = run(tracker, steps, 1000);
        const last = snapshots.at(-1);
        if (last === undefined) return;
        const { belowMs, inMs, aboveMs, noReadingMs } = last.times;
        expect(belowMs + inMs + aboveMs + noReadingMs).toBe(last.atMs - 1000 - (steps[0]?.dtMs ?? 0));

        // Independently: a reading stands until the next measurement, 5 s, or the end, whichever comes first.
        let t = 1000;
        const measurements: { atMs: number; reading: boolean }[] = [];
        for (const step of steps) {
          t += step.dtMs;
          if (step.kind !== 'tick') measurements.push({ atMs: t, reading: step.kind === 'reading' });
        }
        let withReadingsMs = 0;
        measurements.forEach((m, i) => {
          if (!m.reading) return;
          const nextMs = measurements[i + 1]?.atMs ?? Number.POSITIVE_INFINITY;
          withReadingsMs += Math.min(nextMs, m.atMs + STALE_MS, last.atMs) - m.atMs;
        });
        expect(belowMs + inMs + aboveMs).toBe(withReadingsMs);
      }),
      { numRuns: 300 },
    );
  });

  test('no reading is never a zone', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 300 }), (steps) => {
        const tracker = new ZoneTracker(zone);
        let t = 0;
        for (const step of steps) {
          t += step.dtMs;
          if (step.kind !== 'null') continue;
          const s = tracker.update({ atMs: t, heartRateBpm: null });
          expect(s).toMatchObject({ state: 'no-reading', band: null, smoothedHrBpm: null });
        }
      }),
    );
  });
});
