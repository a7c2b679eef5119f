import type { SessionSummary } from './session-model';

/**
 * The share of the time with a reading that was in the zone, in whole percent (rounded); undefined when no time
 * had a reading, as "0 % in your zone" would tell of something that did not happen.
 */
export function inZonePercent(timeInZoneMs: NonNullable<SessionSummary['timeInZoneMs']>): number | undefined {
  const totalMs = timeInZoneMs.below + timeInZoneMs.inZone + timeInZoneMs.above;
  return totalMs > 0 ? Math.round((100 * timeInZoneMs.inZone) / totalMs) : undefined;
}
