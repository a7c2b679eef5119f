import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  inZonePercent,
  replayZoneTracker,
  sessionTimeInZone,
  summarizeSession,
  timeInZoneOf,
  withZoneTimeRecounted,
  ZoneTracker,
  type RecorderAction,
  type SessionMeta,
  type SessionSample,
  type SessionZone,
} from '../../../../src/core';
import { measurement, run, start } from './support/recorder-steps';

const T0 = 50_000; // monotonic time of the start
const zone: SessionZone = { lowBpm: 120, highBpm: 140, method: 'fixed' };

type Step =
  | { kind: 'reading'; dtMs: number; bpm: number | null }
  | { kind: 'tick'; dtMs: number }
  | { kind: 'pause'; dtMs: number }
  | { kind: 'resume'; dtMs: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record({
      kind: fc.constant('reading' as const),
      // Often at the very moment of the step before: a pause, a resume, another reading.
      dtMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2500 })),
      // Mostly near the zone, sometimes a strap's 0 or no reading at all.
      bpm: fc.oneof(
        { weight: 12, arbitrary: fc.integer({ min: 100, max: 170 }) },
        { weight: 1, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.constant(null) },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reading' as const),
      dtMs: fc.integer({ min: 5000, max: 15_000 }),
      bpm: fc.integer({ min: 100, max: 170 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('tick' as const), dtMs: fc.integer({ min: 0, max: 3000 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('pause' as const), dtMs: fc.integer({ min: 0, max: 3000 }) }),
  },
  // A pause lasts at least a millisecond: a runner cannot tap pause and resume within the same one.
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('resume' as const), dtMs: fc.integer({ min: 1, max: 20_000 }) }),
  },
);

/**
 * One run, two ways: the recorder (whose finish summarises the stored samples and events) and a live ZoneTracker
 * driven as the run coach drives it, on the same measurements: every measurement while recording, a tick now and
 * then, pauseAt and resumeAt with the run, and a last tick at the finish.
 */
function recordAndFollow(steps: readonly Step[], graceMs: number | undefined) {
  const actions: RecorderAction[] = [
    start(T0, { zone, ...(graceMs !== undefined && { graceMs }), strapLive: true }),
  ];
  const live = new ZoneTracker(zone, graceMs === undefined ? {} : { graceMs });
  live.tick(T0);
  let t = T0;
  let paused = false;
  for (const step of steps) {
    t += step.dtMs;
    switch (step.kind) {
      case 'reading':
        actions.push(measurement(t, step.bpm));
        if (!paused) live.update({ atMs: t, heartRateBpm: step.bpm });
        break;
      case 'tick':
        if (!paused) live.tick(t);
        break;
      case 'pause':
        actions.push({ type: 'pause', atMs: t });
        if (!paused) live.pauseAt(t);
        paused = true;
        break;
      case 'resume':
        actions.push({ type: 'resume', atMs: t });
        if (paused) live.resumeAt(t);
        paused = false;
        break;
    }
  }
  t += 1000;
  actions.push({ type: 'finish', atMs: t, wallClockMs: t });
  live.tick(t);
  const state = run(actions);
  return { state, live: timeInZoneOf(live.snapshot().times) };
}

describe('time in zone after the run is the time in zone live', () => {
  it('the summary replays the samples to exactly the live tracker times (any grace, pauses, gaps, ticks)', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 1, maxLength: 300 }),
        fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: undefined }),
        (steps, graceMs) => {
          const { state, live } = recordAndFollow(steps, graceMs);
          const summary = state.meta?.summary;
          expect(summary?.timeInZoneMs).toEqual(live);
          expect(inZonePercent(summary?.timeInZoneMs ?? live)).toBe(inZonePercent(live));
          // And summarising the stored record again, as an import or a repair does, gives the same.
          const meta = state.meta as SessionMeta;
          expect(summarizeSession(meta, state.samples).timeInZoneMs).toEqual(live);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps the grace in force with the session, and uses it', () => {
    // In the zone, then 15 s a little above it, then back: within a 20-s grace all of it is in the zone.
    const steps: Step[] = [
      ...Array.from({ length: 30 }, () => ({ kind: 'reading' as const, dtMs: 1000, bpm: 130 })),
      ...Array.from({ length: 15 }, () => ({ kind: 'reading' as const, dtMs: 1000, bpm: 150 })),
      ...Array.from({ length: 30 }, () => ({ kind: 'reading' as const, dtMs: 1000, bpm: 130 })),
    ];
    const withDefault = recordAndFollow(steps, undefined);
    expect(withDefault.state.meta?.zone?.graceMs).toBeUndefined();
    expect(withDefault.state.meta?.summary?.timeInZoneMs?.above).toBe(0);

    const shortGrace = recordAndFollow(steps, 5000);
    expect(shortGrace.state.meta?.zone).toEqual({ ...zone, graceMs: 5000 });
    const above = shortGrace.state.meta?.summary?.timeInZoneMs?.above ?? 0;
    expect(above).toBeGreaterThan(0);
    expect(shortGrace.state.meta?.summary?.timeInZoneMs).toEqual(shortGrace.live);
  });
});

describe('sessionTimeInZone', () => {
  const samples: SessionSample[] = Array.from({ length: 60 }, (_, i) => ({
    elapsedMs: i * 1000,
    heartRateBpm: i < 20 || i >= 35 ? 130 : 150,
    sensorContact: 'contact',
    rrIntervals1024: [],
  }));
  const events = [
    { type: 'started' as const, elapsedMs: 0 },
    { type: 'finished' as const, elapsedMs: 60_000 },
  ];

  it('summarises a session stored before the grace was kept with the tracker default, 20 s', () => {
    // 15 s above the zone (its smoothed start a few seconds later): within 20 s of grace, all in the zone.
    expect(sessionTimeInZone({ zone, events }, samples)).toEqual({ below: 0, inZone: 60_000, above: 0 });
    const stored = summarizeSession(
      { id: 'old', kind: 'run', status: 'finished', startedAtWallMs: 0, notes: '', events, zone },
      samples,
    );
    expect(stored.timeInZoneMs).toEqual({ below: 0, inZone: 60_000, above: 0 });
  });

  it('counts the part past a shorter grace as above', () => {
    const time = sessionTimeInZone({ zone: { ...zone, graceMs: 5000 }, events }, samples);
    const live = new ZoneTracker(zone, { graceMs: 5000 });
    live.tick(0);
    for (const sample of samples) live.update({ atMs: sample.elapsedMs, heartRateBpm: sample.heartRateBpm });
    live.tick(60_000);
    expect(time).toEqual(timeInZoneOf(live.snapshot().times));
    expect(time?.above).toBeGreaterThan(0);
    expect((time?.below ?? 0) + (time?.inZone ?? 0) + (time?.above ?? 0)).toBe(60_000);
  });

  it('leaves out a session without a zone, or with bounds the tracker cannot take', () => {
    expect(sessionTimeInZone({ events }, samples)).toBeUndefined();
    expect(
      sessionTimeInZone({ zone: { lowBpm: 150, highBpm: 120, method: 'fixed' }, events }, samples),
    ).toBeUndefined();
  });

  it('replays to the end of an unfinished session, where a run resumed after a reload can follow on', () => {
    const unfinished = [{ type: 'started' as const, elapsedMs: 0 }];
    const tracker = replayZoneTracker({ zone, events: unfinished }, samples.slice(0, 10));
    expect(tracker?.snapshot()).toMatchObject({ atMs: 9000, state: 'in', times: { inMs: 9000 } });
  });
});

describe('withZoneTimeRecounted', () => {
  // 110 for 1 s, then 160 for 1 s, then 130 to the end: per sample, 1 s below and 1 s above.
  const samples: SessionSample[] = [110, 160, ...Array.from({ length: 8 }, () => 130)].map((bpm, i) => ({
    elapsedMs: i * 1000,
    heartRateBpm: bpm,
    sensorContact: 'contact',
    rrIntervals1024: [],
  }));
  const events = [
    { type: 'started' as const, elapsedMs: 0 },
    { type: 'finished' as const, elapsedMs: 10_000 },
  ];
  const stored: SessionMeta = {
    id: 'old',
    kind: 'run',
    status: 'finished',
    startedAtWallMs: 0,
    notes: 'kept',
    events,
    zone,
    summary: {
      durationMs: 10_000,
      activeMs: 10_000,
      beatCount: 0,
      timeInZoneMs: { below: 1000, inZone: 8000, above: 1000 },
    },
  };

  it('counts a session summarised before the grace was kept again, as the tracker does', () => {
    const recounted = withZoneTimeRecounted(stored, samples);
    // Smoothed, 160 after 110 is 135: in the zone, like everything after it.
    expect(recounted?.summary?.timeInZoneMs).toEqual({ below: 1000, inZone: 9000, above: 0 });
    expect(recounted?.summary?.timeInZoneMs).toEqual(sessionTimeInZone(stored, samples));
    expect(recounted).toEqual({
      ...stored,
      summary: { ...stored.summary, timeInZoneMs: recounted?.summary?.timeInZoneMs },
    });
  });

  it('leaves a session alone that keeps its grace, has no zone or summary, or whose figure stays the same', () => {
    expect(withZoneTimeRecounted({ ...stored, zone: { ...zone, graceMs: 20_000 } }, samples)).toBeUndefined();
    const { zone: _zone, ...withoutZone } = stored;
    expect(withZoneTimeRecounted(withoutZone, samples)).toBeUndefined();
    const { summary: _summary, ...withoutSummary } = stored;
    expect(withZoneTimeRecounted(withoutSummary, samples)).toBeUndefined();
    const current = withZoneTimeRecounted(stored, samples);
    expect(current && withZoneTimeRecounted(current, samples)).toBeUndefined();
  });
});
