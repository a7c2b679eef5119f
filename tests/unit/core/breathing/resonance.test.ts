import { describe, expect, it } from 'vitest';
import {
  analyseResonanceBlock,
  chooseResonanceRate,
  coherenceEvery5s,
  heartRateSwingBpm,
  RESONANCE_RATES,
  type ResonanceBlockResult,
} from '../../../../src/core/breathing';
import { coherence } from '../../../../src/core';
import { readSharedVector } from '../../support/shared-vectors';
import { breathingRr } from './strap-packets';

interface Vector04 {
  rr_ms: number[];
  expected: {
    coherence_last64s: { coherence_ratio: number };
    coherence_every5s_from_64s: { beats_used_upto_index_exclusive: number; coherence_ratio: number }[];
  };
}

describe('coherenceEvery5s', () => {
  const vector = readSharedVector('hrv/04_paced_breathing_coherence.json') as Vector04;

  it('evaluates the HRV core’s coherence on the same 5-s grid and the same beats as shared vector 04', () => {
    const points = coherenceEvery5s(vector.rr_ms);
    const expected = vector.expected.coherence_every5s_from_64s;
    expect(points.map((point) => point.upTo)).toEqual(
      expected.map((step) => step.beats_used_upto_index_exclusive),
    );
    for (const [i, point] of points.entries()) {
      expect(point.ratio).toBe(coherence(vector.rr_ms.slice(0, point.upTo))?.ratio);
      expect(Math.abs(point.ratio / (expected[i]?.coherence_ratio ?? 0) - 1)).toBeLessThanOrEqual(0.02);
    }
  });

  it('gives nothing before 64 s of beats', () => {
    expect(coherenceEvery5s(vector.rr_ms.slice(0, 60))).toEqual([]);
  });
});

describe('heartRateSwingBpm', () => {
  it('averages max − min heart rate over whole breaths', () => {
    // 1000 ms ± 100 ms: 60000/900 − 60000/1100 ≈ 12.1 bpm per breath.
    const rr = breathingRr({
      durationS: 120,
      breathsPerMinute: 6,
      amplitudeMs: 100,
      noiseMs: 0,
      meanMs: 1000,
    });
    const swing = heartRateSwingBpm(rr, 6) ?? 0;
    expect(swing).toBeGreaterThan(11);
    expect(swing).toBeLessThan(12.2);
    expect(heartRateSwingBpm(rr.slice(0, 5), 6)).toBeUndefined();
    const flat = Array.from({ length: 200 }, () => 1000);
    expect(heartRateSwingBpm(flat, 6)).toBe(0);
  });
});

describe('the resonance choice', () => {
  it('picks the block with the highest mean coherence', () => {
    // The same noise at every rate, a breathing swing largest at 5.5 a minute: coherence is best there.
    const amplitude: Record<number, number> = { 6.5: 15, 6: 25, 5.5: 60, 5: 30, 4.5: 20 };
    const blocks = RESONANCE_RATES.map((rate, i) =>
      analyseResonanceBlock(
        rate,
        breathingRr({
          durationS: 120,
          breathsPerMinute: rate,
          amplitudeMs: amplitude[rate] ?? 0,
          noiseMs: 40,
          seed: i + 3,
        }),
      ),
    );
    for (const block of blocks) expect(block.coherencePoints).toBeGreaterThanOrEqual(10);
    expect(chooseResonanceRate(blocks)?.ratePerMinute).toBe(5.5);
  });

  const block = (
    rate: number,
    meanCoherence: number | undefined,
    swing: number | undefined,
    artifactPct = 0,
  ) =>
    ({
      ratePerMinute: rate,
      meanCoherence,
      coherencePoints: meanCoherence === undefined ? 0 : 11,
      heartRateSwingBpm: swing,
      artifactPct,
    }) satisfies ResonanceBlockResult;

  it('breaks a tie (within 10 % of the best) by the larger heart-rate swing', () => {
    const blocks = [
      block(6.5, 4, 8),
      block(6, 5, 9),
      block(5.5, 4.6, 14),
      block(5, 3, 20),
      block(4.5, undefined, 30),
    ];
    expect(chooseResonanceRate(blocks)?.ratePerMinute).toBe(5.5);
    expect(chooseResonanceRate([block(6, 5, 9), block(5.5, 4.4, 14)])?.ratePerMinute).toBe(6);
    // An exact tie on both: the rate nearer six.
    expect(chooseResonanceRate([block(4.5, 5, 9), block(6.5, 5, 9)])?.ratePerMinute).toBe(6.5);
  });

  it('leaves out blocks without coherence or with too many artifacts, and offers nothing when none is usable', () => {
    expect(chooseResonanceRate([block(6, 9, 20, 12), block(5, 3, 5, 1)], 5)?.ratePerMinute).toBe(5);
    expect(chooseResonanceRate([block(6, undefined, 20)])).toBeUndefined();
    expect(chooseResonanceRate([])).toBeUndefined();
  });

  it('reports each block’s artifact share from the HRV core’s detection', () => {
    const rr = breathingRr({ durationS: 120, breathsPerMinute: 6, amplitudeMs: 40, noiseMs: 5 });
    expect(analyseResonanceBlock(6, rr).artifactPct).toBe(0);
    const withMissed = [...rr];
    for (let i = 20; i < withMissed.length - 1; i += 15)
      withMissed.splice(i, 2, (withMissed[i] ?? 0) + (withMissed[i + 1] ?? 0));
    expect(analyseResonanceBlock(6, withMissed).artifactPct).toBeGreaterThan(5);
  });
});
