import { describe, expect, it } from 'vitest';
import {
  availableLengths,
  courseOfLength,
  courseOfPlan,
  courseRecordsFromHistory,
  customCourse,
  effectiveLength,
  progressFromHistory,
} from '../../../src/app/course';
import { plannedRun } from '../../../src/app/run-choice';
import type { HistoryEntry } from '../../../src/adapters/storage/history-entry';
import type { CustomCourse } from '../../../src/adapters/storage/preferences-store';
import {
  defaultCourse10Weeks,
  defaultCourse12Weeks,
  defaultCourse8Weeks,
  deriveCourse,
  validateCourse,
  type CourseWeek,
} from '../../../src/core/coaching/index';

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
  const course = courseOfLength(12, undefined);

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

/** An own course of `count` weeks: the default's weeks, the last ones repeated as needed. */
function ownCourse(count: number, change?: (week: CourseWeek) => CourseWeek): CustomCourse {
  const source = defaultCourse12Weeks.weeks;
  const weeks = Array.from({ length: count }, (_, i): CourseWeek => {
    const week = source[Math.min(i, source.length - 1)];
    if (!week) throw new Error('no week');
    return { ...(change ? change(week) : week), week: i + 1 };
  });
  return { weeks };
}

function sessionOf(planId: string, week: number, run: number): HistoryEntry {
  return {
    id: `${planId}-${String(week)}-${String(run)}`,
    kind: 'run',
    status: 'finished',
    startedAtWallMs: 0,
    notesPreview: '',
    plan: {
      planId: `${planId}/week-${String(week)}/run-${String(run)}`,
      name: 'x',
      courseWeek: week,
      courseRun: run,
    },
    summary: { durationMs: 40 * 60_000, activeMs: 40 * 60_000, beatCount: 0 },
  };
}

describe('the default courses', () => {
  it('are the 8, 10 and 12 weeks derived from the default, all offered', () => {
    expect(courseOfLength(8, undefined)).toBe(defaultCourse8Weeks);
    expect(courseOfLength(10, undefined)).toBe(defaultCourse10Weeks);
    expect(courseOfLength(12, undefined)).toBe(defaultCourse12Weeks);
    expect(availableLengths(undefined)).toEqual([8, 10, 12]);
    expect(effectiveLength(10, undefined)).toBe(10);
  });

  it('finds the course a stored plan belongs to', () => {
    const eight = courseOfLength(8, undefined);
    expect(courseOfPlan(`${eight.id}/week-2/run-1`, undefined)).toBe(eight);
    expect(courseOfPlan('something-else/week-2/run-1', undefined)).toBe(defaultCourse12Weeks);
  });
});

describe('an own course', () => {
  const twelve = ownCourse(12, (week) => (week.week === 5 ? { ...week, supervisedRun: 2 } : week));

  it("is the whole course for 12, with the default's runs and walks and an id of its own", () => {
    const course = courseOfLength(12, twelve);
    expect(course).toEqual({
      ...defaultCourse12Weeks,
      id: 'custom-12-weeks',
      name: 'Own calm-running course in 12 weeks',
      weeks: twelve.weeks,
    });
    expect(validateCourse(course)).toEqual([]);
  });

  it('gives 8 and 10 weeks derived from it, as the defaults are from the default', () => {
    for (const length of [8, 10] as const) {
      const course = courseOfLength(length, twelve);
      expect(course.id).toBe(`custom-${String(length)}-weeks`);
      expect(course.weeks).toEqual(deriveCourse(customCourse(twelve), length).weeks);
      expect(course.weeks.map((week) => week.sourceWeek)).toEqual(
        courseOfLength(length, undefined).weeks.map((week) => week.sourceWeek),
      );
    }
    expect(availableLengths(twelve)).toEqual([8, 10, 12]);
  });

  it('offers only the lengths that fit; a longer choice is the whole course', () => {
    const nine = ownCourse(9);
    expect(availableLengths(nine)).toEqual([8, 12]);
    expect(courseOfLength(10, nine)).toEqual(courseOfLength(12, nine));
    expect(courseOfLength(12, nine).weeks).toHaveLength(9);
    expect(courseOfLength(8, nine).weeks).toHaveLength(8);
    expect(effectiveLength(10, nine)).toBe(12);
    expect(effectiveLength(8, nine)).toBe(8);

    const six = ownCourse(6);
    expect(availableLengths(six)).toEqual([12]);
    expect(courseOfLength(8, six).id).toBe('custom-6-weeks');

    // Longer than 12: 12 still stands for the whole course, the shorter ones are derived.
    const fourteen = ownCourse(14);
    expect(availableLengths(fourteen)).toEqual([8, 10, 12]);
    expect(courseOfLength(12, fourteen).weeks).toHaveLength(14);
    expect(courseOfLength(10, fourteen).weeks).toHaveLength(10);
  });

  it("keeps its progress through an edit with the same number of weeks, not the default's", () => {
    const history = [sessionOf('custom-12-weeks', 1, 1), sessionOf('calm-run-12-weeks', 1, 2)];
    const edited = ownCourse(12, (week) => (week.week === 7 ? { ...week, supervisedRun: 3 } : week));
    for (const course of [twelve, edited]) {
      const progress = progressFromHistory(courseOfLength(12, course), history);
      expect(progress.weeks[0]?.runs.map((run) => run.timesCompleted)).toEqual([1, 0, 0]);
    }
    // Another number of weeks is another course: its progress starts afresh.
    const thirteen = progressFromHistory(courseOfLength(12, ownCourse(13)), history);
    expect(thirteen.weeks[0]?.runsDone).toBe(0);
  });

  it('gives the planned runs of the own course', () => {
    const course = courseOfLength(12, ownCourse(9));
    expect(course.id).toBe('custom-9-weeks');
    expect(plannedRun({ kind: 'course', week: 9, run: 1 }, course)?.ref.planId).toBe(
      'custom-9-weeks/week-9/run-1',
    );
  });
});

describe('a course run with breathing blocks', () => {
  it('is judged against its longer planned time', () => {
    const course = courseOfLength(12, undefined);
    const withBreathing = (activeMin: number): HistoryEntry => ({
      id: `b-${activeMin}`,
      kind: 'run',
      status: 'finished',
      startedAtWallMs: 0,
      notesPreview: '',
      plan: {
        planId: `${course.id}/week-1/run-1+breathing`,
        name: 'x',
        courseWeek: 1,
        courseRun: 1,
      },
      summary: { durationMs: activeMin * 60_000, activeMs: activeMin * 60_000, beatCount: 0 },
    });
    // Week 1 is 34 minutes, 40 with the two 3-minute breathing blocks: 80 % is 32 minutes.
    expect(courseRecordsFromHistory(course, [withBreathing(30)])).toEqual([
      { week: 1, run: 1, completed: false },
    ]);
    expect(courseRecordsFromHistory(course, [withBreathing(33)])).toEqual([
      { week: 1, run: 1, completed: true },
    ]);
  });
});
