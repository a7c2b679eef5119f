import { describe, expect, it } from 'vitest';
import {
  coherenceAxisMinTop,
  coherenceBars,
  coherenceLevelLines,
  waveWindowS,
} from '../../../src/app/breathing-display';
import { coherenceLevel } from '../../../src/core/breathing/coherence-level';

describe('breathing display', () => {
  it('shows a level as one, two or three filled bars of three', () => {
    const filled = (level: 'low' | 'medium' | 'high') =>
      coherenceBars(level).map((bar) => (bar.filled ? 1 : 0));
    expect(filled('low')).toEqual([1, 0, 0]);
    expect(filled('medium')).toEqual([1, 1, 0]);
    expect(filled('high')).toEqual([1, 1, 1]);
    expect(coherenceBars('medium').map((bar) => bar.level)).toEqual(['low', 'medium', 'high']);
  });

  it('draws the level lines where the level changes, below the axis top', () => {
    const [lowMedium = NaN, mediumHigh = NaN] = coherenceLevelLines;
    expect(coherenceLevelLines).toHaveLength(2);
    expect(coherenceLevel(lowMedium - 0.01)).toBe('low');
    expect(coherenceLevel(lowMedium)).toBe('medium');
    expect(coherenceLevel(mediumHigh - 0.01)).toBe('medium');
    expect(coherenceLevel(mediumHigh)).toBe('high');
    expect(coherenceAxisMinTop).toBeGreaterThan(mediumHigh);
  });

  it('shows the last minute of the heart-rate wave', () => {
    expect(waveWindowS).toBe(60);
  });
});
