import { describe, expect, it } from 'vitest';
import { BreathingMonitor, WAVE_WINDOW_MS } from '../../../../src/core/breathing';
import { coherence, RollingHrv } from '../../../../src/core';
import { readSharedVector } from '../../support/shared-vectors';
import { breathingRr, strapPackets } from './strap-packets';

interface Vector {
  rr_ms: number[];
  expected: Record<string, { coherence_ratio?: number }>;
}

/** Feeds the packets one by one; returns the readings after each and the RR received so far at each. */
function feed(monitor: BreathingMonitor, rrMs: number[]) {
  const seen: { atMs: number; rrSoFar: number; reading: ReturnType<BreathingMonitor['reading']> }[] = [];
  let rrSoFar = 0;
  for (const packet of strapPackets(rrMs)) {
    monitor.addMeasurement(packet);
    rrSoFar += packet.rrIntervalsMs.length;
    seen.push({ atMs: packet.receivedAtMs, rrSoFar, reading: monitor.reading(packet.receivedAtMs) });
  }
  return seen;
}

describe('BreathingMonitor: live coherence is the HRV core’s', () => {
  it('vector 04 (6 breaths a minute): the level is high, and every number is the core’s coherence of the beats so far', () => {
    const vector = readSharedVector('hrv/04_paced_breathing_coherence.json') as Vector;
    const monitor = new BreathingMonitor();
    const seen = feed(monitor, vector.rr_ms);
    const shown = seen.filter((step) => step.reading.kind === 'level');
    expect(shown.length).toBeGreaterThan(200);
    // Before a minute of beats there is no number yet.
    expect(seen.slice(0, 59).every((step) => step.reading.kind === 'waiting')).toBe(true);
    // The value shown is recomputed every 5 s on the beats received by then: one of the last few prefixes.
    const reference = new RollingHrv();
    let beats = 0;
    for (const packet of strapPackets(vector.rr_ms)) {
      for (const rr of packet.rrIntervalsMs) reference.addBeat(rr, packet.receivedAtMs);
      beats += packet.rrIntervalsMs.length;
      const step = seen.find((s) => s.atMs === packet.receivedAtMs);
      if (step?.reading.kind !== 'level') continue;
      expect(step.reading.ratio).toBe(reference.coherence?.ratio);
      const candidates = Array.from(
        { length: 8 },
        (_, back) => coherence(vector.rr_ms.slice(0, beats - back))?.ratio,
      );
      expect(candidates).toContain(step.reading.ratio);
      expect(step.reading.level).toBe('high');
    }
    const last = seen.at(-1)?.reading;
    expect(last?.kind).toBe('level');
    const expected = vector.expected.coherence_last64s?.coherence_ratio ?? 0;
    if (last?.kind === 'level') expect(Math.abs(last.ratio / expected - 1)).toBeLessThan(0.05);
  });

  it('vector 01 (real resting RR, no paced breathing): below 1 at its end and on average, a low level', () => {
    const vector = readSharedVector('hrv/01_resting_clean.json') as Vector;
    const seen = feed(new BreathingMonitor(), vector.rr_ms);
    const levels = seen.flatMap((step) => (step.reading.kind === 'level' ? [step.reading] : []));
    expect(levels.length).toBeGreaterThan(100);
    // Real data: one stretch in the middle has a slow wave of its own (up to about 2), so not every window is
    // below 1; the last 64 s (the vector's control value, 0.23) and the mean are.
    const last = levels.at(-1);
    expect(last?.level).toBe('low');
    const control = vector.expected.coherence_last64s_control?.coherence_ratio ?? 0;
    expect(Math.abs((last?.ratio ?? 0) / control - 1)).toBeLessThan(0.15);
    const distinct = [...new Set(levels.map((level) => level.ratio))];
    expect(distinct.reduce((sum, ratio) => sum + ratio, 0) / distinct.length).toBeLessThan(1);
  });
});

describe('BreathingMonitor: honest data', () => {
  const rr = breathingRr({ durationS: 120, breathsPerMinute: 6, amplitudeMs: 60, noiseMs: 10 });

  it('no strap at all, or silence for over 5 s: no signal', () => {
    const monitor = new BreathingMonitor();
    expect(monitor.reading(1000).kind).toBe('no-signal');
    feed(monitor, rr);
    expect(monitor.reading(120_000).kind).toBe('level');
    expect(monitor.reading(127_000).kind).toBe('no-signal');
  });

  it('a strap without skin contact: no contact, and its intervals are not taken as beats', () => {
    const monitor = new BreathingMonitor();
    feed(monitor, rr);
    monitor.addMeasurement({
      receivedAtMs: 122_000,
      sensorContact: 'no-contact',
      rrIntervalsMs: [300, 2000],
    });
    expect(monitor.reading(122_500).kind).toBe('no-contact');
    expect(monitor.wave().at(-1)?.y).not.toBe(30);
  });

  it('a strap that sends heart rate without beat intervals: too few beats', () => {
    const monitor = new BreathingMonitor();
    feed(monitor, rr);
    const endMs = 122_000;
    for (let s = 1; s <= 12; s++) {
      monitor.addMeasurement({ receivedAtMs: endMs + s * 1000, sensorContact: 'contact', rrIntervalsMs: [] });
    }
    expect(monitor.reading(endMs + 12_000).kind).toBe('too-few-beats');
  });

  it('many missed beats: too many artifacts instead of a number', () => {
    const withMissed = [...rr];
    for (let i = 10; i < withMissed.length - 1; i += 8) {
      withMissed.splice(i, 2, (withMissed[i] ?? 0) + (withMissed[i + 1] ?? 0));
    }
    const monitor = new BreathingMonitor();
    const seen = feed(monitor, withMissed);
    const last = seen.at(-1)?.reading;
    expect(last?.kind).toBe('too-many-artifacts');
    if (last?.kind === 'too-many-artifacts') expect(last.artifactPct).toBeGreaterThan(5);
  });
});

describe('BreathingMonitor: the heart-rate wave', () => {
  it('is the last minute of beats, beat by beat, on the beats’ own time axis', () => {
    const rr = breathingRr({
      durationS: 150,
      breathsPerMinute: 6,
      amplitudeMs: 80,
      noiseMs: 0,
      meanMs: 1000,
    });
    const monitor = new BreathingMonitor();
    feed(monitor, rr);
    const wave = monitor.wave();
    expect(wave.at(-1)?.x).toBe(0);
    expect(wave[0]?.x).toBeGreaterThanOrEqual(-WAVE_WINDOW_MS / 1000);
    expect(wave[0]?.x).toBeLessThan(-58);
    // Six breaths in a minute: the heart rate swings between about 60000/1080 and 60000/920.
    const ys = wave.map((point) => point.y);
    expect(Math.min(...ys)).toBeLessThan(56.5);
    expect(Math.max(...ys)).toBeGreaterThan(64.5);
    let rises = 0;
    for (let i = 1; i < ys.length; i++)
      if ((ys[i] ?? 0) > (ys[i - 1] ?? 0) && (ys[i - 1] ?? 0) <= (ys[i - 2] ?? 0)) rises++;
    expect(rises).toBeGreaterThanOrEqual(5);
    expect(rises).toBeLessThanOrEqual(7);
  });

  it('starts again after a pause long enough to break the series', () => {
    const rr = breathingRr({ durationS: 30, breathsPerMinute: 6, amplitudeMs: 80, noiseMs: 0 });
    const monitor = new BreathingMonitor();
    feed(monitor, rr);
    expect(monitor.wave().length).toBeGreaterThan(25);
    monitor.addMeasurement({ receivedAtMs: 60_000, sensorContact: 'contact', rrIntervalsMs: [900] });
    expect(monitor.wave()).toEqual([{ x: 0, y: 60_000 / 900 }]);
    const reading = monitor.reading(60_000);
    expect(reading).toMatchObject({ kind: 'waiting', coveredS: 0.9 });
  });
});
