import type { SessionSample } from '../../../../../src/core/session/session-model';
import type { SessionWithSamples } from '../../../../../src/adapters/files/session-with-samples';

/** 2026-11-29 06:15:00.250 UTC: a start that is not on a whole second, to catch rounding. */
export const startWallMs = Date.UTC(2026, 10, 29, 6, 15, 0, 250);

/**
 * A 10-minute run, one sample a second, with what real recordings have: a stretch without contact (null heart
 * rate, no RR), samples with zero, one, two and seven RR intervals (seven needs two hrv messages), a 90 s pause, and
 * RR values across the whole 1..65535 range of 1/1024 s.
 */
export function sampleRun(): SessionWithSamples {
  const samples: SessionSample[] = [];
  let beat = 0;
  for (let second = 0; second < 600; second += 1) {
    if (second >= 300 && second < 390) continue; // paused
    const elapsedMs = second * 1000 + (second % 7) * 3;
    if (second >= 120 && second < 130) {
      samples.push({ elapsedMs, heartRateBpm: null, sensorContact: 'no-contact', rrIntervals1024: [] });
      continue;
    }
    const heartRateBpm = 120 + Math.round(15 * Math.sin(second / 40));
    const count = second === 200 ? 7 : second % 5 === 0 ? 0 : second % 3 === 0 ? 2 : 1;
    const rrIntervals1024: number[] = [];
    for (let i = 0; i < count; i += 1) {
      beat += 1;
      rrIntervals1024.push(Math.round(61440 / heartRateBpm) + ((beat * 37) % 23) - 11);
    }
    samples.push({ elapsedMs, heartRateBpm, sensorContact: 'contact', rrIntervals1024 });
  }
  // The extremes of the field: 1 unit and 65535 units (just under 64 s).
  const extreme = samples[10];
  if (extreme) extreme.rrIntervals1024 = [1, 65535];
  return {
    meta: {
      id: 'b6f0a3c2-6a34-4b7e-9d0e-1f2a3b4c5d6e',
      kind: 'run',
      status: 'finished',
      startedAtWallMs: startWallMs,
      endedAtWallMs: startWallMs + 600_500,
      runnerId: 'runner-1',
      runnerName: 'Alex',
      strap: { name: 'Polar H10 8A2B3C4D', bodySensorLocation: 'chest' },
      plan: { planId: 'couch-to-calm', name: 'Couch to calm', courseWeek: 2, courseRun: 3 },
      zone: { lowBpm: 110, highBpm: 135, method: 'percent-reserve' },
      before: { feeling: -2, arousal: 4 },
      after: { feeling: 3, arousal: 2 },
      exertion: 4,
      notes: 'Felt calmer after the pause, "easy" pace & <steady>.',
      events: [
        { type: 'started', elapsedMs: 0 },
        { type: 'strap-connected', elapsedMs: 0, detail: 'Polar H10' },
        { type: 'gap', elapsedMs: 120_000, detail: '10000' },
        { type: 'paused', elapsedMs: 299_500 },
        { type: 'resumed', elapsedMs: 389_900 },
        { type: 'finished', elapsedMs: 600_500 },
      ],
      summary: {
        durationMs: 600_500,
        activeMs: 510_100,
        averageHeartRateBpm: 121.4,
        maxHeartRateBpm: 135,
        timeInZoneMs: { below: 100_000, inZone: 400_000, above: 10_100 },
        beatCount: 800,
        rmssdMs: 23.5,
        artifactPct: 0.4,
        dfaAlpha1Timeline: [
          { elapsedMs: 120_000, alpha1: 1.05 },
          { elapsedMs: 240_000, alpha1: 0.82 },
        ],
        meanCoherence: 1.2,
      },
    },
    samples,
  };
}

/** A short session whose every field is spelled out, for the exact-output tests. */
export function tinySession(): SessionWithSamples {
  return {
    meta: {
      id: 'tiny-1',
      kind: 'run',
      status: 'finished',
      startedAtWallMs: Date.UTC(2026, 0, 2, 3, 4, 5, 0),
      endedAtWallMs: Date.UTC(2026, 0, 2, 3, 4, 8, 0),
      notes: '',
      events: [],
    },
    samples: [
      { elapsedMs: 0, heartRateBpm: 100, sensorContact: 'contact', rrIntervals1024: [614] },
      { elapsedMs: 1000, heartRateBpm: null, sensorContact: 'no-contact', rrIntervals1024: [] },
      { elapsedMs: 2005, heartRateBpm: 101, sensorContact: 'unsupported', rrIntervals1024: [608, 1024] },
    ],
  };
}

export function allRr(session: SessionWithSamples): number[] {
  return session.samples.flatMap((sample) => sample.rrIntervals1024);
}

/** A 2-minute resting check with every summary field the check fills, paced at 6 breaths a minute. */
export function restingCheckSession(): SessionWithSamples {
  const samples: SessionSample[] = [];
  for (let second = 0; second < 120; second += 1) {
    const rr1024 = 1000 + Math.round(40 * Math.sin((2 * Math.PI * second) / 10)) + ((second * 13) % 7);
    samples.push({
      elapsedMs: second * 1000,
      heartRateBpm: 61,
      sensorContact: 'contact',
      rrIntervals1024: [rr1024],
    });
  }
  return {
    meta: {
      id: 'resting-1',
      kind: 'resting',
      status: 'finished',
      startedAtWallMs: startWallMs,
      endedAtWallMs: startWallMs + 120_000,
      runnerId: 'runner-1',
      runnerName: 'Alex',
      plan: { planId: 'resting:2:6', name: 'Resting HRV check, 2 min, paced at 6 breaths/min' },
      notes: '',
      events: [
        { type: 'started', elapsedMs: 0 },
        { type: 'finished', elapsedMs: 120_000 },
      ],
      summary: {
        durationMs: 120_000,
        activeMs: 120_000,
        averageHeartRateBpm: 61.2,
        maxHeartRateBpm: 61,
        beatCount: 120,
        rmssdMs: 31.25,
        artifactPct: 0,
        timeDomain: { sdnnMs: 29.5, pnn50Pct: 12.5, sd1Ms: 22.1, sd2Ms: 35.3, meanRrMs: 980.4 },
        frequencyDomain: {
          vlfMs2: 12.5,
          lfMs2: 640.25,
          hfMs2: 80.5,
          lfHfRatio: 7.95,
          lfNu: 88.8,
          hfNu: 11.2,
          lfPeakHz: 0.1,
          hfPeakHz: 0.18,
        },
        restingCheck: { plannedMinutes: 2, pacedBreathing: true, breathingRatePerMinute: 6 },
      },
    },
    samples,
  };
}
