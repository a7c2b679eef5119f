import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../src/adapters/storage/history-entry';
import type { ClientRecord } from '../../../src/core/clients/client-record';
import {
  EvaluationReportState,
  type EvaluationReportSources,
} from '../../../src/app/evaluation-report.svelte';
import { calendarDateOf as localDayOf } from '../../../src/core/clients/calendar-days';

const record: ClientRecord = {
  runnerId: 'anna',
  goals: 'Calmer days',
  course: { weeks: 8, startDate: '2026-03-02', runsPerWeek: 3 },
  notes: [],
  updatedAtWallMs: 0,
};

/** Noon on a day of the course, in this machine's time zone (as the app counts). */
function noonOn(day: number): number {
  return new Date(2026, 2, 2 + day, 12).getTime();
}

function entry(id: string, day: number, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id,
    kind: 'run',
    status: 'finished',
    startedAtWallMs: noonOn(day),
    runnerId: 'anna',
    runnerName: 'Anna B.',
    notesPreview: '',
    summary: { durationMs: 1_800_000, activeMs: 1_800_000, beatCount: 4000 },
    ...overrides,
  };
}

/** How often the client store was closed. */
const closes = { count: 0 };

function sources(overrides: Partial<EvaluationReportSources> = {}): EvaluationReportSources {
  return {
    sessions: {
      listHistory: (query) =>
        Promise.resolve(
          [entry('b', 2), entry('a', 0), entry('other', 1, { runnerId: 'bob' })].filter(
            (candidate) => candidate.runnerId === query?.runnerId,
          ),
        ),
    },
    openClients: () =>
      Promise.resolve({
        get: (runnerId: string) => Promise.resolve(runnerId === record.runnerId ? record : undefined),
        close: () => {
          closes.count++;
        },
      }),
    runners: () => [{ id: 'anna', name: 'Anna', maxHrSource: 'tanaka' }],
    customCourse: () => undefined,
    now: () => noonOn(70),
    ...overrides,
  };
}

describe('EvaluationReportState', () => {
  it('builds the report from the profile, the client record and that runner’s sessions only', async () => {
    const closedBefore = closes.count;
    const state = new EvaluationReportState(sources());
    await state.open('anna');
    expect(state.load.status).toBe('ready');
    if (state.load.status !== 'ready') return;
    expect(state.load.report.clientName).toBe('Anna');
    expect(state.load.report.course?.endDate).toBe('2026-04-26');
    expect(state.load.weeks?.weeks[0]?.runsDone).toBe(2);
    expect(state.load.weeks?.runsDone).toBe(2);
    expect(closes.count - closedBefore).toBe(1);
  });

  it('counts the days in the device’s time zone', () => {
    expect(localDayOf(new Date(2026, 9, 25, 23, 59).getTime())).toBe('2026-10-25');
    expect(localDayOf(new Date(2026, 9, 26, 0, 1).getTime())).toBe('2026-10-26');
  });

  it('names the client from their sessions when the profile is gone', async () => {
    const state = new EvaluationReportState(sources({ runners: () => [] }));
    await state.open('anna');
    expect(state.load.status === 'ready' && state.load.report.clientName).toBe('Anna B.');
  });

  it('says so when there is no client record, and when storage fails', async () => {
    const missing = new EvaluationReportState(sources());
    await missing.open('nobody');
    expect(missing.load).toEqual({ status: 'not-found' });
    const failing = new EvaluationReportState(
      sources({ openClients: () => Promise.reject(new Error('no database')) }),
    );
    await failing.open('anna');
    expect(failing.load).toEqual({ status: 'failed' });
  });
});
