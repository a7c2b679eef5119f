import { courseWeekOn, daysBetween } from './calendar-days';
import type { CalendarDate, ClientCourse } from './client-record';

/** Where a client stands in their course on a given day: week 1 starts on the start date. */
export type CourseStatus =
  | { state: 'not-started'; startsInDays: number }
  | { state: 'running'; week: number; weeks: number }
  | { state: 'finished'; weeks: number };

export function courseStatusOn(
  course: Pick<ClientCourse, 'weeks' | 'startDate'>,
  today: CalendarDate,
): CourseStatus {
  const days = daysBetween(course.startDate, today);
  if (days < 0) return { state: 'not-started', startsInDays: -days };
  const week = courseWeekOn(course.startDate, today);
  return week > course.weeks
    ? { state: 'finished', weeks: course.weeks }
    : { state: 'running', week, weeks: course.weeks };
}
