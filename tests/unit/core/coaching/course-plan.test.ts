import { describe, expect, test } from 'vitest';
import {
  coursePlanFor,
  defaultCourse10Weeks,
  defaultCourse12Weeks,
  defaultCourse8Weeks,
  deriveCourse,
  longestContinuousRunMs,
  planDurationMs,
  validateCourse,
  validateRunPlan,
  weekRunningMs,
  type Course,
  type PhaseKind,
} from '../../../../src/core/coaching/index';

const MIN = 60_000;

/** The list: the main part of each week in minutes, runs and walks alternating. */
const LISTED: readonly (readonly number[])[] = [
  repeat(8, [1, 2]),
  repeat(7, [1.5, 2]),
  repeat(6, [2, 2]),
  repeat(5, [3, 2]),
  repeat(4, [4, 2]),
  repeat(3, [6, 2]),
  repeat(2, [10, 2]),
  [12, 2, 10],
  [15, 2, 10],
  [20, 2, 8],
  [25],
  [30],
];

function repeat(times: number, pair: readonly number[]): number[] {
  return Array.from({ length: times }, () => pair).flat();
}

function minutesOf(course: Course, week: number): { kind: PhaseKind; min: number }[] {
  return (coursePlanFor(course, week, 1)?.phases ?? []).map((p) => ({
    kind: p.kind,
    min: p.durationMs / MIN,
  }));
}

describe('the default 12-week course', () => {
  test('is valid, three runs a week, the first supervised', () => {
    expect(validateCourse(defaultCourse12Weeks)).toEqual([]);
    expect(defaultCourse12Weeks.weeks).toHaveLength(12);
    expect(defaultCourse12Weeks.runsPerWeek).toBe(3);
    expect(defaultCourse12Weeks.supervisedRun).toBe(1);
  });

  test('every week is exactly as listed, between a 5-minute warm-up walk and a 5-minute cool-down walk', () => {
    LISTED.forEach((main, i) => {
      const week = i + 1;
      const phases = minutesOf(defaultCourse12Weeks, week);
      expect(phases[0]).toEqual({ kind: 'warm-up-walk', min: 5 });
      expect(phases.at(-1)).toEqual({ kind: 'cool-down-walk', min: 5 });
      const middle = phases.slice(1, -1);
      expect(middle.map((p) => p.min)).toEqual(main);
      const runKind = week >= 11 ? 'calm-run' : 'run';
      middle.forEach((p, j) => expect(p.kind).toBe(j % 2 === 0 ? runKind : 'walk'));
    });
  });

  test('total durations (minutes): main part plus the two 5-minute walks', () => {
    const totals = defaultCourse12Weeks.weeks.map((w) => {
      const plan = coursePlanFor(defaultCourse12Weeks, w.week, 2);
      return plan === undefined ? Number.NaN : planDurationMs(plan) / MIN;
    });
    expect(totals).toEqual([34, 34.5, 34, 35, 34, 34, 34, 34, 37, 40, 35, 40]);
    expect(defaultCourse12Weeks.weeks.map((w) => weekRunningMs(w) / MIN)).toEqual([
      8, 10.5, 12, 15, 16, 18, 20, 22, 25, 28, 25, 30,
    ]);
  });

  test('the longest continuous run never decreases, from 1 to 30 minutes', () => {
    const longest = defaultCourse12Weeks.weeks.map((w) => longestContinuousRunMs(w) / MIN);
    expect(longest).toEqual([1, 1.5, 2, 3, 4, 6, 10, 12, 15, 20, 25, 30]);
  });

  test('run plans are valid and named by week and run; unknown weeks and runs give none', () => {
    for (const week of defaultCourse12Weeks.weeks) {
      for (let run = 1; run <= 3; run++) {
        const plan = coursePlanFor(defaultCourse12Weeks, week.week, run);
        expect(plan && validateRunPlan(plan)).toEqual([]);
        expect(plan?.id).toBe(`calm-run-12-weeks/week-${week.week}/run-${run}`);
      }
    }
    expect(coursePlanFor(defaultCourse12Weeks, 13, 1)).toBeUndefined();
    expect(coursePlanFor(defaultCourse12Weeks, 1, 4)).toBeUndefined();
  });
});

describe('validateCourse', () => {
  test('names what is wrong with an edited course', () => {
    const edited: Course = {
      ...defaultCourse12Weeks,
      supervisedRun: 4,
      warmUpWalkMs: 3 * MIN,
      weeks: [
        { week: 1, blocks: [{ repeat: 0, phases: [{ kind: 'run', durationMs: MIN }] }] },
        { week: 3, blocks: [{ repeat: 2, phases: [{ kind: 'walk', durationMs: MIN }] }] },
        { week: 3, blocks: [] },
        { week: 4, blocks: [{ repeat: 1, phases: [{ kind: 'run', durationMs: 90_500 }] }], supervisedRun: 0 },
        { week: 5, blocks: [{ repeat: 50, phases: [{ kind: 'run', durationMs: 10 * MIN }] }] },
      ],
    };
    expect(validateCourse(edited)).toEqual([
      { code: 'supervised-run', found: 4 },
      { code: 'warm-up-walk', found: 3 * MIN },
      { code: 'bad-repeat', week: 1, block: 0 },
      { code: 'week-number', index: 1, expected: 2, found: 3 },
      { code: 'no-running', week: 3 },
      { code: 'empty-week', week: 3 },
      { code: 'supervised-run', week: 4, found: 0 },
      { code: 'bad-duration', week: 4, block: 0, phase: 0 },
      { code: 'week-too-long', week: 5, totalMs: 500 * MIN },
    ]);
    expect(validateCourse({ ...defaultCourse12Weeks, weeks: [], runsPerWeek: 0 })).toEqual([
      { code: 'no-weeks' },
      { code: 'runs-per-week', found: 0 },
      { code: 'supervised-run', found: 1 },
    ]);
  });
});

describe('derived courses', () => {
  test('8 and 10 weeks keep the first and last weeks, and their order', () => {
    for (const [course, count] of [
      [defaultCourse8Weeks, 8],
      [defaultCourse10Weeks, 10],
    ] as const) {
      expect(validateCourse(course)).toEqual([]);
      expect(course.weeks).toHaveLength(count);
      const source = course.weeks.map((w) => w.sourceWeek ?? Number.NaN);
      expect(source[0]).toBe(1);
      expect(source.at(-1)).toBe(12);
      source.slice(1).forEach((s, i) => expect(s).toBeGreaterThan(source[i] ?? Infinity));
      course.weeks.forEach((w, i) => {
        expect(w.week).toBe(i + 1);
        const original = defaultCourse12Weeks.weeks[(w.sourceWeek ?? 0) - 1];
        expect(w.blocks).toEqual(original?.blocks);
      });
    }
  });

  test('are monotonic: the longest continuous run never decreases', () => {
    for (const course of [defaultCourse8Weeks, defaultCourse10Weeks]) {
      const longest = course.weeks.map(longestContinuousRunMs);
      longest.slice(1).forEach((l, i) => expect(l).toBeGreaterThanOrEqual(longest[i] ?? Infinity));
    }
  });

  test('drop the weeks that make the steps most even (documented choice)', () => {
    expect(defaultCourse10Weeks.weeks.map((w) => w.sourceWeek)).toEqual([1, 3, 4, 5, 6, 7, 9, 10, 11, 12]);
    expect(defaultCourse8Weeks.weeks.map((w) => w.sourceWeek)).toEqual([1, 3, 5, 6, 7, 9, 10, 12]);
    expect(defaultCourse8Weeks.id).toBe('calm-run-12-weeks-8-weeks');
  });

  test('any derivable length is monotonic, and the counts are checked', () => {
    for (let n = 2; n <= 12; n++) {
      const course = deriveCourse(defaultCourse12Weeks, n);
      expect(course.weeks).toHaveLength(n);
      const longest = course.weeks.map(longestContinuousRunMs);
      longest.slice(1).forEach((l, i) => expect(l).toBeGreaterThanOrEqual(longest[i] ?? Infinity));
    }
    expect(deriveCourse(defaultCourse12Weeks, 2).weeks.map((w) => w.sourceWeek)).toEqual([1, 12]);
    expect(() => deriveCourse(defaultCourse12Weeks, 1)).toThrow(RangeError);
    expect(() => deriveCourse(defaultCourse12Weeks, 13)).toThrow(RangeError);
  });
});
