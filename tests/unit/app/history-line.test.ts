import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../src/adapters/storage/history-entry';
import { historyLineOf } from '../../../src/app/history-line';

const finished: HistoryEntry = {
  id: 'run-1',
  kind: 'run',
  status: 'finished',
  startedAtWallMs: 1_700_000_000_000,
  runnerName: 'Sam',
  notesPreview: 'Windy, felt good',
  before: { feeling: -1, arousal: 2 },
  after: { feeling: 3, arousal: 3 },
  summary: {
    durationMs: 33 * 60_000,
    activeMs: 31.6 * 60_000,
    averageHeartRateBpm: 131.6,
    timeInZoneMs: { below: 120_000, inZone: 1_500_000, above: 276_000 },
    beatCount: 4200,
  },
};

describe('historyLineOf', () => {
  it('works out the figures a history line shows', () => {
    expect(historyLineOf(finished)).toEqual({
      id: 'run-1',
      kind: 'run',
      startedAtWallMs: 1_700_000_000_000,
      runnerName: 'Sam',
      supervised: false,
      notesPreview: 'Windy, felt good',
      activeMinutes: 32,
      inZonePercent: 79,
      averageHeartRateBpm: 132,
      feeling: { before: -1, after: 3 },
    });
  });

  it('marks a run of a group run as supervised', () => {
    expect(historyLineOf({ ...finished, supervised: true }).supervised).toBe(true);
  });

  it('leaves out what a session without a summary, a zone or both mood answers does not have', () => {
    const unfinished: HistoryEntry = {
      id: 'run-2',
      kind: 'breathing',
      status: 'recording',
      startedAtWallMs: 1_700_000_000_000,
      notesPreview: '',
      before: { feeling: 1, arousal: 1 },
    };
    expect(historyLineOf(unfinished)).toMatchObject({
      runnerName: undefined,
      activeMinutes: undefined,
      inZonePercent: undefined,
      averageHeartRateBpm: undefined,
      feeling: undefined,
    });
    const noZone = { durationMs: 33 * 60_000, activeMs: 31.6 * 60_000, beatCount: 4200 };
    expect(historyLineOf({ ...finished, summary: noZone })).toMatchObject({
      activeMinutes: 32,
      inZonePercent: undefined,
      averageHeartRateBpm: undefined,
    });
  });
});
