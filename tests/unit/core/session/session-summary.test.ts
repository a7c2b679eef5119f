import { describe, expect, it } from 'vitest';
import {
  coherence,
  correctArtifacts,
  detectArtifacts,
  dfaAlpha1,
  msPerRrUnit,
  restingCheck,
  timeDomain,
} from '../../../../src/core';
import {
  activeMsAt,
  restingPlanRef,
  summarizeSession,
  type SessionEvent,
  type SessionMeta,
  type SessionSample,
} from '../../../../src/core/session';
import { simulatedSamples } from './support/simulated-run';
import { defined } from './support/defined';

function meta(events: SessionEvent[], extra: Partial<SessionMeta> = {}): SessionMeta {
  return {
    id: 's',
    kind: 'run',
    status: 'finished',
    startedAtWallMs: 0,
    notes: '',
    events: [{ type: 'started', elapsedMs: 0 }, ...events],
    ...extra,
  };
}

function sample(
  elapsedMs: number,
  heartRateBpm: number | null,
  rrIntervals1024: number[] = [],
): SessionSample {
  return {
    elapsedMs,
    heartRateBpm,
    sensorContact: heartRateBpm === null ? 'no-contact' : 'contact',
    rrIntervals1024,
  };
}

/**
 * The corrected RR (ms) of the samples received in (fromMs, toMs]: the whole session corrected once, then the
 * window's slice. Only for series the correction does not lengthen or shorten (no missed or extra beat), where
 * corrected intervals stand where the raw ones do; session-beats.test.ts covers the others.
 */
function correctedWindowRr(samples: SessionSample[], fromMs: number, toMs: number): number[] {
  const all = samples.flatMap((s) => s.rrIntervals1024.map((rr) => rr * msPerRrUnit));
  const corrected = correctArtifacts(all);
  expect(corrected.report.missed).toEqual([]);
  expect(corrected.report.extra).toEqual([]);
  const before = samples.filter((s) => s.elapsedMs <= fromMs).flatMap((s) => s.rrIntervals1024).length;
  const inside = samples
    .filter((s) => s.elapsedMs > fromMs && s.elapsedMs <= toMs)
    .flatMap((s) => s.rrIntervals1024);
  return corrected.rrMs.slice(before, before + inside.length);
}

const zone = { lowBpm: 120, highBpm: 140, method: 'fixed' as const };

describe('summarizeSession: time and heart rate', () => {
  // 110 below, 130 in, 160 above, then no reading, then 130 through a 10-s dropout and to the end.
  const samples = [
    sample(0, 110),
    sample(1000, 130),
    sample(2000, 160),
    sample(3000, null),
    sample(4000, 130),
    sample(14_000, 140),
  ];

  it('weights each reading by the time to the next sample, capping a dropout at 5 s', () => {
    const summary = summarizeSession(meta([{ type: 'finished', elapsedMs: 15_000 }], { zone }), samples);
    expect(summary.durationMs).toBe(15_000);
    expect(summary.activeMs).toBe(15_000);
    // 110·1 s + 130·1 s + 160·1 s + 130·5 s (capped, not 10 s) + 140·1 s over 9 s.
    expect(summary.averageHeartRateBpm).toBeCloseTo((110 + 130 + 160 + 130 * 5 + 140) / 9, 10);
    expect(summary.maxHeartRateBpm).toBe(160);
    // Time in zone is the live tracker's, replayed: smoothed over 5 s with 2 bpm hysteresis, so 130 after 110 (mean
    // 120) is still below, and the one second at 160 (mean 133) is in; the null reading is no time; 130 stands
    // 5 s in the zone, then the dropout is no reading; 140 is in until the end.
    expect(summary.timeInZoneMs).toEqual({ below: 2000, inZone: 1000 + 5000 + 1000, above: 0 });
  });

  it('counts no time during a pause, nor after the finish', () => {
    const events: SessionEvent[] = [
      { type: 'paused', elapsedMs: 2500 },
      { type: 'resumed', elapsedMs: 4000 },
      { type: 'paused', elapsedMs: 14_500 },
      { type: 'finished', elapsedMs: 20_000 },
    ];
    const summary = summarizeSession(meta(events, { zone }), samples);
    expect(summary.durationMs).toBe(20_000);
    expect(summary.activeMs).toBe(20_000 - 1500 - 5500);
    // As above (the smoothed 160 is in the zone), in 500 ms until the pause; the tracker starts afresh at the
    // resume; 130 stands 5 s; 140 is in 500 ms until the second pause.
    expect(summary.timeInZoneMs).toEqual({ below: 2000, inZone: 500 + 5000 + 500, above: 0 });
  });

  it('ends an unfinished session at its last sample or event, and leaves the zone out without one', () => {
    const unfinished = summarizeSession(meta([{ type: 'mark', elapsedMs: 14_200 }]), samples);
    expect(unfinished.durationMs).toBe(14_200);
    expect(unfinished.timeInZoneMs).toBeUndefined();
    expect(summarizeSession(meta([]), samples.slice(0, 3)).durationMs).toBe(2000);
  });

  it('takes the plain mean when no reading stands for any time', () => {
    const summary = summarizeSession(meta([{ type: 'finished', elapsedMs: 1000 }]), [sample(1000, 97)]);
    expect(summary.averageHeartRateBpm).toBe(97);
  });

  it('has no heart rate or HRV without readings and beats', () => {
    const summary = summarizeSession(meta([{ type: 'finished', elapsedMs: 5000 }], { zone }), [
      sample(1000, null),
    ]);
    expect(summary).toEqual({
      durationMs: 5000,
      activeMs: 5000,
      beatCount: 0,
      timeInZoneMs: { below: 0, inZone: 0, above: 0 },
    });
  });
});

describe('summarizeSession: HRV over the whole session', () => {
  it('computes RMSSD by hand on a clean series', () => {
    const samples = simulatedSamples({ bpm: 100, durationS: 60, jitterMs: 10, seed: 2 });
    const rr = samples.flatMap((s) => s.rrIntervals1024);
    // Precondition: nothing for the detection to flag, so RMSSD is that of the raw series.
    expect(Object.values(detectArtifacts(rr.map((v) => v * msPerRrUnit))).flat()).toEqual([]);
    let squares = 0;
    for (let i = 1; i < rr.length; i++) squares += (((rr[i] ?? 0) - (rr[i - 1] ?? 0)) * msPerRrUnit) ** 2;
    const summary = summarizeSession(meta([]), samples);
    expect(summary.beatCount).toBe(rr.length);
    expect(summary.artifactPct).toBe(0);
    expect(summary.rmssdMs).toBeCloseTo(Math.sqrt(squares / (rr.length - 1)), 9);
  });

  it('equals the HRV core on the same RR when beats are missed', () => {
    const samples = simulatedSamples({ bpm: 120, durationS: 300, jitterMs: 15, seed: 11 });
    // The strap misses a beat now and then: two intervals arrive as one.
    for (const i of [40, 120, 200]) {
      const s = defined(samples[i]);
      const [a = 0, b = 0, ...rest] = s.rrIntervals1024;
      samples[i] = { ...s, rrIntervals1024: [a + b, ...rest] };
    }
    const rrMs = samples.flatMap((s) => s.rrIntervals1024.map((rr) => rr * msPerRrUnit));
    const corrected = correctArtifacts(rrMs);
    expect(corrected.report.missed).toHaveLength(3);
    const flagged = new Set(Object.values(corrected.report).flat());

    const summary = summarizeSession(meta([]), samples);
    expect(summary.beatCount).toBe(rrMs.length);
    expect(summary.artifactPct).toBeCloseTo((100 * flagged.size) / rrMs.length, 12);
    expect(summary.artifactPct).toBeGreaterThan(0);
    expect(summary.rmssdMs).toBe(timeDomain(corrected.rrMs)?.rmssdMs);
    // The correction matters: raw RMSSD is inflated by the missed beats.
    expect(defined(timeDomain(rrMs)).rmssdMs).toBeGreaterThan(2 * defined(summary.rmssdMs));
  });
});

describe('summarizeSession: DFA-a1 timeline', () => {
  const samples = simulatedSamples({ bpm: 140, durationS: 600, jitterMs: 20, seed: 5 });

  it('gives a point every 30 s over the preceding 2 minutes, equal to the HRV core on that window', () => {
    const summary = summarizeSession(meta([{ type: 'finished', elapsedMs: 600_000 }]), samples);
    const timeline = summary.dfaAlpha1Timeline ?? [];
    expect(timeline.map((p) => p.elapsedMs)).toEqual(
      Array.from({ length: 17 }, (_, i) => 120_000 + i * 30_000),
    );
    for (const point of timeline) {
      const rr = correctedWindowRr(samples, point.elapsedMs - 120_000, point.elapsedMs);
      expect(point.alpha1).toBe(stored(dfaAlpha1(rr)));
      // Uncorrelated beat-to-beat noise: α1 near 0.5.
      expect(point.alpha1).toBeGreaterThan(0.2);
      expect(point.alpha1).toBeLessThan(0.8);
    }
  });

  it('skips windows a dropout or a pause cuts into', () => {
    const dropout = samples.filter((s) => s.elapsedMs <= 300_000 || s.elapsedMs > 400_000);
    const summary = summarizeSession(meta([{ type: 'finished', elapsedMs: 600_000 }]), dropout);
    const times = (summary.dfaAlpha1Timeline ?? []).map((p) => p.elapsedMs / 1000);
    // (t − 120, t] must be ≥ 90 % covered (108 s): 300 is; 330 (90 s) to 480 (80 s) are not; 510 (110 s) is.
    expect(times).toEqual([120, 150, 180, 210, 240, 270, 300, 510, 540, 570, 600]);
  });

  it('uses the requested DFA method', () => {
    const summary = summarizeSession(meta([]), samples.slice(0, 150), { dfaMethod: 'fatmaxxer' });
    const fatmaxxer = (fromMs: number, toMs: number) =>
      dfaAlpha1(correctedWindowRr(samples.slice(0, 150), fromMs, toMs), { method: 'fatmaxxer' });
    expect(summary.dfaAlpha1Timeline).toEqual([
      { elapsedMs: 120_000, alpha1: stored(fatmaxxer(0, 120_000)) },
      { elapsedMs: 150_000, alpha1: stored(fatmaxxer(30_000, 150_000)) },
    ]);
    expect(summary.dfaAlpha1Timeline?.[0]?.alpha1).not.toBe(
      dfaAlpha1(correctedWindowRr(samples.slice(0, 150), 0, 120_000)),
    );
  });
});

describe('summarizeSession: coherence of a breathing session', () => {
  // Breathing at 6 a minute swings RR by ±60 ms at 0.1 Hz.
  const paced = simulatedSamples({
    bpm: 65,
    durationS: 180,
    jitterMs: 5,
    seed: 9,
    modulationMs: (tS) => 60 * Math.sin(2 * Math.PI * 0.1 * tS),
  });

  it('averages the HRV core’s coherence every 5 s over the preceding 64 s', () => {
    const summary = summarizeSession(
      meta([{ type: 'finished', elapsedMs: 180_000 }], { kind: 'breathing' }),
      paced,
    );
    const timeline = summary.coherenceTimeline ?? [];
    // The first window to cover 60 s of beats ends at 65 s.
    expect(timeline[0]?.elapsedMs).toBe(65_000);
    expect(timeline.at(-1)?.elapsedMs).toBe(180_000);
    expect(timeline).toHaveLength(24);
    for (const point of timeline) {
      const rr = correctedWindowRr(paced, point.elapsedMs - 64_000, point.elapsedMs);
      expect(point.ratio).toBe(stored(coherence(rr)?.ratio));
    }
    const mean = timeline.reduce((sum, p) => sum + p.ratio, 0) / timeline.length;
    expect(summary.meanCoherence).toBeCloseTo(mean, 12);
    expect(summary.meanCoherence).toBeGreaterThan(3);
  });

  it('is low for irregular beats, and absent for a run', () => {
    const irregular = simulatedSamples({ bpm: 65, durationS: 180, jitterMs: 60, seed: 4 });
    const breathing = summarizeSession(meta([], { kind: 'breathing' }), irregular);
    expect(breathing.coherenceTimeline?.length).toBeGreaterThan(20);
    expect(breathing.meanCoherence).toBeLessThan(1);
    const runSummary = summarizeSession(meta([]), paced);
    expect(runSummary.meanCoherence).toBeUndefined();
    expect(runSummary.coherenceTimeline).toBeUndefined();
  });
});

/** Timeline values are stored to three decimals. */
function stored(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.round(value * 1000) / 1000;
}

describe('activeMsAt', () => {
  it('leaves paused stretches out of the run clock, an open pause up to now', () => {
    const events = [
      { type: 'started' as const, elapsedMs: 0 },
      { type: 'paused' as const, elapsedMs: 60_000 },
      { type: 'resumed' as const, elapsedMs: 90_000 },
      { type: 'paused' as const, elapsedMs: 120_000 },
    ];
    expect(activeMsAt(events, 50_000)).toBe(50_000);
    expect(activeMsAt(events, 100_000)).toBe(70_000);
    expect(activeMsAt(events, 150_000)).toBe(90_000);
  });
});

describe('summarizeSession: the full time domain and the resting check', () => {
  const seated = simulatedSamples({ bpm: 62, durationS: 120, jitterMs: 25, seed: 5 });
  const finished = (ms: number) => [{ type: 'finished' as const, elapsedMs: ms }];

  it('fills SDNN, pNN50, SD1, SD2 and mean RR for every kind, from the corrected beats', () => {
    const rrMs = seated.flatMap((s) => s.rrIntervals1024.map((rr) => rr * msPerRrUnit));
    const hrv = defined(timeDomain(correctArtifacts(rrMs).rrMs));
    for (const kind of ['run', 'breathing', 'resting'] as const) {
      const summary = summarizeSession(meta(finished(120_000), { kind }), seated);
      expect(summary.timeDomain).toEqual({
        sdnnMs: hrv.sdnnMs,
        pnn50Pct: hrv.pnn50Pct,
        sd1Ms: hrv.sd1Ms,
        sd2Ms: hrv.sd2Ms,
        meanRrMs: hrv.meanRrMs,
      });
      expect(summary.rmssdMs).toBe(hrv.rmssdMs);
    }
  });

  it('a run has no frequency domain and no resting block', () => {
    const summary = summarizeSession(meta(finished(120_000)), seated);
    expect(summary.frequencyDomain).toBeUndefined();
    expect(summary.restingCheck).toBeUndefined();
  });

  it('a resting check keeps its plan, its spectrum and the resting heart rate of its beats', () => {
    const summary = summarizeSession(
      meta(finished(120_000), {
        kind: 'resting',
        plan: restingPlanRef({ minutes: 2, breathingRatePerMinute: 6 }),
      }),
      seated,
    );
    const rrMs = seated.flatMap((s) => s.rrIntervals1024.map((rr) => rr * msPerRrUnit));
    const check = restingCheck(rrMs);
    if (!check.ok) throw new Error('the seated series is clean');
    expect(summary.restingCheck).toEqual({
      plannedMinutes: 2,
      pacedBreathing: true,
      breathingRatePerMinute: 6,
    });
    expect(summary.averageHeartRateBpm).toBe(check.restingHrBpm);
    expect(summary.rmssdMs).toBe(check.rmssdMs);
    expect(summary.frequencyDomain).toEqual({ ...check.frequencyDomain });
    expect(summary.frequencyDomain?.hfMs2).toBeGreaterThan(0);
  });

  it('a refused check says why, keeps its artifact share, and has no HRV figures', () => {
    // Every tenth beat the strap misses one: two intervals arrive as one, far above 5 %.
    const rr1024 = seated.flatMap((s) => s.rrIntervals1024);
    const merged: number[] = [];
    for (let i = 0; i < rr1024.length; i++) {
      if (i % 10 === 0 && i + 1 < rr1024.length) merged.push((rr1024[i] ?? 0) + (rr1024[++i] ?? 0));
      else merged.push(rr1024[i] ?? 0);
    }
    const missing = seated.map((s, i) => ({
      ...s,
      rrIntervals1024: i < merged.length ? [merged[i] ?? 0] : [],
    }));
    const summary = summarizeSession(
      meta(finished(120_000), {
        kind: 'resting',
        plan: restingPlanRef({ minutes: 5, breathingRatePerMinute: undefined }),
      }),
      missing,
    );
    expect(summary.restingCheck).toEqual({
      plannedMinutes: 5,
      pacedBreathing: false,
      refusal: 'too-many-artifacts',
    });
    expect(summary.artifactPct).toBeGreaterThan(5);
    expect(summary.rmssdMs).toBeUndefined();
    expect(summary.timeDomain).toBeUndefined();
    expect(summary.frequencyDomain).toBeUndefined();
    expect(summary.averageHeartRateBpm).toBeDefined();
  });

  it('keeps the strap’s average when steady junk beats claim more than a heart can beat', () => {
    // 0.1 s intervals with a little variation for two minutes: nothing for the scale-free detection to flag.
    const junk = Array.from({ length: 120 }, (_, i) =>
      sample(
        i * 1000 + 1000,
        70,
        Array.from({ length: 10 }, (_, k) => 100 + ((i + k) % 3)),
      ),
    );
    const summary = summarizeSession(meta(finished(120_000), { kind: 'resting' }), junk);
    expect(summary.restingCheck?.refusal).toBeUndefined();
    expect(summary.averageHeartRateBpm).toBe(70);
  });

  it('a check without beats is refused as too short', () => {
    const summary = summarizeSession(meta(finished(120_000), { kind: 'resting' }), [
      sample(0, 60),
      sample(1000, 61),
    ]);
    expect(summary.restingCheck).toEqual({ pacedBreathing: false, refusal: 'too-short' });
    expect(summary.rmssdMs).toBeUndefined();
  });
});
