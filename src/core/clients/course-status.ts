import type { CalendarDate, ClientCourse } from './client-record';

const dayMs = 86_400_000;

/** The calendar day of a wall-clock instant in the device's time zone, as `YYYY-MM-DD`. */
export function calendarDateOf(wallMs: number): CalendarDate {
  const date = new Date(wallMs);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${String(date.getFullYear()).padStart(4, '0')}-${month}-${day}`;
}

/** Whole days from one calendar day to another (negative when `to` is earlier); time zones play no part. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((utcMidnightMs(to) - utcMidnightMs(from)) / dayMs);
}

function utcMidnightMs(date: CalendarDate): number {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}

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
  const week = Math.floor(days / 7) + 1;
  return week > course.weeks
    ? { state: 'finished', weeks: course.weeks }
    : { state: 'running', week, weeks: course.weeks };
}
