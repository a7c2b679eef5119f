import { describe, expect, it } from 'vitest';
import {
  breathingPaceOf,
  breathingPlanRef,
  resonanceBlockLabel,
  weeklyCoherence,
} from '../../../../src/core/breathing';

describe('the pace on record', () => {
  it('keeps rate and inhale share in the plan reference, in characters backup ids allow', () => {
    const ref = breathingPlanRef('exercise', 5.5, 0.4);
    expect(ref.planId).toBe('breathing:5.5:40');
    expect(ref.planId).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/u);
    expect(breathingPaceOf(ref)).toEqual({ mode: 'exercise', ratePerMinute: 5.5, inhalePct: 40 });
    const finder = breathingPlanRef('resonance', 6, 0.5);
    expect(finder.planId).toBe('breathing-resonance:50');
    expect(breathingPaceOf(finder)).toEqual({ mode: 'resonance', ratePerMinute: undefined, inhalePct: 50 });
    expect(resonanceBlockLabel(6.5)).toBe('pace:6.5');
  });

  it('reads no pace from another plan or a damaged one', () => {
    expect(breathingPaceOf(undefined)).toBeUndefined();
    expect(breathingPaceOf({ planId: 'calibration', name: 'x' })).toBeUndefined();
    expect(breathingPaceOf({ planId: 'breathing:fast:40', name: 'x' })).toBeUndefined();
  });
});

describe('weeklyCoherence', () => {
  const day = 24 * 3600_000;
  const now = Date.UTC(2026, 5, 30, 12);

  it('averages the exercises of each seven days back from now, oldest first, skipping empty weeks', () => {
    const weeks = weeklyCoherence(
      [
        { startedAtWallMs: now - 1 * day, meanCoherence: 3 },
        { startedAtWallMs: now - 2 * day, meanCoherence: 5 },
        { startedAtWallMs: now - 8 * day, meanCoherence: 1 },
        { startedAtWallMs: now - 30 * day, meanCoherence: 0.4 },
        { startedAtWallMs: now + day, meanCoherence: 9 },
        { startedAtWallMs: now - day, meanCoherence: Number.NaN },
      ],
      now,
    );
    expect(weeks).toEqual([
      { weeksAgo: 4, meanCoherence: 0.4, sessions: 1 },
      { weeksAgo: 1, meanCoherence: 1, sessions: 1 },
      { weeksAgo: 0, meanCoherence: 4, sessions: 2 },
    ]);
    expect(weeklyCoherence([], now)).toEqual([]);
  });
});
