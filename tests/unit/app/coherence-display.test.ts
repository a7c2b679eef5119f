import { describe, expect, it } from 'vitest';
import {
  coherenceLevels,
  coherenceThresholds,
  filledCoherenceBars,
  waveWindowMs,
} from '../../../src/app/coherence-display';
import { coherenceLevel } from '../../../src/core/breathing/coherence-level';
import type { BreathingReading } from '../../../src/core/breathing/index';

describe('coherence display', () => {
  it('shows a level as one, two or three filled bars of three, and none without a level', () => {
    const reading = (level: 'low' | 'medium' | 'high') => ({ kind: 'level', level }) as BreathingReading;
    expect(coherenceLevels).toEqual(['low', 'medium', 'high']);
    expect(filledCoherenceBars(reading('low'))).toBe(1);
    expect(filledCoherenceBars(reading('medium'))).toBe(2);
    expect(filledCoherenceBars(reading('high'))).toBe(3);
    expect(filledCoherenceBars({ kind: 'waiting' } as BreathingReading)).toBe(0);
  });

  it('puts the level lines where the level changes', () => {
    const { lowMedium, mediumHigh } = coherenceThresholds;
    expect(coherenceLevel(lowMedium - 0.01)).toBe('low');
    expect(coherenceLevel(lowMedium)).toBe('medium');
    expect(coherenceLevel(mediumHigh - 0.01)).toBe('medium');
    expect(coherenceLevel(mediumHigh)).toBe('high');
  });

  it('shows the last minute of the heart-rate wave', () => {
    expect(waveWindowMs).toBe(60_000);
  });
});
