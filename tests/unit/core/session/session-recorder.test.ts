import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeHeartRateMeasurement, msPerRrUnit, toStrapMeasurement } from '../../../../src/core';
import { createRecorder, recordSession, toRrIntervals1024 } from '../../../../src/core/session';
import { eventRows, measurement, run, start, WALL_CLOCK_AT_ZERO_MS } from './support/recorder-steps';

const T0 = 50_000; // monotonic time of the start: elapsed is measured from here

describe('recordSession: start, measure, pause, resume, finish', () => {
  const state = run([
    start(T0, { strapLive: true, zone: { lowBpm: 120, highBpm: 140, method: 'fixed' } }),
    measurement(T0 + 1000.4, 118, [520, 519]),
    measurement(T0 + 2000, 125, [500]),
    { type: 'pause', atMs: T0 + 2500 },
    measurement(T0 + 3000, 130, [480]),
    measurement(T0 + 30_000, 131, [470]),
    { type: 'resume', atMs: T0 + 40_000 },
    measurement(T0 + 41_000, 135, [455, 450]),
    { type: 'finish', atMs: T0 + 42_000, wallClockMs: WALL_CLOCK_AT_ZERO_MS + T0 + 42_500 },
  ]);

  it('keeps elapsed time from the start, whole ms, and RR in 1/1024 s', () => {
    expect(state.samples).toEqual([
      { elapsedMs: 1000, heartRateBpm: 118, sensorContact: 'contact', rrIntervals1024: [520, 519] },
      { elapsedMs: 2000, heartRateBpm: 125, sensorContact: 'contact', rrIntervals1024: [500] },
      { elapsedMs: 41_000, heartRateBpm: 135, sensorContact: 'contact', rrIntervals1024: [455, 450] },
    ]);
  });

  it('drops what arrives while paused, and the pause is not a gap', () => {
    expect(eventRows(state)).toEqual([
      ['started', 0],
      ['strap-connected', 0],
      ['paused', 2500],
      ['resumed', 40_000],
      ['finished', 42_000],
    ]);
  });

  it('finishes with the wall time and a summary', () => {
    expect(state.meta?.status).toBe('finished');
    expect(state.meta?.startedAtWallMs).toBe(WALL_CLOCK_AT_ZERO_MS + T0);
    expect(state.meta?.endedAtWallMs).toBe(WALL_CLOCK_AT_ZERO_MS + T0 + 42_500);
    expect(state.meta?.summary).toMatchObject({
      durationMs: 42_000,
      activeMs: 42_000 - 37_500,
      beatCount: 5,
      maxHeartRateBpm: 135,
      // As the live zone tracker counts it: 118, then 125 smoothed with it (121.5, within the 2 bpm hysteresis)
      // is still below until the pause (1500 ms); 135 after the resume is in until the finish (1000 ms).
      timeInZoneMs: { below: 1500, inZone: 1000, above: 0 },
    });
    expect(state.meta?.summary?.averageHeartRateBpm).toBeCloseTo(
      (118 * 1000 + 125 * 500 + 135 * 1000) / 2500,
      10,
    );
  });

  it('records the start fields', () => {
    const started = run([
      start(T0, {
        kind: 'breathing',
        runner: { id: 'r1', name: 'Sam' },
        group: { groupId: 'g1', size: 3 },
        strap: { name: 'Polar H10', bodySensorLocation: 'chest' },
        plan: { planId: 'p', name: 'Week 1', courseWeek: 1, courseRun: 2 },
        before: { feeling: 1, arousal: 2 },
      }),
    ]);
    expect(started.meta).toEqual({
      id: 'session-1',
      kind: 'breathing',
      status: 'recording',
      startedAtWallMs: WALL_CLOCK_AT_ZERO_MS + T0,
      runnerId: 'r1',
      runnerName: 'Sam',
      group: { groupId: 'g1', size: 3 },
      strap: { name: 'Polar H10', bodySensorLocation: 'chest' },
      plan: { planId: 'p', name: 'Week 1', courseWeek: 1, courseRun: 2 },
      before: { feeling: 1, arousal: 2 },
      notes: '',
      events: [{ type: 'started', elapsedMs: 0 }],
    });
  });

  it("keeps the grace period in force with the session's zone, and only with a zone", () => {
    const fixed = { lowBpm: 120, highBpm: 140, method: 'fixed' as const };
    expect(run([start(T0, { zone: fixed, graceMs: 30_000 })]).meta?.zone).toEqual({
      ...fixed,
      graceMs: 30_000,
    });
    expect(run([start(T0, { zone: { ...fixed, graceMs: 5000 }, graceMs: 0 })]).meta?.zone).toEqual({
      ...fixed,
      graceMs: 0,
    });
    expect(run([start(T0, { zone: fixed })]).meta?.zone).toEqual(fixed);
    expect(run([start(T0, { zone: fixed, graceMs: Number.NaN })]).meta?.zone).toEqual(fixed);
    expect(run([start(T0, { graceMs: 30_000 })]).meta?.zone).toBeUndefined();
  });
});

describe('recordSession: what it ignores', () => {
  it('ignores everything but start before a session exists', () => {
    const idle = createRecorder();
    for (const action of [
      measurement(1000, 100, [600]),
      { type: 'pause' as const, atMs: 1 },
      { type: 'finish' as const, atMs: 1, wallClockMs: 1 },
      { type: 'mark' as const, atMs: 1 },
      { type: 'feelings' as const, notes: 'x' },
      { type: 'strap' as const, atMs: 1, state: { kind: 'live' as const } },
    ]) {
      expect(recordSession(idle, action)).toBe(idle);
    }
  });

  it('ignores measurements and events after finish, but takes the feelings', () => {
    const finished = run([
      start(0),
      measurement(1000, 100, [600]),
      { type: 'finish', atMs: 2000, wallClockMs: 0 },
    ]);
    for (const action of [
      measurement(3000, 100, [600]),
      { type: 'mark' as const, atMs: 3000 },
      { type: 'resume' as const, atMs: 3000 },
      { type: 'finish' as const, atMs: 4000, wallClockMs: 0 },
      start(5000),
    ]) {
      expect(recordSession(finished, action)).toBe(finished);
    }
    expect(finished.samples).toHaveLength(1);
    const felt = recordSession(finished, {
      type: 'feelings',
      after: { feeling: 3, arousal: 2 },
      exertion: 4,
      notes: 'Easy today.',
    });
    expect(felt.meta).toMatchObject({ after: { feeling: 3, arousal: 2 }, exertion: 4, notes: 'Easy today.' });
    expect(felt.meta?.summary).toBe(finished.meta?.summary);
  });

  it('ignores a measurement from before the start or whose time runs backwards', () => {
    const state = run([
      start(T0),
      measurement(T0 - 1, 100, [600]),
      measurement(T0 + 2000, 101, [600]),
      measurement(T0 + 1999, 102, [600]),
      measurement(T0 + 2000, 103, [600]),
    ]);
    expect(state.samples.map((s) => s.heartRateBpm)).toEqual([101, 103]);
  });

  it('ignores pause while paused and resume while recording', () => {
    const state = run([
      start(0),
      { type: 'resume', atMs: 500 },
      { type: 'pause', atMs: 1000 },
      { type: 'pause', atMs: 2000 },
    ]);
    expect(eventRows(state)).toEqual([
      ['started', 0],
      ['paused', 1000],
    ]);
  });
});

describe('recordSession: the strap', () => {
  it('records a strap that connects after start from that moment, without a gap', () => {
    const state = run([
      start(T0),
      { type: 'strap', atMs: T0 + 29_000, state: { kind: 'connecting' } },
      { type: 'strap', atMs: T0 + 29_500, state: { kind: 'live' }, strap: { name: 'H10' } },
      measurement(T0 + 30_000, 120, [512]),
      measurement(T0 + 31_000, 121, [508]),
    ]);
    expect(state.meta?.strap).toEqual({ name: 'H10' });
    expect(state.samples.map((s) => s.elapsedMs)).toEqual([30_000, 31_000]);
    expect(eventRows(state)).toEqual([
      ['started', 0],
      ['strap-connected', 29_500],
    ]);
  });

  it('turns a drop into disconnected, reconnected and a gap with its length, never an end', () => {
    const actions = [start(T0, { strapLive: true })];
    for (let s = 1; s <= 10; s++) actions.push(measurement(T0 + s * 1000, 120, [512]));
    actions.push(
      {
        type: 'strap',
        atMs: T0 + 10_500,
        state: { kind: 'reconnecting', attempt: 1, nextAttemptAtMs: T0 + 11_500 },
      },
      {
        type: 'strap',
        atMs: T0 + 12_000,
        state: { kind: 'reconnecting', attempt: 2, nextAttemptAtMs: T0 + 14_000 },
      },
      { type: 'strap', atMs: T0 + 19_000, state: { kind: 'live' } },
      measurement(T0 + 20_000, 125, [490]),
      { type: 'strap', atMs: T0 + 21_000, state: { kind: 'lost', reason: 'connect-failed' } },
    );
    const state = run(actions);
    expect(state.meta?.status).toBe('recording');
    expect(eventRows(state)).toEqual([
      ['started', 0],
      ['strap-connected', 0],
      ['strap-disconnected', 10_500, 'reconnecting'],
      ['strap-reconnected', 19_000],
      ['gap', 20_000, '10000'],
      ['strap-disconnected', 21_000, 'lost:connect-failed'],
    ]);
  });

  it('counts a gap only beyond the threshold, and from the resume after a pause', () => {
    const state = run(
      [
        start(0),
        measurement(1000, 100),
        measurement(5900, 100), // 4.9 s: no gap
        measurement(11_001, 100), // 5.101 s: a gap
        { type: 'pause', atMs: 12_000 },
        { type: 'resume', atMs: 100_000 },
        measurement(101_000, 100), // 1 s after the resume: no gap
        measurement(108_000, 100), // 7 s: a gap
      ],
      createRecorder({ gapThresholdMs: 5000 }),
    );
    expect(eventRows(state).filter(([type]) => type === 'gap')).toEqual([
      ['gap', 11_001, '5101'],
      ['gap', 108_000, '7000'],
    ]);
  });
});

describe('recordSession: user and coach events', () => {
  it('records marks, cues and phases with their detail', () => {
    const state = run([
      start(0),
      { type: 'phase', atMs: 300_000, phase: 'run-1' },
      { type: 'cue', atMs: 320_000, cueId: 'slow-down' },
      { type: 'mark', atMs: 330_000, label: 'side stitch' },
      { type: 'mark', atMs: 331_000 },
    ]);
    expect(eventRows(state)).toEqual([
      ['started', 0],
      ['phase-changed', 300_000, 'run-1'],
      ['cue', 320_000, 'slow-down'],
      ['mark', 330_000, 'side stitch'],
      ['mark', 331_000],
    ]);
  });

  it('never changes an earlier state’s meta', () => {
    const before = run([start(0)]);
    const eventsBefore = before.meta?.events;
    const after = recordSession(before, { type: 'mark', atMs: 1000 });
    expect(before.meta?.events).toBe(eventsBefore);
    expect(before.meta?.events).toHaveLength(1);
    expect(after.meta).not.toBe(before.meta);
    expect(after.meta?.events).toHaveLength(2);
  });
});

describe('recordSession fed a glitching strap’s packets (found by the fuzz bench)', () => {
  const packet = (atMs: number, bytes: number[]) =>
    ({
      type: 'measurement',
      measurement: toStrapMeasurement(
        decodeHeartRateMeasurement(new DataView(Uint8Array.from(bytes).buffer)),
        atMs,
        WALL_CLOCK_AT_ZERO_MS + atMs,
      ),
    }) as const;
  const state = run([
    start(T0, { strapLive: true }),
    // Contact, 140 bpm, RR 0x0200.
    packet(T0 + 1000, [0x16, 0x8c, 0x00, 0x02]),
    // Contact, 16-bit heart rate 0x1194 = 4,500 bpm, RR 0 and 0x0320.
    packet(T0 + 2000, [0x17, 0x94, 0x11, 0x00, 0x00, 0x20, 0x03]),
    { type: 'finish', atMs: T0 + 3000, wallClockMs: WALL_CLOCK_AT_ZERO_MS + T0 + 3000 },
  ]);

  it('keeps a heart rate no heart beats at as no reading, and drops an RR interval of 0', () => {
    expect(state.samples).toEqual([
      { elapsedMs: 1000, heartRateBpm: 140, sensorContact: 'contact', rrIntervals1024: [512] },
      { elapsedMs: 2000, heartRateBpm: null, sensorContact: 'contact', rrIntervals1024: [800] },
    ]);
  });

  it('leaves the glitch out of the summary', () => {
    expect(state.meta?.summary).toMatchObject({
      maxHeartRateBpm: 140,
      averageHeartRateBpm: 140,
      beatCount: 2,
    });
  });
});

describe('toRrIntervals1024', () => {
  it('recovers every 16-bit RR value but 0 from the decoder’s ms', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 0xffff })), (rr1024) => {
        expect(toRrIntervals1024(rr1024.map((rr) => rr * msPerRrUnit))).toEqual(rr1024);
      }),
    );
  });

  it('drops values no strap can send', () => {
    expect(toRrIntervals1024([Number.NaN, -5, 64_000.5, 0xffff * msPerRrUnit + 1, 1000])).toEqual([1024]);
  });

  it('drops an interval of 0, which is no beat', () => {
    expect(toRrIntervals1024([0, 1000, 0])).toEqual([1024]);
  });
});
