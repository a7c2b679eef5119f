import { describe, expect, it } from 'vitest';
import {
  blockIndexAt,
  breathAt,
  BREATHING_RATES,
  DEFAULT_BREATHING_RATE,
  exerciseSchedule,
  normaliseBreathingRate,
  normaliseInhaleShare,
  RESONANCE_RATES,
  resonanceSchedule,
  scheduleAt,
  scheduleDurationMs,
} from '../../../../src/core/breathing';

describe('breathAt', () => {
  it('at 6 a minute with 40 % in: 4 s in, then 6 s out, then the next breath', () => {
    expect(breathAt(0, 6, 0.4)).toMatchObject({ breath: 0, phase: 'in', phaseStartMs: 0, progress: 0 });
    expect(breathAt(2000, 6, 0.4)).toMatchObject({ phase: 'in', phaseDurationMs: 4000, progress: 0.5 });
    expect(breathAt(3999, 6, 0.4).phase).toBe('in');
    expect(breathAt(4000, 6, 0.4)).toMatchObject({ phase: 'out', phaseStartMs: 4000, phaseDurationMs: 6000 });
    expect(breathAt(7000, 6, 0.4).progress).toBeCloseTo(0.5, 12);
    expect(breathAt(10_000, 6, 0.4)).toMatchObject({ breath: 1, phase: 'in', phaseStartMs: 10_000 });
    expect(breathAt(65_000, 6, 0.4)).toMatchObject({ breath: 6, phase: 'out', phaseStartMs: 64_000 });
  });

  it('fills the lungs from 0 to 1 while breathing in and empties them breathing out, gently at the turns', () => {
    expect(breathAt(0, 5, 0.5).fullness).toBeCloseTo(0, 12);
    expect(breathAt(3000, 5, 0.5).fullness).toBeCloseTo(0.5, 12);
    expect(breathAt(5999, 5, 0.5).fullness).toBeGreaterThan(0.999);
    expect(breathAt(6000, 5, 0.5).fullness).toBeCloseTo(1, 12);
    expect(breathAt(9000, 5, 0.5).fullness).toBeCloseTo(0.5, 12);
    // Half-cosine: a quarter into the phase the shape has moved less than a quarter of the way.
    expect(breathAt(1500, 5, 0.5).fullness).toBeLessThan(0.25);
  });

  it('each rate has its own breath length: 60 / rate seconds', () => {
    for (const rate of BREATHING_RATES) {
      const periodMs = 60_000 / rate;
      expect(breathAt(periodMs * 3 + 1, rate, 0.5)).toMatchObject({ breath: 3, phase: 'in' });
      expect(breathAt(periodMs * 3 - 1, rate, 0.5)).toMatchObject({ breath: 2, phase: 'out' });
    }
  });

  it('treats a negative or unreadable time as the start', () => {
    expect(breathAt(-500, 6, 0.4)).toMatchObject({ breath: 0, phase: 'in', progress: 0 });
    expect(breathAt(Number.NaN, 6, 0.4)).toMatchObject({ breath: 0, phase: 'in', progress: 0 });
  });
});

describe('rates and shares', () => {
  it('offers 4.5 to 7 in steps of 0.5, default 6', () => {
    expect(BREATHING_RATES).toEqual([4.5, 5, 5.5, 6, 6.5, 7]);
    expect(DEFAULT_BREATHING_RATE).toBe(6);
  });

  it('keeps a rate within 4.5-7 on the 0.5 grid, and an inhale share within 25-60 %', () => {
    expect(normaliseBreathingRate(3)).toBe(4.5);
    expect(normaliseBreathingRate(12)).toBe(7);
    expect(normaliseBreathingRate(5.8)).toBe(6);
    expect(normaliseBreathingRate(Number.NaN)).toBe(6);
    expect(normaliseInhaleShare(0.9)).toBe(0.6);
    expect(normaliseInhaleShare(0.1)).toBe(0.25);
    expect(normaliseInhaleShare(Number.POSITIVE_INFINITY)).toBe(0.4);
  });
});

describe('schedules', () => {
  it('an exercise is one block at its rate', () => {
    const schedule = exerciseSchedule(5.5, 180_000);
    expect(schedule).toEqual([{ ratePerMinute: 5.5, durationMs: 180_000 }]);
    expect(scheduleAt(schedule, 179_999, 0.5)?.done).toBe(false);
    expect(scheduleAt(schedule, 180_000, 0.5)?.done).toBe(true);
  });

  it('the resonance finder: two minutes each at 6.5, 6, 5.5, 5 and 4.5, each block starting with a breath in', () => {
    const schedule = resonanceSchedule();
    expect(RESONANCE_RATES).toEqual([6.5, 6, 5.5, 5, 4.5]);
    expect(schedule.map((block) => block.ratePerMinute)).toEqual([6.5, 6, 5.5, 5, 4.5]);
    expect(scheduleDurationMs(schedule)).toBe(600_000);
    expect(scheduleAt(schedule, 119_999, 0.4)).toMatchObject({ blockIndex: 0, done: false });
    const second = scheduleAt(schedule, 120_000, 0.4);
    expect(second).toMatchObject({ blockIndex: 1, blockStartMs: 120_000 });
    expect(second?.breath).toMatchObject({ breath: 0, phase: 'in', progress: 0 });
    expect(scheduleAt(schedule, 250_000, 0.4)?.block.ratePerMinute).toBe(5.5);
    expect(scheduleAt(schedule, 700_000, 0.4)).toMatchObject({ blockIndex: 4, done: true });
    expect(blockIndexAt(schedule, 0)).toBe(0);
    expect(blockIndexAt(schedule, 359_999)).toBe(2);
    expect(blockIndexAt(schedule, 1e9)).toBe(4);
    expect(scheduleAt([], 0, 0.4)).toBeUndefined();
  });

  it('two minutes is a whole number of breaths at every finder rate', () => {
    for (const rate of RESONANCE_RATES) expect(((120_000 / 60_000) * rate) % 1).toBe(0);
  });
});
