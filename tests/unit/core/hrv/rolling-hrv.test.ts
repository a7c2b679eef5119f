import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  coherence,
  correctArtifacts,
  detectArtifacts,
  dfaAlpha1,
  RollingHrv,
  timeDomain,
} from '../../../../src/core/hrv/index';

const vectorDir = resolve(import.meta.dirname, '../../../../../shared/vectors/hrv');

function loadRr(file: string): number[] {
  const data = JSON.parse(readFileSync(resolve(vectorDir, file), 'utf8')) as { rr_ms: number[] };
  return data.rr_ms;
}

/** Receive times when each beat arrives as it ends: the running sum of RR. */
function beatTimes(rrMs: readonly number[]): number[] {
  let t = 0;
  return rrMs.map((rr) => (t += rr));
}

/** The beats received in (now − windowMs, now]. */
function windowOf(
  rrMs: readonly number[],
  times: readonly number[],
  last: number,
  windowMs: number,
): number[] {
  const now = times[last] ?? 0;
  const out: number[] = [];
  for (let i = 0; i <= last; i++) if ((times[i] ?? 0) > now - windowMs) out.push(rrMs[i] ?? 0);
  return out;
}

/** A seeded rhythm with a 0.1 Hz oscillation and some noise. */
function syntheticRr(length: number, seed: number): number[] {
  let state = seed >>> 0;
  let t = 0;
  return Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const rr = 700 + 40 * Math.sin(2 * Math.PI * 0.1 * t) + 30 * (state / 2 ** 32 - 0.5);
    t += rr / 1000;
    return rr;
  });
}

describe('RollingHrv', () => {
  test('RMSSD is that of the beats received in the last 60 s, at every beat', () => {
    const rr = loadRr('04_paced_breathing_coherence.json');
    const times = beatTimes(rr);
    const rolling = new RollingHrv();
    rr.forEach((value, i) => {
      rolling.addBeat(value, times[i] ?? 0);
      const window = windowOf(rr, times, i, 60_000);
      const expected = window.length >= 3 ? timeDomain(window)?.rmssdMs : undefined;
      if (expected === undefined) expect(rolling.rmssdMs).toBeUndefined();
      else expect(Math.abs((rolling.rmssdMs ?? Number.NaN) - expected)).toBeLessThanOrEqual(1e-9);
    });
  });

  test('artifact percentage is detectArtifacts on the last 2 minutes', () => {
    const rr = loadRr('02_resting_with_artifacts.json');
    const times = beatTimes(rr);
    const rolling = new RollingHrv({ artifactIntervalMs: 1 });
    let sawArtifacts = false;
    rr.forEach((value, i) => {
      rolling.addBeat(value, times[i] ?? 0);
      const window = windowOf(rr, times, i, 120_000);
      const report = detectArtifacts(window);
      const flagged = new Set([
        ...report.ectopic,
        ...report.long,
        ...report.short,
        ...report.missed,
        ...report.extra,
      ]);
      const expected = window.length >= 3 ? (100 * flagged.size) / window.length : undefined;
      if (expected !== undefined && expected > 0) sawArtifacts = true;
      expect(rolling.artifactPct).toBe(expected);
    });
    expect(sawArtifacts).toBe(true);
  });

  test('DFA-a1 is that of the corrected last 2 minutes, once 2 minutes have been received', () => {
    const rr = loadRr('02_resting_with_artifacts.json');
    const times = beatTimes(rr);
    const rolling = new RollingHrv({ dfaIntervalMs: 1 });
    rr.forEach((value, i) => {
      rolling.addBeat(value, times[i] ?? 0);
      if ((times[i] ?? 0) < 120_000) {
        expect(rolling.dfaAlpha1).toBeUndefined();
        return;
      }
      const expected = dfaAlpha1(correctArtifacts(windowOf(rr, times, i, 120_000)).rrMs);
      expect(expected).toBeTypeOf('number');
      expect(Math.abs((rolling.dfaAlpha1 ?? Number.NaN) - (expected ?? 0))).toBeLessThanOrEqual(1e-12);
    });
  });

  test('DFA-a1 is recomputed every 20 s and coherence every 5 s, from the beats received so far', () => {
    const rr = syntheticRr(900, 5); // about 10.5 minutes
    const times = beatTimes(rr);
    const rolling = new RollingHrv({ dfaMethod: 'fatmaxxer' });
    let dfaUpdates = 0;
    let coherenceUpdates = 0;
    let lastDfa: number | undefined;
    let lastCoherence: number | undefined;
    let lastDfaAt = Number.NEGATIVE_INFINITY;
    let lastCoherenceAt = Number.NEGATIVE_INFINITY;
    rr.forEach((value, i) => {
      const now = times[i] ?? 0;
      rolling.addBeat(value, now);
      const snapshot = rolling.snapshot();
      if (snapshot.dfaAlpha1 !== lastDfa) {
        dfaUpdates++;
        // On a 20-s grid, each at the first beat at or after its due time (beats here are under 1 s).
        expect(now - lastDfaAt).toBeGreaterThan(19_000);
        const expected = dfaAlpha1(correctArtifacts(windowOf(rr, times, i, 120_000)).rrMs, {
          method: 'fatmaxxer',
        });
        expect(snapshot.dfaAlpha1).toBe(expected);
        lastDfa = snapshot.dfaAlpha1;
        lastDfaAt = now;
      }
      if (snapshot.coherenceRatio !== lastCoherence) {
        coherenceUpdates++;
        expect(now - lastCoherenceAt).toBeGreaterThan(4_000);
        const expected = coherence(rr.slice(0, i + 1))?.ratio ?? Number.NaN;
        expect(Math.abs((snapshot.coherenceRatio ?? Number.NaN) - expected)).toBeLessThanOrEqual(
          1e-9 * expected,
        );
        lastCoherence = snapshot.coherenceRatio;
        lastCoherenceAt = now;
      }
    });
    const durationS = (times[times.length - 1] ?? 0) / 1000;
    expect(dfaUpdates).toBeGreaterThanOrEqual(Math.floor((durationS - 120) / 20) - 1);
    expect(dfaUpdates).toBeLessThanOrEqual(Math.floor((durationS - 120) / 20) + 1);
    expect(coherenceUpdates).toBeGreaterThanOrEqual(Math.floor((durationS - 60) / 5) - 1);
    expect(coherenceUpdates).toBeLessThanOrEqual(Math.floor((durationS - 60) / 5) + 2);
  });

  test('memory stays bounded over a 3-hour run of 25,000 beats', () => {
    const rolling = new RollingHrv();
    const rr = syntheticRr(25_000, 7);
    let t = 0;
    let maxBuffered = 0;
    for (const value of rr) {
      t += value;
      rolling.addBeat(value, t);
      rolling.snapshot();
      maxBuffered = Math.max(maxBuffered, rolling.bufferedBeats);
    }
    expect(maxBuffered).toBeLessThanOrEqual(600);
    const snapshot = rolling.snapshot();
    expect(snapshot.rmssdMs).toBeTypeOf('number');
    expect(snapshot.dfaAlpha1).toBeTypeOf('number');
    expect(snapshot.coherenceRatio).toBeTypeOf('number');
    expect(snapshot.beatsInWindow).toBeGreaterThan(150);
  });

  test('a gap in receive time starts the series again instead of joining beats across the hole', () => {
    const rr = syntheticRr(300, 11);
    const rolling = new RollingHrv();
    let t = 0;
    for (const value of rr) rolling.addBeat(value, (t += value));
    expect(rolling.snapshot().dfaAlpha1).toBeTypeOf('number');
    t += 30_000;
    rolling.addBeat(700, t);
    expect(rolling.bufferedBeats).toBe(1);
    expect(rolling.snapshot()).toEqual({
      rmssdMs: undefined,
      artifactPct: undefined,
      dfaAlpha1: undefined,
      coherenceRatio: undefined,
      beatsInWindow: 1,
    });
    rolling.addBeat(710, t + 710);
    rolling.addBeat(690, t + 1400);
    expect(rolling.rmssdMs).toBeCloseTo(Math.sqrt((10 * 10 + 20 * 20) / 2), 9);
  });

  test('a silent strap makes the snapshot empty once nowMs passes the gap limit', () => {
    const rolling = new RollingHrv({ gapResetMs: 5_000 });
    let t = 0;
    for (const value of syntheticRr(200, 3)) rolling.addBeat(value, (t += value));
    expect(rolling.snapshot(t + 1_000).rmssdMs).toBeTypeOf('number');
    expect(rolling.snapshot(t + 6_000)).toEqual({ beatsInWindow: 0 });
  });

  test('invalid beats are ignored and out-of-order receive times do not break it', () => {
    const rolling = new RollingHrv();
    expect(rolling.snapshot()).toMatchObject({ beatsInWindow: 0, rmssdMs: undefined });
    expect(rolling.addBeat(Number.NaN, 1000)).toBe(false);
    expect(rolling.addBeat(-800, 1000)).toBe(false);
    expect(rolling.addBeat(0, 1000)).toBe(false);
    expect(rolling.addBeat(800, Number.POSITIVE_INFINITY)).toBe(false);
    expect(rolling.bufferedBeats).toBe(0);
    expect(rolling.addBeat(800, 1000)).toBe(true);
    expect(rolling.addBeat(820, 900)).toBe(true);
    expect(rolling.addBeat(790, 900)).toBe(true);
    expect(rolling.rmssdMs).toBeCloseTo(Math.sqrt((20 * 20 + 30 * 30) / 2), 9);
    expect(rolling.beatsInWindow).toBe(3);
  });

  test('reset forgets everything', () => {
    const rolling = new RollingHrv();
    let t = 0;
    for (const value of syntheticRr(300, 2)) rolling.addBeat(value, (t += value));
    rolling.reset();
    expect(rolling.bufferedBeats).toBe(0);
    expect(rolling.snapshot()).toMatchObject({
      beatsInWindow: 0,
      dfaAlpha1: undefined,
      coherenceRatio: undefined,
    });
  });
});
