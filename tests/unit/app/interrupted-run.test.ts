import { describe, expect, it } from 'vitest';
import { canCarryOn, interruptedRunMinutes, isGroupRun } from '../../../src/app/interrupted-run';
import type { InterruptedSession } from '../../../src/adapters/storage/session-storage';
import type { SessionKind } from '../../../src/core/session/session-model';

function interrupted(
  kind: SessionKind,
  lastElapsedMs: number | undefined,
  groupId?: string,
): InterruptedSession {
  return {
    meta: {
      id: `x-${String(lastElapsedMs)}`,
      kind,
      status: 'recording',
      startedAtWallMs: 0,
      notes: '',
      events: [],
      ...(groupId !== undefined && { group: { groupId, size: 2 } }),
    },
    nextSeq: 3,
    lastElapsedMs,
  };
}

describe('an interrupted run', () => {
  it('tells how many minutes are stored, rounded, and none before the first chunk', () => {
    expect(interruptedRunMinutes([interrupted('run', 12 * 60_000 + 31_000)])).toBe(13);
    expect(interruptedRunMinutes([interrupted('run', 29_000)])).toBe(0);
    expect(interruptedRunMinutes([interrupted('run', undefined)])).toBe(0);
  });

  it('tells a group by its longest runner', () => {
    expect(
      interruptedRunMinutes([interrupted('run', 60_000, 'g'), interrupted('run', 5 * 60_000, 'g')]),
    ).toBe(5);
  });

  it('can be carried on, except a breathing exercise or nothing at all', () => {
    expect(canCarryOn([interrupted('run', 60_000)])).toBe(true);
    expect(canCarryOn([interrupted('breathing', 60_000)])).toBe(false);
    expect(canCarryOn([interrupted('resting', 60_000)])).toBe(false);
    expect(canCarryOn([])).toBe(false);
  });

  it('is a group run with several runners, or one runner whose session belongs to a group', () => {
    expect(isGroupRun([interrupted('run', 60_000)])).toBe(false);
    expect(isGroupRun([interrupted('run', 60_000, 'g')])).toBe(true);
    expect(isGroupRun([interrupted('run', 60_000, 'g'), interrupted('run', 1, 'g')])).toBe(true);
  });
});
