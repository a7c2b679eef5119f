import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DFA_MIN_BEATS, dfaAlpha1, type DfaMethod } from '../../../../src/core/hrv/index';

const METHODS: readonly DfaMethod[] = ['kubios', 'fatmaxxer', 'fatmaxxer-v1'];

/** Seeded standard normal samples (LCG + Box-Muller). */
function gaussian(length: number, seed: number): number[] {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 1) / (2 ** 32 + 1);
  };
  return Array.from(
    { length },
    () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()),
  );
}

const varyingRr = fc
  .array(fc.double({ min: 300, max: 1500, noNaN: true }), { minLength: 16, maxLength: 400 })
  .filter((rr) => rr.some((v) => Math.abs(v - (rr[0] ?? 0)) > 1));

describe('dfaAlpha1', () => {
  test("defaults to the 'kubios' method", () => {
    const rr = gaussian(300, 1).map((z) => 800 + 30 * z);
    expect(dfaAlpha1(rr)).toBe(dfaAlpha1(rr, { method: 'kubios' }));
    expect(dfaAlpha1(rr)).not.toBe(dfaAlpha1(rr, { method: 'fatmaxxer' }));
  });

  test.each(METHODS)('%s: undefined below its minimum beat count, defined from it', (method) => {
    const rr = gaussian(40, 2).map((z) => 800 + 30 * z);
    const minimum = DFA_MIN_BEATS[method];
    expect(dfaAlpha1(rr.slice(0, minimum - 1), { method })).toBeUndefined();
    expect(dfaAlpha1(rr.slice(0, minimum), { method })).toBeTypeOf('number');
    expect(dfaAlpha1([], { method })).toBeUndefined();
  });

  test.each(METHODS)('%s: a constant series has no α1', (method) => {
    expect(
      dfaAlpha1(
        Array.from({ length: 300 }, () => 640),
        { method },
      ),
    ).toBeUndefined();
  });

  test('white noise gives α1 near 0.5 and its running sum (Brownian motion) near 1.5 (Peng 1995)', () => {
    const noise = gaussian(4000, 3);
    const white = noise.map((z) => 800 + 20 * z);
    let walk = 0;
    const brown = noise.map((z) => {
      walk += z;
      return 800 + 5 * walk;
    });
    const whiteAlpha = dfaAlpha1(white) ?? Number.NaN;
    const brownAlpha = dfaAlpha1(brown) ?? Number.NaN;
    expect(whiteAlpha).toBeGreaterThan(0.4);
    expect(whiteAlpha).toBeLessThan(0.6);
    expect(brownAlpha).toBeGreaterThan(1.35);
    expect(brownAlpha).toBeLessThan(1.65);
  });

  test.each(METHODS)('%s: unchanged by scaling the series', (method) => {
    fc.assert(
      fc.property(varyingRr, fc.double({ min: 0.01, max: 100, noNaN: true }), (rr, factor) => {
        const base = dfaAlpha1(rr, { method });
        const scaled = dfaAlpha1(
          rr.map((v) => v * factor),
          { method },
        );
        if (base === undefined) {
          expect(scaled).toBeUndefined();
          return;
        }
        expect(Math.abs((scaled ?? Number.NaN) - base)).toBeLessThanOrEqual(1e-6);
      }),
      { numRuns: 60 },
    );
  });

  test.each(METHODS)('%s: unchanged by offsetting the series', (method) => {
    fc.assert(
      fc.property(varyingRr, fc.double({ min: -250, max: 5000, noNaN: true }), (rr, offset) => {
        const base = dfaAlpha1(rr, { method });
        const shifted = dfaAlpha1(
          rr.map((v) => v + offset),
          { method },
        );
        if (base === undefined) return;
        expect(Math.abs((shifted ?? Number.NaN) - base)).toBeLessThanOrEqual(1e-6);
      }),
      { numRuns: 60 },
    );
  });

  test('invalid RR values are dropped', () => {
    const rr = gaussian(200, 4).map((z) => 700 + 25 * z);
    const dirty = [...rr.slice(0, 50), Number.NaN, 0, -700, ...rr.slice(50), Number.POSITIVE_INFINITY];
    expect(dfaAlpha1(dirty)).toBe(dfaAlpha1(rr));
  });
});
