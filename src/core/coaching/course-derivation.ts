import { defaultCourse12Weeks, longestContinuousRunMs, type Course, type CourseWeek } from './course-plan';

/**
 * Offset added to the longest continuous run before steps are compared on a log scale: two minutes, the
 * course's walk break, the unit its first weeks are built of.
 */
export const DERIVATION_OFFSET_MS = 2 * 60_000;

function stepScale(week: CourseWeek): number {
  return Math.log(longestContinuousRunMs(week) + DERIVATION_OFFSET_MS);
}

/**
 * A shorter course from a longer one (e.g. the 8- and 10-week courses from the 12-week one) by dropping weeks:
 * the first and last weeks are always kept, the kept weeks stay in order (so a course whose longest continuous
 * run never decreases yields one that never decreases either), and among all such choices the one whose steps
 * are the most even is taken.
 *
 * "Even" means the least sum of squared steps in ln(longest continuous run + 2 min), found exactly by dynamic
 * programming (ties go to the earlier-found choice, so the result is deterministic). On that scale steps are
 * proportional for long runs (20 → 30 min weighs as much as 10 → 15), while in the first weeks, where half a
 * minute more is a small step in practice but a large ratio, they are damped; a pure ratio would drop the late
 * weeks and end in big jumps, a pure difference would drop the early ones and start with one. For the default
 * course this keeps weeks 1, 3, 4, 5, 6, 7, 9, 10, 11, 12 for 10 weeks and 1, 3, 5, 6, 7, 9, 10, 12 for 8.
 *
 * Weeks are renumbered 1..weekCount and carry `sourceWeek`; the id gets a `-<n>-weeks` suffix. Throws a
 * RangeError unless 2 ≤ weekCount ≤ the source's weeks (an equal count returns a renumbered copy).
 */
export function deriveCourse(source: Course, weekCount: number, name?: string): Course {
  const n = source.weeks.length;
  if (!Number.isInteger(weekCount) || weekCount < 2 || weekCount > n) {
    throw new RangeError(`can derive 2..${n} weeks from this course, not ${weekCount}`);
  }
  const keep = evenestSelection(source.weeks.map(stepScale), weekCount);
  return {
    ...source,
    id: `${source.id}-${weekCount}-weeks`,
    name: name ?? source.name,
    weeks: keep.map((sourceIndex, i): CourseWeek => {
      const week = source.weeks[sourceIndex];
      if (week === undefined) throw new Error('unreachable: selection index out of range');
      return { ...week, week: i + 1, sourceWeek: week.sourceWeek ?? week.week };
    }),
  };
}

/**
 * Indices of `count` of `values` (first and last included, in order) minimising the sum of squared differences
 * between consecutive chosen values.
 */
function evenestSelection(values: readonly number[], count: number): number[] {
  const n = values.length;
  // cost[k][j]: least cost of choosing k + 1 indices from 0 to j, ending at j; from[k][j]: the index before j.
  const cost: number[][] = [];
  const from: number[][] = [];
  for (let k = 0; k < count; k++) {
    cost.push(new Array<number>(n).fill(Number.POSITIVE_INFINITY));
    from.push(new Array<number>(n).fill(-1));
  }
  const first = cost[0];
  if (first !== undefined) first[0] = 0;
  for (let k = 1; k < count; k++) {
    const previous = cost[k - 1] ?? [];
    const current = cost[k] ?? [];
    const back = from[k] ?? [];
    for (let j = k; j < n; j++) {
      for (let i = k - 1; i < j; i++) {
        const step = (values[j] ?? 0) - (values[i] ?? 0);
        const candidate = (previous[i] ?? Number.POSITIVE_INFINITY) + step * step;
        // Strictly better by more than rounding: ties keep the earlier-found (earlier) predecessor.
        if (candidate < (current[j] ?? Number.POSITIVE_INFINITY) - 1e-12) {
          current[j] = candidate;
          back[j] = i;
        }
      }
    }
  }
  const picked: number[] = [];
  let j = n - 1;
  for (let k = count - 1; k >= 0; k--) {
    picked.push(j);
    j = from[k]?.[j] ?? -1;
  }
  return picked.reverse();
}

/** The default 10-week course, derived from {@link defaultCourse12Weeks} by {@link deriveCourse}. */
export const defaultCourse10Weeks: Course = deriveCourse(
  defaultCourse12Weeks,
  10,
  'Calm running in 10 weeks',
);
/** The default 8-week course, derived from {@link defaultCourse12Weeks} by {@link deriveCourse}. */
export const defaultCourse8Weeks: Course = deriveCourse(defaultCourse12Weeks, 8, 'Calm running in 8 weeks');
