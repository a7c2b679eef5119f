import { describe, expect, it } from 'vitest';
import { inZonePercent } from '../../../../src/core/session';

describe('inZonePercent', () => {
  it('is the in-zone share of the time with a reading, rounded to whole percent', () => {
    expect(inZonePercent({ below: 60_000, inZone: 180_000, above: 60_000 })).toBe(60);
    expect(inZonePercent({ below: 0, inZone: 2_000, above: 1_000 })).toBe(67);
    expect(inZonePercent({ below: 0, inZone: 0, above: 5_000 })).toBe(0);
  });

  it('says nothing when no time had a reading', () => {
    expect(inZonePercent({ below: 0, inZone: 0, above: 0 })).toBeUndefined();
  });
});
