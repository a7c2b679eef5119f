import { describe, expect, it } from 'vitest';
import { correctArtifacts, msPerRrUnit } from '../../../../src/core';
import type { SessionSample } from '../../../../src/core/session';
import { correctSessionBeats, sessionBeats } from '../../../../src/core/session/session-beats';
import { simulatedSamples } from './support/simulated-run';
import { defined } from './support/defined';

describe('sessionBeats', () => {
  it('lists the valid RR in ms and where each sample starts', () => {
    const samples: SessionSample[] = [
      { elapsedMs: 0, heartRateBpm: 60, sensorContact: 'contact', rrIntervals1024: [1024, 0, 512] },
      { elapsedMs: 1000, heartRateBpm: null, sensorContact: 'no-contact', rrIntervals1024: [] },
      { elapsedMs: 2000, heartRateBpm: 60, sensorContact: 'contact', rrIntervals1024: [1000] },
    ];
    const beats = sessionBeats(samples);
    expect(beats.rrMs).toEqual([1000, 500, 1000 * msPerRrUnit]);
    expect(Array.from(beats.beatStart)).toEqual([0, 2, 2, 3]);
  });
});

describe('correctSessionBeats', () => {
  // A steady series, then the strap misses a beat in sample 50 and splits one in two in sample 120.
  const samples = simulatedSamples({ bpm: 100, durationS: 200, jitterMs: 10, seed: 2 });
  const missedAt = samples.findIndex((s, i) => i >= 50 && s.rrIntervals1024.length >= 2);
  const extraAt = 120;
  const [m0 = 0, m1 = 0, ...mRest] = defined(samples[missedAt]).rrIntervals1024;
  samples[missedAt] = { ...defined(samples[missedAt]), rrIntervals1024: [m0 + m1, ...mRest] };
  const [e0 = 0, ...eRest] = defined(samples[extraAt]).rrIntervals1024;
  const short = Math.round(e0 * 0.3);
  samples[extraAt] = { ...defined(samples[extraAt]), rrIntervals1024: [short, e0 - short, ...eRest] };
  const raw = sessionBeats(samples);
  const corrected = correctSessionBeats(raw);

  it('finds exactly the injected missed and extra beat (precondition)', () => {
    expect(missedAt).toBeGreaterThan(0);
    expect(corrected.report.missed).toEqual([raw.beatStart[missedAt]]);
    expect(corrected.report.extra).toEqual([raw.beatStart[extraAt]]);
    expect(corrected.rrMs).toEqual(correctArtifacts(raw.rrMs).rrMs);
  });

  it('locates every corrected interval by sample: one more in the missed beat’s, one fewer in the extra’s', () => {
    expect(corrected.located).toBe(true);
    const count = (beats: { beatStart: Int32Array }, i: number) =>
      (beats.beatStart[i + 1] ?? 0) - (beats.beatStart[i] ?? 0);
    for (let i = 0; i < samples.length; i++) {
      const expected = count(raw, i) + (i === missedAt ? 1 : 0) - (i === extraAt ? 1 : 0);
      expect(count(corrected, i), `sample ${i}`).toBe(expected);
      // Away from the artifacts nothing is interpolated: the intervals are the raw ones, so the slices line up.
      if (Math.abs(i - missedAt) > 3 && Math.abs(i - extraAt) > 3) {
        const slice = (beats: { rrMs: number[]; beatStart: Int32Array }) =>
          beats.rrMs.slice(beats.beatStart[i] ?? 0, beats.beatStart[i + 1] ?? 0);
        expect(slice(corrected), `sample ${i}`).toEqual(slice(raw));
      }
    }
    expect(corrected.beatStart.at(-1)).toBe(corrected.rrMs.length);
  });

  it('splits the missed beat in halves and folds the extra one into the next', () => {
    const at = (i: number) =>
      corrected.rrMs.slice(corrected.beatStart[i] ?? 0, corrected.beatStart[i + 1] ?? 0);
    const [half1, half2] = at(missedAt);
    expect(half1).toBeCloseTo(((m0 + m1) * msPerRrUnit) / 2, 9);
    expect(half2).toBeCloseTo(((m0 + m1) * msPerRrUnit) / 2, 9);
    // The folded interval is whole again (its second part, also flagged short, is then interpolated).
    expect(Math.abs((at(extraAt)[0] ?? 0) - e0 * msPerRrUnit)).toBeLessThan(0.1 * e0 * msPerRrUnit);
  });
});
