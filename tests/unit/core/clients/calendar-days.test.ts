import { describe, expect, test } from 'vitest';
import { addDays, courseWeekOn, dayNumber } from '../../../../src/core/clients/calendar-days';
import type { ClientCourse } from '../../../../src/core/clients/client-record';
import { courseStatusOn } from '../../../../src/core/clients/course-status';
import { courseWeeks } from '../../../../src/core/clients/course-weeks';
import { amsterdamDayOf, amsterdamWallMs, courseRun } from './support/client-sessions';

describe('calendar days', () => {
  test('count plain days across month and year ends and both daylight-saving changes', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(dayNumber('2026-10-26') - dayNumber('2026-10-25')).toBe(1);
    expect(() => dayNumber('26-10-2026')).toThrow(RangeError);
  });

  test('number course weeks from the start day, 0 and below before it', () => {
    expect(courseWeekOn('2026-09-07', '2026-09-07')).toBe(1);
    expect(courseWeekOn('2026-09-07', '2026-09-13')).toBe(1);
    expect(courseWeekOn('2026-09-07', '2026-09-14')).toBe(2);
    expect(courseWeekOn('2026-09-07', '2026-09-06')).toBe(0);
    expect(courseWeekOn('2026-09-07', '2026-08-31')).toBe(0);
    expect(courseWeekOn('2026-09-07', '2026-08-30')).toBe(-1);
  });
});

describe('the clients list and the course grid agree', () => {
  // Two courses, each spanning a daylight-saving change in Amsterdam (29 March and 25 October 2026).
  const courses: ClientCourse[] = [
    { weeks: 8, startDate: '2026-03-18', runsPerWeek: 3 },
    { weeks: 12, startDate: '2026-10-01', runsPerWeek: 3 },
  ];

  test.each(courses)('on every day around a course from $startDate', (course) => {
    const checked: string[] = [];
    for (let offset = -9; offset < course.weeks * 7 + 9; offset++) {
      const today = addDays(course.startDate, offset);
      // Half past midnight and half past eleven at night: the hours a wrong day count moves across a day's edge.
      const runs = [0.5, 23.5].map((hour) =>
        courseRun({ id: `${today}-${String(hour)}`, wallMs: amsterdamWallMs(today, hour) }),
      );
      const status = courseStatusOn(course, today);
      const grid = courseWeeks(course, runs, { localDayOf: amsterdamDayOf, today });
      const current = grid.weeks.filter((week) => week.time === 'current');
      if (status.state === 'running') {
        expect(current.map((week) => week.week)).toEqual([status.week]);
        expect(current[0]?.runsDone).toBe(2);
        expect(grid.started).toBe(true);
      } else {
        expect(current).toEqual([]);
        expect(status.state === 'not-started' ? grid.runsBeforeStart : grid.runsAfterEnd).toBe(2);
        expect(grid.started).toBe(status.state === 'finished');
      }
      checked.push(status.state);
    }
    expect(new Set(checked)).toEqual(new Set(['not-started', 'running', 'finished']));
  });
});
