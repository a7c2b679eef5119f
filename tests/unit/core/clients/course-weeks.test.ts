import { describe, expect, test } from 'vitest';
import type { ClientCourse } from '../../../../src/core/clients/client-record';
import { addDays } from '../../../../src/core/clients/calendar-days';
import {
  courseWeeks,
  sessionFactsOf,
  type CourseWeeksOptions,
  type SessionFacts,
} from '../../../../src/core/clients/course-weeks';
import { amsterdamDayOf, amsterdamWallMs, courseRun } from './support/client-sessions';

const course: ClientCourse = { weeks: 12, startDate: '2026-03-16', runsPerWeek: 3 };
const afterCourse: CourseWeeksOptions = { localDayOf: amsterdamDayOf, today: '2026-07-01' };

/** A run on a day of the course (0 = the start day), at a local hour. */
function runOnDay(day: number, options: Partial<SessionFacts> & { hour?: number } = {}): SessionFacts {
  const { hour = 18, ...rest } = options;
  return courseRun({
    id: `run-${day}-${hour}`,
    wallMs: amsterdamWallMs(addDays(course.startDate, day), hour),
    ...rest,
  });
}

describe('courseWeeks', () => {
  test('counts done against planned per week, by the calendar from the start day', () => {
    const sessions = [runOnDay(0), runOnDay(2), runOnDay(4), runOnDay(8), runOnDay(13)];
    const result = courseWeeks(course, sessions, afterCourse);
    expect(result.weeks).toHaveLength(12);
    expect(result.weeks.map((week) => week.runsDone)).toEqual([3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(result.weeks[0]).toMatchObject({
      week: 1,
      startDate: '2026-03-16',
      endDate: '2026-03-22',
      plannedRuns: 3,
      runsDone: 3,
      extraRuns: 0,
      time: 'past',
      empty: false,
    });
    expect(result.plannedRuns).toBe(36);
    expect(result.runsDone).toBe(5);
    expect(result.endDate).toBe('2026-06-07');
  });

  test('runs beyond the planned count are extras, never more than planned done', () => {
    const sessions = [0, 1, 2, 3, 5].map((day) => runOnDay(day));
    const [week1] = courseWeeks(course, sessions, afterCourse).weeks;
    expect(week1).toMatchObject({ runsDone: 3, extraRuns: 2 });
  });

  test('runs before the start and after the last week are counted apart, not in a week', () => {
    const sessions = [runOnDay(-1), runOnDay(-30), runOnDay(84), runOnDay(83)];
    const result = courseWeeks(course, sessions, afterCourse);
    expect(result.runsBeforeStart).toBe(2);
    expect(result.runsAfterEnd).toBe(1);
    expect(result.weeks[11]?.runsDone).toBe(1);
    expect(result.runsDone).toBe(1);
  });

  test('a run short of its plan or left unfinished is not done, but its minutes count', () => {
    const plannedRunOf = () => ({ plannedMs: 40 * 60_000, supervised: false });
    const plan = { planId: 'calm-run-12-weeks/week-1/run-1', name: 'Course', courseWeek: 1, courseRun: 1 };
    const sessions = [
      runOnDay(0, { plan, summary: { activeMs: 20 * 60_000 } }),
      runOnDay(1, { plan, summary: { activeMs: 35 * 60_000 } }),
      runOnDay(2, { status: 'recording', summary: { activeMs: 5 * 60_000 } }),
    ];
    const [week1] = courseWeeks(course, sessions, { ...afterCourse, plannedRunOf }).weeks;
    expect(week1).toMatchObject({ runsDone: 1, runsNotCompleted: 2, activeMs: 60 * 60_000, empty: false });
  });

  test('marks the supervised run done from a group run or the week’s supervised course run', () => {
    const plannedRunOf = (plan: { courseRun?: number }) => ({
      plannedMs: 0,
      supervised: plan.courseRun === 1,
    });
    const planRun = (run: number) => ({
      planId: `c/week-2/run-${run}`,
      name: 'C',
      courseWeek: 2,
      courseRun: run,
    });
    const sessions = [
      runOnDay(0, { supervised: true }),
      runOnDay(7, { plan: planRun(2) }),
      runOnDay(14, { plan: planRun(1) }),
    ];
    const weeks = courseWeeks(course, sessions, { ...afterCourse, plannedRunOf }).weeks;
    expect(weeks.slice(0, 4).map((week) => week.supervisedDone)).toEqual([true, false, true, false]);
  });

  test('a group run is supervised through the session record’s group', () => {
    const facts = sessionFactsOf({
      id: 'g',
      kind: 'run',
      status: 'finished',
      startedAtWallMs: 0,
      group: { groupId: 'x', size: 3 },
    });
    expect(facts.supervised).toBe(true);
    expect(sessionFactsOf({ id: 's', kind: 'run', status: 'finished', startedAtWallMs: 0 }).supervised).toBe(
      undefined,
    );
  });

  test('minutes and the in-zone share per week come from the summed zone times', () => {
    const sessions = [
      runOnDay(0, {
        summary: { activeMs: 30 * 60_000, timeInZoneMs: { below: 0, inZone: 600_000, above: 600_000 } },
      }),
      runOnDay(2, {
        summary: { activeMs: 30 * 60_000, timeInZoneMs: { below: 0, inZone: 1_200_000, above: 0 } },
      }),
      runOnDay(8, { summary: { activeMs: 10 * 60_000 } }),
    ];
    const result = courseWeeks(course, sessions, afterCourse);
    expect(result.weeks[0]).toMatchObject({ activeMs: 60 * 60_000, inZonePercent: 75 });
    // A run without a zone has no zone time: no share rather than 0 %.
    expect(result.weeks[1]?.inZonePercent).toBeUndefined();
    expect(result.inZonePercent).toBe(75);
    expect(result.activeMs).toBe(70 * 60_000);
  });

  test('only runs count: breathing exercises and resting checks are left out', () => {
    const sessions = [runOnDay(0, { kind: 'breathing' }), runOnDay(1, { kind: 'resting' })];
    const [week1] = courseWeeks(course, sessions, afterCourse).weeks;
    expect(week1).toMatchObject({ runsDone: 0, empty: true });
  });

  test('weeks with nothing: past and current ones are empty, weeks to come are not', () => {
    // Today is in week 4 (its second day).
    const today = addDays(course.startDate, 22);
    const result = courseWeeks(course, [runOnDay(0), runOnDay(15)], { localDayOf: amsterdamDayOf, today });
    expect(result.weeks.map((week) => week.time)).toEqual([
      'past',
      'past',
      'past',
      'current',
      ...new Array<string>(8).fill('future'),
    ]);
    expect(result.weeks.map((week) => week.empty).slice(0, 5)).toEqual([false, true, false, true, false]);
    expect(result).toMatchObject({
      pastWeeks: 3,
      currentWeeks: 1,
      futureWeeks: 8,
      emptyPastWeeks: 1,
      started: true,
    });
  });

  test('a course not started yet: every week to come, earlier runs outside the plan', () => {
    const today = addDays(course.startDate, -3);
    const result = courseWeeks(course, [runOnDay(-5), runOnDay(-4)], { localDayOf: amsterdamDayOf, today });
    expect(result.started).toBe(false);
    expect(result.futureWeeks).toBe(12);
    expect(result.weeks.every((week) => week.time === 'future' && !week.empty && week.runsDone === 0)).toBe(
      true,
    );
    expect(result.runsBeforeStart).toBe(2);
    expect(result.inZonePercent).toBeUndefined();
  });

  test('a daylight-saving change inside the course moves no run to another week', () => {
    // Summer time starts on Sunday 29 March 2026, the last day of week 2. A run just after midnight on Monday
    // 30 March (local, UTC+2) is 22:30 UTC on Sunday: counting 7 × 24 hours from the start's midnight (UTC+1)
    // would put it in week 2; it belongs to week 3.
    const mondayJustAfterMidnight = amsterdamWallMs('2026-03-30', 0.5);
    expect(new Date(mondayJustAfterMidnight).toISOString()).toBe('2026-03-29T22:30:00.000Z');
    // Winter time returns on Sunday 25 October: a course from 12 October, a run late on Sunday 25 October, the last
    // day of week 2, and one just after midnight on Monday 26 October (UTC+1).
    const autumn: ClientCourse = { weeks: 8, startDate: '2026-10-12', runsPerWeek: 3 };
    const sundayLate = amsterdamWallMs('2026-10-25', 23.75);
    const mondayEarly = amsterdamWallMs('2026-10-26', 0.25);
    const spring = courseWeeks(
      course,
      [
        courseRun({ id: 'a', wallMs: amsterdamWallMs('2026-03-29', 23.5) }),
        courseRun({ id: 'b', wallMs: mondayJustAfterMidnight }),
      ],
      afterCourse,
    );
    expect(spring.weeks.slice(0, 3).map((week) => week.runsDone)).toEqual([0, 1, 1]);
    const fall = courseWeeks(
      autumn,
      [courseRun({ id: 'c', wallMs: sundayLate }), courseRun({ id: 'd', wallMs: mondayEarly })],
      { localDayOf: amsterdamDayOf, today: '2027-01-01' },
    );
    expect(fall.weeks.slice(0, 3).map((week) => week.runsDone)).toEqual([0, 1, 1]);
  });

  test('the same sessions give the same weeks in another time zone when the runner lives there', () => {
    // 23:00 UTC on the start day is the next day in Amsterdam but the start day in UTC.
    const lateUtc = Date.UTC(2026, 2, 22, 23);
    const utcDayOf = (wallMs: number) => new Date(wallMs).toISOString().slice(0, 10);
    const sessions = [courseRun({ id: 'late', wallMs: lateUtc })];
    expect(courseWeeks(course, sessions, afterCourse).weeks[1]?.runsDone).toBe(1);
    expect(courseWeeks(course, sessions, { ...afterCourse, localDayOf: utcDayOf }).weeks[0]?.runsDone).toBe(
      1,
    );
  });
});
