import { msPerRrUnit, type SensorContact, type StrapMeasurement } from '../../../../../src/core';
import type { SessionSample } from '../../../../../src/core/session';

/** Deterministic uniform numbers in [0, 1) (mulberry32), so sizes and summaries are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SimulatedRun {
  /** Mean heart rate, bpm. */
  bpm: number;
  durationS: number;
  /** Beat-to-beat noise, ms (a uniform step of ± this much around the mean RR). */
  jitterMs?: number;
  /** Added to each RR: e.g. a slow breathing wave. */
  modulationMs?: (beatEndS: number) => number;
  seed?: number;
  /** Monotonic time of elapsed 0 (the recorder's start). */
  startMs?: number;
  wallClockStartMs?: number;
}

/**
 * A strap's notifications for a run: beats from elapsed 0 on, one notification each whole second carrying the
 * beats that ended since the previous one (2-3 at 150 bpm), RR in whole 1/1024 s as a strap sends them.
 */
export function simulatedMeasurements(run: SimulatedRun): StrapMeasurement[] {
  const random = seededRandom(run.seed ?? 1);
  const meanRrMs = 60_000 / run.bpm;
  const jitterMs = run.jitterMs ?? 8;
  const startMs = run.startMs ?? 0;
  const wallClockStartMs = run.wallClockStartMs ?? 1_700_000_000_000;
  const measurements: StrapMeasurement[] = [];
  let beatEndMs = 0;
  let pending: number[] = [];
  const nextBeat = (): number => {
    const rrMs = meanRrMs + (random() * 2 - 1) * jitterMs + (run.modulationMs?.(beatEndMs / 1000) ?? 0);
    return Math.max(1, Math.round(rrMs / msPerRrUnit));
  };
  let upcoming = nextBeat();
  for (let second = 1; second <= run.durationS; second++) {
    const nowMs = second * 1000;
    while (beatEndMs + upcoming * msPerRrUnit <= nowMs) {
      beatEndMs += upcoming * msPerRrUnit;
      pending.push(upcoming);
      upcoming = nextBeat();
    }
    const sensorContact: SensorContact = 'contact';
    const pendingMs = pending.reduce((sum, rr) => sum + rr, 0) * msPerRrUnit;
    const heartRateBpm = pending.length > 0 ? Math.round((60_000 * pending.length) / pendingMs) : run.bpm;
    measurements.push({
      receivedAtMs: startMs + nowMs,
      wallClockMs: wallClockStartMs + nowMs,
      heartRateBpm,
      sensorContact,
      rrIntervalsMs: pending.map((rr) => rr * msPerRrUnit),
    });
    pending = [];
  }
  return measurements;
}

/** The same run as the samples the recorder keeps (elapsed from `startMs`, RR in 1/1024 s). */
export function simulatedSamples(run: SimulatedRun): SessionSample[] {
  const startMs = run.startMs ?? 0;
  return simulatedMeasurements(run).map((m) => ({
    elapsedMs: Math.round(m.receivedAtMs - startMs),
    heartRateBpm: m.heartRateBpm,
    sensorContact: m.sensorContact,
    rrIntervals1024: m.rrIntervalsMs.map((rr) => Math.round(rr / msPerRrUnit)),
  }));
}
