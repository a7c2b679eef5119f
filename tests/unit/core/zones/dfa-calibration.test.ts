import { describe, expect, test } from 'vitest';
import { correctArtifacts, dfaAlpha1, detectArtifacts } from '../../../../src/core/hrv/index';
import {
  calibrateZoneFromDfa,
  DfaCalibrationRecorder,
  type DfaCalibrationPoint,
} from '../../../../src/core/zones/index';
import { readSharedVector } from '../../support/shared-vectors';

function rrOf(file: string): number[] {
  return (readSharedVector(file) as { rr_ms: number[] }).rr_ms;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A gradually rising run as calibration points, one every 20 s: heart rate 110 -> 160 bpm over 25 minutes while
 * DFA-a1 falls linearly through 0.75 at `crossingBpm` (1.25 at 110 bpm), plus seeded noise of +-`noise`.
 */
function rampPoints(crossingBpm: number, noise: number, seed: number): DfaCalibrationPoint[] {
  const next = random(seed);
  const slopePerBpm = (0.75 - 1.25) / (crossingBpm - 110);
  return Array.from({ length: 76 }, (_, i) => {
    const heartRateBpm = 110 + (50 * i) / 75;
    const alpha = 1.25 + slopePerBpm * (heartRateBpm - 110) + noise * 2 * (next() - 0.5);
    return { atMs: 120_000 + i * 20_000, heartRateBpm, dfaAlpha1: Math.max(0.3, alpha), artifactPct: 0.5 };
  });
}

describe('calibrateZoneFromDfa on synthetic points', () => {
  test('finds the heart rate where DFA-a1 falls through 0.75, within 1 bpm, and gives its zone', () => {
    for (const [crossing, seed] of [
      [138, 1],
      [142.5, 2],
      [131, 3],
    ] as const) {
      const result = calibrateZoneFromDfa(rampPoints(crossing, 0.08, seed));
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(Math.abs(result.thresholdHrBpm - crossing)).toBeLessThan(1);
      expect(result.zone).toEqual({
        lowBpm: Math.round(result.thresholdHrBpm) - 15,
        highBpm: Math.round(result.thresholdHrBpm),
        method: 'calibrated',
      });
      // The points it came from: every one in the fit range, on both sides of the threshold.
      expect(result.fitPoints.length).toBeGreaterThanOrEqual(4);
      expect(result.fitPoints.every((p) => p.dfaAlpha1 >= 0.5 && p.dfaAlpha1 <= 1.0)).toBe(true);
      expect(result.fitPoints.some((p) => p.dfaAlpha1 > 0.75)).toBe(true);
      expect(result.fitPoints.some((p) => p.dfaAlpha1 < 0.75)).toBe(true);
      expect(result.fit.slopePerBpm).toBeLessThan(0);
    }
  });

  test('noise-free points give the crossing exactly', () => {
    const result = calibrateZoneFromDfa(rampPoints(140, 0, 0));
    expect(result.ok && result.thresholdHrBpm).toBeCloseTo(140, 9);
    expect(result.ok && result.fit.r2).toBeCloseTo(1, 12);
  });

  test('refuses with too many artifacts, naming the worst', () => {
    const points = rampPoints(140, 0.05, 4);
    const spoiled = points.map((p, i) => (i === 30 ? { ...p, artifactPct: 7.5 } : p));
    expect(calibrateZoneFromDfa(spoiled)).toMatchObject({
      ok: false,
      reason: 'too-many-artifacts',
      maxArtifactPct: 7.5,
    });
    // Exactly at the threshold is still accepted; a stricter threshold refuses.
    const atLimit = points.map((p, i) => (i === 30 ? { ...p, artifactPct: 5 } : p));
    expect(calibrateZoneFromDfa(atLimit).ok).toBe(true);
    expect(calibrateZoneFromDfa(atLimit, { maxArtifactPct: 3 })).toMatchObject({
      reason: 'too-many-artifacts',
    });
  });

  test('refuses when DFA-a1 never crosses 0.75, saying on which side it stayed', () => {
    const easy = rampPoints(140, 0, 0).map((p) => ({ ...p, dfaAlpha1: Math.max(0.8, p.dfaAlpha1) }));
    expect(calibrateZoneFromDfa(easy)).toMatchObject({ ok: false, reason: 'never-crosses', side: 'above' });
    const hard = rampPoints(140, 0, 0).map((p) => ({ ...p, dfaAlpha1: Math.min(0.7, p.dfaAlpha1) }));
    expect(calibrateZoneFromDfa(hard)).toMatchObject({ ok: false, reason: 'never-crosses', side: 'below' });
  });

  test('refuses a run whose heart rate spans too little', () => {
    const flat = rampPoints(140, 0, 0).map((p) => ({
      ...p,
      heartRateBpm: 135 + (p.heartRateBpm - 110) / 10,
    }));
    expect(calibrateZoneFromDfa(flat)).toMatchObject({
      ok: false,
      reason: 'hr-range-too-narrow',
      hrRangeBpm: 5,
    });
  });

  test('refuses a jump across the fit range and a rising line', () => {
    const jump = rampPoints(140, 0, 0).map((p) => ({ ...p, dfaAlpha1: p.heartRateBpm < 140 ? 1.2 : 0.4 }));
    expect(calibrateZoneFromDfa(jump)).toMatchObject({ ok: false, reason: 'too-few-fit-points' });
    const rising = rampPoints(140, 0, 0).map((p) => ({
      ...p,
      dfaAlpha1: 0.5 + (p.heartRateBpm - 110) / 100,
    }));
    expect(calibrateZoneFromDfa(rising)).toMatchObject({ ok: false, reason: 'unclear-crossing' });
  });

  test('refuses too few points and ignores invalid ones', () => {
    const points = rampPoints(140, 0, 0);
    expect(calibrateZoneFromDfa(points.slice(0, 3))).toMatchObject({ ok: false, reason: 'too-few-points' });
    const withJunk = [...points, { atMs: 0, heartRateBpm: Number.NaN, dfaAlpha1: 0.75, artifactPct: 0 }];
    const result = calibrateZoneFromDfa(withJunk);
    expect(result.ok && result.points.length).toBe(points.length);
  });
});

describe('calibration on the shared HRV vectors', () => {
  test('03, two real minutes at ~136 bpm with DFA-a1 about 1.01: easy running, so it never crosses 0.75', () => {
    const rr = rrOf('hrv/03_running_dfa_alpha1.json');
    const alpha = dfaAlpha1(rr) ?? Number.NaN;
    expect(alpha).toBeCloseTo(1.012452, 5);
    // Sliding 90-s windows (204 beats, every 17 beats) of the recording, each a point at its own mean heart rate.
    const points: DfaCalibrationPoint[] = [];
    for (let start = 0; start + 204 <= rr.length; start += 17) {
      const window = rr.slice(start, start + 204);
      const meanRr = window.reduce((a, b) => a + b, 0) / window.length;
      points.push({
        atMs: start,
        heartRateBpm: 60_000 / meanRr,
        dfaAlpha1: dfaAlpha1(window) ?? Number.NaN,
        artifactPct: 0,
      });
    }
    expect(points).toHaveLength(5);
    expect(points.every((p) => p.dfaAlpha1 > 0.8 && Math.abs(p.heartRateBpm - 136.3) < 3)).toBe(true);
    // A steady run also spans too little heart rate; with that check relaxed, DFA-a1 still never crosses.
    expect(calibrateZoneFromDfa(points)).toMatchObject({ ok: false, reason: 'hr-range-too-narrow' });
    expect(calibrateZoneFromDfa(points, { minHrRangeBpm: 0 })).toMatchObject({
      ok: false,
      reason: 'never-crosses',
      side: 'above',
    });
  });

  test('02, resting with injected artifacts: its 2.3 % pass the 5 % rule but not a 2 % one', () => {
    const rr = rrOf('hrv/02_resting_with_artifacts.json');
    const report = detectArtifacts(rr);
    const flagged = new Set([
      ...report.ectopic,
      ...report.long,
      ...report.short,
      ...report.missed,
      ...report.extra,
    ]);
    const artifactPct = (100 * flagged.size) / rr.length;
    expect(artifactPct).toBeCloseTo(7 / 3, 9);
    const points = rampPoints(140, 0, 0).map((p) => ({ ...p, artifactPct }));
    expect(calibrateZoneFromDfa(points).ok).toBe(true);
    expect(calibrateZoneFromDfa(points, { maxArtifactPct: 2 })).toMatchObject({
      ok: false,
      reason: 'too-many-artifacts',
      maxArtifactPct: artifactPct,
    });
  });
});

/**
 * RR of a gradually rising run: heart rate 110 -> 150 bpm over 40 minutes; beat-to-beat fluctuation an AR(1)
 * process (uniform innovations) whose coefficient falls linearly from 0.9 at 110 bpm to 0 at 150 bpm. AR(1)
 * with coefficient phi has a DFA-a1 that falls with phi (about 1.37 at 0.9, 0.6 for white noise on 2-minute
 * windows), so the run's DFA-a1 falls through 0.75 where phi is phi*, at 110 + 40 (0.9 - phi*) / 0.9 bpm.
 */
function risingRunRr(seed: number, artifactEvery = 0): { rrMs: number; atMs: number }[] {
  const next = random(seed);
  const beats: { rrMs: number; atMs: number }[] = [];
  const durationMs = 40 * 60_000;
  let t = 0;
  let x = 0;
  let n = 0;
  while (t < durationMs) {
    const hr = 110 + (40 * t) / durationMs;
    const phi = 0.9 - (0.9 * (hr - 110)) / 40;
    x = phi * x + (next() - 0.5) * Math.sqrt(12);
    let rr = 60_000 / hr + 4 * x;
    n++;
    // A missed beat: the strap reports two intervals as one.
    if (artifactEvery > 0 && n % artifactEvery === 0) rr *= 2;
    t += rr;
    beats.push({ rrMs: rr, atMs: t });
  }
  return beats;
}

/** Mean Kubios DFA-a1 of stationary AR(1) series of 270 beats (2 minutes at ~135 bpm) with coefficient phi. */
function meanAlphaOfAr(phi: number): number {
  let sum = 0;
  const runs = 100;
  for (let seed = 1; seed <= runs; seed++) {
    const next = random(seed * 7919);
    let x = 0;
    const rr: number[] = [];
    for (let i = 0; i < 270; i++) {
      x = phi * x + (next() - 0.5) * Math.sqrt(12);
      rr.push(445 + 4 * x);
    }
    sum += dfaAlpha1(rr) ?? Number.NaN;
  }
  return sum / runs;
}

describe('calibration end to end: RR through RollingHrv', () => {
  test('a synthetic rising run: the bound lands within 2 bpm of where DFA-a1 crosses 0.75', () => {
    // Where the generator's DFA-a1 is 0.75: bisect phi on its own mean curve (monotonic in phi).
    let lo = 0;
    let hi = 0.6;
    for (let i = 0; i < 12; i++) {
      const mid = (lo + hi) / 2;
      if (meanAlphaOfAr(mid) < 0.75) lo = mid;
      else hi = mid;
    }
    const crossingBpm = 110 + (40 * (0.9 - (lo + hi) / 2)) / 0.9;
    expect(crossingBpm).toBeGreaterThan(130);
    expect(crossingBpm).toBeLessThan(145);

    for (const seed of [1, 2, 3]) {
      const recorder = new DfaCalibrationRecorder();
      for (const beat of risingRunRr(seed)) recorder.addBeat(beat.rrMs, beat.atMs);
      const points = recorder.points;
      // One point every 20 s once 2 minutes have run: 38 minutes -> 114 or 115 points.
      expect(points.length).toBeGreaterThanOrEqual(113);
      expect(points.length).toBeLessThanOrEqual(115);
      const result = calibrateZoneFromDfa(points);
      expect(result.ok).toBe(true);
      if (result.ok) expect(Math.abs(result.thresholdHrBpm - crossingBpm)).toBeLessThan(2);
    }
  });

  test('the points pair DFA-a1 with the mean heart rate of the same 2 minutes', () => {
    const beats = risingRunRr(5);
    const recorder = new DfaCalibrationRecorder();
    for (const beat of beats) recorder.addBeat(beat.rrMs, beat.atMs);
    for (const point of recorder.points.slice(0, 20)) {
      const window = beats.filter((b) => b.atMs > point.atMs - 120_000 && b.atMs <= point.atMs);
      const meanRr = window.reduce((sum, b) => sum + b.rrMs, 0) / window.length;
      expect(point.heartRateBpm).toBeCloseTo(60_000 / meanRr, 6);
      // RollingHrv computes DFA-a1 on the artifact-corrected window.
      const corrected = correctArtifacts(window.map((b) => b.rrMs));
      expect(point.dfaAlpha1).toBeCloseTo(dfaAlpha1(corrected.rrMs) ?? Number.NaN, 9);
      const flagged = new Set(Object.values(corrected.report).flat());
      expect(point.artifactPct).toBeCloseTo((100 * flagged.size) / window.length, 9);
    }
  });

  test('a run with injected missed beats is refused for its artifacts', () => {
    const recorder = new DfaCalibrationRecorder();
    for (const beat of risingRunRr(1, 12)) recorder.addBeat(beat.rrMs, beat.atMs);
    const result = calibrateZoneFromDfa(recorder.points);
    expect(result).toMatchObject({ ok: false, reason: 'too-many-artifacts' });
    expect(!result.ok && result.maxArtifactPct).toBeGreaterThan(5);
  });
});
