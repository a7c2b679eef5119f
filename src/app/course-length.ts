import type { CustomCourse } from '../adapters/storage/preferences-store';
import { defaultCourse12Weeks } from '../core/coaching/course-plan';

/**
 * The course lengths a runner chooses from. 12 stands for the whole course: the default 12 weeks, or the
 * therapist's own course with however many weeks it has; 8 and 10 are derived from it when it is longer.
 */
export type CourseLength = 8 | 10 | 12;

const SHORTER_LENGTHS = [8, 10] as const;

/** The lengths worth offering: the shorter ones only when the course is longer than they are, then the whole. */
export function availableLengths(custom: CustomCourse | undefined): CourseLength[] {
  const weekCount = custom?.weeks.length ?? defaultCourse12Weeks.weeks.length;
  return [...SHORTER_LENGTHS.filter((length) => length < weekCount), 12];
}

/** The offered length a stored choice amounts to (a choice the own course is too short for is the whole course). */
export function effectiveLength(weeks: CourseLength, custom: CustomCourse | undefined): CourseLength {
  return availableLengths(custom).includes(weeks) ? weeks : 12;
}
