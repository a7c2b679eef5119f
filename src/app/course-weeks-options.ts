import type { CustomCourse } from '../adapters/storage/preferences-store';
import { calendarDateOf } from '../core/clients/calendar-days';
import type { CourseWeeksOptions } from '../core/clients/course-weeks';
import { plannedCourseRunOf } from './planned-course-run';

/**
 * How this device counts course weeks: its own time zone's days, today, and the runner's courses for what a plan
 * names. The client page's grid and the evaluation report both count with it.
 */
export function courseWeeksOptions(
  customCourse: CustomCourse | undefined,
  nowWallMs: number,
): CourseWeeksOptions {
  return {
    localDayOf: calendarDateOf,
    today: calendarDateOf(nowWallMs),
    plannedRunOf: plannedCourseRunOf(customCourse),
  };
}
