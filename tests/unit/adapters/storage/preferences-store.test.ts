import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  defaultCoachingPreferences,
  readPreferences,
  type Preferences,
} from '../../../../src/adapters/storage/preferences-store';

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
