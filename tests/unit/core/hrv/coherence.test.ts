import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { COHERENCE_MIN_SPAN_S, coherence } from '../../../../src/core/hrv/index';

function sineRhythm(durationS: number, meanMs: number, amplitudeMs: number, frequencyHz: number): number[] {
  const rr: number[] = [];
  let t = 0;
  while (t < durationS) {
    const value = meanMs + amplitudeMs * Math.sin(2 * Math.PI * frequencyHz * t);
    rr.push(value);
    t += value / 1000;
  }
  return rr;
}

function noisyRhythm(length: number, seed: number): number[] {
  let state = seed >>> 0;
  return Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return 800 + 80 * (state / 2 ** 32 - 0.5);
  });
}

describe('coherence', () => {
  test('6 breaths per minute: peak at 0.1 Hz and a ratio far above 1', () => {
    const result = coherence(sineRhythm(120, 900, 60, 0.1));
    expect(result).toBeDefined();
    expect(Math.abs((result?.peakHz ?? 0) - 0.1)).toBeLessThanOrEqual(0.002);
    expect(result?.ratio).toBeGreaterThan(5);
    expect(result?.peakPowerMs2).toBeLessThan(result?.totalPowerMs2 ?? 0);
  });

  test('an irregular rhythm has a ratio below 1', () => {
    expect(coherence(noisyRhythm(200, 9))?.ratio).toBeLessThan(1);
  });

  test('depends only on the last 64 s', () => {
    const tail = sineRhythm(90, 950, 40, 0.09);
    const a = coherence(tail);
    const b = coherence([...noisyRhythm(300, 4), ...tail]);
    expect(a).toBeDefined();
    expect(Math.abs((b?.ratio ?? 0) - (a?.ratio ?? 0))).toBeLessThanOrEqual(1e-9 * (a?.ratio ?? 1));
    expect(b?.peakHz).toBe(a?.peakHz);
  });

  test(`undefined when the beats cover less than ${COHERENCE_MIN_SPAN_S} s, or there is no variability`, () => {
    expect(coherence([])).toBeUndefined();
    expect(coherence(Array.from({ length: 70 }, () => 850))).toBeUndefined(); // 59.5 s
    expect(coherence(sineRhythm(59, 900, 50, 0.1))).toBeUndefined();
    expect(coherence(sineRhythm(61, 900, 50, 0.1))).toBeDefined();
    expect(coherence(Array.from({ length: 200 }, () => 850))).toBeUndefined();
  });

  test('the peak follows the breathing frequency anywhere in 0.06–0.24 Hz', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.06, max: 0.24, noNaN: true }),
        fc.double({ min: 20, max: 80, noNaN: true }),
        fc.double({ min: 600, max: 1100, noNaN: true }),
        (frequencyHz, amplitudeMs, meanMs) => {
          const result = coherence(sineRhythm(90, meanMs, amplitudeMs, frequencyHz));
          expect(Math.abs((result?.peakHz ?? 0) - frequencyHz)).toBeLessThanOrEqual(0.004);
          expect(result?.ratio).toBeGreaterThan(1);
        },
      ),
      { numRuns: 40 },
    );
  });
});
