/** Dates, numbers and sizes in the UI language, through Intl. */

// Building an Intl formatter costs far more than using one: a history of a thousand runs needs one per language.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(wallMs: number, locale: string): string {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' });
    dateTimeFormats.set(locale, format);
  }
  return format.format(wallMs);
}

const calendarDateFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar day (`YYYY-MM-DD`) in words, "7 September 2026": the day itself, whatever the device's time zone. */
export function formatCalendarDate(date: string, locale: string): string {
  let format = calendarDateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    calendarDateFormats.set(locale, format);
  }
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return format.format(Date.UTC(year, month - 1, day));
}

export function formatNumber(value: number, locale: string, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

export function formatBytes(bytes: number, locale: string): string {
  const [value, unit] =
    bytes >= 1_000_000
      ? [bytes / 1_000_000, 'megabyte']
      : bytes >= 1000
        ? [bytes / 1000, 'kilobyte']
        : [bytes, 'byte'];
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}

export function signedScore(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}
