import type { HistoryEntry } from '../adapters/storage/history-entry';
import {
  coursePlanFor,
  courseProgress,
  defaultCourse10Weeks,
  defaultCourse12Weeks,
  defaultCourse8Weeks,
  isRunCompleted,
  planDurationMs,
  type Course,
  type CourseProgress,
  type CourseRunRecord,
} from '../core/coaching/index';

export type CourseLength = 8 | 10 | 12;

export function courseOfLength(weeks: CourseLength): Course {
  return weeks === 8 ? defaultCourse8Weeks : weeks === 10 ? defaultCourse10Weeks : defaultCourse12Weeks;
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
    const planned = coursePlanFor(course, plan.courseWeek, plan.courseRun);
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
