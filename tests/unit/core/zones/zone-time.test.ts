import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { inZonePercent, timeInZoneOf, zoneTimePercents } from '../../../../src/core/zones/index';

describe('the percentage in zone', () => {
  test('is the share of the time with a reading, rounded to a whole percent', () => {
    expect(inZonePercent({ below: 60_000, inZone: 480_000, above: 60_000 })).toBe(80);
    expect(inZonePercent({ below: 0, inZone: 2, above: 1 })).toBe(67);
    expect(zoneTimePercents({ below: 1, inZone: 2, above: 0 })).toEqual({ below: 33, inZone: 67, above: 0 });
  });

  test('has no value without time with a reading', () => {
    expect(inZonePercent({ below: 0, inZone: 0, above: 0 })).toBeUndefined();
    expect(zoneTimePercents({ below: 0, inZone: 0, above: 0 })).toBeUndefined();
  });

  test('leaves the time without a reading out of the live times', () => {
    const time = timeInZoneOf({ belowMs: 1000, inMs: 3000, aboveMs: 0, noReadingMs: 60_000 });
    expect(time).toEqual({ below: 1000, inZone: 3000, above: 0 });
    expect(inZonePercent(time)).toBe(75);
  });

  test('lies between 0 and 100, within half a percent of the exact share', () => {
    const ms = fc.integer({ min: 0, max: 10_000_000 });
    fc.assert(
      fc.property(ms, ms, ms, (below, inZone, above) => {
        const percent = inZonePercent({ below, inZone, above });
        if (below + inZone + above === 0) {
          expect(percent).toBeUndefined();
          return;
        }
        expect(percent).toBeGreaterThanOrEqual(0);
        expect(percent).toBeLessThanOrEqual(100);
        expect(Math.abs((percent ?? 0) - (100 * inZone) / (below + inZone + above))).toBeLessThanOrEqual(0.5);
      }),
    );
  });
});
