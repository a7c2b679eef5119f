import type { StrapMeasurement } from '../../../../src/core';

/**
 * An RR series (ms) as a chest strap delivers it: one notification each whole second carrying the beats that ended
 * since the previous one (none in a second without a beat end), received at `startMs` + that second.
 */
export function strapPackets(rrMs: readonly number[], startMs = 0): StrapMeasurement[] {
  const packets: StrapMeasurement[] = [];
  let endMs = 0;
  let index = 0;
  const totalMs = rrMs.reduce((sum, rr) => sum + rr, 0);
  for (let second = 1; second * 1000 <= totalMs + 1000; second++) {
    const rrIntervalsMs: number[] = [];
    while (index < rrMs.length && endMs + (rrMs[index] ?? 0) <= second * 1000) {
      endMs += rrMs[index] ?? 0;
      rrIntervalsMs.push(rrMs[index] ?? 0);
      index++;
    }
    const heartRateBpm =
      rrIntervalsMs.length > 0
        ? Math.round(60_000 / (rrIntervalsMs.reduce((a, b) => a + b, 0) / rrIntervalsMs.length))
        : null;
    packets.push({
      receivedAtMs: startMs + second * 1000,
      wallClockMs: 1_700_000_000_000 + second * 1000,
      heartRateBpm,
      sensorContact: 'contact',
      rrIntervalsMs,
    });
  }
  return packets;
}

/** A resting heart with breathing at `breathsPerMinute` swinging RR by ± `amplitudeMs`, and seeded noise. */
export function breathingRr(options: {
  durationS: number;
  breathsPerMinute: number;
  amplitudeMs: number;
  noiseMs: number;
  meanMs?: number;
  seed?: number;
}): number[] {
  let state = (options.seed ?? 1) >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const rr: number[] = [];
  let t = 0;
  while (t < options.durationS * 1000) {
    const value =
      (options.meanMs ?? 920) +
      options.amplitudeMs * Math.sin((2 * Math.PI * options.breathsPerMinute * t) / 60_000) +
      options.noiseMs * (uniform() * 2 - 1);
    rr.push(value);
    t += value;
  }
  return rr;
}
