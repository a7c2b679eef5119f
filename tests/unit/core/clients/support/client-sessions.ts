import type { CalendarDate } from '../../../../../src/core/clients/client-record';
import type { SessionFacts } from '../../../../../src/core/clients/course-weeks';

/**
 * Europe/Amsterdam's offset from UTC, written out so the tests never depend on the machine's time zone: UTC+2 from
 * 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October, UTC+1 otherwise (EU rule).
 */
function amsterdamOffsetMs(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(year, month + 1, 0));
    return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
  };
  const summer = utcMs >= lastSunday(2) && utcMs < lastSunday(9);
  return (summer ? 2 : 1) * 3_600_000;
}

/** The Amsterdam calendar day of a wall time. */
export function amsterdamDayOf(wallMs: number): CalendarDate {
  return new Date(wallMs + amsterdamOffsetMs(wallMs)).toISOString().slice(0, 10);
}

/** The wall time of a local Amsterdam day and hour (fractions allowed: 0.5 is 00:30). */
export function amsterdamWallMs(date: CalendarDate, hour: number): number {
  const localAsUtc = Date.parse(`${date}T00:00:00Z`) + hour * 3_600_000;
  // The offset in force an hour or two later is the same except within the hour of a change, which tests avoid.
  return localAsUtc - amsterdamOffsetMs(localAsUtc - 3_600_000);
}

/** A finished 30-minute run with a zone time, or as `overrides` say. */
export function courseRun(options: { id: string; wallMs: number } & Partial<SessionFacts>): SessionFacts {
  const { id, wallMs, ...overrides } = options;
  return {
    id,
    kind: 'run',
    status: 'finished',
    startedAtWallMs: wallMs,
    runnerId: 'anna',
    summary: { activeMs: 30 * 60_000, timeInZoneMs: { below: 60_000, inZone: 1_500_000, above: 240_000 } },
    ...overrides,
  };
}
