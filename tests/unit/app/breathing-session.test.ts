import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BreathingSession,
  type BreathCueOutput,
  type BreathingSetup,
} from '../../../src/app/breathing-session.svelte';
import { RunRecording } from '../../../src/app/run-recording.svelte';
import { SessionStore } from '../../../src/adapters/storage/session-store';
import {
  coherence,
  correctArtifacts,
  decodeSamples,
  msPerRrUnit,
  type SessionSample,
} from '../../../src/core';
import { breathingPaceOf, type BreathPhase } from '../../../src/core/breathing';
import { freshDbName } from '../adapters/storage/storage-fixtures';
import { manualStrap } from '../support/manual-strap';
import { readSharedVector } from '../support/shared-vectors';
import { breathingRr, strapPackets } from '../core/breathing/strap-packets';

interface Vector {
  rr_ms: number[];
  expected: Record<string, { coherence_ratio?: number } | undefined>;
}

function recordingCues() {
  const played: { phase: BreathPhase; atMs: number }[] = [];
  const cues: BreathCueOutput = {
    unlock: () => undefined,
    play: (phase) => played.push({ phase, atMs: performance.now() }),
    stop: () => undefined,
  };
  return { cues, played };
}

const exercise = (durationMs: number, ratePerMinute = 6): BreathingSetup => ({
  mode: 'exercise',
  ratePerMinute,
  inhaleShare: 0.4,
  durationMs,
  sounds: { tones: false, voice: false, vibration: false },
});

/** The session's stored samples. */
async function storedSamples(store: SessionStore, id: string): Promise<SessionSample[]> {
  return (await store.loadSamplesBytes(id)).flatMap((bytes) => decodeSamples(bytes));
}

/**
 * The RR (ms) of the samples received in (fromMs, toMs] after the HRV core's artifact correction of the whole
 * session (as the summary takes them). Only for sessions whose correction neither splits nor merges intervals,
 * where corrected intervals stand where the raw ones do.
 */
function windowRr(samples: SessionSample[], fromMs: number, toMs: number): number[] {
  const all = samples.flatMap((sample) => sample.rrIntervals1024.map((rr) => rr * msPerRrUnit));
  const corrected = correctArtifacts(all);
  expect(corrected.report.missed).toEqual([]);
  expect(corrected.report.extra).toEqual([]);
  const before = samples.filter((s) => s.elapsedMs <= fromMs).flatMap((s) => s.rrIntervals1024).length;
  const inside = samples
    .filter((s) => s.elapsedMs > fromMs && s.elapsedMs <= toMs)
    .flatMap((s) => s.rrIntervals1024);
  return corrected.rrMs.slice(before, before + inside.length);
}

describe('BreathingSession', () => {
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

  /** Plays the vector through the strap one notification a second for the whole exercise. */
  async function breatheThrough(rrMs: number[], durationMs: number) {
    const recording = new RunRecording(store);
    const { strap, send } = manualStrap();
    const { cues, played } = recordingCues();
    let finishedId: string | undefined;
    const session = new BreathingSession(exercise(durationMs), recording, {
      cues,
      wakeLock: null,
      onFinished: (id) => (finishedId = id),
    });
    expect(await session.start(strap)).toBe(true);
    const readings: ReturnType<BreathingSession['monitor']['reading']>[] = [];
    let beatsSent = 0;
    for (const packet of strapPackets(rrMs)) {
      if (performance.now() - recording.state.originMs >= durationMs - 1000) break;
      await vi.advanceTimersByTimeAsync(1000);
      beatsSent += packet.rrIntervalsMs.length;
      send({
        heartRateBpm: packet.heartRateBpm,
        sensorContact: 'contact',
        rrIntervalsMs: packet.rrIntervalsMs,
      });
      readings.push(session.reading);
    }
    await vi.advanceTimersByTimeAsync(2000);
    await vi.waitFor(() => {
      expect(session.state).toBe('finished');
    });
    return { session, readings, played, finishedId, beatsSent, id: session.sessionId ?? '' };
  }

  it('vector 04 at 6 a minute: high coherence live, and a stored timeline equal to the HRV core’s on the same RR', async () => {
    const vector = readSharedVector('hrv/04_paced_breathing_coherence.json') as Vector;
    const { session, readings, finishedId, id, beatsSent } = await breatheThrough(vector.rr_ms, 300_000);
    expect(finishedId).toBe(id);

    // Live: no number for the first minute, then high, about 6.8 at the end.
    expect(readings.slice(2, 55).map((reading) => reading.kind)).toEqual(
      Array.from({ length: 53 }, () => 'waiting'),
    );
    const last = readings.at(-1);
    expect(last).toMatchObject({ kind: 'level', level: 'high' });
    const expected = vector.expected.coherence_last64s?.coherence_ratio ?? 0;
    expect(expected).toBeCloseTo(6.836, 3);
    // The live number is the HRV core's coherence of the beats received by its last 5-s update.
    const sent = beatsSent;
    const recent = Array.from(
      { length: 10 },
      (_, back) => coherence(vector.rr_ms.slice(0, sent - back))?.ratio,
    );
    if (last?.kind === 'level') {
      expect(recent).toContain(last.ratio);
      expect(Math.abs(last.ratio / expected - 1)).toBeLessThan(0.1);
    }

    // Stored: kind breathing, the pace, and the coherence timeline of the summary.
    const meta = await store.getSession(id);
    expect(meta?.kind).toBe('breathing');
    expect(breathingPaceOf(meta?.plan)).toEqual({ mode: 'exercise', ratePerMinute: 6, inhalePct: 40 });
    const samples = await storedSamples(store, id);
    const allRr = samples.flatMap((sample) => sample.rrIntervals1024.map((rr) => rr * msPerRrUnit));
    expect(correctArtifacts(allRr).report).toEqual({
      ectopic: [],
      long: [],
      short: [],
      missed: [],
      extra: [],
    });
    const timeline = meta?.summary?.coherenceTimeline ?? [];
    expect(timeline.length).toBeGreaterThan(40);
    for (const point of timeline) {
      const ratio =
        coherence(windowRr(samples, point.elapsedMs - 64_000, point.elapsedMs))?.ratio ?? Number.NaN;
      expect(point.ratio).toBe(Math.round(ratio * 1000) / 1000);
    }
    const final = timeline.at(-1)?.ratio ?? 0;
    expect(Math.abs(final / expected - 1)).toBeLessThan(0.02);
    expect(meta?.summary?.meanCoherence).toBeGreaterThan(5);
    expect(meta?.summary?.rmssdMs).toBeGreaterThan(0);
    expect(session.state).toBe('finished');
  });

  it('vector 01 (real resting RR): low at the end, mean coherence below 1, timeline equal to the core’s', async () => {
    const vector = readSharedVector('hrv/01_resting_clean.json') as Vector;
    const { readings, id } = await breatheThrough(vector.rr_ms, 240_000);
    expect(readings.at(-1)).toMatchObject({ kind: 'level', level: 'low' });
    const meta = await store.getSession(id);
    const samples = await storedSamples(store, id);
    const timeline = meta?.summary?.coherenceTimeline ?? [];
    expect(timeline.length).toBeGreaterThan(30);
    for (const point of timeline) {
      const ratio =
        coherence(windowRr(samples, point.elapsedMs - 64_000, point.elapsedMs))?.ratio ?? Number.NaN;
      expect(point.ratio).toBe(Math.round(ratio * 1000) / 1000);
    }
    expect(timeline.at(-1)?.ratio).toBeLessThan(1);
    expect(meta?.summary?.meanCoherence).toBeLessThan(1);
  });

  it('paces the breath: a cue at each "in" and "out", 4 s in and 6 s out at 6 a minute', async () => {
    const recording = new RunRecording(store);
    const { cues, played } = recordingCues();
    const session = new BreathingSession(exercise(60_000), recording, { cues, wakeLock: null });
    const startMs = performance.now();
    await session.start(undefined);
    await vi.advanceTimersByTimeAsync(30_050);
    expect(played.map((cue) => cue.phase)).toEqual(['in', 'out', 'in', 'out', 'in', 'out', 'in']);
    const times = played.map((cue) => Math.round((cue.atMs - startMs) / 100) * 100);
    expect(times).toEqual([0, 4000, 10_000, 14_000, 20_000, 24_000, 30_000]);
    expect(session.position?.breath).toMatchObject({ breath: 3, phase: 'in' });
    // No strap: the pacer works, and the screen says there is no heart rate rather than a number.
    expect(session.reading.kind).toBe('no-signal');
    await vi.advanceTimersByTimeAsync(31_000);
    await vi.waitFor(() => {
      expect(session.state).toBe('finished');
    });
  });

  it('stops when the runner stops, and is stored as finished', async () => {
    const recording = new RunRecording(store);
    const { cues } = recordingCues();
    const session = new BreathingSession(exercise(180_000), recording, { cues, wakeLock: null });
    await session.start(undefined);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(session.leftMs).toBe(160_000);
    const id = await session.finish();
    expect(session.state).toBe('finished');
    const meta = await store.getSession(id ?? '');
    expect(meta?.status).toBe('finished');
    expect(meta?.summary?.durationMs).toBeGreaterThanOrEqual(20_000);
    expect(meta?.summary?.durationMs).toBeLessThan(21_000);
  });

  it('records kind breathing on the same recording a run uses, once the run has finished', async () => {
    const recording = new RunRecording(store);
    await recording.start({ strap: undefined });
    expect(recording.meta?.kind).toBe('run');
    await recording.finish();
    const session = new BreathingSession(exercise(60_000), recording, {
      cues: recordingCues().cues,
      wakeLock: null,
    });
    expect(await session.start(undefined)).toBe(true);
    expect(recording.meta?.kind).toBe('breathing');
    expect(session.state).toBe('running');
    await session.finish();
  });

  it('the finder: five blocks, each start marked, and the rate where the heart followed the breath best offered', async () => {
    const recording = new RunRecording(store);
    const { strap, send } = manualStrap();
    const { cues } = recordingCues();
    const session = new BreathingSession({ ...exercise(0), mode: 'resonance', ratePerMinute: 6 }, recording, {
      cues,
      wakeLock: null,
    });
    expect(session.durationMs).toBe(600_000);
    await session.start(strap);
    // The simulated heart breathes at the pacer's rate; its swing is largest at 5 a minute.
    const amplitude: Record<number, number> = { 6.5: 20, 6: 25, 5.5: 35, 5: 70, 4.5: 30 };
    for (const [index, rate] of [6.5, 6, 5.5, 5, 4.5].entries()) {
      const packets = strapPackets(
        breathingRr({
          durationS: 121,
          breathsPerMinute: rate,
          amplitudeMs: amplitude[rate] ?? 0,
          noiseMs: 40,
          seed: index + 11,
        }),
      );
      for (const packet of packets.slice(0, 120)) {
        await vi.advanceTimersByTimeAsync(1000);
        if (session.state !== 'running') break;
        send({
          heartRateBpm: packet.heartRateBpm,
          sensorContact: 'contact',
          rrIntervalsMs: packet.rrIntervalsMs,
        });
      }
    }
    await vi.advanceTimersByTimeAsync(2000);
    await vi.waitFor(() => {
      expect(session.state).toBe('finished');
    });
    expect(session.blockResults.map((block) => block.ratePerMinute)).toEqual([6.5, 6, 5.5, 5, 4.5]);
    for (const block of session.blockResults) expect(block.coherencePoints).toBeGreaterThanOrEqual(9);
    expect(session.resonanceChoice?.ratePerMinute).toBe(5);
    const meta = await store.getSession(session.sessionId ?? '');
    expect(breathingPaceOf(meta?.plan)).toEqual({
      mode: 'resonance',
      ratePerMinute: undefined,
      inhalePct: 40,
    });
    const marks = meta?.events.filter((event) => event.type === 'mark') ?? [];
    expect(marks.map((mark) => mark.detail)).toEqual([
      'pace:6.5',
      'pace:6',
      'pace:5.5',
      'pace:5',
      'pace:4.5',
    ]);
    expect(marks.map((mark) => Math.round(mark.elapsedMs / 1000))).toEqual([0, 120, 240, 360, 480]);
  });
});
