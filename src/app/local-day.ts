import type { CalendarDate } from '../core/clients/client-record';

/** The calendar day a wall-clock time falls on in this device's time zone, as `YYYY-MM-DD`. */
export function localDayOf(wallMs: number): CalendarDate {
  const date = new Date(wallMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
