import { describe, expect, it } from 'vitest';
import { canCarryOn, interruptedRunMinutes, type InterruptedRun } from '../../../src/app/interrupted-run';
import type { SessionKind } from '../../../src/core/session/session-model';

function interrupted(kind: SessionKind, lastElapsedMs: number | undefined): InterruptedRun {
  return {
    meta: { id: 'x', kind, status: 'recording', startedAtWallMs: 0, notes: '', events: [] },
    nextSeq: 3,
    lastElapsedMs,
  };
}

describe('an interrupted run', () => {
  it('tells how many minutes are stored, rounded, and none before the first chunk', () => {
    expect(interruptedRunMinutes(interrupted('run', 12 * 60_000 + 31_000))).toBe(13);
    expect(interruptedRunMinutes(interrupted('run', 29_000))).toBe(0);
    expect(interruptedRunMinutes(interrupted('run', undefined))).toBe(0);
  });

  it('can be carried on, except a breathing exercise', () => {
    expect(canCarryOn(interrupted('run', 60_000))).toBe(true);
    expect(canCarryOn(interrupted('breathing', 60_000))).toBe(false);
  });
});
