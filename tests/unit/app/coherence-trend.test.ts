import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../src/adapters/storage/history-entry';
import type { HistoryQuery } from '../../../src/adapters/storage/session-storage';
import { CoherenceTrend } from '../../../src/app/coherence-trend.svelte';

const dayMs = 24 * 3600_000;
const nowMs = Date.UTC(2025, 5, 1);

function entry(kind: HistoryEntry['kind'], daysAgo: number, meanCoherence?: number): HistoryEntry {
  return {
    id: `${kind}-${daysAgo}-${meanCoherence ?? 'none'}`,
    kind,
    status: 'finished',
    startedAtWallMs: nowMs - daysAgo * dayMs,
    notesPreview: '',
    summary: {
      durationMs: 180_000,
      activeMs: 180_000,
      beatCount: 200,
      ...(meanCoherence !== undefined && { meanCoherence }),
    },
  };
}

/** A store whose answers the test releases one by one, to see which load wins. */
function storeOf(entries: HistoryEntry[]) {
  const queries: HistoryQuery[] = [];
  const pending: (() => void)[] = [];
  return {
    queries,
    release: () => pending.shift()?.(),
    listHistory(query: HistoryQuery = {}): Promise<HistoryEntry[]> {
      queries.push(query);
      return new Promise((resolve) => pending.push(() => resolve(entries)));
    },
  };
}

describe('CoherenceTrend', () => {
  it('averages the breathing exercises with a coherence per week, oldest first, and leaves runs out', async () => {
    const store = storeOf([
      entry('breathing', 1, 2),
      entry('breathing', 3, 4),
      entry('breathing', 9, 1),
      entry('breathing', 2),
      entry('run', 1, 9),
    ]);
    const trend = new CoherenceTrend();
    expect(trend.weeks).toBeUndefined();
    const loaded = trend.load(store, 'r1', nowMs);
    store.release();
    await loaded;
    expect(store.queries).toEqual([{ runnerId: 'r1' }]);
    expect(trend.weeks).toEqual([
      { weeksAgo: 1, meanCoherence: 1, sessions: 1 },
      { weeksAgo: 0, meanCoherence: 3, sessions: 2 },
    ]);
    expect(trend.newestFirst.map((week) => week.weeksAgo)).toEqual([0, 1]);
  });

  it('reads every session without a runner, and keeps only the newest load', async () => {
    const older = storeOf([entry('breathing', 1, 5)]);
    const newer = storeOf([]);
    const trend = new CoherenceTrend();
    const first = trend.load(older, undefined, nowMs);
    const second = trend.load(newer, undefined, nowMs);
    newer.release();
    await second;
    older.release();
    await first;
    expect(older.queries).toEqual([{}]);
    expect(trend.weeks).toEqual([]);
  });
});
