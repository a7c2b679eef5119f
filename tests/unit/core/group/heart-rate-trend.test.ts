import { describe, expect, it } from 'vitest';
import { heartRateTrend } from '../../../../src/core/group/heart-rate-trend';

describe('heartRateTrend', () => {
  it('says rising, steady or falling at the 5-bpm threshold', () => {
    expect(heartRateTrend(130, 135)).toBe('rising');
    expect(heartRateTrend(130, 134)).toBe('steady');
    expect(heartRateTrend(130, 126)).toBe('steady');
    expect(heartRateTrend(130, 125)).toBe('falling');
  });

  it('says nothing without a reading then or now', () => {
    expect(heartRateTrend(undefined, 130)).toBeUndefined();
    expect(heartRateTrend(null, 130)).toBeUndefined();
    expect(heartRateTrend(130, null)).toBeUndefined();
  });
});
