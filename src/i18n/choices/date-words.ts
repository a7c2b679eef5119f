import type { CalendarDate } from '../../core/clients/client-record';

/** How long a calendar day is written: "16 March 2026" in running text, "16 Mar 2026" in a tight list. */
export type CalendarDateStyle = 'long' | 'medium';

// Building an Intl formatter costs far more than using one: one per language and style.
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar day (`YYYY-MM-DD`) in words in the reader's language, the same on every machine whatever its time
 * zone: the day is written as the UTC day it names. Every screen that writes a course, intake or note day uses it.
 */
export function calendarDateWords(
  date: CalendarDate,
  locale: string,
  style: CalendarDateStyle = 'long',
): string {
  const key = `${locale} ${style}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' });
    formats.set(key, format);
  }
  return format.format(Date.parse(`${date}T00:00:00Z`));
}
