import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  coherence,
  correctArtifacts,
  detectArtifacts,
  dfaAlpha1,
  frequencyDomain,
  RollingHrv,
  timeDomain,
  type DfaMethod,
} from '../../../../src/core/hrv/index';

const METHODS: readonly DfaMethod[] = ['kubios', 'fatmaxxer', 'fatmaxxer-v1'];

/** Undefined, or an object/number whose every numeric field is finite. */
function expectFiniteOrUndefined(value: unknown, label: string): void {
  if (value === undefined) return;
  if (typeof value === 'number') {
    expect(Number.isFinite(value), `${label} = ${value}`).toBe(true);
    return;
  }
  expect(typeof value, label).toBe('object');
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    if (field === undefined) continue;
    if (typeof field !== 'number') throw new Error(`${label}.${key} is not a number`);
    expect(Number.isFinite(field), `${label}.${key} = ${field}`).toBe(true);
  }
}

function checkEveryMetric(rrMs: number[]): void {
  expectFiniteOrUndefined(timeDomain(rrMs), 'timeDomain');
  expectFiniteOrUndefined(frequencyDomain(rrMs), 'frequencyDomain');
  expectFiniteOrUndefined(coherence(rrMs), 'coherence');
  for (const method of METHODS) expectFiniteOrUndefined(dfaAlpha1(rrMs, { method }), `dfaAlpha1 ${method}`);
  const report = detectArtifacts(rrMs);
  for (const indices of Object.values(report)) {
    for (const index of indices) {
      expect(Number.isInteger(index) && index >= 0 && index < rrMs.length).toBe(true);
    }
  }
  const corrected = correctArtifacts(rrMs);
  for (const value of corrected.rrMs) expect(Number.isFinite(value) && value > 0).toBe(true);
  expect(corrected.report).toEqual(report);
}

/** Any finite positive double, tiny to huge. */
const anyPositive = fc.double({
  min: Number.MIN_VALUE,
  max: Number.MAX_VALUE,
  noNaN: true,
  noDefaultInfinity: true,
});
const physiological = fc.double({ min: 200, max: 2500, noNaN: true });
const anything = fc.oneof(
  physiological,
  anyPositive,
  fc.constantFrom(0, -1, -800, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0),
);

describe('no metric returns NaN or throws', () => {
  test('for every short series of 0 to 5 beats', () => {
    for (let length = 0; length <= 5; length++) {
      checkEveryMetric(Array.from({ length }, (_, i) => 800 + 10 * i));
      checkEveryMetric(Array.from({ length }, () => 800));
    }
  });

  test('for physiological series of any length', () => {
    fc.assert(fc.property(fc.array(physiological, { maxLength: 500 }), checkEveryMetric), { numRuns: 60 });
  });

  test('for any finite positive values, tiny or huge', () => {
    fc.assert(fc.property(fc.array(anyPositive, { maxLength: 200 }), checkEveryMetric), { numRuns: 100 });
  });

  test('for huge but uniform magnitudes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 2, noNaN: true }), { minLength: 20, maxLength: 200 }),
        fc.constantFrom(1e-300, 1e-20, 1e20, 1e150, 1e300, Number.MAX_VALUE / 4),
        (shape, magnitude) => {
          checkEveryMetric(shape.map((v) => v * magnitude));
        },
      ),
      { numRuns: 60 },
    );
  });

  test('for constant series of any length and value', () => {
    fc.assert(
      fc.property(anyPositive, fc.nat({ max: 400 }), (value, length) => {
        checkEveryMetric(Array.from({ length }, () => value));
      }),
      { numRuns: 60 },
    );
    for (const method of METHODS)
      expect(
        dfaAlpha1(
          Array.from({ length: 300 }, () => 800),
          { method },
        ),
      ).toBeUndefined();
  });

  test('for series mixing invalid values (which are dropped)', () => {
    fc.assert(fc.property(fc.array(anything, { maxLength: 300 }), checkEveryMetric), { numRuns: 80 });
  });

  test('RollingHrv for any stream of beats and receive times', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(anything, fc.oneof(fc.double({ min: -5_000, max: 60_000, noNaN: true }), anything)),
          {
            maxLength: 400,
          },
        ),
        (beats) => {
          const rolling = new RollingHrv({ capacity: 64 });
          let t = 0;
          for (const [rrMs, step] of beats) {
            t += Number.isFinite(step) ? step : 0;
            rolling.addBeat(rrMs, Number.isFinite(step) ? t : step);
            const snapshot = rolling.snapshot();
            expectFiniteOrUndefined(snapshot, 'snapshot');
            expect(rolling.bufferedBeats).toBeLessThanOrEqual(64);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
