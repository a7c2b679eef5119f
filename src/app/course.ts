import type { HistoryEntry } from '../adapters/storage/history-entry';
import type { CustomCourse } from '../adapters/storage/preferences-store';
import {
  coursePlanFor,
  courseProgress,
  defaultCourse10Weeks,
  defaultCourse12Weeks,
  defaultCourse8Weeks,
  deriveCourse,
  isRunCompleted,
  planDurationMs,
  withBreathingBlocks,
  BREATHING_BLOCKS_SUFFIX,
  type Course,
  type CourseProgress,
  type CourseRunRecord,
} from '../core/coaching/index';
import { availableLengths, type CourseLength } from './course-length';

// The lengths live in a module of their own, which the first screen can load without the courses themselves.
export { availableLengths, effectiveLength, type CourseLength } from './course-length';

/**
 * The therapist's own course (weeks from the editor) as a course. Everything but the weeks comes from the default
 * 12-week course: three runs a week, the first supervised, 5-minute walks before and after every run.
 *
 * Ids and progress: progress counts the sessions whose plan id starts with the course id, by week and run number.
 * An own course's id is `custom-<weeks>-weeks`, for the whole course and for each shorter version alike: distinct
 * from the default course's ids (sessions run in the default course do not count toward an own course, whose week
 * 5 may be something else), but the same after every edit that keeps the number of weeks, so a therapist can
 * adjust the weeks ahead without wiping what the runner already did. A week that was made longer may no longer
 * count a past session as completed (it must still reach 80 % of the new plan's time); an edit that changes the
 * number of weeks starts the progress of that length afresh.
 */
export function customCourse(custom: CustomCourse): Course {
  const weekCount = custom.weeks.length;
  return {
    ...defaultCourse12Weeks,
    id: `custom-${String(weekCount)}-weeks`,
    name: `Own calm-running course in ${String(weekCount)} weeks`,
    weeks: custom.weeks,
  };
}

/**
 * The course the runner follows for a chosen length: the default ones, or with an own course its version of that
 * length (derived by `deriveCourse`, as the defaults are). A length the own course is too short for gives the whole
 * own course: the nearest that fits.
 */
export function courseOfLength(weeks: CourseLength, custom: CustomCourse | undefined): Course {
  if (custom === undefined) {
    return weeks === 8 ? defaultCourse8Weeks : weeks === 10 ? defaultCourse10Weeks : defaultCourse12Weeks;
  }
  const whole = customCourse(custom);
  if (weeks === 12 || weeks >= whole.weeks.length) return whole;
  const derived = deriveCourse(whole, weeks, `Own calm-running course in ${String(weeks)} weeks`);
  return { ...derived, id: `custom-${String(weeks)}-weeks` };
}

/**
 * The course's runs as history holds them, oldest first: a run counts as completed when it was finished with
 * enough of its planned time, however much of it was walked.
 */
export function courseRecordsFromHistory(
  course: Course,
  newestFirst: readonly HistoryEntry[],
): CourseRunRecord[] {
  const records: CourseRunRecord[] = [];
  for (const entry of [...newestFirst].reverse()) {
    const plan = entry.plan;
    if (
      !plan?.planId.startsWith(`${course.id}/`) ||
      plan.courseWeek === undefined ||
      plan.courseRun === undefined
    ) {
      continue;
    }
    const coursePlan = coursePlanFor(course, plan.courseWeek, plan.courseRun);
    // A run with breathing blocks was planned that much longer: completion is judged against all of it.
    const planned =
      coursePlan && plan.planId.endsWith(BREATHING_BLOCKS_SUFFIX)
        ? withBreathingBlocks(coursePlan)
        : coursePlan;
    records.push({
      week: plan.courseWeek,
      run: plan.courseRun,
      completed:
        planned !== undefined &&
        isRunCompleted({
          finished: entry.status === 'finished',
          activeMs: entry.summary?.activeMs ?? 0,
          plannedMs: planDurationMs(planned),
        }),
    });
  }
  return records;
}

export function progressFromHistory(course: Course, newestFirst: readonly HistoryEntry[]): CourseProgress {
  return courseProgress(course, courseRecordsFromHistory(course, newestFirst));
}

/** The course a stored plan id belongs to (its id is the plan id's prefix); the whole course when none matches. */
export function courseOfPlan(planId: string, custom: CustomCourse | undefined): Course {
  for (const weeks of availableLengths(custom)) {
    const course = courseOfLength(weeks, custom);
    if (planId.startsWith(`${course.id}/`)) return course;
  }
  return courseOfLength(12, custom);
}
