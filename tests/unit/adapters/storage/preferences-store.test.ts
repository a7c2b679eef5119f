import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  defaultCoachingPreferences,
  readPreferences,
  savePreferences,
  type CustomCourse,
  type Preferences,
} from '../../../../src/adapters/storage/preferences-store';
import { defaultCourse12Weeks } from '../../../../src/core/coaching/course-plan';
import { COURSE_TEXT_LIMITS } from '../../../../src/core/coaching/course-text';

const valid: Preferences = {
  runners: [
    { id: 'r1', name: 'Sam', ageYears: 44, restingHrBpm: 58, maxHrSource: 'tanaka' },
    {
      id: 'r2',
      name: 'Noor',
      maxHrBpm: 182,
      maxHrSource: 'measured',
      zone: { lowBpm: 120, highBpm: 140, method: 'fixed' },
    },
  ],
  activeRunnerId: 'r2',
  coaching: { ...defaultCoachingPreferences, tones: true, graceSeconds: 30 },
  course: { weeks: 10 },
};

describe('readPreferences', () => {
  it('round-trips valid preferences', () => {
    expect(readPreferences(JSON.stringify(valid))).toEqual(valid);
  });

  it('keeps the valid runners and drops a damaged one', () => {
    const damaged = { ...valid, runners: [...valid.runners, { id: 'r3', name: 'X', restingHrBpm: 'sixty' }] };
    expect(readPreferences(JSON.stringify(damaged)).runners.map((runner) => runner.id)).toEqual(['r1', 'r2']);
  });

  it('falls back to defaults for nonsense, and forgets an active runner that does not exist', () => {
    expect(readPreferences('not json')).toEqual({ runners: [], coaching: defaultCoachingPreferences });
    expect(
      readPreferences(JSON.stringify({ ...valid, activeRunnerId: 'gone' })).activeRunnerId,
    ).toBeUndefined();
    expect(readPreferences(JSON.stringify({ ...valid, coaching: { volume: 7 } })).coaching).toEqual(
      defaultCoachingPreferences,
    );
  });

  it('never throws, whatever is stored', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((value) => JSON.stringify(value)),
        ),
        (text) => {
          const preferences = readPreferences(text);
          expect(Array.isArray(preferences.runners)).toBe(true);
        },
      ),
    );
  });
});

describe('the custom course', () => {
  const custom: CustomCourse = {
    weeks: [
      {
        week: 1,
        blocks: [
          {
            repeat: 6,
            phases: [
              { kind: 'run', durationMs: 60_000 },
              { kind: 'walk', durationMs: 120_000 },
            ],
          },
        ],
      },
      {
        week: 2,
        blocks: [{ repeat: 1, phases: [{ kind: 'calm-run', durationMs: 1_200_000 }] }],
        supervisedRun: 2,
      },
    ],
  };
  const withCustom = (customCourse: unknown) => JSON.stringify({ ...valid, customCourse });

  it('keeps a valid one, through the same JSON savePreferences writes', () => {
    let stored = '';
    expect(
      savePreferences({ ...valid, customCourse: custom }, { setItem: (_key, value) => (stored = value) }),
    ).toBe(true);
    expect(readPreferences(stored)).toEqual({ ...valid, customCourse: custom });
    const twelve = { weeks: defaultCourse12Weeks.weeks.map((week) => ({ ...week })) };
    expect(readPreferences(withCustom(twelve)).customCourse).toEqual(twelve);
  });

  it('drops one that is damaged, out of bounds or not a valid course, and keeps the rest', () => {
    const [first, second] = custom.weeks;
    if (!first || !second) throw new Error('fixture');
    const invalid: unknown[] = [
      'nonsense',
      { weeks: [] },
      { weeks: [{ ...first, blocks: [{ repeat: 6, phases: [{ kind: 'sprint', durationMs: 60_000 }] }] }] },
      // Not whole seconds, or zero.
      { weeks: [{ ...first, blocks: [{ repeat: 1, phases: [{ kind: 'run', durationMs: 1500 }] }] }] },
      { weeks: [{ ...first, blocks: [{ repeat: 1, phases: [{ kind: 'run', durationMs: 0 }] }] }] },
      { weeks: [{ ...first, blocks: [{ repeat: 51, phases: [{ kind: 'run', durationMs: 1000 }] }] }] },
      // Weeks out of order; walking only; longer than two hours; a supervised run the week does not have.
      { weeks: [second, first] },
      { weeks: [{ week: 1, blocks: [{ repeat: 1, phases: [{ kind: 'walk', durationMs: 60_000 }] }] }] },
      { weeks: [{ week: 1, blocks: [{ repeat: 50, phases: [{ kind: 'run', durationMs: 600_000 }] }] }] },
      { weeks: [{ ...first, supervisedRun: 4 }] },
      // More weeks than the editor allows.
      { weeks: Array.from({ length: COURSE_TEXT_LIMITS.weeks + 1 }, (_, i) => ({ ...first, week: i + 1 })) },
    ];
    for (const customCourse of invalid) {
      const preferences = readPreferences(withCustom(customCourse));
      expect(preferences.customCourse).toBeUndefined();
      expect(preferences).toEqual(valid);
    }
    const longest = {
      weeks: Array.from({ length: COURSE_TEXT_LIMITS.weeks }, (_, i) => ({ ...first, week: i + 1 })),
    };
    expect(readPreferences(withCustom(longest)).customCourse).toEqual(longest);
  });

  it("drops what the course does not keep (a derived week's source week)", () => {
    const [first] = custom.weeks;
    expect(readPreferences(withCustom({ weeks: [{ ...first, sourceWeek: 3 }] })).customCourse).toEqual({
      weeks: [first],
    });
  });
});

describe('the own breathing rates', () => {
  const withRates = (ownBreathingRates: unknown) => JSON.stringify({ ...valid, ownBreathingRates });

  it('round-trips each runner’s rate and the one kept while no runner existed', () => {
    const rates = { r1: 5.5, r2: 4.5, '': 6 };
    let stored = '';
    expect(
      savePreferences({ ...valid, ownBreathingRates: rates }, { setItem: (_key, value) => (stored = value) }),
    ).toBe(true);
    expect(readPreferences(stored)).toEqual({ ...valid, ownBreathingRates: rates });
  });

  it('drops a rate the exercise does not offer, one of a runner who is gone, and a damaged record', () => {
    expect(readPreferences(withRates({ r1: 5.5, r2: 3, gone: 6, '': 'six' })).ownBreathingRates).toEqual({
      r1: 5.5,
    });
    for (const damaged of ['nonsense', [5.5], null, 6])
      expect(readPreferences(withRates(damaged))).toEqual(valid);
    expect(readPreferences(withRates({ r2: 9 }))).toEqual(valid);
  });
});
