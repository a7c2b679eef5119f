import { describe, expect, test } from 'vitest';
import {
  defaultCalmZone,
  effectiveMaxHr,
  fixedZone,
  tanakaMaxHr,
  zoneFromHeartRateReserve,
  zoneFromPercentMax,
  type RunnerProfile,
} from '../../../../src/core/zones/index';

const base: RunnerProfile = { id: 'r1', name: 'Sam', maxHrSource: 'tanaka' };

describe('tanakaMaxHr', () => {
  test('is 208 - 0.7 x age, unrounded', () => {
    expect(tanakaMaxHr(40)).toBeCloseTo(180, 12);
    expect(tanakaMaxHr(35)).toBeCloseTo(183.5, 12);
    expect(tanakaMaxHr(20)).toBeCloseTo(194, 12);
    expect(tanakaMaxHr(60)).toBeCloseTo(166, 12);
  });

  test('refuses ages that are not ages', () => {
    expect(() => tanakaMaxHr(0)).toThrow(RangeError);
    expect(() => tanakaMaxHr(Number.NaN)).toThrow(RangeError);
    expect(() => tanakaMaxHr(150)).toThrow(RangeError);
  });
});

describe('zone models (hand-computed)', () => {
  test('percent of max: 65-75 % of 180 is 117-135', () => {
    expect(zoneFromPercentMax(180, 65, 75)).toEqual({ lowBpm: 117, highBpm: 135, method: 'percent-max' });
  });

  test('percent of max rounds each bound to the nearest bpm', () => {
    // 183.5 x 0.65 = 119.275 -> 119; 183.5 x 0.75 = 137.625 -> 138.
    expect(zoneFromPercentMax(183.5, 65, 75)).toEqual({ lowBpm: 119, highBpm: 138, method: 'percent-max' });
  });

  test('Karvonen: 60 + 50 % and 65 % of (180 - 60) is 120-138', () => {
    expect(zoneFromHeartRateReserve(60, 180, 50, 65)).toEqual({
      lowBpm: 120,
      highBpm: 138,
      method: 'percent-reserve',
    });
  });

  test('Karvonen with a fractional maximum: 55 + 0.5 x 128.5 = 119.25, 55 + 0.65 x 128.5 = 138.525', () => {
    expect(zoneFromHeartRateReserve(55, 183.5, 50, 65)).toEqual({
      lowBpm: 119,
      highBpm: 139,
      method: 'percent-reserve',
    });
  });

  test('fixed bounds are whole bpm', () => {
    expect(fixedZone(118.4, 136.6)).toEqual({ lowBpm: 118, highBpm: 137, method: 'fixed' });
  });

  test('invalid arguments throw', () => {
    expect(() => zoneFromPercentMax(180, 75, 65)).toThrow(RangeError);
    expect(() => zoneFromPercentMax(180, 65, 120)).toThrow(RangeError);
    expect(() => zoneFromHeartRateReserve(180, 170, 50, 65)).toThrow(RangeError);
    expect(() => zoneFromHeartRateReserve(60, Number.POSITIVE_INFINITY, 50, 65)).toThrow(RangeError);
    expect(() => fixedZone(140, 120)).toThrow(RangeError);
  });
});

describe('defaultCalmZone', () => {
  test('with resting HR: 50-65 % of the reserve, the maximum from Tanaka when only the age is known', () => {
    const result = defaultCalmZone({ ...base, ageYears: 40, restingHrBpm: 60 });
    expect(result).toEqual({
      ok: true,
      zone: { lowBpm: 120, highBpm: 138, method: 'percent-reserve' },
      basis: { restingHrBpm: 60, maxHrBpm: 180, maxHrSource: 'tanaka' },
    });
  });

  test('without resting HR: 65-75 % of the Tanaka maximum', () => {
    const result = defaultCalmZone({ ...base, ageYears: 40 });
    expect(result).toEqual({
      ok: true,
      zone: { lowBpm: 117, highBpm: 135, method: 'percent-max' },
      basis: { maxHrBpm: 180, maxHrSource: 'tanaka' },
    });
  });

  test('a measured maximum wins over the age', () => {
    const profile: RunnerProfile = {
      ...base,
      ageYears: 40,
      restingHrBpm: 50,
      maxHrBpm: 190,
      maxHrSource: 'measured',
    };
    // 50 + 0.5 x 140 = 120; 50 + 0.65 x 140 = 141.
    expect(defaultCalmZone(profile)).toMatchObject({
      ok: true,
      zone: { lowBpm: 120, highBpm: 141, method: 'percent-reserve' },
      basis: { maxHrSource: 'measured' },
    });
    expect(effectiveMaxHr(profile)).toEqual({ maxHrBpm: 190, source: 'measured' });
  });

  test('half bpm rounds up: 65 % and 75 % of 170 are 110.5 and 127.5', () => {
    expect(defaultCalmZone({ ...base, maxHrBpm: 170, maxHrSource: 'measured' })).toMatchObject({
      zone: { lowBpm: 111, highBpm: 128, method: 'percent-max' },
    });
  });

  test('a resting HR not below the maximum is treated as unknown', () => {
    expect(defaultCalmZone({ ...base, ageYears: 40, restingHrBpm: 185 })).toMatchObject({
      zone: { method: 'percent-max' },
    });
  });

  test('refuses without a maximum or an age', () => {
    expect(defaultCalmZone({ ...base, restingHrBpm: 60 })).toEqual({ ok: false, reason: 'no-max-hr-or-age' });
  });
});
