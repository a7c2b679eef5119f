import { describe, expect, it } from 'vitest';
import { courseOfLength, courseRecordsFromHistory, progressFromHistory } from '../../../src/app/course';
import type { HistoryEntry } from '../../../src/adapters/storage/history-entry';

function entry(
  week: number,
  run: number,
  activeMin: number,
  status: HistoryEntry['status'] = 'finished',
): HistoryEntry {
  return {
    id: `${week}-${run}-${activeMin}`,
    kind: 'run',
    status,
    startedAtWallMs: 0,
    notesPreview: '',
    plan: {
      planId: `calm-run-12-weeks/week-${week}/run-${run}`,
      name: 'x',
      courseWeek: week,
      courseRun: run,
    },
    summary: { durationMs: activeMin * 60_000, activeMs: activeMin * 60_000, beatCount: 0 },
  };
}

describe('course progress from history', () => {
  const course = courseOfLength(12);

  it('counts finished runs with enough of their time, oldest first', () => {
    // Week 1: 5 + 8 x 3 + 5 = 34 minutes; 80 % is 27.2 minutes.
    const history = [entry(1, 2, 20), entry(1, 1, 30), entry(1, 3, 33, 'recording')];
    expect(courseRecordsFromHistory(course, history)).toEqual([
      { week: 1, run: 3, completed: false },
      { week: 1, run: 1, completed: true },
      { week: 1, run: 2, completed: false },
    ]);
  });

  it('suggests the next run', () => {
    const progress = progressFromHistory(course, [entry(1, 2, 34), entry(1, 1, 34)]);
    expect(progress.next).toEqual({ week: 1, run: 3, supervised: false });
  });

  it('ignores sessions of another course or without a plan', () => {
    const other: HistoryEntry = {
      ...entry(1, 1, 34),
      plan: { planId: 'calm-run-8-weeks/week-1/run-1', name: 'x', courseWeek: 1, courseRun: 1 },
    };
    const free: HistoryEntry = {
      id: 'free',
      kind: 'run',
      status: 'finished',
      startedAtWallMs: 0,
      notesPreview: '',
    };
    expect(courseRecordsFromHistory(course, [other, free])).toEqual([]);
  });
});
