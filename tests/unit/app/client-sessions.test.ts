import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../src/adapters/storage/history-entry';
import { ClientSessions } from '../../../src/app/client-sessions.svelte';
import type { ClientCourse, IntakeQuestionId, IntakeRecord } from '../../../src/core/clients/client-record';
import { intakeQuestionIds, intakeRecord } from '../../../src/core/clients/intake';

const course: ClientCourse = { weeks: 8, startDate: '2026-03-02', runsPerWeek: 3 };

/** An hour of a day of March 2026, in this machine's time zone (as the app counts). */
function at(day: number, hour = 12): number {
  return new Date(2026, 2, day, hour).getTime();
}

function run(id: string, day: number, runnerId = 'anna'): HistoryEntry {
  return {
    id,
    kind: 'run',
    status: 'finished',
    startedAtWallMs: at(day),
    runnerId,
    notesPreview: '',
    summary: { durationMs: 1_800_000, activeMs: 1_800_000, beatCount: 4000 },
  };
}

function restingCheck(id: string, day: number, hour: number, rmssdMs: number | undefined): HistoryEntry {
  return {
    id,
    kind: 'resting',
    status: 'finished',
    startedAtWallMs: at(day, hour),
    runnerId: 'anna',
    notesPreview: '',
    summary: {
      durationMs: 120_000,
      activeMs: 120_000,
      beatCount: 130,
      averageHeartRateBpm: 64,
      artifactPct: rmssdMs === undefined ? 9 : 1,
      ...(rmssdMs !== undefined && { rmssdMs }),
      restingCheck: {
        plannedMinutes: 2,
        pacedBreathing: false,
        ...(rmssdMs === undefined && { refusal: 'too-many-artifacts' as const }),
      },
    },
  };
}

function intakeOn(date: string, restingCheckSessionId?: string): IntakeRecord {
  const answers = Object.fromEntries(
    intakeQuestionIds.map((question) => [question, 'no' as const]),
  ) as Record<IntakeQuestionId, 'no'>;
  return intakeRecord({
    date,
    answers,
    details: {},
    heartRateBlockingMedication: false,
    ...(restingCheckSessionId !== undefined && { restingCheckSessionId }),
  });
}

function clientSessions(entries: readonly HistoryEntry[]): ClientSessions {
  return new ClientSessions({
    sessions: () => ({
      listHistory: (query) => Promise.resolve(entries.filter((entry) => entry.runnerId === query?.runnerId)),
    }),
    customCourse: () => undefined,
    now: () => at(11),
  });
}

describe('ClientSessions', () => {
  it('counts the course grid from that client’s runs only, as the report does', async () => {
    const sessions = clientSessions([run('a', 2), run('b', 4), run('c', 10), run('bob', 3, 'bob')]);
    await sessions.load('anna');
    const weeks = sessions.courseWeeks(course);
    expect(weeks?.weeks.map((week) => [week.runsDone, week.time])).toEqual([
      [2, 'past'],
      [1, 'current'],
      ...Array.from({ length: 6 }, () => [0, 'future']),
    ]);
    expect(sessions.courseWeeks(undefined)).toBeUndefined();
  });

  it('finds the intake day’s resting check, an accepted one before a refused retake', async () => {
    const sessions = clientSessions([
      restingCheck('refused-later', 5, 11, undefined),
      restingCheck('accepted', 5, 10, 42),
      restingCheck('other-day', 6, 10, 50),
    ]);
    await sessions.load('anna');
    const check = sessions.intakeRestingCheck(intakeOn('2026-03-05'));
    expect(check?.sessionId).toBe('accepted');
    expect(check?.date).toBe('2026-03-05');
    expect(check?.result.ok && check.result.lnRmssd).toBeCloseTo(Math.log(42), 10);
    expect(check?.result.ok && check.result.restingHrBpm).toBe(64);
    expect(sessions.intakeRestingCheck(intakeOn('2026-03-07'))).toBeUndefined();
  });

  it('takes the check the intake names, on whatever day, and says why a refused one has no figures', async () => {
    const sessions = clientSessions([
      restingCheck('named', 9, 10, undefined),
      restingCheck('same-day', 5, 10, 42),
    ]);
    await sessions.load('anna');
    const check = sessions.intakeRestingCheck(intakeOn('2026-03-05', 'named'));
    expect(check?.sessionId).toBe('named');
    expect(check?.result).toMatchObject({ ok: false, reason: 'too-many-artifacts' });
  });

  it('never shows one client’s sessions on another’s page', async () => {
    const sessions = clientSessions([run('a', 2), run('bob', 3, 'bob')]);
    await sessions.load('anna');
    const loading = sessions.load('bob');
    expect(sessions.entries).toEqual([]);
    await loading;
    expect(sessions.entries.map((entry) => entry.id)).toEqual(['bob']);
  });
});
