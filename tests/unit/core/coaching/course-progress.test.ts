import { describe, expect, test } from 'vitest';
import {
  courseProgress,
  defaultCourse12Weeks,
  isRunCompleted,
  type CourseRunRecord,
} from '../../../../src/core/coaching/index';

const done = (week: number, run: number): CourseRunRecord => ({ week, run, completed: true });

function weeksThrough(last: number): CourseRunRecord[] {
  const records: CourseRunRecord[] = [];
  for (let week = 1; week <= last; week++) for (let run = 1; run <= 3; run++) records.push(done(week, run));
  return records;
}

describe('isRunCompleted', () => {
  test('a finished session with at least 80 % of the planned time, whatever was walked', () => {
    const plannedMs = 34 * 60_000;
    expect(isRunCompleted({ finished: true, activeMs: plannedMs, plannedMs })).toBe(true);
    // Stopped during the cool-down walk: 29 of 34 minutes.
    expect(isRunCompleted({ finished: true, activeMs: 29 * 60_000, plannedMs })).toBe(true);
    expect(isRunCompleted({ finished: true, activeMs: 0.8 * plannedMs, plannedMs })).toBe(true);
    expect(isRunCompleted({ finished: true, activeMs: 0.8 * plannedMs - 1, plannedMs })).toBe(false);
    expect(isRunCompleted({ finished: false, activeMs: plannedMs, plannedMs })).toBe(false);
  });
});

describe('courseProgress', () => {
  test('nothing done yet: week 1, run 1, which is the supervised one', () => {
    const progress = courseProgress(defaultCourse12Weeks, []);
    expect(progress.next).toEqual({ week: 1, run: 1, supervised: true });
    expect(progress.completedWeeks).toBe(0);
    expect(progress.weeks).toHaveLength(12);
    expect(progress.weeks[0]).toEqual({
      week: 1,
      runs: [
        { run: 1, supervised: true, timesCompleted: 0 },
        { run: 2, supervised: false, timesCompleted: 0 },
        { run: 3, supervised: false, timesCompleted: 0 },
      ],
      runsDone: 0,
      complete: false,
      repeated: false,
    });
  });

  test('counts runs per week and suggests the next missing run, then the next week', () => {
    const progress = courseProgress(defaultCourse12Weeks, [...weeksThrough(2), done(3, 1)]);
    expect(progress.weeks.map((w) => w.runsDone)).toEqual([3, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(progress.completedWeeks).toBe(2);
    expect(progress.next).toEqual({ week: 3, run: 2, supervised: false });
    expect(courseProgress(defaultCourse12Weeks, weeksThrough(3)).next).toEqual({
      week: 4,
      run: 1,
      supervised: true,
    });
  });

  test('sessions that did not complete their run do not count, and never block the course', () => {
    const records = [
      done(1, 1),
      { week: 1, run: 2, completed: false },
      { week: 1, run: 2, completed: false },
    ];
    const progress = courseProgress(defaultCourse12Weeks, records);
    expect(progress.weeks[0]?.runsDone).toBe(1);
    expect(progress.next).toEqual({ week: 1, run: 2, supervised: false });
  });

  test('a repeated week is counted and the suggestion follows the runner back, then on', () => {
    const base = weeksThrough(5);
    const repeating = courseProgress(defaultCourse12Weeks, [...base, done(4, 1)]);
    expect(repeating.next).toEqual({ week: 4, run: 2, supervised: false });
    expect(repeating.weeks[3]).toMatchObject({ runsDone: 3, complete: true, repeated: true });
    expect(repeating.weeks[3]?.runs[0]?.timesCompleted).toBe(2);
    const repeated = courseProgress(defaultCourse12Weeks, [...base, done(4, 1), done(4, 2), done(4, 3)]);
    expect(repeated.next).toEqual({ week: 5, run: 1, supervised: true });
  });

  test('runs done out of order, and a runner moved ahead by the therapist', () => {
    expect(courseProgress(defaultCourse12Weeks, [done(1, 2)]).next).toMatchObject({ week: 1, run: 1 });
    expect(courseProgress(defaultCourse12Weeks, [done(1, 2), done(1, 1)]).next).toMatchObject({
      week: 1,
      run: 3,
    });
    expect(courseProgress(defaultCourse12Weeks, [...weeksThrough(2), done(6, 1)]).next).toMatchObject({
      week: 6,
      run: 2,
    });
  });

  test('after the last week there is no next run; unknown weeks and runs are ignored', () => {
    const progress = courseProgress(defaultCourse12Weeks, [...weeksThrough(12), done(13, 1), done(2, 4)]);
    expect(progress.next).toBeNull();
    expect(progress.completedWeeks).toBe(12);
    expect(progress.weeks.some((w) => w.repeated)).toBe(false);
  });

  test('a week override moves the supervised run', () => {
    const course = {
      ...defaultCourse12Weeks,
      weeks: defaultCourse12Weeks.weeks.map((w) => (w.week === 2 ? { ...w, supervisedRun: 3 } : w)),
    };
    const progress = courseProgress(course, weeksThrough(1));
    expect(progress.next).toEqual({ week: 2, run: 1, supervised: false });
    expect(progress.weeks[1]?.runs.map((r) => r.supervised)).toEqual([false, false, true]);
  });
});
