import { describe, expect, it } from 'vitest';
import { calendarDateOf, daysBetween } from '../../../../src/core/clients/calendar-days';
import { courseStatusOn } from '../../../../src/core/clients/course-status';

describe('course status', () => {
  const course = { weeks: 12, startDate: '2026-09-07' } as const;

  it('counts calendar days across months, years and a daylight-saving change', () => {
    expect(daysBetween('2026-09-07', '2026-09-07')).toBe(0);
    expect(daysBetween('2026-09-07', '2026-10-26')).toBe(49);
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2026-09-08', '2026-09-07')).toBe(-1);
  });

  it('starts week 1 on the start date and week 2 seven days later', () => {
    expect(courseStatusOn(course, '2026-09-07')).toEqual({ state: 'running', week: 1, weeks: 12 });
    expect(courseStatusOn(course, '2026-09-13')).toEqual({ state: 'running', week: 1, weeks: 12 });
    expect(courseStatusOn(course, '2026-09-14')).toEqual({ state: 'running', week: 2, weeks: 12 });
    expect(courseStatusOn(course, '2026-11-29')).toEqual({ state: 'running', week: 12, weeks: 12 });
  });

  it('says when the course has not started yet or is over', () => {
    expect(courseStatusOn(course, '2026-09-04')).toEqual({ state: 'not-started', startsInDays: 3 });
    expect(courseStatusOn(course, '2026-11-30')).toEqual({ state: 'finished', weeks: 12 });
    expect(courseStatusOn({ weeks: 8, startDate: '2026-09-07' }, '2026-11-02')).toEqual({
      state: 'finished',
      weeks: 8,
    });
  });

  it('names the local calendar day of an instant', () => {
    const localNoon = new Date(2026, 8, 7, 12).getTime();
    expect(calendarDateOf(localNoon)).toBe('2026-09-07');
    expect(calendarDateOf(new Date(2027, 0, 1, 0, 5).getTime())).toBe('2027-01-01');
  });
});
