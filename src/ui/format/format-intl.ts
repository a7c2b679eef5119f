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
