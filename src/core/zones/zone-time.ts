import type { TimeInZoneMs } from '../session/session-model';
import type { ZoneTimes } from './zone-tracker';

/** Whole percentages of the time with a reading spent below, in and above the zone. */
export interface ZoneTimePercents {
  below: number;
  inZone: number;
  above: number;
}

/** The live tracker's times as a session keeps them: no-reading time is in none of the three. */
export function timeInZoneOf(times: ZoneTimes): TimeInZoneMs {
  return { below: times.belowMs, inZone: times.inMs, above: times.aboveMs };
}

/**
 * Each part's share of the time with a reading (below + in + above), as a whole percentage rounded to nearest;
 * undefined when there is no such time. No-reading and paused time are not in the total: a loose strap does not
 * lower the figure.
 */
export function zoneTimePercents(time: TimeInZoneMs): ZoneTimePercents | undefined {
  const totalMs = time.below + time.inZone + time.above;
  if (!(totalMs > 0)) return undefined;
  const share = (ms: number): number => Math.round((100 * ms) / totalMs);
  return { below: share(time.below), inZone: share(time.inZone), above: share(time.above) };
}

/**
 * The percentage in zone, the one figure shown live, after the run, in history and in a group summary:
 * 100 · inZone / (below + inZone + above), rounded to a whole percent; undefined without time with a reading.
 */
export function inZonePercent(time: TimeInZoneMs): number | undefined {
  return zoneTimePercents(time)?.inZone;
}
