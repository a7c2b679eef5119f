import { describe, expect, it, test } from 'vitest';
import {
  phaseAt,
  phaseUsesZoneCues,
  planDurationMs,
  validateRunPlan,
  withBreathingBlocks,
  BREATHING_BLOCK_MS,
  BREATHING_BLOCKS_SUFFIX,
  type RunPlan,
} from '../../../../src/core/coaching/index';

const MIN = 60_000;
const plan: RunPlan = {
  id: 'p',
  name: 'test',
  phases: [
    { kind: 'warm-up-walk', durationMs: 5 * MIN },
    { kind: 'run', durationMs: 1 * MIN },
    { kind: 'walk', durationMs: 2 * MIN },
    { kind: 'cool-down-walk', durationMs: 5 * MIN },
  ],
};

describe('phaseAt', () => {
  test('gives the phase, its index, the time left and the next phase', () => {
    expect(phaseAt(plan, 0)).toEqual({
      finished: false,
      index: 0,
      phase: plan.phases[0],
      startMs: 0,
      endMs: 5 * MIN,
      elapsedInPhaseMs: 0,
      remainingMs: 5 * MIN,
      next: plan.phases[1],
    });
    expect(phaseAt(plan, 5 * MIN + 20_000)).toMatchObject({
      index: 1,
      elapsedInPhaseMs: 20_000,
      remainingMs: 40_000,
      next: { kind: 'walk' },
    });
    expect(phaseAt(plan, 12 * MIN)).toMatchObject({ index: 3, remainingMs: MIN, next: null });
  });

  test('phases are half-open: at the exact end of one the next has begun', () => {
    expect(phaseAt(plan, 5 * MIN - 1)).toMatchObject({ index: 0, remainingMs: 1 });
    expect(phaseAt(plan, 5 * MIN)).toMatchObject({ index: 1, remainingMs: MIN });
  });

  test('finishes at the total; negative and non-finite times count as 0', () => {
    expect(phaseAt(plan, 13 * MIN)).toEqual({ finished: true, index: 4, totalMs: 13 * MIN, overMs: 0 });
    expect(phaseAt(plan, 14 * MIN)).toMatchObject({ finished: true, overMs: MIN });
    expect(phaseAt(plan, -5)).toMatchObject({ index: 0, elapsedInPhaseMs: 0 });
    expect(phaseAt(plan, Number.NaN)).toMatchObject({ index: 0 });
  });

  test('walks through every phase in order as time passes, never skipping one', () => {
    let seen = -1;
    for (let t = 0; t <= planDurationMs(plan); t += 1000) {
      const position = phaseAt(plan, t);
      expect(position.index === seen || position.index === seen + 1).toBe(true);
      seen = position.index;
    }
    expect(seen).toBe(plan.phases.length);
  });

  test('skips zero-length phases', () => {
    const withEmpty: RunPlan = { ...plan, phases: [{ kind: 'walk', durationMs: 0 }, ...plan.phases] };
    expect(phaseAt(withEmpty, 0)).toMatchObject({ index: 1, phase: { kind: 'warm-up-walk' } });
  });
});

describe('zone cues by phase', () => {
  test('on while running, off while walking or breathing, overridable per phase', () => {
    expect(phaseUsesZoneCues({ kind: 'run', durationMs: MIN })).toBe(true);
    expect(phaseUsesZoneCues({ kind: 'calm-run', durationMs: MIN })).toBe(true);
    for (const kind of ['warm-up-walk', 'walk', 'cool-down-walk', 'breathing'] as const) {
      expect(phaseUsesZoneCues({ kind, durationMs: MIN })).toBe(false);
    }
    expect(phaseUsesZoneCues({ kind: 'walk', durationMs: MIN, zoneCues: true })).toBe(true);
  });
});

describe('validateRunPlan', () => {
  test('accepts a good plan and names every problem of a bad one', () => {
    expect(validateRunPlan(plan)).toEqual([]);
    expect(validateRunPlan({ ...plan, phases: [] })).toEqual([{ code: 'no-phases' }]);
    const bad: RunPlan = {
      ...plan,
      phases: [
        { kind: 'run', durationMs: 1500 },
        { kind: 'sprint' as 'run', durationMs: MIN },
        { kind: 'walk', durationMs: 5 * 60 * MIN },
      ],
    };
    expect(validateRunPlan(bad)).toEqual([
      { code: 'bad-duration', phaseIndex: 0 },
      { code: 'unknown-kind', phaseIndex: 1 },
      { code: 'bad-duration', phaseIndex: 2 },
      { code: 'too-long', totalMs: 1500 + MIN + 5 * 60 * MIN },
    ]);
  });
});

describe('withBreathingBlocks', () => {
  it('puts a breathing block before the first phase and after the last, without zone cues', () => {
    const course: RunPlan = {
      id: 'p',
      name: 'p',
      phases: [
        { kind: 'warm-up-walk', durationMs: 300_000 },
        { kind: 'run', durationMs: 60_000 },
        { kind: 'cool-down-walk', durationMs: 300_000 },
      ],
    };
    const wrapped = withBreathingBlocks(course);
    expect(wrapped.id).toBe(`p${BREATHING_BLOCKS_SUFFIX}`);
    expect(wrapped.phases.map((phase) => phase.kind)).toEqual([
      'breathing',
      'warm-up-walk',
      'run',
      'cool-down-walk',
      'breathing',
    ]);
    expect(planDurationMs(wrapped)).toBe(planDurationMs(course) + 2 * BREATHING_BLOCK_MS);
    expect(phaseUsesZoneCues({ kind: 'breathing', durationMs: 1 })).toBe(false);
    expect(phaseAt(wrapped, 60_000)).toMatchObject({
      finished: false,
      index: 0,
      phase: { kind: 'breathing' },
    });
  });
});
