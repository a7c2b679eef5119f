import type { CalendarDate } from './client-record';

/**
 * The one calendar arithmetic of a course: days are `YYYY-MM-DD` labels counted as plain calendar days (through
 * UTC, so daylight saving never makes a day 23 or 25 hours long), and only the step from an instant to its day
 * uses a time zone. The clients list's "week 3 of 12", the course grid, the evaluation and the research export all
 * count with these, so they cannot disagree.
 */

const dayMs = 86_400_000;

/** The calendar day of a wall-clock instant in the device's time zone, as `YYYY-MM-DD`. */
export function calendarDateOf(wallMs: number): CalendarDate {
  const date = new Date(wallMs);
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${String(date.getFullYear()).padStart(4, '0')}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` day: plain calendar arithmetic, no time zone or daylight saving. */
export function dayNumber(date: CalendarDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (!match) throw new RangeError(`not a calendar day: ${date}`);
  return Math.round(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / dayMs);
}

/** The `YYYY-MM-DD` day `days` after this one. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date((dayNumber(date) + days) * dayMs).toISOString().slice(0, 10);
}

/** Whole days from one calendar day to another (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * The course week a day falls in: week 1 is the seven days from `startDate`, week n the seven after week n − 1;
 * 0 or less before the start (the week before is 0), and past the course's last week as the count goes on.
 */
export function courseWeekOn(startDate: CalendarDate, day: CalendarDate): number {
  return Math.floor(daysBetween(startDate, day) / 7) + 1;
}
